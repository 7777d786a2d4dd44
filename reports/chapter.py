"""The JSNA chapter: the board pack's content (reports.assemble: the same messages, tables, figures and sources)
as an ordered list of blocks (headings, paragraphs, lists, tables, pictures) that reports.docx_parts writes as
a Word document an analyst edits into the JSNA's justice chapter, and reports.pdf_parts as a PDF of the same.

Sections: summary; who is in contact with the justice system locally; what is known nationally; the local
estimate of need; local indicators against England, the region and statistical neighbours; partners' figures;
gaps in the data; recommendations from the action checklist; method notes; references.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from reports.model import BoardPack, KeyMessage, MessageKind, PackTable, Section
from reports.plan import GRADE_NOTE

OLD_DATA_YEARS = 10  # a national figure whose data are this many years old or more is listed as a gap
PROFILE_COLUMNS_LEFT_OUT = ("Rank in region", "Range across areas", "Note")
SUBJECT = "Joint Strategic Needs Assessment: the justice chapter"
DRAFT_NOTE = ("A draft for the Joint Strategic Needs Assessment, made with Justice Health Explorer from the view "
              "chosen in the app. Every figure gives its source (References); check the wording and add local "
              "context before it is published.")
GAPS_INTRO = ("Much of the data on the health of people in contact with the justice system is incomplete, out of "
              "date, unpublished or held by different agencies. For this chapter:")
NO_AREA = "No area was chosen in the app, so this section has no local figures."


@dataclass(frozen=True)
class Block:
    """One piece of the chapter: a heading (``level`` 0 is the title), a paragraph or caption, a bulleted or
    numbered list, a table (``frame`` with ``columns``) or a picture (``png`` with ``text`` as its alt text)."""

    kind: str  # "heading", "paragraph", "caption", "bullets", "numbered", "table", "picture"
    text: str = ""
    level: int = 1
    lines: tuple[str, ...] = ()
    frame: pd.DataFrame | None = None
    columns: tuple[str, ...] = ()
    png: bytes | None = None
    title: str = ""  # a picture's title
    notes: tuple[str, ...] = field(default=())  # a numbered line's caveat (italic after it)


def heading(text: str, level: int = 1) -> Block:
    return Block("heading", text, level)


def paragraph(text: str) -> Block:
    return Block("paragraph", text)


def caption(text: str) -> Block:
    return Block("caption", text)


def bullets(lines: Sequence[str]) -> list[Block]:
    return [Block("bullets", lines=tuple(lines))] if lines else []


def _national(pack: BoardPack) -> list[KeyMessage]:
    return [m for m in pack.key_messages if m.kind is not MessageKind.LOCAL_NEED]


def _local(pack: BoardPack) -> list[KeyMessage]:
    return [m for m in pack.key_messages if m.kind is MessageKind.LOCAL_NEED]


def table_blocks(table: PackTable, left_out: Sequence[str] = ()) -> list[Block]:
    """A pack table as the app shows it (the slides' columns where it has them), one table per group."""
    frame = table.display
    columns = tuple(c for c in (table.slide_columns or frame.columns) if c not in left_out)
    groups = ([(value, frame[frame[table.slide_group] == value]) for value in dict.fromkeys(frame[table.slide_group])]
              if table.slide_group else [("", frame)])
    blocks: list[Block] = []
    for value, rows in groups:
        blocks += [heading(str(value), 3)] if value else []
        blocks.append(paragraph(table.empty_text) if rows.empty and table.empty_text
                      else Block("table", frame=rows, columns=columns))
    return blocks + ([caption(table.notes)] if table.notes else [])


def _summary(pack: BoardPack) -> list[Block]:
    national = [m for m in _national(pack) if m.kind is MessageKind.HEADLINE]
    return [heading("Summary"), *([paragraph(pack.narrative)] if pack.narrative else []),
            *bullets([f"{m.group}: {m.slide_heading or m.heading}" + (f" (grade {m.grade})" if m.grade else "")
                      for m in national]),
            *bullets([m.text for m in _local(pack)])]


def _who(pack: BoardPack) -> list[Block]:
    blocks = [heading("Who is in contact with the justice system locally")]
    if not pack.cohort_notes:
        return blocks + [paragraph(NO_AREA if not pack.area_name else "No local cohort was chosen in the app.")]
    return blocks + bullets(list(pack.cohort_notes))


def _citation(source: str) -> str:
    """A message's source without its data year and grade (they have their own columns)."""
    parts = source.split(" · ")
    return " · ".join([parts[0], *(part for part in parts[1:] if not part.startswith(("data ", "grade ")))])


def message_frame(messages: Sequence[KeyMessage]) -> pd.DataFrame:
    return pd.DataFrame({
        "Need": [m.heading if m.kind is MessageKind.HEADLINE else f"Gaps: {m.heading}" for m in messages],
        "What the evidence says": [m.text for m in messages],
        "Data year": ["" if m.data_year is None else str(m.data_year) for m in messages],
        "Grade": [m.grade for m in messages],
        "Source": [_citation(m.source) for m in messages]})


def _known_nationally(pack: BoardPack) -> list[Block]:
    blocks = [heading("What is known nationally")]
    messages = _national(pack)
    for group in dict.fromkeys(m.group for m in messages):
        frame = message_frame([m for m in messages if m.group == group])
        blocks += [heading(group, 2), Block("table", frame=frame, columns=tuple(frame.columns))]
    return blocks + [caption(GRADE_NOTE)]


def _local_estimate(pack: BoardPack) -> list[Block]:
    blocks = [heading("The local estimate of need")]
    local = _local(pack)
    if not local and not pack.tables_in(Section.LOCAL_NEED):
        return blocks + [paragraph(NO_AREA if not pack.area_name else "No local estimate could be made.")]
    blocks += bullets([f"{m.text} Source: {m.source}" for m in local])
    return blocks + [block for table in pack.tables_in(Section.LOCAL_NEED) for block in table_blocks(table)]


def _local_indicators(pack: BoardPack) -> list[Block]:
    blocks = [heading("Local indicators against England, the region and statistical neighbours")]
    tables = pack.tables_in(Section.PROFILE) + pack.tables_in(Section.MAP) + pack.tables_in(Section.NEIGHBOURS)
    figures = pack.figures_in(Section.MAP)
    if not tables and not figures:
        return blocks + [paragraph(NO_AREA if not pack.area_name else "No local indicator is loaded for this area.")]
    for table in pack.tables_in(Section.PROFILE):
        blocks += [heading(table.title, 2), *table_blocks(table, PROFILE_COLUMNS_LEFT_OUT)]
    for figure in figures:
        blocks.append(heading(figure.title, 2))
        if figure.png is not None:
            blocks.append(Block("picture", figure.alt_text, png=figure.png, title=figure.title))
        blocks.append(caption(figure.source))
    for table in pack.tables_in(Section.MAP) + pack.tables_in(Section.NEIGHBOURS):
        blocks += [heading(table.title, 2), *table_blocks(table)]
    return blocks


def _partners(pack: BoardPack) -> list[Block]:
    tables = pack.tables_in(Section.PARTNERS)
    blocks = [heading("Partners' figures")]
    if not tables:
        return blocks + [paragraph("No partner's file was uploaded in this session.")]
    for table in tables:
        blocks += ([paragraph(table.footer)] if table.footer else []) + table_blocks(table)
    return blocks


def _investment(pack: BoardPack) -> list[Block]:
    tables = pack.tables_in(Section.INVESTMENT)
    blocks = [heading("The investment case")]
    if not tables:
        return blocks + [paragraph("The investment case's published figures are not loaded.")]
    for table in tables:
        blocks += [paragraph(table.footer), *table_blocks(table)]
    return blocks


def _gaps(pack: BoardPack) -> list[Block]:
    lines = [f"{m.group}: {m.text}" for m in pack.key_messages if m.kind is MessageKind.GAP]
    oldest = pack.made_on.year - OLD_DATA_YEARS
    lines += [f"{m.group}, {m.heading.lower()}: the national figure rests on data from {m.data_year}."
              for m in _national(pack) if m.data_year is not None and m.data_year <= oldest]
    lines += [f"{m.group}, {m.heading.lower()}: read only in a secondary source."
              for m in _national(pack) if "secondary source only" in m.source]
    return [heading("Gaps in the data"), paragraph(GAPS_INTRO), *bullets(lines + list(pack.left_out))]


def _recommendations(pack: BoardPack) -> list[Block]:
    tables = pack.tables_in(Section.CHECKLIST)
    blocks = [heading("Recommendations")]
    if not tables:
        return blocks + [paragraph("The action checklist is not loaded.")]
    return blocks + [block for table in tables for block in table_blocks(table)]


def _references(pack: BoardPack) -> list[Block]:
    lines, caveats = [], []
    for row in pack.sources:
        parts = [row.source, ", ".join(part for part in (row.publisher, row.year) if part), row.link]
        lines.append(". ".join(part.rstrip(".") for part in parts if part) + ".")
        caveats.append(f"Caveat: {row.caveat}" if row.caveat else "")
    return [heading("Method notes"), *bullets(list(pack.notes)), heading("References"),
            Block("numbered", lines=tuple(lines), notes=tuple(caveats))]


SECTIONS = (_summary, _who, _known_nationally, _local_estimate, _local_indicators, _partners, _investment, _gaps,
            _recommendations, _references)


def chapter_title(pack: BoardPack) -> str:
    return f"{pack.title}: {pack.area_name}" if pack.area_name else pack.title


def chapter_blocks(pack: BoardPack) -> list[Block]:
    """The whole chapter, in order: its title, the date and a note that it is a draft, then each section."""
    blocks = [heading(chapter_title(pack), 0), paragraph(pack.subtitle), paragraph(DRAFT_NOTE)]
    for section in SECTIONS:
        blocks += section(pack)
    return blocks
