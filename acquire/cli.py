"""The data command: ``python -m acquire download [--dest DIR] [--only KEY ...]``, ``python -m acquire import SRC
[--dest DIR]`` (``make data`` and ``make data-import SRC=...``) and ``python -m acquire snapshot SRC --dest
data/starter`` (``make starter SRC=...``: rebuild the starter snapshot committed with the code).

Every outcome is a message and an exit code, never a traceback: 0 done, 1 some files failed (nothing changed), 2 not
started or stopped (nothing changed), 130 interrupted (nothing changed)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from acquire.download.http import IMPORT_HINT, HostUnreachable, size_words
from acquire.download.run import DownloadReport, download
from acquire.importer import ImportFolderError, import_data_folder
from acquire.snapshot import SnapshotError, build_starter
from core.catalogue import BY_KEY
from core.paths import STARTER_DIR, refresh_data_dir
from loaders.manifest import MANIFEST

DEST_HELP = "data directory (default: $JHE_DATA_DIR or .data/)"
UNCHANGED = "Nothing was changed: {folder} keeps the data it held."


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
    starter = sub.add_parser("snapshot", help="rebuild the starter snapshot committed with the code",
                             description="Import an offline data folder and keep only what the app reads, as the "
                                         "starter snapshot (byte-identical for the same inputs).")
    starter.add_argument("source", type=Path)
    starter.add_argument("--dest", type=Path, default=STARTER_DIR, help="default: data/starter")
    return command


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    destination = args.dest or refresh_data_dir()
    try:
        if args.command == "download":
            return _download(destination, args.only)
        if args.command == "snapshot":
            return _snapshot(args.source, destination)
        return _import(args.source, destination)
    except KeyboardInterrupt:
        print(f"Interrupted. {UNCHANGED.format(folder=destination)}", file=sys.stderr)
        return 130
    except OSError as error:  # a disk full, a folder that cannot be written
        print(f"Stopped: {error}. {UNCHANGED.format(folder=destination)} Free some space or choose another folder "
              "(--dest, or JHE_DATA_DIR), then run it again.", file=sys.stderr)
        return 2


def _download(destination: Path, only: list[str] | None) -> int:
    try:
        report = download(destination, only)
    except HostUnreachable as error:
        print(f"Download stopped: {error}. {UNCHANGED.format(folder=destination)} What to do: check the network "
              "connection (or the proxy) and run it again.", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"Download not started: {error}", file=sys.stderr)
        return 2
    _report_download(report, destination)
    return 0 if report.ok else 1


def _report_download(report: DownloadReport, destination: Path) -> None:
    """The run's closing lines: what was kept, what is import-only, what failed and what to do."""
    fetched = len([entry for entry in report.downloaded if entry["method"] == "download"])
    if report.kept:
        print(f"Downloaded {fetched} file(s), {size_words(report.received)} received, into {destination} "
              f"(manifest: {destination / MANIFEST}).")
    if report.import_only:
        print(f"Import-only (no publisher serves them as the app reads them): {', '.join(report.import_only)}. "
              "Import them with make data-import SRC=<folder>.")
    if report.failed:
        good = [entry["key"] for entry in report.downloaded if entry["method"] == "download"]
        keep = (f" The {len(good)} file(s) that did arrive were not kept either; to fetch just those: "
                f"python -m acquire download --only {' '.join(good)}") if good else ""
        print(f"Failed, nothing saved for: {', '.join(report.failed)} (reasons above). "
              f"{UNCHANGED.format(folder=destination)}{keep}", file=sys.stderr)
    elif not report.kept:
        print(UNCHANGED.format(folder=destination))


def _import(source: Path, destination: Path) -> int:
    try:
        entries = import_data_folder(source, destination)
    except ImportFolderError as error:
        print(f"Import failed: {error}. {UNCHANGED.format(folder=destination)}", file=sys.stderr)
        return 2
    if any(entry["validated"] is False for entry in entries):
        print(f"Import refused: files failed validation (listed above). {UNCHANGED.format(folder=destination)}",
              file=sys.stderr)
        return 1
    return 0


def _snapshot(source: Path, destination: Path) -> int:
    try:
        summary = build_starter(source, destination)
    except (ImportFolderError, SnapshotError) as error:
        print(f"Starter snapshot not built: {error}. {UNCHANGED.format(folder=destination)}", file=sys.stderr)
        return 1
    print(summary)
    return 0
