"""Shared Streamlit rendering: the sidebar, presentation mode, charts with their downloads, error boxes,
headline tiles and source notes.

Pages call these so that they stay a short description of what is on screen.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TypeVar

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import state
from analysis.comparison import DOMAIN_ORDER, RATIO_CONTEXT_ONLY, RATIO_NO_COMPARATOR, filter_comparison
from charts import areas as area_view
from charts import export
from charts.style import (
    COHORT_LABELS,
    COHORT_PEOPLE,
    DOMAIN_LABELS,
    EVIDENCE_LABELS,
    MUTED_TEXT,
    SEX_LABELS,
    presentation_config,
    sex_suffix,
)
from loaders.errors import DataLoadError
from loaders.local import LEVEL_LABELS, LEVELS, LocalIndicators

logger = logging.getLogger(__name__)
T = TypeVar("T")

CONTROLS_PREFIX = "controls_"
# Streamlit fades captions and a button's shortcut hint (4.0:1 and 2.6:1 on white); WCAG 2.2 AA needs 4.5:1.
# A date's day, month and year are each a target: at least 24 by 24 px (WCAG 2.2 target size, minimum).
# A focus ring on every focusable element, so a keyboard user always sees where they are; a toggle, checkbox
# or radio button's own input is visually hidden, so its label carries the ring.
APP_CSS = f"""<style>
[data-testid="stCaptionContainer"], button kbd {{ color: {MUTED_TEXT} !important; opacity: 1 !important; }}
:focus-visible, label:has(input:focus-visible) {{ outline: 3px solid #212B32 !important; outline-offset: 2px; }}
[data-testid="stDateInputField"] [role="spinbutton"] {{ display: inline-block; min-width: 24px; min-height: 24px;
  line-height: 24px; text-align: center; }}
</style>"""
# Projector view: no sidebar (nor its open button), no page controls, larger type. Widgets are hidden, not
# removed, so every choice stays in force and in the URL.
PRESENTATION_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"],
[class*="st-key-{CONTROLS_PREFIX}"] {{ display: none !important; }}
html {{ font-size: 22px; }}
</style>"""


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


def app_styles() -> None:
    """CSS every page needs (contrast and focus)."""
    st.html(APP_CSS)


def controls(name: str) -> DeltaGenerator:
    """A container for a page's controls; presentation mode hides it. ``name`` is unique on the page."""
    return st.container(key=f"{CONTROLS_PREFIX}{name}")


def presenting() -> bool:
    """True in presentation mode (URL present=on, or the sidebar switch)."""
    return bool(st.session_state.get(state.PRESENT, False))


def presentation_switch() -> None:
    """The sidebar switch for presentation mode, kept in the URL as present=on."""
    state.seed_flag(state.PRESENT)
    with st.sidebar:
        on = st.toggle("Presentation mode", key=state.PRESENT,
                       help="For a projector: hides this sidebar and the page's controls and enlarges text and "
                            "charts. The view stays as it is; Esc or the button at the top leaves.")
    state.write_flag_to_url(state.PRESENT, on)


def _leave_presentation() -> None:
    st.session_state[state.PRESENT] = False


def presentation_mode() -> None:
    """In presentation mode: the projector CSS and, at the top of the page, a button (or Esc) to leave it."""
    if not presenting():
        return
    st.html(PRESENTATION_CSS)
    st.button("Leave presentation mode", key="leave_presentation", on_click=_leave_presentation,
              shortcut="Escape", help="Shows the sidebar and the controls again (shortcut: Esc).")


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


def choose_area(level_column: DeltaGenerator, area_column: DeltaGenerator,
                areas_at: Callable[[str], pd.DataFrame], *, empty_label: str = "Choose an area",
                help: str = "Or click an area on the Map page.") -> tuple[str, str, dict[str, str]]:
    """The level and the area, shared by the Your area pages and the board pack (from the URL, else this
    session). ``areas_at(level)`` gives the areas to offer (area_code, area_name). Returns (level, area code or
    "", code -> name). The caller writes both into the URL once the rest of its view is chosen."""
    state.seed_choice(state.LEVEL, list(LEVELS), "utla")
    level = level_column.radio("Areas", list(LEVELS), key=state.LEVEL, format_func=LEVEL_LABELS.get)
    rows = areas_at(level)
    names = dict(zip(rows["area_code"], rows["area_name"], strict=False))
    options = [state.NO_AREA, *sorted(names, key=names.get)]
    state.seed_choice(state.AREA, options, state.NO_AREA)
    area = area_column.selectbox("Area", options, key=state.AREA, format_func=lambda code: names.get(code, empty_label),
                                 help=help)
    return level, area, names


def choose_comparison(comparison: pd.DataFrame, sex: str) -> tuple[list[str], list[str], list[str], pd.DataFrame]:
    """The cohorts, domains and needs to compare, shared by the Compare page and the board pack (from the URL,
    else this session): cohorts and domains side by side, the needs under them, each written into the URL.
    Returns (cohorts, domains, needs, the comparison rows they select for ``sex``)."""
    state.seed_choices(state.COMPARE_COHORTS, state.COHORT_OPTIONS, state.COHORT_OPTIONS)
    state.seed_choices(state.COMPARE_DOMAINS, DOMAIN_ORDER, DOMAIN_ORDER)
    left, right = st.columns(2)
    cohorts = left.multiselect("Cohorts", state.COHORT_OPTIONS, format_func=COHORT_LABELS.get,
                               key=state.COMPARE_COHORTS, persist_state="session")
    domains = right.multiselect("Domains", list(DOMAIN_ORDER), format_func=DOMAIN_LABELS.get,
                                key=state.COMPARE_DOMAINS, persist_state="session")
    rows = filter_comparison(comparison, cohorts, sex, domains)
    need_options = sorted(rows["indicator"].unique())
    state.seed_choices(state.COMPARE_INDICATORS, need_options, [])
    needs = st.multiselect("Needs (leave empty for all in the chosen domains)", need_options,
                           key=state.COMPARE_INDICATORS, persist_state="session")
    state.write_to_url(state.COMPARE_COHORTS, cohorts, state.COHORT_OPTIONS)
    state.write_to_url(state.COMPARE_DOMAINS, domains, list(DOMAIN_ORDER))
    state.write_to_url(state.COMPARE_INDICATORS, needs, [])
    return cohorts, domains, needs, rows[rows["indicator"].isin(needs)] if needs else rows


def choose_map_view(indicator_column: DeltaGenerator, period_column: DeltaGenerator,
                    colour_column: DeltaGenerator, data: LocalIndicators, level: str,
                    indicator_label: str = "Indicator") -> tuple[str, str, str]:
    """The map's indicator, period (latest first) and colouring, shared by the Map page and the board pack (from
    the URL, else this session), each written into the URL. Returns (indicator id, period, colour_by)."""
    register = data.register.set_index("indicator_id")
    present = set(data.values["indicator_id"].unique())
    indicator_ids = [i for i in register.index if i in present]
    state.seed_choice(state.MAP_INDICATOR, indicator_ids, indicator_ids[0])
    indicator = indicator_column.selectbox(indicator_label, indicator_ids, key=state.MAP_INDICATOR,
                                           format_func=lambda i: register.at[i, "short_name"])
    periods = data.period_order[(indicator, level)][::-1]
    state.seed_choice(state.MAP_PERIOD, periods, periods[0])
    period = period_column.selectbox("Period", periods, key=state.MAP_PERIOD, help="Latest first.")
    colours = list(area_view.COLOUR_LABELS)
    state.seed_choice(state.MAP_COLOUR, colours, area_view.COLOUR_BY_COMPARISON)
    colour_by = colour_column.radio("Colour areas by", colours, key=state.MAP_COLOUR,
                                    format_func=area_view.COLOUR_LABELS.get)
    for key, chosen, default in ((state.MAP_INDICATOR, indicator, indicator_ids[0]),
                                 (state.MAP_PERIOD, period, periods[0]),
                                 (state.MAP_COLOUR, colour_by, area_view.COLOUR_BY_COMPARISON)):
        state.write_to_url(key, chosen, default)
    return indicator, period, colour_by


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
