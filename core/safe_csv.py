"""Every table of text the app hands out: no cell that a spreadsheet would run as a formula, and CSV as UTF-8 with
a BOM.

One copy of the rule (``neutralise_formula``), used by every CSV download, the board pack's workbook and every
on-screen table of uploaded text (Streamlit's own table toolbar downloads and copies the cells as shown), and undone
by nothing but ``restore_formula_text`` when the app reads its own file back (the checklist's progress upload).
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a cell starting with one of these is prefixed with "'"


def neutralise_formula(value: object) -> object:
    """``value`` with "'" put before it when it is text that starts like a formula; anything else unchanged."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def neutralise_text(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` with every text cell through ``neutralise_formula`` (numbers untouched, column types
    kept). Applying it twice changes nothing more: a neutralised cell starts with "'"."""
    safe = table.copy()
    for column in safe.columns:
        dtype = safe[column].dtype
        if str(dtype) == "object" or str(dtype).startswith("str"):
            safe[column] = safe[column].map(neutralise_formula).astype(dtype)
    return safe


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (opens cleanly in Excel); cells that a spreadsheet would run as a
    formula are prefixed with an apostrophe."""
    return neutralise_text(table).to_csv(index=False).encode("utf-8-sig")


def restore_formula_text(value: str) -> str:
    """The text as it was before ``to_csv_bytes`` neutralised it (for reading the app's own download back)."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        return value[1:]
    return value
