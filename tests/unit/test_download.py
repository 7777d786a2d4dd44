"""`make data`: downloads from the publishers, against a local HTTP server serving recorded responses.

The server listens on 127.0.0.1 (a free port) and answers at the publishers' own paths with the hand-made files in
tests/fixtures/download (see its README). No test touches the internet. Expected values are copied by hand from
../shared/data (the files these downloads reproduce) or added up by hand in the comments.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import socket
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from acquire.cli import main
from acquire.convert.census_population import build_population
from acquire.convert.homelessness import homelessness_from_sheets
from acquire.convert.iod2025 import iod_file10_to_tidy
from acquire.convert.lad_lookup import build_lad_lookup
from acquire.convert.ods import read_ods_sheets
from acquire.download.arcgis import ArcGisLayer, LadLookup
from acquire.download.hosts import ENV_BASE_URL, base_urls
from acquire.download.published_files import Homelessness, IodFile10
from acquire.download.run import download, keys_to_download
from acquire.download.sources import DOWNLOADS
from acquire.download.specs import ImportOnly
from acquire.errors import DownloadError
from core.catalogue import BY_KEY, IMPORT_ONLY_KEYS
from loaders.boundaries import load_boundaries
from loaders.manifest import MANIFEST, read_manifest
from loaders.population import read_population
from tests.conftest import REPO_ROOT

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "download"
ONS = "/ESMARspQHYMw9BZ9/arcgis/rest/services"
CTYUA_QUERY = f"{ONS}/Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC/FeatureServer/0/query"
HEX_PATH = "/odileeds/hexmaps/c18fd805fb49c41d21da975169c762ba7afe887a/maps/uk-local-authority-districts-2023.hexjson"
FINGERTIPS_PATH = "/api/all_data/csv/by_indicator_id"
FINGERTIPS_METADATA_PATH = "/api/indicator_metadata/by_indicator_id"
# The names data/indicators.csv records (and Fingertips' metadata must give) for the two general-population ids.
REGISTER_NAMES = {"92443": "Smoking Prevalence in adults (aged 18 and over) - current smokers (APS)",
                  "848": "Depression: QOF prevalence"}


def add_fingertips_metadata(publisher: Publisher, indicator_id: str, name: str | None = None) -> None:
    """Fingertips' indicator metadata answer in its JSON layout (id -> {"IID", "Descriptive": {"Name"}}; see
    tests/fixtures/download/README.md), giving ``name`` (the register's name unless given)."""
    body = {indicator_id: {"IID": int(indicator_id), "Descriptive": {"Name": name or REGISTER_NAMES[indicator_id]}}}
    publisher.add(FINGERTIPS_METADATA_PATH, json.dumps(body), indicator_ids=indicator_id)


# --- the local publisher ------------------------------------------------------------------------------------------

class Publisher:
    """Routes (path + query parameters that must match) -> recorded body; remembers every request."""

    def __init__(self):
        self.routes: list[tuple[str, dict, bytes, int]] = []
        self.requests: list[tuple[str, dict]] = []
        self.origin = ""

    def add(self, path: str, body: bytes | str | Path, status: int = 200, **params) -> None:
        if isinstance(body, Path):
            body = body.read_bytes()
        elif isinstance(body, str):
            body = body.encode()
        self.routes.append((path, {k: str(v) for k, v in params.items()}, body, status))

    def answer(self, path: str, query: dict) -> tuple[int, bytes]:
        self.requests.append((path, query))
        for route_path, params, body, status in self.routes:
            if route_path == path and all(query.get(k) == v for k, v in params.items()):
                return status, body
        return 404, b"not recorded"


@pytest.fixture
def publisher():
    recorded = Publisher()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server name)
            parts = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            status, body = recorded.answer(parts.path, query)
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    recorded.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield recorded
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ctyua_spec(expected: int | None = 3) -> ArcGisLayer:
    return ArcGisLayer("Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC", "CTYUA23CD",
                          "CTYUA23NM", expected, "test", page_size=2)


# --- ONS boundaries: paging ----------------------------------------------------------------------------------------

