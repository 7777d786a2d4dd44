"""What reading an upload gives: each problem (``UploadProblem``), the result (``UploadResult``) and, on the way,
each row that passed the row rules (``CandidateRow``)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from core.errors import Problem
from intake.uploads.limits import NUMBER_COLUMNS, UPLOAD_COLUMNS

_DTYPES = {**{column: "float64" for column in NUMBER_COLUMNS}, "row": "int64", "input_rows": "int64"}


@dataclass(frozen=True)
class UploadProblem:
    """One thing wrong with an upload. ``row`` is the spreadsheet row the user sees (None: the whole file or
    sheet); ``column`` is the header as written in the file; ``value`` the cell as given."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    def as_problem(self) -> Problem:
        """The same problem as a core.errors.Problem (the sheet goes into the file name)."""
        file = self.file if self.sheet is None else f"{self.file} (sheet '{self.sheet}')"
        return Problem(file, self.row, self.column, self.message)


@dataclass
class UploadResult:
    """What one upload (or several, after ``combine``) gave: usable rows (UPLOAD_COLUMNS), every problem,
    how many data rows were read and used, the text encoding (None for a workbook) and notes on how the file
    was read; ``layout``, the file's own column headers (what a column mapping is remembered by)."""

    rows: pd.DataFrame
    problems: list[UploadProblem] = field(default_factory=list)
    rows_read: int = 0
    rows_valid: int = 0
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)
    layout: tuple[str, ...] = ()

    @property
    def rows_failed(self) -> int:
        return self.rows_read - self.rows_valid

    def summary(self) -> str:
        """One line for the screen, e.g. '12 of 15 rows can be used; 3 rows have problems.'"""
        if self.rows_read == 0:
            return "No rows could be read." if self.problems else "No rows."
        used = f"{self.rows_valid:,} of {self.rows_read:,} rows can be used"
        if self.rows_failed:
            plural = "row has" if self.rows_failed == 1 else "rows have"
            return f"{used}; {self.rows_failed:,} {plural} problems."
        return f"{used}."


@dataclass(frozen=True)
class CandidateRow:
    """One data row that passed the row rules: the UPLOAD_COLUMNS, and how its area was given (for the notes and
    for problems found when it is placed). ``code_note`` and ``input_rows`` are set when it is placed."""

    partner: str
    file: str
    sheet: str | None
    row: int
    area_code: str
    cohort: str
    indicator: str
    sex: str
    period: str
    numerator: float | None
    denominator: float | None
    value: float | None
    ci_low: float | None
    ci_high: float | None
    unit: str
    area_name: str | None = None
    area_type: str | None = None
    code_note: str | None = None
    input_rows: int = 1
    area_given: str = ""  # the area as written
    area_column: str | None = None  # the header of the column it was written in
    place_note: str | None = None  # how a name or former code was read
    via_name: bool = False
    partner_defaulted: bool = False  # the partner cell was blank: the file name is used

    def figure(self) -> tuple:
        """What the row is a figure of, apart from its area: partner, cohort, indicator (any case), sex, period."""
        return (self.partner, self.cohort, self.indicator.casefold(), self.sex, self.period)

    def figure_and_area(self) -> tuple:
        """Rows with the same figure and area are duplicates."""
        return (*self.figure(), self.area_code)

    def figures(self) -> tuple:
        """The numbers, so that two rows can be compared (None for a blank)."""
        return tuple(None if getattr(self, n) is None or pd.isna(getattr(self, n)) else float(getattr(self, n))
                     for n in NUMBER_COLUMNS)

    def record(self) -> dict:
        return {column: getattr(self, column) for column in UPLOAD_COLUMNS}


def empty_rows() -> pd.DataFrame:
    """No usable rows, with the UPLOAD_COLUMNS and their types."""
    frame = pd.DataFrame({column: pd.Series(dtype="object") for column in UPLOAD_COLUMNS})
    return frame.astype(_DTYPES)


def rows_frame(rows: list[CandidateRow]) -> pd.DataFrame:
    """The placed rows as the UPLOAD_COLUMNS frame."""
    if not rows:
        return empty_rows()
    return pd.DataFrame([row.record() for row in rows], columns=UPLOAD_COLUMNS).astype(_DTYPES)
