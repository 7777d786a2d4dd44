"""AppTest: every page renders from the router, widgets change what is shown, and data errors are contained."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from core.paths import ENV_BUNDLED_DIR, ENV_DATA_DIR
from tests.conftest import REPO_ROOT, set_cell

PAGES = {
    "pages/overview.py": "Health and social needs: people in prison",
    "pages/compare.py": "Compare cohorts with the general population",
    "pages/sources.py": "Sources and methods",
    "pages/data_status.py": "Data status",
}


@pytest.fixture
def app(monkeypatch, tmp_path):
    monkeypatch.chdir(REPO_ROOT)
    monkeypatch.setenv(ENV_DATA_DIR, str(tmp_path / "no-import-yet"))
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    return at


def open_page(at, page):
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


@pytest.mark.parametrize(("page", "title"), PAGES.items())
def test_every_page_renders_without_error(app, page, title):
    at = open_page(app, page)
    assert not at.exception
    assert not at.error
    assert at.title[0].value == title


def test_overview_tiles_for_prison(app):
    at = open_page(app, "pages/overview.py")
    values = [metric.value for metric in at.metric]
    # MH01 5.2/0.45, SM01 64/13, LD05 30/12, SMK01 80/14.9, SC01 15/3.5, MO02 'almost twice'
    assert values == ["11.6×", "4.9×", "2.5×", "5.4×", "4.3×", "almost 2×"]
    assert any("87,465 people" in caption.value for caption in at.caption)  # MoJ snapshot, 30 Sep 2025


def test_changing_the_cohort_changes_the_page(app):
    at = open_page(app, "pages/overview.py")
    at.selectbox(key="cohort").set_value("probation").run()
    assert at.title[0].value == "Health and social needs: people on probation"
    values = [metric.value for metric in at.metric]
    assert values.count("No national figure") == 4  # drugs, learning disability, smoking, housing
    assert "39%" in values  # Brooker et al. 2012: context only, no ratio
    assert any("Not plotted" in md.value for md in at.markdown)


def test_sex_filter_shows_womens_figures(app):
    at = open_page(app, "pages/overview.py")
    at.selectbox(key="sex").set_value("female").run()
    assert [metric.label for metric in at.metric][0] == "Mental illness"
    assert at.metric[0].value == "11.4×"  # MH07 any personality disorder, women: 50% vs 4.4%
    assert any("Any personality disorder (women)" in caption.value for caption in at.caption)


def test_compare_table_follows_the_cohort_choice(app):
    at = open_page(app, "pages/compare.py")
    at.multiselect(key="cohorts").set_value(["police_custody"]).run()
    table = at.dataframe[0].value
    assert sorted(table["ID"]) == ["LD02", "LD03", "MH12"]
    assert table.set_index("ID").loc["LD02", "Cohort 95% CI"].startswith("2.1 to 9.4 (Wilson")
    assert any("3 figures selected" in caption.value for caption in at.caption)
    assert [button.label for button in at.get("download_button")] == [
        "Download chart (PNG)", "Download chart (SVG)", "Download this table (CSV)"]


def test_compare_reports_an_empty_selection(app):
    at = open_page(app, "pages/compare.py")
    at.multiselect(key="domains").set_value([]).run()
    assert any("Nothing matches" in info.value for info in at.info)


def test_sources_page_lists_every_registered_source(app):
    at = open_page(app, "pages/sources.py")
    assert len(at.expander) == 24 + 1  # one per source, plus the label glossary


def test_data_status_reports_valid_files_and_no_import(app):
    at = open_page(app, "pages/data_status.py")
    status = at.dataframe[0].value
    assert set(status["Status"]) == {"valid"}
    assert status.set_index("File").loc["national_prevalence.csv", "Rows"] == 40
    assert any("No data folder has been imported" in info.value for info in at.info)


def test_a_broken_data_file_is_reported_and_other_pages_keep_working(app, monkeypatch, data_copy):
    set_cell(data_copy / "national_prevalence.csv", 3, "cohort_value", "lots")
    monkeypatch.setenv(ENV_BUNDLED_DIR, str(data_copy))
    at = open_page(app, "pages/overview.py")
    assert not at.exception
    message = at.error[0].value
    assert "national_prevalence.csv" in message and "row 5, column 'cohort_value': 'lots' is not a number" in message
    at.switch_page("pages/data_status.py").run()
    assert not at.exception
    status = at.dataframe[0].value.set_index("File")
    assert status.loc["national_prevalence.csv", "Status"] == "ERROR"
    assert status.loc["cohort_sizes.csv", "Status"] == "valid"


def test_a_link_opens_the_same_view(app):
    app.query_params["cohort"] = "probation"
    app.query_params["sex"] = "persons"
    at = open_page(app, "pages/overview.py")
    assert at.title[0].value == "Health and social needs: people on probation"
    assert at.selectbox(key="sex").value == "persons"


def test_choices_are_written_to_the_url_as_codes(app):
    at = open_page(app, "pages/compare.py")
    at.multiselect(key="cohorts").set_value(["prison", "probation"]).run()
    at.selectbox(key="sex").set_value("female").run()
    assert at.query_params["sex"] in ("female", ["female"])
    assert at.query_params["cohorts"] == ["prison", "probation"]
    at.selectbox(key="sex").set_value("all").run()
    assert "sex" not in at.query_params  # the default is left out of the link


def test_comparator_sources_carry_their_links(app):
    at = open_page(app, "pages/compare.py")
    at.multiselect(key="cohorts").set_value(["prison"]).run()
    notes = next(md.value for md in at.markdown if md.value.startswith("**Sources for the figures"))
    # Coid et al. 2006, the personality-disorder comparator (MH06/MH07), has its own link in the data.
    assert "Coid J" in notes and "bjp.rcpsych.org/content/188/5/423" in notes


def chart_spec(at, index=0):
    return json.loads(at.get("vega_lite_chart")[index].proto.spec)


def test_charts_carry_their_description_and_downloads(app):
    at = open_page(app, "pages/overview.py")
    spec = chart_spec(at)
    assert spec["description"].startswith("Dot plot of 17 ratios for people in prison")
    assert spec["config"]["axis"]["labelFontSize"] == 13
    assert [button.label for button in at.get("download_button")] == ["Download chart (PNG)",
                                                                       "Download chart (SVG)"]
    assert "leave_presentation" not in [button.key for button in at.button]


def test_presentation_mode_from_the_link_enlarges_chart_text_and_leaves_on_request(app):
    app.query_params["present"] = "on"
    app.query_params["cohort"] = "probation"
    at = open_page(app, "pages/compare.py")
    assert at.toggle(key="present").value is True
    config = chart_spec(at)["config"]
    assert (config["axis"]["labelFontSize"], config["title"]["fontSize"]) == (20, 26)  # 13 and 17, x 1.5
    assert at.button(key="leave_presentation").label == "Leave presentation mode"
    at.button(key="leave_presentation").click().run()
    assert not at.exception
    assert at.toggle(key="present").value is False
    assert "present" not in at.query_params
    assert at.query_params["cohort"] in ("probation", ["probation"])  # the view is kept
    assert chart_spec(at)["config"]["axis"]["labelFontSize"] == 13
    assert "leave_presentation" not in [button.key for button in at.button]


def test_the_sidebar_switch_puts_presentation_mode_in_the_link(app):
    at = open_page(app, "pages/overview.py")
    at.toggle(key="present").set_value(True).run()
    assert at.query_params["present"] in ("on", ["on"])
    assert at.button(key="leave_presentation")
