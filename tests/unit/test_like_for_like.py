"""Like for like wherever two figures are set side by side (issue 15, "Headlines a board can rely on"): the Local
need chart, tables, download and deck table give no number at the general population's rate where the evidence
row is not like for like (its ``ratio_basis`` is not computed or published); Your data tests a partner's figure
for significance only against a like-for-like benchmark; the deck's notes never read "Source: Source:" and no
reference is listed twice in the deck's or the workbook's sources.

Every expected value is worked by hand in the comment beside it (never by running the code).
"""

from __future__ import annotations

import io
import math
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from analysis.local_need import estimate as est
from analysis.local_need.estimate import GeneralRate
from analysis.your_data import Benchmark, compare, general_is_like_for_like, with_prevalence
from charts.local_need import AT_GENERAL_RATE, EXPECTED, need_chart
from core.safe_csv import to_csv_bytes
from present import local_need as view
from present import your_data as chosen_figures
from present.local_need_table import need_tables
from reports import deck, workbook
from reports.model import BoardPack, LoadedData, PackRequest, SourceRow
from reports.parts.local_need import NEED_SLIDE_COLUMNS, local_need_part, local_need_table
from reports.sources import unique
from tests.unit.test_local_need import need_row

CONTEXT = "context only: not like for like"

# Barnsley's probation caseload as the DPH saw it: any current mental illness 39% against APMS's 17% (a different
# measure) and personality disorder 48% against 4.4% (a different instrument), both context only; and a made-up
# like-for-like need, 20% against 10%.
MENTAL_ILLNESS = need_row(indicator_id="MH10", indicator="Any current mental illness", cohort_value=39.0,
                          comparator_value=17.0, ratio_basis="context_only", comparability="low")
PERSONALITY = need_row(indicator_id="MH11", indicator="Personality disorder", cohort_value=48.0,
                       comparator_value=4.4, ratio_basis="context_only", comparability="low")
LIKE_FOR_LIKE = need_row(indicator_id="XX09", indicator="Learning disability")


def barnsley(size: int = 1025) -> view.CohortNeed:
    data = view.NeedData(pd.DataFrame([MENTAL_ILLNESS, PERSONALITY, LIKE_FOR_LIKE]))
    return view.cohort_need("probation", size, area_code="E08000016", level="utla", area_name="Barnsley", data=data,
                            adjust=False)


# --- Local need ----------------------------------------------------------------------------------------------------

def test_the_chart_draws_no_general_rate_marker_where_the_figure_is_context_only():
    # 1,025 x 39% = 399.75 ("400") and 1,025 x 48% = 492 ("490") are drawn; the 1,025 x 17% = 174.25 ("170") and
    # 1,025 x 4.4% = 45.1 ("45") markers the DPH saw are not. Like for like: 1,025 x 10% = 102.5 is drawn.
    local = barnsley()
    spec = need_chart(local.chart_rows(), "Probation caseload: Barnsley", local.size_text).to_dict()
    points = [row for rows in spec["datasets"].values() for row in rows if "figure" in row]  # not the labels
    expected = {row["need"]: row["number"] for row in points if row["figure"] == EXPECTED}
    at_general = {row["need"]: row["number"] for row in points if row["figure"] == AT_GENERAL_RATE}
    assert expected == pytest.approx({"Any current mental illness": 399.75, "Personality disorder": 492.0,
                                      "Learning disability": 205.0})
    assert at_general == pytest.approx({"Learning disability": 102.5})
    assert local.context_note == (
        "No “general population's rate” marker where the general-population figure is not like for like; its "
        "prevalence is context only: Any current mental illness (17%); Personality disorder (4.4%).")


def test_no_chart_legend_entry_when_no_need_is_like_for_like():
    data = view.NeedData(pd.DataFrame([MENTAL_ILLNESS, PERSONALITY]))
    local = view.cohort_need("probation", 1025, area_code="E08000016", level="utla", area_name="Barnsley", data=data,
                             adjust=False)
    spec = need_chart(local.chart_rows(), "Probation caseload: Barnsley", local.size_text).to_dict()
    assert AT_GENERAL_RATE not in str(spec)


