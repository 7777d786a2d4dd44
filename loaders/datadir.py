"""Where data lives: the bundled typed files (data/) and the open-data directory, its manifest, and `import`.

Open data (ONS boundaries, lookups, population, indicators) is never committed. It reaches the data directory
(``JHE_DATA_DIR``, default ``.data/``) in one of two ways, and each writes the same manifest:

* ``make data`` (``python -m loaders.download``) downloads each file from its publisher (loaders/download.py);
* ``make data-import SRC=folder`` (``python -m loaders.datadir import folder``) copies an offline folder laid
  out like the publishers' downloads (``boundaries/``, ``hexjson/``, ``indicators/``, ``lookups/``,
  ``population/``, as ../shared/data is).

Every file the app reads (loaders/catalogue.py) is checked with the same loader the app uses before it is
recorded as valid. ``manifest.json`` lists, per file: where it came from, when, its size and SHA-256, its
publisher, licence and vintage, and whether it was validated (true, false, or "not used" for files the app does
not read). The manifest is written whole, through a temporary file, so a failed or interrupted run never leaves
half of one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from loaders.catalogue import BY_PATH, FINGERTIPS_AREA_TYPES, FINGERTIPS_INDICATORS, DataFile
from loaders.errors import DataLoadError

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_DATA_DIR = "JHE_DATA_DIR"
ENV_BUNDLED_DIR = "JHE_BUNDLED_DATA_DIR"
MANIFEST = "manifest.json"
IMPORTED_FOLDERS = ("boundaries", "hexjson", "indicators", "lookups", "population")
NOT_USED = "not used"  # manifest 'validated' value for a file the app does not read
MANIFEST_COLUMNS = ["file", "key", "title", "publisher", "licence", "vintage", "method", "source_url",
                    "imported_from", "imported_at", "retrieved_at", "obtained_at", "bytes", "sha256", "validated"]
REGISTER_FILE = "indicators.csv"  # the bundled indicator register the indicator loaders need


def bundled_data_dir() -> Path:
    """The typed national files shipped with the app (overridable for tests)."""
    return Path(os.environ.get(ENV_BUNDLED_DIR) or PROJECT_ROOT / "data")


def imported_data_dir() -> Path:
    """The open-data directory (git-ignored); set JHE_DATA_DIR to move it."""
    return Path(os.environ.get(ENV_DATA_DIR) or PROJECT_ROOT / ".data")


def file_fingerprint(paths: list[Path]) -> tuple[tuple[str, float, int], ...]:
    """(name, mtime, size) per file: a cache key that changes when a file is replaced."""
    result = []
    for path in paths:
        try:
            stat = path.stat()
            result.append((str(path), stat.st_mtime, stat.st_size))
        except FileNotFoundError:
            result.append((str(path), 0.0, -1))
    return tuple(result)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class ImportFolderError(ValueError):
    """The folder offered for import is not a data folder."""


# --- validating a catalogue file with the loader the app uses ------------------------------------------------

def _register():
    from loaders.indicators import read_indicator_register

    return read_indicator_register(bundled_data_dir() / REGISTER_FILE)


def _boundaries(level: str) -> Callable[[Path], str]:
    def check(path: Path) -> str:
        from loaders.boundaries import load_boundaries

        return f"{len(load_boundaries(path, level=level))} {level} areas"
    return check


def _lad_lookup(path: Path) -> str:
    from loaders.geography import read_lad_lookup

    lookup = read_lad_lookup(path)
    return f"{len(lookup)} districts, {lookup['utla_code'].nunique()} UTLAs, {lookup['region_code'].nunique()} regions"


def _code_changes(path: Path) -> str:
    from loaders.geography import read_code_changes

    return f"{len(read_code_changes(path))} code changes"


def _hexjson(path: Path) -> str:
    from loaders.hexjson import read_hexjson

    frame, layout = read_hexjson(path)
    return f"{len(frame)} hexes, layout {layout}"


def _population(path: Path) -> str:
    from loaders.population import read_population

    frame = read_population(path)
    return f"{frame[['area_type', 'area_code']].drop_duplicates().shape[0]} areas"


def _imd(path: Path) -> str:
    from loaders.indicators import read_imd_lad_summaries

    return f"{len(read_imd_lad_summaries(path, _register()))} districts"


def _homelessness(path: Path) -> str:
    from loaders.indicators import read_homelessness

    return f"{len(read_homelessness(path, _register()))} rows"


def _fingertips_extract(path: Path) -> str:
    from loaders.fingertips import read_fingertips_extract

    return f"{len(read_fingertips_extract(path, _register()).measures)} rows"


def _fingertips_api(area_type_id: int) -> Callable[[Path], str]:
    def check(path: Path) -> str:
        from loaders.fingertips import read_fingertips_csv

        return f"{len(read_fingertips_csv(path, _register(), child_area_type_id=area_type_id).measures)} rows"
    return check


def _area_names(path: Path) -> str:
    from loaders.uploads import read_area_names

    return f"{len(read_area_names(path))} council names"


# Catalogue key -> check(path) returning a short summary; raises DataLoadError naming file, row and column.
VALIDATORS: dict[str, Callable[[Path], str]] = {
    "utla_boundaries": _boundaries("utla"),
    "lad_boundaries": _boundaries("lad"),
    "region_boundaries": _boundaries("region"),
    "lad_lookup": _lad_lookup,
    "code_changes": _code_changes,
    "lad_hexjson": _hexjson,
    "utla_hexjson": _hexjson,
    "population": _population,
    "la_names": _area_names,
    "imd2025": _imd,
    "homelessness": _homelessness,
    "smoking_ltla_extract": _fingertips_extract,
    "depression_ltla_extract": _fingertips_extract,
    **{f"fingertips_{indicator}_{level}": _fingertips_api(area_type)
       for indicator in FINGERTIPS_INDICATORS for area_type, level in FINGERTIPS_AREA_TYPES.items()},
}


def validate_catalogue_file(key: str, path: Path) -> str:
    """Check a catalogue file with the loader the app uses; returns a summary such as '153 utla areas'.

    Raises DataLoadError (naming file, row and column) when the file is not valid.
    """
    return VALIDATORS[key](Path(path))


# --- the manifest ------------------------------------------------------------------------------------------------

def manifest_entry(path: Path, relative: str, method: str, **fields) -> dict:
    """One manifest entry for ``path`` (stored at ``relative`` in the data directory), with the catalogue's
    title, publisher, licence and vintage when the file is in the catalogue."""
    catalogued: DataFile | None = BY_PATH.get(relative)
    entry = {
        "file": relative,
        "key": catalogued.key if catalogued else None,
        "title": catalogued.title if catalogued else None,
        "publisher": catalogued.publisher if catalogued else None,
        "licence": catalogued.licence if catalogued else None,
        "vintage": catalogued.vintage if catalogued else None,
        "method": method,
        "bytes": path.stat().st_size,
        "sha256": sha256(path),
    }
    entry.update(fields)
    return entry


def write_manifest(directory: Path, entries: list[dict]) -> Path:
    """Write manifest.json whole: to a temporary file in the same folder, then renamed over the old one."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    document = {"written_at": utc_now(), "files": sorted(entries, key=lambda e: e["file"])}
    handle, temporary = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        os.replace(temporary, directory / MANIFEST)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return directory / MANIFEST


