"""Partners' local figures beside the national cohort figure and the local general population (pure functions).

Each uploaded row becomes a prevalence with a Wilson 95% interval (from its numerator and denominator), or keeps
the value and interval it was given. It is then compared, by the app's one rule (analysis.benchmark: does the
row's own 95% interval contain the other figure?), with the national figure for the same cohort and need, and
with the area's general-population figure for the same need, where the user has said which those are.
Nothing here is suppressed: present.partner_table runs the result through analysis.disclosure before anything is
shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.benchmark import HIGHER, LOWER, NO_JUDGEMENT, NOT_COMPARED, SIMILAR, compare_with_benchmark
from analysis.proportions import CONFIDENCE_95, wilson_interval_percent

WILSON = "Wilson score 95%, computed from the numerator and denominator"
AS_GIVEN = "as given in the file"
WORDS = {HIGHER: "significantly higher than", LOWER: "significantly lower than",
         SIMILAR: "not significantly different from"}


def with_prevalence(rows: pd.DataFrame) -> pd.DataFrame:
    """``value``, ``ci_low``, ``ci_high`` (percent) and ``ci_method`` for every row: Wilson from whole-number
    counts, else the value and interval as given (no interval: none is made up)."""
    result = rows.copy()
    has_counts = result["numerator"].notna() & result["denominator"].notna() & (result["denominator"] > 0)
    low = pd.Series(np.nan, index=result.index)
    high = pd.Series(np.nan, index=result.index)
    value = result["value"].astype(float).copy()
    for index in result.index[has_counts]:
        interval = wilson_interval_percent(float(result.at[index, "numerator"]), float(result.at[index, "denominator"]),
                                           CONFIDENCE_95)
        value[index] = 100 * result.at[index, "numerator"] / result.at[index, "denominator"]
        low[index], high[index] = interval.low, interval.high
    result["value"] = value
    result["ci_low"] = low.where(has_counts, result["ci_low"])
    result["ci_high"] = high.where(has_counts, result["ci_high"])
    given_ci = result["ci_low"].notna() & result["ci_high"].notna()
    result["ci_method"] = np.where(has_counts, WILSON, np.where(given_ci, AS_GIVEN, None))
    return result


def comparison_text(category: str, other_name: str, other_value: float) -> str:
    """ "significantly higher than the national prison figure (45%)" or why there is no comparison."""
    if category == NOT_COMPARED:
        return f"not compared with {other_name}: no 95% interval for this figure"
    return f"{WORDS[category]} {other_name} ({other_value:g}%), 95% level"


def _compared(row: pd.Series, chosen: tuple[float, str] | None, missing: str) -> tuple[float | None, str | None, str]:
    """(the other figure, its name, the comparison text) for one row and one chosen figure."""
    if chosen is None:
        return None, None, missing
    value, name = chosen
    category = compare_with_benchmark(row["value"], row["ci_low"], row["ci_high"], value, NO_JUDGEMENT)
    return value, name, comparison_text(category, name, value)


def compare(rows: pd.DataFrame, national: dict[tuple[str, str], tuple[float, str]],
            general: dict[tuple[str, str], tuple[float, str]]) -> pd.DataFrame:
    """Add the national and general-population comparisons.

    ``national`` maps (cohort, indicator as uploaded) -> (national percentage, its name, e.g. "the national
    prison figure"); ``general`` maps (area_code, indicator as uploaded) -> (the area's general-population
    percentage, its name). A pair missing from a mapping gets no comparison and the reason.
    """
    result = rows.copy()
    national_parts = [_compared(row, national.get((row["cohort"], row["indicator"])),
                                "no national figure chosen for this need") for _, row in result.iterrows()]
    general_parts = [_compared(row, general.get((row["area_code"], row["indicator"])),
                               "no local general-population figure for this need") for _, row in result.iterrows()]
    for prefix, parts in (("national", national_parts), ("general", general_parts)):
        values, names, texts = zip(*parts, strict=True) if parts else ((), (), ())
        result[f"{prefix}_value"] = pd.to_numeric(pd.Series(values, index=result.index, dtype=object))
        result[f"{prefix}_name"] = list(names)
        result[f"{prefix}_comparison"] = list(texts)
    return result
