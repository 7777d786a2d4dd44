"""Reading the open-data folder's manifest (written by acquire/manifest at import or download)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

MANIFEST = "manifest.json"
NOT_USED = "not used"  # manifest 'validated' value for a file the app does not read
MANIFEST_COLUMNS = ["file", "key", "title", "publisher", "licence", "vintage", "method", "source_url",
                    "imported_from", "imported_at", "retrieved_at", "obtained_at", "bytes", "sha256", "validated"]


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
