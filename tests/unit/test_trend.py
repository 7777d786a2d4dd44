"""The Fingertips recent-trend marker (analysis/trend.py), worked by hand and against Fingertips' own tests.

With equal standard errors s on every point the weighted fit is ordinary least squares on x = 1..5:
Σ(x - 3)² = 10, so slope = Σ(x - 3)·y / 10, Var(slope) = s² / 10 and χ² = 10·slope² / s².
A 95% CI 3.92 wide gives s = 1, so χ² = 10·slope²; the 99.8% threshold 9.5495 is crossed at slope 0.9772."""

import pandas as pd
import pytest

from analysis.trend import (
    CANNOT_BE_CALCULATED,
    CHI_SQUARE_99_8,
    NO_SIGNIFICANT_CHANGE,
    REASON_COUNT_IS_DENOMINATOR,
    REASON_NO_COUNT,
    REASON_NO_VALUE_OR_CI,
    REASON_TOO_FEW,
    REASON_VALUE_TYPE,
    REASON_YEAR_RANGE,
    REASON_ZERO_WIDTH_CI,
    TREND_COLUMNS,
    recent_trend,
    trend_frame,
    trend_label,
    year_range,
)

NAN = float("nan")


def unit_se(values):
    """95% limits 1.96 either side of each value: SE = 3.92 / 3.92 = 1, weight 1."""
    return [v - 1.96 for v in values], [v + 1.96 for v in values]


# --- the arithmetic, by hand -------------------------------------------------------------------------------

def test_straight_line_with_equal_standard_errors():
    # y = 10, 12, 14, 16, 18 at x = 1..5, w = 1: S1 = 5, S2 = Σxy = 10+24+42+64+90 = 230, S3 = Σx = 15,
    # S4 = Σy = 70, S5 = Σx² = 55. slope = (5·230 - 15·70) / (5·55 - 15²) = (1150 - 1050) / 50 = 2.
    # SE(slope) = √(5 / 50) = 0.316228; χ² = (2 / 0.316228)² = 4 / 0.1 = 40 > 9.5495. Dropping any point
    # leaves a straight line of slope 2, so the sign holds: significant, increasing.
    values = [10.0, 12.0, 14.0, 16.0, 18.0]
    low, high = unit_se(values)
    result = recent_trend(values, low, high, "no_judgement")
    assert result.slope == pytest.approx(2.0)
    assert result.chi_square == pytest.approx(40.0)
    assert result.significant
    assert (result.marker, result.label) == ("Increasing", "Increasing")
    assert result.points_used == (0, 1, 2, 3, 4)
    assert result.reason is None


def test_weights_follow_the_ci_width():
    # Same line, but SE = 2 on every point (CI 7.84 wide): w = 1/4, so every sum is a quarter and the slope is
    # still 2; Var(slope) = s²/10 = 0.4, χ² = 4 / 0.4 = 10 > 9.5495: still significant, 4 times smaller.
    values = [10.0, 12.0, 14.0, 16.0, 18.0]
    result = recent_trend(values, [v - 3.92 for v in values], [v + 3.92 for v in values], "high_is_good")
    assert result.slope == pytest.approx(2.0)
    assert result.chi_square == pytest.approx(10.0)
    assert result.label == "Increasing and getting better"


def test_unequal_weights_pull_the_line_towards_precise_points():
    # y = 0, 0, 0, 0, 1 with SE 1 on the first four and SE 0.5 on the last (w = 1, 1, 1, 1, 4):
    # S1 = 8, S2 = 4·5·1 = 20, S3 = 1+2+3+4+20 = 30, S4 = 4, S5 = 1+4+9+16+100 = 130.
    # slope = (8·20 - 30·4) / (8·130 - 900) = 40 / 140 = 0.285714 (OLS would give 0.2);
    # Var = 8 / 140 = 0.057143, χ² = 0.081633 / 0.057143 = 1.428571.
    values = [0.0, 0.0, 0.0, 0.0, 1.0]
    se = [1.0, 1.0, 1.0, 1.0, 0.5]
    result = recent_trend(values, [v - 1.96 * s for v, s in zip(values, se, strict=True)],
                          [v + 1.96 * s for v, s in zip(values, se, strict=True)], "no_judgement")
    assert result.slope == pytest.approx(40 / 140)
    assert result.chi_square == pytest.approx(1.428571, rel=1e-6)
    assert result.label == NO_SIGNIFICANT_CHANGE


