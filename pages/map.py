"""Map: one general-population indicator across England's local authorities, compared with England."""

import re

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from charts.export import chart_png
from charts.hexmap import hex_map
from charts.maps import area_layer, base_map
from charts.static_map import static_map
from core import catalogue
from core.safe_csv import to_csv_bytes
from loaders import local
from present import map_view as area_view
from ui import blocks, chrome, pickers, state
from ui import cache as cached
from ui.assets import WebAssetsError

chrome.require_router()

MAP_HEIGHT_PX = 620
VIEW_LABELS = {"map": "Map", "hex": "Hex map (every area the same size)"}

st.title("Map: local needs in the general population")
st.markdown("The general-population needs that drive the needs of people in contact with the justice system, "
            "for every local authority in England. Pick your area to highlight it; the table under the map has "
            "every value, its interval and how it compares with England.")

data = blocks.load_or_stop(cached.local_indicators)
register = data.register.set_index("indicator_id")

state.seed_choice(state.LEVEL, list(local.LEVELS), "utla")
with chrome.controls("map_choices"):
    controls = st.columns([3, 2, 2, 3])
level = controls[1].radio("Areas", list(local.LEVELS), key=state.LEVEL, format_func=local.LEVEL_LABELS.get,
                          help="Upper tier: counties and unitary authorities (153). Lower tier: districts and "
                               "unitary authorities (296).")
indicator, period, colour_by = pickers.choose_map_view(controls[0], controls[2], controls[3], data, level)

shown, legend, colour_shown = cached.map_view(indicator, level, period, colour_by)
names = dict(zip(shown["area_code"], shown["area_name"], strict=True))
area_options = [state.NO_AREA, *sorted(names, key=names.get)]
state.seed_choice(state.AREA, area_options, state.NO_AREA)
with chrome.controls("map_area"):
    choice = st.columns([3, 4])
area = choice[0].selectbox("Your area", area_options, key=state.AREA,
                           format_func=lambda code: names.get(code, "None chosen"),
                           help="Or click an area on the map.")
state.seed_choice(state.MAP_VIEW, list(VIEW_LABELS), "map")
shape = choice[1].radio("Show as", list(VIEW_LABELS), key=state.MAP_VIEW, format_func=VIEW_LABELS.get,
                        horizontal=True)
for key, chosen, default in ((state.LEVEL, level, "utla"), (state.AREA, area, state.NO_AREA),
                             (state.MAP_VIEW, shape, "map")):
    state.write_to_url(key, chosen, default)

meta = register.loc[indicator]
period_slug = re.sub(r"[^0-9A-Za-z]+", "-", period)
if colour_shown != colour_by:
    st.info("No area can be compared with England for this indicator and period: the file has no confidence "
            "intervals and no published comparison. The map shows the values in fifths instead.")
    colour_by = colour_shown
colour_words = area_view.COLOUR_LABELS[colour_by]
unit_text = "%" if meta["unit"] == "%" else meta["unit"]
key_title = f"{meta['short_name']} ({unit_text}), {period}"
key_subtitle = (f"{colour_words}. " + (
    "Each area's 95% or 99.8% confidence interval is tested against England's value (the level is in the "
    "label)." if colour_by == area_view.COLOUR_BY_COMPARISON else
    "Classes hold about a fifth of the areas with a value each; darker is lower."))


def select_clicked_area(map_key: str, codes: set[str]) -> None:
    """Callback (runs before the widgets are drawn): the clicked area becomes the chosen area."""
    tooltip = (st.session_state.get(map_key) or {}).get("last_object_clicked_tooltip") or ""
    match = re.search(r"\((E\d{8})\)", tooltip)
    if match and match.group(1) in codes:
        st.session_state[state.AREA] = match.group(1)


MAP_KEY = "map"


@st.fragment
def draw_map(shown: pd.DataFrame, level: str, area: str) -> None:
    """The map in a fragment: a click reruns only this part, unless it selects a different area.

    The base map (regions, extent) is the same whatever is shown, so the map stays on screen across reruns and
    only its area layer is swapped: no new iframe, and the user's zoom and position are kept."""
    try:
        cached.leaflet_assets()
    except WebAssetsError as error:
        st.error(f"The map cannot be drawn: {error}")
        return
    layer = blocks.load_or_stop(lambda: cached.web_layer(level))
    regions = blocks.load_or_stop(lambda: cached.web_layer("region"))
    areas = area_layer(layer, shown.rename(columns={"area_code": "code"}), "fill", area_view.TOOLTIP_FIELDS,
                       highlight_code=area or None)
    # The click's position is returned too, so that clicking the same area again after choosing another
    # in the list still counts as a change.
    st_folium(base_map(regions.bounds, regions, MAP_HEIGHT_PX), key=MAP_KEY, height=MAP_HEIGHT_PX,
              use_container_width=True, feature_group_to_add=areas,
              returned_objects=["last_object_clicked_tooltip", "last_object_clicked"],
              on_change=lambda: select_clicked_area(MAP_KEY, set(shown["area_code"])))
    if st.session_state.get(state.AREA, state.NO_AREA) != area:
        st.rerun()  # a click chose another area: redraw the whole page around it


