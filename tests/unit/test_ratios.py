"""Ratio of two proportions with its log-method CI; expected values worked by hand."""

import math

import pytest

from analysis.ratios import ratio_of_proportions, ratio_of_values


def test_log_method_interval_worked_by_hand():
    # 30/100 vs 10/100: RR = 3; SE = sqrt(1/30 - 1/100 + 1/10 - 1/100) = sqrt(0.113333) = 0.336650
    # z*SE = 1.959964 * 0.336650 = 0.659822; ln 3 = 1.098612
    # L = exp(0.438790) = 1.550830; U = exp(1.758435) = 5.803346
    estimate = ratio_of_proportions(30, 100, 10, 100)
    assert estimate.ratio == pytest.approx(3.0)
    assert estimate.low == pytest.approx(1.550830, rel=1e-5)
    assert estimate.high == pytest.approx(5.803346, rel=1e-5)
    assert estimate.note == ""


def test_interval_is_symmetric_on_the_log_scale():
    estimate = ratio_of_proportions(20, 50, 40, 400)
    assert math.log(estimate.ratio) - math.log(estimate.low) == pytest.approx(
        math.log(estimate.high) - math.log(estimate.ratio))


def test_no_cohort_events_gives_zero_ratio_without_interval():
    estimate = ratio_of_proportions(0, 50, 5, 100)
    assert estimate.ratio == 0
    assert estimate.low is None and estimate.high is None
    assert "at least one event" in estimate.note


def test_no_comparator_events_is_undefined():
    with pytest.raises(ValueError, match="undefined"):
        ratio_of_proportions(5, 50, 0, 100)


def test_all_events_in_both_groups_gives_ratio_one_and_zero_width():
    # SE = sqrt(1/10 - 1/10 + 1/20 - 1/20) = 0: the interval collapses onto 1.
    estimate = ratio_of_proportions(10, 10, 20, 20)
    assert (estimate.ratio, estimate.low, estimate.high) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize("args", [(11, 10, 1, 10), (1, 10, 1, 0), (-1, 10, 1, 10), (1.5, 10, 1, 10)])
def test_invalid_counts_are_rejected(args):
    with pytest.raises(ValueError):
        ratio_of_proportions(*args)


def test_ratio_of_published_values():
    # Singleton et al. 1998 vs Coid et al. 2006: 64 / 4.4 = 14.545454...
    assert ratio_of_values(64, 4.4) == pytest.approx(14.545454, rel=1e-6)


def test_ratio_of_values_rejects_a_zero_comparator_and_missing_values():
    with pytest.raises(ValueError, match="undefined"):
        ratio_of_values(5, 0)
    with pytest.raises(TypeError):
        ratio_of_values(None, 4)
    with pytest.raises(ValueError):
        ratio_of_values(math.nan, 4)
