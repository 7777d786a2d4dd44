"""The JSNA chapter's blocks (reports.chapter) as an accessible Word document, made with python-docx: the document
language, real headings, tables whose first row is a real header row (repeated on each page and read as headers
by screen readers), and pictures with alt text. python-docx is loaded only when a document is made."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pandas as pd

from reports.chapter import SUBJECT, Block, chapter_blocks, chapter_title
from reports.model import BoardPack, check_disclosure

LANGUAGE = "en-GB"
PICTURE_WIDTH_CM = 15.5  # A4 less Word's default margins (21 - 2 x 2.54 cm)
TABLE_STYLE = "Table Grid"
MIN_COLUMN_CM = 2.0


def new_document(title: str, subject: str):
    """An empty document in British English, with its title and subject in the file's properties."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    properties = document.core_properties
    properties.title, properties.subject, properties.language = title, subject, LANGUAGE
    properties.author = "Justice Health Explorer"
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    for attribute in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(attribute), LANGUAGE)
    return document


def _mark_header_row(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def column_widths_cm(frame: pd.DataFrame, columns: Sequence[str], total_cm: float = PICTURE_WIDTH_CM) -> list[float]:
    """Each column's share of the page's width, in proportion to its longest text (capped at 60 characters), at
    least MIN_COLUMN_CM."""
    wants = [max([len(str(column)) / 2, *(min(len(str(cell)), 60) for cell in frame[column])], default=4)
             for column in columns]
    widths = [max(MIN_COLUMN_CM, total_cm * want / sum(wants)) for want in wants]
    return [width * total_cm / sum(widths) for width in widths]


def add_table(document, frame: pd.DataFrame, columns: Sequence[str] | None = None) -> None:
    """The frame's rows under a bold header row marked as the table's header (cells as the app shows them),
    columns as wide as their text needs."""
    from docx.shared import Cm

    columns = list(columns) if columns else [str(column) for column in frame.columns]
    table = document.add_table(rows=1, cols=len(columns))
    table.style = TABLE_STYLE
    table.autofit = False
    widths = column_widths_cm(frame, columns)
    header = table.rows[0]
    _mark_header_row(header)
    for cell, heading in zip(header.cells, columns, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True
    for values in frame[columns].itertuples(index=False):
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)  # each cell, which Word reads


def add_picture(document, png: bytes, alt_text: str, title: str) -> None:
    """A picture the page's width, with its alt text (the ``descr`` Word shows as Alt Text) and its title."""
    from docx.shared import Cm

    shape = document.add_picture(io.BytesIO(png), width=Cm(PICTURE_WIDTH_CM))
    shape._inline.docPr.set("descr", alt_text)
    shape._inline.docPr.set("title", title)


def _add_block(document, block: Block) -> None:
    if block.kind == "heading":
        document.add_heading(block.text, level=block.level)
    elif block.kind in ("paragraph", "caption"):
        document.add_paragraph(block.text, style="Caption" if block.kind == "caption" else None)
    elif block.kind == "bullets":
        for line in block.lines:
            document.add_paragraph(line, style="List Bullet")
    elif block.kind == "numbered":
        for line, note in zip(block.lines, block.notes, strict=True):
            item = document.add_paragraph(line, style="List Number")
            if note:
                item.add_run(f" {note}").italic = True
    elif block.kind == "table":
        add_table(document, block.frame, block.columns)
    elif block.kind == "picture":
        add_picture(document, block.png, block.text, block.title)


def chapter_docx(pack: BoardPack) -> bytes:
    """The chapter as .docx bytes (nothing written to disk), after the same disclosure check as the deck."""
    check_disclosure(pack)
    document = new_document(chapter_title(pack), SUBJECT)
    for block in chapter_blocks(pack):
        _add_block(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
