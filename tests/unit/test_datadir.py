"""Importing an offline data folder: copies, manifest, checksums and clear refusals."""

import json

import pytest

from loaders.datadir import ImportFolderError, import_data_folder, main, read_manifest

SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"  # FIPS 180-2 example


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
    assert manifest["files"][0]["file"] == "lookups/x.csv"
    assert messages[0] == "[1/2] lookups/x.csv"
    assert read_manifest(tmp_path / "dest")["sha256"].tolist()[0] == SHA256_ABC


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
