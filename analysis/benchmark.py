"""Comparing an area with a benchmark (England by default): the Fingertips rule.

For an area's value with a confidence interval and the benchmark's *point value* (not its CI):
upper limit < benchmark -> Lower; lower limit > benchmark -> Higher; otherwise Similar (both tests strict,
as ``CompareDataPoints`` in FingertipsNext ``BenchmarkComparisonEngine.cs``). No CI, or no benchmark value,
gives "Not compared"; an area is never compared with itself. Polarity turns Lower/Higher into Better/Worse
(low_is_good, high_is_good); no_judgement keeps Lower/Higher (Fingertips' blue "BOB" scheme).

Levels: 0.95 or 0.998, always printed with the result ("Worse than England (95%)"). Canonical ``ci_low`` /
``ci_high`` are 95% intervals (the national evidence publishes 95% CIs; the Fingertips loader puts its 95%
limits there), and 99.8% limits are read from ``ci_low_99_8`` / ``ci_high_99_8`` when the frame has them
(``FingertipsData.joined()``). Where the interval at the requested level is missing but a percentage has
a whole-number count and denominator and its value is that crude proportion, a Wilson score interval is
computed (analysis.proportions); anything else without an interval is "Not compared".

Colours: the GOV.UK set FingertipsNext uses (``BenchmarkLabelConfig.ts``, design/anchors.md §1.2). Colour
is never the only signal: every category has a text label.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from analysis.proportions import wilson_interval_percent
from core.codes import ENGLAND
from core.comparison_codes import (
    CONFIDENCE_95,
    CONFIDENCE_99_8,
    WILSON_AT_LEVEL,
    CiMethod,
    Comparison,
    check_level,
    comparison_label,
)

LOW_IS_GOOD = "low_is_good"
HIGH_IS_GOOD = "high_is_good"
NO_JUDGEMENT = "no_judgement"
POLARITIES = (LOW_IS_GOOD, HIGH_IS_GOOD, NO_JUDGEMENT)

BETTER, SIMILAR, WORSE = Comparison.BETTER, Comparison.SIMILAR, Comparison.WORSE
LOWER, HIGHER = Comparison.LOWER, Comparison.HIGHER
NOT_COMPARED = Comparison.NOT_COMPARED

# Which frame columns hold the interval at each level.
CI_COLUMNS = {CONFIDENCE_95: ("ci_low", "ci_high"), CONFIDENCE_99_8: ("ci_low_99_8", "ci_high_99_8")}
# A Wilson interval is computed only where the value is count / denominator x 100 to within this many
# percentage points (a value rounded to 1 decimal place).
CRUDE_TOLERANCE = 0.05 + 1e-9

# Fingertips' polarity wording -> ours (legacy "RAG - Low is good"; FingertipsNext "Low is good" ...).
FINGERTIPS_POLARITY = {
    "rag - low is good": LOW_IS_GOOD, "low is good": LOW_IS_GOOD, "lowisgood": LOW_IS_GOOD,
    "rag - high is good": HIGH_IS_GOOD, "high is good": HIGH_IS_GOOD, "highisgood": HIGH_IS_GOOD,
    "bob - blue orange blue": NO_JUDGEMENT, "no judgement": NO_JUDGEMENT, "nojudgement": NO_JUDGEMENT,
    "not applicable": NO_JUDGEMENT,
}

# GOV.UK fills per (category, level): design/anchors.md §1.2 (FingertipsNext BenchmarkLabelConfig.ts).
BENCHMARK_COLOURS = {
    (BETTER, CONFIDENCE_95): "#00703C", (SIMILAR, CONFIDENCE_95): "#FFDD00", (WORSE, CONFIDENCE_95): "#D4351C",
    (LOWER, CONFIDENCE_95): "#5694CA", (HIGHER, CONFIDENCE_95): "#003078",
    (BETTER, CONFIDENCE_99_8): "#85994B", (SIMILAR, CONFIDENCE_99_8): "#FFDD00",
    (WORSE, CONFIDENCE_99_8): "#831504", (LOWER, CONFIDENCE_99_8): "#AFCFE5", (HIGHER, CONFIDENCE_99_8): "#1D70B8",
}


def normalise_polarity(polarity: str) -> str:
    """Our polarity code for ours or Fingertips' wording ("RAG - Low is good" -> "low_is_good")."""
    text = " ".join(str(polarity).split())
    if text in POLARITIES:
        return text
    mapped = FINGERTIPS_POLARITY.get(text.lower())
    if mapped is None:
        raise ValueError(f"unknown polarity {polarity!r}: use one of {', '.join(POLARITIES)} "
                         "or Fingertips' wording ('RAG - Low is good', 'BOB - Blue orange blue')")
    return mapped


