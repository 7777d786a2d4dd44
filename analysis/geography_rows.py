"""What bringing codes to one vintage (``geography_codes``) and adding districts up (``geography_rollup``) share:
the result type, which columns identify a figure, the start of a combined row, and the report of what was done."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import NamedTuple

import pandas as pd

from core.geography import REPORT_COLUMNS

logger = logging.getLogger(__name__)

# Columns that are measured rather than identifying: never part of the key, emptied when rows are combined.
MEASURE_COLUMNS = ("value", "ci_low", "ci_high", "ci_method")
STATUS_COLUMNS = ("code_status", "code_note", "code_reason", "rollup_status", "rollup_note")
REPORT_ORDER = ("unknown", "unmatched", "flagged", "incomplete", "merged", "recoded")


class GeographyResult(NamedTuple):
    """A frame with its codes changed or rolled up, and the report of what was done (REPORT_COLUMNS)."""

    frame: pd.DataFrame
    report: pd.DataFrame


@dataclass(frozen=True)
class ReportLine:
    """One line of the report: ``rows`` rows with ``code`` had ``action`` done to them, for ``reason``."""

    code: str | None
    name: str | None
    action: str  # one of core.vocabulary.GEOGRAPHY_ACTIONS
    new_code: str | None
    new_name: str | None
    reason: str
    rows: int = 1


def code_text(codes: pd.Series) -> pd.Series:
    """Codes as stripped text ("" for a blank)."""
    return codes.map(lambda value: "" if pd.isna(value) else str(value).strip())


def figure_key_columns(frame: pd.DataFrame, given: Sequence[str] | None, exclude: set[str]) -> list[str]:
    """What identifies a figure apart from its area: given, or every column that is not a code, name, count,
    measure (value, CI, any other float column) or status column."""
    if given is not None:
        clash = [column for column in given if column in exclude or column not in frame.columns]
        if clash:
            raise ValueError(f"key_columns {clash} are missing from the frame or are code, name or count columns")
        return list(given)
    return [column for column in frame.columns if column not in exclude and column not in MEASURE_COLUMNS
            and column not in STATUS_COLUMNS and not pd.api.types.is_float_dtype(frame[column])]


def combined_row(data: pd.DataFrame, members: pd.DataFrame, keys: list[str]) -> dict:
    """The start of a row that stands for ``members``: key columns copied; numeric columns (counts, rates, CIs)
    empty, to be filled by the caller; other text columns kept where every member agrees, else empty."""
    row: dict = {}
    for column in data.columns:
        if column in keys:
            row[column] = members[column].iloc[0]
        elif pd.api.types.is_numeric_dtype(data[column]):
            row[column] = float("nan")
        elif column not in MEASURE_COLUMNS and column not in STATUS_COLUMNS and \
                members[column].nunique(dropna=False) == 1:
            row[column] = members[column].iloc[0]
        else:
            row[column] = None
    return row


def recompute(sums: dict[str, float], counts: Sequence[str], per: float | None) -> float:
    """counts[0] / counts[1] * ``per`` of the summed counts; NaN without ``per`` or with a zero denominator."""
    if per is None:
        return float("nan")
    numerator, denominator = sums[counts[0]], sums[counts[1]]
    return float("nan") if not denominator else numerator / denominator * per


def check_arguments(frame: pd.DataFrame, code_column: str, count_columns: Sequence[str],
                    recompute_value_per: float | None) -> None:
    """Raise ValueError for a missing code column, or a recompute without both counts in the frame."""
    if code_column not in frame.columns:
        raise ValueError(f"the frame has no column '{code_column}' (code_column)")
    if recompute_value_per is not None and (len(count_columns) < 2 or
                                            not all(c in frame.columns for c in count_columns[:2])):
        raise ValueError("recompute_value_per needs count_columns (numerator, denominator) present in the frame")


def build_report(lines: list[ReportLine]) -> pd.DataFrame:
    """The report: lines with the same code, action and reason added up, the worst actions first."""
    columns = list(REPORT_COLUMNS)
    if not lines:
        return _report_types(pd.DataFrame({column: pd.Series(dtype="object") for column in columns}))
    frame = pd.DataFrame([asdict(line) for line in lines], columns=columns)
    keys = [column for column in columns if column != "rows"]
    frame = frame.groupby(keys, dropna=False, sort=False)["rows"].sum().reset_index()
    order = {action: position for position, action in enumerate(REPORT_ORDER)}
    frame = frame.sort_values(["action", "code"], key=lambda s: s.map(order) if s.name == "action" else s,
                              kind="stable").reset_index(drop=True)
    return _report_types(frame[columns])


def _report_types(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as text (missing where empty), rows as int64."""
    return frame.astype({column: "int64" if column == "rows" else "str" for column in REPORT_COLUMNS})


def restore_dtypes(result: pd.DataFrame, original: pd.DataFrame) -> pd.DataFrame:
    """Give combined rows' columns back the input's dtypes where the values allow it (text stays text, counts
    stay floats); a column that cannot take its old dtype (an int column now holding NaN) is left as it is."""
    for column in original.columns:
        if column in result.columns and result[column].dtype != original[column].dtype:
            try:
                result[column] = result[column].astype(original[column].dtype)
            except (TypeError, ValueError) as error:
                logger.debug("column %s keeps dtype %s (not %s): %s", column, result[column].dtype,
                             original[column].dtype, error)
    return result
