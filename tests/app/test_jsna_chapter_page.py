"""AppTest: the JSNA chapter page follows the current view, lists the chapter's sections and offers the Word and
PDF downloads."""

from tests.support.apptest import markdown_text, open_page
from ui import keys

PAGE = "pages/jsna_chapter.py"


def test_renders_its_sections_and_both_downloads(app_with_open_data):
    at = open_page(app_with_open_data, PAGE)
    assert at.title[0].value == "JSNA chapter"
    assert [button.label for button in at.get("download_button")] == [
        "Download the chapter (Word)", "Download the chapter (PDF)"]
    text = markdown_text(at)
    for section in ("- Summary", "- What is known nationally", "- Gaps in the data", "- References"):
        assert section in text
    assert "Map and local need: no area chosen" in text
    assert not at.error


def test_the_view_on_screen_is_the_chapters(app_with_open_data):
    at = open_page(app_with_open_data, PAGE, area="E08000016", need_cohorts="probation", size_probation="1650")
    assert at.selectbox(key=keys.AREA.key).value == "E08000016"
    assert at.number_input(key=keys.need_size("probation").key).value == 1650
    text = markdown_text(at)
    assert "- Barnsley: local indicators against England and Yorkshire and The Humber" in text
    assert "Map and local need: no area chosen" not in text
