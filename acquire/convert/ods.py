"""Reading some sheets of an OpenDocument spreadsheet (.ods) as cell text, streaming, without a spreadsheet library."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Iterable
from pathlib import Path

from acquire.errors import DownloadError

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE_TAG, ROW_TAG = f"{_TABLE}table", f"{_TABLE}table-row"
CELL_TAGS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")
NAME_ATTR, VALUE_ATTR = f"{_TABLE}name", f"{_OFFICE}value"
REPEAT_COLUMNS, REPEAT_ROWS = f"{_TABLE}number-columns-repeated", f"{_TABLE}number-rows-repeated"
PADDING = 50  # a longer run of repeated empty cells or rows is padding to the sheet's edge


def read_ods_sheets(path: Path, names: Iterable[str]) -> dict[str, list[list[str]]]:
    """The cells of some sheets of an OpenDocument spreadsheet, as text (``office:value`` for numbers).

    Reads ``content.xml`` as a stream and stops after the last sheet wanted, so a large workbook costs little.
    Repeated cells and rows are expanded, except runs of empty ones (padding to the sheet's edge).
    """
    wanted = set(names)
    sheets: dict[str, list[list[str]]] = {}
    current: str | None = None
    try:
        with zipfile.ZipFile(path) as bundle, bundle.open("content.xml") as content:
            for event, element in ElementTree.iterparse(content, events=("start", "end")):
                if element.tag == TABLE_TAG and event == "start":
                    current = element.get(NAME_ATTR)
                elif element.tag == TABLE_TAG:
                    current = None
                    element.clear()
                    if wanted <= set(sheets):
                        break
                elif element.tag == ROW_TAG and event == "end":
                    if current in wanted:
                        sheets.setdefault(current, []).extend(_rows(element))
                    element.clear()
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise DownloadError(f"{path.name} is not a readable OpenDocument spreadsheet ({error})") from error
    return sheets


def _rows(row: ElementTree.Element) -> list[list[str]]:
    """One ``table-row`` element as its rows of cell text (more than one when the row is repeated)."""
    cells: list[str] = []
    for cell in row:
        if cell.tag not in CELL_TAGS:
            continue
        text = cell.get(VALUE_ATTR) or "".join(cell.itertext()).strip()
        count = int(cell.get(REPEAT_COLUMNS, "1"))
        cells += [text] * (count if text or count <= PADDING else 0)
    while cells and not cells[-1]:
        cells.pop()
    count = int(row.get(REPEAT_ROWS, "1"))
    return [cells] * (count if cells or count <= PADDING else 1)
