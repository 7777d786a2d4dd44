"""Local need (analysis/local_need/, present/local_need_text.py, present/local_need_table.py): hand-worked
expected values for the estimator, the default cohort size, display rounding and the board sentence. The
mapping of estimator cohorts onto the real data/ files is back-tested in tests/backtest/test_local_need.py.

Every expected value is worked by hand in the comment beside it (never by running the code).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.comparison import compare_with_general_population
from analysis.local_need import adjustment, cohort_size, cohorts
from analysis.local_need import estimate as est
from analysis.local_need.estimate import Basis, CiMethod, DifferenceInterval, GeneralRate, NeedEstimate
from loaders.national import load_national_evidence
from present import local_need as view
from present import local_need_table as tables
from present import local_need_text as text
from tests.conftest import write_evidence_folder

PUBLISHED = "published by the source"


def need_row(**values) -> dict:
    """One comparison row (the columns ``compare_with_general_population`` gives that the estimator reads)."""
    row = {
        "indicator_id": "XX01", "indicator": "Suffered from depression (Rebalancing Act statement)",
        "domain": "mental_health", "cohort": "probation", "sex": "persons", "unit": "%", "cohort_value": 20.0,
        "cohort_ci_low": math.nan, "cohort_ci_high": math.nan, "cohort_ci_method": None, "comparator_value": 10.0,
        "comparator_ci_low": math.nan, "comparator_ci_high": math.nan, "comparator_sex": "persons",
        "ratio_basis": "computed", "comparability": "high", "evidence_quality": "administrative", "data_year": 2020,
        "period": "2020", "comparator_period": "2020", "cohort_source": "Author A 2020",
        "cohort_citation": "Author A (2020) Cohort study", "source_url": "https://example.org/a",
        "comparator_source": "Author B 2020", "comparator_citation": "Author B (2020) Survey",
        "comparator_url": None, "measure_definition": "test", "caveat": "test caveat",
    }
    row.update(values)
    return row


def estimate_one(rows: list[dict], size: float = 1000, **options) -> NeedEstimate:
    needs = est.estimate_need(pd.DataFrame(rows), size, cohort=options.pop("cohort", "probation"), **options)
    assert len(needs) == 1
    return needs[0]


def estimate(rows: list[dict], size: float = 1000, **options) -> dict:
    """The one need as a row of the table (present.local_need_table.NEED_COLUMNS)."""
    return tables.need_row(estimate_one(rows, size, **options))


SPLIT_90_10 = cohort_size.SexSplit(0.9, 0.1, "a made-up split")
MEN_22 = need_row(indicator_id="XX02", sex="male", cohort_value=22.0)
WOMEN_30 = need_row(indicator_id="XX03", sex="female", cohort_value=30.0)


# --- One cohort, one need ------------------------------------------------------------------------------------------

def test_expected_number_carries_the_published_ci_through():
    # 1,000 people x 20% (CI 15-25) = 200 (150-250); at the general rate 10%: 100; additional 200 - 100 = 100.
    need = estimate([need_row(cohort_ci_low=15.0, cohort_ci_high=25.0, cohort_ci_method=PUBLISHED)])
    assert (need["expected"], need["expected_low"], need["expected_high"]) == pytest.approx((200, 150, 250))
    assert need["expected_at_general_rate"] == pytest.approx(100)
    assert need["additional"] == pytest.approx(100)
    assert "cohort size is treated as known" in need["expected_interval_note"]
    assert need["basis"] == "crude" and need["basis_text"].startswith("crude: the source gives a rate for everyone")
    # no CI on the general-population figure: no interval for the difference, and why
    assert math.isnan(need["additional_low"]) and "general-population figure has no published" in need[
        "additional_note"]


def test_difference_interval_by_mover_when_both_cis_are_published():
    # cohort 200 (150-250), general 100 (80-120): difference 100,
    # low  = 100 - sqrt((200-150)^2 + (120-100)^2) = 100 - sqrt(2,500 + 400) = 100 - 53.8516 = 46.1484
    # high = 100 + sqrt((250-200)^2 + (100-80)^2)  = 153.8516
    estimated = estimate_one([need_row(cohort_ci_low=15.0, cohort_ci_high=25.0, cohort_ci_method=PUBLISHED,
                                       comparator_ci_low=8.0, comparator_ci_high=12.0)])
    assert estimated.general.difference is DifferenceInterval.MOVER
    need = tables.need_row(estimated)
    assert need["additional_low"] == pytest.approx(46.1484, abs=1e-4)
    assert need["additional_high"] == pytest.approx(153.8516, abs=1e-4)
    assert "MOVER" in need["additional_note"]


def test_no_ci_means_no_interval_and_says_so():
    need = estimate([need_row()])
    assert math.isnan(need["expected_low"]) and math.isnan(need["expected_high"])
    assert need["cohort_ci_method"] == "CI not published"
    assert need["expected_interval_note"].startswith("CI not published")
    assert need["expected"] == pytest.approx(200)  # 1,000 x 20%


def test_context_only_comparator_gives_no_number_at_its_rate_and_no_additional_people():
    # low comparability: the general population's 10% is context only; 1,000 x 10% is not worked out, nor the
    # difference; the expected 1,000 x 20% = 200 stays
    need = estimate([need_row(ratio_basis="context_only", comparability="low")])
    assert need["expected"] == pytest.approx(200)
    assert need["comparator_value"] == 10 and need["comparator_status"] == "context only: not like for like"
    assert math.isnan(need["expected_at_general_rate"])
    assert math.isnan(need["additional"])
    assert "not like for like" in need["additional_note"]


def test_no_comparator_published():
    need = estimate([need_row(comparator_value=math.nan, ratio_basis="no_comparator")])
    assert math.isnan(need["expected_at_general_rate"]) and math.isnan(need["additional"])
    assert "no general-population figure was published" in need["additional_note"]


# --- Two sexes ----------------------------------------------------------------------------------------------------

def test_two_sexes_are_computed_separately_and_added():
    # men 900 x 22% + women 100 x 30% = 198 + 30 = 228; at the general rate (10%, persons): 100; additional 128
    need = estimate([MEN_22, WOMEN_30], sex_split=SPLIT_90_10)
    assert need["expected"] == pytest.approx(228)
    assert need["cohort_value"] == pytest.approx(22.8)  # 0.9 x 22 + 0.1 x 30
    assert need["expected_at_general_rate"] == pytest.approx(100)
    assert need["additional"] == pytest.approx(128)
    assert need["basis"] == "by_sex" and need["indicator_ids"] == "XX02 + XX03"
    assert "men 90.0% of the cohort at 22%" in need["basis_text"] and "a made-up split" in need["basis_text"]
    assert (need["cohort_value_men"], need["cohort_value_women"]) == (22, 30)


def test_two_sexes_with_cis_add_the_limits():
    # men 22% (20-24), women 30% (25-35): low 900 x 20% + 100 x 25% = 180 + 25 = 205; high 216 + 35 = 251
    need = estimate([{**MEN_22, "cohort_ci_low": 20.0, "cohort_ci_high": 24.0, "cohort_ci_method": PUBLISHED},
                     {**WOMEN_30, "cohort_ci_low": 25.0, "cohort_ci_high": 35.0, "cohort_ci_method": PUBLISHED}],
                    sex_split=SPLIT_90_10)
    assert (need["expected_low"], need["expected_high"]) == pytest.approx((205, 251))
    assert "conservative" in need["expected_interval_note"]


def test_a_persons_row_is_used_when_the_sex_split_is_unknown():
    # persons 25%, men 22%, women 30%: with no split the crude persons rate is used, 1,000 x 25% = 250
    rows = [need_row(cohort_value=25.0), MEN_22, WOMEN_30]
    assert estimate(rows)["expected"] == pytest.approx(250)
    assert estimate(rows)["basis"] == "crude"
    assert estimate(rows, sex_split=SPLIT_90_10)["expected"] == pytest.approx(228)  # by sex when the split is known


def test_rates_by_sex_without_a_split_are_not_computed():
    estimated = estimate_one([MEN_22, WOMEN_30])
    need = tables.need_row(estimated)
    assert estimated.basis is Basis.NEEDS_SPLIT and estimated.general.status is GeneralRate.NOT_ESTIMATED
    assert need["basis"] == "needs_sex_split" and math.isnan(need["expected"])
    assert "enter the cohort's sex split" in need["basis_text"]
    assert "cannot be estimated" in text.board_sentence(estimated, "Testshire")


def test_a_rate_for_men_only_covers_the_men():
    # men only 65%: with a 90/10 split, 900 men x 65% = 585; general rate 12% x 900 = 108; additional 477
    men_only = need_row(sex="male", cohort_value=65.0, comparator_value=12.0)
    need = estimate([men_only], sex_split=SPLIT_90_10)
    assert need["basis"] == "one_sex" and need["covered_people"] == pytest.approx(900)
    assert (need["expected"], need["expected_at_general_rate"], need["additional"]) == pytest.approx((585, 108, 477))
    # without a split it is applied to the whole cohort and labelled so: 1,000 x 65% = 650
    whole = estimate([men_only])
    assert whole["basis"] == "one_sex_whole_cohort" and whole["expected"] == pytest.approx(650)
    assert "as if everyone had the rate of men" in whole["basis_text"]


def test_the_comparison_frame_feeds_the_estimator(tmp_path):
    # Through the real loader and compare_with_general_population: 39 of 134 gives a Wilson 95% interval of
    # 22.0814% to 37.2922% (test_comparison.py); 100 people x 29% = 29 (22.0814-37.2922).
    bundle = load_national_evidence(write_evidence_folder(tmp_path, [{
        "cohort": "police_custody", "cohort_value": "29", "cohort_numerator": "39", "cohort_denominator": "134",
        "comparator_value": "17", "comparability": "low"}]))
    comparison = compare_with_general_population(bundle.measures, bundle.evidence, bundle.sources)
    estimated = est.estimate_need(est.evidence_rows(comparison, "police_custody"), 100, cohort="police_custody")[0]
    assert estimated.expected.ci_method is CiMethod.WILSON
    need = tables.need_row(estimated)
    assert need["expected"] == pytest.approx(29)
    assert (need["expected_low"], need["expected_high"]) == pytest.approx((22.0814, 37.2922), abs=1e-3)
    assert "Wilson" in need["expected_interval_note"]
    assert math.isnan(need["additional"])  # low comparability


# --- The optional local adjustment ----------------------------------------------------------------------------------

SMOKING = need_row(indicator_id="SMK01", indicator="Current tobacco smoking")


def test_adjustment_scales_the_prevalence_by_local_over_england():
    # local 12 / England 10 = 1.2; 20% x 1.2 = 24%; 1,000 x 24% = 240, beside the unadjusted 200
    ratio = adjustment.local_adjustment("92443", 12.0, 10.0, "2023", "Testshire")
    assert ratio.ratio == pytest.approx(1.2)
    need = estimate([SMOKING], adjustments={"92443": ratio})
    assert need["adjustment_ratio"] == pytest.approx(1.2)
    assert need["adjusted_value"] == pytest.approx(24) and need["adjusted_expected"] == pytest.approx(240)
    assert need["expected"] == pytest.approx(200)  # the unadjusted figure is unchanged
    assert "Testshire 12% ÷ England 10% = 1.20" in need["adjustment_note"]
    assert not need["adjusted_capped"]


def test_adjustment_by_sex():
    # men 22% x 1.2 = 26.4% -> 900 x 26.4% = 237.6; women 30% x 1.2 = 36% -> 100 x 36% = 36; total 273.6
    rows = [{**MEN_22, "indicator_id": "SMK01"}, {**WOMEN_30, "indicator_id": "SMK01"}]
    need = estimate(rows, sex_split=SPLIT_90_10, adjustments={"92443": 1.2})
    assert need["adjusted_expected"] == pytest.approx(273.6)


def test_adjusted_prevalence_is_capped_at_100_percent():
    # 90% x 1.2 = 108% -> capped at 100%: 1,000 x 100% = 1,000
    need = estimate([{**SMOKING, "cohort_value": 90.0}], adjustments={"92443": 1.2})
    assert need["adjusted_value"] == pytest.approx(100) and need["adjusted_expected"] == pytest.approx(1000)
    assert need["adjusted_capped"] and "capped at 100%" in need["adjustment_note"]
    # by sex, only the sex above 100% is capped: men 90% x 1.2 -> 100%, 900 x 100% = 900; women 50% x 1.2 = 60%,
    # 100 x 60% = 60; total 960
    rows = [{**MEN_22, "indicator_id": "SMK01", "cohort_value": 90.0},
            {**WOMEN_30, "indicator_id": "SMK01", "cohort_value": 50.0}]
    assert estimate(rows, sex_split=SPLIT_90_10, adjustments={"92443": 1.2})["adjusted_expected"] == pytest.approx(960)


def test_missing_local_indicator_gives_no_adjusted_value_and_a_reason():
    # the area has a depression ratio only; smoking (92443) is missing
    need = estimate([SMOKING], adjustments={"848": 1.1})
    assert math.isnan(need["adjusted_expected"])
    assert "no local value of adult smoking prevalence (92443)" in need["adjustment_note"]
    # a LocalAdjustment without a local value carries its own reason
    missing = adjustment.local_adjustment("92443", None, 10.0, "2023", "Testshire")
    need = estimate([SMOKING], adjustments={"92443": missing})
    assert math.isnan(need["adjusted_expected"]) and "for Testshire" in need["adjustment_note"]


def test_adjustment_off_and_needs_without_a_local_indicator():
    assert estimate([SMOKING])["adjustment_note"] == "local adjustment is off"
    other = estimate([need_row(indicator_id="XX09", indicator="Learning disability")], adjustments={"92443": 1.2})
    assert math.isnan(other["adjusted_expected"])
    assert other["adjustment_note"].startswith("no local general-population indicator")


def test_local_adjustments_from_the_local_values_frame():
    # latest period (2023) for the area: 12 / 10 = 1.2; an area with no row gets no ratio and the reason
    values = pd.DataFrame({
        "level": ["utla"] * 3, "area_code": ["E06000001", "E06000001", "E06000002"],
        "indicator_id": ["92443"] * 3, "period": ["2022", "2023", "2023"], "value": [15.0, 12.0, 9.0],
        "england_value": [11.0, 10.0, 10.0]})
    found = adjustment.local_adjustments_from_values(values, "E06000001", "utla", indicator_ids=("92443",))
    assert found["92443"].ratio == pytest.approx(1.2) and found["92443"].period == "2023"
    absent = adjustment.local_adjustments_from_values(values, "E06000099", "utla", indicator_ids=("92443", "848"))
    assert absent["92443"].ratio is None and absent["848"].ratio is None
    assert "no local value" in absent["848"].reason


# --- Edge cases --------------------------------------------------------------------------------------------------

def test_zero_cohort_gives_zeros_not_errors():
    estimated = estimate_one([need_row(cohort_ci_low=15.0, cohort_ci_high=25.0, cohort_ci_method=PUBLISHED,
                                       comparator_ci_low=8.0, comparator_ci_high=12.0, indicator_id="SMK01")],
                             size=0, adjustments={"92443": 1.2})
    need = tables.need_row(estimated)
    for column in ("expected", "expected_low", "expected_high", "expected_at_general_rate", "additional",
                   "additional_low", "additional_high", "adjusted_expected"):
        assert need[column] == 0, column
    assert text.board_sentence(estimated, "Testshire").startswith("Of an estimated 0 people on probation in "
                                                                "Testshire, about 0 (95% CI 0–0)")


@pytest.mark.parametrize("size", [-1, math.nan, None, math.inf])
def test_a_cohort_size_must_be_a_number_of_at_least_zero(size):
    with pytest.raises(ValueError, match="cohort size"):
        est.estimate_need(pd.DataFrame([need_row()]), size, cohort="probation")


def test_one_cohort_at_a_time_and_ratio_rows_are_ignored():
    with pytest.raises(ValueError, match="several cohorts"):
        est.estimate_need(pd.DataFrame([need_row(), need_row(indicator_id="XX02", cohort="prison")]), 10,
                         cohort="probation")
    ratio_only = need_row(unit="ratio", cohort_value=math.nan)
    assert est.estimate_need(pd.DataFrame([ratio_only]), 10, cohort="probation") == ()


def test_sex_split_checks():
    assert SPLIT_90_10.label == "men 90.0%, women 10.0%"
    with pytest.raises(ValueError, match="add up to 1"):
        cohort_size.SexSplit(0.9, 0.2, "wrong")
    with pytest.raises(ValueError, match="between 0 and 1"):
        cohort_size.SexSplit(1.1, -0.1, "wrong")


# --- Several cohorts: side by side, never summed ------------------------------------------------------------------

def test_cohorts_are_laid_side_by_side_not_added():
    probation = est.estimate_need(pd.DataFrame([need_row()]), 1000, cohort="probation")  # 200
    custody = est.estimate_need(pd.DataFrame([need_row(cohort="police_custody")]), 500,
                               cohort="police_custody")  # 500 x 20% = 100
    long = tables.side_by_side([probation, custody])
    assert list(long["cohort"]) == ["probation", "police_custody"]
    assert list(long["expected"]) == pytest.approx([200, 100])
    wide = tables.side_by_side([probation, custody], wide=True)
    assert len(wide) == 1
    assert wide.loc[0, "expected | probation"] == pytest.approx(200)
    assert wide.loc[0, "expected | police_custody"] == pytest.approx(100)
    assert not any("total" in column.lower() for column in wide.columns)
    assert "must not be added" in cohorts.SIDE_BY_SIDE_NOTE


# --- Display rounding and the board sentence ----------------------------------------------------------------------

@pytest.mark.parametrize(("value", "shown"), [
    (0, "0"), (0.4, "fewer than 1"), (0.5, "1"), (7.4, "7"), (9.5, "10"),  # under 10: nearest whole number
    (12.5, "13"), (45.6, "46"), (99.5, "100"), (145, "150"), (999, "1,000"),  # 10-999: 2 significant figures
    (1234, "1,200"), (1250, "1,300"), (56_789, "56,800"),  # 1,000-99,999: nearest 100
    (123_456, "123,000"), (244_209, "244,000"),  # 100,000 and over: nearest 1,000
    (-145, "-150"), (math.nan, ""),
])
def test_display_rounding_rule(value, shown):
    assert text.format_count(value) == shown


def test_board_sentence_for_the_hand_worked_example():
    need = estimate_one([need_row(cohort_ci_low=15.0, cohort_ci_high=25.0, cohort_ci_method=PUBLISHED)])
    assert text.board_sentence(need, "Testshire") == (
        "Of an estimated 1,000 people on probation in Testshire, about 200 (95% CI 150–250) are likely to have "
        "depression: about 100 more than if they had the general population's rates. Estimated numbers are rounded.")
    typed = text.board_sentence(need, "Testshire", size_is_estimate=False)
    assert typed.startswith("Of the 1,000 people on probation in Testshire")


def test_board_sentence_quotes_a_typed_size_as_typed():
    # typed 1,650: quoted "1,650", not rounded to 1,700; estimated 1,650 rounds to 1,700 (2 significant figures)
    need = estimate_one([need_row()], size=1650)
    assert text.board_sentence(need, "Testshire", size_is_estimate=False).startswith(
        "Of the 1,650 people on probation in Testshire")
    assert text.board_sentence(need, "Testshire").startswith("Of an estimated 1,700 people on probation")


def test_board_sentence_rounds_but_the_frame_does_not():
    # 1,234 x 20% = 246.8 -> "250"; 1,234 x 10% = 123.4; difference 123.4 -> "120"
    need = estimate_one([need_row()], size=1234)
    assert need.expected.number == pytest.approx(246.8)
    assert tables.need_row(need)["expected"] == pytest.approx(246.8)
    sentence = text.board_sentence(need, "Testshire")
    assert "Of an estimated 1,200 people" in sentence and "about 250 are likely" in sentence
    assert "about 120 more" in sentence and "No confidence interval was published" in sentence


def test_board_sentence_for_context_only_and_adjusted():
    need = estimate_one([{**SMOKING, "ratio_basis": "context_only", "comparability": "low"}],
                        adjustments={"92443": 1.2})
    assert need.general.status is GeneralRate.CONTEXT_ONLY
    sentence = text.board_sentence(need, "Testshire", include_adjusted=True)
    assert "not like for like, so no difference is given" in sentence
    assert sentence.endswith("Scaled by Testshire's own general-population rate, the estimate is about 240. "
                             "Estimated numbers are rounded.")


# --- Default cohort size: population share ------------------------------------------------------------------------

def population_frame(area_adults: int, england_adults: int) -> pd.DataFrame:
    """A tiny read_population-like frame: the 15-19 band is not counted; 20-24 and 85+ are."""
    rows = []
    for code, name, kind, adult_count in (("E06000001", "Testshire", "utla", area_adults),
                                          ("E92000001", "England", "country", england_adults)):
        rows += [
            {"area_code": code, "area_name": name, "area_type": kind, "age": "15-19", "age_from": 15, "age_to": 19,
             "band": "five-year", "population": 5_000},
            {"area_code": code, "area_name": name, "area_type": kind, "age": "20-24", "age_from": 20, "age_to": 24,
             "band": "five-year", "population": adult_count - 10},
            {"area_code": code, "area_name": name, "area_type": kind, "age": "85+", "age_from": 85, "age_to": None,
             "band": "five-year", "population": 10},
            {"area_code": code, "area_name": name, "area_type": kind, "age": "all ages", "age_from": 0,
             "age_to": None, "band": "all ages", "population": 999_999},
        ]
    return pd.DataFrame(rows)


FACTS = pd.DataFrame({
    "fact_id": ["census2021_population_england", "census2021_population_england_and_wales"],
    "fact": ["Usual resident population", "Usual resident population"], "value": [900.0, 1000.0],
    "value_as_published": ["900", "1,000"], "unit": ["people", "people"],
    "geography": ["England", "England and Wales"], "period": ["2021", "2021"], "publisher": ["ONS", "ONS"],
    "source_title": ["Made-up census", "Made-up census"], "source_url": ["https://example.org/c"] * 2,
    "source_status": ["primary", "primary"]})


def probation_size(value: float, code: str) -> pd.DataFrame:
    return pd.DataFrame([{
        "cohort": "probation", "measure": "Offenders under probation supervision (caseload snapshot)",
        "value": value, "value_as_published": str(value), "unit": "people", "geography": "made up",
        "geography_code": code, "period": "30 June 2025", "reference_date": "2025-06-30", "period_type": "snapshot",
        "source": "Made-up OMSQ", "source_url": "https://example.org/s", "source_status": "primary"}])


def test_default_size_is_the_area_share_of_an_england_and_wales_size_brought_to_england():
    # national 10,000 (England and Wales) x England 900 / England and Wales 1,000 = 9,000 in England;
    # the area has 100 of England's 10,000 adults aged 20+ (1%): 9,000 x 1% = 90
    size = cohort_size.default_cohort_size("probation", "E06000001", "utla",
                                           cohort_sizes=probation_size(10_000, "K04000001"),
                                           cohort_facts=FACTS, population=population_frame(100, 10_000))
    assert size.available and size.value == pytest.approx(90)
    assert size.label == "Population-share estimate"
    assert "90.0%" in size.conversion and "900 ÷ 1,000" in size.conversion
    assert "adults aged 20 and over" in size.assumption and "1.00% of England's" in size.assumption
    shown = {figure.label: figure.value for figure in size.inputs}
    assert shown["Testshire: adults aged 20 and over"] == 100  # 90 + 10, the 15-19 band left out
    assert shown["England: adults aged 20 and over"] == 10_000
    assert 900 in shown.values() and 1000 in shown.values() and 10_000 in shown.values()


def test_default_size_for_an_england_size_needs_no_conversion():
    # national 10,000 (England) x 1% = 100
    size = cohort_size.default_cohort_size("probation", "E06000001", "utla",
                                           cohort_sizes=probation_size(10_000, "E92000001"),
                                           cohort_facts=FACTS, population=population_frame(100, 10_000))
    assert size.value == pytest.approx(100) and size.conversion == ""


def test_no_default_without_a_national_size_or_an_area():
    none = cohort_size.default_cohort_size("liaison_diversion", "E06000001", "utla",
                                           cohort_sizes=probation_size(1, "E92000001"),
                                           cohort_facts=FACTS, population=population_frame(100, 10_000))
    assert not none.available and "enter your local figure" in none.reason
    unknown = cohort_size.default_cohort_size("probation", "E06000099", "utla",
                                     cohort_sizes=probation_size(10_000, "E92000001"), cohort_facts=FACTS,
                                     population=population_frame(100, 10_000))
    assert not unknown.available and "not in the Census 2021 population file" in unknown.reason


def test_population_share_arithmetic():
    # 10,000 x 900/1,000 x 100/10,000 = 90
    assert cohort_size.population_share_estimate(10_000, 100, 10_000, 900, 1000) == pytest.approx(90)
    assert cohort_size.population_share_estimate(0, 100, 10_000) == 0
    with pytest.raises(ValueError, match="or neither"):
        cohort_size.population_share_estimate(10_000, 100, 10_000, england_population=900)
    with pytest.raises(ValueError, match="more than 0"):
        cohort_size.population_share_estimate(10_000, 0, 0)


# --- The tables for the page and the board pack -----------------------------------------------------------------

def test_the_slide_table_says_why_a_difference_is_missing():
    # 1,000 x 20% = 200 like for like (200 - 100 = 100); context only and no comparator: no difference, and why
    needs = [estimate_one([need_row()]),
             estimate_one([need_row(indicator="Drug dependence", ratio_basis="context_only", comparability="low")]),
             estimate_one([need_row(indicator="Learning disability", comparator_value=math.nan,
                                    ratio_basis="no_comparator")])]
    slide = tables.slide_table(needs)
    assert list(slide["Additional people"]) == ["100", "context only: not like for like", "no figure published"]
    assert list(slide["At the general rate"]) == ["100", "", "no figure published"]
    assert list(slide["Expected, lower 95%"]) == ["CI not published"] * 3


def test_one_cohort_view_for_the_page_and_the_pack():
    # a typed 1,000 without the Census files: 1,000 x 20% = 200, "Of the 1,000 ..." (a typed figure)
    data = view.NeedData(pd.DataFrame([need_row()]))
    local = view.cohort_need("probation", 1000, area_code="E06000001", level="utla", area_name="Testshire",
                             data=data, adjust=False)
    assert local.size == 1000 and not local.size_is_estimate and local.size_text == "Cohort size 1,000 (your figure)"
    [line] = local.board_lines()
    assert line.sentence.startswith("Of the 1,000 people on probation in Testshire, about 200 are likely to")
    assert line.source == "Author A 2020, data 2020."  # the "Source:" label is added where it is shown
    nothing = view.cohort_need("probation", None, area_code="E06000001", level="utla", area_name="Testshire",
                               data=data, adjust=False)
    assert nothing.size is None and nothing.needs == () and "Census population file is not loaded" in (
        nothing.no_size_reason)
    assert view.size_box("probation", "Testshire").label == "Your local figure: probation caseload in Testshire"


def test_every_output_column_is_described():
    assert set(tables.NEED_COLUMN_DESCRIPTIONS) == set(tables.NEED_COLUMNS)


def test_a_board_sentences_source_gives_the_grade_and_flags_a_secondary_source():
    data = view.NeedData(pd.DataFrame([need_row(grade="D", source_status="secondary",
                                                evidence_quality="administrative")]))
    local = view.cohort_need("probation", 1000, area_code="E06000001", level="utla", area_name="Testshire",
                             data=data, adjust=False)
    [line] = local.board_lines()
    assert line.source == "Author A 2020, data 2020, grade D (read only in a secondary source: context, not evidence)."
