"""Writing the open-data folder's manifest: per file, where it came from, when, its size and SHA-256, its
publisher, licence and vintage, and whether it was validated. Written whole, through a temporary file."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import tempfile
from pathlib import Path

from core.catalogue import BY_PATH, DataFile
from core.paths import sha256
from loaders.manifest import MANIFEST

logger = logging.getLogger(__name__)


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


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
