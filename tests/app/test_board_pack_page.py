"""AppTest: the Board pack page follows the current view (URL and session), lists what goes in and what is left
out, and offers the two downloads."""

import pytest
from streamlit.testing.v1 import AppTest

from core.paths import ENV_DATA_DIR
from tests.conftest import REPO_ROOT
from ui import state

PAGE = "pages/board_pack.py"


@pytest.fixture
def app(monkeypatch, open_data):
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setenv(ENV_DATA_DIR, str(open_data))
    return AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=120)


def open_page(at, **params):
    at.query_params.update(params)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def markdown_text(at) -> str:
    return "\n".join(md.value for md in at.markdown)


def test_renders_with_both_downloads(app):
    at = open_page(app)
    assert at.title[0].value == "Board pack"
    assert [button.label for button in at.get("download_button")] == [
        "Download the deck (PowerPoint)", "Download the workbook (Excel)"]
    text = markdown_text(at)
    assert "**The deck:" in text and "1. Health and social needs in the justice system" in text
    assert "- Sources" in text and "- Notes" in text
    # No area yet: the pack says what that leaves out.
    assert "Map and local need: no area chosen" in text
    assert not at.error


def test_defaults_follow_the_url(app):
    at = open_page(app, area="E08000016", cohort="probation", need_cohorts="prison_release", size_prison_release="300",
                   cohorts="prison", indicator="848")
    assert at.selectbox(key=state.AREA).value == "E08000016"
    assert at.multiselect(key=state.NEED_COHORTS).value == ["prison_release"]
    assert at.multiselect(key=state.COMPARE_COHORTS).value == ["prison"]
    assert at.number_input(key="size_prison_release").value == 300
    assert at.selectbox(key=state.MAP_INDICATOR).value == "848"
    assert "headline ratios for people on probation" in "\n".join(c.value for c in at.caption)
    text = markdown_text(at)
    assert "Barnsley and its neighbours: Depression (QOF, 18+)" in text
    assert "Local need: Prison releases to the area in a year" in text
    assert "Map and local need: no area chosen" not in text


def test_choices_made_here_go_in_the_url_for_the_other_pages(app):
    at = open_page(app)
    at.selectbox(key=state.AREA).set_value("E08000003").run()
    assert at.query_params["area"] == "E08000003"
    assert "Manchester and its neighbours" in markdown_text(at)


def test_checklist_progress_from_this_session(app):
    app.session_state[state.CHECKLIST] = {"SC-01": {"status": "Done", "owner": "Public health", "note": ""}}
    at = open_page(app)
    assert "Action checklist: Before you start: who the work covers" in markdown_text(at)
    assert "- Action checklist" in markdown_text(at)
