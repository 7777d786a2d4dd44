"""Forest-style dot plot of cohort ÷ general-population ratios on a log scale."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.style import COHORT_COLOURS, RATIO_SHAPES, axis_config, sex_suffix
from core.comparison_codes import PLOTTABLE_BASES, RatioBasis
from core.labels import COHORT_LABELS, RATIO_BASIS_LABELS

PLOTTED_BASES = PLOTTABLE_BASES


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
    return rows[["indicator_id", "need", "cohort", "cohort_label", "ratio", "ratio_ci_low", "ratio_ci_high",
                 "ratio_text", "ratio_basis", "basis_label", "source_label", "inputs", "ci_text",
                 "grade_label", "comparability", "caution"]]


def ratio_forest_plot(comparison: pd.DataFrame, title: str) -> alt.Chart:
    """Dot per need (log-scale ratio), CI whiskers where known, the data year and grade written beside each dot
    (the source, interval and caution in its tooltip)."""
    data = forest_data(comparison)
    cohorts = list(dict.fromkeys(data["cohort"]))
    order = list(dict.fromkeys(data["need"]))
    # Room to the right of the largest ratio for its written label (log scale: x8 is most of a decade).
    maximum = max(2.0, float(data[["ratio", "ratio_ci_high"]].max().max()) * 8) if not data.empty else 10
    scale = alt.Scale(type="log", domain=[0.5, maximum], nice=False)
    x = alt.X("ratio:Q", title="Times as common as in the general population (log scale)", scale=scale,
              axis=alt.Axis(values=[0.5, 1, 2, 5, 10, 20, 50, 100], format="~g"))
    y = alt.Y("need:N", sort=order, title=None, axis=alt.Axis(labelLimit=420, labelOverlap=False))
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
        x=alt.X("ratio:Q"))
    whiskers = base.transform_filter("isValid(datum.ratio_ci_low)").mark_rule(strokeWidth=2).encode(
        x=alt.X("ratio_ci_low:Q", scale=scale), x2="ratio_ci_high:Q", y=y, color=colour)
    points = base.mark_point(filled=True, size=140, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    labels = base.mark_text(align="left", dx=12, fontSize=12, color="#212B32").encode(
        x=x, y=y, text=alt.Text("label:N")).transform_calculate(
        label="datum.ratio_text + '  ' + datum.grade_label")
    height = max(120, 30 * len(order))
    chart = alt.layer(reference, whiskers, points, labels).properties(
        title=alt.TitleParams(title, subtitle=[
            "Each dot: the cohort figure divided by the general-population figure (1 = the same).",
            "Only like-for-like comparisons are plotted. Diamonds are ratios published by the source; circles are "
            "computed from two published percentages. Grades A-D: see Sources and methods.",
            "Lines show 95% confidence intervals where they can be computed; most sources publish none.",
        ]),
        height=height, width="container", autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return chart.configure(**axis_config())
