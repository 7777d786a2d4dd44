"""Reading one upload from its bytes to an UploadResult: tables, their headers, the row rules, duplicates and
code changes, with notes on how the file was read.

What the package does with an upload, and the judgement calls it makes:

``read_upload(file_name, data, lookup=..., changes=...)`` takes the bytes of one upload (Streamlit's
``UploadedFile.getvalue()``) and returns an ``UploadResult``: the rows that can be used, one per input row, and
every problem found (file, sheet, row, column, the value and what was expected), so a partner can fix a file in
one pass. It never writes to disk and never raises for a bad file: a file that cannot be read gives a result
with no rows and a problem that says why. ``combine`` puts several partners' files together.
``template_csv`` and ``template_xlsx`` are the downloads the page offers.

The judgement calls:

* **What is read.** CSV (comma, semicolon or tab; UTF-8 with or without BOM, else Windows-1252, line by line,
  so a file with both is read as well as it can be and the lines read as Windows-1252 are named; UTF-16 with a
  BOM, as Excel's "Unicode text") and .xlsx (every sheet except one called Instructions, Read me, Guidance or
  Help). The type is told from the content (magic bytes), not the name: a PNG named .csv is reported as a PNG
  image; a workbook named .csv is read as a workbook, with a note (intake/files.py).
* **Limits.** ``max_bytes`` (20 MB, as the app's upload limit) and ``max_rows`` (100,000 data rows): a file
  over either is rejected whole, with the limit in the message, rather than half read. An .xlsx is a zip: its
  declared uncompressed size is checked before it is opened (200 MB in all, and no member over 1 MB may be
  compressed more than 100 to 1), so a "zip bomb" is refused without being expanded. Python's zipfile never
  inflates a member past its declared size, so the declared sizes bound the work.
* **Header.** Among the first 20 non-blank rows, the one with the most recognised column names (at least two;
  the first such row on a tie). Names are compared without case, spaces or punctuation ("Area Code",
  "area_code", "AREA-CODE"), with aliases (``vocabulary.FIELDS``). Columns not recognised are listed in the
  notes, not used.
* **Areas.** An ONS GSS code, or a name: matched, after normalising case, punctuation, "&"/"and", "St."/"Saint",
  "upon"/"on", "City of"/"County of" and "Council", with the names in the LAD -> UTLA lookup and (when
  ``area_names`` is given) every name mySociety lists for English councils, past and present. A name that is
  not the lookup's own is listed in the notes with the area it was read as, so a wrong match can be seen. An
  unknown or ambiguous name is a problem with "did you mean ...?" suggestions (code and name). Old codes and the
  names of abolished councils are brought to April 2023 codes by ``analysis.geography_codes.map_to_current_codes``:
  counts of merged districts are added up only when every predecessor is there for the same figure; a split
  county (Northamptonshire, Cumbria) or an incomplete merge cannot be placed, and its rows are listed as
  problems with the reason. Codes recoded before 2019 (mySociety's former codes, e.g. Gateshead E08000020) are
  recoded one to one. Regions, England, and Welsh, Scottish and Northern Irish codes are refused.
* **Unitary authorities** (E06, E08, E09) sit in both tiers; their rows get ``area_type`` "utla", like
  counties (E10); districts (E07) get "lad".
* **Rows.** One figure per row: counts (whole numbers, numerator <= denominator, denominator >= 1) or a
  percentage (0 to 100) with, optionally, its 95% CI (both limits, around the value). "NA", "N/A", "null",
  "none" and "-" are read as blank. A blank sex is "persons"; a blank or missing partner is the file name.
  ``value`` is kept as given (blank when only counts are given: a merged row's value is blank too).
  A merged row stands for several input rows: ``row`` is the first of them, ``code_note`` lists them all and
  ``input_rows`` counts them (1 for every other row), so ``rows_valid`` counts input rows.
  The template's example row ("Example: replace this row") is never used.
* **Duplicates** (same partner, area, cohort, indicator ignoring case, sex and period): an exact repeat is
  reported and only the first row is used; rows with different figures are all reported and none is used,
  because which is right cannot be told. ``combine`` applies the same rule across files.
* **Text is data.** Names, labels and partners are kept exactly as given (stripped): the page must show them
  as text, never as HTML or Markdown.
"""

