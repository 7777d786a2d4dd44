"""Leaflet's JS and CSS, served by the app itself so maps draw with no CDN (meeting-room networks block them).

The files come from the pinned PyPI package ``xstatic-leaflet`` (OpenStack's XStatic packaging of
Leaflet 1.9.3, the version folium declares). ``make install`` copies them into ``static/vendor/`` (git-ignored;
``python -m ui.assets``), which Streamlit serves at ``/app/static/`` (``server.enableStaticServing``). The server
only checks that they are there (``leaflet_url``): it never writes into the app's folder, which may be read-only.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
STATIC_DIR = PROJECT_ROOT / "static"
LEAFLET_VERSION = "1.9.3"
LEAFLET_FOLDER = f"vendor/leaflet-{LEAFLET_VERSION}"
LEAFLET_URL = f"/app/static/{LEAFLET_FOLDER}"
LEAFLET_FILES = ("leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png",
                 "images/marker-icon.png", "images/marker-icon-2x.png", "images/marker-shadow.png")


class WebAssetsError(RuntimeError):
    """The vendored map assets are missing, or cannot be installed."""


def _leaflet_package_dir() -> Path:
    try:
        import xstatic.pkg.leaflet as leaflet
    except ImportError as error:
        raise WebAssetsError("The map needs the Python package xstatic-leaflet: run `make install` "
                             "(it is pinned in requirements.txt).") from error
    if leaflet.VERSION != LEAFLET_VERSION:
        raise WebAssetsError(f"xstatic-leaflet provides Leaflet {leaflet.VERSION}, the app expects "
                             f"{LEAFLET_VERSION}: run `make install`.")
    return Path(leaflet.BASE_DIR)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install_leaflet(static_dir: Path = STATIC_DIR) -> Path:
    """Copy Leaflet's files into ``static_dir`` unless identical copies are there. Returns the folder."""
    source = _leaflet_package_dir()
    target = Path(static_dir) / LEAFLET_FOLDER
    copied = 0
    for name in LEAFLET_FILES:
        origin, destination = source / name, target / name
        if not origin.is_file():
            raise WebAssetsError(f"{origin} is missing from the xstatic-leaflet package: reinstall it.")
        if destination.is_file() and _digest(destination) == _digest(origin):
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, destination)
        copied += 1
    if copied:
        logger.info("installed %d Leaflet files into %s", copied, target)
    return target


def leaflet_url(static_dir: Path = STATIC_DIR) -> str:
    """The URL the app serves Leaflet at, once its files are found in ``static_dir``; WebAssetsError (saying to run
    ``make install``) if any is missing."""
    target = Path(static_dir) / LEAFLET_FOLDER
    missing = [name for name in LEAFLET_FILES if not (target / name).is_file()]
    if missing:
        raise WebAssetsError(f"Leaflet {LEAFLET_VERSION} is not installed in {target} ({', '.join(missing)} "
                             "missing): run `make install`.")
    return LEAFLET_URL


def main() -> int:
    """``python -m ui.assets`` (make install): copy Leaflet into the app's static folder."""
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        print(f"Leaflet {LEAFLET_VERSION}: {install_leaflet()}")
    except WebAssetsError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