def update_manifest(directory: Path, new_entries: list[dict]) -> Path:
    """Record ``new_entries``: they replace entries for the same file; earlier entries for files that are still
    in the directory are kept (so a download of one file keeps the record of an earlier import)."""
    directory = Path(directory)
    path = directory / MANIFEST
    old = []
    if path.is_file():
        try:
            old = json.loads(path.read_text(encoding="utf-8")).get("files", [])
        except (json.JSONDecodeError, AttributeError):
            logger.warning("%s is not a readable manifest: it is replaced", path)
    replaced = {entry["file"] for entry in new_entries}
    kept = [entry for entry in old if isinstance(entry, dict) and entry.get("file") not in replaced
            and (directory / str(entry.get("file"))).is_file()]
    return write_manifest(directory, kept + list(new_entries))


def read_manifest(directory: Path) -> pd.DataFrame:
    """The manifest of the data directory (``MANIFEST_COLUMNS``); an empty frame if nothing was imported yet.

    Manifests written before downloads existed (file, bytes, sha256, imported_from, imported_at) are read too:
    the newer columns are then empty. ``obtained_at`` is ``retrieved_at`` for a download, ``imported_at`` for an
    import.
    """
    path = Path(directory) / MANIFEST
    if not path.is_file():
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    entries = json.loads(path.read_text(encoding="utf-8")).get("files", [])
    frame = pd.DataFrame(entries).reindex(columns=MANIFEST_COLUMNS)
    frame["obtained_at"] = frame["retrieved_at"].where(frame["retrieved_at"].notna(), frame["imported_at"])
    return frame.astype({"validated": "object"}).reset_index(drop=True)


