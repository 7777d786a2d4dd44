"""Cohort versus general population: prevalence ratios, with the rules that keep them honest.

- A ratio is computed or plotted only where the comparison is like for like (comparability high: matched,
  standardised, or the same measure and age band) and both figures exist; every other pair is context.
- A CI for a computed ratio needs counts for both groups (log method); otherwise none is invented.
- Ratio-only sources keep their own number and words; low-comparability ones are quotes, not data points.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.headline import evidence_grade
from analysis.proportions import wilson_interval_percent
from analysis.ratios import ratio_of_proportions, ratio_of_values
from core.comparison_codes import CONFIDENCE_95, CiMethod, RatioBasis

GENERAL_POPULATION = "general_population"
WILSON_CI = CiMethod.WILSON_PUBLISHED_COUNTS
CI_NOT_PUBLISHED = CiMethod.NOT_PUBLISHED
# The ratio bases under their earlier names, for the modules that still import them (core.comparison_codes).
RATIO_COMPUTED = RatioBasis.COMPUTED
RATIO_PUBLISHED = RatioBasis.PUBLISHED
RATIO_PUBLISHED_UNVERIFIED = RatioBasis.PUBLISHED_LOW_COMPARABILITY
RATIO_CONTEXT_ONLY = RatioBasis.CONTEXT_ONLY
RATIO_NO_COMPARATOR = RatioBasis.NO_COMPARATOR

DOMAIN_ORDER = ("mental_health", "substance_misuse", "learning_disability_neurodiversity", "smoking",
                "physical_health", "social_circumstances", "trauma", "mortality", "treatment")

_QUALIFIERS = ("almost", "nearly", "about", "around", "over", "more than", "just over")


def add_wilson_intervals(measures: pd.DataFrame, confidence: float = CONFIDENCE_95) -> pd.DataFrame:
    """Fill missing CIs for percentages whose numerator and denominator were published."""
    result = measures.copy()
    needs_ci = (result["unit"] == "%") & result["ci_low"].isna() & result["numerator"].notna() \
        & result["denominator"].notna()
    for index in result.index[needs_ci]:
        interval = wilson_interval_percent(result.at[index, "numerator"], result.at[index, "denominator"],
                                           confidence)
        result.loc[index, ["ci_low", "ci_high"]] = [interval.low, interval.high]
        result.at[index, "ci_method"] = str(CiMethod.WILSON_PUBLISHED_COUNTS)
    return result


def ratio_headline(published_ratio: float, wording: str | None) -> str:
    """A published ratio in the source's own terms: 'almost twice' -> 'almost 2×'."""
    text = (wording or "").lower()
    qualifier = next((q for q in sorted(_QUALIFIERS, key=len, reverse=True)
                      if re.match(rf"^{q}\b", text)), "")
    number = f"{published_ratio:g}×"
    return f"{qualifier} {number}" if qualifier else number


def format_ratio(ratio: float) -> str:
    """A computed ratio for display: one decimal place ('11.6×'); the exact inputs are shown beside it."""
    return f"{ratio:.1f}×"


def _ratio_basis(row: pd.Series) -> RatioBasis:
    """Only a like-for-like comparison (comparability high) gives a ratio; the rest are context."""
    like_for_like = row["comparability"] == "high"
    if row["unit"] == "count":
        return RatioBasis.COUNT
    if row["unit"] == "ratio":
        return RatioBasis.PUBLISHED if like_for_like else RatioBasis.PUBLISHED_LOW_COMPARABILITY
    if pd.isna(row["comparator_value"]):
        return RatioBasis.NO_COMPARATOR
    if not like_for_like or row["comparator_value"] == 0:
        return RatioBasis.CONTEXT_ONLY
    return RatioBasis.COMPUTED


def _computed_ratio(row: pd.Series) -> tuple[float, float, float, str]:
    counts = [row["cohort_numerator"], row["cohort_denominator"],
              row["comparator_numerator"], row["comparator_denominator"]]
    if all(pd.notna(value) for value in counts):
        estimate = ratio_of_proportions(*counts)
        low = math.nan if estimate.low is None else estimate.low
        high = math.nan if estimate.high is None else estimate.high
        note = estimate.note or "95% CI, log method, from published counts"
        return estimate.ratio, low, high, note
    return ratio_of_values(row["cohort_value"], row["comparator_value"]), math.nan, math.nan, CiMethod.NOT_PUBLISHED