@pytest.mark.parametrize(("step", "chi_square", "label"), [
    (0.98, 9.604, "Increasing"),  # χ² = 10 · 0.98² = 9.604 > 9.5495
    (0.97, 9.409, NO_SIGNIFICANT_CHANGE),  # χ² = 10 · 0.97² = 9.409 < 9.5495
    (-0.98, 9.604, "Decreasing"),
])
def test_just_over_and_just_under_the_threshold(step, chi_square, label):
    values = [10.0 + step * i for i in range(5)]
    low, high = unit_se(values)
    result = recent_trend(values, low, high, "no_judgement")
    assert result.chi_square == pytest.approx(chi_square)
    assert result.label == label
    assert result.significant is (label != NO_SIGNIFICANT_CHANGE)


def test_threshold_is_the_998_chi_square_point():
    # 3.090232² = 9.549534: the two-sided 99.8% normal point squared.
    assert pytest.approx(3.090232 ** 2, abs=1e-5) == CHI_SQUARE_99_8


def test_slope_that_flips_when_a_point_is_dropped_is_no_significant_change():
    # y = 10.5, 10, 10, 10, 30, w = 1: slope = Σ(x-3)·y / 10 = (-21 - 10 + 0 + 10 + 60) / 10 = 3.9,
    # χ² = 10 · 3.9² = 152.1, far above 9.5495. But without the last point (x = 1..4, mean 2.5):
    # Σ(x-2.5)·y = -15.75 - 5 + 5 + 15 = -0.75, slope = -0.75 / 5 = -0.15 < 0. The sign flips: no trend.
    values = [10.5, 10.0, 10.0, 10.0, 30.0]
    low, high = unit_se(values)
    result = recent_trend(values, low, high, "low_is_good")
    assert result.slope == pytest.approx(3.9)
    assert result.chi_square == pytest.approx(152.1)
    assert not result.significant
    assert result.label == NO_SIGNIFICANT_CHANGE


def test_a_drop_one_slope_of_exactly_zero_counts_as_positive():
    # FingertipsNext counts slope < 0 as -1 and anything else as +1. y = 10, 10, 10, 10, 30: full slope
    # (-20 - 10 + 0 + 10 + 60) / 10 = 4, χ² = 160; dropping the last point leaves a flat line (slope exactly 0),
    # which counts with the positive ones, so the trend stands.
    values = [10.0, 10.0, 10.0, 10.0, 30.0]
    low, high = unit_se(values)
    result = recent_trend(values, low, high, "no_judgement")
    assert result.slope == pytest.approx(4.0)
    assert result.label == "Increasing"


def test_only_the_latest_five_periods_count():
    # Seven periods: the first two (100, 0) would wreck any line; the latest five are 10, 12, ..., 18.
    values = [100.0, 0.0, 10.0, 12.0, 14.0, 16.0, 18.0]
    low, high = unit_se(values)
    result = recent_trend(values, low, high, "no_judgement")
    assert result.points_used == (2, 3, 4, 5, 6)
    assert result.slope == pytest.approx(2.0)
    assert result.chi_square == pytest.approx(40.0)


# --- when it cannot be calculated ------------------------------------------------------------------------

def test_fewer_than_five_periods():
    values = [10.0, 12.0, 14.0, 16.0]
    low, high = unit_se(values)
    result = recent_trend(values, low, high, "low_is_good")
    assert result.label == result.marker == CANNOT_BE_CALCULATED
    assert result.reason.startswith(REASON_TOO_FEW)
    assert (result.slope, result.chi_square, result.points_used) == (None, None, ())


@pytest.mark.parametrize("gap", [None, NAN, pd.NA])
def test_a_missing_value_among_the_latest_five_stops_it(gap):
    # Six periods, the 4th has no value: we never reach back past the gap or fit 4 points.
    values = [8.0, 10.0, 12.0, gap, 16.0, 18.0]
    low = [None if v is gap else v - 1.96 for v in values]
    high = [None if v is gap else v + 1.96 for v in values]
    result = recent_trend(values, low, high, "low_is_good")
    assert result.label == CANNOT_BE_CALCULATED
    assert result.reason == REASON_NO_VALUE_OR_CI
    assert result.unusable_points == (3,)


