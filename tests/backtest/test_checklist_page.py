"""Back-tests of the Action checklist page (AppTest, bundled data only): its sections, forums and summary counts for
the 42 actions of the bundled checklist, after a save and an upload."""

import pytest

from core.checklist import ItemProgress
from tests.support.apptest import open_page
from ui import keys

STAGE_1_FORM = "checklist_save_2"  # section_order 2 is Stage 1


@pytest.fixture
def at(app_without_open_data):
    """The Action checklist page, opened on the bundled data."""
    return open_page(app_without_open_data, "pages/checklist.py")


def summary(at) -> str:
    return next(md.value for md in at.markdown if md.value.startswith("**Progress:"))


def test_page_renders_every_section_the_forums_and_the_sources(at):
    assert at.title[0].value == "Action checklist"
    assert not at.error
    headings = [h.value for h in at.subheader]
    assert headings[1:4] == ["Stage 1: understand local need",
                             "Stage 2: engage communities and people with lived experience",
                             "Stage 3: commission jointly, then monitor and evaluate"]
    assert headings[-2:] == ["Who does what: partner forums", "Sources"]
    assert "our paraphrase" in at.markdown[0].value and "Rebalancing Act" in at.markdown[0].value
    assert summary(at) == "**Progress: 42 actions: 0 done, 0 in progress, 0 not applicable, 42 not started.**"
    assert at.selectbox(key="checklist_status_S1-01").label == "Status (S1-01)"
    assert at.selectbox(key="checklist_owner_S1-01").options[0] == "Not assigned"
    assert at.text_input(key="checklist_note_S1-01").label == "Note (S1-01)"
    forums = at.table[0].value
    assert len(forums) == 6 and list(forums.columns)[-1] == "Sources"
    download = at.download_button(key="checklist_download")
    assert download.label == "Download progress (CSV)"


def fill_s1_01(at) -> None:
    at.selectbox(key="checklist_status_S1-01").set_value("Done")
    at.selectbox(key="checklist_owner_S1-01").set_value("Health and Wellbeing Board")
    at.text_input(key="checklist_note_S1-01").input("Agreed at the March board")


def test_a_saved_status_reaches_the_session_and_the_summary(at):
    fill_s1_01(at)
    at.button(key="checklist_save_3").click().run()  # another section's button: Stage 1's form sends nothing
    assert "S1-01" not in at.session_state[keys.CHECKLIST_PROGRESS]
    assert summary(at).endswith("42 not started.**")
    fill_s1_01(at)
    at.button(key=STAGE_1_FORM).click().run()
    assert not at.exception
    assert at.session_state[keys.CHECKLIST_PROGRESS]["S1-01"] == ItemProgress(
        "Done", "Health and Wellbeing Board", "Agreed at the March board")
    assert summary(at) == "**Progress: 42 actions: 1 done, 0 in progress, 0 not applicable, 41 not started.**"
    assert "1 of 7 done." in [md.value for md in at.markdown]


def test_an_upload_restores_progress_and_lists_the_rows_it_could_not_read(at):
    data = ("item_id,Status,Owner (partner),Note\n"
            "S2-03,In progress,Integrated Offender Management,Peer mentors from the IOM scheme\n"
            "S2-04,Finished,,\n").encode("utf-8")
    at.file_uploader(key="checklist_upload").set_value(("progress.csv", data, "text/csv")).run()
    assert not at.exception
    assert at.selectbox(key="checklist_status_S2-03").value == "In progress"
    assert at.selectbox(key="checklist_owner_S2-03").value == "Integrated Offender Management"
    assert at.text_input(key="checklist_note_S2-03").value == "Peer mentors from the IOM scheme"
    assert at.session_state[keys.CHECKLIST_PROGRESS]["S2-03"].status == "In progress"
    assert "progress on 1 item(s) loaded" in at.success[0].value
    assert "progress.csv, row 3, column 'Status': 'Finished' is not a status" in at.warning[0].value
    # Applied once: a later edit is not undone by the file still sitting in the uploader.
    at.selectbox(key="checklist_status_S2-03").set_value("Done")
    at.button(key="checklist_save_3").click().run()
    assert at.session_state[keys.CHECKLIST_PROGRESS]["S2-03"].status == "Done"
    assert at.selectbox(key="checklist_status_S2-03").value == "Done"


def test_an_unreadable_upload_is_an_error_and_changes_nothing(at):
    at.file_uploader(key="checklist_upload").set_value(("notes.csv", b"", "text/csv")).run()
    assert not at.exception
    assert "notes.csv: is empty" in at.error[0].value
    assert summary(at).endswith("42 not started.**")
