"""The board pack: the deck and the workbook opened with python-pptx and openpyxl, their slides, sheets, numbers and
sources, and the disclosure rule in both. A back-test: every pack here is assembled from the bundled evidence and
checklist (and the map slide from the imported open data), so a data refresh changes what it holds.

Expected numbers are worked out by hand from data/national_prevalence.csv: MH01 (prison, probable functional
psychosis) 5.2% vs 0.45% in the household survey, 5.2 / 0.45 = 11.56 -> "11.6×"; MH10 (probation, any current mental
illness) 39%, 1,200 x 39% = 468 -> "about 470"; MH09 (probation, depression) 17.3%, 1,200 x 17.3% = 207.6 people.
"""

import dataclasses
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.util import Inches

from analysis.disclosure import DisclosureError
from core import paths, web_layer
from loaders import web_layer as web_layer_reader
from present import checklist as progress_view
from reports import deck, workbook
from reports.assemble import assemble
from reports.model import BoardPack, LoadedData, Section
from reports.parts.local_need import NEED_SLIDE_COLUMNS
from tests.backtest.pack_support import (
    MANCHESTER,
    PROTECTING,
    SUPPRESSED,
    board_choices,
    every_cell,
    every_text,
    loaded_inputs,
    partner_upload,
    sheet_rows,
    slide_texts,
    table_rows,
    unnumbered,
)
from ui.cache import read_local_indicators


@pytest.fixture(scope="module")
def inputs(bundled_evidence, bundled_comparison, bundled_checklist) -> LoadedData:
    return loaded_inputs(bundled_evidence, bundled_comparison, bundled_checklist)


@pytest.fixture(scope="module")
def pack(inputs) -> BoardPack:
    return assemble(board_choices(), inputs)


@pytest.fixture(scope="module")
def slides(pack):
    return Presentation(io.BytesIO(deck.deck_bytes(pack)))


@pytest.fixture(scope="module")
def book(pack):
    return load_workbook(io.BytesIO(workbook.workbook_bytes(pack)))


# --- the deck ----------------------------------------------------------------------------------------------------

def test_slides_in_order(slides):
    titles = [unnumbered(slide.shapes.title.text) for slide in slides.slides]
    assert list(dict.fromkeys(titles)) == [
        "Justice health: board paper", "Key messages", "Cohorts and the general population",
        "Local need: Probation caseload", "The investment case: what unmet need costs",
        "Action checklist: Before you start: who the work covers",
        "Appendix: sources and caveats"]
    assert (slides.slide_width, slides.slide_height) == (Inches(13.333), Inches(7.5))


def test_title_slide_has_the_area_date_and_narrative(slides):
    texts = slide_texts(slides.slides[0])
    assert texts[:2] == ["Barnsley · 24 November 2026", "Why this matters to the board."]


def test_headline_ratio_as_the_overview_computes_it(slides):
    text = "\n".join(t for slide in slides.slides if slide.shapes.title.text.startswith("Key messages")
                     for t in slide_texts(slide))
    assert "Mental illness: 11.6× as common" in text
    assert ("Probable functional psychosis in the past year: 5.2% of people in prison, 0.45% of the general "
            "population.") in text
    assert "Brugha et al. 2005 · data 1997 · grade A" in text
    assert "Caution: 1997 prison data; crude, not standardised for age and sex." in text
    # The Overview's other tiles for people in prison: a ratio only where like for like.
    for heading in ("Drug and alcohol misuse: 35% of people in prison", "Smoking: 80% of people in prison",
                    "Learning disability and brain injury: 1.4× as common", "Early death: almost 2×"):
        assert heading in text
    # The Local need page's board sentence for the key need, with the typed caseload.
    assert ("Of the 1,200 people on probation in Barnsley, about 470 are likely to have a current mental illness."
            in text)


def test_comparison_chart_is_a_picture_with_alt_text_and_sources_in_the_notes(slides):
    slide = next(s for s in slides.slides if s.shapes.title.text == "Cohorts and the general population")
    pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
    assert len(pictures) == 1
    alt = pictures[0]._element.nvPicPr.cNvPr.get("descr")
    assert "Probable functional psychosis in the past year · Prison: 5.2% vs 0.45% in the general population" in alt
    assert pictures[0].image.content_type == "image/png"
    assert "Brugha T, Singleton N" in slide.notes_slide.notes_text_frame.text


