"""Cohort vs general population: which ratios are computed, published, or withheld, and why."""

import math

import pytest

from analysis.comparison import (
    CI_NOT_PUBLISHED,
    WILSON_CI,
    compare_with_general_population,
    ratio_headline,
)
from loaders.national import load_national_evidence
from tests.conftest import write_evidence_folder


def compare_rows(tmp_path, rows):
    bundle = load_national_evidence(write_evidence_folder(tmp_path, rows))
    return compare_with_general_population(bundle.measures, bundle.evidence, bundle.sources).set_index("indicator_id")


MODERATE = {"comparability": "moderate", "comparison_design": "same_measure_crude"}
LOW = {"comparability": "low", "comparison_design": "different_measure"}


def test_a_like_for_like_pair_gives_a_point_ratio_without_inventing_a_ci(tmp_path):
    table = compare_rows(tmp_path, [{"cohort_value": "64", "comparator_value": "4.4"}])  # high, same measure/ages
    row = table.loc["XX01"]
    assert row["ratio_basis"] == "computed"
    assert row["ratio"] == pytest.approx(64 / 4.4)  # 14.545454...
    assert row["ratio_text"] == "14.5×"
    assert math.isnan(row["ratio_ci_low"]) and row["ratio_ci_note"] == CI_NOT_PUBLISHED


def test_the_same_measure_without_allowing_for_age_and_sex_is_context_not_a_ratio(tmp_path):
    # 64% vs 4.4% once gave 14.5x; with the age band or sex mix unmatched it is two figures side by side.
    table = compare_rows(tmp_path, [{"cohort_value": "64", "comparator_value": "4.4", **MODERATE}])
    row = table.loc["XX01"]
    assert row["ratio_basis"] == "context_only"
    assert math.isnan(row["ratio"]) and row["ratio_text"] == ""


def test_counts_for_both_groups_give_a_log_method_interval(tmp_path):
    # McMillan et al. 2019 counts: 1,080/4,374 vs 2,394/13,122. RR = 0.246914/0.182442 = 1.3534;
    # SE(log RR) = sqrt(0.00092593 - 0.00022862 + 0.00041771 - 0.00007621) = 0.032230;
    # 95% CI exp(0.30262 -/+ 1.96 x 0.032230) = exp(0.23945) to exp(0.36579) = 1.2705 to 1.4417.
    table = compare_rows(tmp_path, [{"cohort_value": "24.7", "cohort_numerator": "1080", "cohort_denominator": "4374",
                                     "comparator_value": "18.2", "comparator_numerator": "2394",
                                     "comparator_denominator": "13122", "comparison_design": "matched"}])
    row = table.loc["XX01"]
    assert row["ratio"] == pytest.approx(1.3534, abs=1e-4)
    assert (row["ratio_ci_low"], row["ratio_ci_high"]) == (pytest.approx(1.2705, abs=1e-4),
                                                           pytest.approx(1.4417, abs=1e-4))


def test_low_comparability_withholds_the_ratio(tmp_path):
    table = compare_rows(tmp_path, [{"cohort_value": "39", "comparator_value": "17", **LOW}])
    row = table.loc["XX01"]
    assert row["ratio_basis"] == "context_only"
    assert math.isnan(row["ratio"]) and row["ratio_text"] == ""
    assert row["comparator_value"] == 17  # still shown, as context


def test_counts_in_the_cohort_give_a_wilson_interval(tmp_path):
    # 39 of 134: Wilson 95% = 22.0814% to 37.2922% (worked in test_proportions.py)
    table = compare_rows(tmp_path, [{"cohort_value": "29", "cohort_numerator": "39", "cohort_denominator": "134",
                                     "comparator_value": "17", **LOW}])
    row = table.loc["XX01"]
    assert row["cohort_value"] == 29  # the published value, not 39/134
    assert row["cohort_ci_low"] == pytest.approx(22.0814, abs=1e-3)
    assert row["cohort_ci_high"] == pytest.approx(37.2922, abs=1e-3)
    assert row["cohort_ci_method"] == WILSON_CI


def test_published_ratio_keeps_the_sources_words(tmp_path):
    table = compare_rows(tmp_path, [{"unit": "ratio", "published_ratio": "2", "ratio_wording": "almost twice",
                                     "ratio_type": "standardised mortality ratio", "domain": "mortality",
                                     "comparator_source_id": "", "comparison_design": "standardised"}])
    row = table.loc["XX01"]
    assert (row["ratio_basis"], row["ratio"], row["ratio_text"]) == ("published", 2, "almost 2×")
    assert math.isnan(row["cohort_value"]) and math.isnan(row["ratio_ci_low"])


def test_a_published_ratio_keeps_its_published_interval(tmp_path):
    table = compare_rows(tmp_path, [{"unit": "ratio", "published_ratio": "9.9", "published_ratio_ci_low": "3.3",
                                     "published_ratio_ci_high": "27.8", "ratio_wording": "9.9 [3.3 - 27.8]",
                                     "comparison_design": "standardised", "comparator_source_id": ""}])
    row = table.loc["XX01"]
    assert (row["ratio"], row["ratio_ci_low"], row["ratio_ci_high"]) == (9.9, 3.3, 27.8)
    assert row["ratio_ci_note"] == "interval as published by the source"


def test_a_published_ratio_not_like_for_like_is_only_quoted(tmp_path):
    table = compare_rows(tmp_path, [{"unit": "ratio", "published_ratio": "6", "ratio_wording": "six times higher",
                                     "comparator_source_id": "", **MODERATE}])
    assert table.loc["XX01", "ratio_basis"] == "published_low_comparability"


def test_a_count_stays_a_count(tmp_path):
    table = compare_rows(tmp_path, [{"unit": "count", "cohort_numerator": "1413", "comparator_source_id": "",
                                     "comparator": "none", "comparability": "low",
                                     "comparison_design": "no_comparator"}])
    row = table.loc["XX01"]
    assert (row["ratio_basis"], row["cohort_count"]) == ("count", 1413)
    assert math.isnan(row["ratio"]) and math.isnan(row["cohort_value"])


def test_low_comparability_published_ratio_is_only_quoted(tmp_path):
    table = compare_rows(tmp_path, [{"unit": "ratio", "published_ratio": "1.5", "ratio_wording": "50% higher",
                                     "comparator_source_id": "", **LOW}])
    assert table.loc["XX01", "ratio_basis"] == "published_low_comparability"


def test_no_comparator_value(tmp_path):
    table = compare_rows(tmp_path, [{"cohort_value": "42", "comparator_source_id": "", "comparability": "low",
                                     "comparison_design": "no_comparator"}])
    assert table.loc["XX01", "ratio_basis"] == "no_comparator"


@pytest.mark.parametrize(("ratio", "wording", "expected"), [
    (2, "almost twice", "almost 2×"), (5, "nearly five times", "nearly 5×"), (16, "over 16 times greater", "over 16×"),
    (3.9, "3.9 times higher", "3.9×"), (40, "about 40 times more likely", "about 40×"), (6, "six times higher", "6×"),
])
def test_ratio_headline_keeps_the_qualifier(ratio, wording, expected):
    assert ratio_headline(ratio, wording) == expected
