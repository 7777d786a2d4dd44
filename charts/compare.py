"""Cohort versus general population side by side: a dumbbell chart of prevalences with CIs, laid out for any
width (charts.rows: each row's label above its markers). Sources are in each marker's tooltip and the table under
the chart, not in a column of their own."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.rows import WRAP_CHARS, label_layer, row_layout, wrapped_title, y_scale
from charts.style import COHORT_COLOURS, axis_config, scaled_config, sex_suffix
from core.comparison_codes import RatioBasis
from core.labels import COHORT_LABELS

COMPARATOR_LIKE_FOR_LIKE = "General population (like-for-like)"
COMPARATOR_CONTEXT = "General population (context only)"
SUBTITLE = ("Filled markers: like-for-like figures.", "Hollow triangles: the general population as context only.",
            "Lines: 95% confidence intervals where known.", "Sources: in each marker's tooltip and the table.")


def row_labels(comparison: pd.DataFrame) -> pd.Series:
    """Each row's label on the chart: need, sex where one is given, and cohort."""
    return comparison["indicator"] + comparison["sex"].map(sex_suffix) + " · " + comparison["cohort"].map(COHORT_LABELS)


def dumbbell_data(comparison: pd.DataFrame) -> pd.DataFrame:
    """Long frame: one row per plotted point (cohort or comparator) for percentage rows."""
    rows = comparison[comparison["unit"] == "%"].copy()
    rows["row_label"] = row_labels(rows)
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


def cohort_vs_population_chart(comparison: pd.DataFrame, title: str | None, scale: float = 1.0,
                               wrap: int = WRAP_CHARS) -> alt.LayerChart:
    """Dumbbell: cohort % and general-population % per need, CIs where known, comparator hollow when
    it is context only. ``scale`` enlarges text and rows and ``wrap`` is a label line's length (the board
    pack's slides, a wide image, use larger ones); ``title`` None leaves the title out (a slide has its own)."""
    data = dumbbell_data(comparison)
    order = list(dict.fromkeys(data["row_label"]))
    layout, height = row_layout(order, scale, wrap)
    data = data.merge(layout[["row_label", "mark_y"]], on="row_label")
    cohorts = list(dict.fromkeys(comparison.loc[comparison["unit"] == "%", "cohort"]))
    series = [COHORT_LABELS[c] for c in cohorts] + [COMPARATOR_LIKE_FOR_LIKE, COMPARATOR_CONTEXT]
    colours = [COHORT_COLOURS[c] for c in cohorts] + [COHORT_COLOURS["general_population"], "#768692"]
    shapes = ["circle"] * len(cohorts) + ["square", "triangle-up"]
    y = alt.Y("mark_y:Q", scale=y_scale(height), axis=None)
    x_scale = alt.Scale(domain=[0, 100], nice=False)
    x = alt.X("value:Q", title="Prevalence (%)", scale=x_scale,
              axis=alt.Axis(values=list(range(0, 101, 20)), orient="top", grid=True))
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=series, range=colours))
    shape = alt.Shape("series:N", title=None, scale=alt.Scale(domain=series, range=shapes))
    tooltip = [alt.Tooltip("row_label:N", title="Need"), alt.Tooltip("series:N", title="Group"),
               alt.Tooltip("value:Q", title="Value (%)", format="~g"),
               alt.Tooltip("ci_low:Q", title="95% CI lower (%)", format=".1f"),
               alt.Tooltip("ci_high:Q", title="95% CI upper (%)", format=".1f"),
               alt.Tooltip("period:N", title="Period"), alt.Tooltip("source:N", title="Source")]
    base = alt.Chart(data)
    size = 130 * scale * scale
    links = base.mark_rule(color="#AEB7BD", strokeWidth=2 * scale).encode(
        y=y, x=alt.X("min(value):Q", scale=x_scale), x2="max(value):Q")
    whiskers = base.transform_filter("isValid(datum.ci_low)").mark_rule(strokeWidth=2 * scale).encode(
        y=y, x=alt.X("ci_low:Q", scale=x_scale), x2="ci_high:Q", color=colour)
    points = base.mark_point(size=size, filled=True, opacity=1).encode(x=x, y=y, color=colour, shape=shape,
                                                                       tooltip=tooltip)
    solid = points.transform_filter(alt.datum.series != COMPARATOR_CONTEXT)
    context = base.transform_filter(alt.datum.series == COMPARATOR_CONTEXT).mark_point(
        size=size, filled=False, opacity=1).encode(x=x, y=y, color=colour, shape=shape, tooltip=tooltip)
    labels = label_layer(layout, 0, x_scale, height, scale)
    chart = alt.layer(links, whiskers, solid, context, labels).properties(
        height=height, width="container", autosize=alt.AutoSizeParams(type="fit-x", contains="padding"))
    if title is not None:
        chart = chart.properties(title=wrapped_title(title, SUBTITLE))
    return chart.configure(**(axis_config() if scale == 1 else scaled_config(scale)))