from __future__ import annotations

import logging

from intake.uploads.areas import AreaMatcher, Place
from intake.uploads.assemble import drop_duplicates, named, place
from intake.uploads.header import Header, find_header, missing_columns, no_header_message
from intake.uploads.limits import HEADER_SEARCH_ROWS, LISTED
from intake.uploads.mapping import ColumnMapping, layout, remap
from intake.uploads.result import CandidateRow, UploadProblem, UploadResult, empty_rows, rows_frame
from intake.uploads.rows import RowContext, check_row
from intake.uploads.tables import Refused, Table, read_tables, too_many_rows
from intake.uploads.vocabulary import FIELD_BY_NAME

logger = logging.getLogger(__name__)


def fail(name: str, message: str, notes: list[str], encoding: str | None = None) -> UploadResult:
    """The result of a file that cannot be used at all: no rows, one problem."""
    logger.info("upload %s refused: %s", name, message)
    return UploadResult(empty_rows(), [UploadProblem(name, None, None, None, None, message)], 0, 0, encoding, notes)


def read(name: str, data: bytes, matcher: AreaMatcher, max_bytes: int, max_rows: int,
         mapping: ColumnMapping | None = None) -> UploadResult:
    """Read the bytes of the file ``name`` (in the file's own layout when ``mapping`` is given); never raises for
    a bad file."""
    notes: list[str] = []
    try:
        tables, encoding = read_tables(name, bytes(data or b""), max_bytes, max_rows, notes)
    except Refused as reason:
        return fail(name, str(reason), notes)
    problems: list[UploadProblem] = []
    candidates: list[CandidateRow] = []
    places: dict[tuple[str, str], Place] = {}
    rows_read = data_tables = 0
    for table in tables:
        if mapping is None:
            header = _usable_header(name, table, len(tables), problems, notes)
        else:
            table, header = _mapped_table(name, table, mapping, problems, notes)
        if header is None:
            continue
        data_tables += 1
        body = [(number, cells) for number, cells in table.rows if number > header.row]
        if not body:
            problems.append(UploadProblem(name, table.sheet, None, None, None,
                                          f"there are no data rows under the header (row {header.row})"))
            continue
        rows_read += len(body)
        if rows_read > max_rows:
            return fail(name, too_many_rows(max_rows), notes, encoding)
        candidates += _table_rows(name, table, header, body, matcher, places, problems, notes)
    if not data_tables and not problems:
        problems.append(UploadProblem(name, None, None, None, None, no_header_message()))
    _note_names(name, candidates, notes)
    placed = place(drop_duplicates(candidates, problems), matcher, problems)
    order = {table.sheet: position for position, table in enumerate(tables)}
    placed.sort(key=lambda row: (order.get(row.sheet, 0), row.row))
    _note_codes(name, placed, notes)
    problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))
    frame = rows_frame(named(placed, matcher))
    rows_valid = int(frame["input_rows"].sum()) if len(frame) else 0
    logger.info("upload %s: %d rows read, %d used, %d problems", name, rows_read, rows_valid, len(problems))
    return UploadResult(frame, problems, rows_read, rows_valid, encoding, notes, layout(tables))