def test_paging_joins_every_feature_of_every_page(publisher, tmp_path):
    publisher.add(CTYUA_QUERY, FIXTURES / "arcgis" / "ctyua_page1.geojson", resultOffset=0)
    publisher.add(CTYUA_QUERY, FIXTURES / "arcgis" / "ctyua_page2.geojson", resultOffset=2)
    lines = []
    report = download(tmp_path / "data", ["utla_boundaries"], origins=publisher.origin, progress=lines.append,
                         specs={"utla_boundaries": ctyua_spec()})
    assert report.failed == {}
    # The boundary file, then the screen map layer built from it.
    assert [entry["file"] for entry in report.downloaded] == [BY_KEY["utla_boundaries"].path, "web/utla.json"]
    areas = load_boundaries(tmp_path / "data" / BY_KEY["utla_boundaries"].path)
    assert areas["code"].tolist() == ["E09000001", "E09000007", "E09000014"]
    assert areas["name"].tolist() == ["City of London", "Camden", "Haringey"]
    # page 2 starts after the 2 features page 1 held; England only, ONS names, lon/lat, GeoJSON
    (_, first), (_, second) = publisher.requests
    assert (first["resultOffset"], second["resultOffset"]) == ("0", "2")
    assert first["where"] == "CTYUA23CD LIKE 'E%'" and first["outFields"] == "CTYUA23CD,CTYUA23NM"
    assert (first["outSR"], first["f"], first["resultRecordCount"]) == ("4326", "geojson", "2")
    prefix = "[1/1] boundaries/utla_ctyua_dec2023_england_bsc.geojson"
    host = publisher.origin.removeprefix("http://")
    assert lines[:2] == [f"{prefix} page 1 ({host})", f"{prefix} page 2 ({host})"]
    assert lines[2].startswith(f"{prefix}: valid (3 utla areas), saved: ")  # then its size (test_refresh.py)
    assert lines[3].startswith("web/utla.json: built (3 areas")


def test_a_malformed_page_is_rejected_and_nothing_is_written(publisher, tmp_path):
    publisher.add(CTYUA_QUERY, FIXTURES / "arcgis" / "ctyua_page1.geojson", resultOffset=0)
    publisher.add(CTYUA_QUERY, FIXTURES / "arcgis" / "ctyua_page2_truncated.geojson", resultOffset=2)
    lines = []
    report = download(tmp_path / "data", ["utla_boundaries"], origins=publisher.origin, progress=lines.append,
                         specs={"utla_boundaries": ctyua_spec()})
    assert list(report.failed) == ["utla_boundaries"] and report.downloaded == []
    assert "page 2 is not valid JSON" in report.failed["utla_boundaries"]
    assert "FAILED, not saved" in lines[-1]
    assert not (tmp_path / "data").exists()  # no file, no staging folder, no manifest


def test_a_partial_answer_is_rejected_by_the_feature_count(publisher, tmp_path):
    publisher.add(CTYUA_QUERY, FIXTURES / "arcgis" / "ctyua_page2.geojson")  # one feature, no more pages
    report = download(tmp_path, ["utla_boundaries"], origins=publisher.origin, progress=lambda _: None,
                         specs={"utla_boundaries": ctyua_spec(expected=153)})
    assert "received 1 features, expected 153" in report.failed["utla_boundaries"]
    assert list(tmp_path.iterdir()) == []


def test_an_arcgis_error_answer_is_reported(publisher, tmp_path):
    # ArcGIS answers a wrong service name with HTTP 200 and an error object (our CTYUA BSC name is unverified)
    publisher.add(CTYUA_QUERY, FIXTURES / "arcgis" / "error_invalid_url.json")
    report = download(tmp_path, ["utla_boundaries"], origins=publisher.origin, progress=lambda _: None)
    assert "the service answered error 400: Invalid URL" in report.failed["utla_boundaries"]


def test_an_invalid_file_is_reported_by_row_and_not_saved(publisher, tmp_path):
    bad = (FIXTURES / "fingertips" / "92443_at501.csv").read_text().replace(",Persons,18+", ",Everyone,18+", 1)
    publisher.add(FINGERTIPS_PATH, bad, indicator_ids="92443", child_area_type_id="501")
    add_fingertips_metadata(publisher, "92443")
    lines = []
    report = download(tmp_path, ["fingertips_92443_lad"], origins=publisher.origin, progress=lines.append)
    assert "row 2, column 'Sex': 'Everyone'" in report.failed["fingertips_92443_lad"]
    assert "NOT VALID, not saved" in lines[-1] and "row 2, column 'Sex'" in lines[-1]
    assert not (tmp_path / BY_KEY["fingertips_92443_lad"].path).exists()


