"""The Fingertips benchmark rule (design/anchors.md §3.5), worked by hand.

Rule: upper limit < benchmark -> Lower; lower limit > benchmark -> Higher; otherwise Similar; no CI or no
benchmark value -> Not compared. Polarity turns Lower/Higher into Better/Worse."""

import math

import pandas as pd
import pytest

from analysis.benchmark import (
    BENCHMARK_COLOURS,
    NOT_COMPARED,
    benchmark_frame,
    compare_with_benchmark,
    comparison_label,
    normalise_polarity,
)
from loaders.fingertips import read_fingertips_csv
from loaders.schemas import CANONICAL_COLUMNS, CanonicalSchema
from tests.unit.test_fingertips import ENGLAND, HARTLEPOOL, REGION, write_api_csv

NAN = float("nan")


# --- the rule, one comparison at a time -------------------------------------------------------------------

@pytest.mark.parametrize(("ci_low", "ci_high", "polarity", "expected"), [
    # benchmark 10.0 throughout
    (7.0, 9.0, "low_is_good", "Better"),  # UCI 9.0 < 10.0 -> lower -> better when low is good
    (11.0, 13.0, "low_is_good", "Worse"),  # LCI 11.0 > 10.0 -> higher -> worse
    (9.0, 11.0, "low_is_good", "Similar"),  # 10.0 inside the CI
    (7.0, 9.0, "high_is_good", "Worse"),  # polarity flips
    (11.0, 13.0, "high_is_good", "Better"),
    (9.0, 11.0, "high_is_good", "Similar"),
    (7.0, 9.0, "no_judgement", "Lower"),
    (11.0, 13.0, "no_judgement", "Higher"),
    (9.0, 11.0, "no_judgement", "Similar"),
    (8.0, 10.0, "low_is_good", "Similar"),  # UCI equal to the benchmark: not below it (strict test)
    (10.0, 12.0, "low_is_good", "Similar"),  # LCI equal to the benchmark: not above it
])
@pytest.mark.parametrize("level", [0.95, 0.998])
def test_each_branch_of_the_rule(ci_low, ci_high, polarity, expected, level):
    value = (ci_low + ci_high) / 2
    assert compare_with_benchmark(value, ci_low, ci_high, 10.0, polarity, level) == expected


@pytest.mark.parametrize(("ci_low", "ci_high", "benchmark"), [
    (None, 9.0, 10.0), (7.0, None, 10.0), (NAN, NAN, 10.0), (pd.NA, 9.0, 10.0),  # no CI
    (7.0, 9.0, None), (7.0, 9.0, NAN),  # no benchmark value
])
def test_missing_ci_or_benchmark_is_not_compared(ci_low, ci_high, benchmark):
    assert compare_with_benchmark(8.0, ci_low, ci_high, benchmark, "low_is_good") == NOT_COMPARED


def test_the_same_area_is_worse_at_95_and_similar_at_99_8():
    # Value 13.5 vs England 10.9: 95% CI 11.2-15.8 excludes 10.9, the wider 99.8% CI 10.5-16.6 does not.
    assert compare_with_benchmark(13.5, 11.2, 15.8, 10.9, "low_is_good", 0.95) == "Worse"
    assert compare_with_benchmark(13.5, 10.5, 16.6, 10.9, "low_is_good", 0.998) == "Similar"


def test_inputs_that_cannot_be_right_are_refused():
    with pytest.raises(ValueError, match="level"):
        compare_with_benchmark(8.0, 7.0, 9.0, 10.0, "low_is_good", 0.9)
    with pytest.raises(ValueError, match="polarity"):
        compare_with_benchmark(8.0, 7.0, 9.0, 10.0, "lower is better")
    with pytest.raises(ValueError, match="outside its own interval"):
        compare_with_benchmark(12.0, 7.0, 9.0, 10.0, "low_is_good")
    with pytest.raises(ValueError, match="above the upper limit"):
        compare_with_benchmark(8.0, 9.0, 7.0, 10.0, "low_is_good")


def test_fingertips_polarity_wording():
    assert normalise_polarity("RAG - Low is good") == "low_is_good"
    assert normalise_polarity("RAG - High is good  ") == "high_is_good"
    assert normalise_polarity("BOB - Blue orange blue") == "no_judgement"
    assert normalise_polarity("Low is good") == "low_is_good"  # FingertipsNext indicators.json wording
    assert normalise_polarity("no_judgement") == "no_judgement"


# --- labels and colours -------------------------------------------------------------------------------------

def test_labels_always_print_the_level():
    assert comparison_label("Worse", 0.95) == "Worse than England (95%)"
    assert comparison_label("Better", 0.998) == "Better than England (99.8%)"
    assert comparison_label("Similar", 0.95) == "Similar to England (95%)"
    assert comparison_label("Higher", 0.998, "North East region") == "Higher than North East region (99.8%)"
    assert comparison_label(NOT_COMPARED, 0.95) == "Not compared with England"


