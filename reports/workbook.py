"""The board pack as one Excel workbook, made in memory with openpyxl.

One sheet per table in the pack (numbers unrounded; suppressed cells as the text the app shows), then Key
messages, Sources (source, publisher, year, link and caveat for every figure) and Notes (method, disclosure
statement, what was left out, date made, app version). Text a spreadsheet would run as a formula gets a leading
apostrophe, by the rule of the app's CSV downloads (core.safe_csv.neutralise_formula).
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd

from core.safe_csv import neutralise_formula
from reports.model import BoardPack, check_disclosure

SHEET_NAME_MAX = 31
COLUMN_WIDTH_MAX = 60
KEY_MESSAGES = "Key messages"
SOURCES = "Sources"
NOTES = "Notes"


def cell_value(value: object) -> object:
    """A value as openpyxl should store it: numbers unrounded, missing as an empty cell, text never a formula."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, bool | int | float):
        return value
    return neutralise_formula(str(value))


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name (at most 31 characters, none of []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:SHEET_NAME_MAX] or "Sheet"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate, number = base[:SHEET_NAME_MAX - len(suffix)] + suffix, number + 1
    taken.add(candidate.lower())
    return candidate


def _write(sheet, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet.append([cell_value(heading) for heading in header])
    for row in rows:
        sheet.append([cell_value(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    for number, heading in enumerate(header, start=1):
        longest = max([len(str(heading)), *(len(str(row[number - 1])) for row in rows)], default=8)
        sheet.column_dimensions[get_column_letter(number)].width = min(COLUMN_WIDTH_MAX, max(10, longest + 2))


def workbook_bytes(pack: BoardPack) -> bytes:
    """The workbook as .xlsx bytes (nothing is written to disk; openpyxl is loaded only when one is asked for)."""
    from openpyxl import Workbook

    check_disclosure(pack)
    book = Workbook()
    book.properties.title = pack.title
    book.properties.creator = "Justice Health Explorer"
    taken: set[str] = set()
    first = book.active
    first.title = sheet_name(KEY_MESSAGES, taken)
    _write(first, ["About", "Heading", "Message", "Grade", "Source"],
           [(m.group, m.heading, m.text, m.grade, m.source) for m in pack.key_messages])
    for table in pack.tables:
        sheet = book.create_sheet(sheet_name(table.name, taken))
        frame = table.frame.astype(object)
        _write(sheet, [str(column) for column in frame.columns], list(frame.itertuples(index=False)))
    _write(book.create_sheet(sheet_name(SOURCES, taken)), ["Figure", "Source", "Publisher", "Year", "Link", "Caveat"],
           [(s.figure, s.source, s.publisher, s.year, s.link, s.caveat) for s in pack.sources])
    notes = [("Title", pack.title), ("Area", pack.area_name or "none chosen"), ("Date", f"{pack.made_on:%-d %B %Y}"),
             ("Narrative", pack.narrative),
             *(("Table: " + table.name, table.notes) for table in pack.tables if table.notes),
             *(("Method and disclosure", note) for note in pack.notes),
             *(("Not in this pack", item) for item in pack.left_out)]
    _write(book.create_sheet(sheet_name(NOTES, taken)), ["Note", "Text"], notes)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
