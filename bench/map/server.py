"""The benchmarked servers, started exactly as the browser tests start the app (tests/support/harness.py), and their
memory."""

from __future__ import annotations

import contextlib

from bench.map.config import MIB, START_TIMEOUT_S
from tests.support.harness import AppServer, memory_mib, run_app


def run_server(script: str, env: dict[str, str]) -> contextlib.AbstractContextManager[AppServer]:
    """`python -m streamlit run <script>` on a free port, started as the browser tests start the app."""
    return run_app(START_TIMEOUT_S, script=script, env=env)


def rss_mib(pid: int) -> dict[str, float]:
    """The process's resident memory now and its peak (VmHWM), in MiB (and psutil's reading, when installed)."""
    memory = memory_mib(pid)
    result = {"rss_mib": memory["VmRSS"], "peak_mib": memory["VmHWM"]}
    try:
        import psutil  # the same number as VmRSS; read through psutil when it is there, as a cross-check
    except ImportError:
        return result
    return {**result, "psutil_rss_mib": round(psutil.Process(pid).memory_info().rss / MIB, 1)}
