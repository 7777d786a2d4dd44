"""The still map of an area and its neighbours: which areas are drawn, their fills and words, the outline."""

import math

import pandas as pd
import pytest

from charts import geometry
from charts import static_map as sm
from charts.export import chart_png
from core.web_layer import WebLayer, encode_ring

A, B, C = "E06000001", "E06000002", "E06000003"


def square(west: float) -> list:
    """A one-degree square from ``west`` at 52-53°N, as the layer stores it."""
    return [[encode_ring([(west, 52), (west + 1, 52), (west + 1, 53), (west, 53), (west, 52)])]]


@pytest.fixture
def layer() -> WebLayer:
    """Three squares in a row: A borders B, B borders A and C."""
    return WebLayer(level="utla", vintage=2023, source_file="test.geojson", source_sha256="0" * 64, scale=1000,
                    codes=(A, B, C), names=("Alpha", "Beta", "Gamma"),
                    bboxes=((-3, 52, -2, 53), (-2, 52, -1, 53), (-1, 52, 0, 53)),
                    polygons=(square(-3), square(-2), square(-1)), neighbours={A: (B,), B: (A, C), C: (B,)})


def shown(**overrides) -> pd.DataFrame:
    """present.map_view.view's columns for three areas compared with England (Fingertips' published
    comparisons): each class in full, in short words and what the short words leave out."""
    frame = pd.DataFrame({
        "area_code": [A, B, C], "area_name": ["Alpha", "Beta", "Gamma"], "value": [15.6, 10.8, math.nan],
        "value_text": ["15.6%", "10.8%", "no value"], "fill": ["#D4351C", "#FFDD00", None],
        "class_label": ["Worse than England (95%) as published by Fingertips",
                        "Similar to England (95%) as published by Fingertips", "Not compared with England"],
        "class_short": ["Worse than England (95%)", "Similar to England (95%)", "Not compared with England"],
        "class_note": ["as published by Fingertips", "as published by Fingertips", ""]})
    return frame.assign(**overrides)


def data_of(spec: dict, part: dict) -> list:
    data = part["data"]
    return spec["datasets"][data["name"]] if "name" in data else data["values"]


def layers(spec: dict) -> list[dict]:
    return spec["vconcat"][0]["hconcat"][0]["layer"]


def test_neighbours_only_draws_the_area_and_those_bordering_it(layer):
    assert sm.areas_to_draw(layer, A, neighbours_only=True) == [A, B]
    assert sm.areas_to_draw(layer, B, neighbours_only=True) == [B, A, C]
    assert sm.areas_to_draw(layer, A, neighbours_only=False) == [A, B, C]
    assert sm.areas_to_draw(layer, None, neighbours_only=True) == [A, B, C]  # no area: every area


def test_fills_outline_and_projection(layer):
    spec = sm.static_map(layer, shown(), A, "Adult smoking (APS) (%), 2024", "Compared with England",
                         neighbours_only=True).to_dict()
    fills, outline = layers(spec)[0], layers(spec)[1]
    features = {f["id"]: f["properties"] for f in data_of(spec, fills)}
    assert set(features) == {A, B}  # Gamma does not border Alpha
    assert (features[A]["fill"], features[B]["fill"]) == ("#D4351C", "#FFDD00")
    assert [f["id"] for f in data_of(spec, outline)] == [A]
    assert outline["mark"]["filled"] is False and outline["mark"]["strokeWidth"] == sm.HIGHLIGHT_WIDTH
    assert fills["projection"]["type"] == "transverseMercator"
    assert spec["title"]["text"] == "Adult smoking (APS) (%), 2024"


def test_every_area_is_numbered_and_keyed_in_words(layer):
    drawn = sm.map_frame(layer, shown(), [A, B], A)
    key = sm.key_frame(drawn)
    areas = key[key["kind"] == "area"]
    assert list(areas["key"]) == ["1", "2"]  # the chosen area first, then by name
    # The shared basis is said once, under the areas; each line keeps its class in words.
    assert areas["text"].str.replace("\n", " ").tolist() == [
        "Alpha: 15.6%, Worse than England (95%) (chosen area, outlined)", "Beta: 10.8%, Similar to England (95%)"]
    assert key[key["kind"] == "note"]["text"].str.replace("\n", " ").tolist() == [
        "Comparisons with England as published by Fingertips."]
    assert drawn.set_index("code").loc[A, "chosen"]


