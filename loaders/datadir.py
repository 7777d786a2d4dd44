"""Where data lives: the bundled typed files (data/) and the imported open-data folder.

Open data (ONS boundaries, lookups, population, indicators) is never committed. A user imports an
offline folder laid out like the publisher downloads (``make data-import SRC=folder``); the import
copies each file into the data directory and records a manifest with checksums.
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
from pathlib import Path

import pandas as pd

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_DATA_DIR = "JHE_DATA_DIR"
ENV_BUNDLED_DIR = "JHE_BUNDLED_DATA_DIR"
MANIFEST = "manifest.json"
IMPORTED_FOLDERS = ("boundaries", "hexjson", "indicators", "lookups", "population")


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


class ImportFolderError(ValueError):
    """The folder offered for import is not a data folder."""


def import_data_folder(source: Path, destination: Path, progress=print) -> list[dict]:
    """Copy an offline data folder (laid out like the publishers' downloads) and write its manifest.

    Returns the manifest entries. Raises ImportFolderError, naming the folder, if it holds none of
    the expected sub-folders.
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
    imported_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    entries = []
    for number, path in enumerate(files, start=1):
        relative = path.relative_to(source)
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        entries.append({"file": relative.as_posix(), "bytes": target.stat().st_size, "sha256": sha256(target),
                        "imported_from": str(source.resolve()), "imported_at": imported_at})
        progress(f"[{number}/{len(files)}] {relative.as_posix()}")
    (destination / MANIFEST).write_text(json.dumps({"files": entries}, indent=2) + "\n", encoding="utf-8")
    progress(f"Imported {len(entries)} files into {destination} (manifest: {destination / MANIFEST})")
    return entries


def read_manifest(directory: Path) -> pd.DataFrame:
    """The manifest of the imported data folder; an empty frame if nothing was imported yet."""
    path = Path(directory) / MANIFEST
    columns = ["file", "bytes", "sha256", "imported_from", "imported_at"]
    if not path.is_file():
        return pd.DataFrame(columns=columns)
    entries = json.loads(path.read_text(encoding="utf-8")).get("files", [])
    return pd.DataFrame(entries, columns=columns)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Import an offline data folder into the app's data directory.")
    sub = parser.add_subparsers(dest="command", required=True)
    importer = sub.add_parser("import", help="copy a folder laid out like the publishers' downloads")
    importer.add_argument("source", type=Path)
    importer.add_argument("--dest", type=Path, default=None)
    args = parser.parse_args(argv)
    try:
        import_data_folder(args.source, args.dest or imported_data_dir())
    except ImportFolderError as error:
        print(f"Import failed: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
