"""Back-tests of the charts on the bundled evidence: which rows the forest plot and the dumbbell chart draw, and
with which published values and sources."""

import pytest

from analysis.comparison import filter_comparison
from charts.compare import COMPARATOR_CONTEXT, COMPARATOR_LIKE_FOR_LIKE, cohort_vs_population_chart
from charts.forest import ratio_forest_plot


def spec_values(spec):
    """The rows of the chart's main dataset (the one holding evidence ids)."""
    return next(values for values in spec["datasets"].values() if values and "indicator_id" in values[0])


def find_layers(spec, mark):
    return [layer for layer in spec["layer"] if (layer["mark"]["type"] if isinstance(layer["mark"], dict)
                                                  else layer["mark"]) == mark]


def test_forest_plot_is_log_scale_and_plots_only_comparable_rows(bundled_comparison):
    rows = filter_comparison(bundled_comparison, ["prison"])
    spec = ratio_forest_plot(rows, "Prison: ratio").to_dict()
    points = find_layers(spec, "point")[0]
    assert points["encoding"]["x"]["field"] == "ratio"
    assert points["encoding"]["x"]["scale"]["type"] == "log"
    plotted = {value["indicator_id"] for value in spec_values(spec)}
    assert "MH01" in plotted and "MO02" in plotted
    assert "SM03" not in plotted  # low comparability: context only
    assert "MO01" not in plotted  # unverified '50% higher' is quoted, not plotted
    assert spec["title"]["text"] == ["Prison: ratio"]  # wrapped to a phone's width: one line here


def test_forest_plot_labels_each_point_with_its_source_and_year(bundled_comparison):
    spec = ratio_forest_plot(filter_comparison(bundled_comparison, ["prison"]), "t").to_dict()
    mh01 = next(v for v in spec_values(spec) if v["indicator_id"] == "MH01")
    assert mh01["source_label"] == "Brugha et al. 2005 · data 1997"
    assert mh01["grade_label"] == "data 1997 · grade A"
    assert mh01["caution"] == "1997 prison data; crude, not standardised for age and sex"
    assert mh01["inputs"] == "5.2% vs 0.45%"
    # Its row's label, above the dot: the need, the ratio (5.2 / 0.45 = 11.56 -> "11.6×"), data year and grade.
    labels = next(values for values in spec["datasets"].values() if values and "label_text" in values[0])
    assert any(row["row_label"] == "Probable functional psychosis in the past year: 11.6× (data 1997 · grade A)"
               for row in labels)


def test_dumbbell_marks_low_comparability_comparators_as_context(bundled_comparison):
    rows = filter_comparison(bundled_comparison, ["police_custody"])
    spec = cohort_vs_population_chart(rows, "Police custody").to_dict()
    values = spec_values(spec)
    comparators = [v for v in values if v["role"] == "comparator"]
    assert {v["series"] for v in comparators} == {COMPARATOR_CONTEXT}  # MH12, LD02, LD03 are all low
    cohort_mh12 = next(v for v in values if v["indicator_id"] == "MH12" and v["role"] == "cohort")
    assert cohort_mh12["value"] == 29 and cohort_mh12["ci_low"] == pytest.approx(22.0814, abs=1e-3)
    x = find_layers(spec, "point")[0]["encoding"]["x"]
    assert x["title"] == "Prevalence (%)"


def test_dumbbell_marks_a_same_measure_crude_comparator_as_context(bundled_comparison):
    # Prison smoking, 80% vs 14.9%: the same measure, but all adults against a mostly male, young cohort.
    rows = filter_comparison(bundled_comparison, ["prison"], domains=["smoking"])
    values = spec_values(cohort_vs_population_chart(rows, "t").to_dict())
    assert {(v["series"], v["value"]) for v in values} == {("Prison", 80), (COMPARATOR_CONTEXT, 14.9)}


def test_dumbbell_like_for_like_comparator(bundled_comparison):
    # LD06, matched 3:1 on age, sex and deprivation: 24.7% vs 18.2%.
    rows = filter_comparison(bundled_comparison, ["prison"], domains=["learning_disability_neurodiversity"])
    values = spec_values(cohort_vs_population_chart(rows[rows["indicator_id"] == "LD06"], "t").to_dict())
    assert {(v["series"], v["value"]) for v in values} == {("Prison", 24.7), (COMPARATOR_LIKE_FOR_LIKE, 18.2)}
