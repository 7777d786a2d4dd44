"""The optional local adjustment: local / England general-population prevalence for the same (or a closely
related) need, and the cohort prevalence scaled by it (capped at 100%), beside the unadjusted number."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from analysis.local_need.cohorts import LOCAL_INDICATOR_NAMES
from core.periods import latest_period


@dataclass(frozen=True)
class LocalAdjustment:
    """Local / England general-population prevalence for one indicator, or why there is none."""

    indicator_id: str
    ratio: float | None
    local_value: float | None = None
    england_value: float | None = None
    period: str = ""
    reason: str = ""



class AdjustmentStatus(StrEnum):
    """Whether a need has an adjusted number, and if not, why."""

    OFF = "off"  # the local adjustment is off
    NOT_ESTIMATED = "not_estimated"  # the need has no number to adjust (its sex split is not known)
    NO_INDICATOR = "no_indicator"  # no local general-population indicator for this need
    NO_VALUE = "no_value"  # the indicator has no ratio for this area
    ADJUSTED = "adjusted"


@dataclass(frozen=True)
class Adjusted:
    """The adjusted figures of one need (NaN unless ``status`` is ADJUSTED)."""

    status: AdjustmentStatus
    ratio: float = math.nan
    reason: str = ""  # the LocalAdjustment's own words ("" for a bare ratio or none)
    value: float = math.nan  # cohort prevalence x the ratio, capped at 100%, %
    expected: float = math.nan
    capped: bool = False


def local_adjustment(indicator_id: str, local_value: float | None, england_value: float | None,
                     period: str = "", area_name: str = "the area") -> LocalAdjustment:
    """local / England general-population prevalence, or no ratio with the reason."""
    name = LOCAL_INDICATOR_NAMES.get(indicator_id, f"indicator {indicator_id}")
    if local_value is None or pd.isna(local_value):
        return LocalAdjustment(indicator_id, None, None, england_value, period,
                               f"no local value of {name} ({indicator_id}) for {area_name}, so no adjusted figure")
    if england_value is None or pd.isna(england_value) or england_value <= 0:
        return LocalAdjustment(indicator_id, None, local_value, None, period,
                               f"no England value of {name} ({indicator_id}) to divide by, so no adjusted figure")
    if local_value < 0:
        raise ValueError(f"a prevalence cannot be negative, got {local_value!r}")
    ratio = float(local_value) / float(england_value)
    return LocalAdjustment(indicator_id, ratio, float(local_value), float(england_value), period,
                           f"{area_name} {local_value:g}% ÷ England {england_value:g}% = {ratio:.2f} "
                           f"({name}, {period or 'period not stated'})")


def local_adjustments_from_values(values: pd.DataFrame, area_code: str, level: str,
                                  indicator_ids: Sequence[str] = ("92443", "848"),
                                  periods: Mapping[str, str] | None = None,
                                  area_name: str = "the area") -> dict[str, LocalAdjustment]:
    """Adjustments for an area from the local indicators' values frame (columns level, area_code, indicator_id,
    period, value, england_value): the latest period unless ``periods`` names one per indicator."""
    result = {}
    for indicator_id in indicator_ids:
        rows = values[(values["indicator_id"] == indicator_id) & (values["level"] == level)]
        chosen = (periods or {}).get(indicator_id)
        if chosen is None:
            chosen = latest_period(rows["period"])
        row = rows[(rows["period"] == chosen) & (rows["area_code"] == area_code)]
        if row.empty:
            result[indicator_id] = local_adjustment(indicator_id, None, None, str(chosen or ""), area_name)
            continue
        local_value, england_value = row.iloc[0]["value"], row.iloc[0]["england_value"]
        result[indicator_id] = local_adjustment(indicator_id, None if pd.isna(local_value) else float(local_value),
                                                None if pd.isna(england_value) else float(england_value),
                                                str(chosen), area_name)
    return result


def _as_adjustment(ratio_source: float | LocalAdjustment | None) -> LocalAdjustment | None:
    if ratio_source is None or isinstance(ratio_source, LocalAdjustment):
        return ratio_source
    ratio = math.nan if pd.isna(ratio_source) else float(ratio_source)
    return LocalAdjustment("", None if math.isnan(ratio) or ratio < 0 else ratio)


def adjust(cohort_values: Sequence[float], weights: Sequence[float], shares: Sequence[float], size: float,
           adjustments: Mapping[str, float | LocalAdjustment] | None, indicator_id: str | None) -> Adjusted:
    """One need's adjusted prevalence and number: each component's prevalence (``cohort_values``, weighted by
    ``weights`` within the people covered, each covering ``shares`` of the ``size`` people) x the indicator's
    ratio, capped at 100%. ``adjustments`` None: the adjustment is off."""
    if adjustments is None:
        return Adjusted(AdjustmentStatus.OFF)
    if indicator_id is None:
        return Adjusted(AdjustmentStatus.NO_INDICATOR)
    adjustment = _as_adjustment(adjustments.get(indicator_id))
    if adjustment is None or adjustment.ratio is None:
        return Adjusted(AdjustmentStatus.NO_VALUE, reason=adjustment.reason if adjustment else "")
    ratio = adjustment.ratio
    adjusted = [min(value * ratio, 100.0) for value in cohort_values]
    return Adjusted(AdjustmentStatus.ADJUSTED, ratio, adjustment.reason,
                    value=sum(w * v for w, v in zip(weights, adjusted, strict=True)),
                    expected=sum(size * share * v / 100 for share, v in zip(shares, adjusted, strict=True)),
                    capped=any(value * ratio > 100.0 for value in cohort_values))
