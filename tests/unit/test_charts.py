"""Chart builders: assert the Vega-Lite spec's content (data, encodings, titles), and palette contrast."""

import pytest

from analysis.comparison import filter_comparison
from charts.style import COHORT_COLOURS, TEXT_COLOUR
from core.safe_csv import to_csv_bytes
from present.tables import comparison_table, interval_text


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


def test_table_and_csv_carry_sources_and_neutralise_formulas(bundled_comparison):
    table = comparison_table(filter_comparison(bundled_comparison, ["prison"], domains=["mental_health"]))
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
