"""The starter snapshot (``data/starter/``, committed): what the app reads on a fresh clone before any refresh,
made by the project's own import (``python -m acquire snapshot SRC --dest data/starter``, ``make starter SRC=...``).

The folder is imported into a temporary folder exactly as ``make data-import`` does (every file validated, the map
layers built), then only what the running app reads is kept: the built map layers (``web/``), the local indicator
files, lookups, population, hex layouts and neighbour lists; not the boundary files (the layers are built from
them) nor files the app does not read. The folder's SOURCES.md is kept as the inputs' provenance, and LICENCES.md
is generated from the catalogue. The manifest records each file's source, SHA-256, licence and vintage with
``kind: starter``, and no wall-clock time or machine path: its date is the newest date the inputs' SOURCES.md
gives (None without one), so two builds from the same inputs are byte-identical.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from acquire import licences, refresh
from acquire.download.http import size_words
from acquire.importer import NOTES_FILE, files_to_import, import_into
from acquire.manifest import manifest_entry, write_manifest
from acquire.progress import Progress
from core.catalogue import BY_KEY
from core.paths import sha256
from core.web_layer import LAYER_FOLDER, LEVELS
from loaders.manifest import NOT_USED, STARTER

BOUNDARY_KEYS = frozenset(f"{level}_boundaries" for level in LEVELS)  # the layers are kept, not these
MACHINE_FIELDS = ("imported_at", "imported_from", "retrieved_at")  # differ between builds: never recorded here
COMMAND = "python -m acquire snapshot <folder> --dest data/starter (make starter SRC=<folder>)"
DATE_BASIS = f"the newest date in the input folder's {NOTES_FILE} (when its newest input was taken)"
_ISO_DATE = re.compile(r"\b(20\d\d-[01]\d-[0-3]\d)\b")


class SnapshotError(ValueError):
    """The input folder cannot make a starter snapshot (a file the app reads is not valid, or a layer failed)."""


def kept(entry: dict) -> bool:
    """True for a file the running app reads: a valid catalogue file other than a boundary file, or a map layer."""
    if entry["validated"] is not True:
        return False
    return entry["method"] == "built" or (entry["key"] is not None and entry["key"] not in BOUNDARY_KEYS)


def inputs_date(source: Path) -> str | None:
    """The newest ISO date (YYYY-MM-DD) written in the input folder's SOURCES.md, or None."""
    notes = Path(source) / NOTES_FILE
    if not notes.is_file():
        return None
    return max(_ISO_DATE.findall(notes.read_text(encoding="utf-8")), default=None)


def starter_entry(entry: dict) -> dict:
    """A manifest entry of the import as the starter records it: no time or machine path, ``kind: starter``."""
    return {**{name: value for name, value in entry.items() if name not in MACHINE_FIELDS}, "kind": STARTER}


def build_starter(source: Path, destination: Path, progress: Progress = print) -> str:
    """Build the starter snapshot from the offline folder ``source`` into ``destination`` (swapped in whole);
    returns a one-line summary. Raises ImportFolderError or SnapshotError, changing nothing."""
    source = Path(source)
    files = files_to_import(source)
    with tempfile.TemporaryDirectory(prefix="jhe-starter-import-") as work:
        entries = import_into(source, files, Path(work), progress)
        failed = [entry["file"] for entry in entries if entry["validated"] is False]
        if failed:
            raise SnapshotError(f"{len(failed)} file(s) of {source} failed validation: {', '.join(failed)}")
        chosen = [starter_entry(entry) for entry in entries if kept(entry)]
        missing = _missing(chosen)
        if missing:
            raise SnapshotError(f"{source} lacks files the maps need: {', '.join(missing)}")
        with refresh.staged(destination, None, progress) as staging:
            for entry in chosen:
                _copy(Path(work) / entry["file"], staging / entry["file"])
            chosen += _notes(source, staging) + [_licences(staging, chosen)]
            header = {"date": inputs_date(source), "date_basis": DATE_BASIS, "made_by": COMMAND,
                      "inputs": _inputs(entries)}
            write_manifest(staging, chosen, STARTER, header)
            total = sum(path.stat().st_size for path in staging.rglob("*") if path.is_file())
            refresh.swap_in(staging, destination)
    return (f"Starter snapshot: {len(chosen)} files and the manifest, {size_words(total)}, in {destination} "
            f"(inputs as of {header['date']})")


def _missing(chosen: list[dict]) -> list[str]:
    """The required catalogue files (for a boundary file: its map layer) that ``chosen`` lacks."""
    files = {entry["file"] for entry in chosen}
    wanted = {key: f"{LAYER_FOLDER}/{key.removesuffix('_boundaries')}.json" if key in BOUNDARY_KEYS else entry.path
              for key, entry in BY_KEY.items() if entry.required}
    return sorted(path for path in wanted.values() if path not in files)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    os.chmod(target, 0o644)  # the import writes layers private (mkstemp); a committed file is readable


def _notes(source: Path, staging: Path) -> list[dict]:
    """The input folder's SOURCES.md (where each input came from), when it has one."""
    if not (source / NOTES_FILE).is_file():
        return []
    _copy(source / NOTES_FILE, staging / NOTES_FILE)
    return [starter_entry(manifest_entry(staging / NOTES_FILE, NOTES_FILE, "import", validated=NOT_USED,
                                         title="Where the input files came from (the input folder's notes)"))]


def _licences(staging: Path, entries: list[dict]) -> dict:
    target = staging / licences.FILE_NAME
    target.write_text(licences.licences_document(entries), encoding="utf-8")
    os.chmod(target, 0o644)
    return starter_entry(manifest_entry(target, licences.FILE_NAME, "generated", validated=NOT_USED,
                                        title="Licences and attribution of every file (generated from the catalogue)"))


def _inputs(entries: list[dict]) -> list[dict]:
    """The catalogue files of the input folder the snapshot was made from (kept, or built into a layer)."""
    used = [entry for entry in entries if entry["method"] == "import" and entry["validated"] is True]
    return sorted(({"file": entry["file"], "sha256": entry["sha256"]} for entry in used), key=lambda e: e["file"])


def same_inputs(recorded: list[dict], folder: Path) -> list[str]:
    """The recorded inputs whose file in ``folder`` is missing or has another SHA-256 (empty when all match)."""
    return [item["file"] for item in recorded
            if not (Path(folder) / item["file"]).is_file() or sha256(Path(folder) / item["file"]) != item["sha256"]]
