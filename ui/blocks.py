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

from charts import export
from charts.style import presentation_config, sex_suffix
from core import catalogue, paths
from core.comparison_codes import RatioBasis
from core.errors import DataLoadError
from core.labels import COHORT_LABELS, NOT_LIKE_FOR_LIKE_REASONS
from present import data_gaps
from present.headline import headline_wording
from present.standardised import EXPECTED_COLUMN
from ui import keys
from ui.chrome import presenting

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
    with st.container(key=keys.controls(f"download_{file_stem}"), horizontal=True):
        st.download_button(f"Download {name} (PNG)", functools.partial(export.chart_png, described),
                           file_name=f"{file_stem}.png", mime="image/png", on_click="ignore",
                           key=keys.chart_png(file_stem))
        st.download_button(f"Download {name} (SVG)", functools.partial(export.chart_svg, described),
                           file_name=f"{file_stem}.svg", mime="image/svg+xml", on_click="ignore",
                           key=keys.chart_svg(file_stem))


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


def plain_table(frame: pd.DataFrame) -> None:
    """A static table whose cells wrap (st.table), every cell shown verbatim (st.table reads Markdown)."""
    st.table(frame.astype("string").fillna("").map(plain), hide_index=True)


def show_data_error(error: DataLoadError, heading: str) -> None:
    """Every problem on its own wrapped line: file, row, column and what is wrong (DataLoadError.render's text)."""
    st.error(f"**{heading}** " + "\n\n".join(plain(line) for line in error.render().splitlines()))


def headline_tile(need: str, row: pd.Series | None, cohort: str) -> None:
    """One key need: the ratio (or why there is none), the two figures behind it and the source
    (present.headline words it, for the board pack too)."""
    wording = headline_wording(need, row, cohort, emphasis="**")
    with st.container(border=True):
        st.metric(need, wording.value)
        st.caption(wording.caption)


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
        reason = ("a count, not a rate" if row.ratio_basis == RatioBasis.COUNT
                  else NOT_LIKE_FOR_LIKE_REASONS.get(row.comparison_design, "not like for like"))
        st.markdown(f"- **{plain(row.indicator)}**{sex_suffix(row.sex)} ({COHORT_LABELS[row.cohort]}): {value}"
                    f"{comparator}. *Not plotted: {reason}.* {row.cohort_source}, data {int(row.data_year)}, "
                    f"grade {row.grade}.")


def standardised_notes(table: pd.DataFrame) -> None:
    """Each standardised comparison in words (present.standardised's rows), the full table in an expander."""
    for row in table.to_dict("records"):
        if row["Standardised for"]:
            expected, interval = row[EXPECTED_COLUMN], row["Interval"]
            head = (f"**{row['Need']}, {row['Cohort'].lower()}**: crude {row['Crude ratio']}, standardised for "
                    f"{row['Standardised for']} {row['Standardised ratio']} (the general population's rate for a "
                    f"group with this make-up: {expected}). {interval[:1].upper()}{interval[1:]}.")
        else:
            head = f"**{row['Need']}, {row['Cohort'].lower()}**: not standardised."
        missing = f" Not reached: {row['Not reached']}" if row["Not reached"] else ""
        st.markdown(f"- {head} {row['Note']}{missing}")
    with st.expander("The same, with every input and its source"):
        st.dataframe(table, hide_index=True)


def missing_catalogue_keys() -> set[str]:
    """The catalogue keys whose files are not in the imported data folder (a look at the folder, no reading)."""
    data_dir = paths.imported_data_dir()
    return {entry.key for entry in catalogue.CATALOGUE if not catalogue.locate(data_dir, entry.key).is_file()}


def show_missing_justice_data(register: pd.DataFrame) -> None:
    """Map and Area profile: which justice data is missing, in plain words, and a link to Data status (which names
    each file and the command that fetches it). Nothing when every justice file is in the data folder."""
    words = data_gaps.justice_gap_words(data_gaps.justice_gaps(register, missing_catalogue_keys()))
    if words:
        st.info(words)
        st.page_link("pages/data_status.py", label="Data status: what is missing")  # fits a phone