def test_missing_cis():
    values = [10.0, 12.0, 14.0, 16.0, 18.0]
    low, high = unit_se(values)
    # No CI anywhere, and one CI limit missing in one period: both "Cannot be calculated".
    assert recent_trend(values, [None] * 5, [None] * 5, "low_is_good").reason == REASON_NO_VALUE_OR_CI
    high[4] = NAN
    result = recent_trend(values, low, high, "low_is_good")
    assert result.label == CANNOT_BE_CALCULATED
    assert result.unusable_points == (4,)


def test_a_missing_ci_before_the_latest_five_does_not_matter():
    values = [9.0, 10.0, 12.0, 14.0, 16.0, 18.0]
    low, high = unit_se(values)
    low[0] = high[0] = None
    assert recent_trend(values, low, high, "no_judgement").label == "Increasing"


def test_counts_and_denominators_when_given():
    values = [10.0, 12.0, 14.0, 16.0, 18.0]
    low, high = unit_se(values)
    counts, denominators = [10, 12, 14, 16, 18], [100] * 5
    ok = recent_trend(values, low, high, "low_is_good", counts=counts, denominators=denominators)
    assert ok.label == "Increasing and getting worse"
    no_denominator = recent_trend(values, low, high, "low_is_good", counts=counts,
                                  denominators=[100, 100, None, 100, 100])
    assert (no_denominator.label, no_denominator.reason) == (CANNOT_BE_CALCULATED, REASON_NO_COUNT)
    assert no_denominator.unusable_points == (2,)
    zero_denominator = recent_trend(values, low, high, "low_is_good", counts=counts,
                                    denominators=[100, 0, 100, 100, 100])
    assert zero_denominator.reason == REASON_NO_COUNT
    all_counted = recent_trend(values, low, high, "low_is_good", counts=[10, 12, 14, 16, 100],
                               denominators=denominators)
    assert all_counted.reason == REASON_COUNT_IS_DENOMINATOR


def test_zero_width_ci_and_value_types():
    values = [10.0, 12.0, 14.0, 16.0, 18.0]
    low, high = unit_se(values)
    low[2] = high[2] = 14.0
    assert recent_trend(values, low, high, "low_is_good").reason == REASON_ZERO_WIDTH_CI
    low, high = unit_se(values)
    assert recent_trend(values, low, high, "low_is_good", value_type="Crude rate").label.startswith("Increasing")
    refused = recent_trend(values, low, high, "low_is_good", value_type="Indirectly standardised ratio")
    assert refused.reason.startswith(REASON_VALUE_TYPE)


def test_inputs_that_cannot_be_right_are_refused():
    values = [10.0, 12.0, 14.0, 16.0, 18.0]
    low, high = unit_se(values)
    with pytest.raises(ValueError, match="one entry per period"):
        recent_trend(values, low[:4], high, "low_is_good")
    with pytest.raises(ValueError, match="above the upper limit"):
        recent_trend(values, high, low, "low_is_good")
    with pytest.raises(ValueError, match="polarity"):
        recent_trend(values, low, high, "lower is better")
    with pytest.raises(ValueError, match="both counts and denominators"):
        recent_trend(values, low, high, "low_is_good", counts=[1] * 5)


# --- polarity wording -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("marker", "polarity", "label"), [
    ("Increasing", "high_is_good", "Increasing and getting better"),
    ("Decreasing", "high_is_good", "Decreasing and getting worse"),
    ("Increasing", "low_is_good", "Increasing and getting worse"),
    ("Decreasing", "low_is_good", "Decreasing and getting better"),
    ("Increasing", "no_judgement", "Increasing"),
    ("Decreasing", "BOB - Blue orange blue", "Decreasing"),
    ("Increasing", "Not applicable", "Increasing"),  # FingertipsNext TrendCalculatorTests: left as it is
    ("No significant change", "low_is_good", "No significant change"),
    ("Cannot be calculated", "high_is_good", "Cannot be calculated"),
])
def test_polarity_wording(marker, polarity, label):
    assert trend_label(marker, polarity) == label


