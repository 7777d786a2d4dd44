"""Reading the open-data folder's manifest (written by acquire/manifest at import, download or starter build): each
file's record, and which snapshot the folder is (the bundled starter, a download or an import) and its date."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from core.paths import MANIFEST_FILE

MANIFEST = MANIFEST_FILE
NOT_USED = "not used"  # manifest 'validated' value for a file the app does not read
MANIFEST_COLUMNS = ["file", "key", "title", "publisher", "licence", "vintage", "method", "kind", "source_url",
                    "imported_from", "imported_at", "retrieved_at", "obtained_at", "bytes", "sha256", "validated"]
# What made the folder (the manifest's "kind"): the snapshot committed with the code, `make data`, `make data-import`.
STARTER, DOWNLOAD, IMPORT = "starter", "download", "import"
KINDS = (STARTER, DOWNLOAD, IMPORT)
NONE = "none"  # no manifest: nothing has been imported into the folder


@dataclass(frozen=True)
class Snapshot:
    """Which open data a folder holds: ``kind`` (STARTER, DOWNLOAD, IMPORT or NONE) and its date (YYYY-MM-DD: for
    the starter the date its inputs give, else the day of the refresh; None when not recorded)."""

    folder: Path
    kind: str
    date: str | None = None
    built_from: frozenset[str] = frozenset()  # files the folder's map layers were built from (maybe not kept)


def _document(directory: Path) -> dict | None:
    path = Path(directory) / MANIFEST
    if not path.is_file():
        return None
    document = json.loads(path.read_text(encoding="utf-8"))
    return document if isinstance(document, dict) else {}


def read_manifest(directory: Path) -> pd.DataFrame:
    """The manifest of the data directory (``MANIFEST_COLUMNS``); an empty frame if nothing was imported yet.

    Manifests written before downloads existed (file, bytes, sha256, imported_from, imported_at) are read too:
    the newer columns are then empty. ``obtained_at`` is ``retrieved_at`` for a download, ``imported_at`` for an
    import (and empty for the starter, whose files record no time).
    """
    document = _document(directory)
    if document is None:
        return pd.DataFrame(columns=MANIFEST_COLUMNS)
    frame = pd.DataFrame(document.get("files", [])).reindex(columns=MANIFEST_COLUMNS)
    frame["obtained_at"] = frame["retrieved_at"].where(frame["retrieved_at"].notna(), frame["imported_at"])
    return frame.astype({"validated": "object"}).reset_index(drop=True)


def read_snapshot(directory: Path) -> Snapshot:
    """Which snapshot ``directory`` holds, from its manifest. A manifest written before snapshots were recorded is
    a download when any file was downloaded, else an import; its date is the day it was written."""
    directory = Path(directory)
    document = _document(directory)
    if document is None:
        return Snapshot(directory, NONE)
    entries = [entry for entry in document.get("files", []) if isinstance(entry, dict)]
    kind = document.get("kind")
    if kind not in KINDS:
        kind = DOWNLOAD if any(entry.get("method") == DOWNLOAD for entry in entries) else IMPORT
    date = document.get("date") or document.get("written_at")
    built_from = frozenset(str(entry["derived_from"]) for entry in entries if entry.get("derived_from"))
    return Snapshot(directory, kind, str(date)[:10] if date else None, built_from)
