"""Writing the open-data folder's manifest: per file, where it came from, when, its size and SHA-256, its
publisher, licence and vintage, whether it was validated and which refresh brought it (``kind``); for the folder,
which snapshot it is (``kind``: starter, download or import) and its date. Written whole, through a temporary file,
with sorted keys (the starter's records no wall-clock time, so two builds are byte-identical)."""

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


def write_manifest(directory: Path, entries: list[dict], kind: str, header: dict | None = None) -> Path:
    """Write manifest.json whole (to a temporary file in the same folder, then renamed over the old one), sorted by
    file, with sorted keys. ``header`` holds the folder's own fields; without it, a refresh's: ``written_at`` (now,
    UTC) and ``date`` (its day)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    if header is None:
        now = utc_now()
        header = {"written_at": now, "date": now[:10]}
    document = {**header, "kind": kind, "files": sorted(entries, key=lambda e: e["file"])}
    handle, temporary = tempfile.mkstemp(prefix=".manifest-", suffix=".json", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n")
        os.chmod(temporary, 0o644)  # mkstemp makes it private; the folder's other files are readable
        os.replace(temporary, directory / MANIFEST)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return directory / MANIFEST


def update_manifest(directory: Path, new_entries: list[dict], kind: str) -> Path:
    """Record ``new_entries``, brought by a refresh of ``kind`` (download or import): they replace entries for the
    same file; earlier entries for files that are still in the directory are kept (so a download of one file keeps
    the record of an earlier import, or of the starter it began from)."""
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
    return write_manifest(directory, kept + [{**entry, "kind": kind} for entry in new_entries], kind)
