"""Start the app with `streamlit run` and drive it in Debian's chromium: used by the browser tests and the benchmarks.

Modelled on Streamlit's own e2e harness (e2e_playwright/conftest.py): a free port, headless server,
poll /_stcore/health (no fixed sleeps), and wait for the app's own "script finished" attributes.
Playwright never downloads a browser here: `chromium_path` points it at /usr/bin/chromium.
`guard_page` aborts and records every off-host request, so a test fails if the app tries to reach the internet.
No pytest here: the pytest fixtures built on this are in tests/e2e/conftest.py.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parents[2]
RESULTS_DIR = REPO_ROOT / "test-results"
START_TIMEOUT_S = 60.0
APP_LOAD_TIMEOUT_MS = 30_000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHROMIUM_MISSING = "install Debian chromium: apt-get install chromium (make test does it)"
APP_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")


# --- the server ------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class AppServer:
    process: subprocess.Popen
    port: int
    url: str
    log_path: Path = field(repr=False)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _wait_until_healthy(server: AppServer, command: list[str], timeout_s: float) -> None:
    """Poll /_stcore/health until it says ok; RuntimeError (with the server's output) if the server exits or
    the time runs out."""
    deadline = time.monotonic() + timeout_s
    while not _healthy(server.port):
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {server.process.returncode} before it was healthy.\n"
                               f"Command: {' '.join(command)}\nServer output:\n{server.log()}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"streamlit was not healthy on port {server.port} after {timeout_s:.0f} s.\n"
                               f"Server output:\n{server.log()}")
        time.sleep(0.1)  # poll interval, not a wait for readiness


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


@contextlib.contextmanager
def run_app(timeout_s: float = START_TIMEOUT_S, script: str = "app.py",
            env: dict[str, str] | None = None, cwd: Path = REPO_ROOT, port: int | None = None,
            extra_args: Sequence[str] = ()) -> Iterator[AppServer]:
    """Start `streamlit run <script>` in ``cwd`` (this repository, or a clone of it) on a free port; yield once
    /_stcore/health says ok; stop it after.

    ``env`` defaults to this process's environment (so $JHE_DATA_DIR is the data folder); ``port`` (default: a
    free one) and ``extra_args`` (more Streamlit options) are for tests that must know the URL in advance, such
    as sign-in's redirect URI. Raises RuntimeError
    (with the server's output) if it exits or is not healthy within timeout_s.
    """
    port = port or free_port()
    command = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", *extra_args]
    # Output goes to a file, not a pipe: a pipe nobody reads fills up and blocks the server.
    with tempfile.NamedTemporaryFile(prefix="streamlit-e2e-", suffix=".log", delete=False) as log_file:
        log_path = Path(log_file.name)
        process = subprocess.Popen(command, cwd=cwd, env=os.environ.copy() if env is None else env,
                                   stdout=log_file, stderr=subprocess.STDOUT)
    server = AppServer(process, port, f"http://localhost:{port}", log_path)
    try:
        _wait_until_healthy(server, command, timeout_s)
        yield server
    finally:
        _stop(process)
        with contextlib.suppress(OSError):
            log_path.unlink()


def memory_mib(pid: int) -> dict[str, float]:
    """Resident memory of one process now (``VmRSS``) and at its peak (``VmHWM``), from /proc/<pid>/status, MiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)  # kB -> MiB
    return fields


# --- the browser -----------------------------------------------------------------------------

def chromium_path() -> str:
    """Debian's chromium (or $CHROMIUM_PATH); raises RuntimeError with the install hint if missing."""
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not path or not Path(path).exists():
        raise RuntimeError(CHROMIUM_MISSING)
    return path


def chromium_version() -> str:
    """`chromium --version`, or "unknown"."""
    try:
        return subprocess.run([chromium_path(), "--version"], capture_output=True, text=True,
                              timeout=30, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError, RuntimeError):
        return "unknown"


def wait_for_app(page, timeout_ms: int = APP_LOAD_TIMEOUT_MS) -> None:
    """Wait until the app is connected, its script has finished and no skeleton placeholder is left.

    The same checks as Streamlit's `wait_for_app_loaded`; the data-test-* attributes are set by
    the production frontend build (App.tsx) and were checked in streamlit 1.67's static JS.
    """
    page.wait_for_selector('[data-testid="stAppViewContainer"]', state="attached", timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stApp"][data-test-connection-state="CONNECTED"]',
                           state="attached", timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]',
                           state="attached", timeout=timeout_ms)
    page.wait_for_function('document.querySelectorAll(\'[data-testid="stSkeleton"]\').length === 0',
                           timeout=timeout_ms)


