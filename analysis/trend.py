"""The Fingertips "recent trend" marker: is an area's indicator significantly rising or falling over its
latest 5 periods?

Method (FingertipsNext ``TrendMarkerCalculator``, the CI branch; the same code as legacy Fingertips):

1. Points: the 5 most recent periods, oldest first, numbered x = 1..5 by position, whatever the calendar gap
   between them ("Years don't need to be consecutive"). Each needs a value and a 95% CI; Fingertips also needs
   a count and a denominator above 0 in each (``IsDataValid``), and refuses a trend when a count equals its
   denominator (``IsPossibleDivideByZeroErrors``).
2. Standard error from the 95% CI: SE = (UCI - LCI) / 3.92; weight w = 1 / SE².
3. Inverse-variance weighted least squares of value on x, with S1 = Σw, S2 = Σw·x·y, S3 = Σw·x, S4 = Σw·y,
   S5 = Σw·x²: slope = (S1·S2 - S3·S4) / (S1·S5 - S3²), SE(slope) = √(S1 / (S1·S5 - S3²)),
   χ² = (slope / SE(slope))².
4. Significant when χ² > 9.54953570608324 (the 99.8% point of χ² with 1 df, strict) **and** the slope keeps its
   sign when each of the 5 points is dropped in turn (the other points keep their x). As in the C#, a slope of
   exactly 0 counts as positive in that sign check.
5. Marker: significant and slope > 0 -> Increasing, < 0 -> Decreasing; otherwise No significant change. Polarity
   words it: high_is_good -> "Increasing and getting better" / "Decreasing and getting worse"; low_is_good ->
   "Increasing and getting worse" / "Decreasing and getting better"; no_judgement -> plain "Increasing" /
   "Decreasing". "No significant change" and "Cannot be calculated" are the same for every polarity.
6. FingertipsNext calculates it only for proportions, crude rates and directly standardised rates (legacy
   Fingertips: proportions and crude rates; never counts, indirectly standardised ratios or scores), and only
   for single-year periods (``YearRange == 1``: not the rolling "2019 - 21" periods).

Sources followed (public code index, dhsc-govuk/FingertipsNext, ``trend-analysis/``):
``TrendAnalysisApp/Calculator/Legacy/TrendMarkerCalculator.cs`` (steps 1-5, constants ``PointsToUse = 5``,
``ChiSquareConfidence = 9.54953570608324``), ``TrendAnalysisApp/Calculator/Legacy/TrendRequest.cs`` (validity,
value types, year range, messages), ``TrendAnalysisApp/Calculator/Legacy/Models/CoreDataSet.cs`` and
``ValueData.cs`` (count and denominator rules), ``TrendAnalysisApp/Mapper/LegacyMapper.cs`` (a missing
denominator becomes 0, so the point is invalid), ``TrendAnalysisApp/TrendDataProcessor.cs`` (the 5 most recent
rows per area, age, sex and deprivation), ``TrendAnalysisApp/Calculator/TrendCalculator.cs`` (``AdjustForPolarity``),
``TrendAnalysisApp/Constants.cs`` (the label wording) and the unit tests ``TrendAnalysisApp.UnitTests/Legacy/
TrendMarkerCalculatorTests.cs``, ``.../Calculator/TrendCalculatorTests.cs``, ``.../Calculator/IndicatorTestData.cs``.
(Versions read: TrendMarkerCalculator.cs at commits 0849f558 and 5f00d765, TrendRequest.cs at c18f3c8e,
IndicatorTestData.cs at 93eaebb0; the snapshot's commit order is not known here.)
Legacy Fingertips: ukhsa-collaboration/fingertips-open, PholioVisualisation ``Analysis/TrendMarkers/
TrendMarkerCalculator.cs``, ``TrendRequest.cs`` (the valid run stops at the first invalid point from the latest),
``Formatting/TrendMarkerLabelProvider.cs`` (labels per polarity) and ``AnalysisTest/TrendMarkerCalculatorTest.cs``
(oracle χ² 46.77).

Where we are deliberately more conservative than the C# (each gives "Cannot be calculated" with a reason):

* A period among the latest 5 without a CI. FingertipsNext then drops that point and fits the others (with no
  CI at all its χ² is NaN and it reports "No significant change"); legacy Fingertips skips back to older points
  with a CI. We never fit fewer than 5 points, nor reach past a gap.
* A period missing from the area's series (no row for a period the indicator has): treated as a period with no
  value, as legacy Fingertips stops its valid run there. We never report a trend that ends before the latest period.
* A zero-width CI (UCI = LCI): the C# divides by zero and ends at "No significant change".

A value of -1 is Fingertips' "no value" sentinel; here missing is NaN/None and -1 is an ordinary number.

Not implemented: the "SPC for proportions" branch (logit of count/denominator, used when an indicator's
``UseProportionsForTrend`` is set). It appears in legacy Fingertips and in some FingertipsNext versions of
``TrendMarkerCalculator.cs``, not in others; which indicators set the flag could not be confirmed here, so every
indicator uses the CI branch above.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.benchmark import HIGH_IS_GOOD, LOW_IS_GOOD, normalise_polarity
from core.periods import order_periods, period_years

POINTS_TO_USE = 5
CHI_SQUARE_99_8 = 9.54953570608324  # χ²(1 df) at 99.8%, FingertipsNext ``ChiSquareConfidence``
CI95_WIDTH_IN_SE = 3.92  # a 95% CI is 2 x 1.96 standard errors wide

INCREASING = "Increasing"
DECREASING = "Decreasing"
NO_SIGNIFICANT_CHANGE = "No significant change"
CANNOT_BE_CALCULATED = "Cannot be calculated"
INCREASING_BETTER = "Increasing and getting better"
INCREASING_WORSE = "Increasing and getting worse"
DECREASING_BETTER = "Decreasing and getting better"
DECREASING_WORSE = "Decreasing and getting worse"
MARKERS = (INCREASING, DECREASING, NO_SIGNIFICANT_CHANGE, CANNOT_BE_CALCULATED)

# Value types Fingertips calculates a trend for (FingertipsNext ``TrendRequest.IsValueTypeValid``).
TREND_VALUE_TYPES = ("proportion", "crude rate", "directly standardised rate")

REASON_TOO_FEW = "fewer than 5 periods"
REASON_NO_VALUE_OR_CI = ("fewer than 5 periods with a value and a confidence interval: each of the latest 5 "
                         "periods needs both")
REASON_NO_COUNT = ("the latest 5 periods do not all have a count and a denominator above 0, which Fingertips "
                   "requires")
REASON_COUNT_IS_DENOMINATOR = "a count equals its denominator in the latest 5 periods (Fingertips gives no trend)"
REASON_ZERO_WIDTH_CI = "a confidence interval of zero width in the latest 5 periods"
REASON_VALUE_TYPE = ("Fingertips calculates the recent trend only for proportions, crude rates and directly "
                     "standardised rates")
REASON_YEAR_RANGE = "Fingertips calculates the recent trend only for single-year periods, not rolling ones"

_WORDING = {
    (INCREASING, HIGH_IS_GOOD): INCREASING_BETTER, (DECREASING, HIGH_IS_GOOD): DECREASING_WORSE,
    (INCREASING, LOW_IS_GOOD): INCREASING_WORSE, (DECREASING, LOW_IS_GOOD): DECREASING_BETTER,
}


@dataclass(frozen=True)
class TrendResult:
    """One recent-trend result.

    ``label``: the words to show (polarity applied); ``marker``: the same without polarity (Increasing,
    Decreasing, No significant change, Cannot be calculated). ``slope`` is in value units per period; ``slope``
    and ``chi_square`` are None when it cannot be calculated. ``points_used``: positions in the input (oldest
    first) of the 5 points fitted, empty when none were; ``unusable_points``: positions among the latest 5 that
    stopped the calculation. ``reason`` says why it cannot be calculated (None otherwise).
    """

    label: str
    marker: str
    significant: bool
    slope: float | None
    chi_square: float | None
    points_used: tuple[int, ...]
    reason: str | None = None
    unusable_points: tuple[int, ...] = ()


def trend_label(marker: str, polarity: str) -> str:
    """The marker worded for the indicator's polarity ("Decreasing" + low_is_good -> "Decreasing and getting
    better"); no_judgement keeps plain "Increasing"/"Decreasing"."""
    if marker not in MARKERS:
        raise ValueError(f"unknown trend marker {marker!r}")
    return _WORDING.get((marker, normalise_polarity(polarity)), marker)