def test_low_is_good_decreasing_is_getting_better():
    values = [18.0, 16.0, 14.0, 12.0, 10.0]
    low, high = unit_se(values)
    result = recent_trend(values, low, high, "low_is_good")
    assert result.slope == pytest.approx(-2.0)
    assert (result.marker, result.label) == ("Decreasing", "Decreasing and getting better")
    assert recent_trend(values, low, high, "high_is_good").label == "Decreasing and getting worse"


# --- oracles: Fingertips' own unit-test data --------------------------------------------------------------

def test_legacy_fingertips_set_1_chi_square_46_77():
    # ukhsa-collaboration/fingertips-open PholioVisualisation AnalysisTest/TrendMarkerCalculatorTest.cs,
    # GetTrendData_Set1 (2014-2018, proportion): IsSignificant true and Math.Round(ChiSquare, 2) == 46.77.
    values = [24.67, 24.6, 28, 30.2, 30.6]
    low = [23.16, 23.15, 26.44, 28.63, 28.98]
    high = [26.25, 26.19, 29.64, 31.9, 32.25]
    counts, denominators = [994, 1023, 1199, 1332, 1367], [40299, 41527, 42811, 44064, 44701]
    result = recent_trend(values, low, high, "no_judgement", counts=counts, denominators=denominators)
    assert result.significant
    assert round(result.chi_square, 2) == 46.77
    assert result.label == "Increasing"


def test_legacy_fingertips_set_2_not_significant():
    # Same file, GetTrendData_Set2 (2014-2018): IsSignificant false.
    values = [20.5506, 19.5952, 19.0349, 21.3966, 18.4372]
    low = [18.1803, 17.3444, 16.8421, 19.0918, 16.2925]
    high = [23.1427, 22.0602, 21.4394, 23.8975, 20.7941]
    result = recent_trend(values, low, high, "no_judgement", counts=[209, 213, 213, 239, 210],
                          denominators=[1017, 1087, 1119, 1117, 1139])
    assert not result.significant
    assert result.label == NO_SIGNIFICANT_CHANGE


@pytest.mark.parametrize(("name", "values", "low", "high", "polarity", "label"), [
    # dhsc-govuk/FingertipsNext trend-analysis/TrendAnalysisApp.UnitTests/Calculator/IndicatorTestData.cs and
    # TrendCalculatorTests.cs; years 2020-2024 (2019-2023 for 40501), reversed here to oldest first.
    ("30309 MMR one dose, Yorkshire and the Humber (High is good)",
     [92.6254, 92.3221, 90.8708, 90.017, 90.1013], [92.4168, 92.1072, 90.6358, 89.7694, 89.8578],
     [92.8288, 92.5315, 91.1004, 90.2594, 90.3396], "high_is_good", "Decreasing and getting worse"),
    ("41203 sight loss from diabetic eye disease, crude rate (Low is good)",
     [2.935, 1.93028, 2.7567, 2.8701, 3.0121], [2.7841, 1.8085, 2.6113, 2.7225, 2.8616],
     [3.0919, 2.058, 2.9082, 3.0237, 3.1683], "low_is_good", "Increasing and getting worse"),
    # The C# writes the 2023 value as `120/7742` (integer division: 0); 120.7742 is the value meant (inside its
    # CI 119.8035-121.7507). Both give Decreasing.
    ("40501 under-75 cancer mortality, DSR (Low is good)",
     [126.9341, 125.829, 121.5234, 122.3782, 120.7742], [125.9343, 124.8371, 120.5533, 121.4012, 119.8035],
     [127.94, 126.8268, 122.4993, 123.361, 121.7507], "low_is_good", "Decreasing and getting better"),
])
def test_fingertipsnext_oracles(name, values, low, high, polarity, label):
    assert recent_trend(values, low, high, polarity).label == label, name


def test_fingertipsnext_fewer_than_five_points_and_unsupported_value_type():
    # TrendCalculatorTests: the cancer series without its latest point -> CannotBeCalculated; 41101 emergency
    # readmissions (value type "Indirectly standardised proportion") -> CannotBeCalculated.
    values = [126.9341, 125.829, 121.5234, 122.3782]
    low, high = [125.9343, 124.8371, 120.5533, 121.4012], [127.94, 126.8268, 122.4993, 123.361]
    assert recent_trend(values, low, high, "low_is_good").label == CANNOT_BE_CALCULATED
    readmissions = recent_trend([14.3, 15.4, 14.3, 14.2, 14.8], [14.3, 15.4, 14.3, 14.1, 14.8],
                                [14.3, 15.5, 14.4, 14.2, 14.8], "low_is_good",
                                value_type="Indirectly standardised proportion")
    assert readmissions.label == CANNOT_BE_CALCULATED


