"""Choices shared by several pages and the board pack: the area, the comparison, the map view; each seeded from the
URL (else this session) and written back into it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.comparison import DOMAIN_ORDER, filter_comparison
from core.codes import DEFAULT_LEVEL, LEVEL_LABELS, LOCAL_LEVELS
from core.labels import COHORT_LABELS, DOMAIN_LABELS
from loaders.local import LocalIndicators
from present import map_view as area_view
from ui import state

logger = logging.getLogger(__name__)
T = TypeVar("T")

def choose_area(level_column: DeltaGenerator, area_column: DeltaGenerator,
                areas_at: Callable[[str], pd.DataFrame], *, empty_label: str = "Choose an area",
                help: str = "Or click an area on the Map page.") -> tuple[str, str, dict[str, str]]:
    """The level and the area, shared by the Your area pages and the board pack (from the URL, else this
    session). ``areas_at(level)`` gives the areas to offer (area_code, area_name). Returns (level, area code or
    "", code -> name). The caller writes both into the URL once the rest of its view is chosen."""
    state.seed_choice(state.LEVEL, list(LOCAL_LEVELS), DEFAULT_LEVEL)
    level = level_column.radio("Areas", list(LOCAL_LEVELS), key=state.LEVEL, format_func=LEVEL_LABELS.get)
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
