"""Where the tests find the open data: ../shared/data (the offline folder, beside the repository) and an imported
copy of it (with the screen map layers built), and what a test does when it is missing.

Locally a test that needs the open data is skipped without it; in CI (``JHE_REQUIRE_OPEN_DATA=1``, set by
.ci/run) it fails, so a run that silently tested nothing of the open data cannot pass.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from acquire.importer import import_data_folder
from core.paths import ENV_DATA_DIR, imported_data_dir
from core.web_layer import layer_path
from loaders.manifest import MANIFEST

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"  # the offline open-data folder, laid out like the downloads
REQUIRE_ENV = "JHE_REQUIRE_OPEN_DATA"
HOW_TO_GET_IT = "run `make data-import SRC=../shared/data` and set JHE_DATA_DIR (CI does)"


def open_data_required() -> bool:
    """True in CI: a missing open-data folder is a failure there, not a reason to skip."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def missing(reason: str) -> None:
    """Skip the calling test (locally) or fail it (in CI) because open data it needs is not there."""
    if open_data_required():
        pytest.fail(f"{reason}, and {REQUIRE_ENV} is set: {HOW_TO_GET_IT}", pytrace=False)
    pytest.skip(f"{reason}: {HOW_TO_GET_IT}")


def is_imported(folder: Path) -> bool:
    """True for a folder written by `acquire.importer` (or the download): a manifest and the map layers."""
    return (folder / MANIFEST).is_file() and all(layer_path(folder, level).is_file() for level in ("utla", "lad"))


def imported_from_env() -> Path | None:
    """$JHE_DATA_DIR when it holds an import, else None."""
    value = os.environ.get(ENV_DATA_DIR)
    return Path(value) if value and is_imported(Path(value)) else None


def import_shared_data(destination: Path) -> Path:
    """Import ../shared/data into ``destination`` as `make data-import` does (validated, map layers built)."""
    import_data_folder(SHARED_DATA, destination, progress=lambda _: None)
    return destination


def shared_indicator_file(name: str) -> Path:
    """A real file from the shared open-data folder (or the imported copy); skip the test if absent."""
    for folder in (SHARED_DATA / "indicators", imported_data_dir() / "indicators"):
        if (folder / name).is_file():
            return folder / name
    missing(f"{name} is not available (neither ../shared/data/indicators nor the imported data folder)")
