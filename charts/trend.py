"""Trend chart (Altair): one indicator over time for an area, England and (where published) its region."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.style import MUTED_TEXT, TEXT_COLOUR, axis_config

SERIES_STYLE = {"area": ("#005EB8", "circle"), "England": (TEXT_COLOUR, "square"), "region": (MUTED_TEXT, "diamond")}


def trend_chart(series: pd.DataFrame, periods: list[str], title: str, unit: str) -> alt.LayerChart:
    """``series``: columns series (area, region or England name), kind (area, region, England), period, value,
    ci_low, ci_high. Lines with markers of different shapes, so the series differ without colour; intervals as
    error bars where published."""
    data = series.dropna(subset=["value"]).copy()
    kinds = list(dict.fromkeys(data["kind"]))
    names = [data.loc[data["kind"] == kind, "series"].iloc[0] for kind in kinds]
    colour = alt.Color("series:N", title=None, sort=names,
                       scale=alt.Scale(domain=names, range=[SERIES_STYLE[k][0] for k in kinds]))
    shape = alt.Shape("series:N", title=None, sort=names,
                      scale=alt.Scale(domain=names, range=[SERIES_STYLE[k][1] for k in kinds]))
    x = alt.X("period:O", sort=periods, title=None, axis=alt.Axis(labelAngle=-40))
    y = alt.Y("value:Q", title=unit, scale=alt.Scale(zero=False))
    base = alt.Chart(data)
    lines = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=colour, detail="series:N")
    points = base.mark_point(filled=True, size=70).encode(
        x=x, y=y, color=colour, shape=shape,
        tooltip=[alt.Tooltip("series:N", title="Area"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("value:Q", title=unit, format=",.1f")])
    layers = [lines, points]
    with_ci = data.dropna(subset=["ci_low", "ci_high"])
    if not with_ci.empty:
        layers.insert(0, alt.Chart(with_ci).mark_errorbar(ticks=True).encode(
            x=x, y=alt.Y("ci_low:Q", title=unit), y2="ci_high:Q", color=colour))
    chart = alt.layer(*layers).properties(width="container", height=320, title=title)
    return chart.configure(**axis_config())
