"""AppTest: every page renders from the router, widgets change what is shown, and data errors are contained."""

import pytest

from core.paths import ENV_BUNDLED_DIR
from tests.conftest import set_cell
from tests.support.apptest import chart_spec, open_page
from ui import keys

PAGES = {
    "pages/overview.py": "Health and social needs: people in prison",
    "pages/compare.py": "Compare cohorts with the general population",
    "pages/sources.py": "Sources and methods",
    "pages/data_status.py": "Data status",
    "pages/investment_case.py": "Investment case",  # its figures are bundled, so it works without open data
}


@pytest.mark.parametrize(("page", "title"), PAGES.items())
def test_every_page_renders_without_error(app_without_open_data, page, title):
    at = open_page(app_without_open_data, page)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == title


def test_compare_reports_an_empty_selection(app_without_open_data):
    at = open_page(app_without_open_data, "pages/compare.py")
    at.multiselect(key=keys.COMPARE_DOMAINS.key).set_value([]).run()
    assert any("Nothing matches" in info.value for info in at.info)


def test_a_broken_data_file_is_reported_and_other_pages_keep_working(app_without_open_data, monkeypatch, data_copy):
    set_cell(data_copy / "national_prevalence.csv", 3, "cohort_value", "lots")
    monkeypatch.setenv(ENV_BUNDLED_DIR, str(data_copy))
    at = open_page(app_without_open_data, "pages/overview.py")
    assert not at.exception
    message = at.error[0].value
    assert "national_prevalence.csv" in message and "row 5, column 'cohort_value': 'lots' is not a number" in message
    at.switch_page("pages/data_status.py").run()
    assert not at.exception
    status = at.dataframe[0].value.set_index("File")
    assert status.loc["national_prevalence.csv", "Status"] == "ERROR"
    assert status.loc["cohort_sizes.csv", "Status"] == "valid"


def test_a_link_opens_the_same_view(app_without_open_data):
    app_without_open_data.query_params["cohort"] = "probation"
    app_without_open_data.query_params["sex"] = "persons"
    at = open_page(app_without_open_data, "pages/overview.py")
    assert at.title[0].value == "Health and social needs: people on probation"
    assert at.selectbox(key=keys.SEX.key).value == "persons"


def test_choices_are_written_to_the_url_as_codes(app_without_open_data):
    at = open_page(app_without_open_data, "pages/compare.py")
    at.multiselect(key=keys.COMPARE_COHORTS.key).set_value(["prison", "probation"]).run()
    at.selectbox(key=keys.SEX.key).set_value("female").run()
    assert at.query_params["sex"] in ("female", ["female"])
    assert at.query_params["cohorts"] == ["prison", "probation"]
    at.selectbox(key=keys.SEX.key).set_value("all").run()
    assert "sex" not in at.query_params  # the default is left out of the link


def test_presentation_mode_from_the_link_enlarges_chart_text_and_leaves_on_request(app_without_open_data):
    app_without_open_data.query_params["present"] = "on"
    app_without_open_data.query_params["cohort"] = "probation"
    at = open_page(app_without_open_data, "pages/compare.py")
    assert at.toggle(key=keys.PRESENT.key).value is True
    config = chart_spec(at)["config"]
    assert (config["axis"]["labelFontSize"], config["title"]["fontSize"]) == (20, 26)  # 13 and 17, x 1.5
    assert at.button(key=keys.LEAVE_PRESENTATION).label == "Leave presentation mode"
    at.button(key=keys.LEAVE_PRESENTATION).click().run()
    assert not at.exception
    assert at.toggle(key=keys.PRESENT.key).value is False
    assert "present" not in at.query_params
    assert at.query_params["cohort"] in ("probation", ["probation"])  # the view is kept
    assert chart_spec(at)["config"]["axis"]["labelFontSize"] == 13
    assert keys.LEAVE_PRESENTATION not in [button.key for button in at.button]


def test_the_sidebar_switch_puts_presentation_mode_in_the_link(app_without_open_data):
    at = open_page(app_without_open_data, "pages/overview.py")
    at.toggle(key=keys.PRESENT.key).set_value(True).run()
    assert at.query_params["present"] in ("on", ["on"])
    assert at.button(key=keys.LEAVE_PRESENTATION)
