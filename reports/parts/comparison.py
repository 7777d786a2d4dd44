"""The board pack's comparison part: the Overview's headline tiles as key messages and the Compare page's chart
and rows."""

from __future__ import annotations

import pandas as pd

from analysis.comparison import filter_comparison
from analysis.headline import headline_rows
from charts.compare import cohort_vs_population_chart, row_labels
from core.comparison_codes import RatioBasis
from core.labels import COHORT_PEOPLE
from present.headline import HeadlineWording, headline_wording
from reports.images import laid_out_png
from reports.model import Figure, KeyMessage, MessageKind, PackRequest, Section

CHART_ROWS_PER_SLIDE = 4
SLIDE_SCALE = 1.6  # text and rows on a slide, against the screen's
SLIDE_WRAP_CHARS = 70  # a label's line across the slide's 1,000 px image
NO_FIGURE = "No national figure"


def key_message(wording: HeadlineWording, cohort: str, grade: str = "", data_year: int | None = None) -> KeyMessage:
    """A headline tile as a key message: in full for the workbook, shorter for the slide, and its figure in a few
    words (the slide heading after "need: ") for the short deck's table."""
    figure = wording.slide_heading.removeprefix(f"{wording.heading}: ")
    return KeyMessage(wording.heading, wording.text, wording.source, wording.slide_heading, wording.slide_text,
                      kind=MessageKind.HEADLINE, group=COHORT_PEOPLE[cohort].capitalize(),
                      figure=NO_FIGURE if figure == wording.heading else figure, grade=grade,
                      data_year=data_year)


def _beside(row: tuple) -> str:
    """The general-population figure beside a cohort's, as in " vs 0.45% in the general population (context
    only)", or "" where none was published."""
    if pd.isna(row.comparator_value):
        return ""
    context = " (context only)" if row.ratio_basis == RatioBasis.CONTEXT_ONLY else ""
    return f" vs {row.comparator_value:g}% in the general population{context}"


def compare_rows(comparison: pd.DataFrame, choices: PackRequest) -> pd.DataFrame:
    """The Compare page's rows for these cohorts, sex, domains and needs."""
    rows = filter_comparison(comparison, list(choices.cohorts), choices.sex, list(choices.domains))
    return rows[rows["indicator"].isin(choices.needs)] if choices.needs else rows


def comparison_figures(rows: pd.DataFrame, render: bool) -> list[Figure]:
    """The Compare page's chart, CHART_ROWS_PER_SLIDE rows to a slide."""
    percentages = rows[rows["unit"] == "%"]
    chunks = [percentages.iloc[start:start + CHART_ROWS_PER_SLIDE]
              for start in range(0, len(percentages), CHART_ROWS_PER_SLIDE)]
    figures = []
    for number, chunk in enumerate(chunks, start=1):
        part = f" ({number} of {len(chunks)})" if len(chunks) > 1 else ""
        labels = list(dict.fromkeys(row_labels(chunk)))  # the chart's rows (chunk holds percentages only)
        narrow = chunk[["cohort_value", "comparator_value", "ratio_basis", "cohort_citation", "source_url"]]
        described = "; ".join(f"{label}: {row.cohort_value:g}%" + _beside(row)
                              for label, row in zip(labels, narrow.itertuples(), strict=True))
        notes = "Sources: " + " | ".join(dict.fromkeys(
            f"{row.cohort_citation} ({row.source_url})" for row in narrow.itertuples()))
        png = (laid_out_png(cohort_vs_population_chart(chunk, None, SLIDE_SCALE, SLIDE_WRAP_CHARS))
               if render else None)  # the chart is built only to be drawn: a preview needs its words alone
        figures.append(Figure(
            Section.COMPARISON, f"Cohorts and the general population{part}", png,
            f"Dot chart of {len(chunk)} prevalences, each cohort beside the general population, with 95% "
            f"confidence intervals where published: {described}.",
            "Sources: this slide's notes, and the appendix's sources slides.",
            notes))
    return figures


def headline_key_messages(comparison: pd.DataFrame, cohort: str, sex: str) -> tuple[list[KeyMessage], list[str]]:
    """The Overview's six tiles for a cohort (needs without a national figure in one message), and the evidence
    rows behind them."""
    tiles = headline_rows(comparison, cohort, sex)
    messages = [key_message(headline_wording(label, row, cohort), cohort, str(row["grade"]), int(row["data_year"]))
                for label, row in tiles if row is not None]
    gaps = [label for label, row in tiles if row is None]
    if gaps:  # one message: its heading lists the needs, its slide heading says what they are
        people = COHORT_PEOPLE[cohort]
        messages.append(KeyMessage("; ".join(gaps), f"No national figure for {people} was found for: "
                                   f"{'; '.join(gap.lower() for gap in gaps)}.", "", "Gaps in the evidence",
                                   kind=MessageKind.GAP, group=people.capitalize(), figure=NO_FIGURE))
    return messages, [row["indicator_id"] for _, row in tiles if row is not None]


def key_messages_for(comparison: pd.DataFrame, cohorts: tuple[str, ...],
                     sex: str) -> tuple[list[KeyMessage], list[str]]:
    """The Overview's tiles for each chosen cohort, in the order chosen (each message names its cohort in
    ``group``), and the evidence rows behind them."""
    messages: list[KeyMessage] = []
    ids: list[str] = []
    for cohort in dict.fromkeys(cohorts):
        cohort_messages, cohort_ids = headline_key_messages(comparison, cohort, sex)
        messages += cohort_messages
        ids += cohort_ids
    return messages, ids