def test_the_page_table_and_its_csv_leave_the_general_rate_blank_and_label_the_context():
    table, display = need_tables(barnsley().needs)
    # the expected number keeps its value; the general-population prevalence is kept and labelled as context
    assert list(table["Expected people"]) == pytest.approx([399.75, 492.0, 205.0])
    assert list(table["General population prevalence (%)"]) == pytest.approx([17.0, 4.4, 10.0])
    assert list(table["General population figure"]) == [CONTEXT, CONTEXT, "like for like"]
    assert math.isnan(table["At the general rate"].iloc[0]) and math.isnan(table["At the general rate"].iloc[1])
    assert table["At the general rate"].iloc[2] == pytest.approx(102.5)  # 1,025 x 10%
    assert math.isnan(table["Additional people"].iloc[0])
    assert table["Additional people"].iloc[2] == pytest.approx(102.5)  # 205 - 102.5
    # on screen: 102.5 -> "100" (2 significant figures), blanks for the context rows
    assert list(display["At the general rate"]) == ["", "", "100"]
    assert list(display["Additional people"]) == ["", "", "100"]
    csv = pd.read_csv(io.BytesIO(to_csv_bytes(table)), encoding="utf-8-sig", keep_default_na=False)
    assert list(csv["At the general rate"]) == ["", "", "102.5"]
    assert list(csv["General population figure"]) == [CONTEXT, CONTEXT, "like for like"]


def test_the_deck_table_leaves_the_general_rate_blank_and_says_context_only():
    table = local_need_table([barnsley().needs], [])
    rows = table.display[list(NEED_SLIDE_COLUMNS)].astype(str).values.tolist()
    # 399.75 -> "400", 492 -> "490", 205 -> "210" (half up); no interval published
    assert rows == [
        ["Any current mental illness", "400", "CI not published", "CI not published", "", CONTEXT],
        ["Personality disorder", "490", "CI not published", "CI not published", "", CONTEXT],
        ["Learning disability", "210", "CI not published", "CI not published", "100", "100"]]
    # the workbook's sheet (unrounded) has the same blanks and the label
    assert math.isnan(table.frame["At the general rate"].iloc[0])
    assert table.frame["General population figure"].iloc[1] == CONTEXT


def test_a_published_ratio_basis_is_like_for_like():
    # ratio_basis "published": 1,000 x 10% = 100 at the general rate; 200 - 100 = 100 more
    need = est.estimate_need(pd.DataFrame([need_row(ratio_basis="published")]), 1000, cohort="probation")[0]
    assert need.general.status is GeneralRate.LIKE_FOR_LIKE
    assert (need.general.number, need.general.additional) == pytest.approx((100, 100))


@pytest.mark.parametrize("basis", ["context_only", "published_low_comparability", "count"])
def test_every_other_basis_is_context_only(basis):
    # a 10% general-population figure is published, but not like for like: kept as context, never applied
    need = est.estimate_need(pd.DataFrame([need_row(ratio_basis=basis)]), 1000, cohort="probation")[0]
    assert need.general.status is GeneralRate.CONTEXT_ONLY
    assert need.general.comparator_value == 10
    assert math.isnan(need.general.number) and math.isnan(need.general.additional)
    assert need.expected.number == pytest.approx(200)  # 1,000 x 20%, unchanged


# --- Your data -----------------------------------------------------------------------------------------------------

def evidence(indicator_id: str, basis: str) -> pd.Series:
    return pd.Series({"indicator_id": indicator_id, "ratio_basis": basis})


