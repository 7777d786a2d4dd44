"""An upload's bytes as tables of cells: the type told from the content (not the name), the limits checked, a
workbook's sheets or a CSV's rows (its delimiter found from the header)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import PurePath

from intake import files
from intake.files import Unreadable
from intake.uploads.header import header_score
from intake.uploads.limits import ACCEPTED, EXCEL_SUFFIXES, HEADER_SEARCH_ROWS, SKIPPED_SHEETS, TEXT_SUFFIXES

_DELIMITERS = {",": None, ";": "semicolons", "\t": "tabs"}


@dataclass(frozen=True)
class Table:
    """A sheet (None for a CSV) and its non-blank rows as (spreadsheet row number, cells)."""

    sheet: str | None
    rows: list[tuple[int, list]]


class Refused(Exception):  # noqa: N818 (a finding about a partner's file, not a failure of the app)
    """The whole file cannot be used: the message says why."""


def too_many_rows(max_rows: int) -> str:
    return f"the file has more than {max_rows:,} data rows, the limit: split it into smaller files (nothing was read)"


def read_tables(name: str, data: bytes, max_bytes: int, max_rows: int,
                notes: list[str]) -> tuple[list[Table], str | None]:
    """The tables of an upload and its text encoding (None for a workbook); raises Refused, with the reason."""
    suffix = PurePath(name).suffix.lower()
    if len(data) > max_bytes:
        limit = f"{max_bytes / files.MB:g} MB" if max_bytes >= files.MB else files.describe_size(max_bytes)
        raise Refused(f"the file is {files.describe_size(len(data))}, more than the {limit} limit: split it into "
                      "smaller files")
    if not data:
        raise Refused("the file is empty (0 bytes)")
    what = files.sniff_binary(data)
    if what:
        raise Refused(f"the file is {what}, not a CSV or Excel file: {ACCEPTED}")
    if files.is_ole(data):
        raise Refused("the file is an Excel 97-2003 workbook (.xls) or a password-protected workbook: save it as "
                      "Excel Workbook (.xlsx) without a password, or as CSV")
    try:
        if files.is_zip(data):
            if suffix not in EXCEL_SUFFIXES:
                notes.append(f"{name}: the file is named {suffix or 'without a type'} but is an Excel workbook: "
                             "read as one")
            return _read_workbook(data, max_rows, notes, name), None
        if suffix in EXCEL_SUFFIXES:
            raise Refused("the file is named .xlsx but is not an Excel workbook (an .xlsx file is a zip archive and "
                          f"this is not one): {ACCEPTED}")
        if suffix and suffix not in TEXT_SUFFIXES:
            raise Refused(f"'{suffix}' files are not accepted: {ACCEPTED}")
        return _read_csv(data, max_rows, notes, name)
    except Unreadable as fault:
        raise Refused(fault.message) from fault


def _read_workbook(data: bytes, max_rows: int, notes: list[str], file_name: str) -> list[Table]:
    tables = []
    limit = max_rows + HEADER_SEARCH_ROWS
    with files.open_workbook(data, ACCEPTED) as workbook:
        for sheet in workbook.worksheets:
            if sheet.title.strip().lower() in SKIPPED_SHEETS:
                notes.append(f"{file_name}: sheet '{sheet.title}' skipped")
                continue
            rows = []
            for row in files.sheet_rows(sheet):
                rows.append(row)
                if len(rows) > limit:
                    raise Refused(too_many_rows(max_rows))
            tables.append(Table(sheet.title, rows))
    return tables


def _read_csv(data: bytes, max_rows: int, notes: list[str], file_name: str) -> tuple[list[Table], str]:
    if b"\x00" in data[:8192] and not files.has_utf16_bom(data):
        raise Refused(f"the file is not text (it holds binary data): {ACCEPTED}")
    text, encoding, decode_notes = files.decode_text(data)
    notes += [f"{file_name}: {note}" for note in decode_notes]
    if not text.strip():
        raise Refused("the file has no content (only spaces or blank lines)")
    best, best_score = ",", -1
    try:
        for delimiter in _DELIMITERS:
            head = files.csv_rows(text, delimiter, HEADER_SEARCH_ROWS)
            score = max((header_score(cells) for _, cells in head), default=0)
            if score > best_score:
                best, best_score = delimiter, score
        rows = files.csv_rows(text, best, max_rows + HEADER_SEARCH_ROWS + 1)
    except csv.Error as error:
        raise Refused(f"the file could not be read as CSV ({error})") from error
    if len(rows) > max_rows + HEADER_SEARCH_ROWS:
        raise Refused(too_many_rows(max_rows))
    if _DELIMITERS[best]:
        notes.append(f"{file_name}: columns separated by {_DELIMITERS[best]}")
    return [Table(None, rows)], encoding
