"""Cohort vs general population: which ratios are computed, published, or withheld, and why."""

import math

import pandas as pd
import pytest

from analysis.comparison import (
    CI_NOT_PUBLISHED,
    WILSON_CI,
    compare_with_general_population,
    headline_rows,
    ratio_headline,
)
from core.comparison_codes import RatioBasis
from loaders.national import load_national_evidence
from tests.conftest import write_evidence_folder


def compare_rows(tmp_path, rows):
    bundle = load_national_evidence(write_evidence_folder(tmp_path, rows))
    return compare_with_general_population(bundle.measures, bundle.evidence, bundle.sources).set_index("indicator_id")


def test_moderate_comparability_gives_a_point_ratio_without_inventing_a_ci(tmp_path):
    table = compare_rows(tmp_path, [{"cohort_value": "64", "comparator_value": "4.4", "comparability": "moderate"}])
    row = table.loc["XX01"]
    assert row["ratio_basis"] == "computed"
    assert row["ratio"] == pytest.approx(64 / 4.4)  # 14.545454...
    assert row["ratio_text"] == "14.5×"
    assert math.isnan(row["ratio_ci_low"]) and row["ratio_ci_note"] == CI_NOT_PUBLISHED


def test_low_comparability_withholds_the_ratio(tmp_path):
    table = compare_rows(tmp_path, [{"cohort_value": "39", "comparator_value": "17", "comparability": "low"}])
    row = table.loc["XX01"]
    assert row["ratio_basis"] == "context_only"
    assert math.isnan(row["ratio"]) and row["ratio_text"] == ""
    assert row["comparator_value"] == 17  # still shown, as context


def test_counts_in_the_cohort_give_a_wilson_interval(tmp_path):
    # 39 of 134: Wilson 95% = 22.0814% to 37.2922% (worked in test_proportions.py)
    table = compare_rows(tmp_path, [{"cohort_value": "29", "cohort_numerator": "39", "cohort_denominator": "134",
                                     "comparator_value": "17", "comparability": "low"}])
    row = table.loc["XX01"]
    assert row["cohort_value"] == 29  # the published value, not 39/134
    assert row["cohort_ci_low"] == pytest.approx(22.0814, abs=1e-3)
    assert row["cohort_ci_high"] == pytest.approx(37.2922, abs=1e-3)
    assert row["cohort_ci_method"] == WILSON_CI


def test_published_ratio_keeps_the_sources_words(tmp_path):
    table = compare_rows(tmp_path, [{"unit": "ratio", "published_ratio": "2", "ratio_wording": "almost twice",
                                     "ratio_type": "standardised mortality ratio", "domain": "mortality",
                                     "comparator_source_id": ""}])
    row = table.loc["XX01"]
    assert (row["ratio_basis"], row["ratio"], row["ratio_text"]) == ("published", 2, "almost 2×")
    assert math.isnan(row["cohort_value"])


def test_low_comparability_published_ratio_is_only_quoted(tmp_path):
    table = compare_rows(tmp_path, [{"unit": "ratio", "published_ratio": "1.5", "ratio_wording": "50% higher",
                                     "comparability": "low", "comparator_source_id": ""}])
    assert table.loc["XX01", "ratio_basis"] == "published_low_comparability"


def test_no_comparator_value(tmp_path):
    table = compare_rows(tmp_path, [{"cohort_value": "42", "comparator_source_id": ""}])
    assert table.loc["XX01", "ratio_basis"] == "no_comparator"


@pytest.mark.parametrize(("ratio", "wording", "expected"), [
    (2, "almost twice", "almost 2×"), (5, "nearly five times", "nearly 5×"), (16, "over 16 times greater", "over 16×"),
    (3.9, "3.9 times higher", "3.9×"), (40, "about 40 times more likely", "about 40×"), (6, "six times higher", "6×"),
])
def test_ratio_headline_keeps_the_qualifier(ratio, wording, expected):
    assert ratio_headline(ratio, wording) == expected


def test_a_multi_site_study_ranks_between_a_national_one_and_a_single_site():
    # Three context-only rows alike in all but coverage: the headline takes the national one, and without it the
    # multi-site evaluation (27 L&D sites) before the one-station study.
    rows = pd.DataFrame({
        "indicator_id": ["A", "B", "C"], "cohort": "liaison_diversion", "sex": "persons", "domain": "mental_health",
        "ratio_basis": RatioBasis.CONTEXT_ONLY, "comparability": "low", "evidence_quality": "small_study",
        "coverage": ["single_site", "multi_site", "national"], "data_year": 2017,
    })
    assert headline_rows(rows, "liaison_diversion")[0][1]["indicator_id"] == "C"
    assert headline_rows(rows[rows["indicator_id"] != "C"], "liaison_diversion")[0][1]["indicator_id"] == "B"