@pytest.mark.parametrize(("local", "national", "like"), [
    ("92443", evidence("SMK01", "computed"), True),  # SMK01's general-population figure is APS smoking
    ("92443", evidence("SMK01", "published"), True),
    ("92443", evidence("SMK01", "context_only"), False),  # SMK01's own pair is not like for like
    ("848", evidence("SMK01", "computed"), False),  # QOF depression is not SMK01's general-population measure
    ("848", evidence("MH09", "no_comparator"), False),  # no evidence row's comparator is QOF recorded depression
    ("848", evidence("MH10", "context_only"), False),
    ("92443", None, False),  # no national figure chosen: nothing says what the partner's figure measures
])
def test_the_like_for_like_rule_for_a_local_benchmark(local, national, like):
    assert general_is_like_for_like(local, national) is like


def partner_rows() -> pd.DataFrame:
    """Barnsley's probation "Mental health need" 120 of 300, and a prison's smoking 60 of 100 in the same area."""
    return pd.DataFrame({
        "area_code": ["E08000016", "E08000016"], "area_type": ["utla", "utla"], "cohort": ["probation", "prison"],
        "indicator": ["Mental health need", "Smoking"], "numerator": [120.0, 60.0], "denominator": [300.0, 100.0],
        "value": [math.nan, math.nan], "ci_low": [math.nan, math.nan], "ci_high": [math.nan, math.nan]})


LOCAL_VALUES = pd.DataFrame({
    "level": ["utla"] * 4, "area_code": ["E08000016"] * 4, "area_name": ["Barnsley"] * 4,
    "indicator_id": ["848", "848", "92443", "92443"], "period": ["2022/23", "2023/24", "2022", "2023"],
    "value": [12.0, 13.2, 15.0, 14.9]})


def test_a_partner_need_against_recorded_depression_is_context_not_significance():
    # 120 / 300 = 40%, Wilson 95% (z = 1.959964): centre (0.4 + z²/600) / (1 + z²/300) = 0.401264, half-width
    # z * sqrt(0.4 * 0.6 / 300 + z² / 360000) / (1 + z²/300) = 0.055099 -> 34.6% to 45.6%. That excludes QOF's 13.2%,
    # which the code used to call "significantly higher"; QOF measures something else, so it is context only.
    rows = with_prevalence(partner_rows())
    general = chosen_figures.general_figures(LOCAL_VALUES, rows, "probation", "Mental health need", "848",
                                             evidence("MH09", "no_comparator"))
    assert general == {("probation", "E08000016", "Mental health need"): Benchmark(
        13.2, "Barnsley's recorded depression (QOF, 2023/24)", like_for_like=False)}  # the latest period
    result = compare(rows, {}, general)
    text = result.at[0, "general_comparison"]
    assert text == ("Barnsley's recorded depression (QOF, 2023/24), a different measure: 13.2% (context only: not "
                    "compared)")
    assert "significant" not in text and "higher" not in text.lower()
    assert result.at[0, "general_value"] == 13.2


def test_a_partner_smoking_figure_against_the_same_measure_is_compared():
    # 60 / 100 = 60%, Wilson 95% 50.2% to 69.1% (test_your_data_page.py) excludes Barnsley's APS 14.9%: higher.
    rows = with_prevalence(partner_rows())
    general = chosen_figures.general_figures(LOCAL_VALUES, rows, "prison", "Smoking", "92443",
                                             evidence("SMK01", "computed"))
    result = compare(rows, {}, general)
    assert result.at[1, "general_comparison"] == ("significantly higher than Barnsley's adult smoking (Annual "
                                                  "Population Survey, 2023) (14.9%), 95% level")
    # the probation row has its own need and cohort: no local figure was chosen for it
    assert result.at[0, "general_comparison"] == "no local general-population figure for this need"
    # without a national choice, the same local figure is context only
    unmatched = compare(rows, {}, chosen_figures.general_figures(LOCAL_VALUES, rows, "prison", "Smoking", "92443"))
    assert unmatched.at[1, "general_comparison"] == ("Barnsley's adult smoking (Annual Population Survey, 2023), a "
                                                     "different measure: 14.9% (context only: not compared)")


# --- The board pack: source lines and the sources list -----------------------------------------------------------

