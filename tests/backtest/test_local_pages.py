"""Back-tests of the local pages (AppTest, imported open data): the Map, Area profile and Local need pages' values
for named areas, as in the real Fingertips extracts and the bundled evidence."""

import json

from tests.support.apptest import markdown_text, open_page
from ui import keys


def test_map_defaults_to_upper_tier_smoking_compared_with_england(app_with_open_data):
    at = open_page(app_with_open_data, "pages/map.py")
    assert at.title[0].value == "Map: local health and justice indicators"
    assert at.selectbox(key=keys.MAP_INDICATOR.key).value == "92443"
    assert at.radio(key=keys.LEVEL.key).value == "utla"
    assert at.selectbox(key=keys.MAP_PERIOD.key).value == "2024"  # the latest period first
    text = markdown_text(at)
    # Legend: counts of the 153 UTLAs per category (the extract's own labels for 2024; 21 counties and
    # 5 merged or missing areas have no value).
    assert "Worse than England (95%) (as published by Fingertips)" in text
    assert "No value" in text
    # The table of every area is drawn on request (so that the map draws first); its CSV is always there.
    assert not at.dataframe
    assert "Download this table (CSV)" in [button.label for button in at.get("download_button")]
    at.toggle(key=keys.MAP_TABLE.key).set_value(True).run()
    assert at.query_params["table"] == "on"
    table = at.dataframe[0].value
    assert len(table) == 153
    assert table.loc[table["Code"] == "E08000003", "Value (%)"].iloc[0] == 15.6
    assert not at.error


def test_choosing_an_area_describes_it_and_goes_in_the_url(app_with_open_data):
    at = open_page(app_with_open_data, "pages/map.py")
    at.selectbox(key=keys.AREA.key).set_value("E08000003").run()
    assert "**Manchester**: 15.6%. Worse than England (95%) as published by Fingertips. England: 10.4%." in \
        markdown_text(at)
    assert at.query_params["area"] == "E08000003"


def test_lower_tier_and_value_classes(app_with_open_data):
    at = open_page(app_with_open_data, "pages/map.py", level="lad", colour="value", indicator="imd2025_score",
                   table="on")
    assert len(at.dataframe[0].value) == 296
    text = markdown_text(at)
    assert "Value (fifths of areas)" in text
    assert "IMD 2025 score (score), 2025" in text


def test_depression_period_list_and_code_report(app_with_open_data):
    at = open_page(app_with_open_data, "pages/map.py", indicator="848")
    assert at.selectbox(key=keys.MAP_PERIOD.key).options[:2] == ["2024/25", "2022/23"]
    expanders = [e.label for e in at.expander]
    assert any(label.startswith("Area codes changed or not matched in this file (") for label in expanders)
    # The extract still has Bournemouth's pre-2019 code (E06000028, 2014/15 rows) beside the merged authority's
    # (E06000058): its rows are rates, which cannot be added up, so they are flagged, not moved. The report is a
    # plain HTML table (no data grid on the map page).
    report = next(block.proto.body for block in at.get("html") if "Area codes in " in block.proto.body)
    assert "fingertips_848_depression_qof_prevalence_ltla.csv" in report
    bournemouth = next(row for row in report.split("<tr>") if ">E06000028</td>" in row)
    assert ">Bournemouth</td>" in bournemouth and ">E06000058</td>" in bournemouth
    assert ">Bournemouth, Christchurch and Poole</td>" in bournemouth


def test_area_profile_for_manchester(app_with_open_data):
    at = open_page(app_with_open_data, "pages/area_profile.py", area="E08000003")
    table = at.dataframe[0].value
    assert list(table["Indicator"])[:2] == ["Adult smoking (APS)", "Depression (QOF, 18+)"]
    smoking = table.iloc[0]
    assert (smoking["Period"], smoking["Manchester"], smoking["England"]) == ("2024", "15.6%", "10.4%")
    assert smoking["Compared with England"] == "Worse than England (95%) as published by Fingertips"
    assert len(at.get("vega_lite_chart")) == 2  # the spine chart and the trend over time
    # The extracts have no confidence intervals or counts, so Fingertips' trend test cannot be run.
    assert set(table["Recent trend"]) == {"Cannot be calculated"}
    assert "**Recent trend:** Cannot be calculated (" in markdown_text(at)
    assert "The file has no figure for North West, so it is not drawn." in markdown_text(at)


