"""Partners' local figures beside the national cohort figure and the local general population (pure functions).

Each uploaded row becomes a prevalence with a Wilson 95% interval (from its numerator and denominator), or keeps
the value and interval it was given. It is then set beside the national figure for the same cohort and need, and
beside the area's general-population figure for the same need, where the user has said which those are: compared
by the app's one rule (analysis.benchmark: does the row's own 95% interval contain the other figure?) only where
the benchmark is like for like (``general_is_like_for_like``), and shown as context otherwise.
Nothing here is suppressed: present.partner_table runs the result through analysis.disclosure before anything is
shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.benchmark import HIGHER, LOWER, NO_JUDGEMENT, NOT_COMPARED, SIMILAR, compare_with_benchmark
from analysis.proportions import CONFIDENCE_95, wilson_interval_percent
from core.comparison_codes import LIKE_FOR_LIKE_BASES

WILSON = "Wilson score 95%, computed from the numerator and denominator"
AS_GIVEN = "as given in the file"
WORDS = {HIGHER: "significantly higher than", LOWER: "significantly lower than",
         SIMILAR: "not significantly different from"}
CONTEXT_ONLY = "context only: not compared"

# Evidence row -> the local general-population indicator that publishes, for each area, the measure of that row's
# own general-population figure. SMK01's general-population figure is the Annual Population Survey's smoking
# prevalence of adults in England (14.9%), which Fingertips 92443 publishes by area. No evidence row's
# general-population figure is QOF recorded depression (Fingertips 848, a count of GP-recorded diagnoses), so 848 is
# never like for like with a partner's figure.
COMPARATOR_MEASURES: dict[str, str] = {"SMK01": "92443"}


@dataclass(frozen=True)
class Benchmark:
    """A figure set beside a partner's: its percentage, what it is ("the national prison figure"), and whether it
    measures the same thing as the partner's figure (False: shown as context, with no significance test)."""

    value: float
    name: str
    like_for_like: bool = True


def general_is_like_for_like(local_indicator_id: str, national: pd.Series | None) -> bool:
    """Whether a local general-population indicator measures what a partner's figure measures (same measure
    definition), so that the two may be compared with significance.

    How the benchmarks are chosen: the upload names its need in words only, and on the Your data page the user says
    which national evidence row (same cohort) and which local indicator (Fingertips 92443 adult smoking, 848 QOF
    recorded depression) go with each need; nothing is matched from the wording. So the only statement of what a
    partner's figure measures is the national row chosen for it: that row is, by the user's choice, the partner's
    measure, and the national figure is compared.

    The rule: the local figure is like for like only when (1) a national row has been chosen for the need, (2) that
    row's own general-population figure is the local indicator's measure (``COMPARATOR_MEASURES``), and (3) the
    row's cohort and general-population figures are a like-for-like pair by the comparison's code (``ratio_basis``
    computed or published). Then partner ≡ national row's cohort measure ≡ its general-population measure ≡ the
    local indicator. Anything else, including no national choice, measures something else (or nothing says it does
    not): context only. ``national``: the chosen comparison row (``indicator_id`` and ``ratio_basis``), or None.
    """
    if national is None:
        return False
    return (COMPARATOR_MEASURES.get(str(national["indicator_id"])) == local_indicator_id
            and national["ratio_basis"] in LIKE_FOR_LIKE_BASES)


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


def context_text(other_name: str, other_value: float) -> str:
    """A benchmark that measures something else, as context: no significance words, no category."""
    return f"{other_name}, a different measure: {other_value:g}% ({CONTEXT_ONLY})"


def _compared(row: pd.Series, chosen: Benchmark | None, missing: str) -> tuple[float | None, str | None, str]:
    """(the other figure, its name, the comparison text) for one row and one chosen figure."""
    if chosen is None:
        return None, None, missing
    if not chosen.like_for_like:
        return chosen.value, chosen.name, context_text(chosen.name, chosen.value)
    category = compare_with_benchmark(row["value"], row["ci_low"], row["ci_high"], chosen.value, NO_JUDGEMENT)
    return chosen.value, chosen.name, comparison_text(category, chosen.name, chosen.value)


def compare(rows: pd.DataFrame, national: Mapping[tuple[str, str], Benchmark],
            general: Mapping[tuple[str, str, str], Benchmark]) -> pd.DataFrame:
    """Add the national and general-population comparisons.

    ``national`` maps (cohort, indicator as uploaded) -> the national figure chosen for it (e.g. "the national
    prison figure"); ``general`` maps (cohort, area_code, indicator as uploaded) -> the area's general-population
    figure. A benchmark that is not ``like_for_like`` is shown as context, never tested. A pair missing from a
    mapping gets no comparison and the reason.
    """
    result = rows.copy()
    national_parts = [_compared(row, national.get((row["cohort"], row["indicator"])),
                                "no national figure chosen for this need") for _, row in result.iterrows()]
    general_parts = [_compared(row, general.get((row["cohort"], row["area_code"], row["indicator"])),
                               "no local general-population figure for this need") for _, row in result.iterrows()]
    for prefix, parts in (("national", national_parts), ("general", general_parts)):
        values, names, texts = zip(*parts, strict=True) if parts else ((), (), ())
        result[f"{prefix}_value"] = pd.to_numeric(pd.Series(values, index=result.index, dtype=object))
        result[f"{prefix}_name"] = list(names)
        result[f"{prefix}_comparison"] = list(texts)
    return result
