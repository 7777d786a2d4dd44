"""The last guard before a table leaves the app: it refuses any count from 1 to threshold - 1, any count within
that of its denominator and any number put back in a suppressed row. Every download (CSV, deck, workbook) passes
through ``check_no_disclosure``."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from analysis.disclosure.counts import REASON, SUPPRESSED, checked_threshold, small
from analysis.disclosure.wording import hidden_texts
from core.safe_csv import to_csv_bytes


class DisclosureError(RuntimeError):
    """A figure that disclosure control should have removed is still in a table about to leave the app."""


def check_no_disclosure(table: pd.DataFrame, count_columns: Sequence[str], threshold: int, *,
                        derived_columns: Sequence[str] = (), denominator_column: str | None = None) -> None:
    """Raise DisclosureError if ``table`` still shows a count from 1 to threshold - 1, or a count within
    that of ``denominator_column``, or (where it has the ``suppressed`` flag) any number in a count or
    derived column of a suppressed row: there, only "suppressed (<5)" or an empty cell may remain. A
    ``suppression_reason`` column also raises: it would tell primary from secondary cells."""
    threshold = checked_threshold(threshold)
    if REASON in table.columns:
        raise DisclosureError(f"{REASON!r} would be exported: it tells which suppressed cell is the small one")
    named = [*count_columns, *derived_columns, *([denominator_column] if denominator_column else [])]
    absent = [column for column in named if column not in table.columns]
    if absent:
        raise ValueError(f"the table has no column(s) {', '.join(absent)}: name the columns as exported")
    numbers = {column: pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float) for column in set(named)}
    for column in (*count_columns, *([denominator_column] if denominator_column else [])):
        leaked = small(numbers[column], threshold)
        if leaked.any():
            raise DisclosureError(f"column {column!r} would export a count below {threshold} "
                                  f"({numbers[column][leaked][0]:g}, row {int(np.flatnonzero(leaked)[0])})")
        if denominator_column and column != denominator_column:
            close = small(numbers[denominator_column] - numbers[column], threshold)
            if close.any():
                raise DisclosureError(f"column {column!r} would export a count within {threshold - 1} of its "
                                      f"denominator (row {int(np.flatnonzero(close)[0])})")
    if SUPPRESSED in table.columns:
        hidden = table[SUPPRESSED].fillna(False).astype(bool).to_numpy()
        texts = hidden_texts(threshold)
        for column in (*count_columns, *derived_columns):
            cells = table[column].to_numpy(dtype=object)
            leaked = hidden & ~(pd.isna(cells) | np.isin(cells, texts))
            if leaked.any():
                raise DisclosureError(f"column {column!r} would export {cells[leaked][0]!r} in a suppressed row "
                                      f"(row {int(np.flatnonzero(leaked)[0])}) instead of {texts[0]!r}")


def safe_csv_bytes(table: pd.DataFrame, count_columns: Sequence[str], threshold: int, *,
                   derived_columns: Sequence[str] = (), denominator_column: str | None = None) -> bytes:
    """The CSV download of ``table`` (core.safe_csv.to_csv_bytes: UTF-8 with BOM, formulas neutralised),
    after ``check_no_disclosure``: the last guard before a file leaves the app. ``count_columns`` are
    named as they appear in ``table``; a column that is missing raises ValueError, so a renamed count
    cannot dodge the check."""
    check_no_disclosure(table, count_columns, threshold, derived_columns=derived_columns,
                        denominator_column=denominator_column)
    return to_csv_bytes(table)
