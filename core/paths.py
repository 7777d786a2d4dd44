"""Where the app's files are: the bundled typed files (data/), the imported open-data folder, and the
fingerprints that tell a cache a file has changed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ENV_DATA_DIR = "JHE_DATA_DIR"
ENV_BUNDLED_DIR = "JHE_BUNDLED_DATA_DIR"
REGISTER_FILE = "indicators.csv"  # the bundled indicator register the indicator loaders need
MANIFEST_FILE = "manifest.json"  # the open-data folder's record of its files (loaders/manifest.py reads it)
REFRESHED_DIR = PROJECT_ROOT / ".data"  # where `make data` and `make data-import` write (git-ignored)
STARTER_DIR = PROJECT_ROOT / "data" / "starter"  # the compact open-data snapshot committed with the code


def bundled_data_dir() -> Path:
    """The typed national files shipped with the app (overridable for tests)."""
    return Path(os.environ.get(ENV_BUNDLED_DIR) or PROJECT_ROOT / "data")


def refresh_data_dir() -> Path:
    """Where a refresh (download or import) writes: $JHE_DATA_DIR, else .data/. Never the committed starter."""
    return Path(os.environ.get(ENV_DATA_DIR) or REFRESHED_DIR)


def imported_data_dir() -> Path:
    """The open-data folder the app reads: $JHE_DATA_DIR when set (an empty or missing folder then means no open
    data); else .data/ once a refresh has written its manifest; else the bundled starter snapshot."""
    chosen = os.environ.get(ENV_DATA_DIR)
    if chosen:
        return Path(chosen)
    if (REFRESHED_DIR / MANIFEST_FILE).is_file():
        return REFRESHED_DIR
    return STARTER_DIR


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
