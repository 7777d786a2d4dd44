"""``suppress``: primary then secondary suppression of a frame, and the result (``SuppressedFrame``) written for
display with "suppressed (<5)" in every hidden cell."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.disclosure.counts import (
    COUNT_COLUMNS,
    DEFAULT_DENOMINATOR,
    DERIVED_COLUMNS,
    FLAG_COLUMNS,
    REASON,
    SUPPRESSED,
    Suppression,
    checked_threshold,
    resolve_denominator,
    with_denominator,
)
from analysis.disclosure.guard import check_no_disclosure, safe_csv_bytes
from analysis.disclosure.rules import TotalRule, primary_suppress
from analysis.disclosure.secondary import secondary_suppress
from analysis.disclosure.wording import PROTECTS_ANOTHER_CELL, footnote, suppressed_text


@dataclass(frozen=True)
class SuppressedFrame:
    """The result of ``suppress``: ``frame`` with suppressed figures as NaN and the two flag columns."""

    frame: pd.DataFrame
    threshold: int
    count_columns: tuple[str, ...]
    derived_columns: tuple[str, ...]
    denominator_column: str | None = None

    @property
    def blanked_columns(self) -> tuple[str, ...]:
        """Every column emptied in a suppressed row: the counts, then the derived figures."""
        return (*self.count_columns, *self.derived_columns)

    @property
    def any_suppressed(self) -> bool:
        """True when at least one row is hidden."""
        return bool(self.frame[SUPPRESSED].any())

    def footnote(self) -> str:
        """The footnote for a table with a suppressed cell, quoting this frame's threshold."""
        return footnote(self.threshold)

    def display(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The frame (or just ``columns``, in that order) with "suppressed (<5)" in every blanked cell, for
        tables, tooltips and downloads. Whole-number counts read as whole numbers (23, not 23.0).

        ``suppression_reason`` is left out and cannot be asked for: primary and secondary cells read the
        same, so that a reader cannot tell which hidden cell is the small one.
        """
        if columns is None:
            columns = [column for column in self.frame.columns if column != REASON]
        elif REASON in columns:
            raise ValueError(f"{REASON!r} is not for display: it tells which suppressed cell is the small one")
        table = self.frame[list(columns)]
        shown = [column for column in self.blanked_columns if column in table.columns]
        flagged = table.assign(**{SUPPRESSED: self.frame[SUPPRESSED], REASON: self.frame[REASON]})
        result = to_display(flagged, shown, self.threshold).drop(columns=REASON)
        for column in self.count_columns:
            if column in result.columns:
                result[column] = result[column].map(_whole_number)
        return result if SUPPRESSED in table else result.drop(columns=SUPPRESSED)

    def csv_bytes(self, columns: Sequence[str] | None = None) -> bytes:
        """``display(columns)`` as CSV bytes, through the final guard of ``safe_csv_bytes``."""
        table = self.display(columns)
        counts = tuple(column for column in self.count_columns if column in table.columns)
        derived = tuple(column for column in self.derived_columns if column in table.columns)
        denominator = self.denominator_column if self.denominator_column in table.columns else None
        flagged = table if SUPPRESSED in table else table.assign(**{SUPPRESSED: self.frame[SUPPRESSED]})
        check_no_disclosure(flagged, counts, self.threshold, derived_columns=derived,
                            denominator_column=denominator)
        return safe_csv_bytes(table, counts, self.threshold, derived_columns=derived,
                              denominator_column=denominator)


def _whole_number(cell: object) -> object:
    """23.0 -> 23 for display; anything else unchanged."""
    if isinstance(cell, (float, np.floating)) and np.isfinite(cell) and float(cell).is_integer():
        return int(cell)
    return cell


def suppress(frame: pd.DataFrame, *, threshold: int, count_columns: Sequence[str] = COUNT_COLUMNS,
             denominator_column: object = DEFAULT_DENOMINATOR, derived_columns: Sequence[str] | None = None,
             kept_columns: Sequence[str] = (), totals: Sequence[TotalRule] = ()) -> SuppressedFrame:
    """Primary then secondary suppression; every count and derived figure of a suppressed row becomes NaN.

    - ``count_columns``: counts of people, checked for 1 to threshold - 1 (default: "numerator").
    - ``denominator_column``: default "denominator" when the frame has it, None to leave it out. It is
      checked and blanked like a count and is the base of the complement rule.
    - ``derived_columns``: columns worked out from the row's counts, blanked with them. Default: those of
      ``DERIVED_COLUMNS`` the frame has. A name given here that the frame lacks raises ValueError.
    - ``kept_columns``: numeric columns not worked out from this row's counts (e.g. a data year). Any other
      numeric column raises ValueError, so a new figure is never left undeclared.
    - ``totals``: the ``TotalRule``s of this table, for secondary suppression.
    - ``threshold``: counts from 1 to threshold - 1 are suppressed (the app's is settings.DISCLOSURE_THRESHOLD).

    Returns a ``SuppressedFrame``. Its ``frame`` is a copy with ``suppressed`` and ``suppression_reason``
    added (``Suppression`` codes: ``SHOWN`` for rows shown).
    """
    threshold = checked_threshold(threshold)
    if any(column in frame.columns for column in FLAG_COLUMNS):
        raise ValueError("this frame has already been through suppress(): pass the original frame")
    denominator = resolve_denominator(frame, denominator_column)
    counts = with_denominator(count_columns, denominator)
    if derived_columns is None:
        derived = tuple(column for column in DERIVED_COLUMNS if column in frame.columns and column not in counts)
    else:
        derived = tuple([derived_columns] if isinstance(derived_columns, str) else derived_columns)
        absent = [column for column in derived if column not in frame.columns]
        if absent:
            raise ValueError(f"the frame has no derived column(s) {', '.join(absent)}")
    declared = {*counts, *derived, *kept_columns}
    undeclared = [column for column in frame.columns if column not in declared
                  and pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])]
    if undeclared:
        raise ValueError(
            f"numeric column(s) {', '.join(map(str, undeclared))} are not declared: pass each as a count "
            "(count_columns), a figure worked out from the counts (derived_columns, blanked with them) or a "
            "figure that is not (kept_columns), so nothing derived from a suppressed count is shown")

    reasons = primary_suppress(frame, count_columns=count_columns, denominator_column=denominator,
                               threshold=threshold)
    primary = reasons.ne(Suppression.SHOWN)
    secondary = secondary_suppress(frame, primary, totals=totals, count_columns=count_columns,
                                   denominator_column=denominator, threshold=threshold)
    reasons = reasons.mask(secondary, Suppression.SECONDARY)
    hidden = primary | secondary

    result = frame.copy()
    for column in (*counts, *derived):
        result[column] = result[column].mask(hidden)
    result[SUPPRESSED] = hidden.to_numpy(dtype=bool)
    result[REASON] = reasons.to_numpy(dtype=object)
    return SuppressedFrame(frame=result, threshold=threshold, count_columns=counts, derived_columns=derived,
                           denominator_column=denominator)


def to_display(frame: pd.DataFrame, columns: Sequence[str], threshold: int) -> pd.DataFrame:
    """A copy in which ``columns`` read "suppressed (<5)" in every suppressed row (for tables, tooltips
    and CSV files; never 0, never blank). Other rows are untouched: a missing value there is missing data,
    not suppression. ``frame`` must carry the ``suppressed`` column that ``suppress`` adds."""
    if SUPPRESSED not in frame.columns:
        raise ValueError("the frame has no 'suppressed' column: run analysis.disclosure.suppress first")
    absent = [column for column in columns if column not in frame.columns]
    if absent:
        raise ValueError(f"the frame has no column(s) {', '.join(absent)}")
    hidden = frame[SUPPRESSED].fillna(False).astype(bool)
    # A small count reads "suppressed (<5)"; a larger figure hidden so that it cannot be worked out (from a
    # total, or as all but a few of its group) reads "suppressed to protect another cell", never "<5".
    small_count = frame[REASON].eq(Suppression.PRIMARY_COUNT) if REASON in frame.columns else hidden
    text = pd.Series(np.where(small_count, suppressed_text(threshold), PROTECTS_ANOTHER_CELL), index=frame.index)
    shown = frame.copy()
    for column in columns:
        shown[column] = shown[column].astype(object).where(~hidden, text)
    return shown
