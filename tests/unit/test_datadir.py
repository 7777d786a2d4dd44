"""Importing an offline data folder: copies, validation, manifest, checksums and clear refusals."""

import json

import pytest

from acquire import validate
from acquire.cli import main
from acquire.importer import ImportFolderError, import_data_folder
from acquire.progress import indented
from core.catalogue import BY_KEY
from loaders import manifest as manifest_reader
from loaders.manifest import read_manifest
from tests.unit.test_download_fingertips import UTLA_ROWS, csv_body

SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # FIPS 180-2 example
LOOKUP = BY_KEY["lad_lookup"].path
LOOKUP_ROWS = [
    "lad_code,lad_name,lad_type,utla_code,utla_name,utla_type,region_code,region_name,lad_code_2025",
    "E06000001,Hartlepool,Unitary authority,E06000001,Hartlepool,Unitary authority,E12000001,North East,E06000001",
    "E07000008,Cambridge,Non-metropolitan district,E10000003,Cambridgeshire,County,E12000006,East of England,E07000008",
]


def test_import_copies_files_and_records_checksums(tmp_path):
    source = tmp_path / "offline"
    (source / "lookups").mkdir(parents=True)
    (source / "lookups" / "x.csv").write_bytes(b"abc")
    (source / "SOURCES.md").write_text("# sources")
    (source / "unrelated").mkdir()
    (source / "unrelated" / "skip.txt").write_text("not imported")
    messages = []
    entries = import_data_folder(source, tmp_path / "dest", progress=messages.append)
    assert [e["file"] for e in entries] == ["lookups/x.csv", "SOURCES.md"]
    assert entries[0]["sha256"] == SHA256_ABC and entries[0]["bytes"] == 3
    assert (tmp_path / "dest" / "lookups" / "x.csv").read_bytes() == b"abc"
    assert not (tmp_path / "dest" / "unrelated").exists()
    manifest = json.loads((tmp_path / "dest" / "manifest.json").read_text())
    assert manifest["files"][1]["file"] == "lookups/x.csv"  # sorted by file name
    assert messages[0] == "[1/2] lookups/x.csv: copied (not used by the app, so not validated)"
    assert read_manifest(tmp_path / "dest").set_index("file").loc["lookups/x.csv", "sha256"] == SHA256_ABC


def test_a_catalogue_file_is_validated_and_recorded_with_its_source(tmp_path):
    source = tmp_path / "offline"
    (source / "lookups").mkdir(parents=True)
    (source / LOOKUP).write_text("\n".join(LOOKUP_ROWS) + "\n")
    messages = []
    [entry] = import_data_folder(source, tmp_path / "dest", progress=messages.append)
    assert messages[0] == f"[1/1] {LOOKUP}: valid (2 districts, 2 UTLAs, 2 regions)"
    assert entry["validated"] is True and entry["method"] == "import"
    assert (entry["publisher"], entry["licence"], entry["vintage"]) == (
        "Office for National Statistics (Open Geography Portal)", "Open Government Licence v3.0",
        "LAD May 2024 / CTYUA Dec 2023 / RGN Dec 2023")
    assert entry["source_url"] == "https://geoportal.statistics.gov.uk/"
    assert entry["imported_from"] == str(source.resolve()) and entry["retrieved_at"] is None
    row = read_manifest(tmp_path / "dest").iloc[0]
    assert row["obtained_at"] == entry["imported_at"] and row["key"] == "lad_lookup"


def test_an_invalid_file_is_reported_by_file_and_row_and_the_command_fails(tmp_path, capsys):
    source = tmp_path / "offline"
    (source / "lookups").mkdir(parents=True)
    bad = LOOKUP_ROWS[:2] + [LOOKUP_ROWS[2].replace("Non-metropolitan district", "Borough")]
    (source / LOOKUP).write_text("\n".join(bad) + "\n")
    (source / "lookups" / "notes.csv").write_text("a\n1\n")
    assert main(["import", str(source), "--dest", str(tmp_path / "dest")]) == 1
    out, err = capsys.readouterr()
    assert f"[1/2] {LOOKUP}: NOT VALID" in out
    assert "row 3, column 'lad_type': 'Borough' is not one of the allowed values" in out
    assert f"1 file(s) failed validation: {LOOKUP}" in out and "failed validation" in err
    assert not (tmp_path / "dest").exists()  # refused whole: nothing written, not even the valid notes file
    entries = {e["file"]: e for e in import_data_folder(source, tmp_path / "dest", progress=lambda _: None)}
    assert entries[LOOKUP]["validated"] is False
    assert any("row 3, column 'lad_type'" in problem for problem in entries[LOOKUP]["problems"])
    assert entries["lookups/notes.csv"]["validated"] == "not used"


