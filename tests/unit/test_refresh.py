"""Refreshing the open data (`make data`, `make data-import`): which folder the app reads, a refresh written beside it
and swapped in only when complete and valid (an interrupted download or a broken import changes nothing), and the
lines the command prints (bytes and files, one line per file; per failure the publisher, the file and what to do).

The publisher is a loopback HTTP server (127.0.0.1, a free port) that can cut a body short; no test leaves the machine.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from acquire import refresh
from acquire.cli import _report_download, main
from acquire.download import run as download_run
from acquire.download.hosts import ENV_BASE_URL
from acquire.download.http import size_words
from acquire.download.specs import RawFile
from acquire.importer import import_data_folder
from core import paths
from core.catalogue import BY_KEY
from loaders.manifest import DOWNLOAD, IMPORT, MANIFEST, NONE, STARTER, read_manifest, read_snapshot
from tests.conftest import REPO_ROOT

HEX_PATH = "/odileeds/hexmaps/c18fd805fb49c41d21da975169c762ba7afe887a/maps/uk-local-authority-districts-2023.hexjson"
HEX_FILE = BY_KEY["lad_hexjson"].path
HEX_FIXTURE = (REPO_ROOT / "tests" / "fixtures" / "download" / "hexmaps" / "uk-local-authority-districts-2023.hexjson")
# The fixture is 311 bytes; padded with 3072 - 311 = 2761 spaces (still valid JSON) it is exactly 3 x 1024 = "3 KB".
HEX_BODY = HEX_FIXTURE.read_bytes() + b" " * (3072 - 311)
LOOKUP = BY_KEY["lad_lookup"].path
LOOKUP_ROWS = [
    "lad_code,lad_name,lad_type,utla_code,utla_name,utla_type,region_code,region_name,lad_code_2025",
    "E06000001,Hartlepool,Unitary authority,E06000001,Hartlepool,Unitary authority,E12000001,North East,E06000001",
]


# --- a publisher that can drop the connection half way through a body ------------------------------------------------

class Routes(dict):
    """path -> (body, bytes actually sent before the connection is dropped, or None for the whole body)."""


@pytest.fixture
def publisher():
    routes = Routes()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the http.server name)
            body, cut = routes.get(self.path.split("?")[0], (b"not recorded", None))
            self.send_response(200 if self.path.split("?")[0] in routes else 404)
            self.send_header("Content-Length", str(len(body)))  # the whole length is announced ...
            self.end_headers()
            self.wfile.write(body if cut is None else body[:cut])  # ... and only part of it may be sent
            self.wfile.flush()
            self.close_connection = True

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    routes.origin = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield routes
    server.shutdown()
    server.server_close()


def closed_port() -> int:
    """A loopback port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def snapshot_of(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` and its bytes."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def siblings(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.parent.iterdir() if path.name.startswith(f"{folder.name}."))


@pytest.fixture
def previous(tmp_path) -> Path:
    """A data folder in use: an import of one valid lookup (manifest written)."""
    source = tmp_path / "offline"
    (source / "lookups").mkdir(parents=True)
    (source / LOOKUP).write_text("\n".join(LOOKUP_ROWS) + "\n")
    destination = tmp_path / "in-use"
    import_data_folder(source, destination, progress=lambda _: None)
    return destination


# --- which folder the app reads -----------------------------------------------------------------------------------

def test_the_app_reads_jhe_data_dir_then_a_refreshed_folder_then_the_starter(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "REFRESHED_DIR", tmp_path / ".data")
    monkeypatch.setattr(paths, "STARTER_DIR", tmp_path / "data" / "starter")
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    assert paths.imported_data_dir() == tmp_path / "data" / "starter"  # a fresh clone: nothing refreshed yet
    (tmp_path / ".data").mkdir()
    assert paths.imported_data_dir() == tmp_path / "data" / "starter"  # a folder without a manifest is no refresh
    (tmp_path / ".data" / MANIFEST).write_text("{}")
    assert paths.imported_data_dir() == tmp_path / ".data"
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "empty"))  # set, even to a folder with nothing in it
    assert paths.imported_data_dir() == tmp_path / "empty"


def test_a_refresh_writes_to_jhe_data_dir_or_dot_data_never_to_the_starter(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "REFRESHED_DIR", tmp_path / ".data")
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    assert paths.refresh_data_dir() == tmp_path / ".data"
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(tmp_path / "mine"))
    assert paths.refresh_data_dir() == tmp_path / "mine"


def test_the_snapshot_kind_and_date_come_from_the_manifest(tmp_path, previous):
    assert read_snapshot(tmp_path / "nothing").kind == NONE
    snapshot = read_snapshot(previous)
    assert snapshot.kind == IMPORT and snapshot.date == json.loads((previous / MANIFEST).read_text())["written_at"][:10]
    (tmp_path / "old").mkdir()  # a manifest from before the kind was recorded, with one downloaded file
    (tmp_path / "old" / MANIFEST).write_text(json.dumps({"written_at": "2025-01-02T03:04:05+00:00", "files": [
        {"file": "a.csv", "method": "download"}]}))
    assert read_snapshot(tmp_path / "old") == read_snapshot(tmp_path / "old").__class__(
        tmp_path / "old", DOWNLOAD, "2025-01-02")
    assert read_snapshot(REPO_ROOT / "data" / "starter").kind == STARTER


# --- a failed refresh changes nothing -------------------------------------------------------------------------------

def test_a_download_cut_off_half_way_leaves_the_folder_in_use_untouched(publisher, previous, monkeypatch, capsys):
    publisher[HEX_PATH] = (HEX_BODY, 1536)  # 1,536 of the 3,072 bytes announced, then the connection drops
    before = snapshot_of(previous)
    monkeypatch.setenv(ENV_BASE_URL, publisher.origin)
    assert main(["download", "--dest", str(previous), "--only", "lad_hexjson"]) == 1
    out, err = capsys.readouterr()
    assert snapshot_of(previous) == before  # same files, same bytes, the manifest included
    assert siblings(previous) == []  # the new folder was deleted
    lines = out.splitlines()
    assert lines[1] == f"[1/1] {HEX_FILE} file: the connection was cut mid-file, trying once more"
    assert lines[2] == (f"[1/1] {HEX_FILE}: FAILED, not saved: {publisher.origin}{HEX_PATH}: the connection was cut, "
                        "twice, before the whole file arrived")
    assert ("    Publisher: Open Innovations (odileeds/hexmaps). What to do: try again later (python -m acquire "
            "download --only lad_hexjson); if it keeps failing, import the file from a data folder (make data-import "
            "SRC=<folder>).") in out
    assert f"Nothing was changed: {previous} keeps the data it held." in err
    assert "Traceback" not in out + err


def test_one_failed_file_keeps_the_others_out_too_and_says_how_to_fetch_them(publisher, previous, monkeypatch,
                                                                             capsys):
    publisher[HEX_PATH] = (HEX_BODY, None)
    neighbours = "/test/global-neighbours.csv"
    publisher[neighbours] = (b"AREACD,1\n", 4)  # cut after 4 bytes
    spec = RawFile("github", neighbours, "test")
    before = snapshot_of(previous)
    report = download_run.download(previous, ["lad_hexjson", "neighbours_global"], origins=publisher.origin,
                                   progress=print, specs={"neighbours_global": spec})
    assert [entry["file"] for entry in report.downloaded] == [HEX_FILE] and list(report.failed) == ["neighbours_global"]
    assert not report.kept and snapshot_of(previous) == before
    capsys.readouterr()
    _report_download(report, previous)  # the command's closing lines for this run
    assert ("The 1 file(s) that did arrive were not kept either; to fetch just those: python -m acquire download "
            "--only lad_hexjson") in capsys.readouterr().err


def test_an_interrupted_download_changes_nothing(previous, monkeypatch, capsys):
    class Interrupted:
        evidence = "test"

        def fetch(self, run, target):
            target.write_bytes(b"half a file")
            raise KeyboardInterrupt  # Ctrl+C half way through

    before = snapshot_of(previous)
    monkeypatch.setattr(download_run, "DOWNLOADS", {**download_run.DOWNLOADS, "lad_hexjson": Interrupted()})
    assert main(["download", "--dest", str(previous), "--only", "lad_hexjson"]) == 130
    assert f"Interrupted. Nothing was changed: {previous} keeps the data it held." in capsys.readouterr().err
    assert snapshot_of(previous) == before and siblings(previous) == []


def test_an_import_of_a_broken_folder_leaves_the_folder_in_use_untouched(tmp_path, previous, capsys):
    broken = tmp_path / "broken"
    (broken / "lookups").mkdir(parents=True)
    (broken / LOOKUP).write_text(LOOKUP_ROWS[0] + "\nE06000001,Hartlepool,Borough,E06000001,Hartlepool,Unitary "
                                 "authority,E12000001,North East,E06000001\n")  # 'Borough' is no district type
    before = snapshot_of(previous)
    assert main(["import", str(broken), "--dest", str(previous)]) == 1
    out, err = capsys.readouterr()
    assert "row 2, column 'lad_type': 'Borough' is not one of the allowed values" in out
    assert f"Nothing was changed: {previous} keeps the data it held." in out + err
    assert snapshot_of(previous) == before and siblings(previous) == []


def test_a_valid_import_is_swapped_in_whole(tmp_path, previous):
    source = tmp_path / "newer"
    (source / "hexjson").mkdir(parents=True)
    (source / HEX_FILE).write_bytes(HEX_FIXTURE.read_bytes())
    import_data_folder(source, previous, progress=lambda _: None)
    assert sorted(read_manifest(previous)["file"]) == [HEX_FILE, LOOKUP]  # the earlier file is kept beside it
    assert siblings(previous) == []


# --- the swap itself ----------------------------------------------------------------------------------------------

def dead_pid() -> int:
    """The id of a process that has finished (so no refresh owns a folder named after it)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


def test_a_refresh_killed_mid_swap_is_put_back_and_leftovers_are_deleted(tmp_path):
    folder = tmp_path / ".data"
    pid = dead_pid()
    refresh.sibling(folder, refresh.OLD, pid).mkdir()  # the folder in use, renamed away just before the kill
    (refresh.sibling(folder, refresh.OLD, pid) / MANIFEST).write_text("{}")
    refresh.sibling(folder, refresh.NEW, pid).mkdir()  # the unfinished new folder
    lines = []
    refresh.recover(folder, lines.append)
    assert (folder / MANIFEST).is_file() and siblings(folder) == []
    assert lines == [f"{folder}: put back from .data.old-{pid}, left by a refresh that was stopped mid-swap"]


def test_a_first_download_into_dot_data_starts_from_the_starter(publisher, tmp_path, monkeypatch):
    starter = tmp_path / "data" / "starter"
    (starter / "lookups").mkdir(parents=True)
    (starter / LOOKUP).write_text("\n".join(LOOKUP_ROWS) + "\n")
    (starter / MANIFEST).write_text(json.dumps({"kind": STARTER, "date": "2026-06-29", "files": [
        {"file": LOOKUP, "kind": STARTER, "method": "import", "validated": True}]}))
    before = snapshot_of(starter)
    monkeypatch.setattr(download_run, "STARTER_DIR", starter)
    monkeypatch.setattr(download_run, "REFRESHED_DIR", tmp_path / ".data")
    publisher[HEX_PATH] = (HEX_BODY, None)
    report = download_run.download(tmp_path / ".data", ["lad_hexjson"], origins=publisher.origin,
                                   progress=lambda _: None)
    assert report.kept
    manifest = read_manifest(tmp_path / ".data").set_index("file")
    assert manifest["kind"].to_dict() == {LOOKUP: STARTER, HEX_FILE: DOWNLOAD}  # the starter's file stays in use
    assert read_snapshot(tmp_path / ".data").kind == DOWNLOAD
    assert snapshot_of(starter) == before  # the starter itself is untouched


# --- what the command prints --------------------------------------------------------------------------------------

def test_each_file_gets_one_line_with_its_bytes_and_the_run_its_totals(publisher, tmp_path, monkeypatch, capsys):
    publisher[HEX_PATH] = (HEX_BODY, None)
    monkeypatch.setenv(ENV_BASE_URL, publisher.origin)
    destination = tmp_path / "data"
    assert main(["download", "--dest", str(destination), "--only", "lad_hexjson", "utla_hexjson"]) == 0
    lines = capsys.readouterr().out.splitlines()
    host = publisher.origin.removeprefix("http://")
    assert lines[0] == f"[1/2] {HEX_FILE} file ({host})"  # the request, as it starts
    # 3,072 bytes saved and received: 3 KB each (1 KB = 1,024 bytes)
    assert lines[1] == f"[1/2] {HEX_FILE}: valid (3 hexes, layout odd-r), saved: 3 KB, 3 KB received"
    assert lines[2].startswith("[2/2] hexjson/england_utla_2023_derived.hexjson: not downloadable: import it")
    assert lines[3] == f"Downloaded 1 file(s), 3 KB received, into {destination} (manifest: {destination / MANIFEST})."
    assert lines[4].startswith("Import-only (no publisher serves them as the app reads them): utla_hexjson.")


def test_an_unreachable_publisher_stops_the_run_naming_publisher_file_and_what_to_do(tmp_path, previous, monkeypatch,
                                                                                     capsys):
    monkeypatch.setenv(ENV_BASE_URL, f"http://127.0.0.1:{closed_port()}")
    before = snapshot_of(previous)
    assert main(["download", "--dest", str(previous), "--only", "lad_hexjson"]) == 2
    out, err = capsys.readouterr()
    assert (f"[1/1] {HEX_FILE}: STOPPED: Open Innovations (odileeds/hexmaps) could not be reached "
            "(127.0.0.1: connection refused)") in out
    assert f"Nothing was changed: {previous} keeps the data it held. What to do: check the network" in err
    assert snapshot_of(previous) == before and "Traceback" not in out + err


def test_sizes_are_written_in_bytes_kilobytes_and_megabytes():
    # 1023 B is under 1 KB; 1536 / 1024 = 1.5, rounded to 2 KB; 5,557,453 / 1,048,576 = 5.3 MB
    assert [size_words(n) for n in (0, 1023, 1536, 5_557_453)] == ["0 B", "1023 B", "2 KB", "5.3 MB"]
