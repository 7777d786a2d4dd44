"""The board pack's local need part: the Local need page's estimates, board sentences and table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import pandas as pd

from analysis.local_need.cohorts import (
    ADJUSTMENT_ASSUMPTION,
    ADULTS_LABEL,
    ADULTS_NOTE,
    POPULATION_SOURCE,
    SIDE_BY_SIDE_NOTE,
)
from analysis.local_need.estimate import NeedEstimate
from present import local_need as view
from present.local_need_table import need_tables, slide_table
from present.local_need_text import format_count, short_estimate
from reports.model import KeyMessage, LoadedData, MessageKind, PackRequest, PackTable, Section, SourceRow
from reports.parts.comparison import headline_key_messages
from reports.sources import CATALOGUE_BY_KEY, evidence_sources, year_in

NEED_SLIDE_COLUMNS = ("Need", "Expected people", "Expected, lower 95%", "Expected, upper 95%",
                      "At the general rate", "Additional people")
NEED_ROUNDING_NOTE = ("Counts on the slides are rounded as on the Local need page (under 10 to the person, up to 999 "
                      "to 2 significant figures, then to the nearest 100 or 1,000); the workbook has them unrounded.")
CONTEXT_NOTE = ("Where the general-population figure is not like for like, it is context only: \"At the general rate\" "
                "is left blank and no additional people are worked out.")


@dataclass
class _LocalNeed:
    estimates: list[tuple[NeedEstimate, ...]] = field(default_factory=list)
    messages: list[KeyMessage] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    size_notes: list[str] = field(default_factory=list)  # each cohort's size and how it was estimated
    sources: list[SourceRow] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)


def _size_note(local: view.CohortNeed) -> tuple[str, list[SourceRow]]:
    """The note saying which cohort size was used, and the sources of a population-share default."""
    spec, default = local.spec, local.default
    if local.typed is not None:
        return f"{spec.label} in {local.area_name}: {local.typed:,}, the figure typed in the app.", []
    note = (f"{spec.label} in {local.area_name}: {default.label.lower()}, about {format_count(default.value)} "
            f"({spec.size_label}). {default.assumption} {default.conversion}".strip())
    sources = [SourceRow(f"{spec.label}: {figure.label}", figure.source, figure.source,
                         year_in(figure.source, figure.label), figure.url or "", figure.note, figure.source)
               for figure in default.inputs if figure.source not in ("computed", POPULATION_SOURCE)]
    census = CATALOGUE_BY_KEY["population"]
    sources.append(SourceRow(f"{spec.label}: {ADULTS_LABEL} (population share)", census.title, census.publisher,
                             census.vintage, census.source_page, ADULTS_NOTE, census.title))
    return note, sources


def _year(value: object) -> int | None:
    """A data year as a whole number, None when the source gives none."""
    return None if value is None or pd.isna(value) else int(float(value))


def _messages(local: view.CohortNeed, choices: PackRequest, inputs: LoadedData) -> list[KeyMessage]:
    """The sentences for the chosen needs; without any for this cohort, for the needs the Overview leads with."""
    wanted = tuple(need for need in local.needs if need.evidence.indicator in choices.needs)
    if not wanted:
        key_ids = set(headline_key_messages(inputs.comparison, local.spec.evidence_cohort, choices.sex)[1])
        wanted = tuple(need for need in local.needs if key_ids & set(need.evidence.indicator_ids))
    return [KeyMessage(f"{local.spec.label}: {need.evidence.indicator}", line.sentence, line.source,
                       kind=MessageKind.LOCAL_NEED, group=f"{local.spec.label}, {local.size_words}",
                       need=need.evidence.indicator, figure=short_estimate(need), grade=need.evidence.grade or "",
                       data_year=_year(need.evidence.data_year))
            for need, line in zip(wanted, local.board_lines(wanted), strict=True)]


def local_need_part(choices: PackRequest, inputs: LoadedData, area_name: str) -> _LocalNeed:
    """The Local need page's estimates for the chosen cohorts, in its order, with its board sentences for the
    needs the Overview leads with (or the chosen needs)."""
    part = _LocalNeed()
    data = view.NeedData(inputs.comparison, inputs.cohort_sizes, inputs.cohort_facts, inputs.population,
                         inputs.local.values if inputs.local is not None else None)
    for cohort in choices.need_cohorts:
        local = view.cohort_need(cohort, choices.typed_sizes.get(cohort), area_code=choices.area_code,
                                 level=choices.level, area_name=area_name, data=data, adjust=choices.adjust)
        label = local.spec.label.lower()
        if local.size is None:
            part.left_out.append(f"Local need, {label}: no cohort size. {local.no_size_reason}.".replace("..", "."))
            continue
        note, size_sources = _size_note(local)
        part.notes.append(note)
        part.size_notes.append(note)
        part.sources += size_sources
        if not local.needs:
            part.left_out.append(f"Local need, {label}: no national prevalence figure was found.")
            continue
        part.estimates.append(local.needs)
        if local.spec.evidence_note:
            part.notes.append(local.spec.evidence_note)
        part.messages += _messages(local, choices, inputs)
        used = {indicator_id for need in local.needs for indicator_id in need.evidence.indicator_ids}
        part.sources += evidence_sources(inputs.comparison[inputs.comparison["indicator_id"].isin(used)],
                                         inputs.sources)
    if choices.adjust and inputs.local is None:
        part.left_out.append("Local need: the local adjustment needs the local indicators, which are not loaded.")
    elif choices.adjust:
        part.notes.append(ADJUSTMENT_ASSUMPTION)
    if len(part.estimates) > 1:
        part.notes.append(SIDE_BY_SIDE_NOTE)
    return part


def local_need_table(estimates: Sequence[Sequence[NeedEstimate]], notes: Sequence[str]) -> PackTable:
    """The Local need page's table: unrounded for the workbook (as its CSV), rounded counts for the slides, where
    a blank cell says why there is no number (the workbook has the full notes); no number at the general rate
    where the comparison is not like for like."""
    needs = [need for estimate in estimates for need in estimate]
    table = need_tables(needs)[0]
    return PackTable(Section.LOCAL_NEED, "Local need", "Local need", table, slide_table(needs), NEED_SLIDE_COLUMNS,
                     "Cohort", " ".join([*notes, NEED_ROUNDING_NOTE, CONTEXT_NOTE]))
