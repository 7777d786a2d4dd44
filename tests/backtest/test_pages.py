"""Back-tests of the national pages (AppTest, bundled data only): the Overview's tiles and the Compare page's rows,
sources and chart description for the bundled evidence."""

from tests.support.apptest import chart_spec, open_page
from ui import keys


def test_overview_tiles_for_prison(app_without_open_data):
    at = open_page(app_without_open_data, "pages/overview.py")
    values = [metric.value for metric in at.metric]
    # MH01 5.2/0.45, SM01 64/13, LD05 30/12, SMK01 80/14.9, SC01 15/3.5, MO02 'almost twice'
    assert values == ["11.6×", "4.9×", "2.5×", "5.4×", "4.3×", "almost 2×"]
    assert any("87,465 people" in caption.value for caption in at.caption)  # MoJ snapshot, 30 Sep 2025


def test_changing_the_cohort_changes_the_page(app_without_open_data):
    at = open_page(app_without_open_data, "pages/overview.py")
    at.selectbox(key=keys.COHORT.key).set_value("probation").run()
    assert at.title[0].value == "Health and social needs: people on probation"
    values = [metric.value for metric in at.metric]
    assert values.count("No national figure") == 4  # drugs, learning disability, smoking, housing
    assert "39%" in values  # Brooker et al. 2012: context only, no ratio
    assert any("Not plotted" in md.value for md in at.markdown)


def test_sex_filter_shows_womens_figures(app_without_open_data):
    at = open_page(app_without_open_data, "pages/overview.py")
    at.selectbox(key=keys.SEX.key).set_value("female").run()
    assert [metric.label for metric in at.metric][0] == "Mental illness"
    assert at.metric[0].value == "11.4×"  # MH07 any personality disorder, women: 50% vs 4.4%
    assert any("Any personality disorder (women)" in caption.value for caption in at.caption)


def test_compare_table_follows_the_cohort_choice(app_without_open_data):
    at = open_page(app_without_open_data, "pages/compare.py")
    at.multiselect(key=keys.COMPARE_COHORTS.key).set_value(["police_custody"]).run()
    table = at.dataframe[0].value
    assert sorted(table["ID"]) == ["LD02", "LD03", "MH12"]
    assert table.set_index("ID").loc["LD02", "Cohort 95% CI"].startswith("2.1 to 9.4 (Wilson")
    assert any("3 figures selected" in caption.value for caption in at.caption)
    assert [button.label for button in at.get("download_button")] == [
        "Download chart (PNG)", "Download chart (SVG)", "Download this table (CSV)"]


def test_sources_page_lists_every_registered_source(app_without_open_data):
    at = open_page(app_without_open_data, "pages/sources.py")
    assert len(at.expander) == 24 + 1  # one per source, plus the label glossary


def test_data_status_reports_valid_files_and_no_import(app_without_open_data):
    at = open_page(app_without_open_data, "pages/data_status.py")
    status = at.dataframe[0].value
    assert set(status["Status"]) == {"valid"}
    assert status.set_index("File").loc["national_prevalence.csv", "Rows"] == 40
    assert any("No data folder has been imported" in info.value for info in at.info)


def test_comparator_sources_carry_their_links(app_without_open_data):
    at = open_page(app_without_open_data, "pages/compare.py")
    at.multiselect(key=keys.COMPARE_COHORTS.key).set_value(["prison"]).run()
    notes = next(md.value for md in at.markdown if md.value.startswith("**Sources for the figures"))
    # Coid et al. 2006, the personality-disorder comparator (MH06/MH07), has its own link in the data.
    assert "Coid J" in notes and "bjp.rcpsych.org/content/188/5/423" in notes


def test_charts_carry_their_description_and_downloads(app_without_open_data):
    at = open_page(app_without_open_data, "pages/overview.py")
    spec = chart_spec(at)
    assert spec["description"].startswith("Dot plot of 17 ratios for people in prison")
    assert spec["config"]["axis"]["labelFontSize"] == 13
    assert [button.label for button in at.get("download_button")] == ["Download chart (PNG)",
                                                                       "Download chart (SVG)"]
    assert keys.LEAVE_PRESENTATION not in [button.key for button in at.button]
