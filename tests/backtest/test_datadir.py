"""Back-test of the import on the real ../shared/data folder: every catalogue file in it is valid, the map layers
are built and the manifest records every file with its checksum."""

from acquire.importer import files_to_import, import_data_folder
from core.catalogue import CATALOGUE
from loaders.manifest import read_manifest


def test_the_shared_data_folder_imports_and_every_catalogue_file_in_it_is_valid(shared_data, tmp_path):
    destination = tmp_path / "data"
    entries = import_data_folder(shared_data, destination, progress=lambda _: None)
    catalogued = {entry.key for entry in CATALOGUE if (shared_data / entry.path).is_file()}
    assert {entry.key for entry in CATALOGUE if entry.required} <= catalogued  # the maps' files are all there
    validated = {entry["key"]: entry["validated"] for entry in entries if entry["key"] and entry["method"] == "import"}
    assert validated == dict.fromkeys(catalogued, True)
    # every other file copied is recorded as not used; the screen map layers are built from the boundaries
    copied = {path.relative_to(shared_data).as_posix() for path in files_to_import(shared_data)}
    not_used = {entry["file"] for entry in entries if entry["validated"] == "not used"}
    assert not_used == copied - {entry.path for entry in CATALOGUE}
    built = sorted(entry["file"] for entry in entries if entry["method"] == "built")
    assert built == ["web/lad.json", "web/pfa.json", "web/region.json", "web/utla.json"]
    # the manifest records every file in the data directory, each with its checksum
    manifest = read_manifest(destination)
    on_disk = {path.relative_to(destination).as_posix() for path in destination.rglob("*") if path.is_file()}
    assert set(manifest["file"]) == on_disk - {"manifest.json"} == copied | set(built)
    assert manifest["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
