"""Pytest fixtures for the real-browser tests, on top of tests/support/harness.py (server start, health polling,
"app loaded", chromium launch options, the off-host guard).

Every test under tests/e2e is marked `e2e` here (the files do not mark themselves). The app server is started once
per session on the imported open-data folder (tests/conftest.py `imported_open_data`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.paths import ENV_DATA_DIR
from tests.support.harness import (
    APP_LOAD_TIMEOUT_MS,
    CHROMIUM_ARGS,
    AppServer,
    chromium_path,
    guard_page,
    run_app,
    save_screenshot,
)
from tests.support.markers import mark_folder


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e as e2e (so `pytest -m "not e2e"` skips the browser)."""
    mark_folder(items, Path(__file__).parent, pytest.mark.e2e)


@pytest.fixture(scope="session")
def server_env(imported_open_data: Path | None) -> dict[str, str]:
    """This process's environment, with the imported open-data folder as the app's data folder (when there is
    one: without it the app's local pages say how to get the data)."""
    env = os.environ.copy()
    if imported_open_data is not None:
        env[ENV_DATA_DIR] = str(imported_open_data)
    return env


# --- the server ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def app_server(server_env: dict[str, str]) -> Iterator[AppServer]:
    try:
        with run_app(env=server_env) as server:
            yield server
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def app_url(app_server: AppServer) -> str:
    return app_server.url


# --- the browser -----------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    try:
        executable = chromium_path()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_ARGS,
            "headless": True}


def _guarded(page, server: AppServer, request: pytest.FixtureRequest):
    page.set_default_timeout(APP_LOAD_TIMEOUT_MS)
    problems = guard_page(page, server.port)
    page.problems = problems  # type: ignore[attr-defined]
    page.app_url = server.url  # type: ignore[attr-defined]
    yield page
    call = getattr(request.node, "rep_call", None)
    failed = call is None or call.failed
    if failed or not problems.empty():
        shot = save_screenshot(page, request.node.name)
        print(f"screenshot: {shot}")
    if failed:  # already reported; list the problems too rather than raise a second error
        print(f"The page logged problems:\n{problems.report()}" if not problems.empty() else "")
        return
    assert problems.empty(), f"The page logged problems:\n{problems.report()}"


@pytest.fixture
def guarded_page(page, app_server: AppServer, request: pytest.FixtureRequest):
    """A Playwright page on the shared app server that must stay on the app's host and log no error.

    Exposes the recorded lists as `guarded_page.problems`; the test fails at teardown if any is
    non-empty. On any failure a full-page screenshot goes to test-results/.
    """
    yield from _guarded(page, app_server, request)


@pytest.fixture
def cold_guarded_page(page, server_env: dict[str, str], request: pytest.FixtureRequest):
    """Like `guarded_page`, but on a server of its own that has served nothing yet (`page.app_url`)."""
    try:
        with run_app(env=server_env) as server:
            yield from _guarded(page, server, request)
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
