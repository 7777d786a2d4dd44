"""Importing an offline data folder (``python -m acquire import SRC``): copy, validate, build the map layers, and
record the manifest.

The folder is laid out like the publishers' downloads (``boundaries/``, ``hexjson/``, ``indicators/``,
``lookups/``, ``population/``, as ../shared/data is). Every file the app reads (core/catalogue.py) is checked with
the reader the app uses (acquire/validate.py) before it is recorded as valid; other files are copied and recorded
as "not used". The manifest is written once, at the end, whole, so a failed or interrupted run never leaves half
of one.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from acquire.build_layers import build_layers, levels_to_build
from acquire.manifest import manifest_entry, update_manifest, utc_now
from acquire.progress import Progress, indented
from acquire.validate import validate_catalogue_file
from core.catalogue import BY_PATH
from core.errors import DataLoadError
from loaders.manifest import MANIFEST, NOT_USED

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
    """Copy an offline data folder (laid out like the publishers' downloads), check it, and record the manifest.

    Each file the app reads is validated with its reader (problems name the source file, to be fixed there);
    other files (e.g. UK-wide boundary layers, SOURCES.md) are copied and recorded as "not used". Every problem
    is reported through ``progress`` (file, row, column, what is wrong); the manifest is written once, at the end,
    with ``validated`` false for a file that failed. Returns the manifest entries (a failed file's entry has
    ``problems``). Raises ImportFolderError, naming the folder, if it holds none of the expected sub-folders.
    """
    source, destination = Path(source), Path(destination)
    files = files_to_import(source)
    destination.mkdir(parents=True, exist_ok=True)
    origin = {"imported_from": str(source.resolve()), "imported_at": utc_now(), "retrieved_at": None}
    entries = [_import_one(path, source, destination, origin, f"[{number}/{len(files)}]", progress)
               for number, path in enumerate(files, start=1)]
    valid = [entry["key"] for entry in entries if entry["validated"] is True]
    entries += build_layers(destination, levels_to_build(valid), progress)
    update_manifest(destination, entries)
    failed = [entry["file"] for entry in entries if entry["validated"] is False]
    progress(f"Imported {len(entries)} files into {destination} (manifest: {destination / MANIFEST})")
    if failed:
        progress(f"{len(failed)} file(s) failed validation: {', '.join(failed)}. The app reports them on the Data "
                 "status page; fix them in the source folder and import again.")
    return entries


def _import_one(path: Path, source: Path, destination: Path, origin: dict, number: str, progress: Progress) -> dict:
    """Copy one file, validate it when the app reads it, and return its manifest entry."""
    relative = path.relative_to(source).as_posix()
    target = destination / relative
    target.parent.mkdir(parents=True, exist_ok=True)
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
