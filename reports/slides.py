"""A board-pack slide as data (``Slide``, ``Paragraph``) and the rules that fit text and tables on a 16:9 slide.

Readable from the back of a room: slide titles 32 pt, every other text at least 20 pt. Text and tables that do
not fit run on to further slides ("(2 of 3)") rather than shrink.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from reports.model import Figure, PackTable

SLIDE_WIDTH_IN = 13.333
SLIDE_HEIGHT_IN = 7.5
MARGIN_IN = 0.5
TITLE_TOP_IN = 0.3
TITLE_HEIGHT_IN = 0.95
BODY_TOP_IN = 1.35
BODY_BOTTOM_IN = 7.1
SOURCE_LINE_HEIGHT_IN = 0.8
TITLE_PT = 32
BODY_PT = 20
HEADING_PT = 22
FONT = "Arial"
TEXT = "212B32"  # NHS black
MUTED = "4C6272"  # NHS dark grey, 6.5:1 on white
BLUE = "005EB8"  # NHS blue, 6.0:1 on white
WHITE = "FFFFFF"
# Text fitting: an average character of Arial in running text is under half its size wide; table cells hold
# digits and capitals (about 0.56), and a word is never broken, so columns are at least their longest word.
TEXT_CHAR_EM = 0.5
CELL_CHAR_EM = 0.56
WORD_CHAR_EM = 0.62
LINE_SPACING = 1.2
CELL_MARGIN_IN = 0.08
MIN_COLUMN_IN = 1.1


@dataclass(frozen=True)
class Paragraph:
    text: str
    size: int = BODY_PT
    bold: bool = False
    colour: str = TEXT  # RGB hex
    space_after: int = 6


@dataclass(frozen=True)
class Slide:
    kind: str  # "title", "text", "figure", "table"
    title: str
    notes: str
    paragraphs: tuple[Paragraph, ...] = ()
    figure: Figure | None = None
    table: pd.DataFrame | None = None
    column_widths: tuple[float, ...] = field(default=())
    footer: str = ""  # a table slide's line at its foot


# --- fitting text ------------------------------------------------------------------------------------------------

def lines_needed(text: str, width_in: float, size_pt: float, char_em: float = TEXT_CHAR_EM) -> int:
    """Lines a text takes in a box ``width_in`` wide (a generous estimate: PowerPoint then grows a row, or
    leaves a little space, rather than running off the slide)."""
    per_line = max(1, int(width_in * 72 / (size_pt * char_em)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def paragraph_height_in(paragraph: Paragraph, width_in: float) -> float:
    return (lines_needed(paragraph.text, width_in, paragraph.size) * paragraph.size * LINE_SPACING
            + paragraph.space_after) / 72


def paginate_paragraphs(blocks: Sequence[Sequence[Paragraph]], width_in: float,
                        height_in: float) -> list[list[Paragraph]]:
    """Blocks (a message with its source, kept together) laid onto as many pages as they need."""
    pages: list[list[Paragraph]] = [[]]
    used = 0.0
    for block in blocks:
        height = sum(paragraph_height_in(p, width_in) for p in block)
        if pages[-1] and used + height > height_in:
            pages.append([])
            used = 0.0
        pages[-1].extend(block)
        used += height
    return [page for page in pages if page]


def _word_width_in(text: str, size_pt: float = BODY_PT) -> float:
    longest = max((len(word) for word in str(text).split()), default=1)
    return longest * size_pt * WORD_CHAR_EM / 72 + 2 * CELL_MARGIN_IN


def column_widths(frame: pd.DataFrame, total_in: float) -> tuple[float, ...]:
    """Each column at least as wide as its longest word (header or cell); the rest of the width shared in
    proportion to each column's longest text (capped at 60 characters)."""
    floors = [max(MIN_COLUMN_IN, _word_width_in(column), *(_word_width_in(cell) for cell in frame[column]))
              for column in frame.columns]
    wants = [max([len(str(column)) * 0.5, *(min(len(str(cell)), 60) for cell in frame[column])], default=4)
             for column in frame.columns]
    spare = total_in - sum(floors)
    if spare <= 0:
        return tuple(width * total_in / sum(floors) for width in floors)
    extra = [max(want * CELL_CHAR_EM * BODY_PT / 72 - floor, 0) for want, floor in zip(wants, floors, strict=True)]
    share = [e / sum(extra) if sum(extra) else 1 / len(extra) for e in extra]
    return tuple(floor + spare * part for floor, part in zip(floors, share, strict=True))


def row_height_in(cells: Sequence[object], widths: Sequence[float], size_pt: float = BODY_PT) -> float:
    lines = max(lines_needed(str(cell), width - 2 * CELL_MARGIN_IN, size_pt, CELL_CHAR_EM) for cell, width in zip(
        cells, widths, strict=True))
    return lines * size_pt * LINE_SPACING / 72 + 2 * CELL_MARGIN_IN


def paginate_rows(frame: pd.DataFrame, widths: Sequence[float], height_in: float) -> list[pd.DataFrame]:
    """Row runs that fit under the header row in ``height_in``; a page holds at least one row."""
    header = row_height_in(list(frame.columns), widths)
    pages, start, used = [], 0, header
    for position in range(len(frame)):
        height = row_height_in(list(frame.iloc[position]), widths)
        if position > start and used + height > height_in:
            pages.append(frame.iloc[start:position])
            start, used = position, header
        used += height
    pages.append(frame.iloc[start:])
    return [page for page in pages if len(page)]


def clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def numbered(title: str, number: int, count: int) -> str:
    return f"{title} ({number} of {count})" if count > 1 else title



# --- slides of text and tables ------------------------------------------------------------------------------

def body_width() -> float:
    return SLIDE_WIDTH_IN - 2 * MARGIN_IN


def body_height() -> float:
    return BODY_BOTTOM_IN - BODY_TOP_IN


def text_slides(title: str, blocks: Sequence[Sequence[Paragraph]], notes: str) -> list[Slide]:
    pages = paginate_paragraphs(blocks, body_width(), body_height())
    return [Slide("text", numbered(title, n, len(pages)), notes, tuple(page)) for n, page in enumerate(pages, 1)]


def table_slides(table: PackTable) -> list[Slide]:
    if table.display.empty and table.empty_text:
        return text_slides(table.title, [(Paragraph(table.empty_text),)], table.notes)
    shown = table.display[list(table.slide_columns)].fillna("").astype(str)
    groups = ([(value, shown[table.display[table.slide_group] == value])
               for value in dict.fromkeys(table.display[table.slide_group])] if table.slide_group
              else [("", shown)])
    slides = []
    height = body_height() - (SOURCE_LINE_HEIGHT_IN if table.footer else 0)
    for value, rows in groups:
        widths = column_widths(rows, body_width())
        pages = paginate_rows(rows, widths, height)
        title = f"{table.title}: {value}" if value else table.title
        slides += [Slide("table", numbered(title, n, len(pages)), table.notes, table=page, column_widths=widths,
                         footer=table.footer) for n, page in enumerate(pages, 1)]
    return slides

