"""Back-tests of the national pages (AppTest, bundled data only): the Overview's tiles and the Compare page's rows,
sources and chart description for the bundled evidence."""

from analysis.comparison import DOMAIN_ORDER
from tests.support.apptest import chart_spec, open_page
from ui import keys


def test_overview_tiles_for_prison(app_without_open_data):
    at = open_page(app_without_open_data, "pages/overview.py")
    values = [metric.value for metric in at.metric]
    # MH01 5.2/0.45 (like for like); SM03 drug dependence 35% and SMK01 80% (context only); LD06 24.7/18.2
    # (matched); SC03 27.4% of receptions of no fixed abode (no comparator); MO02 'almost twice' (an SMR).
    assert values == ["11.6×", "35%", "1.4×", "80%", "27.4%", "almost 2×"]
    assert any("87,465 people" in caption.value for caption in at.caption)  # MoJ snapshot, 30 Sep 2025


def test_changing_the_cohort_changes_the_page(app_without_open_data):
    at = open_page(app_without_open_data, "pages/overview.py")
    at.selectbox(key=keys.COHORT.key).set_value("probation").run()
    assert at.title[0].value == "Health and social needs: people on probation"
    values = [metric.value for metric in at.metric]
    assert values.count("No national figure") == 2  # learning disability, smoking
    assert values[0] == "39%" and values[-1] == "almost 4×"  # Brooker 2012 (context); all-cause SMR, as for prison
    assert any("Not plotted" in md.value for md in at.markdown)


def test_sex_filter_shows_womens_figures(app_without_open_data):
    at = open_page(app_without_open_data, "pages/overview.py")
    at.selectbox(key=keys.SEX.key).set_value("female").run()
    assert [metric.label for metric in at.metric][0] == "Mental illness"
    # No like-for-like pair for women: MH05 and MH07 are both grade D (read second-hand), and MH07 comes from a
    # national probability survey, so it heads the need: 50%, with Coid's 4.4% as context only.
    assert at.metric[0].value == "50%"
    assert any("Any personality disorder (women)" in caption.value and "4.4%" in caption.value
               for caption in at.caption)


def test_compare_table_follows_the_cohort_choice(app_without_open_data):
    at = open_page(app_without_open_data, "pages/compare.py")
    # Compare starts with one domain, mental health: a chart a screen can hold.
    assert at.multiselect(key=keys.COMPARE_DOMAINS.key).value == ["mental_health"]
    at.multiselect(key=keys.COMPARE_COHORTS.key).set_value(["police_custody"]).run()
    assert sorted(at.dataframe[0].value["ID"]) == ["MH12"]
    at.multiselect(key=keys.COMPARE_DOMAINS.key).set_value(list(DOMAIN_ORDER)).run()
    table = at.dataframe[0].value
    assert sorted(table["ID"]) == ["LD02", "LD03", "MH12", "MO13", "MO14"]
    assert table.set_index("ID").loc["LD02", "Cohort 95% CI"].startswith("2.1 to 9.4 (Wilson")
    assert any("5 figures selected" in caption.value for caption in at.caption)
    assert [button.label for button in at.get("download_button")] == [
        "Download chart (PNG)", "Download chart (SVG)", "Download this table (CSV)"]


def test_sources_page_lists_every_registered_source(app_without_open_data):
    at = open_page(app_without_open_data, "pages/sources.py")
    assert len(at.expander) == 31 + 2  # one per source, plus the label glossary and the standardisation inputs


def test_data_status_reports_valid_files_and_no_import(app_without_open_data):
    at = open_page(app_without_open_data, "pages/data_status.py")
    status = at.dataframe[0].value
    assert set(status["Status"]) == {"valid"}
    assert status.set_index("File").loc["national_prevalence.csv", "Rows"] == 55
    assert status.set_index("File").loc["standardisation_inputs.csv", "Rows"] == 4
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
    assert spec["description"].startswith("Dot plot of 4 ratios for people in prison")  # MH01, LD05, LD06, MO02
    assert spec["config"]["axis"]["labelFontSize"] == 13
    assert [button.label for button in at.get("download_button")] == ["Download chart (PNG)",
                                                                       "Download chart (SVG)"]
    assert keys.LEAVE_PRESENTATION not in [button.key for button in at.button]
