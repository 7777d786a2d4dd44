"""Chart builders: assert the Vega-Lite spec's content (data, encodings, titles), and palette contrast."""

import pytest

from analysis.comparison import compare_with_general_population, filter_comparison
from charts.compare import COMPARATOR_CONTEXT, COMPARATOR_LIKE_FOR_LIKE, cohort_vs_population_chart
from charts.forest import ratio_forest_plot
from charts.style import COHORT_COLOURS, TEXT_COLOUR
from core.safe_csv import to_csv_bytes
from loaders.national import load_national_evidence
from present.tables import comparison_table, interval_text
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def national_table():
    bundle = load_national_evidence(BUNDLED)
    return compare_with_general_population(bundle.measures, bundle.evidence, bundle.sources)


def spec_values(spec):
    """The rows of the chart's main dataset (the one holding evidence ids)."""
    return next(values for values in spec["datasets"].values() if values and "indicator_id" in values[0])


def find_layers(spec, mark):
    return [layer for layer in spec["layer"] if (layer["mark"]["type"] if isinstance(layer["mark"], dict)
                                                  else layer["mark"]) == mark]


def test_forest_plot_is_log_scale_and_plots_only_comparable_rows(national_table):
    rows = filter_comparison(national_table, ["prison"])
    spec = ratio_forest_plot(rows, "Prison: ratio").to_dict()
    points = find_layers(spec, "point")[0]
    assert points["encoding"]["x"]["field"] == "ratio"
    assert points["encoding"]["x"]["scale"]["type"] == "log"
    plotted = {value["indicator_id"] for value in spec_values(spec)}
    assert "MH01" in plotted and "MO02" in plotted
    assert "SM03" not in plotted  # low comparability: context only
    assert "MO01" not in plotted  # unverified '50% higher' is quoted, not plotted
    assert spec["title"]["text"] == "Prison: ratio"


def test_forest_plot_labels_each_point_with_its_source_and_year(national_table):
    spec = ratio_forest_plot(filter_comparison(national_table, ["prison"]), "t").to_dict()
    mh01 = next(v for v in spec_values(spec) if v["indicator_id"] == "MH01")
    assert mh01["source_label"] == "Brugha et al. 2005 · data 1997"
    assert mh01["inputs"] == "5.2% vs 0.45%"
    text_layer = find_layers(spec, "text")[0]
    assert "source_label" in text_layer["transform"][0]["calculate"]


def test_dumbbell_marks_low_comparability_comparators_as_context(national_table):
    rows = filter_comparison(national_table, ["police_custody"])
    spec = cohort_vs_population_chart(rows, "Police custody").to_dict()
    values = spec_values(spec)
    comparators = [v for v in values if v["role"] == "comparator"]
    assert {v["series"] for v in comparators} == {COMPARATOR_CONTEXT}  # MH12, LD02, LD03 are all low
    cohort_mh12 = next(v for v in values if v["indicator_id"] == "MH12" and v["role"] == "cohort")
    assert cohort_mh12["value"] == 29 and cohort_mh12["ci_low"] == pytest.approx(22.0814, abs=1e-3)
    x = find_layers(spec, "point")[0]["encoding"]["x"]
    assert x["title"] == "Prevalence (%)"


def test_dumbbell_like_for_like_comparator(national_table):
    rows = filter_comparison(national_table, ["prison"], domains=["smoking"])
    values = spec_values(cohort_vs_population_chart(rows, "t").to_dict())
    assert {(v["series"], v["value"]) for v in values} == {("Prison", 80), (COMPARATOR_LIKE_FOR_LIKE, 14.9)}


def _luminance(hex_colour):
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_on_white(hex_colour):
    return 1.05 / (_luminance(hex_colour) + 0.05)


@pytest.mark.parametrize("cohort", sorted(COHORT_COLOURS))
def test_marker_colours_meet_non_text_contrast(cohort):
    assert contrast_on_white(COHORT_COLOURS[cohort]) >= 3.0  # WCAG 2.2, 1.4.11


def test_text_colour_meets_text_contrast():
    assert contrast_on_white(TEXT_COLOUR) >= 4.5
    assert contrast_on_white("#005EB8") >= 4.5  # theme primary colour (.streamlit/config.toml)


def test_interval_text_says_when_no_ci_was_published():
    assert interval_text(float("nan"), float("nan"), None) == "CI not published"
    assert interval_text(4.5, 6.0, "published by the source") == "4.5 to 6.0 (published by the source)"


def test_table_and_csv_carry_sources_and_neutralise_formulas(national_table):
    table = comparison_table(filter_comparison(national_table, ["prison"], domains=["mental_health"]))
    assert {"Cohort source", "Link", "Caveat", "Ratio"} <= set(table.columns)
    table.loc[0, "Need"] = "=HYPERLINK(\"http://x\")"
    csv = to_csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv
    assert csv.splitlines()[0].startswith("ID,Need,Domain,Cohort")


def test_spine_chart_says_each_comparison_in_words():
    from charts.spine import comparison_word

    assert [comparison_word(label) for label in (
        "Worse than England (95%) as published by Fingertips", "Higher than England (99.8%)", "Not compared",
        "Not compared: no confidence interval", None)] == ["Worse", "Higher", "Not compared", "Not compared", ""]