def _missing(number: object) -> bool:
    return number is None or bool(pd.isna(number))


def _outcome(direction: int, polarity: str) -> str:
    """-1 below the benchmark, 0 not significantly different, +1 above, read with the polarity."""
    if direction == 0:
        return SIMILAR
    if polarity == LOW_IS_GOOD:
        return BETTER if direction < 0 else WORSE
    if polarity == HIGH_IS_GOOD:
        return WORSE if direction < 0 else BETTER
    return LOWER if direction < 0 else HIGHER


def compare_with_benchmark(value: float | None, ci_low: float | None, ci_high: float | None,
                           benchmark_value: float | None, polarity: str, level: float = CONFIDENCE_95) -> str:
    """Better / Similar / Worse (low_is_good, high_is_good), Lower / Similar / Higher (no_judgement), or
    Not compared (no CI, or no benchmark value).

    ``ci_low``/``ci_high`` must be the interval at ``level`` (0.95 or 0.998). The rule uses the CI, not
    ``value``; a value outside its own CI raises ValueError (columns mixed up), as does an unknown polarity.
    """
    check_level(level)
    polarity = normalise_polarity(polarity)
    if _missing(ci_low) or _missing(ci_high) or _missing(benchmark_value):
        return NOT_COMPARED
    if ci_low > ci_high:
        raise ValueError(f"the lower limit ({ci_low}) is above the upper limit ({ci_high})")
    if not _missing(value) and not ci_low <= value <= ci_high:
        raise ValueError(f"the value ({value}) is outside its own interval ({ci_low} to {ci_high})")
    direction = -1 if ci_high < benchmark_value else 1 if ci_low > benchmark_value else 0
    return _outcome(direction, polarity)


FIGURE_KEY = ["indicator_id", "cohort", "sex", "age", "period", "source_id"]  # one figure of an area (canonical)
_NEEDED = ["area_code", "area_name", "value", "unit", "numerator", "denominator", "ci_low", "ci_high", *FIGURE_KEY]


def _wilson_limits(frame: pd.DataFrame, level: float) -> tuple[pd.Series, pd.Series]:
    """Wilson limits (in %) for percentage rows whose value is the crude proportion of a whole-number count
    and denominator (to within ``CRUDE_TOLERANCE``); NaN elsewhere. A standardised or survey-weighted
    percentage with a count beside it gets no made-up interval."""
    low = pd.Series(np.nan, index=frame.index)
    high = pd.Series(np.nan, index=frame.index)
    numerator = pd.to_numeric(frame["numerator"], errors="coerce")
    denominator = pd.to_numeric(frame["denominator"], errors="coerce")
    crude = 100 * numerator / denominator.where(denominator > 0)
    usable = (frame["unit"] == "%") & crude.notna() & ((frame["value"] - crude).abs() <= CRUDE_TOLERANCE)
    for index in frame.index[usable]:
        try:
            interval = wilson_interval_percent(float(frame.at[index, "numerator"]),
                                               float(frame.at[index, "denominator"]), level)
        except ValueError:  # fractional (weighted) counts, numerator above denominator: no interval
            continue
        low[index], high[index] = interval.low, interval.high
    return low, high


