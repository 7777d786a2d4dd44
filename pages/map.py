"""Map: one general-population indicator across England's local authorities, compared with England."""

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from charts.export import chart_png
from charts.hexmap import hex_map
from charts.html_table import html_table
from charts.map_legend import legend_html
from charts.maps import area_layer, base_map
from charts.static_map import static_map
from core import catalogue
from core.codes import LEVEL_LABELS, PFA
from core.safe_csv import to_csv_bytes
from present import map_view
from ui import blocks, chrome, keys, pickers, place_view, router, state
from ui import cache as cached
from ui import neighbours as neighbour_block
from ui.assets import WebAssetsError

router.require_router()

MAP_HEIGHT_PX = 620
VIEW_MAP, VIEW_HEX = "map", "hex"
VIEW_LABELS = {VIEW_MAP: "Map", VIEW_HEX: "Hex map (every area the same size)"}
ONE_DECIMAL = st.column_config.NumberColumn(format="%.1f")
# The code report as plain HTML: Streamlit's table and grid bring the browser code that held up the map.
REPORT_HEADINGS = {"code": "Code in the file", "name": "Name in the file", "action": "What was done",
                   "new_code": "Current code", "new_name": "Current name", "reason": "Why"}
# The click's position is returned too, so that clicking the same area again after choosing another in the list
# still counts as a change.
RETURNED = ["last_active_drawing", "last_object_clicked"]

st.title("Map: local health and justice indicators")
st.markdown("The general-population needs that drive the needs of people in contact with the justice system, "
            "for every local authority in England. Pick your area to highlight it. Under the map, the CSV download "
            "and the table of every area (shown on request) have each value, its interval and how it compares "
            "with England.")

data = blocks.load_or_stop(cached.local_indicators)
with chrome.controls("map_choices"):
    controls = st.columns([3, 2, 2, 3])
level = pickers.choose_level(controls[1], help="Upper tier: counties and unitary authorities (153). Lower tier: "
                                               "districts and unitary authorities (296). Police force areas (39), "
                                               "each computed from its districts' counts where they allow it.")
indicator, period, colour_by = pickers.choose_map_view(controls[0], controls[2], controls[3], data, level)

shown, legend, colour_shown = cached.map_view(indicator, level, period, colour_by)
names = dict(zip(shown["area_code"], shown["area_name"], strict=True))
with chrome.controls("map_area"):
    choice = st.columns([3, 4])
area = pickers.choose_area_in(choice[0], names, label="Your area", empty_label="None chosen",
                              help="Or click an area on the map.", level=level)
# There is no hex layout of the police force areas: only the map.
shape = state.radio_one(choice[1], "Show as", [VIEW_MAP] if level == PFA else list(VIEW_LABELS), keys.MAP_VIEW,
                        VIEW_MAP, format_func=VIEW_LABELS.get, horizontal=True)

blocks.show_missing_justice_data(data.register)  # which justice data is missing, under the controls
meta = data.register.set_index("indicator_id").loc[indicator]
empty_map = map_view.no_value_reason(shown, LEVEL_LABELS[level])
if empty_map:
    st.info(empty_map)
elif colour_shown != colour_by:
    st.info("No area can be compared with England for this indicator and period: the file has no confidence "
            "intervals and no published comparison. The map shows the values in fifths instead.")
words = map_view.map_words(meta, period, colour_shown, map_view.classed(shown))
stem = f"{indicator}_{level}_{map_view.file_slug(period)}"


def select_clicked_area(codes: set[str]) -> None:
    """Callback (runs before the widgets are drawn): the clicked area becomes the chosen area."""
    code = map_view.clicked_code(st.session_state.get(keys.MAP_LEAFLET), codes)
    if code is not None:
        st.session_state[keys.AREA.key] = code


@st.fragment
def draw_map(shown: pd.DataFrame, level: str, area: str) -> None:
    """The map in a fragment: a click reruns only this part, unless it selects a different area.

    The base map (regions, extent) is the same whatever is shown, so the map stays on screen across reruns and
    only its area layer is swapped: no new iframe, and the user's zoom and position are kept."""
    try:
        leaflet_url = cached.leaflet_assets()
    except WebAssetsError as error:
        st.error(f"The map cannot be drawn: {error}")
        return
    layer = blocks.load_or_stop(lambda: cached.web_layer(level))
    regions = blocks.load_or_stop(lambda: cached.web_layer("region"))
    areas = area_layer(layer, shown.rename(columns={"area_code": "code"}), "fill", map_view.TOOLTIP_FIELDS,
                       highlight_code=area or None)
    neighbour_block.add_outline(areas, layer, area)
    place_view.add_outlines(areas, level, area, bool(shown.loc[shown["area_code"] == area, "value"].notna().any()))
    codes = set(shown["area_code"])
    st_folium(base_map(regions.bounds, regions, MAP_HEIGHT_PX, leaflet_url=leaflet_url), key=keys.MAP_LEAFLET,
              height=MAP_HEIGHT_PX, use_container_width=True, feature_group_to_add=areas, returned_objects=RETURNED,
              on_change=lambda: select_clicked_area(codes))
    if st.session_state.get(keys.AREA.key, state.NO_AREA) != area:
        st.rerun()  # a click chose another area: redraw the whole page around it