SOURCES = pd.DataFrame({"source_id": ["a2020"], "short_label": ["Author A 2020"], "citation": ["Author A (2020)"],
                        "publisher": ["Publisher A"], "year_published": [2020]})


def local_need_pack() -> BoardPack:
    """A pack of the Local need part alone: two needs from the same cohort source and comparator source."""
    rows = pd.DataFrame([need_row(cohort_source_id="a2020"),
                         need_row(indicator_id="XX09", indicator="Learning disability", cohort_source_id="a2020",
                                  cohort_citation="Author  A (2020) cohort study", caveat="another caveat")])
    request = PackRequest(title="Test", made_on=date(2026, 1, 5), threshold=5, threshold_set_by="the default",
                          area_code="E06000001", level="utla", need_cohorts=("probation",),
                          typed_sizes={"probation": 1000},
                          needs=("Suffered from depression (Rebalancing Act statement)", "Learning disability"))
    part = local_need_part(request, LoadedData(comparison=rows, sources=SOURCES), "Testshire")
    return BoardPack("Test", date(2026, 1, 5), "", "Testshire", tuple(part.messages), (),
                     (local_need_table(part.estimates, part.notes),), unique(part.sources), (), (), 5)


def test_deck_notes_never_read_source_source():
    pack = local_need_pack()
    notes = next(slide.notes for slide in deck.plan(pack) if slide.title == "Key messages")
    assert "Source: Source:" not in notes
    # 1,000 x 20% = 200; the one "Source:" label the notes add, then the source itself
    assert ("Probation caseload: Suffered from depression (Rebalancing Act statement): Of the 1,000 people on "
            "probation in Testshire, about 200 are likely to have depression: about 100 more than if they had the "
            "general population's rates. No confidence interval was published for this figure. Estimated numbers are "
            "rounded. Source: Author A 2020, data 2020.") in notes.splitlines()
    message = pack.key_messages[0]
    assert message.source == "Author A 2020, data 2020."  # the slide's line and the workbook's cell


def test_no_reference_is_listed_twice_in_the_deck_or_the_workbook():
    # Two needs, each citing the cohort study (once with a double space and other case) and the same survey: two
    # references, each once, naming both figures.
    pack = local_need_pack()
    assert [row.source for row in pack.sources] == ["Author A (2020) Cohort study", "Author B (2020) Survey"]
    assert pack.sources[0].figure == "Suffered from depression (Rebalancing Act statement) (Probation); " \
                                     "Learning disability (Probation)"
    assert pack.sources[0].caveat == ("Suffered from depression (Rebalancing Act statement) (Probation): test caveat"
                                      " | Learning disability (Probation): another caveat")
    assert pack.sources[0].year == "2020" and pack.sources[0].publisher == "Publisher A"
    notes = next(slide.notes for slide in deck.plan(pack) if slide.title.startswith("Appendix: sources and caveats"))
    assert notes.count("Author A (2020) Cohort study") == 1 and notes.count("Author B (2020) Survey") == 1
    book = load_workbook(io.BytesIO(workbook.workbook_bytes(pack)))
    cited = [row[1] for row in book["Sources"].iter_rows(min_row=2, values_only=True)]
    assert cited == ["Author A (2020) Cohort study", "Author B (2020) Survey"]


def test_unique_merges_rows_by_citation_text_only():
    rows = [SourceRow("Figure 1", "Smith J (2019) Report", "ONS", "2019", "https://a", "caveat", "Smith 2019"),
            SourceRow("Figure 2", "smith j  (2019) report", "", "2019", "https://a", "caveat", ""),
            SourceRow("Figure 1", "Jones K (2021) Survey", "NHS", "2021", "", "", "Jones 2021")]
    assert unique(rows) == (
        SourceRow("Figure 1; Figure 2", "Smith J (2019) Report", "ONS", "2019", "https://a", "caveat", "Smith 2019"),
        SourceRow("Figure 1", "Jones K (2021) Survey", "NHS", "2021", "", "", "Jones 2021"))
