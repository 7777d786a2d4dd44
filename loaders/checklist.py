"""The action checklist: data/action_checklist.csv, data/checklist_sources.csv, data/partner_forums.csv, and a
user's progress on it (a status, an owner partner and a note per item).

The items paraphrase the seed reports (Balancing Act 2013, Rebalancing Act 2017) as gathered in the research
outline; data/README.md (File 6) says how. Progress lives in the browser session only: ``progress_csv_bytes``
turns it into a download and ``read_progress`` reads that file back from its bytes, never from disk. A progress
row with any problem is listed and left out; every other row is loaded.
"""

from __future__ import annotations

import csv
import io
import logging
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.errors import DataFileMalformedError, Problem
from core.safe_csv import restore_formula_text, to_csv_bytes
from loaders.io import blank_to_na, coerce_numeric, read_text_csv, spreadsheet_row, validate

logger = logging.getLogger(__name__)

ITEMS_FILE = "action_checklist.csv"
SOURCES_FILE = "checklist_sources.csv"
FORUMS_FILE = "partner_forums.csv"
_BUNDLED_HINT = "It is part of the app's bundled data in data/: restore it from git (git checkout -- data/)."

STATUSES = ("Not started", "In progress", "Done", "Not applicable")
NOT_STARTED = STATUSES[0]
NOT_ASSIGNED = "Not assigned"
# The Director of Public Health's own team owns much of the checklist; it is not a forum, so it is added here.
PUBLIC_HEALTH_TEAM = "Public health team (local authority)"


def owner_choices(forums: pd.DataFrame) -> list[str]:
    """Who may own an item: nobody yet, the public health team, or one of the partner forums."""
    return [NOT_ASSIGNED, PUBLIC_HEALTH_TEAM, *forums["forum"]]
MAX_NOTE = 1000  # characters
MAX_PROGRESS_BYTES = 1024 * 1024  # a full checklist with 1,000-character notes is about 60 KB
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024  # declared size of an .xlsx once unzipped
PROGRESS_COLUMNS = ["Item", "Section", "Action", "Status", "Owner (partner)", "Note", "Sources"]
PROGRESS_FILE_COLUMNS = ["item_id", *PROGRESS_COLUMNS[1:]]  # the download: "Item" named as the upload needs it
ITEM_ID = r"^[A-Z][A-Z0-9]-\d{2}$"
SOURCE_IDS = r"^[a-z0-9_]+(;[a-z0-9_]+)*$"


class ChecklistItemSchema(pa.DataFrameModel):
    """data/action_checklist.csv: one row per action, in section and item order."""

    item_id: Series[str] = pa.Field(unique=True, str_matches=ITEM_ID)
    section: Series[str]
    section_order: Series[pd.Int64Dtype] = pa.Field(ge=1)
    item_order: Series[pd.Int64Dtype] = pa.Field(ge=1)
    action: Series[str]
    why: Series[str]
    sources: Series[str] = pa.Field(str_matches=SOURCE_IDS)
    suggested_partners: Series[str]
    stage: Series[pd.Int64Dtype] = pa.Field(nullable=True, isin=[1, 2, 3])

    class Config:
        strict = False
        coerce = True
        unique = ["section_order", "item_order"]


class ChecklistSourceSchema(pa.DataFrameModel):
    """data/checklist_sources.csv: the seed pages, context pages, the two reports and the Acts cited."""

    source_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+$")
    kind: Series[str] = pa.Field(isin=("seed", "context", "report", "legislation"))
    short_label: Series[str]
    citation: Series[str]
    publisher: Series[str]
    date: Series[str]
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    url_note: Series[str]

    class Config:
        strict = False
        coerce = True


class PartnerForumSchema(pa.DataFrameModel):
    """data/partner_forums.csv: the who-does-what reference."""

    forum: Series[str] = pa.Field(unique=True)
    members: Series[str]
    role: Series[str]
    usually_leads: Series[str] = pa.Field(nullable=True)
    sources: Series[str] = pa.Field(str_matches=SOURCE_IDS)

    class Config:
        strict = False
        coerce = True


class Checklist(NamedTuple):
    """The three checklist files, validated and checked against each other."""

    items: pd.DataFrame  # ChecklistItemSchema, in section and item order
    sources: pd.DataFrame  # ChecklistSourceSchema
    forums: pd.DataFrame  # PartnerForumSchema


# --- the bundled files ----------------------------------------------------------------------------------------

