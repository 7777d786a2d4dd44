"""The board pack's map part: the Map page's view (present.map_view) of one indicator and period, drawn for the
chosen area and its neighbours, with their table and sources."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from charts.export import chart_png
from charts.static_map import shared_note, static_map
from core import catalogue
from core.codes import LEVEL_LABELS
from present import map_view as area_view
from reports.model import Figure, LoadedData, PackRequest, PackTable, Section, SourceRow
from reports.sources import CATALOGUE_BY_KEY
from reports.views import views_of

MAP_SLIDE_COLUMNS = ("Area", "Value", "95% CI", "Compared with England")
MAP_TEXT_SCALE = 1.6
MAP_SIZE_PX = 500
SUBTITLES = {
    area_view.COLOUR_BY_COMPARISON: "Compared with England: each area's confidence interval tested against "
                                    "England's value.",
    area_view.COLOUR_BY_VALUE: "Value (fifths of areas): each class holds about a fifth of the areas with a value."}
COLOURED_BY = {area_view.COLOUR_BY_COMPARISON: "the comparison with England",
               area_view.COLOUR_BY_VALUE: "fifths of the values"}


def map_part(choices: PackRequest, inputs: LoadedData, area_name: str,
             render: bool) -> tuple[Figure, PackTable, list[SourceRow]]:
    """The Map page's classes for one indicator, level and period, drawn for the area and its neighbours."""
    data, layer = inputs.local, inputs.layer
    meta = data.register.set_index("indicator_id").loc[choices.map_indicator]
    shown, _, colour_by = views_of(inputs).map_view(choices.map_indicator, choices.level, choices.map_period,
                                                    choices.colour_by)
    title = area_view.map_title(meta, choices.map_period)
    subtitle = SUBTITLES[colour_by]
    codes = [choices.area_code, *layer.neighbours.get(choices.area_code, ())]
    drawn = shown[shown["area_code"].isin(codes)]
    drawn = drawn.assign(_chosen=drawn["area_code"] != choices.area_code).sort_values(
        ["_chosen", "area_name"]).drop(columns="_chosen")
    png = None
    if render:
        png = chart_png(static_map(layer, shown, choices.area_code, title, subtitle, neighbours_only=True,
                                   text_scale=MAP_TEXT_SCALE, map_size_px=MAP_SIZE_PX))
    source = f"{meta['publisher']}. {meta['source_url']}. {meta['licence']}."
    attribution = catalogue.ONS_ATTRIBUTION.format(year=layer.vintage or "2023 and 2024")
    figure = Figure(
        Section.MAP, f"{area_name} and its neighbours: {meta['short_name']}, {choices.map_period}", png,
        f"Map of {area_name} and the {len(codes) - 1} areas bordering it, {title}, coloured by {COLOURED_BY[colour_by]}"
        ": " + "; ".join(f"{row.area_name} {row.value_text} ({row.class_label})" for row in drawn.itertuples())
        + ".",
        f"Source: {meta['publisher'].split(' (')[0]}, {meta['licence']}. Boundaries: ONS (OGL v3.0), contains OS "
        "data © Crown copyright.",
        f"{title}. {subtitle} Source: {source} Caveat: {meta['caveat']} Boundaries: {attribution}")
    return figure, map_table(drawn, meta, choices, area_name, f"{title}. {LEVEL_LABELS[choices.level]}.",
                             source), map_sources(drawn, meta, choices, title)


def map_table(drawn: pd.DataFrame, meta: Mapping, choices: PackRequest, area_name: str, heading: str,
              source: str) -> PackTable:
    """The areas drawn, as the table beneath the Map page's map (workbook) and in short words (slides): the
    comparison's short form where every area shares what it leaves out, said once in the notes."""
    frame = area_view.area_table(drawn, f"Value ({meta['unit']})")
    shared = shared_note(drawn["comparison_note"])
    display = pd.DataFrame({"Area": drawn["area_name"], "Value": drawn["value_text"], "95% CI": drawn["ci_text"],
                            "Compared with England": [
                                short if shared and note == shared else label for short, note, label in zip(
                                    drawn["comparison_short"], drawn["comparison_note"], drawn["comparison_label"],
                                    strict=True)]})
    basis_note = f" Comparisons with England {shared}." if shared else ""
    return PackTable(Section.MAP, "Map areas",
                     f"{meta['short_name']}, {choices.map_period}: {area_name} and neighbours",
                     frame.reset_index(drop=True), display.reset_index(drop=True), MAP_SLIDE_COLUMNS,
                     notes=f"{heading}{basis_note} Source: {source}")


def map_sources(drawn: pd.DataFrame, meta: Mapping, choices: PackRequest, title: str) -> list[SourceRow]:
    """The indicator's file and the boundaries behind the map."""
    boundary = CATALOGUE_BY_KEY[f"{choices.level}_boundaries"]
    files = ", ".join(dict.fromkeys(drawn["source_file"].dropna().astype(str)))
    return [SourceRow(title, f"{meta['indicator']} (file {files})" if files else str(meta["indicator"]),
                      meta["publisher"], choices.map_period, meta["source_url"], meta["caveat"],
                      f"{meta['short_name']}, {choices.map_period}"),
            SourceRow("Map boundaries", boundary.title, boundary.publisher, boundary.vintage,
                      boundary.source_page, f"{boundary.attribution} Simplified for display (about 1 km).",
                      boundary.title)]
