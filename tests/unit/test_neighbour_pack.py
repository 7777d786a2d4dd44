"""Statistical neighbours in the board pack (reports.parts.neighbours: the neighbours table, each indicator against
the neighbours, the ONS source) and on the map (charts.maps.neighbour_outline), from small hand-made frames."""

from __future__ import annotations

import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.local_indicators import LocalIndicators
from analysis.neighbours import LIST_COLUMNS, on_app_codes
from charts.maps import NEIGHBOUR_DASH, NEIGHBOUR_OUTLINE, area_layer, neighbour_outline
from core.web_layer import WebLayer, encode_ring
from reports import deck, workbook
from reports.model import BoardPack, LoadedData, PackRequest, Section
from reports.parts.neighbours import neighbours_part

AREA = "E06000002"
NO_CHANGES = pd.DataFrame(columns=["old_code", "old_name", "old_parent_code", "new_code", "new_name",
                                   "new_start_date", "change_type"])  # no code changed
VALUE_ROWS = [  # level, code, name, value: the area (6), a district (9), a county (5) and a unitary (3)
    ("utla", AREA, "Area B", 6.0), ("lad", AREA, "Area B", 6.0), ("lad", "E07000001", "District A", 9.0),
    ("utla", "E10000001", "County C", 5.0), ("utla", "E06000001", "Unitary D", 3.0),
    ("lad", "E06000001", "Unitary D", 3.0)]


def local_indicators() -> LocalIndicators:
    values = pd.DataFrame([{
        "level": level, "area_code": code, "area_name": name, "region_code": "E12000001",
        "region_name": "North East", "indicator_id": "x", "period": "2024", "value": value, "ci_low": None,
        "ci_high": None, "comparison": "not_compared", "comparison_label": "Not compared", "comparison_colour": None,
        "england_value": 4.0, "note": None, "source_file": "x.csv"} for level, code, name, value in VALUE_ROWS])
    register = pd.DataFrame({"indicator_id": ["x"], "indicator": ["Test indicator"], "short_name": ["Test"],
                             "unit": ["%"], "polarity": ["no_judgement"]})
    regions = pd.DataFrame(columns=["region_code", "region_name", "indicator_id", "period", "value", "ci_low",
                                    "ci_high"])
    period_order = {("x", level): ["2024"] for level in ("utla", "lad")}  # every laid indicator has its periods
    return LocalIndicators(values, pd.DataFrame(), regions, register, pd.DataFrame(), pd.DataFrame(), period_order)


def neighbour_lists(area: str = AREA):
    ranked = ["W06000001", "E07000001", "E10000001", "E06000001"]  # a Welsh area first: left out
    rows = [{"model": "global", "area_code": area, "rank": rank, "neighbour_code": code}
            for rank, code in enumerate(ranked, start=1)]
    return on_app_codes(pd.DataFrame(rows, columns=LIST_COLUMNS), NO_CHANGES)


def part_for(area: str = AREA, lists_area: str = AREA):
    request = PackRequest(title="t", made_on=date(2026, 12, 1), threshold=5, threshold_set_by="default",
                          area_code=area, level="utla")
    data = LoadedData(comparison=pd.DataFrame(), sources=pd.DataFrame(), local=local_indicators(),
                      neighbours=neighbour_lists(lists_area))
    return neighbours_part(request, data, "Area B")


def test_the_pack_lists_the_neighbours_and_each_indicator_against_them():
    part = part_for()
    neighbours, comparison = part.tables
    assert (neighbours.name, neighbours.section, neighbours.title) == (
        "Neighbours", Section.NEIGHBOURS, "Area B: statistical neighbours (global list)")
    # England only, in ONS's order: ONS ranks 2, 3 and 4 (rank 1 is in Wales)
    assert neighbours.frame[["Area", "ONS rank (UK list)"]].values.tolist() == [
        ["District A", 2], ["County C", 3], ["Unitary D", 4]]
    assert "W06000001 (Wales, ONS rank 1)" in neighbours.notes
    row = comparison.frame.iloc[0]
    # neighbours 9, 5, 3: mean 17 / 3, unrounded in the workbook; 9 is above the area's 6, so 2nd of 4
    assert row["Neighbours' average (mean, unweighted)"] == pytest.approx(17 / 3, rel=1e-12)
    assert (row["Neighbours' lowest"], row["Neighbours' highest"], row["Area B"]) == (3.0, 9.0, 6.0)
    assert (row["Rank among neighbours (1 = highest)"], row["Areas ranked"], row["England"]) == (2.0, 4, 4.0)
    assert comparison.display.iloc[0]["Neighbours' average"] == "5.7%"
    assert comparison.slide_columns == ("Indicator", "Area B", "Neighbours' average", "Neighbours' range",
                                        "Rank among neighbours")
    [source] = part.sources
    assert source.publisher == "Office for National Statistics" and source.year == "2026"
    assert "https://github.com/ONSdigital/explore-local-statistics-app" in source.link
    assert "https://www.ons.gov.uk/explore-local-statistics/" in source.link
    assert "Euclidean distance" in source.caveat and "three models" in source.caveat


def test_an_area_not_on_the_list_is_left_out_with_the_reason():
    part = part_for(lists_area="E06000003")
    assert part.tables == [] and part.sources == []
    assert part.left_out[0].startswith("Statistical neighbours: Area B (E06000002) is not on ONS's global list")


def test_the_deck_and_workbook_carry_the_neighbours():
    part = part_for()
    pack = BoardPack("Pack", date(2026, 12, 1), "", "Area B", (), (), tuple(part.tables), tuple(part.sources),
                     (), (), 5)
    titles = deck.outline(pack)
    assert "Area B: statistical neighbours (global list)" in titles
    assert "Area B against its statistical neighbours (global list)" in titles
    book = load_workbook(io.BytesIO(workbook.workbook_bytes(pack)))
    assert {"Neighbours", "Neighbour comparison"} <= set(book.sheetnames)
    header, first = list(book["Neighbour comparison"].iter_rows(values_only=True))[:2]
    assert dict(zip(header, first, strict=True))["Neighbours' average (mean, unweighted)"] == pytest.approx(17 / 3)
    assert len(deck.deck_bytes(pack)) > 0


def square(west, south, east, north):
    return encode_ring([(east, south), (east, north), (west, north), (west, south), (east, south)])


def test_the_map_outlines_the_neighbours_it_holds_dashed():
    layer = WebLayer(level="utla", vintage=2023, source_file="t.geojson", source_sha256="0" * 64, scale=1000,
                     codes=("E06000001", "E06000002"), names=("Unitary D", "Area B"),
                     bboxes=((-1.3, 54.6, -1.2, 54.7), (-1.25, 54.5, -1.15, 54.6)),
                     polygons=([[square(-1.3, 54.6, -1.2, 54.7)]], [[square(-1.25, 54.5, -1.15, 54.6)]]),
                     neighbours={})
    assert neighbour_outline(layer, ["E07000001"]) is None  # a district is not on the upper-tier layer
    group = area_layer(layer, pd.DataFrame({"code": ["E06000002"], "fill": ["#00703C"], "name": ["Area B"]}),
                       "fill", {"name": "Area"}, highlight_code=AREA)
    outline = neighbour_outline(layer, ["E07000001", "E06000001"])
    outline.add_to(group)
    assert outline.style == {"fill": False, "color": NEIGHBOUR_OUTLINE, "weight": 2.5, "dashArray": NEIGHBOUR_DASH}
    assert outline.packed.count('["E06000001"') == 1 and "E07000001" not in outline.packed
    assert not outline.interactive  # a click still reaches the area under it
