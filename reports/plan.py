"""The board pack's slide lists: the full deck (every part, with the sources and caveats in an appendix) and the
short deck for a ten-minute slot (the ask, the headline needs with their grades, the local estimate, the map,
the partners' figures and the actions, then its own sources in an appendix). Nothing is drawn here."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from reports.model import BoardPack, DeckVersion, KeyMessage, MessageKind, PackTable, Section, SourceRow
from reports.slides import (
    BODY_PT,
    HEADING_PT,
    MUTED,
    Paragraph,
    Slide,
    clipped,
    table_slides,
    text_slides,
)

APPENDIX = "Appendix"
SOURCES_TITLE = f"{APPENDIX}: sources and caveats"
SHORT_PARTS = (Section.KEY_MESSAGES, Section.MAP, Section.LOCAL_NEED, Section.PARTNERS, Section.CHECKLIST)
HEADLINE_COLUMNS = ("Who", "Need", "Finding", "Grade")
LOCAL_COLUMNS = ("Cohort and its size", "Need", "Likely to have it (95% CI)", "Grade")
GRADE_NOTE = "Grade: strength of the evidence, A (strong) to D (weak: read only second-hand)."


def _title_slide(pack: BoardPack, version: DeckVersion) -> Slide:
    where = "the appendix's sources slides" if version is DeckVersion.SHORT else "the appendix"
    notes = (f"Made with Justice Health Explorer. Sources in full: {where}, and the workbook's Sources sheet."
             + (" Not in this pack: " + " ".join(pack.left_out) if pack.left_out else ""))
    narrative = pack.narrative if version is DeckVersion.FULL or not pack.narrative else f"The ask: {pack.narrative}"
    return Slide("title", pack.title, notes, tuple(Paragraph(text, size) for text, size in (
        (pack.subtitle, 24), (narrative, BODY_PT)) if text))


def _message_blocks(messages: Sequence[KeyMessage]) -> list[tuple[Paragraph, ...]]:
    return [(Paragraph(message.slide_heading or message.heading, HEADING_PT, bold=True, space_after=2),
             Paragraph(message.slide_text or message.text, space_after=2 if message.source else 12),
             *((Paragraph(message.source, colour=MUTED, space_after=12),) if message.source else ()))
            for message in messages]


def _message_notes(messages: Sequence[KeyMessage]) -> str:
    return "\n".join(f"{m.heading}: {m.text}" + (f" Source: {m.source}" if m.source else "") for m in messages)


def _key_message_slides(pack: BoardPack) -> list[Slide]:
    """One run of "Key messages" slides; with several headline cohorts, one run per cohort and one for the local
    need sentences."""
    national = [m for m in pack.key_messages if m.kind is not MessageKind.LOCAL_NEED]
    groups = list(dict.fromkeys(m.group for m in national))
    if len(groups) <= 1:
        return text_slides("Key messages", _message_blocks(pack.key_messages), _message_notes(pack.key_messages))
    runs = [(f"Key messages: {group.lower()}", [m for m in national if m.group == group]) for group in groups]
    local = [m for m in pack.key_messages if m.kind is MessageKind.LOCAL_NEED]
    if local:
        runs.append((f"Key messages: local need in {pack.area_name}", local))
    return [slide for title, run in runs for slide in text_slides(title, _message_blocks(run), _message_notes(run))]


def _publication_blocks(sources: Sequence[SourceRow]) -> list[tuple[Paragraph, ...]]:
    """Each publication once, with its publisher and years."""
    publications: dict[str, list[str]] = {}
    for row in sources:
        label = row.label or row.source
        details = publications.setdefault(label, [])
        details += [part for part in (row.publisher, row.year) if part and part != label and part not in details]
    return [(Paragraph(clipped(label + (": " + ", ".join(details) if details else ""), 240), space_after=8),)
            for label, details in publications.items()]


def _sources_slides(pack: BoardPack, sources: Sequence[SourceRow], caveats: Sequence[str]) -> list[Slide]:
    blocks = [*_publication_blocks(sources), *((Paragraph(text, space_after=10),) for text in caveats)]
    return text_slides(SOURCES_TITLE, blocks, "\n".join(
        f"{row.figure}: {row.source}. {row.publisher}, {row.year}. {row.link} Caveat: {row.caveat}"
        for row in sources))


def full_plan(pack: BoardPack) -> list[Slide]:
    """Every part of the pack, in order, then the appendix: the sources, what was left out and the notes."""
    slides = [_title_slide(pack, DeckVersion.FULL), *_key_message_slides(pack)]
    for figure in pack.figures_in(Section.COMPARISON) + pack.figures_in(Section.MAP):
        slides.append(Slide("figure", figure.title, figure.notes, figure=figure))
        if figure.section == Section.MAP:
            slides += [slide for table in pack.tables_in(Section.MAP) for slide in table_slides(table)]
    for section in (Section.NEIGHBOURS, Section.LOCAL_NEED, Section.PARTNERS, Section.INVESTMENT, Section.CHECKLIST):
        for table in pack.tables_in(section):
            slides += table_slides(table)
    return slides + _sources_slides(pack, pack.sources, (*pack.left_out, *pack.notes))


def message_table(messages: Sequence[KeyMessage], title: str, columns: tuple[str, ...],
                  by_group: bool = False) -> PackTable:
    """Messages as one row each: who, the need, the figure in a few words, and its grade (the full sentences
    are in the slide's notes); ``by_group`` gives each group its own slides, titled with it."""
    frame = pd.DataFrame([(m.group, m.need or m.heading, m.figure, m.grade) for m in messages], columns=list(columns))
    return PackTable(Section.KEY_MESSAGES, title, title, frame, frame, columns[1:] if by_group else columns,
                     columns[0] if by_group else None, notes=GRADE_NOTE + "\n" + _message_notes(messages))


def short_plan(pack: BoardPack) -> list[Slide]:
    """About six slides for a ten-minute slot, then an appendix with the sources behind them."""
    national = [m for m in pack.key_messages if m.kind is not MessageKind.LOCAL_NEED]
    local = [m for m in pack.key_messages if m.kind is MessageKind.LOCAL_NEED]
    slides = [_title_slide(pack, DeckVersion.SHORT)]
    slides += table_slides(message_table(national, "The headline needs", HEADLINE_COLUMNS, by_group=True))
    if local:
        slides += table_slides(message_table(local, f"The local estimate: {pack.area_name}", LOCAL_COLUMNS))
    slides += [Slide("figure", figure.title, figure.notes, figure=figure) for figure in pack.figures_in(Section.MAP)]
    for section in (Section.PARTNERS, Section.CHECKLIST):
        slides += [slide for table in pack.tables_in(section) for slide in table_slides(table)]
    own = [row for row in pack.sources if set(row.parts) & set(SHORT_PARTS)]
    return slides + _sources_slides(pack, own, (GRADE_NOTE, *pack.notes))


def plan(pack: BoardPack, version: DeckVersion = DeckVersion.FULL) -> list[Slide]:
    """Every slide of the chosen version, in order, with its title, content and notes."""
    return short_plan(pack) if version is DeckVersion.SHORT else full_plan(pack)


def outline(pack: BoardPack, version: DeckVersion = DeckVersion.FULL) -> list[str]:
    """The slide titles, in order."""
    return [slide.title for slide in plan(pack, version)]
