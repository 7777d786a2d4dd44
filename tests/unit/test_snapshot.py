"""The starter snapshot builder (`python -m acquire snapshot SRC --dest data/starter`) on a tiny hand-made folder:
only what the app reads is kept (the map layer, not the boundary file it was built from), the manifest records each
file with `kind: starter` and no time or machine path, two builds are byte-identical, LICENCES.md carries the
attribution, and a folder that cannot make a full starter is refused without touching the destination."""

from __future__ import annotations

import json

import pytest

from acquire import snapshot
from acquire.cli import main
from acquire.licences import MIT_NOTICES, OGL_DEFAULT
from core.catalogue import BY_KEY
from core.paths import sha256
from loaders.manifest import STARTER, read_snapshot
from tests.unit.test_pfa_data import write_forces
from tests.unit.test_refresh import HEX_FIXTURE, LOOKUP, LOOKUP_ROWS, snapshot_of

HEX = BY_KEY["lad_hexjson"].path
PFA = BY_KEY["pfa_boundaries"].path
CSP = BY_KEY["csp_pfa_lookup"].path
CSP_ROWS = ("ltla24_code,ltla24_name,csp24_code,csp24_name,pfa24_code,pfa24_name\n"
            "E07000136,Boston,E22000173,Boston,E23000020,Lincolnshire\n")
# Three dates in the notes: the newest, by eye, is 2026-03-04.
NOTES = "# Sources\n\nRead 2025-01-02; the lookup from commit abc (2026-03-04); forces 2024-12-31.\n"


@pytest.fixture
def offline(tmp_path):
    """A tiny offline folder: a force boundary file, two lookups, a hex layout, a file the app does not read."""
    source = tmp_path / "offline"
    write_forces(source / PFA)
    (source / "lookups").mkdir()
    (source / CSP).write_text(CSP_ROWS)
    (source / LOOKUP).write_text("\n".join(LOOKUP_ROWS) + "\n")
    (source / "lookups" / "notes.csv").write_text("a\n1\n")
    (source / "hexjson").mkdir()
    (source / HEX).write_bytes(HEX_FIXTURE.read_bytes())
    (source / "SOURCES.md").write_text(NOTES)
    return source


@pytest.fixture
def anything_goes(monkeypatch):
    """The tiny folder lacks most of the files a real starter needs: that check is tested on its own below."""
    monkeypatch.setattr(snapshot, "_missing", lambda chosen: [])


def test_only_what_the_app_reads_is_kept_with_its_record(offline, tmp_path, anything_goes):
    destination = tmp_path / "starter"
    summary = snapshot.build_starter(offline, destination, progress=lambda _: None)
    files = set(snapshot_of(destination))
    assert files == {"LICENCES.md", "SOURCES.md", CSP, LOOKUP, HEX, "web/pfa.json", "manifest.json"}  # no
    # boundaries/ (its layer is kept), no lookups/notes.csv (the app does not read it)
    assert summary.startswith("Starter snapshot: 6 files and the manifest, ")
    assert summary.endswith("(inputs as of 2026-03-04)")
    document = json.loads((destination / "manifest.json").read_text())
    assert (document["kind"], document["date"]) == (STARTER, "2026-03-04")
    assert "written_at" not in document
    entries = {entry["file"]: entry for entry in document["files"]}
    assert {entry["kind"] for entry in entries.values()} == {STARTER}
    assert not [name for entry in entries.values() for name in ("imported_at", "imported_from", "retrieved_at")
                if name in entry]  # nothing that differs between two machines or two days
    layer = entries["web/pfa.json"]
    assert layer["derived_from"] == PFA and layer["derived_from_sha256"] == sha256(offline / PFA)
    assert layer["sha256"] == sha256(destination / "web" / "pfa.json")
    assert entries[HEX]["licence"] == "MIT (layout); codes and names ONS, OGL v3.0"
    inputs = {item["file"]: item["sha256"] for item in document["inputs"]}
    assert inputs == {path: sha256(offline / path) for path in (CSP, HEX, LOOKUP, PFA)}
    assert read_snapshot(destination).kind == STARTER and read_snapshot(destination).date == "2026-03-04"


def test_two_builds_from_the_same_inputs_are_byte_identical(offline, tmp_path, anything_goes):
    snapshot.build_starter(offline, tmp_path / "first", progress=lambda _: None)
    snapshot.build_starter(offline, tmp_path / "second", progress=lambda _: None)
    assert snapshot_of(tmp_path / "first") == snapshot_of(tmp_path / "second")
    text = (tmp_path / "first" / "manifest.json").read_text()
    keys = [list(entry) for entry in json.loads(text)["files"]]
    assert keys == [sorted(entry) for entry in keys]  # sorted keys


def test_licences_carry_every_attribution_and_the_mit_notice(offline, tmp_path, anything_goes):
    snapshot.build_starter(offline, tmp_path / "starter", progress=lambda _: None)
    licences = (tmp_path / "starter" / "LICENCES.md").read_text()
    assert f"| `{HEX}` | Open Innovations (odileeds/hexmaps) | MIT (layout); codes and names ONS, OGL v3.0 | 2023 |" \
        in licences
    assert "Copyright (c) 2017- Open Innovations" in licences and "Permission is hereby granted" in licences
    assert OGL_DEFAULT in licences  # the lookups are OGL files with no attribution of their own
    assert ("Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS "
            "data © Crown copyright and database right 2020.") in licences  # the force boundaries, via their layer
    assert set(MIT_NOTICES) <= set(BY_KEY)


def test_a_folder_without_the_files_the_maps_need_is_refused_and_nothing_changes(offline, tmp_path, capsys):
    destination = tmp_path / "starter"
    destination.mkdir()
    (destination / "manifest.json").write_text('{"kind": "starter"}')
    before = snapshot_of(destination)
    assert main(["snapshot", str(offline), "--dest", str(destination)]) == 1
    err = capsys.readouterr().err
    assert "lacks files the maps need" in err and "web/utla.json" in err and "population/" in err
    assert snapshot_of(destination) == before


def test_a_broken_input_is_refused_and_nothing_changes(offline, tmp_path, anything_goes):
    (offline / LOOKUP).write_text(LOOKUP_ROWS[0] + "\nE06000001,Hartlepool,Borough,E06000001,Hartlepool,Unitary "
                                  "authority,E12000001,North East,E06000001\n")
    with pytest.raises(snapshot.SnapshotError, match=f"1 file\\(s\\) of .* failed validation: {LOOKUP}"):
        snapshot.build_starter(offline, tmp_path / "starter", progress=lambda _: None)
    assert not (tmp_path / "starter").exists()


def test_the_date_is_the_newest_in_the_notes_or_none(tmp_path):
    assert snapshot.inputs_date(tmp_path) is None  # no SOURCES.md
    (tmp_path / "SOURCES.md").write_text(NOTES)
    assert snapshot.inputs_date(tmp_path) == "2026-03-04"