def draw_hex_map() -> None:
    """Every area as one hexagon, for all England or one region (the zoom is kept in the URL)."""
    hexes, layout = blocks.load_or_stop(lambda: cached.hex_layout(level))
    regions = dict(zip(shown["region_code"], shown["region_name"], strict=False))
    with chrome.controls("hex_zoom"):
        zoom = state.select_one(None, "Zoom to", ["", *sorted(regions, key=regions.get)], keys.MAP_ZOOM, "",
                                format_func=lambda code: regions.get(code, "All of England"),
                                help="One region's areas, larger: London's boroughs are easiest to read this way.")
    place = regions[zoom] if zoom else "England"
    chart = hex_map(map_view.hex_rows(hexes, shown, zoom), layout, "fill", map_view.HEX_TOOLTIP_FIELDS,
                    words.title + (f", {place}" if zoom else ""), [words.colour_words + ": the key is beside the map."],
                    label_limit=13 if zoom else 8)
    blocks.show_chart(chart, f"hexmap_{stem}",
                      f"Hex map of {place}'s {LEVEL_LABELS[level].lower()}, one hexagon per area, coloured by "
                      f"{words.title}: {words.colour_words.lower()}. "
                      "Under the map, the CSV download and the table of every area (shown on request) "
                      "have every value.",
                      name="hex map")


def map_png() -> bytes:
    """The map as a still picture (made on click): every area, the key beside it, the attribution below."""
    chart = static_map(cached.web_layer(level), shown, area or None, words.title, words.subtitle,
                       neighbours_only=False)
    return chart_png(chart)


left, right = st.columns([3, 1])
with left:
    if shape == VIEW_MAP:
        draw_map(shown, level, area)
        with chrome.controls("map_picture"):
            st.download_button("Download the map (PNG)", map_png, mime="image/png", on_click="ignore",
                               file_name=f"map_{stem}.png",
                               help="A still picture of this map and its key, for papers and slides.")
    else:
        draw_hex_map()
with right:
    st.html(legend_html(legend, words.title, words.subtitle))
    if area:
        chosen = shown[shown["area_code"] == area].iloc[0]
        st.markdown(map_view.area_sentence(chosen, meta["unit"]))
        if isinstance(chosen["note"], str):
            st.caption(chosen["note"])
        place_view.district_figures(right, level, area, chosen, indicator, period, colour_shown)
        place_view.caption(right, level, area)
        st.page_link("pages/area_profile.py", label="Open the area profile")
        st.page_link("pages/local_need.py", label="Estimate local need")
        if shape == VIEW_MAP:
            neighbour_block.map_key(right, data, area, set(shown["area_code"]))

st.caption(catalogue.ONS_ATTRIBUTION.format(year="2020" if level == PFA else "2023 and 2024") +
           " Hex layouts: Open Innovations (MIT). "
           "Boundaries simplified for the screen (about 1 km), not for measuring areas.")

st.subheader("Every area")
value_heading = f"Value ({words.unit_text})"
table = map_view.area_table(shown, value_heading)
# On request: the grid is the largest code the browser loads for this page, and loaded beside the map it held up
# the map's frame (bench/README.md, "Map", 2026-12-07).
if state.flag(None, f"Show the table of every area ({len(table)})", keys.MAP_TABLE,
              help="Each area's value, its interval and how it compares with England, in a table you can sort."):
    st.dataframe(map_view.area_table_on_screen(table), hide_index=True, width="stretch",
                 column_config={column: ONE_DECIMAL for column in (value_heading, "England")})
with chrome.controls("map_table_csv"):
    st.download_button("Download this table (CSV)", lambda: to_csv_bytes(table), file_name=f"{stem}.csv",
                       mime="text/csv", on_click="ignore")

st.subheader("About this indicator")
st.markdown(f"**{meta['indicator']}** ({meta['age']}). {meta['definition']}\n\n"
            f"**Caveat:** {meta['reader_caveat']}\n\n"
            f"**Source:** {meta['publisher']}. [{meta['source_url']}]({meta['source_url']}). {meta['licence']}. "
            "The file, its full notes and how it was checked: Sources and methods, and Data status.")
report = data.report[data.report["indicator_id"] == indicator]
with st.expander(f"Area codes changed or not matched in this file ({report['code'].nunique()})"):
    if report.empty:
        st.write("Every code in the file is a current (April 2023) code.")
    else:
        rows = report.drop_duplicates(["code", "action", "new_code"])[list(REPORT_HEADINGS)]
        st.html(html_table(rows.rename(columns=REPORT_HEADINGS), f"Area codes in {report['file'].iloc[0]}",
                           wide={REPORT_HEADINGS["reason"]}))