def test_an_answer_for_another_area_type_or_indicator_is_refused(publisher, tmp_path):
    publisher.add(FINGERTIPS_PATH, FIXTURES / "fingertips" / "92443_at501.csv")  # whatever is asked for
    add_fingertips_metadata(publisher, "92443")
    add_fingertips_metadata(publisher, "848")
    report = download(tmp_path, ["fingertips_92443_utla", "fingertips_848_lad"], origins=publisher.origin,
                         progress=lambda _: None)
    assert "no rows for area type 502 (utla)" in report.failed["fingertips_92443_utla"]
    assert "holds indicator(s) 92443, not 848" in report.failed["fingertips_848_lad"]
    assert report.downloaded == [] and list(tmp_path.iterdir()) == []


# --- the command: manifest, progress, offline ----------------------------------------------------------------------

def test_command_downloads_and_records_the_manifest(publisher, tmp_path, monkeypatch, capsys):
    publisher.add(HEX_PATH, FIXTURES / "hexmaps" / "uk-local-authority-districts-2023.hexjson")
    publisher.add(FINGERTIPS_PATH, FIXTURES / "fingertips" / "92443_at501.csv", indicator_ids="92443",
                  child_area_type_id="501", parent_area_type_id="15")
    add_fingertips_metadata(publisher, "92443")
    monkeypatch.setenv(ENV_BASE_URL, publisher.origin)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    assert main(["download", "--dest", str(tmp_path), "--only", "lad_hexjson", "fingertips_92443_lad"]) == 0
    out = capsys.readouterr().out
    assert "[1/2] hexjson/uk_lad_2023_odileeds.hexjson: valid (3 hexes, layout odd-r), saved" in out
    assert "[2/2] indicators/fingertips_api_92443_at501.csv: valid (3 rows), saved" in out

    entries = {e["file"]: e for e in json.loads((tmp_path / MANIFEST).read_text())["files"]}
    hexes = entries["hexjson/uk_lad_2023_odileeds.hexjson"]
    recorded = (FIXTURES / "hexmaps" / "uk-local-authority-districts-2023.hexjson").read_bytes()
    assert hexes["source_url"] == publisher.origin + HEX_PATH
    assert hexes["sha256"] == hashlib.sha256(recorded).hexdigest() and hexes["bytes"] == len(recorded)
    assert (hexes["publisher"], hexes["licence"], hexes["vintage"]) == (
        "Open Innovations (odileeds/hexmaps)", "MIT (layout); codes and names ONS, OGL v3.0", "2023")
    assert hexes["validated"] is True and hexes["method"] == "download" and hexes["imported_from"] is None
    retrieved = dt.datetime.fromisoformat(hexes["retrieved_at"])
    assert retrieved.utcoffset() == dt.timedelta(0) and before <= retrieved <= dt.datetime.now(dt.timezone.utc)
    fingertips = entries["indicators/fingertips_api_92443_at501.csv"]
    assert fingertips["source_url"] == (publisher.origin + FINGERTIPS_PATH +
                                        "?indicator_ids=92443&child_area_type_id=501&parent_area_type_id=15")
    # the metadata asked first is recorded beside the data's own URL
    assert fingertips["source_urls"] == [fingertips["source_url"],
                                         publisher.origin + FINGERTIPS_METADATA_PATH + "?indicator_ids=92443"]
    assert (fingertips["publisher"], fingertips["licence"]) == (
        "Office for Health Improvement and Disparities (Fingertips API)", "Open Government Licence v3.0")
    manifest = read_manifest(tmp_path).set_index("file")
    assert manifest.loc["hexjson/uk_lad_2023_odileeds.hexjson", "obtained_at"] == hexes["retrieved_at"]


def test_offline_the_command_says_how_to_import_and_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(ENV_BASE_URL, f"http://127.0.0.1:{closed_port()}")
    assert main(["download", "--dest", str(tmp_path / "data"), "--only", "lad_hexjson"]) == 2
    err = capsys.readouterr().err
    assert "Could not reach 127.0.0.1 (connection refused)" in err
    assert "import an offline data folder instead: make data-import SRC=<folder>" in err
    assert not (tmp_path / "data").exists()


