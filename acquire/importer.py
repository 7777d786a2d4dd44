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
import logging
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from acquire.manifest import manifest_entry, update_manifest, utc_now
from core.catalogue import BY_PATH, FINGERTIPS_AREA_TYPES, FINGERTIPS_INDICATORS
from core.errors import DataLoadError
from core.paths import REGISTER_FILE, bundled_data_dir, imported_data_dir
from loaders.manifest import MANIFEST, NOT_USED

logger = logging.getLogger(__name__)

IMPORTED_FOLDERS = ("boundaries", "hexjson", "indicators", "lookups", "population")



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
    from intake.uploads import read_area_names

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
    from acquire.build_layers import build_layers

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
