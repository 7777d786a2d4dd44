"""The board pack follows what the user chose: key messages for every chosen cohort, a typed cohort size quoted as
typed, and a short deck for a ten-minute slot beside the full one (sources in an appendix in both).

Expected values worked out by hand from data/national_prevalence.csv and analysis/headline.HEADLINE_RULE:
- prison, Mental illness: MH01 5.2% vs 0.45%, same measure and ages: 5.2 / 0.45 = 11.56 -> "11.6× as common",
  grade A (like for like, national survey);
- probation, Drug and alcohol misuse: the only substance row is SM07, 24% (OASys alcohol need), no comparator and
  read only in a secondary source -> "24% of people on probation", grade D;
- probation has no learning disability or smoking row -> one gap row naming both;
- probation, any current mental illness MH10 39%: typed caseload 1,650 x 39% = 643.5 -> "about 640" (2 significant
  figures), the caseload itself quoted as typed, "1,650".
- police custody, mental health (Compare only): MH12, Samele et al. 2021, which no headline above uses.
"""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from reports import deck, workbook
from reports.assemble import assemble
from reports.model import DeckVersion, LoadedData, MessageKind
from reports.plan import SHORT_PARTS, SOURCES_TITLE
from tests.backtest.pack_support import board_choices, loaded_inputs, sheet_rows, table_rows, unnumbered

SAMELE = "Samele C, McKinnon I"


@pytest.fixture(scope="module")
def inputs(bundled_evidence, bundled_comparison, bundled_checklist) -> LoadedData:
    return loaded_inputs(bundled_evidence, bundled_comparison, bundled_checklist)


@pytest.fixture(scope="module")
def two_cohort_pack(inputs):
    choices = board_choices(headline_cohorts=("prison", "probation"), typed_sizes={"probation": 1650},
                            cohorts=("police_custody",), domains=("mental_health",), needs=())
    return assemble(choices, inputs)


@pytest.fixture(scope="module")
def short_deck(two_cohort_pack):
    return Presentation(io.BytesIO(deck.deck_bytes(two_cohort_pack, DeckVersion.SHORT)))


def titles_of(presentation) -> list[str]:
    return [unnumbered(slide.shapes.title.text) for slide in presentation.slides]


def test_key_messages_for_each_chosen_cohort(two_cohort_pack):
    groups = [m.group for m in two_cohort_pack.key_messages if m.kind is not MessageKind.LOCAL_NEED]
    assert list(dict.fromkeys(groups)) == ["People in prison", "People on probation"]
    titles = [unnumbered(title) for title in deck.outline(two_cohort_pack)]
    for title in ("Key messages: people in prison", "Key messages: people on probation",
                  "Key messages: local need in Barnsley"):
        assert title in titles


def test_the_short_deck_is_about_six_slides_then_its_appendix(short_deck):
    titles = list(dict.fromkeys(titles_of(short_deck)))
    # No map layer in these inputs, and no partners' file: the map and partners' slides are left out.
    assert titles == ["Justice health: board paper", "The headline needs: People in prison",
                      "The headline needs: People on probation",
                      "The local estimate: Barnsley", "Action checklist: Before you start: who the work covers",
                      SOURCES_TITLE]
    body = [title for title in titles_of(short_deck) if title != SOURCES_TITLE]
    assert len(body) <= 7


def test_the_headline_table_gives_each_need_its_figure_and_grade(short_deck):
    rows = [(unnumbered(slide.shapes.title.text).removeprefix("The headline needs: "), *row)
            for slide in short_deck.slides if slide.shapes.title.text.startswith("The headline needs")
            for row in table_rows(slide)[1:]]  # one run of slides per cohort, named in the title
    by_need = {(row[0], row[1]): list(row[2:]) for row in rows}
    assert by_need[("People in prison", "Mental illness")] == ["11.6× as common", "A"]
    assert by_need[("People on probation", "Drug and alcohol misuse")] == ["24% of people on probation", "D"]
    assert by_need[("People on probation", "Learning disability and brain injury; Smoking")] == [
        "No national figure", ""]
    assert len(rows) == 6 + 5  # prison: six needs; probation: four needs and one row for the two gaps


def test_the_typed_caseload_is_quoted_as_typed_in_both_decks(two_cohort_pack, short_deck):
    sentence = "Of the 1,650 people on probation in Barnsley, about 640 are likely to have a current mental illness"
    local = next(slide for slide in short_deck.slides if slide.shapes.title.text.startswith("The local estimate"))
    rows = table_rows(local)
    assert rows[0] == ["Cohort and its size", "Need", "Likely to have it (95% CI)", "Grade"]
    mental = next(row for row in rows if row[1] == "Any current mental illness")
    assert mental[0] == "Probation caseload, 1,650 (your figure)" and mental[2].startswith("about 640")
    assert sentence in local.notes_slide.notes_text_frame.text  # the whole board sentence, in the notes
    assert any(m.text.startswith(sentence) for m in two_cohort_pack.key_messages)
    assert not any("1,700" in m.text for m in two_cohort_pack.key_messages)


def test_the_short_appendix_lists_only_the_short_decks_sources(two_cohort_pack, short_deck):
    short_sources = "\n".join(text for slide in short_deck.slides if slide.shapes.title.text.startswith(
        SOURCES_TITLE) for text in [slide.notes_slide.notes_text_frame.text])
    assert SAMELE not in short_sources  # police custody is in the Compare chart only
    assert "Brugha T, Singleton N" in short_sources  # prison mental illness, a headline
    assert all(set(row.parts) for row in two_cohort_pack.sources)  # every source says which part it supports
    assert all(set(row.parts) & set(SHORT_PARTS) for row in two_cohort_pack.sources if "Brugha" in row.source)
    full = Presentation(io.BytesIO(deck.deck_bytes(two_cohort_pack)))
    full_sources = "\n".join(slide.notes_slide.notes_text_frame.text for slide in full.slides
                             if slide.shapes.title.text.startswith(SOURCES_TITLE))
    assert SAMELE in full_sources
    assert titles_of(full)[-1] == SOURCES_TITLE  # the full deck's sources are its appendix, at the end


def test_the_short_deck_is_readable_from_the_back_of_the_room(short_deck):
    for slide in short_deck.slides:
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for run in (run for frame in frames for paragraph in frame.paragraphs for run in paragraph.runs):
                assert run.font.size.pt >= (28 if shape == slide.shapes.title else 20), run.text


def test_the_workbook_names_each_messages_cohort_and_grade(two_cohort_pack):
    book = load_workbook(io.BytesIO(workbook.workbook_bytes(two_cohort_pack)))
    rows = sheet_rows(book["Key messages"])
    prison = next(row for row in rows if row["About"] == "People in prison" and row["Heading"] == "Mental illness")
    assert prison["Grade"] == "A"
    assert {row["About"] for row in rows} == {"People in prison", "People on probation",
                                              "Probation caseload, 1,650 (your figure)"}
