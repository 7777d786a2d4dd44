"""The local-need tables: one row per need with every figure unrounded and the words that explain it (the CSV and
the workbook), the page's table with its headings and counts rounded for display, and the board pack's slide table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.comparison import CI_NOT_PUBLISHED
from analysis.local_need.cohorts import ESTIMATOR_COHORTS
from analysis.local_need.estimate import GeneralRate, NeedEstimate
from present.local_need_text import (
    CONTEXT_ONLY_WORDS,
    additional_note,
    adjustment_note,
    basis_text,
    comparator_words,
    covered_text,
    format_count,
    general_rate_note,
    interval_note,
)

NEED_COLUMNS = [
    # what and for whom
    "cohort", "evidence_cohort", "evidence_note", "domain", "indicator", "indicator_ids", "cohort_size",
    "basis", "basis_text", "sex_split", "sex_split_source", "covered_people", "covered_text",
    # cohort prevalence and the expected number
    "cohort_value", "cohort_value_men", "cohort_value_women", "cohort_ci_low", "cohort_ci_high", "cohort_ci_method",
    "expected", "expected_low", "expected_high", "expected_interval_note",
    # general population
    "comparator_value", "comparator_status", "comparator_value_men", "comparator_value_women", "comparator_sex",
    "comparator_ci_low", "comparator_ci_high", "expected_at_general_rate", "general_rate_note",
    # the difference
    "additional", "additional_low", "additional_high", "additional_note",
    # optional local adjustment
    "local_indicator_id", "local_indicator_match", "adjustment_ratio", "adjusted_value", "adjusted_expected",
    "adjusted_capped", "adjustment_note",
    # provenance
    "comparability", "ratio_basis", "evidence_quality", "data_year", "period", "comparator_period",
    "cohort_source", "cohort_citation", "source_url", "comparator_source", "comparator_citation", "comparator_url",
    "measure_definition", "caveat",
]
# What each column means (for the table's headers and the CSV download's data dictionary).
NEED_COLUMN_DESCRIPTIONS: dict[str, str] = {
    "cohort": "Estimator cohort (prison_release, probation, police_custody, liaison_diversion)",
    "evidence_cohort": "Cohort of the national evidence whose prevalences are used",
    "evidence_note": "Why that evidence cohort, where it is a proxy",
    "domain": "Domain of need", "indicator": "Need, as named by the source",
    "indicator_ids": "Evidence rows used (data/national_prevalence.csv), joined with + when men and women are added",
    "cohort_size": "Local cohort size used (typed or the population-share default), unrounded",
    "basis": "by_sex, crude, one_sex, one_sex_whole_cohort or needs_sex_split",
    "basis_text": "How the number was worked out, in words (with the sex split and its source)",
    "sex_split": "Sex split used (men %, women %)", "sex_split_source": "Where the sex split comes from",
    "covered_people": "People the number covers (the whole cohort, or the men or women only)",
    "covered_text": "Who the number covers, in words",
    "cohort_value": "Cohort prevalence, % (for by-sex needs, the published men's and women's rates weighted by "
                    "the split)",
    "cohort_value_men": "Published prevalence among men in the cohort, %",
    "cohort_value_women": "Published prevalence among women in the cohort, %",
    "cohort_ci_low": "Lower 95% limit of the cohort prevalence, %", "cohort_ci_high": "Upper 95% limit, %",
    "cohort_ci_method": "Published by the source, Wilson score (from published counts), or 'CI not published'",
    "expected": "Expected number with the need in the local cohort (unrounded)",
    "expected_low": "Lower 95% limit of the expected number", "expected_high": "Upper 95% limit",
    "expected_interval_note": "How the interval was worked out, or why there is none",
    "comparator_value": "General-population prevalence, % (weighted by the split for by-sex needs); context only "
                        "where comparator_status says so",
    "comparator_status": "What the general-population figure is: like for like (its rate is applied to the cohort), "
                         "context only: not like for like (shown, never applied), no figure published, or not "
                         "estimated",
    "comparator_value_men": "General-population prevalence used for men, %",
    "comparator_value_women": "General-population prevalence used for women, %",
    "comparator_sex": "Whom the general-population figure describes (persons, male, female)",
    "comparator_ci_low": "Lower 95% limit of the general-population prevalence, %",
    "comparator_ci_high": "Upper 95% limit, %",
    "expected_at_general_rate": "Number expected if the cohort had the general population's prevalence (only where "
                                "like for like; blank otherwise)",
    "general_rate_note": "What the general-population number is (like for like, context only, or none)",
    "additional": "Additional people with the need: expected minus the number at the general rate",
    "additional_low": "Lower 95% limit of the additional people (MOVER, only when both CIs were published)",
    "additional_high": "Upper 95% limit of the additional people",
    "additional_note": "How the difference and its interval were worked out, or why not",
    "local_indicator_id": "Local general-population indicator for the optional adjustment (92443, 848)",
    "local_indicator_match": "How closely that indicator matches the need",
    "adjustment_ratio": "Local ÷ England general-population prevalence",
    "adjusted_value": "Cohort prevalence × the ratio, capped at 100%, %",
    "adjusted_expected": "Expected number with the local adjustment (a separate column, off by default)",
    "adjusted_capped": "True when a prevalence × the ratio was above 100% and was capped",
    "adjustment_note": "The adjustment in words, or why there is none",
    "comparability": "high, moderate or low (like for like?)",
    "ratio_basis": "From the comparison: computed or published (like for like); context_only, no_comparator, "
                   "published_low_comparability or count (not like for like)",
    "evidence_quality": "Kind of evidence", "data_year": "Latest year of the cohort data",
    "period": "Period of the cohort data", "comparator_period": "Period of the general-population data",
    "cohort_source": "Cohort source (short)", "cohort_citation": "Cohort source (full citation)",
    "source_url": "Where the cohort figure was read", "comparator_source": "General-population source (short)",
    "comparator_citation": "General-population source (full citation)",
    "comparator_url": "Where the general-population figure was read",
    "measure_definition": "How the need was measured", "caveat": "Caveat for a Director of Public Health",
}
NOT_PUBLISHED = "not published"
# Estimate column -> heading: the Local need page's table, its CSV (unrounded) and the board pack use these.
TABLE_HEADINGS = {
    "cohort": "Cohort", "indicator": "Need", "cohort_size": "Cohort size", "basis_text": "Basis",
    "cohort_value": "Cohort prevalence (%)", "cohort_ci_low": "Lower 95% limit (%)",
    "cohort_ci_high": "Upper 95% limit (%)", "cohort_ci_method": "Interval", "expected": "Expected people",
    "expected_low": "Expected, lower 95%", "expected_high": "Expected, upper 95%",
    "comparator_value": "General population prevalence (%)", "comparator_status": "General population figure",
    "expected_at_general_rate": "At the general rate",
    "additional": "Additional people", "additional_note": "About the difference",
    "adjustment_ratio": "Local adjustment (local ÷ England)", "adjusted_expected": "Adjusted expected people",
    "adjustment_note": "About the adjustment", "comparability": "Comparability", "data_year": "Data year",
    "cohort_citation": "Cohort source", "source_url": "Cohort source link", "comparator_citation": "General "
    "population source", "caveat": "Caveat",
}
COUNT_HEADINGS = ["Cohort size", "Expected people", "Expected, lower 95%", "Expected, upper 95%",
                  "At the general rate", "Additional people", "Adjusted expected people"]
# What a blank "Additional people" cell means on a slide, where a blank would read as missing data. A context-only
# figure leaves "At the general rate" blank: no number is worked out at a rate that is not like for like.
NO_DIFFERENCE_WORDS = {GeneralRate.CONTEXT_ONLY: CONTEXT_ONLY_WORDS, GeneralRate.NOT_PUBLISHED: "no figure published"}


def need_row(need: NeedEstimate) -> dict[str, object]:
    """One need as a row of ``NEED_COLUMNS``."""
    evidence, expected, general, adjusted = need.evidence, need.expected, need.general, need.adjusted
    spec = ESTIMATOR_COHORTS.get(need.cohort)
    return {
        "cohort": need.cohort, "evidence_cohort": evidence.evidence_cohort,
        "evidence_note": spec.evidence_note if spec else "", "domain": evidence.domain,
        "indicator": evidence.indicator, "indicator_ids": " + ".join(evidence.indicator_ids),
        "cohort_size": need.cohort_size, "basis": need.basis.value, "basis_text": basis_text(need),
        "sex_split": need.sex_split.label if need.sex_split else None,
        "sex_split_source": need.sex_split.source if need.sex_split else None,
        "covered_people": need.covered_people, "covered_text": covered_text(need),
        "cohort_value": expected.cohort_value, "cohort_value_men": need.by_sex.cohort_men,
        "cohort_value_women": need.by_sex.cohort_women, "cohort_ci_low": expected.cohort_ci.low,
        "cohort_ci_high": expected.cohort_ci.high, "cohort_ci_method": expected.ci_method_text or CI_NOT_PUBLISHED,
        "expected": expected.number, "expected_low": expected.interval.low, "expected_high": expected.interval.high,
        "expected_interval_note": interval_note(need),
        "comparator_value": general.comparator_value, "comparator_status": comparator_words(need),
        "comparator_value_men": need.by_sex.comparator_men,
        "comparator_value_women": need.by_sex.comparator_women, "comparator_sex": evidence.comparator_sex,
        "comparator_ci_low": general.comparator_ci.low, "comparator_ci_high": general.comparator_ci.high,
        "expected_at_general_rate": general.number, "general_rate_note": general_rate_note(need),
        "additional": general.additional, "additional_low": general.additional_interval.low,
        "additional_high": general.additional_interval.high, "additional_note": additional_note(need),
        "local_indicator_id": need.local_indicator[0] if need.local_indicator else None,
        "local_indicator_match": need.local_indicator[1] if need.local_indicator else None,
        "adjustment_ratio": adjusted.ratio, "adjusted_value": adjusted.value, "adjusted_expected": adjusted.expected,
        "adjusted_capped": adjusted.capped, "adjustment_note": adjustment_note(need),
        **{column: getattr(evidence, column) for column in NEED_COLUMNS[NEED_COLUMNS.index("comparability"):]},
    }


def need_frame(needs: Iterable[NeedEstimate]) -> pd.DataFrame:
    """The needs as a frame of ``NEED_COLUMNS``, in their order (several cohorts are listed, never added)."""
    return pd.DataFrame([need_row(need) for need in needs], columns=NEED_COLUMNS)


def side_by_side(estimates: Sequence[Sequence[NeedEstimate]], wide: bool = False) -> pd.DataFrame:
    """Several cohorts' estimates together, never added up: long (one row per cohort x need, as ``NEED_COLUMNS``)
    or wide (one row per need, a column per cohort and figure, e.g. ``expected | probation``)."""
    long = need_frame(need for estimate in estimates for need in estimate)
    if not wide or long.empty:
        return long
    figures = ["cohort_size", "expected", "expected_low", "expected_high", "expected_at_general_rate", "additional"]
    table = long.pivot_table(index=["domain", "indicator"], columns="cohort", values=figures, aggfunc="first",
                             dropna=False, sort=False)
    table.columns = [f"{figure} | {cohort}" for figure, cohort in table.columns]
    return table.reset_index()


def need_tables(needs: Sequence[NeedEstimate]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the table with every figure unrounded, the same with counts rounded for display): the Local need page's
    table and its CSV, and the board pack's workbook sheet."""
    combined = need_frame(needs)
    table = combined[list(TABLE_HEADINGS)].rename(columns=TABLE_HEADINGS)
    table["Cohort"] = combined["cohort"].map(lambda cohort: ESTIMATOR_COHORTS[cohort].label)
    display = table.copy()
    for heading in COUNT_HEADINGS:
        display[heading] = display[heading].map(format_count)
    for heading in ("Lower 95% limit (%)", "Upper 95% limit (%)"):  # a blank cell would read "None" on screen
        display[heading] = [f"{limit:.6g}" if pd.notna(limit) else NOT_PUBLISHED for limit in display[heading]]
    return table, display


def slide_table(needs: Sequence[NeedEstimate]) -> pd.DataFrame:
    """The rounded table for a slide, where a blank cell says why there is no number (the workbook has the notes).
    Not like for like: "At the general rate" stays blank and "Additional people" says the general-population figure
    is context only."""
    display = need_tables(needs)[1]
    for heading in ("Expected, lower 95%", "Expected, upper 95%"):
        display.loc[display[heading] == "", heading] = "CI not published"
    statuses = pd.Series([need.general.status for need in needs], index=display.index)
    no_figure = (display["At the general rate"] == "") & (statuses != GeneralRate.CONTEXT_ONLY)
    display.loc[no_figure, "At the general rate"] = "no figure published"
    reasons = statuses.map(lambda status: NO_DIFFERENCE_WORDS.get(status, ""))
    no_difference = (display["Additional people"] == "") & (reasons != "")
    display.loc[no_difference, "Additional people"] = reasons[no_difference]
    return display
