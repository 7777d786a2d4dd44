"""Screen map layers: built once from a boundary file, read back with json only, checked, and refused when stale."""

import json

import pytest

from acquire import build_layers as build_layers_mod
from core import paths, web_layer
from core.errors import DataFileMalformedError, DataFileMissingError
from loaders import web_layer as web_layer_reader


def write_boundaries(path, features):
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"CTYUA23CD": code, "CTYUA23NM": name},
         "geometry": {"type": "Polygon", "coordinates": [ring]}} for code, name, ring in features]}))
    return path


def box(west, south, east, north):
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


# Three 0.1-degree squares (about 7 x 11 km): A and B share an edge, C touches B at one corner only.
FEATURES = [("E06000001", "Alpha", box(-1.3, 54.6, -1.2, 54.7)),
            ("E06000002", "Beta", box(-1.2, 54.6, -1.1, 54.7)),
            ("E06000003", "Gamma", box(-1.1, 54.7, -1.0, 54.8))]


@pytest.fixture
def boundary_file(tmp_path):
    return write_boundaries(tmp_path / "ctyua.geojson", FEATURES)


def test_encode_and_decode_are_inverse_to_a_thousandth_of_a_degree():
    flat = web_layer.encode_ring([(-1.2004, 54.6), (-1.2, 54.6004), (-1.1, 54.6), (-1.1, 54.6)])
    # The first point absolute, then differences; the second point rounds onto the first and is dropped,
    # and so is the repeated last point.
    assert flat == [-1200, 54600, 100, 0]
    assert web_layer.decode_ring(flat) == [[-1.2, 54.6], [-1.1, 54.6]]


def test_a_built_layer_reads_back_with_names_boxes_and_neighbours(boundary_file, tmp_path):
    document = build_layers_mod.build_web_layer(boundary_file, "utla", "boundaries/ctyua.geojson")
    path = build_layers_mod.write_web_layer(document, tmp_path / "web" / "utla.json")
    layer = web_layer_reader.read_web_layer(path)
    assert layer.codes == ("E06000001", "E06000002", "E06000003")
    assert layer.names == ("Alpha", "Beta", "Gamma")
    assert layer.vintage == 2023 and layer.source_file == "boundaries/ctyua.geojson"
    assert layer.source_sha256 == paths.sha256(boundary_file)
    # A corner is not a border: Gamma has no neighbour.
    assert layer.neighbours == {"E06000001": ("E06000002",), "E06000002": ("E06000001",), "E06000003": ()}
    assert layer.bboxes[0] == (-1.3, 54.6, -1.2, 54.7)
    ring = layer.geojson(["E06000002"])["features"][0]["geometry"]["coordinates"][0][0]
    assert sorted(map(tuple, ring[:-1])) == [(-1.2, 54.6), (-1.2, 54.7), (-1.1, 54.6), (-1.1, 54.7)]
    assert ring[0] == ring[-1]


def broken(tmp_path, change):
    document = {"format": web_layer.FORMAT, "version": web_layer.VERSION, "level": "utla", "source_file": "b",
                "source_sha256": "0" * 64, "scale": 1000,
                "areas": [{"code": "E06000001", "name": "Alpha", "bbox": [0, 0, 1, 1], "neighbours": [],
                           "polygons": [[[0, 0, 1000, 0, 0, 1000]]]}]}
    change(document)
    path = tmp_path / "utla.json"
    path.write_text(json.dumps(document))
    with pytest.raises(DataFileMalformedError) as caught:
        web_layer_reader.read_web_layer(path)
    return [problem.message for problem in caught.value.problems]


def test_a_duplicate_code_is_named(tmp_path):
    messages = broken(tmp_path, lambda d: d["areas"].append(dict(d["areas"][0])))
    assert messages == ["area 2: code E06000001 appears twice"]


def test_an_unknown_neighbour_and_a_bad_ring_are_named(tmp_path):
    def change(document):
        document["areas"][0]["neighbours"] = ["E06000099"]
        document["areas"][0]["polygons"] = [[[0, 0, 1.5, 0]]]
    messages = broken(tmp_path, change)
    assert messages == ["area 1 (E06000001): polygons must be rings of whole-number pairs, at least 3 points each",
                        "area E06000001: neighbours not in the layer: E06000099"]


def test_a_layer_from_another_app_version_asks_for_a_new_import(tmp_path):
    messages = broken(tmp_path, lambda d: d.update(version=0))
    assert messages == ["map layer version 0, this app reads version 1: import the data folder again"]


def test_a_missing_layer_says_how_to_build_it(tmp_path):
    with pytest.raises(DataFileMissingError, match="make data-import"):
        web_layer_reader.read_web_layer(tmp_path / "web" / "utla.json")


def test_build_layers_writes_each_level_and_its_manifest_entry(tmp_path):
    write_boundaries(tmp_path / "ctyua.geojson", FEATURES)
    target = tmp_path / "data"
    (target / "boundaries").mkdir(parents=True)
    (tmp_path / "ctyua.geojson").rename(target / "boundaries" / "utla_ctyua_dec2023_england_bsc.geojson")
    messages = []
    entries = build_layers_mod.build_layers(target, ["utla", "lad"], messages.append)
    assert [entry["file"] for entry in entries] == ["web/utla.json"]
    assert entries[0]["method"] == "built" and entries[0]["validated"] is True
    assert entries[0]["derived_from"] == "boundaries/utla_ctyua_dec2023_england_bsc.geojson"
    assert messages[0].startswith("web/utla.json: built (3 areas")
    assert messages[1].startswith("web/lad.json: NOT BUILT:") and "missing" in messages[1]


def test_a_stale_layer_is_refused_with_how_to_rebuild_it(boundary_file, tmp_path):
    document = build_layers_mod.build_web_layer(boundary_file, "utla")
    layer_file = build_layers_mod.write_web_layer(document, tmp_path / "web" / "utla.json")
    write_boundaries(boundary_file, FEATURES[:2])  # the boundaries changed after the layer was built
    with pytest.raises(DataFileMalformedError) as raised:
        web_layer_reader.read_current_web_layer(layer_file, boundary_file)
    assert "built from another version of" in raised.value.render()
    assert "make data-import" in raised.value.render()


def test_layers_are_built_for_the_levels_whose_boundaries_are_valid():
    assert build_layers_mod.levels_to_build(["lad_boundaries", "lad_lookup", "utla_boundaries"]) == ["utla", "lad"]
    assert build_layers_mod.levels_to_build([]) == []