def test_colours_are_the_gov_uk_set_from_the_anchors():
    # design/anchors.md §1.2 (FingertipsNext BenchmarkLabelConfig.ts)
    expected_95 = {"Better": "#00703C", "Similar": "#FFDD00", "Worse": "#D4351C", "Lower": "#5694CA",
                   "Higher": "#003078"}
    expected_99_8 = {"Better": "#85994B", "Similar": "#FFDD00", "Worse": "#831504", "Lower": "#AFCFE5",
                     "Higher": "#1D70B8"}
    assert {c: BENCHMARK_COLOURS[(c, 0.95)] for c in expected_95} == expected_95
    assert {c: BENCHMARK_COLOURS[(c, 0.998)] for c in expected_99_8} == expected_99_8


# --- benchmark_frame over canonical rows ----------------------------------------------------------------------

def canonical(rows: list[dict]) -> pd.DataFrame:
    base = {"area_type": "lad", "indicator_id": "T1", "indicator": "Test", "domain": "smoking",
            "cohort": "general_population", "sex": "persons", "age": "18+ yrs", "period": "2023", "numerator": NAN,
            "denominator": NAN, "unit": "%", "ci_low": NAN, "ci_high": NAN, "ci_method": None, "source_id": "test"}
    frame = pd.DataFrame([{**base, **row} for row in rows])
    return CanonicalSchema.validate(frame[CANONICAL_COLUMNS])


@pytest.fixture
def rows():
    frame = canonical([
        {"area_code": "E92000001", "area_name": "England", "area_type": "country", "value": 15.0, "ci_low": 14.9,
         "ci_high": 15.1},
        # A: published 95% CI above England; its 99.8% CI (in ci_low_99_8/ci_high_99_8) straddles it
        {"area_code": "E06000001", "area_name": "A", "value": 20.0, "ci_low": 16.0, "ci_high": 24.0},
        # B: no CI published, but 12 of 40 (30%): a Wilson interval is computed
        {"area_code": "E06000002", "area_name": "B", "value": 30.0, "numerator": 12, "denominator": 40},
        # C: no CI and no counts
        {"area_code": "E06000003", "area_name": "C", "value": 18.0},
        # D: a period England has no row for
        {"area_code": "E06000004", "area_name": "D", "value": 20.0, "ci_low": 16.0, "ci_high": 24.0,
         "period": "2022"},
        # E: below England
        {"area_code": "E06000005", "area_name": "E", "value": 10.0, "ci_low": 8.0, "ci_high": 12.0},
    ])
    frame["ci_low_99_8"] = [14.8, 14.0, NAN, NAN, 14.0, 7.0]
    frame["ci_high_99_8"] = [15.2, 26.0, NAN, NAN, 26.0, 13.0]
    return frame


def test_benchmark_frame_at_95(rows):
    result = benchmark_frame(rows, polarity="low_is_good", level=0.95).set_index("area_code")
    assert result["comparison"].to_dict() == {
        "E92000001": NOT_COMPARED,  # the benchmark itself
        "E06000001": "Worse",  # LCI 16.0 > 15.0
        "E06000002": "Worse",  # Wilson LCI 18.07 > 15.0 (worked below)
        "E06000003": NOT_COMPARED,  # no CI, no counts
        "E06000004": NOT_COMPARED,  # no England value for 2022
        "E06000005": "Better",  # UCI 12.0 < 15.0
    }
    assert result.loc["E06000001", "comparison_label"] == "Worse than England (95%)"
    assert result.loc["E06000001", "comparison_colour"] == "#D4351C"
    assert result.loc["E06000001", "benchmark_value"] == 15.0
    assert result.loc["E06000003", "comparison_label"] == "Not compared with England"
    assert pd.isna(result.loc["E06000003", "comparison_colour"])  # no fill: drawn with a border only
    assert math.isnan(result.loc["E06000004", "benchmark_value"])
    assert set(result["comparison_level"]) == {0.95}


def test_benchmark_frame_at_99_8_uses_the_wider_intervals(rows):
    result = benchmark_frame(rows, polarity="low_is_good", level=0.998).set_index("area_code")
    assert result["comparison"].to_dict() == {
        "E92000001": NOT_COMPARED, "E06000001": "Similar",  # 14.0-26.0 contains 15.0
        "E06000002": "Similar",  # Wilson 99.8% LCI 13.37 < 15.0 < UCI 54.34
        "E06000003": NOT_COMPARED, "E06000004": NOT_COMPARED, "E06000005": "Better",  # UCI 13.0 < 15.0
    }
    assert result.loc["E06000001", "comparison_label"] == "Similar to England (99.8%)"
    assert result.loc["E06000005", "comparison_colour"] == "#85994B"


