"""Shared Streamlit rendering: the sidebar, error boxes, headline tiles and source notes.

Pages call these so that they stay a short description of what is on screen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st

import state
from analysis.comparison import RATIO_CONTEXT_ONLY, RATIO_NO_COMPARATOR
from charts.style import COHORT_LABELS, COHORT_PEOPLE, EVIDENCE_LABELS, SEX_LABELS, sex_suffix
from loaders.errors import DataLoadError

logger = logging.getLogger(__name__)
T = TypeVar("T")


def require_router() -> None:
    """Make sure the page runs inside app.py's navigation.

    Streamlit treats an app with a ``pages/`` folder as an old-style (v1) multipage app until
    ``st.navigation`` has run once in the process. If a server's first request is a deep link
    (``/compare``), the page would run alone, without the shared sidebar. Switch v1 mode off and
    rerun through the router instead.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def sidebar_filters() -> None:
    """Cohort and sex, shared by every page and kept in the URL."""
    state.seed_choice(state.COHORT, state.COHORT_OPTIONS, state.DEFAULT_COHORT)
    state.seed_choice(state.SEX, state.SEX_OPTIONS, state.DEFAULT_SEX)
    with st.sidebar:
        cohort = st.selectbox("Cohort", state.COHORT_OPTIONS, format_func=COHORT_LABELS.get, key=state.COHORT,
                              help="The group of people in contact with the criminal justice system to look at.")
        sex = st.selectbox("Sex", state.SEX_OPTIONS, format_func=SEX_LABELS.get, key=state.SEX,
                           help="Most sources publish figures for persons only; some give men and women separately.")
        st.caption("The address bar holds this view: copy it to share exactly what you see.")
    state.write_to_url(state.COHORT, cohort, state.DEFAULT_COHORT)
    state.write_to_url(state.SEX, sex, state.DEFAULT_SEX)


def load_or_stop(loader: Callable[[], T]) -> T:
    """Run a loader; on a data error show a clear message and stop this page (others keep working)."""
    try:
        return loader()
    except DataLoadError as error:
        logger.exception("data load failed")
        show_data_error(error, "The data for this page could not be loaded.")
        st.stop()


def plain(text: str) -> str:
    """Text shown verbatim inside Streamlit's markdown (values from files may hold *, _, < ...)."""
    return "".join("\\" + char if char in "\\`*[]<>#|~" else char for char in text)


def show_data_error(error: DataLoadError, heading: str) -> None:
    """Every problem on its own wrapped line: file, row, column and what is wrong."""
    problems = "\n".join(f"- {plain(str(problem))}" for problem in error.problems[:20])
    more = f"\n- ... and {len(error.problems) - 20} more" if len(error.problems) > 20 else ""
    numbering = "\n\nRows are numbered as in a spreadsheet: the header is row 1." if any(
        problem.row is not None for problem in error.problems) else ""
    st.error(f"**{heading}** {plain(error.summary)}:\n\n{problems}{more}{numbering}")


def headline_tile(need: str, row: pd.Series | None, cohort: str) -> None:
    """One key need: the ratio (or why there is none), the two figures behind it and the source."""
    people = COHORT_PEOPLE[cohort]
    with st.container(border=True):
        if row is None:
            st.metric(need, "No national figure")
            st.caption(f"No national figure for {people} was found for this need: a gap in the evidence.")
            return
        measure = f"**{row['indicator']}{sex_suffix(row['sex'])}**"
        source = f"{row['cohort_source']} · data {int(row['data_year'])} · {EVIDENCE_LABELS[row['evidence_quality']]}"
        if row["ratio_basis"] == "computed":
            st.metric(need, row["ratio_text"])
            st.caption(f"{measure}: about {row['ratio']:.1f} times as common among {people} as in the general "
                       f"population: {row['cohort_value']:g}% vs {row['comparator_value']:g}% "
                       f"({row['comparator']}). {source}.")
        elif row["ratio_basis"] == "published":
            st.metric(need, row["ratio_text"])
            st.caption(f"{measure}: the source puts the risk for {people} at “{row['ratio_wording']}” that of "
                       f"the general population ({row['ratio_type']}). {source}.")
        elif row["ratio_basis"] in (RATIO_CONTEXT_ONLY, RATIO_NO_COMPARATOR):
            st.metric(need, f"{row['cohort_value']:g}%")
            reason = ("the general-population figure measures something different, so it is context only"
                      if row["ratio_basis"] == RATIO_CONTEXT_ONLY else "no general-population figure was published")
            context = (f" General population: {row['comparator_value']:g}% ({row['comparator']})."
                       if row["ratio_basis"] == RATIO_CONTEXT_ONLY else "")
            st.caption(f"{measure}. No like-for-like comparison: {reason}.{context} {source}.")
        else:
            st.metric(need, f"“{row['ratio_wording']}”")
            st.caption(f"{measure}. Quoted statement: basis not stated and primary source not traced, so it is "
                       f"not plotted. {source}.")


def source_notes(rows: pd.DataFrame) -> None:
    """Numbered list of the sources behind the rows on screen, with links."""
    seen: dict[str, str] = {}
    for row in rows.itertuples():
        seen.setdefault(row.cohort_citation, row.source_url if isinstance(row.source_url, str) else "")
        if isinstance(row.comparator_citation, str) and row.comparator_citation != row.cohort_citation:
            seen.setdefault(row.comparator_citation, row.comparator_url if isinstance(row.comparator_url, str) else "")
    lines = [f"{n}. {citation}" + (f" [{url}]({url})" if url else "")
             for n, (citation, url) in enumerate(seen.items(), start=1)]
    st.markdown("**Sources for the figures on this page**\n\n" + "\n".join(lines))


def not_plotted_notes(rows: pd.DataFrame) -> None:
    """The rows a chart leaves out, and why."""
    for row in rows.itertuples():
        value = f"{row.cohort_value:g}%" if row.unit == "%" else f"“{row.ratio_wording}”"
        comparator = f" vs {row.comparator_value:g}% ({row.comparator})" if not pd.isna(row.comparator_value) else ""
        reason = {RATIO_CONTEXT_ONLY: "comparability low: comparator is context only",
                  RATIO_NO_COMPARATOR: "no exact comparator figure published"}.get(
            row.ratio_basis, "ratio quoted from a secondary source; basis not stated")
        st.markdown(f"- **{row.indicator}**{sex_suffix(row.sex)} ({COHORT_LABELS[row.cohort]}): {value}"
                    f"{comparator}. *Not plotted: {reason}.* {row.cohort_source}, data {int(row.data_year)}.")
