"""The columns disclosure control reads and writes, the suppression codes, and reading counts from a frame."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

import numpy as np
import pandas as pd

SUPPRESSED = "suppressed"
REASON = "suppression_reason"
FLAG_COLUMNS = (SUPPRESSED, REASON)

COUNT_COLUMNS = ("numerator",)
DENOMINATOR = "denominator"
# Every column of the canonical frame and of the comparison outputs (analysis.benchmark, analysis.profile,
# analysis.comparison, the map's class labels) that is worked out from a row's own counts.
DERIVED_COLUMNS = (
    "value", "ci_low", "ci_high", "ci_low_99_8", "ci_high_99_8",
    "comparison", "comparison_label", "comparison_colour", "comparison_ci_low", "comparison_ci_high",
    "comparison_ci_method", "ratio", "ratio_ci_low", "ratio_ci_high", "ratio_text", "rank", "class_label",
)

DEFAULT_DENOMINATOR = object()  # denominator_column not given: use "denominator" when the frame has it


class Suppression(StrEnum):
    """Why a row is hidden (the ``suppression_reason`` column): never displayed or exported, because a reader
    who could tell primary from secondary cells would know which hidden cell is the small one."""

    SHOWN = "shown"
    PRIMARY_COUNT = "primary_count"  # a count from 1 to threshold - 1
    PRIMARY_COMPLEMENT = "primary_complement"  # denominator minus a count from 1 to threshold - 1
    SECONDARY = "secondary"  # protects a suppressed cell in the same group


def checked_threshold(threshold: int) -> int:
    """``threshold`` as an int, or ValueError unless it is a whole number of 1 or more."""
    if isinstance(threshold, bool) or not isinstance(threshold, int | np.integer) or threshold < 1:
        raise ValueError(f"the disclosure threshold must be a whole number of 1 or more, got {threshold!r}")
    return int(threshold)


def count_values(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A count column as floats (NaN where missing); text, or a negative count, raises ValueError."""
    if column not in frame.columns:
        raise ValueError(f"the frame has no count column {column!r}")
    raw = frame[column]
    numbers = pd.to_numeric(raw, errors="coerce")
    bad = numbers.isna() & raw.notna()
    if bad.any():
        raise ValueError(f"count column {column!r} holds text, e.g. {raw[bad].iloc[0]!r}: counts must be numbers")
    values = numbers.to_numpy(dtype=float)
    if (values < 0).any():
        raise ValueError(f"count column {column!r} holds a negative count ({values[values < 0][0]:g})")
    return values


def small(values: np.ndarray, threshold: int) -> np.ndarray:
    """True for 0 < value < threshold (NaN is False): the counts from 1 to threshold - 1."""
    with np.errstate(invalid="ignore"):
        return (values > 0) & (values < threshold)


def resolve_denominator(frame: pd.DataFrame, denominator_column: object) -> str | None:
    """The denominator column to use: "denominator" when not given and the frame has it, None for none."""
    if denominator_column is DEFAULT_DENOMINATOR:
        return DENOMINATOR if DENOMINATOR in frame.columns else None
    if denominator_column is None:
        return None
    if denominator_column not in frame.columns:
        raise ValueError(f"the frame has no denominator column {denominator_column!r}")
    return str(denominator_column)


def with_denominator(count_columns: Sequence[str], denominator: str | None) -> tuple[str, ...]:
    """The count columns, then the denominator (checked and blanked like a count)."""
    columns = tuple([count_columns] if isinstance(count_columns, str) else count_columns)
    if not columns:
        raise ValueError("name at least one count column")
    return columns + ((denominator,) if denominator and denominator not in columns else ())
