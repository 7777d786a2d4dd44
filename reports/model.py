"""What a board pack is made from (the request and the loaded frames) and what it holds (messages, figures,
tables, sources), with the last disclosure guard before any file is made."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

import pandas as pd

from analysis import disclosure
from analysis.comparison import DOMAIN_ORDER
from analysis.local_indicators import LocalIndicators
from analysis.neighbours import NeighbourLists
from core.codes import DEFAULT_COHORT, DEFAULT_LEVEL, DEFAULT_NEED_COHORTS
from core.vocabulary import JUSTICE_COHORTS
from core.web_layer import WebLayer
from intake import uploads
from present import map_view as area_view
from present import neighbours as neighbour_view
from present.investment import InvestmentChoices

TITLE_MAX_CHARS = 120
NARRATIVE_MAX_CHARS = 700


class Section(StrEnum):
    """The pack's parts, in the deck's order."""

    KEY_MESSAGES = "key_messages"
    COMPARISON = "comparison"
    PROFILE = "profile"  # the workbook and the JSNA chapter (too wide for a slide)
    MAP = "map"
    NEIGHBOURS = "neighbours"
    LOCAL_NEED = "local_need"
    PARTNERS = "partners"
    INVESTMENT = "investment"
    CHECKLIST = "checklist"


class DeckVersion(StrEnum):
    """The full deck (every part, sources in an appendix) or the short one for a ten-minute slot."""

    FULL = "full"
    SHORT = "short"


class MessageKind(StrEnum):
    """What a key message is: a national headline, a gap in the evidence, or a local need estimate."""

    HEADLINE = "headline"
    GAP = "gap"
    LOCAL_NEED = "local_need"


# --- what the user chose, what the app has loaded -------------------------------------------------------------

@dataclass(frozen=True)
class PackRequest:
    """What the pack is made from: the page's widgets (defaulting to the app's current view) and the disclosure
    threshold its partners' figures are suppressed with."""

    title: str
    made_on: date
    threshold: int  # settings.DISCLOSURE_THRESHOLD, passed in by the page
    threshold_set_by: str  # settings.threshold_set_by(): where the threshold came from, for the notes
    narrative: str = ""
    headline_cohorts: tuple[str, ...] = (DEFAULT_COHORT,)  # key messages for each (default: the sidebar's)
    sex: str = "all"
    cohorts: tuple[str, ...] = tuple(JUSTICE_COHORTS)  # Compare's cohorts
    domains: tuple[str, ...] = DOMAIN_ORDER
    needs: tuple[str, ...] = ()  # Compare's needs; empty: every need in the domains
    area_code: str = ""
    level: str = DEFAULT_LEVEL
    need_cohorts: tuple[str, ...] = DEFAULT_NEED_COHORTS  # Local need's cohorts
    typed_sizes: Mapping[str, int | None] = field(default_factory=dict)  # Local need: the DPH's own figures
    adjust: bool = False
    map_indicator: str = ""
    map_period: str = ""
    colour_by: str = area_view.COLOUR_BY_COMPARISON
    neighbour_model: str = neighbour_view.DEFAULT_MODEL  # ONS's statistical neighbour list
    investment: InvestmentChoices = field(default_factory=InvestmentChoices)  # the Investment case page's figures


@dataclass(frozen=True)
class LoadedData:
    """Frames already loaded by the app (cached), and why any part could not be loaded."""

    comparison: pd.DataFrame
    sources: pd.DataFrame  # data/sources.csv
    cohort_sizes: pd.DataFrame | None = None
    cohort_facts: pd.DataFrame | None = None
    population: pd.DataFrame | None = None
    local: LocalIndicators | None = None
    layer: WebLayer | None = None
    checklist: pd.DataFrame | None = None  # the Action checklist's progress table
    checklist_summary: str = ""  # its one-line summary
    checklist_sources: pd.DataFrame | None = None  # data/checklist_sources.csv
    uploads: tuple[uploads.UploadResult, ...] = ()  # partners' files, from this session only
    unavailable: Mapping[str, str] = field(default_factory=dict)  # part -> why it is not there
    app_version: str = ""
    neighbours: NeighbourLists | None = None  # ONS's statistical neighbour lists
    investment_inputs: pd.DataFrame | None = None  # data/investment_inputs.csv
    views: PackViews | None = None  # the app's cached view-models of ``local``; None: reports.views works them out


