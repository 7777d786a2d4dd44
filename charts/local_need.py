"""Local need chart (Altair): per need, the expected number of people in the local cohort with its 95% interval,
beside the number expected at the general population's rate (and the locally adjusted number when asked for)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from analysis.local_need import ESTIMATOR_COHORTS, format_count
from charts.style import MUTED_TEXT, TEXT_COLOUR, axis_config

EXPECTED = "Expected in this cohort (line: 95% CI)"
AT_GENERAL_RATE = "If they had the general population's rate"
ADJUSTED = "Adjusted for the local general population"
MARKS = {EXPECTED: ("#005EB8", "circle"), AT_GENERAL_RATE: (MUTED_TEXT, "diamond"),
         ADJUSTED: ("#AE2573", "triangle-up")}


def need_chart(estimate: pd.DataFrame, title: str, subtitle: str) -> alt.LayerChart:
    """``estimate``: analysis.local_need.estimate_need's frame for one cohort (rows with an expected number)."""
    rows = estimate.dropna(subset=["expected"]).copy()
    rows["need"] = rows["indicator"]
    parts = [rows.assign(figure=EXPECTED, number=rows["expected"], low=rows["expected_low"],
                         high=rows["expected_high"]),
             rows.assign(figure=AT_GENERAL_RATE, number=rows["expected_at_general_rate"], low=float("nan"),
                         high=float("nan"))]
    if rows["adjusted_expected"].notna().any():
        parts.append(rows.assign(figure=ADJUSTED, number=rows["adjusted_expected"], low=float("nan"),
                                 high=float("nan")))
    data = pd.concat(parts, ignore_index=True).dropna(subset=["number"])[["need", "figure", "number", "low", "high"]]
    figures = [figure for figure in MARKS if figure in set(data["figure"])]
    colour = alt.Color("figure:N", title=None, sort=figures,
                       scale=alt.Scale(domain=figures, range=[MARKS[f][0] for f in figures]))
    shape = alt.Shape("figure:N", title=None, sort=figures,
                      scale=alt.Scale(domain=figures, range=[MARKS[f][1] for f in figures]))
    y = alt.Y("need:N", title=None, sort=list(dict.fromkeys(rows["need"])), axis=alt.Axis(labelLimit=380))
    offset = alt.YOffset("figure:N", sort=figures, scale=alt.Scale(domain=figures))
    x = alt.X("number:Q", title="People", scale=alt.Scale(zero=True))
    intervals = alt.Chart(data.dropna(subset=["low", "high"])).mark_rule(strokeWidth=2, color=TEXT_COLOUR).encode(
        x=alt.X("low:Q", title="People"), x2="high:Q", y=y, yOffset=offset)
    points = alt.Chart(data).mark_point(size=110, filled=True, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, yOffset=offset,
        tooltip=[alt.Tooltip("need:N", title="Need"), alt.Tooltip("figure:N", title="Figure"),
                 alt.Tooltip("number:Q", title="People", format=",.0f")])
    chart = alt.layer(intervals, points).properties(
        width="container", height=(10 * len(figures) + 16) * rows["need"].nunique(),
        # Fit the width only: with Streamlit's default "fit" the height would include the title, axis and legend,
        # squashing a short chart's rows together.
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        title=alt.TitleParams(title, subtitle=[subtitle]))
    return chart.configure(**axis_config())


# Estimate column -> heading: the Local need page's table, its CSV (unrounded) and the board pack use these.
TABLE_HEADINGS = {
    "cohort": "Cohort", "indicator": "Need", "cohort_size": "Cohort size", "basis_text": "Basis",
    "cohort_value": "Cohort prevalence (%)", "cohort_ci_low": "Lower 95% limit (%)",
    "cohort_ci_high": "Upper 95% limit (%)", "cohort_ci_method": "Interval", "expected": "Expected people",
    "expected_low": "Expected, lower 95%", "expected_high": "Expected, upper 95%",
    "comparator_value": "General population prevalence (%)", "expected_at_general_rate": "At the general rate",
    "additional": "Additional people", "additional_note": "About the difference",
    "adjustment_ratio": "Local adjustment (local ÷ England)", "adjusted_expected": "Adjusted expected people",
    "adjustment_note": "About the adjustment", "comparability": "Comparability", "data_year": "Data year",
    "cohort_citation": "Cohort source", "source_url": "Cohort source link", "comparator_citation": "General "
    "population source", "caveat": "Caveat",
}
COUNT_HEADINGS = ["Cohort size", "Expected people", "Expected, lower 95%", "Expected, upper 95%",
                  "At the general rate", "Additional people", "Adjusted expected people"]


def need_tables(combined: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the table with every figure unrounded, the same with counts rounded for display) from
    ``analysis.local_need.side_by_side``'s frame."""
    table = combined[list(TABLE_HEADINGS)].rename(columns=TABLE_HEADINGS)
    table["Cohort"] = combined["cohort"].map(lambda cohort: ESTIMATOR_COHORTS[cohort].label)
    display = table.copy()
    for heading in COUNT_HEADINGS:
        display[heading] = display[heading].map(format_count)
    return table, display
