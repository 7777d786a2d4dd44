"""Ratio of two proportions (relative risk) with a log-method confidence interval.

The interval is the Katz log method: SE(ln RR) = sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2), limits
exp(ln RR -/+ z * SE) (Katz et al. 1978; Altman, Practical Statistics for Medical Research, 1991).
It needs the numerator and denominator of both proportions: a CI is never made up from
point estimates alone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from analysis.proportions import check_count, z_value
from core.comparison_codes import CONFIDENCE_95


@dataclass(frozen=True)
class RatioEstimate:
    """A ratio of proportions; ``low``/``high`` are None when no interval can be computed."""

    ratio: float
    low: float | None
    high: float | None
    note: str = ""


def _check_proportion(label: str, events: float, total: float) -> None:
    check_count(f"{label} events", events)
    check_count(f"{label} total", total)
    if total == 0:
        raise ValueError(f"{label} total must be at least 1")
    if events > total:
        raise ValueError(f"{label} events ({events:g}) cannot be larger than its total ({total:g})")


def ratio_of_proportions(
    events_1: float,
    total_1: float,
    events_2: float,
    total_2: float,
    confidence: float = CONFIDENCE_95,
) -> RatioEstimate:
    """(events_1 / total_1) / (events_2 / total_2) with its log-method CI.

    Group 1 is the cohort, group 2 the comparator. With no events in the comparator the ratio is
    undefined (ValueError); with no events in the cohort the ratio is 0 and has no log-method CI.
    """
    _check_proportion("cohort", events_1, total_1)
    _check_proportion("comparator", events_2, total_2)
    if events_2 == 0:
        raise ValueError("the comparator has no events, so the ratio is undefined")
    ratio = (events_1 / total_1) / (events_2 / total_2)
    if events_1 == 0:
        return RatioEstimate(ratio=0.0, low=None, high=None,
                             note="no CI: the log method needs at least one event in each group")
    standard_error = math.sqrt(1 / events_1 - 1 / total_1 + 1 / events_2 - 1 / total_2)
    z = z_value(confidence)
    log_ratio = math.log(ratio)
    return RatioEstimate(
        ratio=ratio,
        low=math.exp(log_ratio - z * standard_error),
        high=math.exp(log_ratio + z * standard_error),
    )


def ratio_of_values(cohort_value: float, comparator_value: float) -> float:
    """Point ratio of two published prevalences (same unit). No interval: none can be derived."""
    for name, value in (("cohort value", cohort_value), ("comparator value", comparator_value)):
        if value is None or isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"{name} must be a number, got {value!r}")
        if math.isnan(value) or value < 0:
            raise ValueError(f"{name} must be a non-negative number, got {value!r}")
    if comparator_value == 0:
        raise ValueError("comparator value is 0, so the ratio is undefined")
    return cohort_value / comparator_value
