"""Local need chart (Altair): per need, the expected number of people in the local cohort with its 95% interval,
beside the number expected at the general population's rate where there is one (the view-model gives it only for a
like-for-like comparison), and the locally adjusted number when asked for."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.rows import label_layer, row_layout, wrapped_title, y_scale
from charts.style import MUTED_TEXT, TEXT_COLOUR, axis_config

EXPECTED = "Expected in this cohort (line: 95% CI)"
AT_GENERAL_RATE = "If they had the general population's rate"
ADJUSTED = "Adjusted for the local general population"
MARKS = {EXPECTED: ("#005EB8", "circle"), AT_GENERAL_RATE: (MUTED_TEXT, "diamond"),
         ADJUSTED: ("#AE2573", "triangle-up")}
FIGURE_PX = 12  # each figure's line within a need's row


def need_chart(estimate: pd.DataFrame, title: str, subtitle: str) -> alt.LayerChart:
    """``estimate``: one cohort's needs, a row each, with the columns ``indicator``, ``expected``, ``expected_low``,
    ``expected_high``, ``expected_at_general_rate`` and ``adjusted_expected`` (present.local_need's chart rows). A
    missing number draws no mark: no "general population's rate" marker where the comparison is not like for like."""
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
    layout, height = row_layout(list(dict.fromkeys(rows["need"])), marks_px=FIGURE_PX * len(figures) + 6)
    data = data.merge(layout[["row_label", "mark_y"]].rename(columns={"row_label": "need"}), on="need")
    # Each figure on its own line within the row: the estimate, then the general rate, then the adjusted one.
    data["y"] = data["mark_y"] + data["figure"].map(
        {figure: (n - (len(figures) - 1) / 2) * FIGURE_PX for n, figure in enumerate(figures)})
    colour = alt.Color("figure:N", title=None, sort=figures,
                       scale=alt.Scale(domain=figures, range=[MARKS[f][0] for f in figures]))
    shape = alt.Shape("figure:N", title=None, sort=figures,
                      scale=alt.Scale(domain=figures, range=[MARKS[f][1] for f in figures]))
    y = alt.Y("y:Q", scale=y_scale(height), axis=None)
    x_scale = alt.Scale(zero=True, domainMin=0, padding=10)  # room for the largest marker at the right
    x = alt.X("number:Q", title="People", scale=x_scale, axis=alt.Axis(orient="top", grid=True))
    intervals = alt.Chart(data.dropna(subset=["low", "high"])).mark_rule(strokeWidth=2, color=TEXT_COLOUR).encode(
        x=alt.X("low:Q", title="People", scale=x_scale), x2="high:Q", y=y)
    points = alt.Chart(data).mark_point(size=110, filled=True, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape,
        tooltip=[alt.Tooltip("need:N", title="Need"), alt.Tooltip("figure:N", title="Figure"),
                 alt.Tooltip("number:Q", title="People", format=",.0f")])
    chart = alt.layer(intervals, points, label_layer(layout, 0, x_scale, height)).properties(
        width="container", height=height,
        # Fit the width only: with Streamlit's default "fit" the height would include the title, axis and legend,
        # squashing a short chart's rows together.
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        title=wrapped_title(title, [subtitle]))
    return chart.configure(**axis_config())
