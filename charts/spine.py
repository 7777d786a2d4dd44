"""Spine chart (Altair): each indicator's range of areas around England, with one area's position."""

from __future__ import annotations

import altair as alt
import pandas as pd

from charts.style import MUTED_TEXT, TEXT_COLOUR, axis_config

RANGE_COLOUR = "#D8DDE0"  # NHS pale grey
MIDDLE_COLOUR = "#AEB7BD"  # NHS mid grey
NOT_COMPARED_FILL = "#FFFFFF"


def comparison_word(label: object) -> str:
    """ "Worse than England (95%) as published by Fingertips" -> "Worse"; "Not compared" stays whole."""
    text = str(label) if isinstance(label, str) else ""
    return "Not compared" if text.startswith("Not compared") else text.split(" ")[0]


def end_words(flipped: bool, judged: bool) -> tuple[str, str]:
    """The words at a line's left and right ends: for a low-is-good indicator (flipped) the higher values are on
    the left and worse; for high-is-good the lower values are; without a judgement, lower is on the left."""
    if not judged:
        return "Lower", "Higher"
    return ("Worse (higher)", "Better (lower)") if flipped else ("Worse (lower)", "Better (higher)")


def spine_chart(positions: pd.DataFrame, profile: pd.DataFrame, area_name: str) -> alt.LayerChart:
    """``positions`` from analysis.profile.spine_positions; ``profile`` gives the words for the tooltip."""
    data = positions.merge(profile[["indicator_id", "period", "value", "england_value", "comparison_label",
                                    "comparison_colour", "unit"]], on="indicator_id")
    data["marker_fill"] = data["comparison_colour"].fillna(NOT_COMPARED_FILL)
    data["value_text"] = data["value"].map(lambda v: f"{v:,.1f}") + data["unit"].map(lambda u: "%" if u == "%"
                                                                                      else f" {u}")
    data["england_text"] = data["england_value"].map(lambda v: f"{v:,.1f}")
    data["comparison_word"] = data["comparison_label"].map(comparison_word)
    y = alt.Y("short_name:N", title=None, sort=list(data["short_name"]))
    scale = alt.Scale(domain=[0, 1])
    base = alt.Chart(data)
    data["left_end"], data["right_end"] = zip(*(end_words(flipped, judged) for flipped, judged in
                                                zip(data["flipped"], data["judged"], strict=True)), strict=True)
    spread = base.mark_bar(height=14, color=RANGE_COLOUR).encode(
        x=alt.X("lowest:Q", scale=scale, axis=alt.Axis(values=[0.5], labelExpr="'England'", title=None)),
        x2="highest:Q", y=y)
    # Each line's ends in words for its own polarity: worse and better where the indicator has a judgement.
    left = base.mark_text(align="left", dy=16, fontSize=11, color=MUTED_TEXT).encode(
        x=alt.datum(0, scale=scale), y=y, text="left_end:N")
    right = base.mark_text(align="right", dy=16, fontSize=11, color=MUTED_TEXT).encode(
        x=alt.datum(1, scale=scale), y=y, text="right_end:N")
    middle = base.mark_bar(height=14, color=MIDDLE_COLOUR).encode(x="q25:Q", x2="q75:Q", y=y)
    england = alt.Chart(pd.DataFrame({"x": [0.5]})).mark_rule(color=TEXT_COLOUR, strokeWidth=2).encode(x="x:Q")
    marker = base.mark_point(shape="circle", size=170, filled=True, stroke=TEXT_COLOUR, strokeWidth=1.2,
                             opacity=1).encode(
        x="area:Q", y=y, fill=alt.Fill("marker_fill:N", scale=None),
        tooltip=[alt.Tooltip("short_name:N", title="Indicator"), alt.Tooltip("period:N", title="Period"),
                 alt.Tooltip("value_text:N", title=area_name), alt.Tooltip("england_text:N", title="England"),
                 alt.Tooltip("comparison_label:N", title="Compared with England")])
    # The comparison in words above each circle, so colour is never the only signal.
    words = base.mark_text(dy=-17, fontSize=11, color=TEXT_COLOUR).encode(x="area:Q", y=y, text="comparison_word:N")
    chart = alt.layer(spread, middle, england, marker, words, left, right).properties(
        width="container", height=alt.Step(52),
        title=alt.TitleParams(f"{area_name} against England",
                              subtitle=["Bar: range of areas (darker: middle half). Line: England. "
                                        "Circle: this area, coloured and labelled by its comparison with England."]))
    return chart.configure(**axis_config())
