"""Indirect standardisation: the general population's prevalence for a population with the cohort's make-up.

The expected prevalence is the general population's rate in each stratum (sex, or age band and sex) weighted by
the cohort's share of that stratum: E = sum(n_i x p_i) / sum(n_i). The standardised ratio is the cohort's
observed prevalence divided by E, set beside the crude ratio (observed / the all-adult rate). Its interval, where
the cohort's count and sample size were published, is the observed prevalence's Wilson 95% interval divided by E:
it carries the cohort's sampling error only, treating the general-population rates (large surveys) as known.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from analysis.proportions import wilson_interval_percent

NO_SAMPLE = "no interval: the cohort's figure was published without a count and sample size"
WILSON_OVER_EXPECTED = ("95% interval: the Wilson interval of the cohort's prevalence divided by the expected "
                        "prevalence (the general-population rates treated as known)")


@dataclass(frozen=True)
class StandardisedRatio:
    """A crude and an indirectly standardised ratio, side by side, with the expected prevalence behind it."""

    observed: float  # the cohort's prevalence, %
    crude_comparator: float  # the general population's all-adult prevalence, %
    expected: float  # the general population's prevalence for the cohort's make-up, %
    low: float | None
    high: float | None
    interval_method: str

    @property
    def crude_ratio(self) -> float:
        return self.observed / self.crude_comparator

    @property
    def standardised_ratio(self) -> float:
        return self.observed / self.expected


def expected_prevalence(mix: Mapping[str, float], rates: Mapping[str, float]) -> float:
    """The general population's prevalence (%) for a population with ``mix`` (people per stratum).

    Every stratum of the mix needs a rate and every rate a stratum: a missing one is an error, never a guess.
    """
    if set(mix) != set(rates):
        raise ValueError(f"strata differ: the cohort has {sorted(mix)}, the rates {sorted(rates)}")
    total = sum(mix.values())
    if total <= 0 or any(count < 0 for count in mix.values()):
        raise ValueError("the cohort's make-up needs non-negative counts with a positive total")
    return sum(count * rates[stratum] for stratum, count in mix.items()) / total


def indirectly_standardised(observed: float, crude_comparator: float, mix: Mapping[str, float],
                            rates: Mapping[str, float], count: float | None = None,
                            sample: float | None = None) -> StandardisedRatio:
    """The cohort's prevalence against the general population's, crude and standardised for the strata given."""
    expected = expected_prevalence(mix, rates)
    if count is None or sample is None or math.isnan(count) or math.isnan(sample):
        return StandardisedRatio(observed, crude_comparator, expected, None, None, NO_SAMPLE)
    interval = wilson_interval_percent(count, sample)
    return StandardisedRatio(observed, crude_comparator, expected, interval.low / expected,
                             interval.high / expected, WILSON_OVER_EXPECTED)
