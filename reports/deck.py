"""The board pack as a PowerPoint deck (16:9), made in memory with python-pptx.

Readable from the back of a room: slide titles 32 pt, every other text at least 20 pt. Text and tables that do
not fit run on to further slides ("(2 of 3)") rather than shrink. Pictures carry alt text (the ``descr`` of the
picture's cNvPr, which PowerPoint shows as "Alt Text"); every slide's notes carry its sources. Each slide has a
real title placeholder, so screen readers and PowerPoint's outline find it.

``plan(pack)`` lists the slides without drawing them (the page's preview); ``deck_bytes(pack)`` draws them.
"""

from __future__ import annotations

import io
import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from reports.model import BoardPack, Figure, PackTable, Section, check_disclosure

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
LAYOUT_TITLE = 0
LAYOUT_TITLE_ONLY = 5


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


def _clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def numbered(title: str, number: int, count: int) -> str:
    return f"{title} ({number} of {count})" if count > 1 else title


# --- the slide list ----------------------------------------------------------------------------------------------

def _body_width() -> float:
    return SLIDE_WIDTH_IN - 2 * MARGIN_IN


def _body_height() -> float:
    return BODY_BOTTOM_IN - BODY_TOP_IN


def _text_slides(title: str, blocks: Sequence[Sequence[Paragraph]], notes: str) -> list[Slide]:
    pages = paginate_paragraphs(blocks, _body_width(), _body_height())
    return [Slide("text", numbered(title, n, len(pages)), notes, tuple(page)) for n, page in enumerate(pages, 1)]


def _table_slides(table: PackTable) -> list[Slide]:
    if table.display.empty and table.empty_text:
        return _text_slides(table.title, [(Paragraph(table.empty_text),)], table.notes)
    shown = table.display[list(table.slide_columns)].fillna("").astype(str)
    groups = ([(value, shown[table.display[table.slide_group] == value])
               for value in dict.fromkeys(table.display[table.slide_group])] if table.slide_group
              else [("", shown)])
    slides = []
    for value, rows in groups:
        widths = column_widths(rows, _body_width())
        pages = paginate_rows(rows, widths, _body_height())
        title = f"{table.title}: {value}" if value else table.title
        slides += [Slide("table", numbered(title, n, len(pages)), table.notes, table=page, column_widths=widths)
                   for n, page in enumerate(pages, 1)]
    return slides


def plan(pack: BoardPack) -> list[Slide]:
    """Every slide, in order, with its title, content and notes (nothing drawn)."""
    all_sources = "Sources in full: the Sources and caveats slides, and the workbook's Sources sheet."
    slides = [Slide("title", pack.title, "Made with Justice Health Explorer. " + all_sources
                    + (" Not in this pack: " + " ".join(pack.left_out) if pack.left_out else ""),
                    tuple(Paragraph(text, size) for text, size in ((pack.subtitle, 24), (pack.narrative, BODY_PT))
                          if text))]
    blocks = [(Paragraph(message.slide_heading or message.heading, HEADING_PT, bold=True, space_after=2),
               Paragraph(message.slide_text or message.text, space_after=2 if message.source else 12),
               *((Paragraph(message.source, colour=MUTED, space_after=12),) if message.source else ()))
              for message in pack.key_messages]
    slides += _text_slides("Key messages", blocks, "\n".join(
        f"{m.heading}: {m.text}" + (f" Source: {m.source}" if m.source else "") for m in pack.key_messages))
    for figure in pack.figures_in(Section.COMPARISON) + pack.figures_in(Section.MAP):
        slides.append(Slide("figure", figure.title, figure.notes, figure=figure))
        if figure.section == Section.MAP:
            slides += [slide for table in pack.tables_in(Section.MAP) for slide in _table_slides(table)]
    for section in (Section.NEIGHBOURS, Section.LOCAL_NEED, Section.PARTNERS):
        for table in pack.tables_in(section):
            slides += _table_slides(table)
    publications: dict[str, list[str]] = {}
    for row in pack.sources:
        label = row.label or row.source
        details = publications.setdefault(label, [])
        details += [part for part in (row.publisher, row.year) if part and part != label and part not in details]
    source_blocks = [(Paragraph(_clipped(label + (": " + ", ".join(details) if details else ""), 240),
                                space_after=8),) for label, details in publications.items()]
    caveat_blocks = [(Paragraph(text, space_after=10),) for text in (*pack.left_out, *pack.notes)]
    slides += _text_slides("Sources and caveats", [*source_blocks, *caveat_blocks], "\n".join(
        f"{row.figure}: {row.source}. {row.publisher}, {row.year}. {row.link} Caveat: {row.caveat}"
        for row in pack.sources))
    for table in pack.tables_in(Section.CHECKLIST):
        slides += _table_slides(table)
    return slides


def outline(pack: BoardPack) -> list[str]:
    """The slide titles, in order."""
    return [slide.title for slide in plan(pack)]


# --- drawing -----------------------------------------------------------------------------------------------------

