"""Back-test of the Board pack page (AppTest, imported open data): the map part it names for an area and
indicator from the URL."""

from tests.support.apptest import markdown_text, open_page
from ui import keys

PAGE = "pages/board_pack.py"


def test_defaults_follow_the_url(app_with_open_data):
    at = open_page(app_with_open_data, PAGE, area="E08000016", cohort="probation", need_cohorts="prison_release",
                   size_prison_release="300", cohorts="prison", indicator="848")
    assert at.selectbox(key=keys.AREA.key).value == "E08000016"
    assert at.multiselect(key=keys.NEED_COHORTS.key).value == ["prison_release"]
    assert at.multiselect(key=keys.COMPARE_COHORTS.key).value == ["prison"]
    assert at.number_input(key=keys.need_size("prison_release").key).value == 300
    assert at.selectbox(key=keys.MAP_INDICATOR.key).value == "848"
    assert at.multiselect(key=keys.PACK_HEADLINE_COHORTS.key).value == ["probation"]  # the sidebar's cohort
    text = markdown_text(at)
    assert "Barnsley and its neighbours: Depression (QOF, 18+)" in text
    assert "Local need: Prison releases to the area in a year" in text
    assert "Map and local need: no area chosen" not in text