def test_no_cis_is_where_we_depart_from_fingertipsnext():
    # FingertipsNext's 93468 test (GP registered population 65+, no CIs) expects NoChange: its regression runs on
    # zero points and the NaN χ² fails the threshold. We say the trend cannot be calculated, which is what it is.
    values = [17.5144, 17.3646, 17.6087, 17.6782, 17.7872]
    result = recent_trend(values, [None] * 5, [None] * 5, "no_judgement")
    assert result.label == CANNOT_BE_CALCULATED


# --- many areas: trend_frame ----------------------------------------------------------------------------

PERIODS = ["2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24"]


def _rows(area_code, indicator_id, values, width=3.92, periods=PERIODS, level="lad"):
    rows = []
    for period, value in zip(periods, values, strict=True):
        missing = value is None
        rows.append({
            "level": level, "area_code": area_code, "area_name": f"Area {area_code}", "region_code": "E12000001",
            "indicator_id": indicator_id, "period": period, "value": NAN if missing else value,
            "ci_low": NAN if missing else value - width / 2, "ci_high": NAN if missing else value + width / 2,
            "unit": "%", "numerator": NAN if missing else value, "denominator": NAN if missing else 100.0,
        })
    return rows


def test_trend_frame_one_row_per_area_and_indicator():
    frame = pd.DataFrame(
        _rows("E06000001", "A", [99.0, 10.0, 12.0, 14.0, 16.0, 18.0])  # latest 5: slope 2, χ² 40
        + _rows("E06000002", "A", [10.0, 18.0, 16.0, 14.0, 12.0, 10.0])  # latest 5: slope -2
        + _rows("E06000001", "B", [10.0, 10.0, 10.0, 10.0, 10.0, 10.0])  # flat: slope 0, χ² 0
        + _rows("E06000002", "B", [10.0, 12.0, None, 14.0, 16.0, 18.0])  # gap in 2020/21
    ).sample(frac=1, random_state=1)  # row order must not matter
    result = trend_frame(frame, {"A": "low_is_good", "B": "high_is_good"})
    assert list(result.columns) == TREND_COLUMNS
    by_key = result.set_index(["area_code", "indicator_id"])
    a1 = by_key.loc[("E06000001", "A")]
    assert a1["trend"] == "Increasing and getting worse"
    assert a1["trend_marker"] == "Increasing"
    assert a1["trend_slope"] == pytest.approx(2.0)
    assert a1["trend_chi_square"] == pytest.approx(40.0)
    assert a1["trend_periods"] == tuple(PERIODS[1:])
    assert a1["trend_period_range"] == "2019/20 to 2023/24"
    assert a1["latest_period"] == "2023/24"
    assert a1["area_name"] == "Area E06000001" and a1["region_code"] == "E12000001"
    assert a1["trend_reason"] is None
    assert by_key.loc[("E06000002", "A"), "trend"] == "Decreasing and getting better"
    assert by_key.loc[("E06000001", "B"), "trend"] == NO_SIGNIFICANT_CHANGE
    assert by_key.loc[("E06000001", "B"), "trend_chi_square"] == pytest.approx(0.0)
    gap = by_key.loc[("E06000002", "B")]
    assert gap["trend"] == CANNOT_BE_CALCULATED
    assert gap["trend_periods"] == ()
    assert gap["trend_reason"] == f"{REASON_NO_VALUE_OR_CI} (not met in 2020/21)"
    assert gap["trend_period_range"] == "2019/20 to 2023/24"
    assert pd.isna(gap["trend_slope"]) and pd.isna(gap["trend_chi_square"])  # NaN in the float columns