@dataclass(frozen=True)
class PackViews:
    """The view-models the pack's parts take from ``LoadedData.local`` (and ``neighbours``), by choice. The app
    passes its cached copies (ui.cache: made once per choice for every session); reports.views.views_of works
    the same out from the data otherwise."""

    profile_rows: Callable[[str, str], pd.DataFrame]  # (area, level): present.profile_rows.profile_with_trends
    map_view: Callable[[str, str, str, str], tuple]  # (indicator, level, period, colour by): present.map_view
    neighbour_view: Callable[[str, str, str], neighbour_view.NeighbourView]  # (area, level, ONS list)


# --- what the pack holds -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceRow:
    figure: str  # what it supports
    source: str  # in full (citation or dataset)
    publisher: str
    year: str
    link: str
    caveat: str
    label: str = ""  # short name for a slide ("" = source)
    parts: tuple[Section, ...] = ()  # the pack's parts it supports (the short deck lists only its own)


@dataclass(frozen=True)
class KeyMessage:
    heading: str  # the need (workbook)
    text: str  # in full, as on the app's page (workbook, slide notes)
    source: str
    slide_heading: str = ""  # shorter, for a slide read from across a room ("" = heading)
    slide_text: str = ""  # ("" = text)
    kind: MessageKind = MessageKind.HEADLINE
    group: str = ""  # who it is about ("People in prison"); "" for a message about no one cohort
    need: str = ""  # the need alone ("" = heading), for the short deck's tables
    figure: str = ""  # the figure in a few words ("11.6× as common"), for the short deck's table
    grade: str = ""  # the evidence grade, A to D ("" for none)
    data_year: int | None = None  # the year the figure's data were collected


@dataclass(frozen=True)
class Figure:
    section: Section
    title: str
    png: bytes | None  # None when not rendered (slide list preview, workbook)
    alt_text: str
    source: str  # one line under the picture
    notes: str  # the slide's notes: sources in full


@dataclass(frozen=True)
class PackTable:
    section: Section
    name: str  # the workbook sheet
    title: str
    frame: pd.DataFrame  # workbook: unrounded numbers; suppressed cells as the text the app shows
    display: pd.DataFrame  # slides: the same rows as the app shows them
    slide_columns: tuple[str, ...] = ()  # () = workbook only
    slide_group: str | None = None  # one run of slides per value of this column (never added together)
    notes: str = ""
    count_columns: tuple[str, ...] = ()  # counts of people: checked against the disclosure rule before writing
    empty_text: str = ""  # on a slide when no row is for the slides
    footer: str = ""  # under the table on each of its slides (what it leaves out)


@dataclass(frozen=True)
class BoardPack:
    title: str
    made_on: date
    narrative: str
    area_name: str
    key_messages: tuple[KeyMessage, ...]
    figures: tuple[Figure, ...]
    tables: tuple[PackTable, ...]
    sources: tuple[SourceRow, ...]
    notes: tuple[str, ...]
    left_out: tuple[str, ...]
    threshold: int
    cohort_notes: tuple[str, ...] = ()  # the local cohort sizes used and how each was estimated

    @property
    def subtitle(self) -> str:
        return " · ".join(part for part in (self.area_name, f"{self.made_on:%-d %B %Y}") if part)

    def figures_in(self, section: Section) -> list[Figure]:
        return [figure for figure in self.figures if figure.section == section]

    def tables_in(self, section: Section) -> list[PackTable]:
        return [table for table in self.tables if table.section == section]


def check_disclosure(pack: BoardPack) -> None:
    """The last guard before a file is made: no table may show a count of people from 1 to threshold - 1
    (raises analysis.disclosure.DisclosureError)."""
    for table in pack.tables:
        if table.count_columns:
            for frame in (table.frame, table.display):
                disclosure.check_no_disclosure(frame, table.count_columns, pack.threshold)
