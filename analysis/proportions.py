"""Confidence intervals for proportions.

The Wilson score interval is the method OHID/PHE use for proportions (PHE Technical Guide,
Confidence Intervals, 2018; PHEindicatormethods ``wilson_lower``/``wilson_upper``). It stays inside
[0, 1] and behaves at 0 and n events, unlike the normal approximation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

from core.comparison_codes import CONFIDENCE_95


def z_value(confidence: float) -> float:
    """Two-sided standard normal quantile: 1.959964 for 0.95, 3.090232 for 0.998."""
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1 (exclusive), got {confidence!r}")
    return NormalDist().inv_cdf(1 - (1 - confidence) / 2)


@dataclass(frozen=True)
class Interval:
    """A two-sided interval on the scale of the estimate."""

    low: float
    high: float


def check_count(name: str, value: float) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value!r}")
    if value != int(value):
        raise ValueError(f"{name} must be a whole number of people or events, got {value!r}")


def wilson_interval(events: float, total: float, confidence: float = CONFIDENCE_95) -> Interval:
    """Wilson score interval for the proportion ``events / total``, on the 0-1 scale.

    Raises ValueError for a total of 0, negative or fractional counts, or events above the total.
    """
    check_count("events", events)
    check_count("total", total)
    if total == 0:
        raise ValueError("total must be at least 1: a proportion of nobody has no interval")
    if events > total:
        raise ValueError(f"events ({events:g}) cannot be larger than total ({total:g})")
    z = z_value(confidence)
    x, n = float(events), float(total)
    centre = 2 * x + z**2
    spread = z * math.sqrt(z**2 + 4 * x * (1 - x / n))
    denominator = 2 * (n + z**2)
    low = (centre - spread) / denominator
    high = (centre + spread) / denominator
    # At 0 and n events the limits are exactly 0 and 1; elsewhere clamp float noise only.
    if events == 0:
        low = 0.0
    if events == total:
        high = 1.0
    return Interval(low=max(0.0, low), high=min(1.0, high))


def wilson_interval_percent(
    events: float, total: float, confidence: float = CONFIDENCE_95
) -> Interval:
    """Wilson score interval expressed as percentages (0-100)."""
    interval = wilson_interval(events, total, confidence)
    return Interval(low=interval.low * 100, high=interval.high * 100)
