"""A still choropleth (Altair geoshape) of an area and its neighbours, for slides and the Map page's PNG download.

Fills and words are the Map page's (``present.map_view.view``: the GOV.UK comparison colours or the viridis
fifths, and each class in words). Every area drawn is numbered and keyed with its name, value and class in words,
so colour is never the only signal; with more areas than ``MAX_NUMBERED`` the key lists the classes and the chosen
area only. The chosen area is outlined thick. The areas are drawn from the layer's GeoJSON (no geometry library).
Projection: transverse Mercator on 2°W (the British National Grid's central meridian), fitted to the areas drawn.
Pure: no Streamlit, no files.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

import altair as alt
import pandas as pd

from charts.geometry import label_point
from charts.style import FONT, MUTED_TEXT, TEXT_COLOUR
from core.catalogue import ONS_ATTRIBUTION
from core.web_layer import WebLayer

IMAGE_FONT = FONT  # Arial, else the metric-compatible Liberation Sans (vl-convert needs a font it can find)
NO_VALUE_FILL = "#FFFFFF"
BORDER = "#768692"  # NHS mid grey, as the Map page
HIGHLIGHT = "#000000"
HIGHLIGHT_WIDTH = 4
MAP_SIZE_PX = 560
KEY_WIDTH_PX = 440  # at text_scale 1; grows with the text
KEY_FONT_PX = 15
KEY_LINE_PX = 20
KEY_GAP_PX = 8
KEY_WRAP_CHARS = 46  # fits KEY_WIDTH_PX at KEY_FONT_PX, whatever the scale
MAX_NUMBERED = 40
NOT_IN_FILE = "not in the file"
SIMPLIFIED = "Boundaries simplified (about 1 km) for display, not for measuring areas."
PROJECTION = {"type": "transverseMercator", "rotate": [2, 0, 0]}


def areas_to_draw(layer: WebLayer, highlight: str | None, neighbours_only: bool) -> list[str]:
    """The chosen area and the areas bordering it, or every area of the layer."""
    if neighbours_only and highlight in layer.position:
        return [highlight, *layer.neighbours.get(highlight, ())]
    return list(layer.codes)


def _wrapped(text: str) -> str:
    return "\n".join(textwrap.wrap(text, KEY_WRAP_CHARS)) or " "


def shared_note(notes: Iterable[str]) -> str | None:
    """The one thing every class's short words leave out (e.g. "as published by Fingertips"), said once under the
    areas instead of on every line; None when the notes differ or there is none."""
    kinds = set(notes) - {""}
    return kinds.pop() if len(kinds) == 1 else None


def map_frame(layer: WebLayer, shown: pd.DataFrame, codes: Sequence[str], highlight: str | None) -> pd.DataFrame:
    """One row per area drawn: code, name, number (1 = the chosen area, then by name), fill, value and class in
    words (in full, short, and what the short form leaves out: ``shown``'s class_label, class_short and class_note),
    and where its number goes (lon, lat)."""
    rows = shown.set_index("area_code")
    ordered = sorted(codes, key=lambda code: (code != highlight, layer.names[layer.position[code]]))
    features = {feature["id"]: feature for feature in layer.geojson(ordered)["features"]}
    records = []
    for number, code in enumerate(ordered, start=1):
        row = rows.loc[code] if code in rows.index else None
        fill = row["fill"] if row is not None and isinstance(row["fill"], str) else NO_VALUE_FILL
        lon, lat = label_point(features[code]["geometry"])
        words = {column: "" if row is None else str(row[column])
                 for column in ("class_label", "class_short", "class_note")}
        records.append({
            "code": code, "name": layer.names[layer.position[code]], "key": str(number), "fill": fill,
            "value_text": NOT_IN_FILE if row is None else str(row["value_text"]), **words,
            "value": float("nan") if row is None else row["value"], "lon": lon, "lat": lat, "chosen": code == highlight,
        })
    return pd.DataFrame(records)


def key_frame(drawn: pd.DataFrame, line_px: float = KEY_LINE_PX, gap_px: float = KEY_GAP_PX) -> pd.DataFrame:
    """The key's lines, top to bottom, each with its swatch. Up to ``MAX_NUMBERED`` areas: one numbered line per
    area (name, value and class in words). More: one line per class (words and number of areas), then the chosen
    area. ``y`` is each line's centre in pixels."""
    lines = []
    numbered = len(drawn) <= MAX_NUMBERED
    if not numbered:
        classes = drawn.assign(order=drawn["value"].fillna(float("inf"))).groupby(
            ["class_label", "fill"], sort=False).agg(areas=("code", "size"), order=("order", "mean"))
        for (label, fill), areas, _ in classes.sort_values("order").itertuples():
            words = f"{label or 'No value'} ({areas} {'area' if areas == 1 else 'areas'})"
            lines.append({"kind": "class", "key": "", "fill": fill, "text": _wrapped(words), "bold": False})
    shared = shared_note(drawn["class_note"]) if numbered else None
    for row in (drawn if numbered else drawn[drawn["chosen"]]).itertuples():
        shown_class = row.class_short if shared and row.class_note == shared else row.class_label
        words = f"{row.name}: {row.value_text}" + (f", {shown_class}" if shown_class else "")
        lines.append({"kind": "area", "key": row.key, "fill": row.fill, "bold": bool(row.chosen),
                      "text": _wrapped(words + (" (chosen area, outlined)" if row.chosen else ""))})
    if shared:
        lines.append({"kind": "note", "key": "", "fill": None, "bold": False,
                      "text": _wrapped(f"Comparisons with England {shared}.")})
    frame = pd.DataFrame(lines, columns=["kind", "key", "fill", "text", "bold"])
    heights = frame["text"].str.count("\n").add(1).mul(line_px).add(gap_px)
    frame["y"] = heights.cumsum() - heights + line_px / 2
    return frame


def _geography(layer: WebLayer, drawn: pd.DataFrame, highlight: str | None, px: float,
               size_px: int) -> alt.LayerChart:
    """The areas filled, the chosen one outlined, and the numbers in white badges."""
    by_code = drawn.set_index("code")
    features = []
    for feature in layer.geojson(list(drawn["code"]))["features"]:
        row = by_code.loc[feature["id"]]
        features.append({**feature, "properties": {**feature["properties"], "fill": row["fill"],
                                                   "value_text": row["value_text"], "key": row["key"]}})
    fills = alt.Chart(alt.Data(values=features)).mark_geoshape(stroke=BORDER, strokeWidth=0.8).encode(
        fill=alt.Fill("properties.fill:N", scale=None),
        tooltip=[alt.Tooltip("properties.name:N", title="Area"),
                 alt.Tooltip("properties.value_text:N", title="Value")]).project(**PROJECTION)
    layers = [fills]
    chosen = [feature for feature in features if feature["id"] == highlight]
    if chosen:
        layers.append(alt.Chart(alt.Data(values=chosen)).mark_geoshape(
            filled=False, stroke=HIGHLIGHT, strokeWidth=HIGHLIGHT_WIDTH).project(**PROJECTION))
    badges = drawn if len(drawn) <= MAX_NUMBERED else drawn[drawn["chosen"]]
    if not badges.empty:
        position = {"longitude": "lon:Q", "latitude": "lat:Q"}
        layers.append(alt.Chart(badges).mark_circle(size=420 * px * px, color="#FFFFFF", opacity=1,
                                                    stroke=TEXT_COLOUR, strokeWidth=1.5).encode(**position))
        layers.append(alt.Chart(badges).mark_text(fontSize=14 * px, fontWeight="bold", color=TEXT_COLOUR).encode(
            **position, text="key:N"))
    return alt.layer(*layers).properties(width=size_px, height=size_px)


def _key(drawn: pd.DataFrame, px: float) -> alt.LayerChart:
    """The key: a swatch, a number and words per line (``key_frame``)."""
    key = key_frame(drawn, KEY_LINE_PX * px, KEY_GAP_PX * px)
    y = alt.Y("y:Q", scale=None, axis=None)
    swatches = alt.Chart(key[key["kind"] != "note"]).mark_square(
        size=260 * px * px, stroke=BORDER, strokeWidth=1, opacity=1).encode(
        x=alt.value(12 * px), y=y, fill=alt.Fill("fill:N", scale=None))
    numbers = alt.Chart(key[key["kind"] == "area"]).mark_text(
        fontSize=KEY_FONT_PX * px, fontWeight="bold", color=TEXT_COLOUR, align="right").encode(
        x=alt.value(-6 * px), y=y, text="key:N")
    words = [alt.Chart(key[key["bold"] == bold]).mark_text(
        fontSize=KEY_FONT_PX * px, fontWeight="bold" if bold else "normal", color=TEXT_COLOUR, align="left",
        baseline="middle", lineBreak="\n", lineHeight=KEY_LINE_PX * px).encode(
        x=alt.value(30 * px), y=y, text="text:N") for bold in (False, True)]
    key_height = int(key["y"].max() + KEY_LINE_PX * px * 2) if len(key) else int(KEY_LINE_PX * px)
    return alt.layer(swatches, numbers, *words).properties(width=KEY_WIDTH_PX * px, height=key_height)


def _credit(layer: WebLayer, px: float, width_px: float) -> alt.Chart:
    """The ONS/OS attribution for the layer's boundaries, and that they are simplified."""
    vintage = layer.vintage if layer.vintage else "2023 and 2024"
    return alt.Chart(pd.DataFrame({"text": [ONS_ATTRIBUTION.format(year=vintage), SIMPLIFIED],
                                   "y": [0, 16 * px]})).mark_text(
        fontSize=12 * px, color=MUTED_TEXT, align="left", baseline="top").encode(
        x=alt.value(0), y=alt.Y("y:Q", scale=None, axis=None), text="text:N").properties(
        width=width_px, height=32 * px)


def static_map(layer: WebLayer, shown: pd.DataFrame, highlight: str | None, title: str,
               subtitle: str | Sequence[str], neighbours_only: bool = True, *, text_scale: float = 1.0,
               map_size_px: int = MAP_SIZE_PX) -> alt.VConcatChart:
    """The map and its key side by side, the title (indicator, unit, period) above and the ONS/OS attribution
    below. ``shown`` is ``present.map_view.view``'s frame for the layer's level (area_code, fill, value_text,
    class_label, class_short, class_note, value); an area of the layer missing from it is drawn white and keyed
    "not in the file". ``text_scale`` enlarges every text (and the key with it), e.g. for a slide seen from the
    back of a room."""
    px = text_scale
    drawn = map_frame(layer, shown, areas_to_draw(layer, highlight, neighbours_only), highlight)
    geography = _geography(layer, drawn, highlight, px, map_size_px)
    credit = _credit(layer, px, map_size_px + KEY_WIDTH_PX * px)
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    return alt.vconcat(alt.hconcat(geography, _key(drawn, px), spacing=36 * px), credit, spacing=14 * px).properties(
        title=alt.TitleParams(title, subtitle=lines, anchor="start")).configure(
        font=IMAGE_FONT, view={"stroke": None}, background="white",
        title={"fontSize": 20 * px, "color": TEXT_COLOUR, "subtitleFontSize": 15 * px,
               "subtitleColor": MUTED_TEXT})