# Sets window.__jheRerunSeen once the app's script state has left "notRunning" (a MutationObserver, so a fast
# rerun cannot be missed between two polls).
_WATCH_RERUN = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    window.__jheRerunSeen = false;
    window.__jheObserver?.disconnect();
    window.__jheObserver = new MutationObserver((records) => {
        const now = app.getAttribute('data-test-script-state');
        if (records.some(r => r.oldValue !== 'notRunning') || now !== 'notRunning') window.__jheRerunSeen = true;
    });
    window.__jheObserver.observe(app, {attributes: true, attributeOldValue: true,
                                       attributeFilter: ['data-test-script-state']});
}"""


def wait_for_rerun(page, action: Callable[[], object], timeout_ms: int = APP_LOAD_TIMEOUT_MS) -> None:
    """Run `action` (a UI change that triggers a rerun) and wait until that rerun has finished.

    Waiting only for "notRunning" after the action can pass before the rerun starts, so first wait
    for the script state to leave "notRunning" (or for a new script-run id), then for the app.
    """
    page.evaluate(_WATCH_RERUN)
    action()
    page.wait_for_function("window.__jheRerunSeen === true", timeout=timeout_ms)
    wait_for_app(page, timeout_ms)


def is_app_url(url: str, port: int) -> bool:
    """True for the app's own origin (any scheme, e.g. http and ws) and for non-network URLs."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension", "devtools"):
        return True
    return parts.hostname in {h.strip("[]") for h in APP_HOSTS} and parts.port == port


# Streamlit's own noise, allowed narrowly: opened directly at a page URL such as /compare, the
# frontend first probes /compare/_stcore/health and /compare/_stcore/host-config (404), then the
# real /_stcore/... (200). Chromium logs each 404 as a console error. Known, confirmed upstream bug:
# https://github.com/streamlit/streamlit/issues/7074 . Nothing else is allowed.
_BASE_PATH_PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")


# A static file the browser itself cancelled (net::ERR_ABORTED) because the page was left, or a map frame drawn
# again, while the file loaded: the tests move on once the app is idle, and the frontend may still be fetching the
# code of an element (Streamlit loads each element's code on first use) or a map's Leaflet. Seen on the CI machine
# (2026-12-07) for both. Only the app's own static files, only this failure: a file the policy blocks fails with
# net::ERR_BLOCKED_BY_CSP and a missing one logs a 404, and both still fail a test.
_CANCELLABLE_ASSET = re.compile(r"^(/app/static/vendor/leaflet-[0-9.]+/leaflet\.(js|css)"
                                r"|/static/(js|css)/[\w.~-]+\.(js|css))$")


def is_cancelled_static_asset(url: str, failure: str | None, port: int) -> bool:
    return (failure == "net::ERR_ABORTED" and is_app_url(url, port)
            and bool(_CANCELLABLE_ASSET.match(urlsplit(url).path)))


def is_streamlit_base_path_probe(text: str, url: str | None, port: int) -> bool:
    return (bool(url) and "status of 404" in text and is_app_url(url, port)
            and bool(_BASE_PATH_PROBE.match(urlsplit(url).path)))


@dataclass
class PageProblems:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    off_host_requests: list[str] = field(default_factory=list)
    # Not problems: recorded so that a report can say what was let through.
    allowed_noise: list[str] = field(default_factory=list)

    def problem_lists(self) -> dict[str, list[str]]:
        return {name: items for name, items in vars(self).items() if name != "allowed_noise"}

    def report(self) -> str:
        return "\n".join(f"{name}: {items}" for name, items in self.problem_lists().items() if items)

    def empty(self) -> bool:
        return not any(self.problem_lists().values())


def guard_page(page, port: int) -> PageProblems:
    """Record console errors, page errors, failed requests and off-host requests; abort the latter."""
    problems = PageProblems()

    def on_console(message) -> None:
        if message.type != "error":
            return
        url = message.location.get("url")
        entry = f"{message.text} (at {url})"
        if is_streamlit_base_path_probe(message.text, url, port):
            problems.allowed_noise.append(entry)
        else:
            problems.console_errors.append(entry)

    def on_request(request) -> None:
        if not is_app_url(request.url, port):
            problems.off_host_requests.append(f"{request.method} {request.url}")

    def on_request_failed(request) -> None:
        if not is_app_url(request.url, port):  # off-host ones are aborted on purpose and listed above
            return
        entry = f"{request.method} {request.url}: {request.failure}"
        if is_cancelled_static_asset(request.url, request.failure, port):
            problems.allowed_noise.append(entry)
        else:
            problems.failed_requests.append(entry)

    def on_websocket(websocket) -> None:
        if not is_app_url(websocket.url, port):
            problems.off_host_requests.append(f"WebSocket {websocket.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    page.on("request", on_request)
    page.on("requestfailed", on_request_failed)
    page.on("websocket", on_websocket)
    page.route(lambda url: not is_app_url(url, port), lambda route: route.abort())
    return problems


def save_screenshot(page, name: str) -> Path | None:
    """A full-page screenshot in test-results/ (None if the page cannot be captured any more)."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"{''.join(c if c.isalnum() or c in '-_' else '_' for c in name)}.png"
    with contextlib.suppress(Exception):
        page.screenshot(path=str(path), full_page=True)
        return path
    return None