def test_files_no_publisher_serves_are_import_only(tmp_path, capsys):
    assert main(["download", "--dest", str(tmp_path), "--only", "utla_hexjson"]) == 1  # nothing could be downloaded
    out = capsys.readouterr().out
    assert ("[1/1] hexjson/england_utla_2023_derived.hexjson: not downloadable: import it from a data folder "
            "(make data-import SRC=<folder>)") in out
    assert "hand edit" in out
    import_only = {key for key, spec in DOWNLOADS.items() if isinstance(spec, ImportOnly)}
    assert {"utla_hexjson", "code_changes", "smoking_ltla_extract", "depression_ltla_extract",
            "la_names"} <= import_only
    assert import_only == IMPORT_ONLY_KEYS  # what Data status tells users to import (core.catalogue)


def test_every_catalogue_file_has_a_download_spec_and_unknown_keys_are_refused(tmp_path, capsys):
    assert set(DOWNLOADS) == set(BY_KEY)
    assert main(["download", "--dest", str(tmp_path), "--only", "boundaries"]) == 2
    assert "unknown file key(s): boundaries" in capsys.readouterr().err


def test_population_brings_the_lookup_it_is_built_with(tmp_path):
    lines = []
    assert keys_to_download(["population"], tmp_path, lines.append) == ["lad_lookup", "population"]
    assert lines == [f"population is built with lad_lookup, which is not in {tmp_path}: downloading it too"]


def test_base_urls_can_point_one_or_every_host_elsewhere():
    assert set(base_urls("http://127.0.0.1:9").values()) == {"http://127.0.0.1:9"}
    some = base_urls("nomis=http://127.0.0.1:9/, github=http://localhost:8")
    assert (some["nomis"], some["github"], some["arcgis"]) == (
        "http://127.0.0.1:9", "http://localhost:8", "https://services1.arcgis.com")
    with pytest.raises(ValueError, match="unknown host name"):
        base_urls("ons=http://127.0.0.1:9")


# --- the district lookup -------------------------------------------------------------------------------------------

def test_lookup_is_built_from_three_ons_tables(publisher, tmp_path):
    publisher.add(f"{ONS}/LAD24_CTYUA24_EW_LU/FeatureServer/0/query",
                  FIXTURES / "arcgis" / "lad24_ctyua24_page1.json", resultOffset=0)
    publisher.add(f"{ONS}/LAD24_CTYUA24_EW_LU/FeatureServer/0/query",
                  FIXTURES / "arcgis" / "lad24_ctyua24_page2.json", resultOffset=2)
    publisher.add(f"{ONS}/LAD24_RGN24_EN_LU/FeatureServer/0/query", FIXTURES / "arcgis" / "lad24_rgn24.json")
    publisher.add(f"{ONS}/LAD25_CTYUA25_EW_LU_v2/FeatureServer/0/query", FIXTURES / "arcgis" / "lad25_ctyua25.json")
    lines = []
    report = download(tmp_path, ["lad_lookup"], origins=publisher.origin, progress=lines.append,
                      specs={"lad_lookup": LadLookup("test", expected=None)})
    assert report.failed == {}
    # each request's line names the file and the ONS table fetched for it; the file's own lines do not
    file, host = f"[1/1] {BY_KEY['lad_lookup'].path}", publisher.origin.removeprefix("http://")
    assert lines[:4] == [f"{file} <- LAD24_CTYUA24_EW_LU page 1 ({host})",
                         f"{file} <- LAD24_CTYUA24_EW_LU page 2 ({host})",
                         f"{file} <- LAD24_RGN24_EN_LU page 1 ({host})",
                         f"{file} <- LAD25_CTYUA25_EW_LU_v2 page 1 ({host})"]
    assert len(lines) == 5 and lines[4].startswith(f"{file}: valid (3 districts, 3 UTLAs, 3 regions), saved: ")
    assert (tmp_path / BY_KEY["lad_lookup"].path).read_text().splitlines() == [
        "lad_code,lad_name,lad_type,utla_code,utla_name,utla_type,region_code,region_name,lad_code_2025",
        "E06000001,Hartlepool,Unitary authority,E06000001,Hartlepool,Unitary authority,E12000001,North East,E06000001",
        "E07000008,Cambridge,Non-metropolitan district,E10000003,Cambridgeshire,County,E12000006,East of England,"
        "E07000008",
        "E08000016,Barnsley,Metropolitan district,E08000016,Barnsley,Metropolitan district,E12000003,"
        "Yorkshire and The Humber,E08000038",
    ]
    assert report.downloaded[0]["source_urls"][1].endswith(
        "/LAD24_RGN24_EN_LU/FeatureServer/0/query?where=LAD24CD+LIKE+%27E%25%27&outFields=LAD24CD%2CRGN24CD%2CRGN24NM"
        "&returnGeometry=false&f=json&orderByFields=LAD24CD")


