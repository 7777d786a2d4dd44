"""The JSNA chapter's blocks (reports.chapter) as a PDF, made with fpdf2 (a maintained pure-Python PDF library, so
no office suite or browser is needed on the server): the same content as the Word document, in British English,
with headings as the PDF's outline, header rows repeated on each page and alt text on the map. The text is set
in Liberation Sans (SIL Open Font License, reports/fonts), embedded, since PDF's built-in fonts cannot show
every character the chapter uses (en dashes, ×, ≥)."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from reports.chapter import SUBJECT, Block, chapter_blocks, chapter_title
from reports.model import BoardPack, check_disclosure

FONTS = Path(__file__).with_name("fonts")
FAMILY = "LiberationSans"
LANGUAGE = "en-GB"
BODY_PT, CAPTION_PT, TABLE_PT = 10, 8.5, 8
HEADING_PT = {0: 20, 1: 15, 2: 12.5, 3: 11}
MARGIN_MM = 20
TEXT = (33, 43, 50)  # NHS black
BLUE = (0, 94, 184)  # NHS blue, 6.0:1 on white


def _document(title: str):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(True, margin=MARGIN_MM)
    for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic")):
        pdf.add_font(FAMILY, style, str(FONTS / f"LiberationSans-{name}.ttf"))
    pdf.set_lang(LANGUAGE)
    pdf.set_title(title)
    pdf.set_subject(SUBJECT)
    pdf.set_author("Justice Health Explorer")
    pdf.set_creator("Justice Health Explorer")
    pdf.add_page()
    return pdf


def _text(pdf, text: str, size: float = BODY_PT, style: str = "", colour=TEXT, after_mm: float = 2) -> None:
    pdf.set_font(FAMILY, style, size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(after_mm)


def _heading(pdf, block: Block) -> None:
    if block.level > 0:
        pdf.start_section(block.text, level=block.level - 1, strict=False)
    pdf.ln(2)
    _text(pdf, block.text, HEADING_PT.get(block.level, BODY_PT), "B", BLUE)


def _table(pdf, frame: pd.DataFrame, columns: tuple[str, ...]) -> None:
    wants = [max([len(column) / 2, *(min(len(str(cell)), 60) for cell in frame[column])], default=4)
             for column in columns]
    widths = [max(want, 10) for want in wants]
    pdf.set_font(FAMILY, "", TABLE_PT)
    pdf.set_text_color(*TEXT)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=TABLE_PT * 0.5, repeat_headings=1,
                   first_row_as_headings=True) as table:
        table.row(list(columns))
        for values in frame[list(columns)].itertuples(index=False):
            table.row(["" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
                       for value in values])
    pdf.ln(3)


def _add_block(pdf, block: Block) -> None:
    if block.kind == "heading":
        _heading(pdf, block)
    elif block.kind == "paragraph":
        _text(pdf, block.text)
    elif block.kind == "caption":
        _text(pdf, block.text, CAPTION_PT, "I")
    elif block.kind == "bullets":
        for line in block.lines:
            _text(pdf, f"\u2022 {line}", after_mm=1)
    elif block.kind == "numbered":
        for number, (line, note) in enumerate(zip(block.lines, block.notes, strict=True), start=1):
            _text(pdf, f"{number}. {line}" + (f" {note}" if note else ""), after_mm=1)
    elif block.kind == "table":
        _table(pdf, block.frame, block.columns)
    elif block.kind == "picture":
        pdf.image(io.BytesIO(block.png), w=pdf.epw, alt_text=block.text, title=block.title)
        pdf.ln(2)


def chapter_pdf(pack: BoardPack) -> bytes:
    """The chapter as PDF bytes (nothing written to disk), after the same disclosure check as the deck."""
    check_disclosure(pack)
    pdf = _document(chapter_title(pack))
    for block in chapter_blocks(pack):
        _add_block(pdf, block)
    return bytes(pdf.output())