def test_a_failed_import_never_leaves_a_half_written_manifest(tmp_path, monkeypatch):
    source = tmp_path / "offline"
    (source / "lookups").mkdir(parents=True)
    (source / LOOKUP).write_text("\n".join(LOOKUP_ROWS) + "\n")
    destination = tmp_path / "dest"
    import_data_folder(source, destination, progress=lambda _: None)
    before = (destination / "manifest.json").read_bytes()

    def crash(path):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(validate, "read_lad_lookup", crash)
    (source / "lookups" / "extra.csv").write_text("a\n")  # sorted before the lookup: copied, then the crash
    with pytest.raises(RuntimeError):
        import_data_folder(source, destination, progress=lambda _: None)
    assert (destination / "manifest.json").read_bytes() == before
    assert [p.name for p in destination.iterdir() if p.name.startswith(".manifest-")] == []


def test_old_manifests_are_still_read(tmp_path):
    old = {"files": [{"file": "lookups/x.csv", "bytes": 3, "sha256": SHA256_ABC, "imported_from": "/data",
                      "imported_at": "2025-01-02T03:04:05+00:00"}]}
    (tmp_path / "manifest.json").write_text(json.dumps(old))
    manifest = read_manifest(tmp_path)
    assert list(manifest.columns) == manifest_reader.MANIFEST_COLUMNS
    row = manifest.iloc[0]
    assert row["obtained_at"] == "2025-01-02T03:04:05+00:00" and row["sha256"] == SHA256_ABC
    assert row[["publisher", "licence", "validated", "retrieved_at"]].isna().all()


def test_a_new_import_keeps_the_record_of_files_still_there(tmp_path):
    destination = tmp_path / "dest"
    for name, text in (("first", "a"), ("second", "b")):
        source = tmp_path / name
        (source / "lookups").mkdir(parents=True)
        (source / "lookups" / f"{name}.csv").write_text(text)
        import_data_folder(source, destination, progress=lambda _: None)
    assert read_manifest(destination)["file"].tolist() == ["lookups/first.csv", "lookups/second.csv"]
    (destination / "lookups" / "first.csv").unlink()
    import_data_folder(tmp_path / "second", destination, progress=lambda _: None)
    assert read_manifest(destination)["file"].tolist() == ["lookups/second.csv"]


def test_a_folder_without_data_is_refused_by_name(tmp_path):
    (tmp_path / "photos").mkdir()
    with pytest.raises(ImportFolderError, match="none of the expected sub-folders"):
        import_data_folder(tmp_path, tmp_path / "dest")
    with pytest.raises(ImportFolderError, match="not a folder"):
        import_data_folder(tmp_path / "missing", tmp_path / "dest")


def test_command_line_reports_failure_with_exit_code(tmp_path, capsys):
    assert main(["import", str(tmp_path / "missing"), "--dest", str(tmp_path / "d")]) == 2
    assert "Import failed" in capsys.readouterr().err


def test_manifest_is_empty_before_any_import(tmp_path):
    assert read_manifest(tmp_path).empty


def test_problems_are_set_under_their_file():
    assert indented("a.csv has 1 problem(s).\n- row 2: blank") == "    a.csv has 1 problem(s).\n    - row 2: blank"


def test_every_catalogue_file_has_a_validator():
    assert set(validate.VALIDATORS) == set(BY_KEY)


def test_a_justice_indicator_file_in_an_offline_folder_is_imported_and_validated(tmp_path):
    # The made-up 41001 file of test_download_fingertips.py, in Fingertips' layout: England, Kent and Medway.
    path = BY_KEY["fingertips_41001_utla"].path
    (tmp_path / "offline" / "indicators").mkdir(parents=True)
    (tmp_path / "offline" / path).write_text(csv_body(UTLA_ROWS), encoding="utf-8")
    messages = []
    [entry] = import_data_folder(tmp_path / "offline", tmp_path / "dest", progress=messages.append)
    assert messages[0] == f"[1/1] {path}: valid (3 rows)"
    assert entry["validated"] is True and entry["key"] == "fingertips_41001_utla"
