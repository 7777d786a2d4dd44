"""The key beside the interactive map, as HTML: a swatch, the class in words and its number of areas."""

from __future__ import annotations

import html

import pandas as pd

NO_VALUE_FILL = "#FFFFFF"
NO_VALUE_BORDER = "#4C6272"  # NHS dark grey: a white swatch keeps an outline
MUTED = "#4C6272"


def legend_html(legend: pd.DataFrame, title: str, subtitle: str) -> str:
    """The key for ``legend`` (columns label, colour, areas; one row per class shown). A class with no colour is
    white with a grey border; every text is escaped."""
    items = []
    for row in legend.itertuples(index=False):
        fill = row.colour if isinstance(row.colour, str) else NO_VALUE_FILL
        border = fill if isinstance(row.colour, str) else NO_VALUE_BORDER
        items.append(
            f'<li style="list-style:none;margin:0 0 6px 0;display:flex;align-items:center;gap:8px">'
            f'<span aria-hidden="true" style="display:inline-block;width:22px;height:16px;background:{fill};'
            f'border:1px solid {border};flex:none"></span>'
            f'<span>{html.escape(str(row.label))} <span style="color:{MUTED}">({row.areas} '
            f'{"area" if row.areas == 1 else "areas"})</span></span></li>')
    return (f'<div role="group" aria-label="Map key"><p style="margin:0 0 4px 0"><b>{html.escape(title)}</b></p>'
            f'<p style="margin:0 0 8px 0;color:{MUTED}">{html.escape(subtitle)}</p>'
            f'<ul style="padding:0;margin:0">{"".join(items)}</ul></div>')
