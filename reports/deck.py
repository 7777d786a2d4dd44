"""The board pack as a PowerPoint deck (16:9), made in memory with python-pptx.

Pictures carry alt text (the ``descr`` of the picture's cNvPr, which PowerPoint shows as "Alt Text"); every
slide's notes carry its sources. Each slide has a real title placeholder, so screen readers and PowerPoint's
outline find it. What goes on each slide is decided in reports.plan (full or short), how text fits in
reports.slides; ``deck_bytes(pack, version)`` draws it.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence

import pandas as pd

from reports.model import BoardPack, DeckVersion, Figure, check_disclosure
from reports.plan import outline, plan
from reports.slides import (
    BLUE,
    BODY_BOTTOM_IN,
    BODY_PT,
    BODY_TOP_IN,
    CELL_MARGIN_IN,
    FONT,
    MARGIN_IN,
    MUTED,
    SLIDE_HEIGHT_IN,
    SLIDE_WIDTH_IN,
    SOURCE_LINE_HEIGHT_IN,
    TEXT,
    TITLE_HEIGHT_IN,
    TITLE_PT,
    TITLE_TOP_IN,
    WHITE,
    Paragraph,
    body_height,
    body_width,
    row_height_in,
)

__all__ = ["deck_bytes", "outline", "plan", "png_size"]
LAYOUT_TITLE = 0
LAYOUT_TITLE_ONLY = 5

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
    shape.width, shape.height = Inches(body_width()), Inches(height_in)
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
    box_w, box_h = body_width(), BODY_BOTTOM_IN - BODY_TOP_IN - SOURCE_LINE_HEIGHT_IN + 0.4
    scale = min(box_w / width_px, box_h / height_px)
    width, height = width_px * scale, height_px * scale
    picture = slide.shapes.add_picture(io.BytesIO(figure.png), Inches(MARGIN_IN + (box_w - width) / 2),
                                       Inches(BODY_TOP_IN - 0.1), Inches(width), Inches(height))
    picture.name = figure.title
    picture._element.nvPicPr.cNvPr.set("descr", figure.alt_text)
    _footer(slide, figure.source)


def _footer(slide, text: str) -> None:
    """One muted line at the foot of the slide (a figure's source, what a table leaves out)."""
    from pptx.util import Inches

    box = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(SLIDE_HEIGHT_IN - SOURCE_LINE_HEIGHT_IN - 0.1),
                                   Inches(body_width()), Inches(SOURCE_LINE_HEIGHT_IN))
    _set_text(box.text_frame, [Paragraph(text, colour=MUTED, space_after=0)])


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


def deck_bytes(pack: BoardPack, version: DeckVersion = DeckVersion.FULL) -> bytes:
    """The deck as .pptx bytes (nothing is written to disk). python-pptx is loaded here, when a deck is made."""
    from pptx import Presentation
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches

    check_disclosure(pack)
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(SLIDE_WIDTH_IN), Inches(SLIDE_HEIGHT_IN)
    for spec in plan(pack, version):
        layout = deck.slide_layouts[LAYOUT_TITLE if spec.kind == "title" else LAYOUT_TITLE_ONLY]
        slide = deck.slides.add_slide(layout)
        if spec.kind == "title":
            _title(slide, spec.title, top_in=1.6, height_in=1.6, size=40)
            subtitle = slide.placeholders[1]
            subtitle.left, subtitle.top = Inches(MARGIN_IN), Inches(3.4)
            subtitle.width, subtitle.height = Inches(body_width()), Inches(3.6)
            subtitle.text_frame.text = ""
            _set_text(subtitle.text_frame, spec.paragraphs)
            for paragraph in subtitle.text_frame.paragraphs:
                paragraph.alignment = PP_ALIGN.LEFT
        else:
            _title(slide, spec.title)
        if spec.kind == "text":
            box = slide.shapes.add_textbox(Inches(MARGIN_IN), Inches(BODY_TOP_IN), Inches(body_width()),
                                           Inches(body_height()))
            _set_text(box.text_frame, spec.paragraphs)
        elif spec.kind == "figure":
            _picture(slide, spec.figure)
        elif spec.kind == "table":
            _table(slide, spec.table, spec.column_widths)
            if spec.footer:
                _footer(slide, spec.footer)
        slide.notes_slide.notes_text_frame.text = spec.notes
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