def test_lookup_refuses_districts_the_tables_disagree_on():
    counties = pd.DataFrame({"LAD24CD": ["E06000001", "E07000008"], "LAD24NM": ["Hartlepool", "Cambridge"],
                             "CTYUA24CD": ["E06000001", "E10000003"], "CTYUA24NM": ["Hartlepool", "Cambridgeshire"]})
    regions = pd.DataFrame({"LAD24CD": ["E06000001"], "RGN24CD": ["E12000001"], "RGN24NM": ["North East"]})
    lad2025 = pd.DataFrame({"LAD25CD": ["E06000001"], "LAD25NM": ["Hartlepool"]})
    with pytest.raises(DownloadError, match="districts in only one of the county and region lookups: E07000008"):
        build_lad_lookup(counties, regions, lad2025)
    with pytest.raises(DownloadError, match="no 2025 district code .* for E07000008 Cambridge"):
        build_lad_lookup(counties, pd.concat([regions, pd.DataFrame(
            {"LAD24CD": ["E07000008"], "RGN24CD": ["E12000006"], "RGN24NM": ["East of England"]})]), lad2025)


# --- Census 2021 population (Nomis TS007A) -----------------------------------------------------------------------

LOOKUP_TWO = (
    "lad_code,lad_name,lad_type,utla_code,utla_name,utla_type,region_code,region_name,lad_code_2025\n"
    "E06000001,Hartlepool,Unitary authority,E06000001,Hartlepool,Unitary authority,E12000001,North East,E06000001\n"
    "E06000063,Cumberland,Unitary authority,E06000063,Cumberland,Unitary authority,E12000002,North West,E06000063\n")


def ts007a_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr("census2021-ts007a-oa.csv", "not this one\n")
        bundle.write(FIXTURES / "nomis" / "census2021-ts007a-ltla.csv", "census2021-ts007a-ltla.csv")
    return buffer.getvalue()


def test_population_is_reshaped_from_2021_districts(publisher, tmp_path):
    (tmp_path / "lookups").mkdir()
    (tmp_path / BY_KEY["lad_lookup"].path).write_text(LOOKUP_TWO)
    publisher.add("/output/census/2021/census2021-ts007a.zip", ts007a_zip())
    report = download(tmp_path, ["population"], origins=publisher.origin, progress=lambda _: None)
    assert report.failed == {}
    wide = pd.read_csv(tmp_path / BY_KEY["population"].path, dtype=str, keep_default_na=False)
    assert wide["area_code"].tolist() == ["E06000001", "E06000063", "E06000001", "E06000063", "E12000001",
                                          "E12000002", "E92000001"]  # Isle of Anglesey (Wales) left out
    cumberland = wide.iloc[1]
    # Allerdale + Carlisle + Copeland: 96152 + 110025 + 67078; under 5s 4341 + 5377 + 3131
    assert (cumberland["all_ages"], cumberland["age_0_4"]) == ("273255", "12849")
    assert cumberland["census_2021_ltla_codes"] == "E07000026|E07000028|E07000029"
    # 0-14 = the three bands of each district: (4341+4885+5434) + (5377+6097+6040) + (3131+3614+3604)
    assert cumberland["age_0_14"] == "42523"
    assert wide.iloc[6]["all_ages"] == "365592"  # 92337 + 273255
    tidy = read_population(tmp_path / BY_KEY["population"].path)
    assert tidy.query("area_type == 'region' and age == 'all ages'")["population"].tolist() == [92337, 273255]