def test_area_profile_trend_indicator_comes_from_the_link_with_its_table(app_with_open_data):
    at = open_page(app_with_open_data, "pages/area_profile.py", area="E08000003", trend="848")
    assert at.selectbox(key=keys.PROFILE_TREND.key).value == "848"
    over_time = at.dataframe[1].value
    assert set(over_time["Area"]) == {"Manchester", "England"}
    # fingertips_848 extract: Manchester 8.2% in 2014/15, 9.2% in 2015/16 ... 14.8% in 2024/25 (no 2023/24).
    manchester = over_time[over_time["Area"] == "Manchester"]
    assert list(over_time["Area"][:len(manchester)]) == ["Manchester"] * 10  # the area first, then England
    assert list(manchester["Period"][:2]) == ["2014/15", "2015/16"] and manchester["Period"].iloc[-1] == "2024/25"
    assert list(manchester["Value (%)"][:2]) == ["8.2%", "9.2%"]
    assert [button.label for button in at.get("download_button")] == [
        "Download spine chart (PNG)", "Download spine chart (SVG)", "Download this profile (CSV)",
        "Download trend chart (PNG)", "Download trend chart (SVG)", "Download the comparison with neighbours (CSV)"]
    assert at.query_params["trend"] == "848"
    at.selectbox(key=keys.PROFILE_TREND.key).set_value("92443").run()  # smoking, the first in the profile: the default
    assert "trend" not in at.query_params


def test_local_need_with_a_typed_probation_caseload(app_with_open_data):
    at = open_page(app_with_open_data, "pages/local_need.py", area="E08000016")
    assert "**Population-share estimate: about" in markdown_text(at)
    at.number_input(key=keys.need_size("probation").key).set_value(1200).run()
    text = markdown_text(at)
    # Probation prevalences (data/national_prevalence.csv): MH09 depression 17.3%, MH10 any current mental illness
    # 39%, MH11 personality disorder 48%, persons only. 1,200 x 17.3% = 207.6 -> "about 210" (2 significant
    # figures); 1,200 x 39% = 468 -> 470; 1,200 x 48% = 576 -> 580.
    assert "Of the 1,200 people on probation in Barnsley, about 210 are likely to have depression." in text
    assert "about 470 are likely to have a current mental illness" in text
    assert "about 580 are likely to have a personality disorder" in text
    table = at.dataframe[0].value.set_index("Need")
    named = ["Suffered from depression (Rebalancing Act statement)", "Any current mental illness",
             "Personality disorder"]
    assert list(table.loc[named, "Expected people"]) == ["210", "470", "580"]
    # MH09 has no general-population figure; MH10 (17%, APMS common mental disorder) and MH11 (4.4%, a different
    # instrument) are context only: no number at their rate (1,200 x 17% = 204, 1,200 x 4.4% = 52.8 are not shown).
    assert list(table.loc[named, "General population figure"]) == [
        "no figure published", "context only: not like for like", "context only: not like for like"]
    assert list(table.loc[named, "At the general rate"]) == ["", "", ""]
    assert at.query_params["size_probation"] == "1200"
    assert "If they had the general population's rate" not in at.get("vega_lite_chart")[0].proto.spec
    assert any(caption.value.startswith("No “general population's rate” marker") for caption in at.caption)
    chart = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert chart["description"].startswith("Dot chart for probation caseload in Barnsley (cohort size 1,200 (your "
                                           f"figure)): for each of {len(table)} needs")
    assert [button.label for button in at.get("download_button")] == [
        "Download chart (PNG)", "Download chart (SVG)", "Download this table (CSV, unrounded)"]


def test_local_need_adjustment_and_several_cohorts(app_with_open_data):
    at = open_page(app_with_open_data, "pages/local_need.py", area="E08000016", size_probation="1200", adjust="on",
                   need_cohorts=["probation", "liaison_diversion"])
    text = markdown_text(at)
    # Barnsley 848 2024/25 is 16%, England 14.3%: 17.3% x 16 / 14.3 = 19.36%; x 1,200 = 232.3 -> about 230.
    assert "Scaled by Barnsley's own general-population rate, the estimate is about 230." in text
    # Liaison and diversion has no national size: the page asks for the local figure.
    assert any("enter your local figure" in warning.value for warning in at.warning)
    # One cohort with figures: no side-by-side note; the note appears only with two estimated cohorts.
    at.number_input(key=keys.need_size("liaison_diversion").key).set_value(300).run()
    assert any("must not be added" in info.value for info in at.info)
