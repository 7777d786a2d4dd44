"""ONS's statistical neighbour lists on the data path: read with their byte-order mark, every problem reported by
row and column, validated and recorded by the import, and downloaded (`make data`) from the ONS repository's raw
file, here from a loopback server at the same path."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from acquire import validate
from acquire.download.run import download
from acquire.download.sources import DOWNLOADS
from acquire.download.specs import RawFile
from acquire.importer import import_data_folder
from core.catalogue import BY_KEY, NEIGHBOUR_MODELS, neighbours_key
from core.errors import DataFileMalformedError, DataFileMissingError
from loaders.manifest import MANIFEST
from loaders.similar_areas import read_neighbour_list, read_neighbour_lists

HEADER = "AREACD," + ",".join(str(rank) for rank in range(1, 21))
BLANKS = "," * 17  # ranks 4 to 20 left blank after three neighbours
GOOD = [HEADER, f"E06000001,E06000002,W06000001,E06000003{BLANKS}", f"E06000002,E06000001,E06000003,S12000005{BLANKS}"]
RAW_PATH = "/ONSdigital/explore-local-statistics-app/refs/heads/develop/scripts/config/clusters/global-neighbours.csv"


def write(path, lines: list[str], bom: bool = True) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\ufeff" if bom else "").encode() + ("\n".join(lines) + "\n").encode())


@pytest.mark.parametrize("bom", [True, False])
def test_a_list_is_read_with_or_without_its_byte_order_mark(tmp_path, bom):
    write(tmp_path / "global.csv", GOOD, bom=bom)
    rows = read_neighbour_list(tmp_path / "global.csv", "global")
    # two areas, three neighbours each, blank ranks dropped; AREACD is found behind the BOM
    assert rows.to_dict("records")[:3] == [
        {"model": "global", "area_code": "E06000001", "rank": 1, "neighbour_code": "E06000002"},
        {"model": "global", "area_code": "E06000001", "rank": 2, "neighbour_code": "W06000001"},
        {"model": "global", "area_code": "E06000001", "rank": 3, "neighbour_code": "E06000003"}]
    assert len(rows) == 6


def test_twenty_ranks_are_required(tmp_path):
    header = "AREACD," + ",".join(str(rank) for rank in range(1, 20))  # no column 20
    write(tmp_path / "short.csv", [header, "E06000001,E06000002" + "," * 18])
    with pytest.raises(DataFileMalformedError) as caught:
        read_neighbour_list(tmp_path / "short.csv", "global")
    assert [str(p).split(": ", 1)[1] for p in caught.value.problems] == ["column is missing from the header"]
    assert caught.value.problems[0].column == "20"


def test_every_problem_is_reported_by_row_and_column(tmp_path):
    write(tmp_path / "bad.csv", [
        HEADER,
        f"E06000001,E06000002,,E06000003{BLANKS}",  # row 2: a gap at rank 2
        f"E06000002,X1{BLANKS},,",  # row 3: not a GSS code at rank 1
        f"E06000003,E06000001,E06000001{BLANKS},",  # row 4: listed twice
        f"E06000004,E06000004{BLANKS},,",  # row 5: its own neighbour
        "E06000005" + "," * 20,  # row 6: no neighbour
        f"E06000005,E06000001{BLANKS},,",  # row 7: the area code repeated
    ])
    with pytest.raises(DataFileMalformedError) as caught:
        read_neighbour_list(tmp_path / "bad.csv", "global")
    found = {(p.row, p.column, p.message.split(" (rule")[0]) for p in caught.value.problems}
    assert found == {
        (2, None, "a blank rank comes before a filled one: neighbours must fill the ranks from 1 without a gap"),
        (3, "1", "'X1' is not an ONS (GSS) code"),
        (4, None, "the same neighbour is listed at two ranks"),
        (5, None, "the area is listed as its own neighbour"),
        (6, None, "the area has no neighbour in columns 1 to 20"),
        (6, "AREACD", "'E06000005' is repeated but must be unique"),
        (7, "AREACD", "'E06000005' is repeated but must be unique"),
    }


def test_without_any_list_the_folder_says_how_to_get_them(tmp_path):
    with pytest.raises(DataFileMissingError, match="make data-import"):
        read_neighbour_lists(tmp_path)


def test_the_import_validates_and_records_each_list(tmp_path):
    source = tmp_path / "offline"
    write(source / BY_KEY["neighbours_global"].path, GOOD)
    (source / "similar_areas" / "ons_cluster_allocation_2026.csv").write_text("AREACD,AREANM\n")
    messages = []
    entries = {entry["file"]: entry for entry in import_data_folder(source, tmp_path / "dest", messages.append)}
    listed = entries["similar_areas/ons_global_neighbours_2026.csv"]
    assert listed["validated"] is True and listed["key"] == "neighbours_global"
    assert "similar_areas/ons_global_neighbours_2026.csv: valid (2 areas, 6 ranked neighbours)" in "\n".join(
        messages)  # 2 areas x 3 neighbours
    assert listed["vintage"] == "2026 update (ONS commit 99fc2df3, 12 March 2026)"
    assert entries["similar_areas/ons_cluster_allocation_2026.csv"]["validated"] == "not used"
    assert read_neighbour_lists(tmp_path / "dest")["model"].unique().tolist() == ["global"]


def test_each_model_has_a_validator_and_a_download_from_the_ons_repository():
    for model in NEIGHBOUR_MODELS:
        spec = DOWNLOADS[neighbours_key(model)]
        assert isinstance(spec, RawFile) and spec.host == "github"
        assert spec.path == RAW_PATH.replace("global", model)
        assert neighbours_key(model) in validate.VALIDATORS


@pytest.fixture
def raw_github():
    """A loopback server answering at GitHub's raw-file paths with the files given."""
    files: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server name)
            body = files.get(self.path.split("?")[0])
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield files, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_make_data_downloads_a_list_and_refuses_a_broken_one(raw_github, tmp_path):
    files, origin = raw_github
    files[RAW_PATH] = ("\ufeff" + "\n".join(GOOD) + "\n").encode()
    files[RAW_PATH.replace("global", "economic")] = ("\n".join([HEADER, "E06000001,E06000001" + "," * 19]) +
                                                     "\n").encode()  # its own neighbour
    report = download(tmp_path, ["neighbours_global", "neighbours_economic"], origins=f"github={origin}",
                      progress=lambda _: None)
    assert [entry["file"] for entry in report.downloaded] == ["similar_areas/ons_global_neighbours_2026.csv"]
    assert "neighbours_economic" in report.failed
    # one file failed, so the refresh is not kept at all: the folder is as it was (empty)
    assert not report.kept and list(tmp_path.iterdir()) == []
    report = download(tmp_path, ["neighbours_global"], origins=f"github={origin}", progress=lambda _: None)
    assert report.kept and not (tmp_path / BY_KEY["neighbours_economic"].path).exists()
    entry = json.loads((tmp_path / MANIFEST).read_text())["files"][0]
    assert entry["source_url"] == origin + RAW_PATH and entry["validated"] is True
    assert read_neighbour_lists(tmp_path)["area_code"].nunique() == 2
