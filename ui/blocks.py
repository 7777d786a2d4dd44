"""Blocks pages draw: charts with their text alternative and downloads, error boxes, headline tiles and source
notes."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TypeVar

import altair as alt
import pandas as pd
import streamlit as st

from analysis.comparison import RATIO_CONTEXT_ONLY, RATIO_NO_COMPARATOR
from charts import export
from charts.style import presentation_config, sex_suffix
from core.errors import DataLoadError
from core.labels import COHORT_LABELS, COHORT_PEOPLE, EVIDENCE_LABELS
from ui.chrome import CONTROLS_PREFIX, presenting

logger = logging.getLogger(__name__)
T = TypeVar("T")

def show_chart(chart: alt.TopLevelMixin, file_stem: str, alt_text: str, *, name: str = "chart") -> None:
    """An Altair chart with its text alternative, larger text in presentation mode, and PNG and SVG downloads.

    ``alt_text`` becomes the chart's Vega-Lite description, which the browser gives as its accessible name.
    ``file_stem`` names the files and keys the buttons, so it must be unique on the page; ``name`` goes in
    the buttons' labels ("Download <name> (PNG)"). Images are drawn only when a button is clicked, and a
    click does not rerun the page.
    """
    described = chart.properties(description=alt_text)
    shown = described
    if presenting():
        existing = described.config.to_dict() if isinstance(described.config, alt.Config) else {}
        shown = described.configure(**{**existing, **presentation_config()})
    st.altair_chart(shown, width="stretch")
    with st.container(key=f"{CONTROLS_PREFIX}download_{file_stem}", horizontal=True):
        st.download_button(f"Download {name} (PNG)", functools.partial(export.chart_png, described),
                           file_name=f"{file_stem}.png", mime="image/png", on_click="ignore",
                           key=f"png_{file_stem}")
        st.download_button(f"Download {name} (SVG)", functools.partial(export.chart_svg, described),
                           file_name=f"{file_stem}.svg", mime="image/svg+xml", on_click="ignore",
                           key=f"svg_{file_stem}")


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
