"""Cohort versus general population side by side: a dumbbell chart of prevalences with CIs."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.style import COHORT_COLOURS, axis_config, sex_suffix
from core.comparison_codes import RatioBasis
from core.labels import COHORT_LABELS

COMPARATOR_LIKE_FOR_LIKE = "General population (like-for-like)"
COMPARATOR_CONTEXT = "General population (context only)"
SOURCE_COLUMN_START = 104
SOURCE_COLUMN_END = 175


def dumbbell_data(comparison: pd.DataFrame) -> pd.DataFrame:
    """Long frame: one row per plotted point (cohort or comparator) for percentage rows."""
    rows = comparison[comparison["unit"] == "%"].copy()
    rows["row_label"] = (rows["indicator"] + rows["sex"].map(sex_suffix) + " · "
                         + rows["cohort"].map(COHORT_LABELS))
    rows["source_label"] = rows["cohort_source"] + " · data " + rows["data_year"].astype(int).astype(str)
    cohort_points = pd.DataFrame({
        "indicator_id": rows["indicator_id"], "row_label": rows["row_label"],
        "series": rows["cohort"].map(COHORT_LABELS), "value": rows["cohort_value"],
        "ci_low": rows["cohort_ci_low"], "ci_high": rows["cohort_ci_high"],
        "source": rows["source_label"], "period": rows["period"], "role": "cohort",
    })
    comparator = rows[rows["comparator_value"].notna()]
    comparator_points = pd.DataFrame({
        "indicator_id": comparator["indicator_id"], "row_label": comparator["row_label"],
        "series": [COMPARATOR_CONTEXT if basis == RatioBasis.CONTEXT_ONLY else COMPARATOR_LIKE_FOR_LIKE
                   for basis in comparator["ratio_basis"]],
        "value": comparator["comparator_value"],
        "ci_low": comparator["comparator_ci_low"], "ci_high": comparator["comparator_ci_high"],
        "source": comparator["comparator_source"].fillna(comparator["cohort_source"]),
        "period": comparator["comparator_period"].fillna("not stated"), "role": "comparator",
    })
    return pd.concat([cohort_points, comparator_points], ignore_index=True)


def cohort_vs_population_chart(comparison: pd.DataFrame, title: str) -> alt.Chart:
    """Dumbbell: cohort % and general-population % per need, CIs where known, comparator hollow when
    it is context only."""
    data = dumbbell_data(comparison)
    order = list(dict.fromkeys(data["row_label"]))
    cohorts = list(dict.fromkeys(comparison.loc[comparison["unit"] == "%", "cohort"]))
    series = [COHORT_LABELS[c] for c in cohorts] + [COMPARATOR_LIKE_FOR_LIKE, COMPARATOR_CONTEXT]
    colours = [COHORT_COLOURS[c] for c in cohorts] + [COHORT_COLOURS["general_population"], "#768692"]
    shapes = ["circle"] * len(cohorts) + ["square", "triangle-up"]
    y = alt.Y("row_label:N", sort=order, title=None, axis=alt.Axis(labelLimit=460, labelOverlap=False))
    # The axis stops at 100%; the space to its right holds each row's source and data year.
    scale = alt.Scale(domain=[0, SOURCE_COLUMN_END])
    x = alt.X("value:Q", title="Prevalence (%)", scale=scale, axis=alt.Axis(values=list(range(0, 101, 20))))
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=series, range=colours))
    shape = alt.Shape("series:N", title=None, scale=alt.Scale(domain=series, range=shapes))
    tooltip = [alt.Tooltip("row_label:N", title="Need"), alt.Tooltip("series:N", title="Group"),
               alt.Tooltip("value:Q", title="Value (%)", format="~g"),
               alt.Tooltip("ci_low:Q", title="95% CI lower (%)", format=".1f"),
               alt.Tooltip("ci_high:Q", title="95% CI upper (%)", format=".1f"),
               alt.Tooltip("period:N", title="Period"), alt.Tooltip("source:N", title="Source")]
    base = alt.Chart(data)
    links = base.mark_rule(color="#AEB7BD", strokeWidth=2).encode(
        y=y, x=alt.X("min(value):Q", scale=scale), x2="max(value):Q")
    whiskers = base.transform_filter("isValid(datum.ci_low)").mark_rule(strokeWidth=2).encode(
        y=y, x=alt.X("ci_low:Q", scale=scale), x2="ci_high:Q", color=colour)
    points = base.mark_point(size=130, filled=True, opacity=1).encode(
        x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    context = base.transform_filter(alt.datum.series == COMPARATOR_CONTEXT).mark_point(
        size=130, filled=False, opacity=1).encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    solid = points.transform_filter(alt.datum.series != COMPARATOR_CONTEXT)
    sources = base.transform_filter(alt.datum.role == "cohort").mark_text(
        align="left", fontSize=11, color="#4C6272").encode(y=y, x=alt.datum(SOURCE_COLUMN_START), text="source:N")
    chart = alt.layer(links, whiskers, solid, context, sources).properties(
        title=alt.TitleParams(title, subtitle=[
            "Filled markers: like-for-like figures. Hollow triangles: comparator shown as context only "
            "(different measure or population).",
            "Lines through markers: 95% confidence intervals where published or computable from counts.",
            "Right: the cohort figure's source and data year; the table below has full citations.",
        ]),
        height=max(120, 30 * len(order)), width="container",
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    return chart.configure(**axis_config())