def test_trend_frame_periods_given_in_order_and_missing_rows():
    quarters = ["Jan-Mar 2023", "Apr-Jun 2023", "Jul-Sep 2023", "Oct-Dec 2023", "Jan-Mar 2024"]
    frame = pd.DataFrame(_rows("E06000001", "A", [10.0, 12.0, 14.0, 16.0, 18.0], periods=quarters)
                         + _rows("E06000002", "A", [10.0, 12.0, 14.0, 16.0], periods=quarters[:4]))
    result = trend_frame(frame, "no_judgement", periods=quarters).set_index("area_code")
    # Without periods=, four labels start in 2023 and are placed by their first month: the same order.
    assert trend_frame(frame, "no_judgement").set_index("area_code")["trend"].tolist() == result["trend"].tolist()
    assert result.loc["E06000001", "trend"] == "Increasing"
    # E06000002 has no row for the latest quarter: treated as no value there, never a trend ending early.
    assert result.loc["E06000002", "trend"] == CANNOT_BE_CALCULATED
    assert result.loc["E06000002", "trend_reason"].endswith("(not met in Jan-Mar 2024)")
    with pytest.raises(ValueError, match="not in the periods list"):
        trend_frame(frame, "no_judgement", periods=quarters[1:])
    per_indicator = trend_frame(frame, "no_judgement", periods={"A": quarters})
    assert per_indicator["trend"].tolist() == result["trend"].tolist()


def test_trend_frame_counts_and_denominators():
    frame = pd.DataFrame(_rows("E06000001", "A", [10.0, 12.0, 14.0, 16.0, 18.0], periods=PERIODS[1:]))
    frame.loc[frame["period"] == "2021/22", "denominator"] = NAN  # e.g. a weighted survey count, no denominator
    strict = trend_frame(frame, "no_judgement").iloc[0]
    assert strict["trend"] == CANNOT_BE_CALCULATED
    assert strict["trend_reason"] == f"{REASON_NO_COUNT} (not met in 2021/22)"
    relaxed = trend_frame(frame, "no_judgement", require_count_and_denominator=False).iloc[0]
    assert relaxed["trend"] == "Increasing"
    no_columns = trend_frame(frame.drop(columns=["numerator", "denominator"]), "no_judgement").iloc[0]
    assert no_columns["trend"] == CANNOT_BE_CALCULATED


def test_trend_frame_rolling_periods_and_value_types():
    rolling = ["2015 - 17", "2016 - 18", "2017 - 19", "2018 - 20", "2019 - 21"]
    frame = pd.DataFrame(_rows("E06000001", "A", [10.0, 12.0, 14.0, 16.0, 18.0], periods=rolling))
    result = trend_frame(frame, "low_is_good").iloc[0]
    assert result["trend"] == CANNOT_BE_CALCULATED
    assert result["trend_reason"].startswith(REASON_YEAR_RANGE)
    annual = pd.DataFrame(_rows("E06000001", "A", [10.0, 12.0, 14.0, 16.0, 18.0], periods=PERIODS[1:]))
    typed = trend_frame(annual, "low_is_good", value_type_by_indicator={"A": "Count"}).iloc[0]
    assert typed["trend_reason"].startswith(REASON_VALUE_TYPE)


def test_trend_frame_refuses_what_it_cannot_read():
    frame = pd.DataFrame(_rows("E06000001", "A", [10.0, 12.0, 14.0, 16.0, 18.0], periods=PERIODS[1:]))
    with pytest.raises(ValueError, match="no polarity given for indicator"):
        trend_frame(frame, {"B": "low_is_good"})
    with pytest.raises(ValueError, match="lacks column"):
        trend_frame(frame.drop(columns=["ci_low"]), "low_is_good")
    with pytest.raises(ValueError, match="more than one row"):
        trend_frame(pd.concat([frame, frame.iloc[[0]]]), "low_is_good")
    empty = trend_frame(frame.iloc[0:0], "low_is_good")
    assert empty.empty and list(empty.columns) == TREND_COLUMNS


def test_trend_frame_without_level_or_names():
    frame = pd.DataFrame(_rows("E06000001", "A", [10.0, 12.0, 14.0, 16.0, 18.0], periods=PERIODS[1:]))
    result = trend_frame(frame.drop(columns=["level", "area_name", "region_code"]), "no_judgement")
    assert "level" not in result.columns and "area_name" not in result.columns
    assert result.iloc[0]["trend"] == "Increasing"


@pytest.mark.parametrize(("period", "years"), [
    ("2019 - 21", 3), ("2019-2021", 3), ("1998 - 00", 3), ("2023/24", 1), ("2023", 1), ("Oct-Dec 2023", 1),
])
def test_year_range(period, years):
    assert year_range(period) == years
