"""Importing an offline data folder (``python -m acquire import SRC``): copy, validate, build the map layers, and
record the manifest.

The folder is laid out like the publishers' downloads (``boundaries/``, ``hexjson/``, ``indicators/``,
``lookups/``, ``population/``, as ../shared/data is). Every file the app reads (core/catalogue.py) is checked with
the reader the app uses (acquire/validate.py) before it is recorded as valid; other files are copied and recorded
as "not used". The import is written into a new folder beside the destination (acquire/refresh.py), which starts
as a copy of the destination's files, and swapped in only when every file the app reads is valid and every map
layer was built: a failed or interrupted import leaves the destination, and its manifest, as they were.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from acquire import refresh
from acquire.build_layers import build_layers, levels_to_build
from acquire.manifest import manifest_entry, update_manifest, utc_now
from acquire.progress import Progress, indented
from acquire.validate import validate_catalogue_file
from core.catalogue import BY_PATH
from core.errors import DataLoadError
from core.web_layer import LAYER_FOLDER
from loaders.manifest import IMPORT, MANIFEST, NOT_USED

logger = logging.getLogger(__name__)

IMPORTED_FOLDERS = ("boundaries", "hexjson", "indicators", "lookups", "population", "similar_areas")
NOTES_FILE = "SOURCES.md"  # the folder's own notes on where its files came from, copied too


class ImportFolderError(ValueError):
    """The folder offered for import is not a data folder."""


def files_to_import(source: Path) -> list[Path]:
    """Every file of ``source`` that an import copies: those in the expected sub-folders, and SOURCES.md.
    Raises ImportFolderError, naming the folder, if it holds none of the expected sub-folders."""
    if not source.is_dir():
        raise ImportFolderError(f"{source}: not a folder. Pass the folder that holds boundaries/, lookups/ ...")
    present = [name for name in IMPORTED_FOLDERS if (source / name).is_dir()]
    if not present:
        raise ImportFolderError(f"{source}: none of the expected sub-folders ({', '.join(IMPORTED_FOLDERS)}) "
                                "is there, so this is not a data folder")
    files = sorted(p for name in present for p in (source / name).rglob("*") if p.is_file())
    return files + [p for p in (source / NOTES_FILE,) if p.is_file()]


def import_data_folder(source: Path, destination: Path, progress: Progress = print) -> list[dict]:
    """Import an offline data folder (laid out like the publishers' downloads) into ``destination``, swapped in
    only when it is complete and valid.

    Each file the app reads is validated with its reader (problems name the source file, to be fixed there);
    other files (e.g. UK-wide boundary layers, SOURCES.md) are copied and recorded as "not used". Every problem
    is reported through ``progress`` (file, row, column, what is wrong). When a file is not valid or a map layer
    cannot be built, nothing changes in ``destination``. Returns the manifest entries (a failed file's entry has
    ``validated`` false and ``problems``). Raises ImportFolderError, naming the folder, if it holds none of the
    expected sub-folders.
    """
    source, destination = Path(source), Path(destination)
    files = files_to_import(source)
    with refresh.staged(destination, destination if destination.is_dir() else None, progress) as staging:
        entries = import_into(source, files, staging, progress)
        failed = [entry["file"] for entry in entries if entry["validated"] is False]
        if failed:
            progress(f"{len(failed)} file(s) failed validation: {', '.join(failed)}. Nothing was changed: "
                     f"{destination} keeps the data it held. Fix them in the source folder and import again.")
            return entries
        refresh.swap_in(staging, destination)
    progress(f"Imported {len(entries)} files into {destination} (manifest: {destination / MANIFEST})")
    return entries


def import_into(source: Path, files: list[Path], folder: Path, progress: Progress = print) -> list[dict]:
    """Copy ``files`` (from ``source``) into ``folder``, validate them, build the map layers and record the
    manifest (written once, at the end, whole). A layer that cannot be built is recorded as a failed entry."""
    origin = {"imported_from": str(source.resolve()), "imported_at": utc_now(), "retrieved_at": None}
    entries = [_import_one(path, source, folder, origin, f"[{number}/{len(files)}]", progress)
               for number, path in enumerate(files, start=1)]
    levels = levels_to_build(entry["key"] for entry in entries if entry["validated"] is True)
    entries += build_layers(folder, levels, progress)
    built = {entry["file"] for entry in entries if entry["method"] == "built"}
    entries += [{"file": layer, "key": None, "method": "built", "validated": False,
                 "problems": ["the map layer could not be built (reason above)"]}
                for layer in (f"{LAYER_FOLDER}/{level}.json" for level in levels) if layer not in built]
    update_manifest(folder, [entry for entry in entries if (folder / entry["file"]).is_file()], IMPORT)
    return entries


def _import_one(path: Path, source: Path, destination: Path, origin: dict, number: str, progress: Progress) -> dict:
    """Copy one file, validate it when the app reads it, and return its manifest entry."""
    relative = path.relative_to(source).as_posix()
    target = destination / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)  # a fresh file, never written through a link into another folder
    shutil.copyfile(path, target)
    catalogued = BY_PATH.get(relative)
    fields = {"source_url": catalogued.source_page if catalogued else None, **origin}
    heading = f"{number} {relative}"
    if catalogued is None:
        progress(f"{heading}: copied (not used by the app, so not validated)")
        return manifest_entry(target, relative, "import", validated=NOT_USED, **fields)
    try:
        summary = validate_catalogue_file(catalogued.key, path)  # problems name the file to fix: the source
    except DataLoadError as error:
        progress(f"{heading}: NOT VALID\n{indented(error.render())}")
        problems = [str(problem) for problem in error.problems]
        return manifest_entry(target, relative, "import", validated=False, problems=problems, **fields)
    progress(f"{heading}: valid ({summary})")
    return manifest_entry(target, relative, "import", validated=True, **fields)
