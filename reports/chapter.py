"""The JSNA chapter: the board pack's content (reports.assemble: the same messages, tables, figures and sources)
written as a Word document an analyst edits into the Joint Strategic Needs Assessment's justice chapter.

Sections: summary; who is in contact with the justice system locally; what is known nationally; the local
estimate of need; local indicators against England, the region and statistical neighbours; partners' figures;
gaps in the data; recommendations from the action checklist; method notes; references. The same final disclosure
check as the deck and workbook runs before the file is made.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from reports.docx_parts import add_bullets, add_picture, add_table, document_bytes, new_document
from reports.model import BoardPack, KeyMessage, MessageKind, PackTable, Section, check_disclosure
from reports.plan import GRADE_NOTE

OLD_DATA_YEARS = 10  # a national figure whose data are this many years old or more is listed as a gap
PROFILE_COLUMNS_LEFT_OUT = ("Rank in region", "Range across areas", "Note")
DRAFT_NOTE = ("A draft for the Joint Strategic Needs Assessment, made with Justice Health Explorer from the view "
              "chosen in the app. Every figure gives its source (References); check the wording and add local "
              "context before it is published.")
GAPS_INTRO = ("Much of the data on the health of people in contact with the justice system is incomplete, out of "
              "date, unpublished or held by different agencies. For this chapter:")
NO_AREA = "No area was chosen in the app, so this section has no local figures."


def _national(pack: BoardPack) -> list[KeyMessage]:
    return [m for m in pack.key_messages if m.kind is not MessageKind.LOCAL_NEED]


def _local(pack: BoardPack) -> list[KeyMessage]:
    return [m for m in pack.key_messages if m.kind is MessageKind.LOCAL_NEED]


def _write_table(document, table: PackTable, left_out: Sequence[str] = ()) -> None:
    """A pack table as the app shows it (the slides' columns where it has them), one table per group."""
    frame = table.display
    columns = [c for c in (table.slide_columns or frame.columns) if c not in left_out]
    groups = ([(value, frame[frame[table.slide_group] == value]) for value in dict.fromkeys(frame[table.slide_group])]
              if table.slide_group else [("", frame)])
    for value, rows in groups:
        if value:
            document.add_heading(str(value), level=3)
        if rows.empty and table.empty_text:
            document.add_paragraph(table.empty_text)
        else:
            add_table(document, rows, columns)
    if table.notes:
        document.add_paragraph(table.notes, style="Caption")


def _summary(document, pack: BoardPack) -> None:
    document.add_heading("Summary", level=1)
    if pack.narrative:
        document.add_paragraph(pack.narrative)
    national = [m for m in _national(pack) if m.kind is MessageKind.HEADLINE]
    add_bullets(document, [f"{m.group}: {m.slide_heading or m.heading}" + (f" (grade {m.grade})" if m.grade else "")
                           for m in national])
    add_bullets(document, [m.text for m in _local(pack)])


def _who(document, pack: BoardPack) -> None:
    document.add_heading("Who is in contact with the justice system locally", level=1)
    if not pack.cohort_notes:
        document.add_paragraph(NO_AREA if not pack.area_name else "No local cohort was chosen in the app.")
        return
    add_bullets(document, list(pack.cohort_notes))


def _known_nationally(document, pack: BoardPack) -> None:
    document.add_heading("What is known nationally", level=1)
    messages = _national(pack)
    for group in dict.fromkeys(m.group for m in messages):
        document.add_heading(group, level=2)
        rows = [m for m in messages if m.group == group]
        add_table(document, _message_frame(rows))
    document.add_paragraph(GRADE_NOTE, style="Caption")


def _message_frame(messages: Sequence[KeyMessage]) -> pd.DataFrame:
    return pd.DataFrame({
        "Need": [m.heading if m.kind is MessageKind.HEADLINE else f"Gaps: {m.heading}" for m in messages],
        "What the evidence says": [m.text for m in messages],
        "Data year": ["" if m.data_year is None else str(m.data_year) for m in messages],
        "Grade": [m.grade for m in messages],
        "Source": [_citation(m.source) for m in messages]})


def _citation(source: str) -> str:
    """A message's source without its data year and grade (they have their own columns)."""
    parts = source.split(" · ")
    return " · ".join([parts[0], *(part for part in parts[1:] if not part.startswith(("data ", "grade ")))])


def _local_estimate(document, pack: BoardPack) -> None:
    document.add_heading("The local estimate of need", level=1)
    local = _local(pack)
    if not local and not pack.tables_in(Section.LOCAL_NEED):
        document.add_paragraph(NO_AREA if not pack.area_name else "No local estimate could be made.")
        return
    add_bullets(document, [f"{m.text} Source: {m.source}" for m in local])
    for table in pack.tables_in(Section.LOCAL_NEED):
        _write_table(document, table)


def _local_indicators(document, pack: BoardPack) -> None:
    document.add_heading("Local indicators against England, the region and statistical neighbours", level=1)
    tables = pack.tables_in(Section.PROFILE) + pack.tables_in(Section.MAP) + pack.tables_in(Section.NEIGHBOURS)
    figures = pack.figures_in(Section.MAP)
    if not tables and not figures:
        document.add_paragraph(NO_AREA if not pack.area_name else "No local indicator is loaded for this area.")
        return
    for table in pack.tables_in(Section.PROFILE):
        document.add_heading(table.title, level=2)
        _write_table(document, table, PROFILE_COLUMNS_LEFT_OUT)
    for figure in figures:
        document.add_heading(figure.title, level=2)
        if figure.png is not None:
            add_picture(document, figure.png, figure.alt_text, figure.title)
        document.add_paragraph(figure.source, style="Caption")
    for table in pack.tables_in(Section.MAP) + pack.tables_in(Section.NEIGHBOURS):
        document.add_heading(table.title, level=2)
        _write_table(document, table)


def _partners(document, pack: BoardPack) -> None:
    document.add_heading("Partners' figures", level=1)
    tables = pack.tables_in(Section.PARTNERS)
    if not tables:
        document.add_paragraph("No partner's file was uploaded in this session.")
    for table in tables:
        if table.footer:
            document.add_paragraph(table.footer)
        _write_table(document, table)


def _gaps(document, pack: BoardPack) -> None:
    document.add_heading("Gaps in the data", level=1)
    document.add_paragraph(GAPS_INTRO)
    lines = [f"{m.group}: {m.text}" for m in pack.key_messages if m.kind is MessageKind.GAP]
    oldest = pack.made_on.year - OLD_DATA_YEARS
    lines += [f"{m.group}, {m.heading.lower()}: the national figure rests on data from {m.data_year}."
              for m in _national(pack) if m.data_year is not None and m.data_year <= oldest]
    lines += [f"{m.group}, {m.heading.lower()}: read only in a secondary source."
              for m in _national(pack) if "secondary source only" in m.source]
    add_bullets(document, lines + list(pack.left_out))


def _recommendations(document, pack: BoardPack) -> None:
    document.add_heading("Recommendations", level=1)
    tables = pack.tables_in(Section.CHECKLIST)
    if not tables:
        document.add_paragraph("The action checklist is not loaded.")
    for table in tables:
        _write_table(document, table)


def _references(document, pack: BoardPack) -> None:
    document.add_heading("Method notes", level=1)
    add_bullets(document, list(pack.notes))
    document.add_heading("References", level=1)
    for row in pack.sources:
        parts = [row.source, ", ".join(part for part in (row.publisher, row.year) if part), row.link]
        text = ". ".join(part.rstrip(".") for part in parts if part) + "."
        paragraph = document.add_paragraph(text, style="List Number")
        if row.caveat:
            paragraph.add_run(f" Caveat: {row.caveat}").italic = True


SECTIONS = (_summary, _who, _known_nationally, _local_estimate, _local_indicators, _partners, _gaps,
            _recommendations, _references)


def chapter_bytes(pack: BoardPack) -> bytes:
    """The chapter as .docx bytes (nothing written to disk), after the same disclosure check as the deck."""
    check_disclosure(pack)
    title = f"{pack.title}: {pack.area_name}" if pack.area_name else pack.title
    document = new_document(title, "Joint Strategic Needs Assessment: the justice chapter")
    document.add_heading(title, level=0)
    document.add_paragraph(pack.subtitle)
    document.add_paragraph(DRAFT_NOTE)
    for section in SECTIONS:
        section(document, pack)
    return document_bytes(document)
