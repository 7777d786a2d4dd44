"""Partners' figures: Wilson intervals from counts, values kept as given, comparisons by the app's one rule."""

import math

import pandas as pd
import pytest

from analysis.your_data import AS_GIVEN, WILSON, compare, with_prevalence


def rows():
    return pd.DataFrame({
        "area_code": ["E06000023", "E06000023", "E08000003"], "cohort": ["prison", "prison", "probation"],
        "indicator": ["Depression", "Smoking", "Depression"],
        "numerator": [30.0, math.nan, 12.0], "denominator": [120.0, math.nan, 100.0],
        "value": [math.nan, 40.0, math.nan], "ci_low": [math.nan, 35.0, math.nan],
        "ci_high": [math.nan, 45.0, math.nan]})


def test_wilson_from_counts_and_given_values_kept():
    result = with_prevalence(rows())
    # 30/120 = 25%. Wilson 95% (z = 1.959964): centre (0.25 + z²/240) / (1 + z²/120) = 0.257755, half-width
    # z * sqrt(0.25 * 0.75 / 120 + z² / 57600) / (1 + z²/120) = 0.076656 -> 18.110% to 33.441%.
    assert result.at[0, "value"] == 25.0
    assert result.at[0, "ci_low"] == pytest.approx(18.110, abs=0.001)
    assert result.at[0, "ci_high"] == pytest.approx(33.441, abs=0.001)
    assert result.at[0, "ci_method"] == WILSON
    assert (result.at[1, "value"], result.at[1, "ci_low"], result.at[1, "ci_high"]) == (40.0, 35.0, 45.0)
    assert result.at[1, "ci_method"] == AS_GIVEN


def test_comparisons_with_national_and_local_figures():
    result = compare(with_prevalence(rows()),
                     national={("prison", "Depression"): (10.0, "the national prison figure"),
                               ("probation", "Depression"): (12.0, "the national probation figure")},
                     general={("E06000023", "Smoking"): (40.0, "Bristol's adult smoking (2024)")})
    assert result.at[0, "national_comparison"] == ("significantly higher than the national prison figure (10%), "
                                                   "95% level")  # 18.1% > 10%
    # 12/100: Wilson 7.0% to 19.8% contains 12%.
    assert result.at[2, "national_comparison"] == ("not significantly different from the national probation "
                                                   "figure (12%), 95% level")
    assert result.at[1, "general_comparison"] == ("not significantly different from Bristol's adult smoking "
                                                  "(2024) (40%), 95% level")
    assert result.at[1, "national_comparison"] == "no national figure chosen for this need"
    assert result.at[0, "general_comparison"] == "no local general-population figure for this need"
