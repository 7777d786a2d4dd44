"""A small table as plain HTML (st.html), for pages where Streamlit's data grid would cost more than it gives:
the grid's code is the largest the browser loads for a page, and on the map page it held up the map
(bench/README.md, "Map"). Every header and cell is escaped; the table scrolls sideways inside its own box."""

from __future__ import annotations

import html
from collections.abc import Collection

import pandas as pd

BORDER = "#D8DDE0"  # NHS pale grey
CELL = f"padding:4px 8px;border-bottom:1px solid {BORDER};text-align:left;vertical-align:top"
MIN_WIDTH = "44rem"  # a phone scrolls the table sideways rather than squeezing each column to a word
WIDE_MIN_WIDTH = "18rem"  # a column of sentences, kept readable (about 40 characters a line) on a phone


def _cell(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else html.escape(str(value))


def _header(column: object, wide: bool) -> str:
    style = f"{CELL};min-width:{WIDE_MIN_WIDTH}" if wide else CELL
    return f'<th scope="col" style="{style}">{html.escape(str(column))}</th>'


def html_table(frame: pd.DataFrame, caption: str, wide: Collection[str] = ()) -> str:
    """``frame`` (its columns as headers, no index) as an HTML table named by ``caption``; the ``wide`` columns,
    of sentences, keep a readable width and the table grows past its box instead. The box it scrolls in can take
    the keyboard's focus, so that a wide table can be scrolled without a mouse."""
    head = "".join(_header(column, column in wide) for column in frame.columns)
    rows = "".join("<tr>" + "".join(f'<td style="{CELL}">{_cell(value)}</td>' for value in row) + "</tr>"
                   for row in frame.itertuples(index=False, name=None))
    return (f'<div role="region" aria-label="{html.escape(caption)}" tabindex="0" style="overflow-x:auto">'
            f'<table style="border-collapse:collapse;width:100%;min-width:{MIN_WIDTH}">'
            f'<caption style="text-align:left;caption-side:top;padding:0 0 4px 0">{html.escape(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>")
