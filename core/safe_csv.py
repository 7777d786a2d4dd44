"""Every CSV the app writes: UTF-8 with a BOM, and no cell that a spreadsheet would run as a formula.

One copy of the rule, used by every download and undone by nothing but ``restore_formula_text`` when the app
reads its own file back (the checklist's progress upload).
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # a cell starting with one of these is prefixed with "'"


def to_csv_bytes(table: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a BOM (opens cleanly in Excel); cells that a spreadsheet would run as a
    formula are prefixed with an apostrophe."""
    safe = table.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype).startswith("str"):
            safe[column] = safe[column].map(_neutralise_formula)
    return safe.to_csv(index=False).encode("utf-8-sig")


def _neutralise_formula(value: object) -> object:
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def restore_formula_text(value: str) -> str:
    """The text as it was before ``to_csv_bytes`` neutralised it (for reading the app's own download back)."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_STARTS:
        return value[1:]
    return value
