"""Process-wide tuning of the app server, in one place, applied once by app.py (never at import).

Each choice was measured (bench/README.md, "Map"). Streamlit's own after-run garbage collection is switched off
in .streamlit/config.toml (``runner.postScriptGC``), Streamlit's documented place for it.
"""

from __future__ import annotations

import contextlib
import ctypes
import sys

import pyarrow

_configured = False


def configure_server_process() -> None:
    """Set the server's memory policies; the second and later calls do nothing."""
    global _configured
    if _configured:
        return
    _configured = True
    # Arrow's default allocator (mimalloc) keeps the memory pandas frees; the system allocator gives it back,
    # so the server holds about 30 MiB less once every page has been opened.
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    keep_geopandas_out()


def keep_geopandas_out() -> None:
    """Mark geopandas as absent in this process unless something has already loaded it.

    pandera looks for geopandas on every schema it builds or validates (``import geopandas`` inside a try), which
    loads geopandas, shapely and pyproj: about 14 MiB that the server never uses, since it draws prebuilt map
    layers (acquire.build_layers makes them at import). ``sys.modules[name] = None`` is Python's documented way
    to make an import raise ImportError, which pandera takes as "no geopandas". A test process that reads
    boundary files imports geopandas first, and this leaves it alone."""
    sys.modules.setdefault("geopandas", None)


def give_back_freed_memory() -> None:
    """Return heap pages that are free again to the operating system (glibc's malloc_trim; elsewhere nothing).

    Called after each script run (app.py): glibc otherwise keeps the pages of every short-lived object, so the
    server would hold the high-water mark of every page it ever drew. Takes well under 1 ms."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
