"""Which figure heads each need for a cohort, and how strong it is: the headline rule and the evidence grade.

The rule is written once here (``HEADLINE_RULE``, printed on the Sources page) and applied by ``headline_rows``;
the grade (``evidence_grade``, explained by ``GRADE_MEANINGS``) is shown beside every tile, dot and slide.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from enum import StrEnum

import pandas as pd

from core.comparison_codes import PLOTTABLE_BASES

# The needs the seed reports lead with, each drawn from one domain of the evidence, and the measure preferred
# for it, so that a need reads the same for every cohort where the evidence allows (all-cause mortality for
# "Early death", not suicide for one cohort and all-cause deaths for another).
KEY_NEEDS = (
    ("Mental illness", "mental_health", ()),
    ("Drug and alcohol misuse", "substance_misuse", ()),
    ("Learning disability and brain injury", "learning_disability_neurodiversity", ()),
    ("Smoking", "smoking", ()),
    ("Homelessness and unemployment", "social_circumstances", ("homelessness", "accommodation_need")),
    ("Early death", "mortality", ("all_cause_mortality",)),
)

HEADLINE_RULE = (
    "Each need's headline for a cohort is chosen by one rule, in this order, and never by the size of the ratio:",
    "1. A like-for-like comparison first: a ratio is given only where the two figures measure the same thing "
    "in comparable populations (matched groups, a standardised mortality ratio, or the same instrument and age "
    "band in national samples).",
    "2. The need's usual measure (for early death, deaths from all causes), so that cohorts are compared on the "
    "same thing.",
    "3. Matched or standardised comparisons before crude ones.",
    "4. A stronger evidence grade (see below), then national probability samples and linked records before other "
    "designs, then national coverage.",
    "5. Figures for all people before figures for one sex.",
    "6. Newer data.",
    "Where no like-for-like figure exists, the tile says so and gives the cohort's figure, with the general "
    "population's figure as context where one was published.",
)


class Grade(StrEnum):
    """How far a figure can be leaned on; the value is the short label shown beside it."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


GRADE_MEANINGS = {
    Grade.A: "Strong: a like-for-like comparison, national, from linked records or a national probability sample, "
             "read in the publisher's own text.",
    Grade.B: "Good: like for like but not national (one nation of the UK or one region), or national and read in "
             "the publisher's own text but without a like-for-like comparison.",
    Grade.C: "Limited: a local, multi-site or selected-population study with no like-for-like comparison.",
    Grade.D: "Weak: read only in a secondary compilation or summary, or its primary source was not traced.",
}
STRONG_DESIGNS = ("survey_national_probability_sample", "administrative")
COMPARISON_DESIGN_RANK = {"matched": 0, "standardised": 0, "same_measure_and_ages": 1}
EVIDENCE_RANK = {"survey_national_probability_sample": 0, "administrative": 1,
                 "small_study": 2, "secondary_compilation": 3}
COVERAGE_RANK = {"national": 0, "regional": 1, "multi_site": 2, "single_site": 3}
SEX_RANK = {"persons": 0, "male": 1, "female": 2}


def like_for_like(row: pd.Series) -> bool:
    """A ratio (computed or published) stands for the comparison: the comparability is high."""
    return row["ratio_basis"] in PLOTTABLE_BASES


def evidence_grade(row: pd.Series) -> Grade:
    """The grade of one comparison row (``GRADE_MEANINGS`` says what each means)."""
    if row["source_status"] == "secondary" or row["evidence_quality"] == "secondary_compilation":
        return Grade.D
    national_strong = row["coverage"] == "national" and row["evidence_quality"] in STRONG_DESIGNS
    if like_for_like(row) and national_strong:
        return Grade.A
    if like_for_like(row) or national_strong:
        return Grade.B
    return Grade.C


def _last_if_missing(rank: Mapping[str, int], value: object) -> float:
    return rank.get(value, math.inf)  # an unknown value sorts after every known one


def _rank_key(record: Mapping[str, object], family_rank: Mapping[str, int]) -> tuple:
    """``HEADLINE_RULE``'s order for one comparison row, as a sortable tuple (smaller first)."""
    year = record["data_year"]
    return (0 if record["ratio_basis"] in PLOTTABLE_BASES else 1,
            family_rank.get(record["measure_family"], len(family_rank)),
            COMPARISON_DESIGN_RANK.get(record["comparison_design"], len(COMPARISON_DESIGN_RANK)),
            list(Grade).index(record["grade"]),
            _last_if_missing(EVIDENCE_RANK, record["evidence_quality"]),
            _last_if_missing(COVERAGE_RANK, record["coverage"]),
            _last_if_missing(SEX_RANK, record["sex"]),
            math.inf if pd.isna(year) else -year,
            record["indicator_id"])


def headline_rows(comparison: pd.DataFrame, cohort: str, sex: str = "all") -> list[tuple[str, pd.Series | None]]:
    """For each key need, the row ``HEADLINE_RULE`` picks for the cohort (None where the cohort has none).

    ``sex`` is 'all' (every breakdown may head a need) or one sex, whose rows alone are then eligible.
    """
    rows = comparison[comparison["cohort"] == cohort]
    if sex != "all":
        rows = rows[rows["sex"] == sex]
    # Plain Python over the rows' keys: the frame is small and wide, and pandas' per-call cost dominated.
    records = rows[["domain", "ratio_basis", "measure_family", "comparison_design", "grade", "evidence_quality",
                    "coverage", "sex", "data_year", "indicator_id"]].to_dict("records")
    result = []
    for label, domain, families in KEY_NEEDS:
        family_rank = {family: rank for rank, family in enumerate(families)}
        ranked = [(_rank_key(record, family_rank), position) for position, record in enumerate(records)
                  if record["domain"] == domain]
        result.append((label, rows.iloc[min(ranked)[1]] if ranked else None))
    return result
