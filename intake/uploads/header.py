"""Finding the header row of a table of cells, and which column holds each field."""

from __future__ import annotations

import re
from dataclasses import dataclass

from intake.uploads.cells import cell_text
from intake.uploads.limits import HEADER_SEARCH_ROWS
from intake.uploads.vocabulary import FIELD_BY_NAME, FIELDS, REQUIRED_TEXT, squeeze


def match_header(cell: object) -> str | None:
    """The field a header cell names, or None."""
    key = squeeze(cell_text(cell))
    if not key:
        return None
    for spec in FIELDS:
        if key in spec.aliases or (spec.pattern and re.match(spec.pattern, key)):
            return spec.name
    return None


def header_score(cells: list) -> int:
    """How many fields a row names."""
    return len({name for name in map(match_header, cells) if name})


@dataclass(frozen=True)
class Header:
    """The header row: its number, where each field is, each field's header as written, the headers not used."""

    row: int
    columns: dict[str, int]  # field -> cell index
    titles: dict[str, str]  # field -> header as written
    unused: list[str]  # headers not recognised, quoted


def find_header(rows: list[tuple[int, list]]) -> tuple[Header | None, list[str]]:
    """The header row and its columns, or None; the second value lists columns claimed twice."""
    best, best_score = None, 1
    for number, cells in rows[:HEADER_SEARCH_ROWS]:
        score = header_score(cells)
        if score > best_score:
            best, best_score = (number, cells), score
    if best is None:
        return None, []
    number, cells = best
    columns: dict[str, int] = {}
    titles: dict[str, str] = {}
    clashes, unused = [], []
    for index, cell in enumerate(cells):
        name = match_header(cell)
        title = cell_text(cell)
        if name is None:
            if title:
                unused.append(f"'{title}'")
            continue
        if name in columns:
            clashes.append(f"columns '{titles[name]}' and '{title}' both look like the {FIELD_BY_NAME[name].label}: "
                           "keep one")
            continue
        columns[name], titles[name] = index, title
    return Header(number, columns, titles, unused), clashes


def missing_columns(columns: dict[str, int]) -> list[str]:
    missing = []
    if "area_code" not in columns and "area_name" not in columns:
        missing.append("area_code or area_name")
    missing += [name for name in REQUIRED_TEXT if name not in columns]
    has_counts = "numerator" in columns and "denominator" in columns
    if not has_counts and "value" not in columns:
        if "numerator" in columns:
            missing.append("denominator (or give a value column instead)")
        elif "denominator" in columns:
            missing.append("numerator (or give a value column instead)")
        else:
            missing.append("numerator and denominator, or value")
    return missing


def no_header_message() -> str:
    return (f"no header row found in the first {HEADER_SEARCH_ROWS} rows: the header needs at least two of the "
            "template's column names (area_code or area_name, cohort, indicator, sex, period, numerator, "
            "denominator, value, ci_low, ci_high, partner). Download the template to see them")
