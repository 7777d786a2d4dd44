"""The headline rule (analysis.headline): which figure heads a need, and the evidence grade beside it."""

import pandas as pd
import pytest

from analysis.headline import Grade, evidence_grade, headline_rows
from core.comparison_codes import RatioBasis

BASE = {"cohort": "prison", "sex": "persons", "domain": "mental_health", "ratio_basis": RatioBasis.COMPUTED,
        "comparison_design": "same_measure_and_ages", "measure_family": "psychosis",
        "evidence_quality": "survey_national_probability_sample", "coverage": "national", "data_year": 2000,
        "source_status": "primary", "ratio": 2.0}


def frame(*rows: dict) -> pd.DataFrame:
    table = pd.DataFrame([{**BASE, "indicator_id": f"R{n}", **row} for n, row in enumerate(rows)])
    table["grade"] = [str(evidence_grade(row)) for _, row in table.iterrows()]
    return table


def picked(table: pd.DataFrame, need: str = "Mental illness", cohort: str = "prison", sex: str = "all") -> str:
    return dict(headline_rows(table, cohort, sex))[need]["indicator_id"]


def test_a_like_for_like_ratio_beats_a_larger_context_pair_and_a_newer_one():
    table = frame({"ratio": 2.0},
                  {"ratio_basis": RatioBasis.CONTEXT_ONLY, "comparison_design": "same_measure_crude", "ratio": None,
                   "data_year": 2020})
    assert picked(table) == "R0"


def test_never_the_largest_ratio_when_the_smaller_is_matched():
    # Two like-for-like brain-injury rows: 2.5x matched on age and area only, 1.35x matched on deprivation too.
    table = frame({"ratio": 2.5, "comparison_design": "same_measure_and_ages", "data_year": 2014},
                  {"ratio": 1.35, "comparison_design": "matched", "data_year": 2015})
    assert picked(table) == "R1"


def test_early_death_uses_all_cause_mortality_before_a_newer_suicide_ratio():
    common = {"domain": "mortality", "ratio_basis": RatioBasis.PUBLISHED, "comparison_design": "standardised",
              "evidence_quality": "administrative"}
    table = frame({**common, "measure_family": "suicide", "data_year": 2021, "ratio": 6},
                  {**common, "measure_family": "all_cause_mortality", "data_year": 1997, "ratio": 4})
    assert picked(table, "Early death") == "R1"


def test_without_an_all_cause_ratio_the_like_for_like_suicide_ratio_heads_early_death():
    common = {"domain": "mortality", "evidence_quality": "administrative"}
    table = frame({**common, "measure_family": "all_cause_mortality", "comparison_design": "same_measure_crude",
                   "ratio_basis": RatioBasis.PUBLISHED_LOW_COMPARABILITY},
                  {**common, "measure_family": "suicide", "ratio_basis": RatioBasis.PUBLISHED,
                   "comparison_design": "standardised"})
    assert picked(table, "Early death") == "R1"


def test_with_no_like_for_like_figure_a_stronger_grade_then_newer_data_wins():
    context = {"ratio_basis": RatioBasis.CONTEXT_ONLY, "comparison_design": "different_measure"}
    table = frame({**context, "source_status": "secondary", "data_year": 2024},  # grade D
                  {**context, "evidence_quality": "small_study", "coverage": "regional", "data_year": 2019},  # C
                  {**context, "evidence_quality": "small_study", "coverage": "regional", "data_year": 2012})  # C
    assert picked(table) == "R1"


def test_a_multi_site_study_ranks_between_a_national_one_and_a_single_site():
    # Three context-only rows alike in all but coverage: the national one first, then the 27-site evaluation.
    context = {"cohort": "liaison_diversion", "ratio_basis": RatioBasis.CONTEXT_ONLY,
               "comparison_design": "different_measure", "evidence_quality": "small_study"}
    table = frame(*({**context, "coverage": coverage} for coverage in ("single_site", "multi_site", "national")))
    assert picked(table, cohort="liaison_diversion") == "R2"
    assert picked(table[table["indicator_id"] != "R2"], cohort="liaison_diversion") == "R1"


def test_persons_before_one_sex_and_a_chosen_sex_keeps_only_its_rows():
    table = frame({"sex": "male", "data_year": 2010}, {"sex": "persons", "data_year": 2000})
    assert picked(table) == "R1"
    assert picked(table, sex="male") == "R0"


def test_a_need_without_rows_has_no_headline():
    assert dict(headline_rows(frame({}), "prison"))["Smoking"] is None


@pytest.mark.parametrize(("row", "grade"), [
    ({}, Grade.A),  # like for like, national probability sample, publisher's text
    ({"coverage": "regional", "evidence_quality": "administrative"}, Grade.B),  # like for like, one nation
    ({"ratio_basis": RatioBasis.NO_COMPARATOR, "evidence_quality": "administrative"}, Grade.B),  # national, no pair
    ({"ratio_basis": RatioBasis.CONTEXT_ONLY, "evidence_quality": "small_study", "coverage": "single_site"}, Grade.C),
    ({"source_status": "secondary"}, Grade.D),  # even a like-for-like pair, if read only second-hand
    ({"evidence_quality": "secondary_compilation"}, Grade.D),
])
def test_evidence_grades(row, grade):
    assert evidence_grade(pd.Series({**BASE, **row})) == grade