def test_no_value_and_missing_areas_are_white_and_say_so(layer):
    drawn = sm.map_frame(layer, shown().iloc[:2], [B, A, C], B)
    by_code = drawn.set_index("code")
    assert by_code.loc[C, "fill"] == sm.NO_VALUE_FILL
    assert by_code.loc[C, "value_text"] == sm.NOT_IN_FILE
    drawn = sm.map_frame(layer, shown(), [B, A, C], B)
    assert drawn.set_index("code").loc[C, "fill"] == sm.NO_VALUE_FILL


def test_many_areas_keyed_by_class_with_counts(layer, monkeypatch):
    monkeypatch.setattr(sm, "MAX_NUMBERED", 2)
    classes = ["13.18 to 20.80", "8.32 to 9.84", "No value"]
    values = shown(class_label=classes, class_short=classes, class_note="", fill=["#FDE725", "#3B528B", None])
    key = sm.key_frame(sm.map_frame(layer, values, [A, B, C], A))
    assert key[key["kind"] == "class"]["text"].tolist() == [
        "8.32 to 9.84 (1 area)", "13.18 to 20.80 (1 area)", "No value (1 area)"]  # lowest values first
    assert key[key["kind"] == "area"]["text"].str.replace("\n", " ").tolist() == [
        "Alpha: 15.6%, 13.18 to 20.80 (chosen area, outlined)"]


def test_attribution_in_the_chart_and_an_image_is_made(layer):
    chart = sm.static_map(layer, shown(), A, "Title", ["Subtitle"], neighbours_only=False)
    spec = chart.to_dict()
    credit = data_of(spec, spec["vconcat"][1])
    assert credit[0]["text"].startswith("Source: Office for National Statistics")
    assert "Crown copyright and database right 2023" in credit[0]["text"]
    png = chart_png(chart)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"


def test_text_scale_enlarges_text_and_key(layer):
    small = sm.static_map(layer, shown(), A, "T", "S").to_dict()
    large = sm.static_map(layer, shown(), A, "T", "S", text_scale=2).to_dict()
    assert large["config"]["title"]["fontSize"] == 2 * small["config"]["title"]["fontSize"]
    assert large["vconcat"][0]["hconcat"][1]["width"] == 2 * small["vconcat"][0]["hconcat"][1]["width"]


def test_a_note_shared_by_every_class_is_said_once():
    assert sm.shared_note(["as published by Fingertips", "", "as published by Fingertips"]) == \
        "as published by Fingertips"
    assert sm.shared_note(["as published by Fingertips", "computed elsewhere"]) is None
    assert sm.shared_note(["", ""]) is None


def test_mixed_notes_keep_each_class_in_full(layer):
    values = shown(class_note=["as published by Fingertips", "computed elsewhere", ""])
    key = sm.key_frame(sm.map_frame(layer, values, [A, B], A))
    assert key[key["kind"] == "area"]["text"].str.replace("\n", " ").tolist() == [
        "Alpha: 15.6%, Worse than England (95%) as published by Fingertips (chosen area, outlined)",
        "Beta: 10.8%, Similar to England (95%) as published by Fingertips"]
    assert (key["kind"] == "note").sum() == 0


def test_numbers_sit_inside_each_areas_largest_part():
    # A 1 x 1 square and, apart from it, a 4 x 2 rectangle: the rectangle is the larger part. Its scan line runs
    # halfway between the vertices nearest the middle of its height (y 0 and 2, so y = 1), and the widest stretch
    # inside it is x 10 to 14, so the number goes at (12, 1).
    small = [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    large = [[[10, 0], [14, 0], [14, 2], [10, 2], [10, 0]]]
    assert geometry.polygon_area(large) == 8
    assert geometry.label_point({"type": "MultiPolygon", "coordinates": [small, large]}) == (12, 1)
    # A hole from x 11 to 13 (y 0.5 to 1.5): the vertices nearest y = 1 are at 0.5 and 1.5, so the line is y = 1;
    # inside are x 10-11 and 13-14, equally wide, so the first (x 10.5) is taken, as GEOS does.
    holed = [large[0], [[11, 0.5], [13, 0.5], [13, 1.5], [11, 1.5], [11, 0.5]]]
    assert geometry.polygon_area(holed) == 6
    assert geometry.label_point({"type": "Polygon", "coordinates": holed}) == (10.5, 1)