def _read(path: Path | str, schema: type[pa.DataFrameModel], numbers: Sequence[str] = ()) -> pd.DataFrame:
    path = Path(path)
    columns = list(schema.to_schema().columns)
    frame = read_text_csv(path, required_columns=columns, missing_hint=_BUNDLED_HINT)
    frame, problems = coerce_numeric(frame, list(numbers), path, integer=True)
    frame = blank_to_na(frame, [column for column in columns if column not in numbers])
    return validate(frame, schema, path, extra_problems=problems)


def _items_in_file_order(path: Path | str) -> pd.DataFrame:
    items = _read(path, ChecklistItemSchema, ["section_order", "item_order", "stage"])
    problems = [Problem(str(path), spreadsheet_row(index), "section_order",
                        f"section_order {order} is given to more than one section name")
                for order, group in items.groupby("section_order") if group["section"].nunique() > 1
                for index in group.index[1:]]
    if problems:
        raise DataFileMalformedError(path, problems, summary=f"{Path(path).name} has {len(problems)} problem(s)")
    return items


def _in_checklist_order(items: pd.DataFrame) -> pd.DataFrame:
    return items.sort_values(["section_order", "item_order"]).reset_index(drop=True)


def read_items(path: Path | str) -> pd.DataFrame:
    """Read and validate data/action_checklist.csv, sorted by section then item.

    Raises DataFileMissingError, or DataFileMalformedError naming the file, row and column of every problem."""
    items = _in_checklist_order(_items_in_file_order(path))
    logger.info("checklist items %s: %d rows", path, len(items))
    return items


def read_sources(path: Path | str) -> pd.DataFrame:
    """Read and validate data/checklist_sources.csv (raises DataLoadError)."""
    return _read(path, ChecklistSourceSchema)


def read_forums(path: Path | str) -> pd.DataFrame:
    """Read and validate data/partner_forums.csv (raises DataLoadError)."""
    return _read(path, PartnerForumSchema)


def _ids(text: object) -> list[str]:
    return [part.strip() for part in str(text).split(";") if part.strip()] if pd.notna(text) else []


def reference_problems(items: pd.DataFrame, sources: pd.DataFrame, forums: pd.DataFrame,
                       items_path: str = ITEMS_FILE, forums_path: str = FORUMS_FILE) -> list[Problem]:
    """Every source id and partner an item names, and every source and item a forum names, must exist.
    Row numbers assume the frames are in file order (as read)."""
    known_sources, known_forums, known_items = set(sources["source_id"]), set(forums["forum"]), set(items["item_id"])
    problems = []
    for index, row in items.iterrows():
        problems += [Problem(items_path, spreadsheet_row(index), "sources", f"'{source}' is not a source_id in "
                             f"{SOURCES_FILE}") for source in _ids(row["sources"]) if source not in known_sources]
        problems += [Problem(items_path, spreadsheet_row(index), "suggested_partners", f"'{partner}' is not a forum "
                             f"in {FORUMS_FILE}") for partner in _ids(row["suggested_partners"])
                     if partner not in known_forums]
    for index, row in forums.iterrows():
        problems += [Problem(forums_path, spreadsheet_row(index), "sources", f"'{source}' is not a source_id in "
                             f"{SOURCES_FILE}") for source in _ids(row["sources"]) if source not in known_sources]
        problems += [Problem(forums_path, spreadsheet_row(index), "usually_leads", f"'{item}' is not an item_id in "
                             f"{ITEMS_FILE}") for item in _ids(row["usually_leads"]) if item not in known_items]
    return problems


def load_checklist(data_dir: Path | str) -> Checklist:
    """The three bundled checklist files from ``data_dir``, checked against each other (raises DataLoadError)."""
    data_dir = Path(data_dir)
    items_path = data_dir / ITEMS_FILE
    items = _items_in_file_order(items_path)  # in file order, so problems name the file's rows
    sources = read_sources(data_dir / SOURCES_FILE)
    forums = read_forums(data_dir / FORUMS_FILE)
    problems = reference_problems(items, sources, forums, str(items_path), str(data_dir / FORUMS_FILE))
    if problems:
        raise DataFileMalformedError(items_path, problems,
                                     summary=f"the checklist files name {len(problems)} unknown id(s)")
    return Checklist(_in_checklist_order(items), sources, forums)


# --- progress: the table, the download and the upload -------------------------------------------------------

def item_progress(progress: dict[str, dict] | None, item_id: str) -> dict[str, str]:
    """An item's recorded {"status", "owner", "note"}, with the defaults for anything not recorded."""
    entry = (progress or {}).get(item_id) or {}
    return {"status": entry.get("status") or NOT_STARTED, "owner": entry.get("owner") or NOT_ASSIGNED,
            "note": entry.get("note") or ""}


