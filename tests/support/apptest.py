"""Running the app in Streamlit's AppTest: the router app.py on a chosen data folder, opening one of its pages,
and the text a page wrote. The pytest fixtures built on this are in tests/conftest.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.paths import ENV_DATA_DIR
from tests.support.open_data import REPO_ROOT

HOME = "pages/overview.py"  # the router's first page: the app's first run shows it
TIMEOUT_S = 120


def new_app(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> AppTest:
    """The router (app.py), not run yet, reading its open data from ``data_dir`` (the bundled data as shipped)."""
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setenv(ENV_DATA_DIR, str(data_dir))
    return AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=TIMEOUT_S)


def open_page(at: AppTest, page: str = HOME, **params) -> AppTest:
    """Run the app with these URL parameters and switch to ``page``; fail if the page raised."""
    at.query_params.update(params)
    at.run()
    if page != HOME:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def markdown_text(at: AppTest) -> str:
    """Every markdown block of the page, one a line, and every HTML block but style sheets (the map's key)."""
    blocks = [element.proto.body for element in at.get("html") if not element.proto.body.startswith("<style")]
    return "\n".join([*(md.value for md in at.markdown), *blocks])


def chart_spec(at: AppTest, index: int = 0) -> dict:
    """The Vega-Lite spec of the page's ``index``-th chart."""
    return json.loads(at.get("vega_lite_chart")[index].proto.spec)
