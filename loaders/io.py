"""Reading tabular files into string frames, coercing types and validating with pandera.

Every failure is collected (not just the first) and raised as one DataLoadError naming the file,
row and column, so a user can fix a file in one pass.
"""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from core.errors import DataFileMalformedError, DataFileMissingError, Problem
from loaders.schemas.rules import row_rules

logger = logging.getLogger(__name__)

MISSING_MARKERS = ("NA",)  # how R-made extracts (Fingertips, MHCLG via R) write an empty cell
HEADER_ROW = 1  # spreadsheet numbering: data row i (0-based) is row i + 2


def spreadsheet_row(index: int) -> int:
    """Spreadsheet row number of the 0-based data row ``index``."""
    return index + HEADER_ROW + 1


def read_text_csv(path: Path, required_columns: list[str], missing_hint: str = "") -> pd.DataFrame:
    """Read a UTF-8 CSV with every cell as text ("" for blank). Checks the header only."""
    path = Path(path)
    if not path.is_file():
        raise DataFileMissingError(path, hint=missing_hint)
    name = str(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFileMalformedError(path, [Problem(name, None, None,
                                     f"is not UTF-8 text (byte {error.start} cannot be decoded)")]) from error
    except pd.errors.EmptyDataError as error:
        raise DataFileMalformedError(path, [Problem(name, None, None, "is empty: no header row")]) from error
    except (pd.errors.ParserError, csv.Error) as error:
        raise DataFileMalformedError(path, [Problem(name, None, None, f"is not a valid CSV: {error}")]) from error
    missing = [column for column in required_columns if column not in frame.columns]
    if missing:
        raise DataFileMalformedError(path, [Problem(name, HEADER_ROW, column, "column is missing from the header")
                                            for column in missing])
    if frame.empty:
        raise DataFileMalformedError(path, [Problem(name, None, None, "has a header but no data rows")])
    logger.info("read %s: %d rows", path, len(frame))
    return frame.reset_index(drop=True)


def coerce_numeric(frame: pd.DataFrame, columns: list[str], path: Path,
                   integer: bool = False) -> tuple[pd.DataFrame, list[Problem]]:
    """Turn text columns into floats; blanks become NaN. Unparseable cells are returned as problems."""
    problems: list[Problem] = []
    result = frame.copy()
    for column in columns:
        text = result[column].astype(str).str.strip()
        numbers = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
        bad = (text != "") & numbers.isna()
        for index in bad[bad].index:
            problems.append(Problem(str(path), spreadsheet_row(index), column,
                                    f"'{text[index]}' is not a number"))
        if integer:
            fractional = numbers.notna() & (numbers != numbers.round())
            for index in fractional[fractional].index:
                problems.append(Problem(str(path), spreadsheet_row(index), column,
                                        f"'{text[index]}' is not a whole number"))
        result[column] = numbers.astype("float64")
    return result, problems


def blank_to_na(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Blank text cells become missing values (so 'nullable' means 'may be left blank')."""
    result = frame.copy()
    for column in columns:
        stripped = result[column].astype(str).str.strip()
        result[column] = stripped.where(stripped != "", None)
    return result


def validate(frame: pd.DataFrame, schema: type[pa.DataFrameModel], path: Path,
             extra_problems: list[Problem] | None = None) -> pd.DataFrame:
    """Validate with a pandera model (lazy), raising one error with every problem found."""
    problems = list(extra_problems or [])
    validated = frame
    try:
        validated = schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        # A cell that could not be read is blank to the schema: don't also report the rule it then breaks.
        unreadable_rows = {problem.row for problem in problems}
        problems += [problem for problem in schema_problems(errors, path, row_rules(schema))
                     if not (problem.column is None and problem.row in unreadable_rows)]
    raise_problems(path, problems)
    return validated


def raise_problems(path: Path, problems: list[Problem]) -> None:
    """Raise one DataFileMalformedError holding every problem, by row then column (nothing when there are none)."""
    if problems:
        problems = sorted(problems, key=lambda p: (p.row if p.row is not None else 0, p.column or ""))
        raise DataFileMalformedError(path, problems, summary=f"{Path(path).name} has {len(problems)} problem(s)")


def schema_problems(errors: pa.errors.SchemaErrors, path: Path, rules: dict[str, str]) -> list[Problem]:
    """Translate pandera failure cases into Problems with spreadsheet row numbers.

    A failed row-wise rule (a dataframe check named in ``rules``) becomes one problem per row, in its words.
    """
    problems = []
    seen_rules: set[tuple[str, int]] = set()
    for case in errors.failure_cases.itertuples(index=False):
        index = case.index
        row = spreadsheet_row(int(index)) if index is not None and not pd.isna(index) else None
        column = None if case.column is None or pd.isna(case.column) else str(case.column)
        check = str(case.check)
        if case.schema_context == "DataFrameSchema" and check == "column_in_dataframe":
            problems.append(Problem(str(path), HEADER_ROW, str(case.failure_case), "column is missing from the header"))
        elif case.schema_context == "DataFrameSchema" and check in rules:
            if (check, row) not in seen_rules:
                seen_rules.add((check, row))
                problems.append(Problem(str(path), row, None, f"{rules[check]} (rule {check})"))
        else:
            problems.append(Problem(str(path), row, column, _describe(check, case.failure_case)))
    return problems


_CHECK_WORDING = {
    "isin": "is not one of the allowed values",
    "str_matches": "does not have the expected format",
    "greater_than_or_equal_to": "is below the allowed minimum",
    "greater_than": "must be above",
    "less_than_or_equal_to": "is above the allowed maximum",
    "not_nullable": "is blank but a value is required",
    "field_uniqueness": "is repeated but must be unique",
    "multiple_fields_uniqueness": "repeats a row key that must be unique",
}


def _describe(check: str, failure_case: object) -> str:
    check_text = str(check)
    for key, wording in _CHECK_WORDING.items():
        if check_text.startswith(key):
            detail = check_text[len(key):].strip("()")
            if key == "not_nullable":
                return wording
            suffix = f" ({detail})" if detail else ""
            return f"'{failure_case}' {wording}{suffix}"
    return f"'{failure_case}' fails the check: {check_text}"