def compare_with_general_population(measures: pd.DataFrame, evidence: pd.DataFrame,
                                    sources: pd.DataFrame) -> pd.DataFrame:
    """One row per evidence row: cohort and comparator side by side, with the ratio and its basis."""
    measures = add_wilson_intervals(measures)
    key = ["indicator_id"]
    cohort = measures[measures["cohort"] != GENERAL_POPULATION].set_index(key)
    comparator = measures[measures["cohort"] == GENERAL_POPULATION].set_index(key)
    labels = sources.set_index("source_id")["short_label"]

    table = evidence.rename(columns={"evidence_id": "indicator_id"}).set_index("indicator_id")
    out = pd.DataFrame(index=table.index)
    for column in ("indicator", "domain", "cohort", "sex", "age", "unit", "comparability", "evidence_quality",
                   "coverage", "data_year", "data_year_basis", "comparator", "comparator_sex", "published_ratio",
                   "ratio_wording", "ratio_type", "caveat", "measure_definition", "source_url", "comparator_url",
                   "cohort_source_id", "comparator_source_id", "cohort_citation", "comparator_citation",
                   "cohort_area_name", "comparator_area_name", "cohort_sample_size", "quote",
                   "comparison_design", "measure_family", "source_status", "weakness"):
        out[column] = table[column]
    out["period"] = table["cohort_period"]
    out["comparator_period"] = table["comparator_period"]
    out["cohort_value"] = cohort["value"].where(cohort["unit"] == "%")
    out["cohort_count"] = cohort["value"].where(cohort["unit"] == "count")
    for column in ("ci_low", "ci_high", "ci_method", "numerator", "denominator"):
        out[f"cohort_{column}"] = cohort[column]
    out.loc[out["unit"] == "ratio", ["cohort_ci_low", "cohort_ci_high", "cohort_ci_method"]] = math.nan
    for column in ("value", "ci_low", "ci_high", "ci_method", "numerator", "denominator"):
        out[f"comparator_{column}"] = comparator[column].reindex(out.index)
    out["cohort_source"] = out["cohort_source_id"].map(labels)
    out["comparator_source"] = out["comparator_source_id"].map(labels)

    out["ratio_basis"] = out.apply(lambda row: str(_ratio_basis(row)), axis=1)
    ratios = {index: _computed_ratio(row) for index, row in out.iterrows()
              if row["ratio_basis"] == RatioBasis.COMPUTED}
    out["ratio"] = math.nan
    out["ratio_ci_low"] = math.nan
    out["ratio_ci_high"] = math.nan
    out["ratio_ci_note"] = ""
    for index, (ratio, low, high, note) in ratios.items():
        out.loc[index, ["ratio", "ratio_ci_low", "ratio_ci_high"]] = [ratio, low, high]
        out.at[index, "ratio_ci_note"] = str(note)
    published_bases = (RatioBasis.PUBLISHED, RatioBasis.PUBLISHED_LOW_COMPARABILITY)
    published = out["ratio_basis"].isin(published_bases)
    out.loc[published, "ratio"] = out.loc[published, "published_ratio"]
    out.loc[published, ["ratio_ci_low", "ratio_ci_high"]] = table.loc[
        out.index[published], ["published_ratio_ci_low", "published_ratio_ci_high"]].to_numpy()
    with_ci = published & out["ratio_ci_low"].notna()
    out.loc[published, "ratio_ci_note"] = "no CI published for this ratio"
    out.loc[with_ci, "ratio_ci_note"] = "interval as published by the source"
    out["ratio_text"] = [
        ratio_headline(row.published_ratio, row.ratio_wording) if row.ratio_basis in published_bases else
        format_ratio(row.ratio) if row.ratio_basis == RatioBasis.COMPUTED else ""
        for row in out.itertuples()
    ]
    out["grade"] = [str(evidence_grade(row)) for _, row in out.iterrows()]
    out["domain_rank"] = out["domain"].map({d: i for i, d in enumerate(DOMAIN_ORDER)}).fillna(len(DOMAIN_ORDER))
    out = out.reset_index().sort_values(["domain_rank", "indicator_id"], kind="stable")
    return out.drop(columns="domain_rank").reset_index(drop=True)


def filter_comparison(comparison: pd.DataFrame, cohorts: list[str] | None = None, sex: str = "all",
                      domains: list[str] | None = None) -> pd.DataFrame:
    """Rows for the chosen cohorts, sex ('all' keeps every breakdown) and domains.

    None means no filter; an empty list selects nothing.
    """
    keep = pd.Series(True, index=comparison.index)
    if cohorts is not None:
        keep &= comparison["cohort"].isin(cohorts)
    if sex != "all":
        keep &= comparison["sex"] == sex
    if domains is not None:
        keep &= comparison["domain"].isin(domains)
    return comparison[keep]
