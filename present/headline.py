"""The words of a headline tile (the Overview's key needs), drawn by ui.blocks.headline_tile and written into the
board pack: the figure, what it compares, its data year and grade, and the one reason to be careful with it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.comparison_codes import RatioBasis
from core.labels import COHORT_PEOPLE, NOT_LIKE_FOR_LIKE_REASONS, SEX_LABELS

NO_FIGURE = "No national figure"  # a tile's figure where the evidence has none (the tile wraps it, never cuts it)


@dataclass(frozen=True)
class HeadlineWording:
    """One tile's words: ``value`` is its big figure, ``sentence`` what it says about it, ``caution`` the one
    reason to be careful, ``source`` the line under it; the slide forms are shorter, to be read across a room."""

    heading: str  # the need
    value: str
    sentence: str
    slide_heading: str
    slide_text: str
    source: str
    caution: str = ""

    @property
    def text(self) -> str:
        """The tile as one sentence (the board pack's key message)."""
        return " ".join(part for part in (f"{self.value}. {self.sentence}", self.caution) if part)

    @property
    def caption(self) -> str:
        """The words under the tile's figure, with its caution and source."""
        return " ".join(part for part in (self.sentence, self.caution, f"{self.source}." if self.source else "")
                        if part)


def sex_suffix(sex: str) -> str:
    """' (men)' / ' (women)' for sex-specific rows, '' for persons (as charts.style.sex_suffix)."""
    return f" ({SEX_LABELS[sex].lower()})" if sex in ("male", "female") else ""


def evidence_source(row: pd.Series) -> str:
    """'Brugha et al. 2005 · data 1997 · grade A', as under the Overview's tiles and on the slides; a figure read
    only in a secondary source says so."""
    secondary = " · secondary source only" if row["source_status"] == "secondary" else ""
    return f"{row['cohort_source']} · data {int(row['data_year'])} · grade {row['grade']}{secondary}"


def caution(row: pd.Series) -> str:
    """'Caution: 1997 prison data; crude, not standardised for age and sex.'"""
    return f"Caution: {row['weakness'].rstrip('.')}." if isinstance(row["weakness"], str) and row["weakness"] else ""


def _context(row: pd.Series) -> str:
    if pd.isna(row["comparator_value"]):
        return ""
    return f" General population, as context only: {row['comparator_value']:g}% ({row['comparator']})."


def _computed(need: str, name: str, measure: str, people: str, row: pd.Series) -> tuple[str, str, str, str]:
    sentence = (f"{measure}: about {row['ratio']:.1f} times as common among {people} as in the general "
                f"population: {row['cohort_value']:g}% vs {row['comparator_value']:g}% ({row['comparator']}).")
    return (row["ratio_text"], sentence, f"{need}: {row['ratio_text']} as common",
            f"{name}: {row['cohort_value']:g}% of {people}, {row['comparator_value']:g}% of the general population.")


def _published(need: str, name: str, measure: str, people: str, row: pd.Series) -> tuple[str, str, str, str]:
    sentence = (f"{measure}: the source puts the risk for {people} at “{row['ratio_wording']}” that of the "
                f"general population ({row['ratio_type']}).")
    return (row["ratio_text"], sentence, f"{need}: {row['ratio_text']}",
            f"{name}: the source puts the risk at “{row['ratio_wording']}” that of the general population.")


def _context_only(need: str, name: str, measure: str, people: str, row: pd.Series) -> tuple[str, str, str, str]:
    reason = NOT_LIKE_FOR_LIKE_REASONS[row["comparison_design"]]
    value = f"{row['cohort_value']:g}%"
    sentence = f"{measure}: {value} of {people}. No like-for-like comparison: {reason}.{_context(row)}"
    return value, sentence, f"{need}: {value} of {people}", f"{name}. No like-for-like comparison: {reason}."


def _count(need: str, name: str, measure: str, people: str, row: pd.Series) -> tuple[str, str, str, str]:
    value = f"{row['cohort_count']:,.0f}"
    sentence = (f"{measure}: {value} ({row['period']}). A count, not a rate: no denominator was published, so it "
                "is not compared with the general population.")
    return value, sentence, f"{need}: {value} ({row['period']})", f"{name}. A count, not a rate."


def _quoted(need: str, name: str, measure: str, people: str, row: pd.Series) -> tuple[str, str, str, str]:
    reason = NOT_LIKE_FOR_LIKE_REASONS[row["comparison_design"]]
    value = f"“{row['ratio_wording']}”"
    sentence = f"{measure}. Quoted, not plotted: not like for like ({reason})."
    return value, sentence, f"{need}: {value}", f"{name}. A quoted statement, not like for like."


_WORDING = {RatioBasis.COMPUTED: _computed, RatioBasis.PUBLISHED: _published,
            RatioBasis.CONTEXT_ONLY: _context_only, RatioBasis.NO_COMPARATOR: _context_only,
            RatioBasis.COUNT: _count, RatioBasis.PUBLISHED_LOW_COMPARABILITY: _quoted}


def headline_wording(need: str, row: pd.Series | None, cohort: str, *, emphasis: str = "") -> HeadlineWording:
    """The tile for one need: the ratio (or why there is none), the two figures behind it, the data year and
    grade, and the caution. ``emphasis`` wraps the measure's name (``"**"`` on screen)."""
    people = COHORT_PEOPLE[cohort]
    if row is None:
        return HeadlineWording(need, NO_FIGURE, f"No national figure for {people} was found for this need: a gap "
                               "in the evidence.", need, f"No national figure for {people}.", "")
    name = f"{row['indicator']}{sex_suffix(row['sex'])}"
    value, sentence, slide_heading, slide_text = _WORDING[RatioBasis(row["ratio_basis"])](
        need, name, f"{emphasis}{name}{emphasis}", people, row)
    warning = caution(row)
    return HeadlineWording(need, value, sentence, slide_heading, f"{slide_text} {warning}".strip(),
                           evidence_source(row), warning)
