"""Wilson score interval. Expected values: PHE reference test data (PHEindicatormethods
testdata_Byars_Wilson.xlsx, via design/anchors.md §3.1) or worked by hand as shown."""

import math

import pytest

from analysis.proportions import wilson_interval, wilson_interval_percent, z_value
from core.comparison_codes import CONFIDENCE_99_8

Z95 = 1.959964


def test_z_values_match_the_phe_constants():
    assert z_value(0.95) == pytest.approx(1.959964, abs=1e-6)
    assert z_value(0.998) == pytest.approx(3.090232, abs=1e-6)


@pytest.mark.parametrize(
    ("events", "total", "confidence", "low", "high"),
    [
        (65, 100, 0.95, 0.552544, 0.736358),  # PHE oracle
        (65, 100, 0.998, 0.495495, 0.778354),  # PHE oracle
        (1045, 5000, 0.95, 0.197955, 0.220491),  # PHE oracle
    ],
)
def test_wilson_matches_phe_reference_data(events, total, confidence, low, high):
    interval = wilson_interval(events, total, confidence)
    assert interval.low == pytest.approx(low, abs=1e-6)
    assert interval.high == pytest.approx(high, abs=1e-6)


def test_zero_events_gives_lower_limit_zero():
    # x = 0: L = 0; U = 2z^2 / (2(n + z^2)) = z^2 / (n + z^2) = 3.841459 / 13.841459 = 0.277532
    interval = wilson_interval(0, 10)
    assert interval.low == 0
    assert interval.high == pytest.approx(0.277532, abs=1e-6)


def test_all_events_mirrors_zero_events():
    # x = n = 10: L = 1 - 0.277532 = 0.722468, U = 1
    interval = wilson_interval(10, 10)
    assert interval.low == pytest.approx(0.722468, abs=1e-6)
    assert interval.high == 1


def test_single_observation():
    # x = n = 1: L = (2 + z^2 - z*z) / (2(1 + z^2)) = 1 / (1 + z^2) = 1 / 4.841459 = 0.206549
    interval = wilson_interval(1, 1)
    assert interval.low == pytest.approx(0.206549, abs=1e-6)
    assert interval.high == 1


def test_police_custody_count_from_samele_2021():
    # 39 of 134 (Samele et al. 2021): 2x + z^2 = 81.841459; z*sqrt(z^2 + 4x(1 - x/n)) = 20.966882;
    # 2(n + z^2) = 275.682918 -> L = 0.220814, U = 0.372922
    interval = wilson_interval_percent(39, 134)
    assert interval.low == pytest.approx(22.0814, abs=1e-3)
    assert interval.high == pytest.approx(37.2922, abs=1e-3)


def test_99_8_interval_is_wider_than_95():
    narrow, wide = wilson_interval(30, 200), wilson_interval(30, 200, CONFIDENCE_99_8)
    assert wide.low < narrow.low and wide.high > narrow.high


@pytest.mark.parametrize(
    ("events", "total", "message"),
    [
        (1, 0, "total must be at least 1"),
        (11, 10, "cannot be larger than total"),
        (-1, 10, "must not be negative"),
        (2.5, 10, "whole number"),
        (math.nan, 10, "finite"),
    ],
)
def test_invalid_counts_are_rejected_with_a_reason(events, total, message):
    with pytest.raises(ValueError, match=message):
        wilson_interval(events, total)


def test_non_numbers_are_rejected():
    with pytest.raises(TypeError):
        wilson_interval("3", 10)
    with pytest.raises(TypeError):
        wilson_interval(True, 10)


@pytest.mark.parametrize("confidence", [0, 1, 95])
def test_confidence_must_be_a_fraction(confidence):
    with pytest.raises(ValueError, match="confidence"):
        wilson_interval(3, 10, confidence)