def source_labels(ids: object, sources: pd.DataFrame | None = None) -> str:
    """'[000]; [003]', or with ``sources`` each id's short label: 'Revolving Doors Agency (2013 report) [000]'."""
    labels = {} if sources is None else dict(zip(sources["source_id"], sources["short_label"], strict=True))
    return "; ".join(f"{labels[i]} [{i}]" if i in labels else f"[{i}]" for i in _ids(ids))


def progress_table(items: pd.DataFrame, progress: dict[str, dict],
                   sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per item, in checklist order, with its status, owner and note (defaults where none is recorded):
    exactly the columns PROGRESS_COLUMNS. Give ``sources`` to show source labels beside the ids."""
    ordered = items.sort_values(["section_order", "item_order"])
    rows = []
    for item in ordered.itertuples(index=False):
        entry = item_progress(progress, item.item_id)
        rows.append((item.item_id, item.section, item.action, entry["status"], entry["owner"], entry["note"],
                     source_labels(item.sources, sources)))
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)


def progress_csv_bytes(items: pd.DataFrame, progress: dict[str, dict]) -> bytes:
    """The progress table as a CSV to keep and upload again: its first column is ``item_id``. Cells a spreadsheet
    would run as a formula are neutralised (charts.tables.to_csv_bytes)."""
    table = progress_table(items, progress)
    table.columns = PROGRESS_FILE_COLUMNS
    return to_csv_bytes(table)


def status_counts(items: pd.DataFrame, progress: dict[str, dict]) -> dict[str, int]:
    """Items per status, every status listed (in STATUSES order)."""
    statuses = [item_progress(progress, item_id)["status"] for item_id in items["item_id"]]
    return {status: statuses.count(status) for status in STATUSES}


def summary_text(items: pd.DataFrame, progress: dict[str, dict]) -> str:
    """'42 actions: 3 done, 2 in progress, 1 not applicable, 36 not started.'"""
    counts = status_counts(items, progress)
    order = ("Done", "In progress", "Not applicable", "Not started")
    return f"{len(items)} actions: " + ", ".join(f"{counts[s]} {s.lower()}" for s in order) + "."


def _key(text: object) -> str:
    return " ".join(str(text).replace("_", " ").split()).lower()


# Headers the upload accepts (without case, spaces or underscores): the download's and the screen's words.
_HEADERS = {"item_id": ("item id", "item"), "status": ("status",), "owner": ("owner (partner)", "owner"),
            "note": ("note", "notes")}
_STATUS_BY_KEY = {_key(status): status for status in STATUSES}
_EXPECTED_HEADER = "the columns item_id, Status, Owner (partner) and Note, as in the file this page downloads"


class _Unreadable(Exception):
    """The whole file cannot be read; the message says why."""


def _cell_text(cell: object) -> str:
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _csv_records(data: bytes) -> list[tuple[int, list[str]]]:
    if b"\x00" in data[:4096]:
        raise _Unreadable("is not a CSV file (it holds binary data): upload the CSV this page downloads, or an "
                          "Excel .xlsx copy of it")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # a CSV saved by Excel on Windows
    try:
        return [(number, cells) for number, cells in enumerate(csv.reader(io.StringIO(text, newline="")), start=1)]
    except csv.Error as error:
        raise _Unreadable(f"is not a valid CSV file ({error})") from error


def _workbook_records(data: bytes) -> list[tuple[int, list[str]]]:
    import openpyxl  # only an .xlsx upload needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(member.file_size for member in archive.infolist())
            if "xl/workbook.xml" not in archive.namelist():
                raise _Unreadable("is a zip archive, not an Excel workbook: upload the CSV this page downloads")
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _Unreadable(f"is a damaged Excel workbook ({error})") from error
    if declared > MAX_WORKBOOK_BYTES:  # checked before anything is unzipped
        raise _Unreadable("would unzip to more than 20 MB: it cannot be a checklist progress file")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()
            return [(number, [_cell_text(cell) for cell in cells])
                    for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1)]
        finally:
            workbook.close()
    except Exception as error:  # openpyxl raises many types for a damaged workbook: all mean the same here
        raise _Unreadable(f"could not be read as an Excel workbook ({type(error).__name__})") from error


def _records(data: bytes, file_name: str) -> list[tuple[int, list[str]]]:
    if not data.strip():
        raise _Unreadable("is empty: upload the progress CSV this page downloads")
    if len(data) > MAX_PROGRESS_BYTES:
        raise _Unreadable(f"is {len(data) / 1024 / 1024:.1f} MB, more than the 1 MB a checklist progress file can "
                          "be: upload the CSV this page downloads")
    if data.startswith(b"PK\x03\x04"):
        return _workbook_records(data)
    if file_name.lower().endswith(".xlsx"):
        raise _Unreadable("is named .xlsx but is not an Excel workbook")
    return _csv_records(data)


def _untouched(text: str) -> str:
    """A cell as typed on the page: the apostrophe the download put before a formula-like note is taken off."""
    return restore_formula_text(text)


def read_progress(data: bytes, file_name: str, items: pd.DataFrame,
                  owners: Sequence[str] | None = None) -> tuple[dict[str, dict], list[Problem]]:
    """Progress from the bytes of a downloaded progress file (CSV, or an .xlsx copy): item id -> {"status",
    "owner", "note"}, and every problem (file, spreadsheet row, column, what was found and what is expected).
    A row with a problem is left out; the others are loaded. ``owners``: the partners an owner may be (besides
    NOT_ASSIGNED); None accepts any owner."""
    try:
        records = _records(data, file_name)
    except _Unreadable as error:
        return {}, [Problem(file_name, None, None, str(error))]
    records = [(number, cells) for number, cells in records if any(cell.strip() for cell in cells)]
    if not records or records[0][0] != 1:
        return {}, [Problem(file_name, 1, None, f"the header row is missing: expected {_EXPECTED_HEADER}")]
    header = [cell.strip().lstrip("\ufeff") for cell in records[0][1]]
    columns = {}
    for field, names in _HEADERS.items():
        found = [position for position, cell in enumerate(header) if _key(cell) in (_key(field), *names)]
        if found:
            columns[field] = found[0]
    missing = [field for field in ("item_id", "status") if field not in columns]
    if missing:
        return {}, [Problem(file_name, 1, field, f"column is missing from the header: expected {_EXPECTED_HEADER}")
                    for field in missing]
    if len(records) == 1:
        return {}, [Problem(file_name, None, None, "has a header but no rows: upload the CSV this page downloads")]

    known = set(items["item_id"])
    allowed_owners = None if owners is None else {_key(o): o for o in (NOT_ASSIGNED, *owners)}
    progress: dict[str, dict] = {}
    first_row: dict[str, int] = {}
    problems: list[Problem] = []
    for number, cells in records[1:]:
        def cell(field: str, cells: list[str] = cells) -> tuple[str, str | None]:
            """(text, header as written) of a column; a short row reads as blank."""
            if field not in columns:
                return "", None
            position = columns[field]
            return (cells[position] if position < len(cells) else "").strip(), header[position]

        row_problems = []
        item_id, item_column = cell("item_id")
        if not item_id:
            row_problems.append(Problem(file_name, number, item_column, "is blank: expected an item id such as "
                                        "S1-01, as in the downloaded file"))
        elif item_id not in known:
            row_problems.append(Problem(file_name, number, item_column, f"'{item_id}' is not an item on this "
                                        "checklist: expected an item id such as S1-01, as in the downloaded file"))
        elif item_id in first_row:
            row_problems.append(Problem(file_name, number, item_column, f"'{item_id}' is repeated (first on row "
                                        f"{first_row[item_id]}): each item may appear once"))
        status_text, status_column = cell("status")
        status = _STATUS_BY_KEY.get(_key(status_text)) if status_text else NOT_STARTED
        if status is None:
            row_problems.append(Problem(file_name, number, status_column, f"'{status_text}' is not a status: "
                                        f"expected one of {', '.join(STATUSES[:-1])} or {STATUSES[-1]}"))
        owner_text, owner_column = cell("owner")
        owner = _untouched(owner_text) or NOT_ASSIGNED
        if allowed_owners is not None:
            owner = allowed_owners.get(_key(owner))
            if owner is None:
                row_problems.append(Problem(file_name, number, owner_column, f"'{owner_text}' is not one of the "
                                            f"partners: expected {NOT_ASSIGNED} or one of "
                                            f"{', '.join(o for o in allowed_owners.values() if o != NOT_ASSIGNED)}"))
        note_text, note_column = cell("note")
        note = _untouched(note_text)
        if len(note) > MAX_NOTE:
            row_problems.append(Problem(file_name, number, note_column, f"the note is {len(note):,} characters "
                                        f"long: a note can be at most {MAX_NOTE:,} characters"))
        if item_id in known and item_id not in first_row:
            first_row[item_id] = number
        if row_problems:
            problems += row_problems
            continue
        progress[item_id] = {"status": status, "owner": owner, "note": note}
    logger.info("progress upload: %d rows loaded, %d problem(s)", len(progress), len(problems))
    return progress, problems