def test_local_need_table_rounded_as_on_the_page(slides):
    slide = next(s for s in slides.slides if s.shapes.title.text.startswith("Local need: Probation caseload"))
    rows = table_rows(slide)
    assert rows[0] == list(NEED_SLIDE_COLUMNS)
    depression = next(row for row in rows if row[0].startswith("Suffered from depression"))
    assert depression[1] == "210"  # 207.6 people, 2 significant figures on screen
    # MH09 (17.3%) is a statement with no interval and no general-population figure: the cells say so.
    assert depression[2:] == ["CI not published", "CI not published", "no figure published", "no figure published"]
    # MH10 (39% vs APMS 17%) is context only: no number at the general rate (1,200 x 17% = 204 is not shown)
    illness = next(row for row in rows if row[0] == "Any current mental illness")
    assert illness[1] == "470" and illness[4:] == ["", "context only: not like for like"]  # 1,200 x 39% = 468
    assert "Cohort size" not in rows[0] and "1,200, the figure typed in the app" in \
        slide.notes_slide.notes_text_frame.text


def test_sources_and_checklist_slides(slides):
    sources = [t for slide in slides.slides if slide.shapes.title.text.startswith("Appendix: sources and caveats")
               for t in slide_texts(slide)]
    assert "Brugha et al. 2005: American Journal of Psychiatry, 2005" in sources
    assert any(t.startswith("Disclosure control: counts from 1 to 4 are suppressed") for t in sources)
    checklist_slide = next(s for s in slides.slides if s.shapes.title.text.startswith("Action checklist"))
    rows = table_rows(checklist_slide)
    assert rows[0] == ["Item", "Action", "Status", "Owner (partner)"]
    assert [row[0] for row in rows[1:]] == ["SC-01"]  # only the item with progress recorded
    assert rows[1][2:] == ["Done", "Public health"]
    assert "42 actions: 1 done" in checklist_slide.notes_slide.notes_text_frame.text


def test_no_note_reads_source_source_and_the_sources_slide_names_each_reference_once(pack, slides):
    assert not [text for text in every_text(slides) if "Source: Source:" in text]
    cited = [" ".join(row.source.split()).casefold() for row in pack.sources]
    assert len(cited) == len(set(cited))
    notes = next(slide.notes_slide.notes_text_frame.text for slide in slides.slides
                 if slide.shapes.title.text.startswith("Appendix: sources and caveats"))
    assert all(notes.count(f": {row.source}. ") == 1 for row in pack.sources)  # each reference once


def test_readable_from_the_back_of_the_room(slides):
    for slide in slides.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for run in (run for paragraph in frame.paragraphs for run in paragraph.runs):
                    minimum = 28 if shape == slide.shapes.title else 20
                    assert run.font.size.pt >= minimum, (slide.shapes.title.text, run.text)


def test_no_checklist_progress_gives_one_slide_that_says_so(inputs, bundled_checklist):
    quiet = dataclasses.replace(inputs, checklist=progress_view.progress_table(bundled_checklist.items, {}),
                                checklist_summary=progress_view.summary_text(bundled_checklist.items, {}))
    titles = deck.outline(assemble(board_choices(), quiet, render=False))
    assert titles[titles.index("Action checklist") + 1].startswith("Appendix: sources and caveats")
    assert "Action checklist: Before you start: who the work covers" not in titles


def test_no_area_leaves_out_the_map_and_local_need_and_says_why(inputs):
    pack = assemble(board_choices(area_code=""), inputs, render=False)
    assert not pack.tables_in(Section.LOCAL_NEED) and not pack.figures_in(Section.MAP)
    assert any(item.startswith("Map and local need: no area chosen") for item in pack.left_out)


# --- the workbook ------------------------------------------------------------------------------------------------

def test_workbook_sheets(book):
    assert book.sheetnames == ["Key messages", "Comparison", "Local need", "Investment case", "Action checklist",
                               "Sources", "Notes"]


