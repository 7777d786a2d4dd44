"""Choices shared by several pages and the board pack: the area, the comparison, the map view, the local-need
cohorts and sizes; each seeded from this session (else the URL) and written back into the URL as it is drawn."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.comparison import DOMAIN_ORDER, filter_comparison
from analysis.local_indicators import LocalIndicators
from analysis.places import place_at
from core.codes import DEFAULT_LEVEL, DEFAULT_NEED_COHORTS, LEVEL_LABELS, LOCAL_LEVELS
from core.errors import DataLoadError
from core.labels import COHORT_LABELS, DOMAIN_LABELS
from present import indicator_groups as groups
from present import map_view as area_view
from ui import blocks, cache, keys, state

# The largest local cohort size a user can type: far above any one area's cohort, and a bound on what a link holds.
COHORT_SIZE_MAX = 10_000_000


def choose_level(where: DeltaGenerator | None, **kwargs) -> str:
    """Upper tier, districts or police force areas, shared by the Your area pages and the board pack."""
    return state.radio_one(where, "Areas", LOCAL_LEVELS, keys.LEVEL, DEFAULT_LEVEL, format_func=LEVEL_LABELS.get,
                           **kwargs)


def _keep_place(level: str, options: Sequence[str]) -> None:
    """When the area chosen (in this session, else in the URL) is not an area of ``level``, put the area that
    stands for the same place in its stead: a county becomes its district last chosen (else its first), a
    district its county or force, and back (analysis.places.place_at)."""
    chosen = st.session_state.get(keys.AREA.key) or st.query_params.get(keys.AREA.param) or state.NO_AREA
    if chosen in options or chosen == state.NO_AREA:
        return
    try:
        moved = place_at(cache.places(), chosen, level, st.session_state.get(keys.AREA_TRAIL, {}))
    except DataLoadError:  # no lookup imported: the choice falls back to none, as before
        return
    if moved in options:
        st.session_state[keys.AREA.key] = moved


def choose_area_in(where: DeltaGenerator | None, names: dict[str, str], *, label: str = "Area",
                   empty_label: str = "Choose an area", help: str = "Or click an area on the Map page.",
                   level: str | None = None) -> str:
    """One of ``names`` (code -> name), in name order, or "" before one is chosen. With ``level``, an area chosen at
    another level is carried to this one (the same place), and the choice is remembered for that level."""
    options = [state.NO_AREA, *sorted(names, key=names.get)]
    if level is not None:
        _keep_place(level, options)
    asked = st.query_params.get(keys.AREA.param)  # from a link someone typed or shared
    area = state.select_one(where, label, options, keys.AREA, state.NO_AREA,
                            format_func=lambda code: names.get(code, empty_label), help=help)
    if asked and asked not in options and not area:
        where_in = f" among the {LEVEL_LABELS[level].lower()}" if level is not None else ""
        st.warning(f"The link asks for the area code {blocks.plain(asked)}, which is not{where_in} in the data "
                   "here, so no area is chosen: choose one from the list.")
    if level is not None and area:
        st.session_state[keys.AREA_TRAIL] = {**st.session_state.get(keys.AREA_TRAIL, {}), level: area}
    return area


def choose_area(level_column: DeltaGenerator, area_column: DeltaGenerator,
                areas_at: Callable[[str], pd.DataFrame], *, empty_label: str = "Choose an area",
                help: str = "Or click an area on the Map page.") -> tuple[str, str, dict[str, str]]:
    """The level and the area, shared by the Your area pages and the board pack. ``areas_at(level)`` gives the
    areas to offer (area_code, area_name). Returns (level, area code or "", code -> name)."""
    level = choose_level(level_column)
    rows = areas_at(level)
    names = dict(zip(rows["area_code"], rows["area_name"], strict=False))
    return level, choose_area_in(area_column, names, empty_label=empty_label, help=help, level=level), names


DEFAULT_DOMAINS = DOMAIN_ORDER[:1]  # Compare starts with one domain (mental health): a chart a screen can hold


def choose_comparison(comparison: pd.DataFrame, sex: str) -> tuple[list[str], list[str], list[str], pd.DataFrame]:
    """The cohorts, domains and needs to compare, shared by the Compare page and the board pack: cohorts and
    domains side by side, the needs under them. Returns (cohorts, domains, needs, the comparison rows they select
    for ``sex``)."""
    left, right = st.columns(2)
    cohorts = state.select_many(left, "Cohorts", state.COHORT_OPTIONS, keys.COMPARE_COHORTS, state.COHORT_OPTIONS,
                                format_func=COHORT_LABELS.get)
    domains = state.select_many(right, "Domains", DOMAIN_ORDER, keys.COMPARE_DOMAINS, DEFAULT_DOMAINS,
                                format_func=DOMAIN_LABELS.get)
    rows = filter_comparison(comparison, cohorts, sex, domains)
    need_options = sorted(rows["indicator"].unique())
    needs = state.select_many(None, "Needs (leave empty for all in the chosen domains)", need_options,
                              keys.COMPARE_NEEDS, [])
    return cohorts, domains, needs, rows[rows["indicator"].isin(needs)] if needs else rows


def choose_map_view(indicator_column: DeltaGenerator, period_column: DeltaGenerator,
                    colour_column: DeltaGenerator, data: LocalIndicators, level: str,
                    indicator_label: str = "Indicator") -> tuple[str, str, str]:
    """The map's indicator, period (latest first) and colouring, shared by the Map page and the board pack.
    Returns (indicator id, period, colour_by)."""
    register = data.register.set_index("indicator_id")
    # Only what this level has (an indicator may be downloaded for one tier only), general needs, then Justice.
    indicator_ids = groups.indicator_options(data.register, data.values.loc[data.values["level"] == level,
                                                                            "indicator_id"])
    indicator = state.select_one(indicator_column, indicator_label, indicator_ids, keys.MAP_INDICATOR,
                                 indicator_ids[0], format_func=lambda i: groups.indicator_label(register.loc[i]))
    periods = data.period_order[(indicator, level)][::-1]
    period = state.select_one(period_column, "Period", periods, keys.MAP_PERIOD, periods[0], help="Latest first.")
    colour_by = state.radio_one(colour_column, "Colour areas by", list(area_view.COLOUR_LABELS), keys.MAP_COLOUR,
                                area_view.COLOUR_BY_COMPARISON, format_func=area_view.COLOUR_LABELS.get)
    return indicator, period, colour_by


def choose_need_cohorts(where: DeltaGenerator | None, label: str, options: Sequence[str],
                        format_func: Callable[[str], str]) -> list[str]:
    """The local-need cohorts, shared by the Local need page and the board pack."""
    return state.select_many(where, label, options, keys.NEED_COHORTS, DEFAULT_NEED_COHORTS,
                             format_func=format_func)


def choose_headline_cohorts(where: DeltaGenerator | None, label: str, **kwargs) -> list[str]:
    """The cohorts whose headline needs lead the board pack, starting from the sidebar's cohort."""
    return state.select_many(where, label, state.COHORT_OPTIONS, keys.PACK_HEADLINE_COHORTS,
                             [state.current_cohort()], format_func=COHORT_LABELS.get, **kwargs)


def choose_cohort_size(where: DeltaGenerator | None, cohort: str, label: str, **kwargs) -> int | None:
    """The local size of ``cohort`` the user typed, or None (the page then uses an estimate); ``kwargs`` go to
    ``st.number_input``."""
    return state.whole_number(where, label, keys.need_size(cohort), maximum=COHORT_SIZE_MAX, **kwargs)


def choose_adjust(where: DeltaGenerator | None, label: str, **kwargs) -> bool:
    """Whether local need is scaled by the area's general-population rate, shared by Local need and the pack."""
    return state.flag(where, label, keys.NEED_ADJUST, **kwargs)
