"""HexJSON reading and hex-cartogram geometry, checked against hand-worked positions."""

import json
import math

import pandas as pd
import pytest

from charts.hexmap import RADIUS, hex_centres, hex_features, hex_map
from charts.style import text_colour_on
from core.errors import DataFileMalformedError
from loaders.hexjson import read_hexjson


def write(tmp_path, document):
    path = tmp_path / "test.hexjson"
    path.write_text(json.dumps(document))
    return path


def test_odd_r_shifts_odd_rows_half_a_hex_right():
    hexes = pd.DataFrame({"code": ["a", "b", "c"], "q": [0, 0, 1], "r": [0, 1, 2]})
    centres = hex_centres(hexes, "odd-r").set_index("code")
    # row 1 is odd: x = 0 + 0.5; rows are 1.5 * R = 0.866025 apart
    assert centres.loc["a", ["x", "y"]].tolist() == [0, 0]
    assert centres.loc["b", "x"] == 0.5 and centres.loc["b", "y"] == pytest.approx(0.866025, abs=1e-6)
    assert centres.loc["c", "x"] == 1 and centres.loc["c", "y"] == pytest.approx(1.732051, abs=1e-6)


def test_hexagon_is_closed_with_six_corners_at_the_radius():
    ring = hex_features(pd.DataFrame({"code": ["a"], "q": [0], "r": [0]}), "odd-r", ["code"])[0][
        "geometry"]["coordinates"][0]
    assert len(ring) == 7 and ring[0] == ring[-1]
    assert all(math.dist(corner, (0, 0)) == pytest.approx(RADIUS) for corner in ring)
    assert max(corner[1] for corner in ring) == pytest.approx(RADIUS)  # pointy top


def test_reader_rejects_clashing_hexes_and_bad_layouts(tmp_path):
    with pytest.raises(DataFileMalformedError, match="share position q=1, r=2"):
        read_hexjson(write(tmp_path, {"layout": "odd-r", "hexes": {"E1": {"q": 1, "r": 2}, "E2": {"q": 1, "r": 2}}}))
    with pytest.raises(DataFileMalformedError, match="'hexagonal' is not one of"):
        read_hexjson(write(tmp_path, {"layout": "hexagonal", "hexes": {"E1": {"q": 1, "r": 2}}}))


def test_map_spec_has_one_shape_per_area_and_readable_labels():
    hexes = pd.DataFrame({"code": ["E09000033", "E09000001"], "name": ["Westminster", "City of London"],
                          "q": [11, 12], "r": [5, 5], "fill": ["#003078", None], "value": ["5.1%", "no data"]})
    spec = hex_map(hexes, "odd-r", "fill", {"name": "Area", "value": "Value"}, "t", ["s"]).to_dict()
    shapes = spec["layer"][0]["data"]["values"]
    assert [f["properties"]["code"] for f in shapes] == ["E09000033", "E09000001"]
    assert shapes[1]["properties"]["fill"] == "#FFFFFF"  # no data is white, not a class colour
    assert text_colour_on("#003078") == "#FFFFFF" and text_colour_on("#FFDD00") == "#000000"
