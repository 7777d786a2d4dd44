"""The choices a board pack or a JSNA chapter is made from, drawn once for both pages: the title, date and ask,
the cohorts whose headlines lead it, Compare's cohorts and needs, the area, Local need's cohorts and typed sizes,
the map's indicator and the statistical neighbour list, each defaulting to the view already on screen (one
source of the view's state, ui.state). Returns what reports.assemble needs: the request and the loaded frames."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

import settings
from analysis.local_need.cohorts import ADJUSTMENT_ASSUMPTION, ESTIMATOR_COHORTS
from core.errors import DataLoadError
from core.labels import SEX_LABELS
from present import checklist
from present import local_need as need_view
from present import map_view as area_view
from present.investment import InvestmentChoices
from reports.model import NARRATIVE_MAX_CHARS, TITLE_MAX_CHARS, LoadedData, PackRequest, PackViews
from ui import blocks, investment_choices, keys, pickers, session, state
from ui import cache as cached
from ui import neighbours as neighbour_block

DEFAULT_TITLE = "Health and social needs in the justice system"
NEED_COHORTS = list(need_view.COHORTS)


def optional(part: str, loader: Callable[[], Any], missing: dict[str, str]) -> Any:
    """A part the pack can do without: on a data error, None, and the reason recorded in ``missing``."""
    try:
        return loader()
    except DataLoadError as error:
        missing[part] = f"could not be loaded ({error.summary})"
        return None


def _words(ask_label: str) -> dict[str, Any]:
    with st.container(border=True):
        st.markdown("**Title, date and the ask**")
        columns = st.columns([3, 1])
        title = columns[0].text_input("Title", DEFAULT_TITLE, key=keys.PACK_TITLE, max_chars=TITLE_MAX_CHARS)
        made_on = columns[1].date_input("Date", date.today(), key=keys.PACK_DATE, format="DD/MM/YYYY")
        narrative = st.text_area(ask_label, key=keys.PACK_NARRATIVE, max_chars=NARRATIVE_MAX_CHARS,
                                 placeholder="e.g. Why this matters for the board, and what you are asking it to do.")
    sex = state.current_sex()
    headline_cohorts = pickers.choose_headline_cohorts(
        None, "Key messages for", help="The Overview's headline needs for each cohort chosen here, with their "
        "grades. It starts with the sidebar's cohort; add any others.")
    st.caption(f"Key messages: the Overview's headline figures ({SEX_LABELS[sex].lower()}; change sex in the "
               "sidebar)." if headline_cohorts else "No cohort chosen for the key messages: there are none.")
    return {"title": title, "made_on": made_on, "narrative": narrative, "sex": sex,
            "headline_cohorts": tuple(headline_cohorts)}


def _area(population: pd.DataFrame | None, local_data) -> dict[str, Any]:
    def areas_at(level: str) -> pd.DataFrame:
        """The areas to offer: from the Census population, else the local indicators, else none."""
        if population is not None:
            return population[population["area_type"] == level]
        if local_data is not None:
            return local_data.values[local_data.values["level"] == level]
        return pd.DataFrame(columns=["area_code", "area_name"])

    controls = st.columns([2, 3, 4])
    level, area, _ = pickers.choose_area(controls[0], controls[1], areas_at, empty_label="None chosen",
                                         help="Without an area there is no map and no local need estimate.")
    need_cohorts = pickers.choose_need_cohorts(controls[2], "Local need cohorts", NEED_COHORTS,
                                               lambda c: ESTIMATOR_COHORTS[c].label)
    typed_sizes: dict[str, int | None] = {}
    if area and need_cohorts:
        for column, cohort in zip(st.columns(len(need_cohorts)), need_cohorts, strict=True):
            box = need_view.size_box(cohort)
            typed_sizes[cohort] = pickers.choose_cohort_size(column, cohort, box.label, help=box.help,
                                                             placeholder="not entered: population-share estimate")
    adjust = pickers.choose_adjust(None, "Adjust local need for the local general population (smoking and "
                                   "depression)", help=ADJUSTMENT_ASSUMPTION)
    indicator, period, colour_by = "", "", area_view.COLOUR_BY_COMPARISON
    if local_data is not None:
        indicator, period, colour_by = pickers.choose_map_view(*st.columns([3, 2, 3]), local_data, level,
                                                              indicator_label="Map indicator")
    return {"area_code": area, "level": level, "need_cohorts": tuple(need_cohorts), "typed_sizes": typed_sizes,
            "adjust": adjust, "map_indicator": indicator, "map_period": period, "colour_by": colour_by}


def _checklist(unavailable: dict[str, str]) -> dict[str, Any]:
    items = optional("Action checklist", cached.checklist_items, unavailable)
    if items is None:
        return {}
    recorded = st.session_state.get(keys.CHECKLIST_PROGRESS, {})
    sources = optional("Action checklist sources", cached.checklist_sources, unavailable)
    return {"checklist": checklist.progress_table(items, recorded, sources),
            "checklist_summary": checklist.summary_text(items, recorded), "checklist_sources": sources}


def choose_pack(ask_label: str = "The ask: what you want the board to do (on the title slide)"
                ) -> tuple[PackRequest, LoadedData]:
    """Draw the choices and load what they need; parts that cannot be loaded are left out, with the reason."""
    comparison = blocks.load_or_stop(cached.comparison_table)
    evidence = blocks.load_or_stop(cached.national_evidence)
    unavailable: dict[str, str] = {}  # part -> why it is left out
    population = optional("Census population", cached.census_population, unavailable)
    local_data = optional("Local indicators", cached.local_indicators, unavailable)
    words = _words(ask_label)
    st.subheader("Comparison chart")
    cohorts, domains, needs, _ = pickers.choose_comparison(comparison, words["sex"])
    st.subheader("Your area")
    place = _area(population, local_data)
    area, level = place["area_code"], place["level"]
    neighbours = optional("Statistical neighbours", cached.neighbour_lists, unavailable) if area else None
    model = (neighbour_block.choose_model(None, neighbours.models) if neighbours is not None
             else neighbour_block.chosen_model())
    layer = (optional("Map layer", lambda: cached.web_layer(level), unavailable)
             if area and local_data is not None else None)
    progress = _checklist(unavailable)
    costs = optional("Investment case", cached.investment_inputs, unavailable)
    investment = investment_choices.current_choices(costs) if costs is not None else InvestmentChoices()
    request = PackRequest(threshold=settings.DISCLOSURE_THRESHOLD, threshold_set_by=settings.threshold_set_by(),
                          cohorts=tuple(cohorts), domains=tuple(domains), needs=tuple(needs),
                          neighbour_model=model, investment=investment, **words, **place)
    loaded = LoadedData(
        comparison=comparison, sources=evidence.sources, cohort_sizes=blocks.load_or_stop(cached.cohort_sizes),
        cohort_facts=blocks.load_or_stop(cached.cohort_facts_table), population=population, local=local_data,
        layer=layer, uploads=session.partner_results(), unavailable=dict(unavailable),
        app_version=cached.app_version(), neighbours=neighbours, investment_inputs=costs,
        views=PackViews(cached.profile_with_trends, cached.map_view, cached.neighbour_view), **progress)
    return request, loaded