def test_numbers_unrounded(book):
    mh01 = next(row for row in sheet_rows(book["Comparison"]) if row["ID"] == "MH01")
    assert mh01["Cohort value (%)"] == 5.2
    assert mh01["Comparator value (%)"] == 0.45
    assert mh01["Ratio (unrounded)"] == pytest.approx(5.2 / 0.45, rel=1e-12)
    assert mh01["Ratio"] == "11.6×"
    depression = next(row for row in sheet_rows(book["Local need"]) if row["Need"].startswith("Suffered from dep"))
    assert depression["Expected people"] == pytest.approx(207.6, rel=1e-12)
    assert depression["Cohort size"] == 1200


def test_sources_and_notes_sheets(book):
    sources = sheet_rows(book["Sources"])
    assert list(sources[0]) == ["Figure", "Source", "Publisher", "Year", "Link", "Caveat"]
    brugha = next(row for row in sources if row["Source"].startswith("Brugha T"))
    assert (brugha["Publisher"], brugha["Year"]) == ("American Journal of Psychiatry", "2005")
    assert brugha["Link"] == "http://ajp.psychiatryonline.org/doi/10.1176/appi.ajp.162.4.774"
    assert brugha["Caveat"]
    assert any("Action checklist" in row["Figure"].split("; ") and row["Source"].startswith("Revolving Doors Agency")
               for row in sources)
    cited = [" ".join(row["Source"].split()).casefold() for row in sources]
    assert len(cited) == len(set(cited))  # each reference once, naming every figure it supports
    notes = {(row["Note"], row["Text"]) for row in sheet_rows(book["Notes"])}
    assert ("Date", "24 November 2026") in notes
    assert any(text.startswith("Disclosure control: counts from 1 to 4") for _, text in notes)
    assert any("(version abc123def456)" in str(text) for _, text in notes)


def test_formulas_neutralised(inputs):
    pack = assemble(board_choices(narrative="=HYPERLINK(\"http://x\")", area_code=""), inputs, render=False)
    book_ = load_workbook(io.BytesIO(workbook.workbook_bytes(pack)))
    narrative = next(row["Text"] for row in sheet_rows(book_["Notes"]) if row["Note"] == "Narrative")
    assert narrative == "'=HYPERLINK(\"http://x\")"
    assert all(cell.data_type != "f" for sheet in book_.worksheets for row in sheet.iter_rows() for cell in row)


# --- partners' figures: the disclosure rule in both files -----------------------------------------------------------

@pytest.fixture(scope="module")
def partner_pack(inputs):
    return assemble(board_choices(), dataclasses.replace(inputs, uploads=(partner_upload(),)))


def test_partner_counts_below_five_never_leave(partner_pack):
    deck_ = Presentation(io.BytesIO(deck.deck_bytes(partner_pack)))
    book_ = load_workbook(io.BytesIO(workbook.workbook_bytes(partner_pack)))
    # The partner table, in both files: women and men suppressed, persons shown.
    sheet = {row["Sex"]: row for row in sheet_rows(book_["Partners' figures"])}
    # Women's 3 of 17 is the small count; men's 83 of 211 is hidden to protect it (86 - 83 = 3).
    for sex, label in (("female", SUPPRESSED), ("male", PROTECTING)):
        assert {sheet[sex][c] for c in ("Numerator", "Denominator", "Prevalence (%)", "Lower 95% limit (%)",
                                        "Upper 95% limit (%)")} == {label}
    assert (sheet["persons"]["Numerator"], sheet["persons"]["Denominator"]) == (86, 228)
    assert sheet["persons"]["Prevalence (%)"] == pytest.approx(100 * 86 / 228, rel=1e-12)
    slide = next(s for s in deck_.slides if s.shapes.title.text.startswith("Partners' figures: Test PDU"))
    rows = table_rows(slide)
    header = rows[0]
    by_sex = {row[header.index("Sex")]: row for row in rows[1:]}
    assert by_sex["female"][header.index("Numerator")] == SUPPRESSED
    assert by_sex["male"][header.index("Denominator")] == PROTECTING
    assert by_sex["persons"][header.index("Prevalence (%)")] == "37.7"
    # Every cell and every text: no count column holds 1 to 4, and nothing the hidden cells hold (83 of 211, 3 of
    # 17: 39.3%, 17.6%) or could be worked back to appears anywhere.
    slide_tables = [[[cell.text for cell in row.cells] for row in shape.table.rows]
                    for s in deck_.slides for shape in s.shapes if shape.has_table]
    sheets = [[list(row) for row in ws.iter_rows(values_only=True)] for ws in book_.worksheets]
    for table in slide_tables + sheets:
        for column, heading in enumerate(table[0]):
            if heading in ("Numerator", "Denominator"):
                for row in table[1:]:
                    assert not re.fullmatch(r"[1-4](\.0)?", str(row[column])), (heading, row)
    texts = [str(cell) for cell in every_cell(book_) if cell is not None] + every_text(deck_)
    for leaked in (r"\b83\b", r"\b211\b", r"\b39\.3", r"\b17\.6", r"\b3 of 17\b"):
        assert not [text for text in texts if re.search(leaked, text)], leaked


