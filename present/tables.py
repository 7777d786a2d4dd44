"""Tables that sit beside every chart (the accessible alternative) and feed the CSV downloads.

The same frame is shown and downloaded: the screen only formats numbers, the CSV keeps them unrounded.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.comparison import CI_NOT_PUBLISHED
from core.labels import (
    COHORT_LABELS,
    COMPARABILITY_LABELS,
    DOMAIN_LABELS,
    EVIDENCE_LABELS,
    RATIO_BASIS_LABELS,
    SEX_LABELS,
)


def interval_text(low: float, high: float, method: object) -> str:
    """'4.5 to 6.0 (published by the source)', or 'CI not published'."""
    if pd.isna(low) or pd.isna(high):
        return CI_NOT_PUBLISHED
    return f"{low:.1f} to {high:.1f}" + ("" if method is None or pd.isna(method) else f" ({method})")


def comparison_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Human-readable comparison table with full sources: one row per evidence row."""
    return pd.DataFrame({
        "ID": rows["indicator_id"],
        "Need": rows["indicator"],
        "Domain": rows["domain"].map(DOMAIN_LABELS),
        "Cohort": rows["cohort"].map(COHORT_LABELS),
        "Sex": rows["sex"].map(SEX_LABELS),
        "Cohort value (%)": rows["cohort_value"],
        "Cohort 95% CI": [interval_text(low, high, method) if unit == "%" else "" for low, high, method, unit
                          in zip(rows["cohort_ci_low"], rows["cohort_ci_high"], rows["cohort_ci_method"],
                                 rows["unit"], strict=True)],
        "Cohort period": rows["period"],
        "Cohort geography": rows["cohort_area_name"],
        "Comparator": rows["comparator"],
        "Comparator value (%)": rows["comparator_value"],
        "Comparator 95% CI": [interval_text(low, high, method) if not pd.isna(value) else ""
                              for low, high, method, value
                              in zip(rows["comparator_ci_low"], rows["comparator_ci_high"],
                                     rows["comparator_ci_method"], rows["comparator_value"], strict=True)],
        "Comparator period": rows["comparator_period"],
        "Ratio": rows["ratio_text"],
        "Ratio (unrounded)": rows["ratio"],
        "Ratio basis": rows["ratio_basis"].map(RATIO_BASIS_LABELS),
        "Ratio interval": rows["ratio_ci_note"],
        "Source's wording": rows["ratio_wording"].fillna(""),
        "Comparability": rows["comparability"].map(COMPARABILITY_LABELS),
        "Evidence": rows["evidence_quality"].map(EVIDENCE_LABELS),
        "Data year": rows["data_year"].astype(int),
        "Definition": rows["measure_definition"],
        "Caveat": rows["caveat"],
        "Cohort source": rows["cohort_citation"],
        "Comparator source": rows["comparator_citation"].fillna(""),
        "Link": rows["source_url"],
    }).reset_index(drop=True)


def year_text(value: object) -> str:
    """A year as written: 2005.0 (read as a number) -> "2005"; "" when missing."""
    text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    return re.sub(r"(\d{4})\.0\b", r"\1", text)