# --- import ----------------------------------------------------------------------------------------------------

def import_data_folder(source: Path, destination: Path, progress=print) -> list[dict]:
    """Copy an offline data folder (laid out like the publishers' downloads), check it, and record the manifest.

    Each file the app reads is validated with its loader (problems name the source file, to be fixed there);
    other files (e.g. UK-wide boundary layers, SOURCES.md) are copied and recorded as "not used". Every problem
    is reported through ``progress`` (file, row, column, what is wrong); the manifest is written once, at the end,
    with ``validated`` false for a file that failed. Returns the manifest entries (a failed file's entry has
    ``problems``). Raises ImportFolderError, naming the folder, if it holds none of the expected sub-folders.
    """
    source, destination = Path(source), Path(destination)
    if not source.is_dir():
        raise ImportFolderError(f"{source}: not a folder. Pass the folder that holds boundaries/, lookups/ ...")
    present = [name for name in IMPORTED_FOLDERS if (source / name).is_dir()]
    if not present:
        raise ImportFolderError(f"{source}: none of the expected sub-folders ({', '.join(IMPORTED_FOLDERS)}) "
                                "is there, so this is not a data folder")
    files = sorted(p for name in present for p in (source / name).rglob("*") if p.is_file())
    files += [p for p in (source / "SOURCES.md",) if p.is_file()]
    destination.mkdir(parents=True, exist_ok=True)
    imported_at = utc_now()
    origin = str(source.resolve())
    entries = []
    for number, path in enumerate(files, start=1):
        relative = path.relative_to(source).as_posix()
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        catalogued = BY_PATH.get(relative)
        fields = {"source_url": catalogued.source_page if catalogued else None, "imported_from": origin,
                  "imported_at": imported_at, "retrieved_at": None}
        prefix = f"[{number}/{len(files)}] {relative}"
        if catalogued is None:
            entries.append(manifest_entry(target, relative, "import", validated=NOT_USED, **fields))
            progress(f"{prefix}: copied (not used by the app, so not validated)")
            continue
        try:
            summary = validate_catalogue_file(catalogued.key, path)  # problems name the file to fix: the source
        except DataLoadError as error:
            problems = [str(problem) for problem in error.problems]
            entries.append(manifest_entry(target, relative, "import", validated=False, problems=problems, **fields))
            progress(f"{prefix}: NOT VALID\n{_indent(error.render())}")
            continue
        entries.append(manifest_entry(target, relative, "import", validated=True, **fields))
        progress(f"{prefix}: valid ({summary})")
    from loaders.web_layers import build_layers

    valid = {entry["key"] for entry in entries if entry["validated"] is True}
    entries += build_layers(destination, [level for level in ("utla", "lad", "region")
                                          if f"{level}_boundaries" in valid], progress)
    update_manifest(destination, entries)
    failed = [entry["file"] for entry in entries if entry["validated"] is False]
    progress(f"Imported {len(entries)} files into {destination} (manifest: {destination / MANIFEST})")
    if failed:
        progress(f"{len(failed)} file(s) failed validation: {', '.join(failed)}. The app reports them on the Data "
                 "status page; fix them in the source folder and import again.")
    return entries


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import an offline data folder into the app's data directory.")
    sub = parser.add_subparsers(dest="command", required=True)
    importer = sub.add_parser("import", help="copy a folder laid out like the publishers' downloads")
    importer.add_argument("source", type=Path)
    importer.add_argument("--dest", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        entries = import_data_folder(args.source, args.dest or imported_data_dir())
    except ImportFolderError as error:
        print(f"Import failed: {error}", file=sys.stderr)
        return 2
    if any(entry["validated"] is False for entry in entries):
        print("Import finished with files that failed validation (listed above).", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