def test_population_fails_when_districts_and_lookup_do_not_match():
    table = pd.read_csv(FIXTURES / "nomis" / "census2021-ts007a-ltla.csv", dtype=str, keep_default_na=False)
    lookup = pd.read_csv(io.StringIO(LOOKUP_TWO + "E06000064,Westmorland and Furness,Unitary authority,E06000064,"
                                     "Westmorland and Furness,Unitary authority,E12000002,North West,E06000064\n"),
                         dtype=str)
    with pytest.raises(DownloadError, match="2024 districts with no Census figures: E06000064"):
        build_population(table, lookup)
    with pytest.raises(DownloadError, match="2021 districts with no 2024 district: E07000026, E07000028"):
        build_population(table, lookup[lookup["lad_code"] == "E06000001"])


# --- MHCLG: IoD2025 File 10 (.xlsx) and homelessness (.ods) -----------------------------------------------------

# Hartlepool's row on each File 10 sheet (values as in indicators/imd2025_lad24_summaries_england.csv).
HARTLEPOOL_IOD = {
    "IMD": (23075.98, 30, 37.58, 6, 0.4211, 3), "Income": (22621.74, 32, 0.357, 18, 0.4035, 3),
    "Employment": (24808.87, 8, 0.247, 2, 0.4912, 1), "Education": (20372.95, 80, 30.453, 46, 0.2456, 31),
    "Health": (27986.98, 5, 1.199, 4, 0.5439, 5), "Crime": (23229.13, 24, 0.638, 12, 0.3509, 5),
    "Barriers": (10230.73, 261, 15.27, 260, 0, 222), "Living": (12710.8, 224, 17.012, 179, 0.1404, 61),
    "IDACI": (22680.15, 36, 0.494, 30, 0.3509, 6), "IDAOPI": (20663.64, 33, 0.273, 26, 0.2281, 28),
}


def file10_workbook(path: Path, header_g: str = "Proportion of LSOAs in most deprived 10% nationally") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    book["Notes"]["A1"] = "File 10: local authority district summaries"
    for sheet, values in HARTLEPOOL_IOD.items():
        rows = book.create_sheet(sheet)
        rows.append(["Local Authority District code (2024)", "Local Authority District name (2024)",
                     f"{sheet} - Average rank", f"{sheet} - Rank of average rank", f"{sheet} - Average score",
                     f"{sheet} - Rank of average score", f"{sheet} - {header_g}",
                     f"{sheet} - Rank of proportion of LSOAs in most deprived 10% nationally"])
        rows.append(["E06000001", "Hartlepool", *values])
    book.save(path)
    return path


def test_iod_file10_becomes_the_tidy_district_summaries(publisher, tmp_path):
    path = "/media/6917412ebc34c86ce4e6e7fc/File_10_-_IoD2025_Local_Authority_District_Summaries__lower-tier__v2.xlsx"
    publisher.add(path, file10_workbook(tmp_path / "file10.xlsx"))
    report = download(tmp_path / "data", ["imd2025"], origins=publisher.origin, progress=lambda _: None,
                         specs={"imd2025": IodFile10(path, "test", expected_districts=None)})
    assert report.failed == {}
    lines = (tmp_path / "data" / BY_KEY["imd2025"].path).read_text().splitlines()
    assert len(lines) == 11
    # the same lines as the extract in ../shared/data (traffordDataLab's conversion of the same sheets)
    assert lines[0] == ("area_code,area_name,area_type,deprivation_data_year,index_domain,average_rank,"
                        "rank_average_rank,average_score,rank_average_score,proportion_bottom_decile,"
                        "rank_proportion_bottom_decile")
    assert lines[1] == ("E06000001,Hartlepool,Local Authority District (2024),2025,Index of Multiple Deprivation,"
                        "23075.98,30,37.58,6,0.4211,3")
    assert lines[4] == ("E06000001,Hartlepool,Local Authority District (2024),2025,\"Education, Skills and "
                        "Training Deprivation\",20372.95,80,30.453,46,0.2456,31")
    assert lines[7] == ("E06000001,Hartlepool,Local Authority District (2024),2025,Barriers to Housing and "
                        "Services,10230.73,261,15.27,260,0,222")


def test_iod_file10_with_another_layout_is_refused(tmp_path):
    with pytest.raises(DownloadError, match="sheet IMD: the header is not the expected layout"):
        iod_file10_to_tidy(file10_workbook(tmp_path / "f.xlsx", header_g="Proportion of LSOAs in decile 1"))


