"""Police force areas and community safety partnerships through the data path: the boundary file (England and
Wales, as humaniverse/geographr names its properties, or as ONS does) read and turned into England's screen layer,
and the LAD -> CSP -> PFA lookup read and checked, on tiny files written here."""

import json

import pytest

from acquire.build_layers import build_web_layer
from acquire.importer import import_data_folder
from core.catalogue import BY_KEY
from core.errors import DataFileMalformedError
from core.web_layer import layer_path
from loaders.boundaries import load_boundaries
from loaders.lookups import read_csp_pfa_lookup
from loaders.web_layer import read_web_layer


def box(west, south, east, north):
    return [[west, south], [east, south], [east, north], [west, north], [west, south]]


def write_forces(path, code_property="pfa20_code", name_property="pfa20_name"):
    """Two neighbouring 0.1-degree squares: an English force and a Welsh one."""
    features = [("E23000020", "Lincolnshire", box(-0.5, 53.0, -0.4, 53.1)),
                ("W15000001", "North Wales", box(-0.6, 53.0, -0.5, 53.1))]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {code_property: code, name_property: name},
         "geometry": {"type": "Polygon", "coordinates": [ring]}} for code, name, ring in features]}))
    return path


@pytest.mark.parametrize(("code", "name", "vintage"), [("pfa20_code", "pfa20_name", 2020),
                                                       ("PFA23CD", "PFA23NM", 2023)])
def test_force_boundaries_are_read_with_their_vintage(tmp_path, code, name, vintage):
    forces = load_boundaries(write_forces(tmp_path / "pfa.geojson", code, name))
    assert forces["code"].tolist() == ["E23000020", "W15000001"]
    assert set(forces["level"]) == {"pfa"} and set(forces["vintage"]) == {vintage}


def test_the_screen_layer_holds_englands_forces_only(tmp_path):
    document = build_web_layer(write_forces(tmp_path / "pfa.geojson"), "pfa", BY_KEY["pfa_boundaries"].path)
    assert [area["code"] for area in document["areas"]] == ["E23000020"]
    assert document["areas"][0]["neighbours"] == []  # the Welsh neighbour is not on the screen layer


def test_import_validates_both_files_and_builds_the_force_layer(tmp_path):
    source = tmp_path / "offline"
    write_forces(source / BY_KEY["pfa_boundaries"].path)
    (source / "lookups").mkdir()
    (source / BY_KEY["csp_pfa_lookup"].path).write_text(
        "ltla24_code,ltla24_name,csp24_code,csp24_name,pfa24_code,pfa24_name\n"
        "E07000136,Boston,E22000173,Boston,E23000020,Lincolnshire\n"
        "W06000001,Isle of Anglesey,W14000001,Isle of Anglesey,W15000001,North Wales\n")
    messages = []
    entries = import_data_folder(source, tmp_path / "dest", progress=messages.append)
    assert f"{BY_KEY['pfa_boundaries'].path}: valid (2 pfa areas)" in "\n".join(messages)
    assert (f"{BY_KEY['csp_pfa_lookup'].path}: valid (2 districts in 2 CSPs and 2 police force areas (1 in "
            "England; 0 English districts split between CSPs))") in "\n".join(messages)
    assert read_web_layer(layer_path(tmp_path / "dest", "pfa")).codes == ("E23000020",)
    assert {entry["file"] for entry in entries} >= {"web/pfa.json", BY_KEY["pfa_boundaries"].path}


def test_the_lookup_reads_ons_names_and_keeps_a_split_district_on_several_rows(tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_text("LAD24CD,LAD24NM,CSP24CD,CSP24NM,PFA24CD,PFA24NM\n"
                    "E06000060,Buckinghamshire,E22000001,Aylesbury Vale,E23000029,Thames Valley\n"
                    "E06000060,Buckinghamshire,E22000002,Chiltern,E23000029,Thames Valley\n")
    lookup = read_csp_pfa_lookup(path)
    assert lookup[["lad_code", "csp_name", "pfa_code"]].values.tolist() == [
        ["E06000060", "Aylesbury Vale", "E23000029"], ["E06000060", "Chiltern", "E23000029"]]


def test_a_district_in_two_forces_is_refused_by_row(tmp_path):
    path = tmp_path / "lookup.csv"
    path.write_text("ltla24_code,ltla24_name,csp24_code,csp24_name,pfa24_code,pfa24_name\n"
                    "E07000136,Boston,E22000173,Boston,E23000020,Lincolnshire\n"
                    "E07000136,Boston,E22000174,East Lindsey,E23000021,Norfolk\n")
    with pytest.raises(DataFileMalformedError) as error:
        read_csp_pfa_lookup(path)
    text = error.value.render()
    assert "row 2" in text and "every district lies in exactly one force" in text

