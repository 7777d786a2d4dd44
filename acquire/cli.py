"""The data command: ``python -m acquire download [--dest DIR] [--only KEY ...]`` and
``python -m acquire import SRC [--dest DIR]`` (``make data`` and ``make data-import SRC=...``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from acquire.download.http import IMPORT_HINT, HostUnreachable
from acquire.download.run import download
from acquire.importer import ImportFolderError, import_data_folder
from core.catalogue import BY_KEY
from core.paths import imported_data_dir
from loaders.manifest import MANIFEST

DEST_HELP = "data directory (default: $JHE_DATA_DIR or .data/)"


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(prog="python -m acquire",
                                      description="Put the app's open-data files into the data directory.")
    sub = command.add_subparsers(dest="command", required=True)
    fetch = sub.add_parser("download", help="download every file (or some) from its publisher",
                           description="Download the app's open-data files from their publishers into the data "
                                       "directory.", epilog=f"Offline? {IMPORT_HINT}.")
    fetch.add_argument("--dest", type=Path, default=None, help=DEST_HELP)
    fetch.add_argument("--only", nargs="+", metavar="KEY", help=f"only these files: {', '.join(BY_KEY)}")
    copy = sub.add_parser("import", help="copy a folder laid out like the publishers' downloads",
                          description="Import an offline data folder into the app's data directory.")
    copy.add_argument("source", type=Path)
    copy.add_argument("--dest", type=Path, default=None, help=DEST_HELP)
    return command


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    destination = args.dest or imported_data_dir()
    if args.command == "download":
        return _download(destination, args.only)
    return _import(args.source, destination)


def _download(destination: Path, only: list[str] | None) -> int:
    try:
        report = download(destination, only)
    except HostUnreachable as error:
        print(f"Download stopped: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"Download not started: {error}", file=sys.stderr)
        return 2
    print(f"Downloaded {len(report.downloaded)} file(s) into {destination} (manifest: {destination / MANIFEST}).")
    if report.import_only:
        print(f"Import-only (no publisher serves them as the app reads them): {', '.join(report.import_only)}. "
              "Import them with make data-import SRC=<folder>.")
    if report.failed:
        print(f"Failed, nothing saved for: {', '.join(report.failed)} (reasons above).", file=sys.stderr)
    return 0 if report.ok else 1


def _import(source: Path, destination: Path) -> int:
    try:
        entries = import_data_folder(source, destination)
    except ImportFolderError as error:
        print(f"Import failed: {error}", file=sys.stderr)
        return 2
    if any(entry["validated"] is False for entry in entries):
        print("Import finished with files that failed validation (listed above).", file=sys.stderr)
        return 1
    return 0