def _missing(number: object) -> bool:
    if number is None:
        return True
    try:
        return not math.isfinite(float(number))
    except (TypeError, ValueError):
        return bool(pd.isna(number))


def _cannot(reason: str, unusable: Sequence[int] = ()) -> TrendResult:
    return TrendResult(label=CANNOT_BE_CALCULATED, marker=CANNOT_BE_CALCULATED, significant=False, slope=None,
                       chi_square=None, points_used=(), reason=reason, unusable_points=tuple(unusable))


def _weighted_slope(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[float, float]:
    """(slope, its standard error) of the inverse-variance weighted fit, in FingertipsNext's sums."""
    s1, s2, s3, s4, s5 = w.sum(), (w * x * y).sum(), (w * x).sum(), (w * y).sum(), (w * x * x).sum()
    determinant = s1 * s5 - s3 ** 2
    return float((s1 * s2 - s3 * s4) / determinant), math.sqrt(s1 / determinant)


def recent_trend(values: Sequence[float | None], ci_low: Sequence[float | None], ci_high: Sequence[float | None],
                 polarity: str, *, counts: Sequence[float | None] | None = None,
                 denominators: Sequence[float | None] | None = None,
                 value_type: str | None = None) -> TrendResult:
    """The recent trend of one series (one area, one indicator), periods oldest first, one entry per period.

    ``ci_low``/``ci_high`` are the 95% limits. Only the latest 5 periods count, and each must have a value and a
    CI. When ``counts`` and ``denominators`` are given, each of those 5 also needs a count and a denominator
    above 0, and no count may equal its denominator (Fingertips' rules). When ``value_type`` is given, anything
    but a proportion, crude rate or directly standardised rate cannot be calculated. Raises ValueError for
    sequences of different lengths, a lower limit above its upper limit, or an unknown polarity.
    """
    polarity = normalise_polarity(polarity)
    length = len(values)
    if (counts is None) != (denominators is None):
        raise ValueError("give both counts and denominators, or neither")
    extra = [seq for seq in (counts, denominators) if seq is not None]
    if any(len(seq) != length for seq in (ci_low, ci_high, *extra)):
        raise ValueError("values, limits, counts and denominators must have one entry per period")
    if value_type is not None and " ".join(str(value_type).lower().split()) not in TREND_VALUE_TYPES:
        return _cannot(f"{REASON_VALUE_TYPE} (this is: {value_type})")
    if length < POINTS_TO_USE:
        return _cannot(f"{REASON_TOO_FEW} ({length} in the series)")

    latest = range(length - POINTS_TO_USE, length)
    return _unusable(values, ci_low, ci_high, counts, denominators, latest) or _fit(values, ci_low, ci_high,
                                                                                    latest, polarity)


def _unusable(values: Sequence[float | None], ci_low: Sequence[float | None], ci_high: Sequence[float | None],
              counts: Sequence[float | None] | None, denominators: Sequence[float | None] | None,
              latest: range) -> TrendResult | None:
    """Why the latest periods give no trend (Fingertips' rules, in order), or None when they can be fitted."""
    for i in latest:
        if not any(_missing(v) for v in (ci_low[i], ci_high[i])) and ci_low[i] > ci_high[i]:
            raise ValueError(f"the lower limit ({ci_low[i]}) is above the upper limit ({ci_high[i]})")
    no_value_or_ci = [i for i in latest if _missing(values[i]) or _missing(ci_low[i]) or _missing(ci_high[i])]
    if no_value_or_ci:
        return _cannot(REASON_NO_VALUE_OR_CI, no_value_or_ci)
    if counts is not None and denominators is not None:
        no_count = [i for i in latest if _missing(counts[i]) or _missing(denominators[i]) or denominators[i] <= 0]
        if no_count:
            return _cannot(REASON_NO_COUNT, no_count)
        equal = [i for i in latest if counts[i] == denominators[i]]
        if equal:
            return _cannot(REASON_COUNT_IS_DENOMINATOR, equal)
    zero_width = [i for i in latest if ci_high[i] == ci_low[i]]
    if zero_width:
        return _cannot(REASON_ZERO_WIDTH_CI, zero_width)
    return None


def _fit(values: Sequence[float | None], ci_low: Sequence[float | None], ci_high: Sequence[float | None],
         latest: range, polarity: str) -> TrendResult:
    """The weighted fit over the latest periods, its chi-square and the drop-one sign check."""
    y = np.array([float(values[i]) for i in latest])
    se = np.array([(float(ci_high[i]) - float(ci_low[i])) / CI95_WIDTH_IN_SE for i in latest])
    w = 1.0 / se ** 2
    x = np.arange(1, POINTS_TO_USE + 1, dtype=float)
    slope, slope_se = _weighted_slope(x, y, w)
    chi_square = (slope / slope_se) ** 2
    # Sign check: the full fit and the 5 drop-one fits must all fall on the same side (0 counts as positive).
    signs = [-1 if slope < 0 else 1]
    for drop in range(POINTS_TO_USE):
        keep = np.arange(POINTS_TO_USE) != drop
        signs.append(-1 if _weighted_slope(x[keep], y[keep], w[keep])[0] < 0 else 1)
    significant = bool(abs(sum(signs)) == len(signs) and chi_square > CHI_SQUARE_99_8)
    marker = NO_SIGNIFICANT_CHANGE
    if significant and slope > 0:
        marker = INCREASING
    elif significant and slope < 0:
        marker = DECREASING
    return TrendResult(label=trend_label(marker, polarity), marker=marker, significant=significant,
                       slope=float(slope), chi_square=float(chi_square), points_used=tuple(latest))


# --- many areas and indicators ------------------------------------------------------------------------------

_NEEDED = ["area_code", "indicator_id", "period", "value", "ci_low", "ci_high"]
_CARRIED = ["area_name", "region_code"]
TREND_COLUMNS = [
    "level", "area_code", "area_name", "region_code", "indicator_id", "polarity", "trend", "trend_marker",
    "trend_significant", "trend_slope", "trend_chi_square", "trend_periods", "trend_period_range", "latest_period",
    "trend_reason",
]
_ROLLING = re.compile(r"^\s*(\d{4})\s*-\s*(\d{2}|\d{4})\s*$")  # "2019 - 21", "2019-2021"


def year_range(period: str) -> int:
    """How many years a period label spans: "2019 - 21" -> 3, "2023/24" (financial year) and "2023" -> 1.
    Labels of other shapes count as 1."""
    match = _ROLLING.match(str(period))
    if match is None:
        return 1
    start, end = int(match.group(1)), match.group(2)
    end_year = int(end) if len(end) == 4 else (start // 100) * 100 + int(end)
    if end_year < start:  # "1998 - 00"
        end_year += 100
    return end_year - start + 1


def _order_periods(labels: Sequence[str], order: Sequence[str] | None, indicator_id: str) -> list[str]:
    """The indicator's periods oldest first: by the given list, else in the one period order (core.periods)."""
    labels = list(dict.fromkeys(str(label) for label in labels))
    if order is not None:
        order = [str(label) for label in order]
        unknown = sorted(set(labels) - set(order))
        if unknown:
            raise ValueError(f"indicator {indicator_id}: period(s) {', '.join(unknown)} are not in the periods list")
        return [label for label in dict.fromkeys(order) if label in set(labels)]
    for label in labels:
        if period_years(label) is None:
            raise ValueError(f"indicator {indicator_id}: cannot place period {label!r} in time; pass periods=")
    return order_periods(labels)


def _polarities(indicator_ids: Sequence[str], polarity: str | Mapping[str, str]) -> dict[str, str]:
    if isinstance(polarity, str):
        return {indicator_id: normalise_polarity(polarity) for indicator_id in indicator_ids}
    mapping = {str(key): value for key, value in polarity.items()}
    missing = sorted(set(indicator_ids) - set(mapping))
    if missing:
        raise ValueError(f"no polarity given for indicator(s) {', '.join(missing)}")
    return {indicator_id: normalise_polarity(mapping[indicator_id]) for indicator_id in indicator_ids}


def _period_range(labels: Sequence[str]) -> str | None:
    return f"{labels[0]} to {labels[-1]}" if labels else None


def trend_frame(frame: pd.DataFrame, polarity_by_indicator: str | Mapping[str, str],
                periods: Sequence[str] | Mapping[str, Sequence[str]] | None = None, *,
                require_count_and_denominator: bool = True,
                value_type_by_indicator: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The recent trend for every area x indicator (x level, when the frame has one) of a LocalIndicators-style
    frame: one row per area and period with ``area_code``, ``indicator_id``, ``period``, ``value``, ``ci_low``,
    ``ci_high`` (95%), and ``numerator``/``denominator`` when ``require_count_and_denominator``.

    ``polarity_by_indicator``: one polarity for all, or indicator_id -> polarity (data/indicators.csv).
    ``periods``: the periods oldest first, one list for all indicators or one per indicator_id; without it they
    are in the one period order of ``core.periods`` (ValueError for a label with no year). An indicator's periods
    are those it has in the frame; an area with no row for one of them has no value there.
    ``require_count_and_denominator`` (default True, as Fingertips): each of the latest 5 periods also needs a
    count and a denominator above 0; a frame without those columns then gives "Cannot be calculated" throughout.
    ``value_type_by_indicator`` (optional): Fingertips value types ("Proportion", "Crude rate", "Directly
    standardised rate" ...); other types cannot be calculated.

    Returns TREND_COLUMNS (``level``, ``area_name``, ``region_code`` only when the frame has them): ``trend`` (the
    label to show), ``trend_marker`` (without polarity), ``trend_significant``, ``trend_slope`` (value units per
    period) and ``trend_chi_square`` (both NaN when not calculated), ``trend_periods`` (tuple of the 5 period
    labels fitted, oldest first; empty when none were), ``trend_period_range`` ("2019/20 to 2023/24", or the
    latest 5 periods looked at when it cannot be calculated), ``latest_period`` and ``trend_reason`` (why it
    cannot be calculated, naming the periods at fault; None otherwise).
    """
    data, keys, carried, columns = _checked(frame)
    if data.empty:
        return pd.DataFrame(columns=columns)
    polarities = _polarities(list(dict.fromkeys(data["indicator_id"])), polarity_by_indicator)
    has_counts = {"numerator", "denominator"} <= set(data.columns)
    period_key = [column for column in ("level", "indicator_id") if column in keys]
    area_keys = [k for k in keys if k not in period_key]
    rows = []
    for group_key, series_rows in data.groupby(period_key, sort=False):
        group = dict(zip(period_key, group_key if isinstance(group_key, tuple) else (group_key,), strict=True))
        indicator_id = group["indicator_id"]
        order = periods.get(indicator_id) if isinstance(periods, Mapping) else periods
        ordered = _order_periods(series_rows["period"].tolist(), order, indicator_id)
        series = _Series(ordered, polarities[indicator_id], (value_type_by_indicator or {}).get(indicator_id),
                         require_count_and_denominator, has_counts)
        for area_key, area_rows in series_rows.groupby(area_keys, sort=False):
            row = {**group, **dict(zip(area_keys, area_key if isinstance(area_key, tuple) else (area_key,),
                                       strict=True))}
            for column in carried:
                known = area_rows[column].dropna()
                row[column] = known.iloc[0] if len(known) else None
            rows.append({**row, **_area_trend(area_rows, series)})
    result = pd.DataFrame(rows, columns=columns)
    result["trend_reason"] = result["trend_reason"].astype(object).where(result["trend_reason"].notna(), None)
    result[["trend_slope", "trend_chi_square"]] = result[["trend_slope", "trend_chi_square"]].astype(float)
    return result


@dataclass(frozen=True)
class _Series:
    """One indicator (at one level): what each of its areas' trends is worked out with."""

    ordered: list[str]  # its periods, oldest first
    polarity: str
    value_type: str | None
    use_counts: bool  # each period also needs a count and a denominator
    has_counts: bool  # the frame has numerator and denominator columns (else no period has a count)


def _checked(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str], list[str]]:
    """(the frame with text ids and periods, its key columns, the columns carried, the result's columns);
    ValueError for a missing column or two rows for one area and period."""
    absent = [column for column in _NEEDED if column not in frame.columns]
    if absent:
        raise ValueError(f"the frame lacks column(s) {', '.join(absent)}")
    keys = [column for column in ("level", "area_code", "indicator_id") if column in frame.columns]
    carried = [column for column in _CARRIED if column in frame.columns]
    columns = [column for column in TREND_COLUMNS if column in keys or column in carried or column not in
               ("level", "area_name", "region_code")]
    data = frame.copy()
    data["indicator_id"] = data["indicator_id"].astype(str)
    data["period"] = data["period"].astype(str)
    repeated = data.duplicated([*keys, "period"])
    if repeated.any():
        raise ValueError(f"more than one row for {data.loc[repeated, [*keys, 'period']].iloc[0].to_dict()}")
    return data, keys, carried, columns


def _area_trend(area_rows: pd.DataFrame, series: _Series) -> dict:
    """The trend columns of one area's rows of one indicator."""
    ordered = series.ordered
    data = area_rows.set_index("period").reindex(ordered)
    multi_year = sorted({year_range(label) for label in ordered} - {1})
    if multi_year:
        result = _cannot(f"{REASON_YEAR_RANGE} (these are {multi_year[0]}-year periods)")
    else:
        counts, denominators = ((data["numerator"].tolist(), data["denominator"].tolist()) if series.has_counts
                                else ([None] * len(data), [None] * len(data)))
        result = recent_trend(data["value"].tolist(), data["ci_low"].tolist(), data["ci_high"].tolist(),
                              series.polarity, counts=counts if series.use_counts else None,
                              denominators=denominators if series.use_counts else None,
                              value_type=series.value_type)
    reason = result.reason
    if reason and result.unusable_points:
        reason += f" (not met in {', '.join(ordered[i] for i in result.unusable_points)})"
    used = tuple(ordered[i] for i in result.points_used)
    return {"polarity": series.polarity, "trend": result.label, "trend_marker": result.marker,
            "trend_significant": result.significant, "trend_slope": result.slope,
            "trend_chi_square": result.chi_square, "trend_periods": used,
            "trend_period_range": _period_range(used or ordered[-POINTS_TO_USE:]),
            "latest_period": ordered[-1] if ordered else None, "trend_reason": reason}