def _mapped_table(name: str, table: Table, mapping: ColumnMapping, problems: list[UploadProblem],
                  notes: list[str]) -> tuple[Table, Header | None]:
    """The table rewritten in the template's columns by the user's mapping, or a problem saying why it cannot be."""
    where = _where(name, table)
    found = remap(table, mapping) if table.rows else None
    if found is None:
        if table.rows:
            wanted = ", ".join(f"'{title}'" for title in mapping.columns.values())
            problems.append(UploadProblem(name, table.sheet, None, None, None,
                                          f"no row in the first {HEADER_SEARCH_ROWS} has all the columns of your "
                                          f"mapping ({wanted})"))
        return table, None
    table, header = found
    read_as = "; ".join(f"'{title}' as the {FIELD_BY_NAME[field].label}" for field, title in mapping.columns.items())
    fixed = "; ".join(f"{FIELD_BY_NAME[field].label} '{text.strip()}' for every row"
                      for field, text in mapping.fixed.items() if text.strip())
    notes.append(f"{where}: read with your column mapping: " + "; ".join(part for part in (read_as, fixed) if part))
    if header.unused:
        notes.append(f"{where}: columns not used: {', '.join(header.unused)}")
    return table, header


def _where(name: str, table: Table) -> str:
    return name if table.sheet is None else f"{name}, sheet '{table.sheet}'"


def _usable_header(name: str, table: Table, tables: int, problems: list[UploadProblem],
                   notes: list[str]) -> Header | None:
    """The table's header when its data can be read; else None, with a note (a sheet skipped) or a problem."""
    where = _where(name, table)
    if not table.rows:
        if table.sheet is not None:
            notes.append(f"{where}: empty, skipped")
        return None
    header, clashes = find_header(table.rows)
    if header is None:
        if table.sheet is not None and tables > 1:
            notes.append(f"{where}: skipped (no header row with the template's column names in its first "
                         f"{HEADER_SEARCH_ROWS} rows)")
        else:
            problems.append(UploadProblem(name, table.sheet, None, None, None, no_header_message()))
        return None
    if header.row != 1:
        notes.append(f"{where}: header found on row {header.row}")
    if header.unused:
        notes.append(f"{where}: columns not used: {', '.join(header.unused)}")
    missing = missing_columns(header.columns)
    for clash in clashes:
        problems.append(UploadProblem(name, table.sheet, header.row, None, None, clash))
    if missing:
        problems.append(UploadProblem(name, table.sheet, header.row, None, None,
                                      f"the header has no column for: {'; '.join(missing)}"))
    return None if clashes or missing else header


def _table_rows(name: str, table: Table, header: Header, body: list[tuple[int, list]], matcher: AreaMatcher,
                places: dict[tuple[str, str], Place], problems: list[UploadProblem],
                notes: list[str]) -> list[CandidateRow]:
    """The rows of one table that pass the row rules, with notes on the partner column."""
    where = _where(name, table)
    if "partner" not in header.columns:
        notes.append(f"{where}: no partner column: '{name}' is shown as the source of its figures")
    ctx = RowContext(name, table.sheet, header, name, problems)
    rows = [row for number, cells in body if (row := check_row(number, cells, ctx, matcher, places)) is not None]
    blank_partner = sum(1 for row in rows if row.partner_defaulted)
    if "partner" in header.columns and blank_partner:
        notes.append(f"{where}: partner blank on {blank_partner} row(s): '{name}' is used")
    return rows


def _note_codes(name: str, rows: list[CandidateRow], notes: list[str]) -> None:
    """List the codes placed on another vintage's code (a 2025 recode, a former code, merged districts), so that
    no area is moved silently."""
    moved = list(dict.fromkeys(row.code_note for row in rows if row.code_note))
    if moved:
        listed = "; ".join(moved[:LISTED]) + (f"; and {len(moved) - LISTED} more" if len(moved) > LISTED else "")
        notes.append(f"{name}: area codes placed on the April 2023 codes the app uses: {listed}")


def _note_names(name: str, rows: list[CandidateRow], notes: list[str]) -> None:
    """List the area names read as another name, so that a wrong match can be seen."""
    renamed = sorted({row.place_note for row in rows if row.via_name and row.place_note})
    if renamed:
        listed = "; ".join(renamed[:LISTED]) + (f"; and {len(renamed) - LISTED} more" if len(renamed) > LISTED else "")
        notes.append(f"{name}: area names read as: {listed}")
