"""Forest-style dot plot of cohort ÷ general-population ratios on a log scale."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.rows import label_layer, row_layout, wrapped_title, y_scale
from charts.style import COHORT_COLOURS, RATIO_SHAPES, axis_config, sex_suffix
from core.comparison_codes import PLOTTABLE_BASES, RatioBasis
from core.labels import COHORT_LABELS, RATIO_BASIS_LABELS

PLOTTED_BASES = PLOTTABLE_BASES
LOWEST_RATIO = 0.5  # the axis's left end, where the rows' labels start


def forest_data(comparison: pd.DataFrame) -> pd.DataFrame:
    """The rows a forest plot shows, with the labels it needs. Quoted and context-only rows are left out."""
    rows = comparison[comparison["ratio_basis"].isin(PLOTTED_BASES) & comparison["ratio"].notna()].copy()
    rows["need"] = rows["indicator"] + rows["sex"].map(sex_suffix)
    rows["cohort_label"] = rows["cohort"].map(COHORT_LABELS)
    rows["basis_label"] = rows["ratio_basis"].map(RATIO_BASIS_LABELS)
    rows["source_label"] = rows["cohort_source"] + " · data " + rows["data_year"].astype(int).astype(str)
    rows["grade_label"] = "data " + rows["data_year"].astype(int).astype(str) + " · grade " + rows["grade"]
    rows["caution"] = rows["weakness"].fillna("")
    rows["inputs"] = [
        f"{r.cohort_value:g}% vs {r.comparator_value:g}%" if r.ratio_basis == RatioBasis.COMPUTED
        else f"“{r.ratio_wording}”" for r in rows.itertuples()
    ]
    rows["ci_text"] = rows["ratio_ci_note"]
    several = rows["cohort"].nunique() > 1
    rows["point_label"] = [(f"{r.cohort_label} " if several else "") + f"{r.ratio_text} ({r.grade_label})"
                           for r in rows.itertuples()]
    return rows[["indicator_id", "need", "cohort", "cohort_label", "ratio", "ratio_ci_low", "ratio_ci_high",
                 "ratio_text", "ratio_basis", "basis_label", "source_label", "inputs", "ci_text",
                 "grade_label", "comparability", "caution", "point_label"]]


SUBTITLE = ("Each dot: the cohort figure divided by the general-population figure (1 = the same).",
            "Only like-for-like comparisons are plotted. Diamonds: ratios published by the source; circles: "
            "computed from two published percentages.", "Grades A-D: see Sources and methods.",
            "Lines: 95% confidence intervals where they can be computed; most sources publish none.")


def ratio_forest_plot(comparison: pd.DataFrame, title: str) -> alt.LayerChart:
    """Dot per need (log-scale ratio), CI whiskers where known; above each row its need, ratio, data year and grade
    (charts.rows), the source, interval and caution in the dot's tooltip."""
    data = forest_data(comparison)
    cohorts = list(dict.fromkeys(data["cohort"]))
    # Each row's label: the need, then each cohort's ratio with its data year and grade (one row per need).
    data["row_label"] = data["need"] + ": " + data.groupby("need", sort=False)["point_label"].transform("; ".join)
    layout, height = row_layout(list(dict.fromkeys(data["row_label"])))
    data = data.merge(layout[["row_label", "mark_y"]], on="row_label")
    maximum = max(2.0, float(data[["ratio", "ratio_ci_high"]].max().max()) * 1.5) if not data.empty else 10
    scale = alt.Scale(type="log", domain=[LOWEST_RATIO, maximum], nice=False)
    x = alt.X("ratio:Q", title="Times as common as in the general population (log scale)", scale=scale,
              axis=alt.Axis(values=[0.5, 1, 2, 5, 10, 20, 50, 100], format="~g", orient="top", grid=True))
    y = alt.Y("mark_y:Q", scale=y_scale(height), axis=None)
    colour = alt.Color("cohort_label:N", title="Cohort",
                       scale=alt.Scale(domain=[COHORT_LABELS[c] for c in cohorts],
                                       range=[COHORT_COLOURS[c] for c in cohorts]))
    shape = alt.Shape("basis_label:N", title="Ratio",
                      scale=alt.Scale(domain=[RATIO_BASIS_LABELS[b] for b in PLOTTED_BASES],
                                      range=[RATIO_SHAPES[b] for b in PLOTTED_BASES]))
    tooltip = [alt.Tooltip("need:N", title="Need"), alt.Tooltip("cohort_label:N", title="Cohort"),
               alt.Tooltip("ratio_text:N", title="Ratio"), alt.Tooltip("inputs:N", title="From"),
               alt.Tooltip("ci_text:N", title="Interval"), alt.Tooltip("source_label:N", title="Source"),
               alt.Tooltip("grade_label:N", title="Data year and grade"),
               alt.Tooltip("comparability:N", title="Comparability"), alt.Tooltip("caution:N", title="Caution")]
    base = alt.Chart(data)
    reference = alt.Chart(pd.DataFrame({"ratio": [1.0]})).mark_rule(color="#4C6272", strokeDash=[4, 3]).encode(
        x=alt.X("ratio:Q", scale=scale))
    whiskers = base.transform_filter("isValid(datum.ratio_ci_low)").mark_rule(strokeWidth=2).encode(
        x=alt.X("ratio_ci_low:Q", scale=scale), x2="ratio_ci_high:Q", y=y, color=colour)
    points = base.mark_point(filled=True, size=140, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    chart = alt.layer(reference, whiskers, points, label_layer(layout, LOWEST_RATIO, scale, height)
                      ).properties(title=wrapped_title(title, SUBTITLE), height=height, width="container",
                                   autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return chart.configure(**axis_config())