def _polarity_per_row(frame: pd.DataFrame, polarity: str | Mapping[str, str]) -> pd.Series:
    if isinstance(polarity, str):
        return pd.Series(normalise_polarity(polarity), index=frame.index)
    mapping = {str(key): normalise_polarity(value) for key, value in polarity.items()}
    missing = sorted(set(frame["indicator_id"]) - set(mapping))
    if missing:
        raise ValueError(f"no polarity given for indicator(s) {', '.join(missing)}")
    return frame["indicator_id"].map(mapping)


def benchmark_frame(frame: pd.DataFrame, benchmark_code: str = ENGLAND,
                    polarity: str | Mapping[str, str] = NO_JUDGEMENT, level: float = CONFIDENCE_95) -> pd.DataFrame:
    """Compare every canonical row with the benchmark area's row for the same indicator, cohort, sex, age,
    period and source.

    ``polarity`` is one polarity for all rows or a mapping indicator_id -> polarity (e.g. from
    data/indicators.csv). Returns a copy of ``frame`` with: ``benchmark_name``, ``benchmark_value``,
    ``comparison_ci_low``/``comparison_ci_high``/``comparison_ci_method`` (the interval used),
    ``comparison`` (category), ``comparison_level`` (0.95 or 0.998), ``comparison_label`` ("Worse than England (95%)")
    and ``comparison_colour`` (GOV.UK fill; None for Not compared). The benchmark's own rows are "Not compared".
    """
    level = check_level(level)
    absent = [column for column in _NEEDED if column not in frame.columns]
    if absent:
        raise ValueError(f"the frame lacks column(s) {', '.join(absent)}: pass canonical rows")
    result = frame.copy()
    polarities = _polarity_per_row(result, polarity)

    benchmark_rows = result[result["area_code"] == benchmark_code]
    repeated = benchmark_rows.duplicated(FIGURE_KEY)
    if repeated.any():
        raise ValueError(f"the benchmark {benchmark_code} has more than one row for "
                         f"{benchmark_rows.loc[repeated, FIGURE_KEY].iloc[0].to_dict()}")
    lookup = benchmark_rows.set_index(FIGURE_KEY)
    keys = pd.MultiIndex.from_frame(result[FIGURE_KEY])
    result["benchmark_name"] = lookup["area_name"].reindex(keys).to_numpy()
    result["benchmark_value"] = lookup["value"].reindex(keys).to_numpy()

    low_column, high_column = CI_COLUMNS[level]
    low = result[low_column] if low_column in result else pd.Series(np.nan, index=result.index)
    high = result[high_column] if high_column in result else pd.Series(np.nan, index=result.index)
    published = low.notna() & high.notna()
    wilson_low, wilson_high = _wilson_limits(result, level)
    use_wilson = ~published & wilson_low.notna()
    result["comparison_ci_low"] = low.where(published, wilson_low).astype(float)
    result["comparison_ci_high"] = high.where(published, wilson_high).astype(float)
    result["comparison_ci_method"] = np.where(published, CiMethod.AS_PUBLISHED, np.where(
        use_wilson, WILSON_AT_LEVEL[level], None))

    ci_low, ci_high = result["comparison_ci_low"], result["comparison_ci_high"]
    benchmark = result["benchmark_value"]
    comparable = ci_low.notna() & ci_high.notna() & benchmark.notna() & (result["area_code"] != benchmark_code)
    direction = np.where(ci_high < benchmark, -1, np.where(ci_low > benchmark, 1, 0))
    result["comparison"] = [
        _outcome(int(d), p) if ok else NOT_COMPARED
        for d, p, ok in zip(direction, polarities, comparable, strict=True)
    ]
    names = result["benchmark_name"].fillna("the benchmark" if benchmark_code != ENGLAND else "England")
    result["comparison_level"] = level
    result["comparison_label"] = [comparison_label(c, level, n) for c, n in zip(result["comparison"], names,
                                                                                 strict=True)]
    result["comparison_colour"] = [BENCHMARK_COLOURS.get((c, level)) for c in result["comparison"]]
    return result
