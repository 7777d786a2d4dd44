"""Reading a checklist progress file back from its bytes (the CSV the Action checklist page downloads, or an .xlsx
copy of it), never from disk. A row with any problem is listed and left out; every other row is loaded."""

from __future__ import annotations

import csv
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pandas as pd

from core.checklist import MAX_NOTE, NOT_ASSIGNED, NOT_STARTED, STATUSES, ItemProgress
from core.errors import Problem
from core.safe_csv import restore_formula_text
from intake import files
from intake.files import Fault, Unreadable

logger = logging.getLogger(__name__)

MAX_PROGRESS_BYTES = 1024 * 1024  # a full checklist with 1,000-character notes is about 60 KB
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024  # declared size of an .xlsx once unzipped
_ACCEPTED = "upload the CSV this page downloads"
_NOT_A_WORKBOOK = f"is a zip archive, not an Excel workbook: {_ACCEPTED}"
# A fault worded for this page (the file name comes first: "progress.xlsx: is a damaged Excel workbook ...").
_FAULT_WORDS = {
    Fault.DAMAGED_ZIP: "is a damaged Excel workbook ({detail})",
    Fault.TOO_LARGE_UNZIPPED: "would unzip to more than 20 MB: it cannot be a checklist progress file",
    Fault.UNREADABLE_WORKBOOK: "could not be read as an Excel workbook ({detail})",
    Fault.WORD: _NOT_A_WORKBOOK, Fault.POWERPOINT: _NOT_A_WORKBOOK, Fault.OPENDOCUMENT: _NOT_A_WORKBOOK,
    Fault.NOT_WORKBOOK: _NOT_A_WORKBOOK,
}


def _key(text: object) -> str:
    return " ".join(str(text).replace("_", " ").split()).lower()


# Headers the upload accepts (without case, spaces or underscores): the download's and the screen's words.
_HEADERS = {"item_id": ("item id", "item"), "status": ("status",), "owner": ("owner (partner)", "owner"),
            "note": ("note", "notes")}
_STATUS_BY_KEY = {_key(status): status for status in STATUSES}
_EXPECTED_HEADER = "the columns item_id, Status, Owner (partner) and Note, as in the file this page downloads"
_ITEM_EXPECTED = "expected an item id such as S1-01, as in the downloaded file"


class _Refused(Exception):  # noqa: N818 (a finding about the file, not a failure of the app)
    """The whole file cannot be read; the message says why."""


def _cell_text(cell: object) -> str:
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _csv_records(data: bytes) -> list[tuple[int, list[str]]]:
    if b"\x00" in data[:4096]:
        raise _Refused("is not a CSV file (it holds binary data): upload the CSV this page downloads, or an Excel "
                       ".xlsx copy of it")
    text, _, _ = files.decode_text(data)  # a CSV saved by Excel on Windows is Windows-1252
    try:
        return files.csv_rows(text)
    except csv.Error as error:
        raise _Refused(f"is not a valid CSV file ({error})") from error


def _workbook_records(data: bytes) -> list[tuple[int, list[str]]]:
    with files.open_workbook(data, _ACCEPTED, MAX_WORKBOOK_BYTES) as workbook:
        if not workbook.worksheets:
            raise _Refused("could not be read as an Excel workbook (it has no sheet)")
        return [(number, [_cell_text(cell) for cell in cells])
                for number, cells in files.sheet_rows(workbook.worksheets[0])]


def _records(data: bytes, file_name: str) -> list[tuple[int, list[str]]]:
    """The non-blank rows of the file as (spreadsheet row number, cells as text)."""
    if not data.strip():
        raise _Refused("is empty: upload the progress CSV this page downloads")
    if len(data) > MAX_PROGRESS_BYTES:
        raise _Refused(f"is {len(data) / 1024 / 1024:.1f} MB, more than the 1 MB a checklist progress file can "
                       "be: upload the CSV this page downloads")
    try:
        if data.startswith(b"PK\x03\x04"):
            return _workbook_records(data)
    except Unreadable as fault:
        words = _FAULT_WORDS.get(fault.fault)
        raise _Refused(words.format(detail=fault.detail) if words else fault.message) from fault
    if file_name.lower().endswith(".xlsx"):
        raise _Refused("is named .xlsx but is not an Excel workbook")
    try:
        return _csv_records(data)
    except Unreadable as fault:
        raise _Refused(fault.message) from fault


@dataclass(frozen=True)
class _Columns:
    """Where each field is in the header (a field missing from it is not in ``positions``)."""

    header: list[str]
    positions: dict[str, int]

    def cell(self, cells: list[str], field: str) -> tuple[str, str | None]:
        """(text, header as written) of a field; a short row reads as blank."""
        if field not in self.positions:
            return "", None
        position = self.positions[field]
        return (cells[position] if position < len(cells) else "").strip(), self.header[position]


