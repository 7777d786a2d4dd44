"""Confidence intervals for counts and crude rates: Byar's method, exact (Poisson) for counts under 10.

As PHE's Technical Guide on confidence intervals (2018) and PHEindicatormethods (``byars_lower``/``byars_upper``,
``Rates.R``) do, written up in design/anchors.md §3.2: for O >= 10,
L = O(1 - 1/(9O) - z/(3 sqrt O))^3 and U = (O+1)(1 - 1/(9(O+1)) + z/(3 sqrt(O+1)))^3; for O < 10 the exact limits
chi2(alpha/2, 2O)/2 and chi2(1 - alpha/2, 2O + 2)/2, found here from the Poisson distribution (no scipy): L is the
mean at which P(X >= O) = alpha/2, U the mean at which P(X <= O) = alpha/2. A rate's limits are the count's limits
divided by the denominator, times the multiplier.
"""

from __future__ import annotations

import math

from analysis.proportions import Interval, check_count, z_value
from core.comparison_codes import CONFIDENCE_95

EXACT_BELOW = 10  # counts under this use the exact Poisson limits


def _poisson_cdf(count: int, mean: float) -> float:
    """P(X <= count) for X ~ Poisson(mean)."""
    term = total = math.exp(-mean)
    for k in range(1, count + 1):
        term *= mean / k
        total += term
    return total


def _solve(target, low: float, high: float) -> float:
    """The mean in [low, high] where ``target(mean)`` (decreasing in mean) crosses 0, by bisection."""
    for _ in range(200):
        middle = (low + high) / 2
        if target(middle) > 0:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def _exact(observed: int, confidence: float) -> Interval:
    tail = (1 - confidence) / 2
    ceiling = 10.0 * (observed + 10)
    lower = 0.0 if observed == 0 else _solve(lambda mean: tail - (1 - _poisson_cdf(observed - 1, mean)), 0.0, ceiling)
    upper = _solve(lambda mean: _poisson_cdf(observed, mean) - tail, 0.0, ceiling)
    return Interval(lower, upper)


def byar_interval(observed: float, confidence: float = CONFIDENCE_95) -> Interval:
    """Limits of a count of events (Byar's method; exact Poisson under 10). Raises ValueError for a negative or
    fractional count."""
    check_count("observed", observed)
    count = int(observed)
    if count < EXACT_BELOW:
        return _exact(count, confidence)
    z = z_value(confidence)
    low = count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    high = (count + 1) * (1 - 1 / (9 * (count + 1)) + z / (3 * math.sqrt(count + 1))) ** 3
    return Interval(low, high)


def rate_interval(observed: float, denominator: float, multiplier: float,
                  confidence: float = CONFIDENCE_95) -> Interval:
    """Limits of the crude rate observed / denominator x multiplier (Byar's limits of the count)."""
    if denominator <= 0:
        raise ValueError("the denominator must be above 0")
    count = byar_interval(observed, confidence)
    return Interval(count.low / denominator * multiplier, count.high / denominator * multiplier)
