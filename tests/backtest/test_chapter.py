"""The JSNA chapter opened with python-docx: its headings, header rows, alt text, language and references, the same
sentences as the board pack, and the disclosure rule. A back-test: built from the bundled evidence and checklist
and the imported open data's local indicators and map layer, for Manchester (E08000003).

By hand: Manchester's adult smoking (APS) 2024 is 15.6% (Fingertips 92443, as on the Map page); MH10 (probation,
any current mental illness) 39% of a typed caseload of 1,200 is 468 -> "about 470"; the partner file's women
(3 of 17) and men (83 of 211, which with persons 86 of 228 would give the women's count) are suppressed."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from analysis.disclosure import DisclosureError
from core import paths, web_layer
from loaders import web_layer as web_layer_reader
from reports.assemble import assemble
from reports.chapter_docx import chapter_docx as chapter_bytes
from reports.chapter_pdf import chapter_pdf
from tests.backtest.pack_support import MANCHESTER, board_choices, loaded_inputs, partner_upload
from ui.cache import read_local_indicators

HEADINGS = ["Summary", "Who is in contact with the justice system locally", "What is known nationally",
            "The local estimate of need", "Local indicators against England, the region and statistical neighbours",
            "Partners' figures", "The investment case", "Gaps in the data", "Recommendations", "Method notes",
            "References"]


@pytest.fixture(scope="module")
def pack(open_data: Path, bundled_evidence, bundled_comparison, bundled_checklist):
    inputs = loaded_inputs(bundled_evidence, bundled_comparison, bundled_checklist)
    local = read_local_indicators(open_data, paths.bundled_data_dir() / paths.REGISTER_FILE)
    layer = web_layer_reader.read_web_layer(web_layer.layer_path(open_data, "utla"))
    upload = partner_upload()
    upload = dataclasses.replace(upload, rows=upload.rows.assign(area_code=MANCHESTER, area_name="Manchester"))
    choices = board_choices(area_code=MANCHESTER, map_indicator="92443", map_period="2024",
                            headline_cohorts=("prison", "probation"))
    return assemble(choices, dataclasses.replace(inputs, local=local, layer=layer, uploads=(upload,)))


@pytest.fixture(scope="module")
def chapter(pack):
    return Document(io.BytesIO(chapter_bytes(pack)))


def texts(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def test_real_headings_in_order(chapter):
    level_one = [p.text for p in chapter.paragraphs if p.style.name == "Heading 1"]
    assert level_one == HEADINGS
    assert [p.text for p in chapter.paragraphs if p.style.name == "Title"] == [
        "Justice health: board paper: Manchester"]
    level_two = [p.text for p in chapter.paragraphs if p.style.name == "Heading 2"]
    assert "People in prison" in level_two and "People on probation" in level_two


def test_the_investment_case_is_its_own_section_with_its_arithmetic_and_sources(chapter):
    # By hand: 10 to 20 sentences x 0.25 to 0.5 years = 2.5 to 10 prisoner-years x £39,000 (2007/08 prices, as
    # published: no deflator typed) = £97,500 to £390,000.
    text = texts(chapter)
    assert "Prison places not needed when sentences are diverted" in text and "£97,500 to £390,000" in text
    assert "An illustration of scale, not a forecast" in text
    assert "not worked out (type a year's spend on drug treatment on the Investment case page)" in text
    assert "Hansard, House of Commons written answers, 17 December 2008" in text  # in the references
    assert "£18.1 billion" in text


def test_every_table_has_a_header_row_and_the_document_a_language(chapter):
    assert chapter.tables
    for table in chapter.tables:
        first = table.rows[0]._tr
        assert first.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
    assert chapter.core_properties.language == "en-GB"
    defaults = chapter.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "en-GB"


def test_every_picture_has_alt_text(chapter):
    pictures = chapter.inline_shapes
    assert len(pictures) == 1  # the map of Manchester and its neighbours
    alt = pictures[0]._inline.docPr.get("descr")
    assert pictures[0]._inline.docPr.get("title") == "Manchester and its neighbours: Adult smoking (APS), 2024"
    assert "Manchester 15.6%" in alt and "Trafford 7.4%" in alt


def test_the_same_sentences_as_the_board_pack(pack, chapter):
    body = texts(chapter)
    sentence = next(m.text for m in pack.key_messages if m.heading == "Probation caseload: Any current mental illness")
    assert sentence.startswith("Of the 1,200 people on probation in Manchester, about 470 are likely to have a "
                               "current mental illness")
    assert sentence in body
    assert "Probation caseload in Manchester: 1,200, the figure typed in the app." in body  # who is in contact
    assert "Adult smoking (APS)" in body and "15.6%" in body  # the local indicators


def test_references_list_every_source_once(pack, chapter):
    references = [p.text for p in chapter.paragraphs if p.style.name == "List Number"]
    assert len(references) == len(pack.sources)
    for row in pack.sources:
        assert sum(text.startswith(row.source.rstrip(".")) for text in references) >= 1, row.source
    assert any(text.startswith("Brugha T, Singleton N") for text in references)


def test_gaps_said_plainly(chapter):
    gaps = texts(chapter)
    assert "No national figure for people on probation was found for: learning disability and brain injury; " \
           "smoking." in gaps
    assert "People in prison, mental illness: the national figure rests on data from 1997." in gaps


def test_no_count_from_one_to_four_leaves_in_the_partner_table(pack, chapter):
    partner = next(table for table in chapter.tables if table.rows[0].cells[0].text == "Area"
                   and any(cell.text == "Numerator" for cell in table.rows[0].cells))
    header = [cell.text for cell in partner.rows[0].cells]
    numerators = [row.cells[header.index("Numerator")].text for row in partner.rows[1:]]
    assert "86" in numerators and "3" not in numerators and "83" not in numerators
    assert not [n for n in numerators if re.fullmatch(r"[1-4]", n)]
    leaked = dataclasses.replace(pack, tables=tuple(
        dataclasses.replace(t, display=t.display.assign(Numerator="3")) if t.count_columns else t
        for t in pack.tables))
    with pytest.raises(DisclosureError):
        chapter_bytes(leaked)


def test_the_pdf_has_the_same_content_its_language_outline_and_alt_text(pack):
    reader = PdfReader(io.BytesIO(chapter_pdf(pack)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Of the 1,200 people on probation in Manchester, about 470 are likely to have a current mental illness" \
        in text
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title == "Justice health: board paper: Manchester"
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == HEADINGS
    structure = str(reader.trailer["/Root"]["/StructTreeRoot"].get_object())
    assert "/StructTreeRoot" in str(reader.trailer["/Root"].keys()) and structure
    alt_texts = [str(element.get_object().get("/Alt")) for element in _structure_elements(reader)]
    assert any("Manchester 15.6%" in alt for alt in alt_texts)


def _structure_elements(reader):
    """Every element of the PDF's structure tree (where the picture's alt text lives)."""
    pending = [reader.trailer["/Root"]["/StructTreeRoot"].get_object()]
    while pending:
        element = pending.pop()
        yield element
        kids = element.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        pending += [kid.get_object() for kid in kids if hasattr(kid, "get_object")
                    and hasattr(kid.get_object(), "get")]
