"""AppTest: with no data environment the app reads the bundled starter snapshot (data/starter) and every local page
draws from it; Data status says which open data is in use, its date and how to refresh it; a download cut off half
way leaves the data in use, and the pages, as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from acquire.cli import main
from acquire.download.hosts import ENV_BASE_URL
from core import paths
from tests.support.apptest import TIMEOUT_S, markdown_text, open_page
from tests.support.open_data import REPO_ROOT
from tests.unit.test_refresh import HEX_BODY, HEX_PATH, publisher, snapshot_of  # noqa: F401 (the fixture)

STARTER = REPO_ROOT / "data" / "starter"
LOCAL_PAGES = ("pages/map.py", "pages/area_profile.py", "pages/local_need.py", "pages/board_pack.py")


@pytest.fixture
def fresh_clone_app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AppTest:
    """The app as a fresh clone runs it: no JHE_DATA_DIR, and no .data/ refreshed yet."""
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.delenv(paths.ENV_DATA_DIR, raising=False)
    monkeypatch.setattr(paths, "REFRESHED_DIR", tmp_path / ".data")  # not this checkout's own .data/
    return AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=TIMEOUT_S)


@pytest.mark.parametrize("page", LOCAL_PAGES)
def test_every_local_page_draws_from_the_starter_with_no_data_environment(fresh_clone_app, page):
    table = {"table": "on"} if page == "pages/map.py" else {}  # the map's table of every area, shown on request
    at = open_page(fresh_clone_app, page, area="E08000016", **table)  # Barnsley
    assert not at.error, [error.value for error in at.error]
    shown = [markdown_text(at), *(box.value for box in (*at.warning, *at.info, *at.caption))]
    assert not [text for text in shown if "could not be loaded" in text]
    rows = [len(frame.value) for frame in at.dataframe]
    charts = len(at.get("vega_lite_chart"))
    if page == "pages/map.py":
        assert 153 in rows  # the table of every area: England's 153 counties and unitary authorities
    elif page == "pages/area_profile.py":
        assert charts == 2  # the spine chart and the trend
    elif page == "pages/local_need.py":
        assert charts == 1 and rows  # the expected-people chart and its table


def test_data_status_says_the_bundled_starter_is_in_use_with_its_date_and_how_to_refresh(fresh_clone_app):
    at = open_page(fresh_clone_app, "pages/data_status.py")
    text = markdown_text(at)
    # the starter's manifest records 2026-06-29, the newest date in ../shared/data/SOURCES.md
    assert ("**The bundled starter snapshot**, committed with the code (`data/starter/`), inputs as of "
            "**2026-06-29**") in text
    assert str(STARTER) not in text  # the repository's name for it, never the server's path
    assert "`make data` downloads every file" in text and "`make data-import SRC=<folder>` imports" in text
    frames = [frame.value for frame in at.dataframe]
    table = next(frame for frame in frames if "Period" in frame.columns).set_index("File")
    assert table.at["indicators/imd2025_lad24_summaries_england.csv", "Period"] == "IoD2025, LAD 2024 codes"
    assert table.at["web/utla.json", "From"] == "bundled starter"
    missing = [frame for frame in frames if "Needed by the maps" in frame.columns]
    # the boundary files are left out of the starter, but their map layers stand for them: none is listed missing
    listed = set(missing[0]["File"]) if missing else set()
    assert not {path for path in listed if path.startswith("boundaries/")}


def test_a_download_cut_off_half_way_leaves_the_data_in_use_and_the_pages_working(publisher, monkeypatch,  # noqa: F811
                                                                                   tmp_path):
    in_use = tmp_path / "in-use"
    shutil.copytree(STARTER, in_use)  # the data in use: the starter, as a fresh clone's first refresh finds it
    before = snapshot_of(in_use)
    publisher[HEX_PATH] = (HEX_BODY, 1536)  # half the announced 3,072 bytes, then the connection drops
    monkeypatch.setenv(ENV_BASE_URL, publisher.origin)
    assert main(["download", "--dest", str(in_use), "--only", "lad_hexjson"]) == 1
    assert snapshot_of(in_use) == before
    monkeypatch.setenv(paths.ENV_DATA_DIR, str(in_use))
    monkeypatch.chdir(REPO_ROOT)
    at = open_page(AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=TIMEOUT_S), "pages/data_status.py")
    text = markdown_text(at)
    assert "**The bundled starter snapshot**, committed with the code (`data/starter/`)" in text
    assert str(in_use) not in text
    at.switch_page("pages/map.py").run()
    assert not at.exception and not at.error