def _columns(cells: list[str]) -> _Columns:
    header = [cell.strip().lstrip("\ufeff") for cell in cells]
    positions = {}
    for field, names in _HEADERS.items():
        found = [position for position, cell in enumerate(header) if _key(cell) in (_key(field), *names)]
        if found:
            positions[field] = found[0]
    return _Columns(header, positions)


def read_progress(data: bytes, file_name: str, items: pd.DataFrame,
                  owners: Sequence[str] | None = None) -> tuple[dict[str, ItemProgress], list[Problem]]:
    """Progress from the bytes of a downloaded progress file (CSV, or an .xlsx copy): item id -> ItemProgress, and
    every problem (file, spreadsheet row, column, what was found and what is expected). A row with a problem is
    left out; the others are loaded. ``owners``: the partners an owner may be (besides NOT_ASSIGNED); None
    accepts any owner."""
    try:
        records = _records(data, file_name)
    except _Refused as error:
        return {}, [Problem(file_name, None, None, str(error))]
    records = [(number, cells) for number, cells in records if any(cell.strip() for cell in cells)]
    if not records or records[0][0] != 1:
        return {}, [Problem(file_name, 1, None, f"the header row is missing: expected {_EXPECTED_HEADER}")]
    columns = _columns(records[0][1])
    missing = [field for field in ("item_id", "status") if field not in columns.positions]
    if missing:
        return {}, [Problem(file_name, 1, field, f"column is missing from the header: expected {_EXPECTED_HEADER}")
                    for field in missing]
    if len(records) == 1:
        return {}, [Problem(file_name, None, None, "has a header but no rows: upload the CSV this page downloads")]
    rows = _Rows(file_name, set(items["item_id"]), owners)
    for number, cells in records[1:]:
        rows.read(number, cells, columns)
    logger.info("progress upload: %d rows loaded, %d problem(s)", len(rows.progress), len(rows.problems))
    return rows.progress, rows.problems


class _Rows:
    """The rows of one progress file read so far: the progress loaded and the problems found."""

    def __init__(self, file_name: str, known: set[str], owners: Sequence[str] | None):
        self.file_name, self.known = file_name, known
        self.allowed_owners = None if owners is None else {_key(o): o for o in (NOT_ASSIGNED, *owners)}
        self.progress: dict[str, ItemProgress] = {}
        self.first_row: dict[str, int] = {}
        self.problems: list[Problem] = []

    def read(self, number: int, cells: list[str], columns: _Columns) -> None:
        found: list[Problem] = []

        def problem(column: str | None, message: str) -> None:
            found.append(Problem(self.file_name, number, column, message))

        item_id, item_column = columns.cell(cells, "item_id")
        if not item_id:
            problem(item_column, f"is blank: {_ITEM_EXPECTED}")
        elif item_id not in self.known:
            problem(item_column, f"'{item_id}' is not an item on this checklist: {_ITEM_EXPECTED}")
        elif item_id in self.first_row:
            problem(item_column, f"'{item_id}' is repeated (first on row {self.first_row[item_id]}): each item may "
                                 "appear once")
        status_text, status_column = columns.cell(cells, "status")
        status = _STATUS_BY_KEY.get(_key(status_text)) if status_text else NOT_STARTED
        if status is None:
            problem(status_column, f"'{status_text}' is not a status: expected one of {', '.join(STATUSES[:-1])} or "
                                   f"{STATUSES[-1]}")
        owner = self._owner(columns.cell(cells, "owner"), problem)
        note_text, note_column = columns.cell(cells, "note")
        note = restore_formula_text(note_text)  # the apostrophe the download put before a formula-like note
        if len(note) > MAX_NOTE:
            problem(note_column, f"the note is {len(note):,} characters long: a note can be at most {MAX_NOTE:,} "
                                 "characters")
        if item_id in self.known and item_id not in self.first_row:
            self.first_row[item_id] = number
        if found:
            self.problems += found
            return
        self.progress[item_id] = ItemProgress(status, owner, note)

    def _owner(self, given: tuple[str, str | None], problem: Callable[[str | None, str], None]) -> str | None:
        owner_text, owner_column = given
        owner = restore_formula_text(owner_text) or NOT_ASSIGNED
        if self.allowed_owners is None:
            return owner
        allowed = self.allowed_owners.get(_key(owner))
        if allowed is None:
            partners = ", ".join(o for o in self.allowed_owners.values() if o != NOT_ASSIGNED)
            problem(owner_column, f"'{owner_text}' is not one of the partners: expected {NOT_ASSIGNED} or one of "
                                  f"{partners}")
        return allowed