left, right = st.columns([3, 1])
with left:
    if shape == "map":
        draw_map(shown, level, area)
    else:
        hexes, layout = blocks.load_or_stop(lambda: cached.hex_layout(level))
        region_names = dict(zip(shown["region_code"], shown["region_name"], strict=False))
        zoom_options = ["", *sorted(region_names, key=region_names.get)]
        state.seed_choice(state.MAP_ZOOM, zoom_options, "")
        with chrome.controls("hex_zoom"):
            zoom = st.selectbox("Zoom to", zoom_options, key=state.MAP_ZOOM,
                                format_func=lambda code: region_names.get(code, "All of England"),
                                help="One region's areas, larger: London's boroughs are easiest to read this way.")
        state.write_to_url(state.MAP_ZOOM, zoom, "")
        hexes = hexes[hexes["region"] == zoom] if zoom else hexes
        hexes = hexes[hexes["code"].str.startswith("E")].merge(
            shown[["area_code", "fill", "value_text", "comparison_label"]], left_on="code", right_on="area_code",
            how="left")
        place = region_names[zoom] if zoom else "England"
        blocks.show_chart(hex_map(hexes, layout, "fill", {"name": "Area", "value_text": "Value",
                                                      "comparison_label": "Compared with England"},
                              key_title + (f", {region_names[zoom]}" if zoom else ""),
                              [colour_words + ": the key is beside the map."],
                              label_limit=13 if zoom else 8),
                      f"hexmap_{indicator}_{level}_{period_slug}",
                      f"Hex map of {place}'s {local.LEVEL_LABELS[level].lower()}, one hexagon per area, coloured by "
                      f"{key_title}: {colour_words.lower()}. The table under the map has every value.",
                      name="hex map")


def map_png() -> bytes:
    """The map as a still picture (made on click): every area, the key beside it, the attribution below."""
    chart = static_map(cached.web_layer(level), shown, area or None, key_title, key_subtitle, neighbours_only=False)
    return chart_png(chart)


if shape == "map":
    with left, chrome.controls("map_picture"):
        st.download_button("Download the map (PNG)", map_png, mime="image/png", on_click="ignore",
                           file_name=f"map_{indicator}_{level}_{period_slug}.png",
                           help="A still picture of this map and its key, for papers and slides.")
with right:
    st.markdown(area_view.legend_html(legend, key_title, key_subtitle), unsafe_allow_html=True)
    if area:
        chosen = shown[shown["area_code"] == area].iloc[0]
        st.markdown(f"**{chosen['area_name']}**: {chosen['value_text']}"
                    + (f" (95% CI {chosen['ci_text']})" if chosen["ci_text"] != "not published" else "")
                    + f". {chosen['comparison_label']}."
                    + (f" England: {area_view.value_text(chosen['england_value'], meta['unit'], 1)}."
                       if pd.notna(chosen["england_value"]) else ""))
        if isinstance(chosen["note"], str):
            st.caption(chosen["note"])
        st.page_link("pages/area_profile.py", label="Open the area profile")
        st.page_link("pages/local_need.py", label="Estimate local need")

st.caption(catalogue.ONS_ATTRIBUTION.format(year="2023 and 2024") + " Hex layouts: Open Innovations (MIT). "
           "Boundaries simplified for the screen (about 1 km), not for measuring areas.")

st.subheader("Every area")
table = area_view.area_table(shown, f"Value ({unit_text})")
st.dataframe(table, hide_index=True, width="stretch",
             column_config={f"Value ({unit_text})": st.column_config.NumberColumn(format="%.1f"),
                            "Lower 95% limit": st.column_config.NumberColumn(format="%.1f"),
                            "Upper 95% limit": st.column_config.NumberColumn(format="%.1f"),
                            "England": st.column_config.NumberColumn(format="%.1f")})
with chrome.controls("map_table_csv"):
    st.download_button("Download this table (CSV)", lambda: to_csv_bytes(table),
                       file_name=f"{indicator}_{level}_{period_slug}.csv", mime="text/csv", on_click="ignore")

st.subheader("About this indicator")
st.markdown(f"**{meta['indicator']}** ({meta['age']}). {meta['definition']}\n\n"
            f"**Caveat:** {meta['caveat']}\n\n"
            f"**Source:** {meta['publisher']}. [{meta['source_url']}]({meta['source_url']}). {meta['licence']}. "
            f"File: `{shown['source_file'].iloc[0]}`.")
report = data.report[data.report["indicator_id"] == indicator]
with st.expander(f"Area codes changed or not matched in this file ({report['code'].nunique()})"):
    if report.empty:
        st.write("Every code in the file is a current (April 2023) code.")
    else:
        st.dataframe(report[["code", "name", "action", "new_code", "new_name", "reason"]].drop_duplicates(
            ["code", "action", "new_code"]), hide_index=True, width="stretch")
