"""The words of a headline tile (the Overview's key needs), drawn by ui.blocks.headline_tile and written into the
board pack, and the source line under a Local need board sentence."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.comparison_codes import RatioBasis
from core.labels import COHORT_PEOPLE, EVIDENCE_LABELS, SEX_LABELS


@dataclass(frozen=True)
class HeadlineWording:
    """One tile's words: ``value`` is its big figure, ``sentence`` what it says about it, ``source`` the line
    under it; the slide forms are shorter, to be read from across a room."""

    heading: str  # the need
    value: str
    sentence: str
    slide_heading: str
    slide_text: str
    source: str

    @property
    def text(self) -> str:
        """The tile as one sentence (the board pack's key message)."""
        return f"{self.value}. {self.sentence}"

    @property
    def caption(self) -> str:
        """The words under the tile's figure, with its source."""
        return f"{self.sentence} {self.source}." if self.source else self.sentence


def sex_suffix(sex: str) -> str:
    """' (men)' / ' (women)' for sex-specific rows, '' for persons (as charts.style.sex_suffix)."""
    return f" ({SEX_LABELS[sex].lower()})" if sex in ("male", "female") else ""


def evidence_source(row: pd.Series) -> str:
    """'Brugha et al. 2005 · data 1997 · National probability survey', as under the Overview's tiles."""
    return f"{row['cohort_source']} · data {int(row['data_year'])} · {EVIDENCE_LABELS[row['evidence_quality']]}"


def headline_wording(need: str, row: pd.Series | None, cohort: str, *, emphasis: str = "") -> HeadlineWording:
    """The tile for one need: the ratio (or why there is none), the two figures behind it and the source.
    ``emphasis`` wraps the measure's name (``"**"`` on screen)."""
    people = COHORT_PEOPLE[cohort]
    if row is None:
        return HeadlineWording(need, "No national figure", f"No national figure for {people} was found for this "
                               "need: a gap in the evidence.", need, f"No national figure for {people}.", "")
    name = f"{row['indicator']}{sex_suffix(row['sex'])}"
    measure = f"{emphasis}{name}{emphasis}"
    basis = row["ratio_basis"]
    if basis == RatioBasis.COMPUTED:
        value = row["ratio_text"]
        sentence = (f"{measure}: about {row['ratio']:.1f} times as common among {people} as in the general "
                    f"population: {row['cohort_value']:g}% vs {row['comparator_value']:g}% ({row['comparator']}).")
        slide = (f"{need}: {row['ratio_text']} as common",
                 f"{name}: {row['cohort_value']:g}% of {people}, {row['comparator_value']:g}% of the general "
                 "population.")
    elif basis == RatioBasis.PUBLISHED:
        value = row["ratio_text"]
        sentence = (f"{measure}: the source puts the risk for {people} at “{row['ratio_wording']}” that of the "
                    f"general population ({row['ratio_type']}).")
        slide = (f"{need}: {row['ratio_text']}",
                 f"{name}: the source puts the risk at “{row['ratio_wording']}” that of the general population.")
    elif basis in (RatioBasis.CONTEXT_ONLY, RatioBasis.NO_COMPARATOR):
        value = f"{row['cohort_value']:g}%"
        reason = ("the general-population figure measures something different, so it is context only"
                  if basis == RatioBasis.CONTEXT_ONLY else "no general-population figure was published")
        context = (f" General population: {row['comparator_value']:g}% ({row['comparator']})."
                   if basis == RatioBasis.CONTEXT_ONLY else "")
        sentence = f"{measure}. No like-for-like comparison: {reason}.{context}"
        slide = (f"{need}: {row['cohort_value']:g}% of {people}", f"{name}. No like-for-like comparison: {reason}.")
    else:
        value = f"“{row['ratio_wording']}”"
        sentence = (f"{measure}. Quoted statement: basis not stated and primary source not traced, so it is not "
                    "plotted.")
        slide = (f"{need}: “{row['ratio_wording']}”", f"{name}. A quoted statement, not plotted: its basis is "
                 "not stated.")
    return HeadlineWording(need, value, sentence, *slide, evidence_source(row))