def test_wilson_interval_worked_by_hand(rows):
    # 12 events in 40, Wilson: L, U = (2x + z^2 -/+ z*sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2))
    # 95%:   z = 1.959964, z^2 = 3.841459; 2x + z^2 = 27.841459; 4x(1 - x/n) = 48 * 0.7 = 33.6;
    #        sqrt(37.441459) = 6.118943, times z = 11.992907; 2(n + z^2) = 87.682918
    #        L = 15.848552 / 87.682918 = 0.180748 -> 18.0748%; U = 39.834366 / 87.682918 = 0.454300 -> 45.4300%
    # 99.8%: z = 3.090232, z^2 = 9.549534; 2x + z^2 = 33.549534; sqrt(43.149534) = 6.568830,
    #        times z = 20.299210; 2(n + z^2) = 99.099068
    #        L = 13.250324 / 99.099068 = 0.133708 -> 13.3708%; U = 53.848744 / 99.099068 = 0.543383 -> 54.3383%
    at_95 = benchmark_frame(rows, polarity="low_is_good", level=0.95).set_index("area_code").loc["E06000002"]
    assert at_95["comparison_ci_low"] == pytest.approx(18.0748, abs=1e-4)
    assert at_95["comparison_ci_high"] == pytest.approx(45.4300, abs=1e-4)
    assert at_95["comparison_ci_method"] == "Wilson score 95%, computed from the count and denominator"
    at_99_8 = benchmark_frame(rows, polarity="low_is_good", level=0.998).set_index("area_code").loc["E06000002"]
    assert at_99_8["comparison_ci_low"] == pytest.approx(13.3708, abs=1e-4)
    assert at_99_8["comparison_ci_high"] == pytest.approx(54.3383, abs=1e-4)
    # the published interval is used as is where there is one
    assert benchmark_frame(rows, level=0.95).set_index("area_code").loc["E06000001", "comparison_ci_method"] == \
        "as published"


def test_polarity_per_indicator_and_no_judgement(rows):
    flipped = benchmark_frame(rows, polarity={"T1": "high_is_good"}).set_index("area_code")["comparison"]
    assert (flipped["E06000001"], flipped["E06000005"]) == ("Better", "Worse")
    neutral = benchmark_frame(rows).set_index("area_code")  # default: no judgement
    assert (neutral.loc["E06000001", "comparison"], neutral.loc["E06000005", "comparison"]) == ("Higher", "Lower")
    assert neutral.loc["E06000001", "comparison_colour"] == "#003078"
    with pytest.raises(ValueError, match="no polarity given for indicator"):
        benchmark_frame(rows, polarity={"other": "low_is_good"})


def test_weighted_counts_give_no_wilson_interval():
    # APS-style weighted count (not a whole number) with a denominator: no interval can be made up.
    frame = canonical([
        {"area_code": "E92000001", "area_name": "England", "area_type": "country", "value": 15.0},
        {"area_code": "E06000001", "area_name": "A", "value": 31.25, "numerator": 12.5, "denominator": 40},
    ])
    result = benchmark_frame(frame, polarity="low_is_good").set_index("area_code")
    assert result.loc["E06000001", "comparison"] == NOT_COMPARED


def test_a_value_that_is_not_the_crude_proportion_gets_no_wilson_interval():
    # 12 / 40 = 30.0%, but the published value is 27.5 (e.g. age-standardised): no interval is made up.
    frame = canonical([
        {"area_code": "E92000001", "area_name": "England", "area_type": "country", "value": 15.0},
        {"area_code": "E06000001", "area_name": "A", "value": 27.5, "numerator": 12, "denominator": 40},
        {"area_code": "E06000002", "area_name": "B", "value": 30.04, "numerator": 12, "denominator": 40},
    ])
    result = benchmark_frame(frame, polarity="low_is_good").set_index("area_code")
    assert result.loc["E06000001", "comparison"] == NOT_COMPARED
    assert result.loc["E06000002", "comparison"] == "Worse"  # 30.04 rounds to 30.0: crude, Wilson LCI 18.07


def test_frame_without_canonical_columns_is_refused():
    with pytest.raises(ValueError, match="lacks column"):
        benchmark_frame(pd.DataFrame({"area_code": ["E92000001"]}))


# --- Fingertips files through to a comparison ------------------------------------------------------------------


def test_fingertips_api_csv_comparison_agrees_with_fingertips_own_label(tmp_path, indicator_register):
    """Cross-check where the file has CIs: our 95% comparison of each area equals the 'Compared to England'
    text Fingertips wrote in the same file (the fixture's labels follow Fingertips' rule by construction, so
    this checks our reading of the columns and the polarity, not Fingertips itself)."""
    data = read_fingertips_csv(write_api_csv(tmp_path / "f.csv", [ENGLAND, REGION, HARTLEPOOL]), indicator_register)
    polarity = indicator_register.set_index("indicator_id")["polarity"].to_dict()
    result = benchmark_frame(data.joined(), polarity=polarity, level=0.95)
    areas = result[result["area_code"] != "E92000001"]
    assert (areas["comparison"] == areas["compared_to_england"]).all()
    assert areas["comparison_label"].tolist() == ["Worse than England (95%)", "Worse than England (95%)"]
    at_99_8 = benchmark_frame(data.joined(), polarity=polarity, level=0.998).set_index("area_code")
    assert at_99_8.loc["E06000001", "comparison"] == "Similar"  # 10.5-16.6 contains England's 10.9
    assert at_99_8.loc["E12000001", "comparison"] == NOT_COMPARED  # no 99.8% limits and no counts
