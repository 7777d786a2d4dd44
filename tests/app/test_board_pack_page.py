"""AppTest: the Board pack page follows the current view (URL and session), lists what goes in and what is left
out, and offers the two downloads."""

from core.checklist import ItemProgress
from tests.support.apptest import markdown_text, open_page
from ui import keys

PAGE = "pages/board_pack.py"


def test_renders_with_both_downloads(app_with_open_data):
    at = open_page(app_with_open_data, PAGE)
    assert at.title[0].value == "Board pack"
    assert [button.label for button in at.get("download_button")] == [
        "Download the short deck (PowerPoint)", "Download the full deck (PowerPoint)", "Download the workbook (Excel)"]
    text = markdown_text(at)
    assert "**The short deck:" in text and "**The full deck:" in text
    assert "1. Health and social needs in the justice system" in text
    assert "- Sources" in text and "- Notes" in text
    # No area yet: the pack says what that leaves out.
    assert "Map and local need: no area chosen" in text
    assert not at.error


def test_choices_made_here_go_in_the_url_for_the_other_pages(app_with_open_data):
    at = open_page(app_with_open_data, PAGE)
    at.selectbox(key=keys.AREA.key).set_value("E08000003").run()
    assert at.query_params["area"] == "E08000003"
    assert "Manchester and its neighbours" in markdown_text(at)


def test_checklist_progress_from_this_session(app_with_open_data):
    app_with_open_data.session_state[keys.CHECKLIST_PROGRESS] = {"SC-01": ItemProgress("Done", "Public health", "")}
    at = open_page(app_with_open_data, PAGE)
    assert "Action checklist: Before you start: who the work covers" in markdown_text(at)
    assert "- Action checklist" in markdown_text(at)


def test_local_need_cohorts_added_there_are_in_the_pack_without_choosing_again(app_with_open_data):
    at = open_page(app_with_open_data, "pages/local_need.py", area="E08000016")
    at.multiselect(key=keys.NEED_COHORTS.key).set_value(["probation", "prison_release"]).run()
    at.switch_page(PAGE).run()
    assert at.multiselect(key=keys.NEED_COHORTS.key).value == ["probation", "prison_release"]
    text = markdown_text(at)
    assert "Local need: Prison releases to the area in a year" in text


def test_key_messages_start_with_the_sidebars_cohort_and_take_more(app_with_open_data):
    at = open_page(app_with_open_data, PAGE, cohort="probation")
    chooser = at.multiselect(key=keys.PACK_HEADLINE_COHORTS.key)
    assert chooser.value == ["probation"]
    chooser.set_value(["prison", "probation"]).run()
    text = markdown_text(at)
    assert "Key messages: people in prison" in text and "Key messages: people on probation" in text
    assert at.query_params["headlines"] == ["prison", "probation"]