def test_a_small_count_in_a_table_stops_both_files(partner_pack):
    table = partner_pack.tables_in(Section.PARTNERS)[0]
    leaky = dataclasses.replace(table, frame=table.frame.assign(Numerator=3))
    broken = dataclasses.replace(partner_pack, tables=(leaky,))
    with pytest.raises(DisclosureError):
        deck.deck_bytes(broken)
    with pytest.raises(DisclosureError):
        workbook.workbook_bytes(broken)


def test_a_pack_for_one_area_carries_that_areas_partner_rows_only(inputs):
    # Barnsley's 3 rows plus 1 Kent row (E10000016): the Barnsley pack shows 3 rows and names Kent as left out.
    barnsley = partner_upload()
    kent = barnsley.rows.iloc[[0]].assign(area_code="E10000016", area_name="Kent", numerator=40.0,
                                          denominator=100.0, row=5)
    both = dataclasses.replace(barnsley, rows=pd.concat([barnsley.rows, kent], ignore_index=True), rows_read=4,
                               rows_valid=4)
    made = assemble(board_choices(), dataclasses.replace(inputs, uploads=(both,)))
    table = made.tables_in(Section.PARTNERS)[0]
    assert list(table.frame["Area"].astype(str)) == ["Barnsley"] * 3
    assert "Rows for other areas were left out: Kent." in table.notes
    assert any("Kent" in line for line in made.left_out)
    slide = next(slide for slide in deck.plan(made) if slide.title.startswith("Partners' figures"))
    assert slide.footer == "Left out: rows for Kent (this pack is for one area)."


# --- the map, with the real open data --------------------------------------------------------------------------------

def test_map_slide_with_the_open_data(open_data: Path, inputs):
    data = read_local_indicators(open_data, paths.bundled_data_dir() / paths.REGISTER_FILE)
    layer_file = web_layer.layer_path(open_data, "utla")
    layer = web_layer_reader.read_web_layer(layer_file)
    pack = assemble(board_choices(area_code=MANCHESTER, map_indicator="92443", map_period="2024",
                                          need_cohorts=()), dataclasses.replace(inputs, local=data, layer=layer))
    presentation = Presentation(io.BytesIO(deck.deck_bytes(pack)))
    slide = next(s for s in presentation.slides if s.shapes.title.text.startswith("Manchester and its neighbours"))
    alt = next(shape for shape in slide.shapes if shape.shape_type == 13)._element.nvPicPr.cNvPr.get("descr")
    assert "Manchester 15.6% (Worse than England (95%) as published by Fingertips)" in alt
    assert "Trafford 7.4%" in alt  # a neighbour
    table = next(s for s in presentation.slides if s.shapes.title.text.startswith("Adult smoking (APS), 2024"))
    assert table_rows(table)[1] == ["Manchester", "15.6%", "not published", "Worse than England (95%)"]
    book_ = load_workbook(io.BytesIO(workbook.workbook_bytes(pack)))
    manchester = next(row for row in sheet_rows(book_["Map areas"]) if row["Code"] == MANCHESTER)
    assert manchester["Value (%)"] == 15.6
