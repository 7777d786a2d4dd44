"""A chart's rows laid out for any width: each row's label above its marks, wrapped over lines, so the plot runs
the chart's full width on a phone as on a desktop (a label column beside the plot took most of the width), and
titles wrapped to a phone's width. Used by the Compare, Overview and Local need charts."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import altair as alt
import pandas as pd

from charts.style import MUTED_TEXT, TEXT_COLOUR

WRAP_CHARS = 44  # a label's line: about 330 px at 13 px, a phone's plot width
TITLE_WRAP_CHARS, SUBTITLE_WRAP_CHARS = 32, 46  # the same width at the title's 17 px and the subtitle's 13 px
LABEL_PX, LINE_PX, MARK_PX, ROW_GAP_PX = 13, 17, 22, 14


def row_layout(labels: Sequence[str], scale: float = 1.0, wrap: int = WRAP_CHARS,
               marks_px: float = MARK_PX) -> tuple[pd.DataFrame, float]:
    """Each row's label (wrapped, lines joined by newlines), where its label's top and its marks' centre sit in
    pixels from the chart's top, and the chart's height. A row is its label's lines, its marks, then a gap."""
    top, rows = 0.0, []
    for label in labels:
        lines = textwrap.wrap(label, wrap) or [label]
        marks = top + (len(lines) * LINE_PX + marks_px / 2) * scale
        rows.append({"row_label": label, "label_text": "\n".join(lines), "label_y": top, "mark_y": marks})
        top = marks + (marks_px / 2 + ROW_GAP_PX) * scale
    return pd.DataFrame(rows, columns=["row_label", "label_text", "label_y", "mark_y"]), top


def y_scale(height: float) -> alt.Scale:
    """A vertical scale in pixels from the top (row_layout's positions)."""
    return alt.Scale(domain=[0, height], range=[0, height], nice=False, zero=False)


def label_layer(layout: pd.DataFrame, left: float, x_scale: alt.Scale, height: float,
                scale: float = 1.0) -> alt.Chart:
    """The rows' labels, from the plot's left edge (``left``, in the x scale's units), never wider than it."""
    return alt.Chart(layout).mark_text(
        align="left", baseline="top", fontSize=LABEL_PX * scale, lineHeight=LINE_PX * scale, color=TEXT_COLOUR,
        lineBreak="\n", limit=alt.ExprRef("width")).encode(
        x=alt.datum(left, scale=x_scale), y=alt.Y("label_y:Q", scale=y_scale(height), axis=None),
        text="label_text:N")


def wrapped_title(title: str, subtitle: Sequence[str]) -> alt.TitleParams:
    """The title and subtitle wrapped to a phone's width (Vega cuts a line that does not fit)."""
    return alt.TitleParams(textwrap.wrap(title, TITLE_WRAP_CHARS) or [title],
                           subtitle=[line for text in subtitle for line in textwrap.wrap(text, SUBTITLE_WRAP_CHARS)],
                           subtitleColor=MUTED_TEXT)