def ods_document(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A minimal OpenDocument spreadsheet: numbers as office:value floats, text as strings, padded like LibreOffice
    pads rows and sheets (a run of empty cells to the edge, a run of empty rows at the end)."""
    namespaces = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    tables = []
    for name, rows in sheets.items():
        xml_rows = []
        for row in rows:
            cells = []
            for value in row:
                if value is None:
                    cells.append("<table:table-cell/>")
                elif isinstance(value, float):
                    cells.append(f'<table:table-cell office:value-type="float" office:value="{value!r}">'
                                 f"<text:p>{value:.2f}</text:p></table:table-cell>")
                else:
                    cells.append(f'<table:table-cell office:value-type="string"><text:p>{value}</text:p>'
                                 "</table:table-cell>")
            cells.append('<table:table-cell table:number-columns-repeated="16000"/>')
            xml_rows.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
        xml_rows.append('<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
                        'table:number-columns-repeated="16384"/></table:table-row>')
        tables.append(f'<table:table table:name="{name}">{"".join(xml_rows)}</table:table>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {namespaces}><office:body>'
               f"<office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        bundle.writestr("content.xml", content)
    return path


def homelessness_ods(path: Path, a1_header: str = "Households assessed as homeless per (000s)") -> Path:
    def a1(code, name, rate):
        return [code, name, *[None] * 15, rate]

    def ta1(code, name, rate):
        return [code, name, None, None, None, None, rate]

    return ods_document(path, {
        "Contents": [["Statutory homelessness: detailed local authority tables"]],
        "A1": [["Table A1: Number of households assessed, October to December 2023"], [],
               ["Area code", "Area name", *[None] * 15, a1_header],
               ["E92000001", "ENGLAND", *[None] * 15, 2.6],  # not a district: left out
               a1("E07000223", "Adur", 1.15239558597569), a1("E07000032", "Amber Valley", "[x]"),
               a1("E06000001", "Hartlepool", 2.47111152950036), a1("E10000002", "Buckinghamshire county", 9.9)],
        "TA1": [["Table TA1: Households in temporary accommodation, 31 December 2023"], [], [],
                ["Area code", "Area name", None, None, None, None, "Total number of households in TA per (000s)"],
                ta1("E06000001", "Hartlepool", 0.353015932785766), ta1("E07000032", "Amber Valley", ".."),
                ta1("E07000223", "Adur", 4.71434557899148)],
        "TA2": [["read no further"]],
    })


def test_homelessness_tables_become_the_rates_per_1000(publisher, tmp_path):
    path = "/media/662f6eccce557c60ed19ad15/Detailed_LA_202312.ods"
    publisher.add(path, homelessness_ods(tmp_path / "tables.ods"))
    report = download(tmp_path / "data", ["homelessness"], origins=publisher.origin, progress=lambda _: None,
                         specs={"homelessness": Homelessness(path, "test", expected_districts=None)})
    assert report.failed == {}
    # the same rows as ../shared/data's CSV (A1's order; TA1 joined by code; "[x]" and ".." are NA)
    assert (tmp_path / "data" / BY_KEY["homelessness"].path).read_text().splitlines() == [
        'ltla23_code,Households assessed as homeless per (000s),"Households in temporary accommodation per 1,000"',
        "E07000223,1.15239558597569,4.71434557899148",
        "E07000032,NA,NA",
        "E06000001,2.47111152950036,0.353015932785766",
    ]


def test_homelessness_tables_with_a_moved_column_are_refused(tmp_path):
    sheets = read_ods_sheets(homelessness_ods(tmp_path / "t.ods", a1_header="Households owed a relief duty"),
                                ["A1", "TA1"])
    with pytest.raises(DownloadError, match="sheet A1, column 18: the header .* is not a rate per 1,000"):
        homelessness_from_sheets(sheets)


def test_ods_reader_keeps_cells_in_their_columns_and_stops_after_the_sheets_wanted(tmp_path):
    sheets = read_ods_sheets(homelessness_ods(tmp_path / "t.ods"), ["A1"])
    assert list(sheets) == ["A1"]
    rows = [row for row in sheets["A1"] if row]
    assert rows[1][0] == "Area code" and rows[1][17] == "Households assessed as homeless per (000s)"
    assert rows[3][:2] == ["E07000223", "Adur"] and rows[3][17] == "1.15239558597569" and len(rows[3]) == 18
    assert rows[4][2:17] == [""] * 15 and rows[4][17] == "[x]"  # empty cells keep the rate in column 18