def _set_text(frame, paragraphs: Sequence[Paragraph]) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    frame.word_wrap = True
    for number, paragraph in enumerate(paragraphs):
        target = frame.paragraphs[0] if number == 0 else frame.add_paragraph()
        target.space_after = Pt(paragraph.space_after)
        run = target.add_run()
        run.text = paragraph.text
        run.font.size = Pt(paragraph.size)
        run.font.bold = paragraph.bold
        run.font.name = FONT
        run.font.color.rgb = RGBColor.from_string(paragraph.colour)


def _title(slide, text: str, top_in: float = TITLE_TOP_IN, height_in: float = TITLE_HEIGHT_IN,
           size: int = TITLE_PT) -> None:
    from pptx.util import Inches

    shape = slide.shapes.title
    shape.left, shape.top = Inches(MARGIN_IN), Inches(top_in)
    shape.width, shape.height = Inches(_body_width()), Inches(height_in)
    shape.text_frame.text = ""
    _set_text(shape.text_frame, [Paragraph(text, size, bold=True, colour=BLUE, space_after=0)])


def png_size(png: bytes) -> tuple[int, int]:
    """(width, height) in pixels from a PNG's header."""
    return struct.unpack(">II", png[16:24])


def _picture(slide, figure: Figure) -> None:
    from pptx.util import Inches

    if figure.png is None:
        raise ValueError(f"the figure {figure.title!r} has no image: assemble the pack with render=True")
    width_px, height_px = png_size(figure.png)
    box_w, box_h = _body_width(), BODY_BOTTOM_IN - BODY_TOP_IN - SOURCE_LINE_HEIGHT_IN + 0.4
    scale = min(box_w / width_px, box_h / height_px)
    width, height = width_px * scale, height_px * scale
    picture = slide.shapes.add_picture(io.BytesIO(figure.png), Inches(MARGIN_IN + (box_w - width) / 2),
                                       Inches(BODY_TOP_IN - 0.1), Inches(width), Inches(height))
    picture.name = figure.title
    picture._element.nvPicPr.cNvPr.set("descr", figure.alt_text)
    source = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(SLIDE_HEIGHT_IN - SOURCE_LINE_HEIGHT_IN - 0.1),
                                      Inches(_body_width()), Inches(SOURCE_LINE_HEIGHT_IN))
    _set_text(source.text_frame, [Paragraph(figure.source, colour=MUTED, space_after=0)])


def _table(slide, frame: pd.DataFrame, widths: Sequence[float]) -> None:
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Inches

    heights = [row_height_in(list(frame.columns), widths)] + [row_height_in(list(row), widths)
                                                               for row in frame.itertuples(index=False)]
    shape = slide.shapes.add_table(len(frame) + 1, len(frame.columns), Inches(MARGIN_IN), Inches(BODY_TOP_IN),
                                   Inches(sum(widths)), Inches(sum(heights)))
    table = shape.table
    for i, width in enumerate(widths):
        table.columns[i].width = Emu(int(Inches(width)))
    for r, height in enumerate(heights):
        table.rows[r].height = Emu(int(Inches(height)))
    cells = [list(frame.columns), *(list(row) for row in frame.itertuples(index=False))]
    for r, values in enumerate(cells):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.margin_left = cell.margin_right = Inches(CELL_MARGIN_IN)
            cell.margin_top = cell.margin_bottom = Inches(CELL_MARGIN_IN / 2)
            cell.text_frame.text = ""
            if r == 0:  # white on NHS blue (6.0:1), whatever the table style
                cell.fill.solid()
                cell.fill.fore_color.rgb = RGBColor.from_string(BLUE)
            _set_text(cell.text_frame, [Paragraph(str(value), BODY_PT, bold=r == 0, space_after=0,
                                                  colour=WHITE if r == 0 else TEXT)])


def deck_bytes(pack: BoardPack) -> bytes:
    """The deck as .pptx bytes (nothing is written to disk). python-pptx is loaded here, when a deck is made."""
    from pptx import Presentation
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches

    check_disclosure(pack)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    for spec in plan(pack):
        layout = deck.slide_layouts[LAYOUT_TITLE if spec.kind == "title" else LAYOUT_TITLE_ONLY]
        slide = deck.slides.add_slide(layout)
        if spec.kind == "title":
            _title(slide, spec.title, top_in=1.6, height_in=1.6, size=40)
            subtitle = slide.placeholders[1]
            subtitle.left, subtitle.top = Inches(MARGIN_IN), Inches(3.4)
            subtitle.width, subtitle.height = Inches(_body_width()), Inches(3.6)
            subtitle.text_frame.text = ""
            _set_text(subtitle.text_frame, spec.paragraphs)
            for paragraph in subtitle.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.LEFT
        else:
            _title(slide, spec.title)
        if spec.kind == "text":
            box = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(BODY_TOP_IN), Inches(_body_width()),
                                           Inches(_body_height()))
            _set_text(box.text_frame, spec.paragraphs)
        elif spec.kind == "figure":
            _picture(slide, spec.figure)
        elif spec.kind == "table":
            _table(slide, spec.table, spec.column_widths)
        slide.notes_slide.notes_text_frame.text = spec.notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
