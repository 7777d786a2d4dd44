"""Statistical neighbours on screen: the choice of ONS's list (shared by the Area profile, the Map and the board
pack), the Area profile's section and the Map's outline of the neighbours with its key line."""

from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.local_indicators import LocalIndicators
from analysis.neighbours import NeighbourLists, NeighbourStatus, neighbours_of
from charts.maps import NEIGHBOUR_DASH, NEIGHBOUR_OUTLINE, neighbour_outline
from core.catalogue import NEIGHBOUR_MODELS
from core.errors import DataFileMissingError, DataLoadError
from core.safe_csv import to_csv_bytes
from core.web_layer import WebLayer
from present import neighbours as view_model
from ui import blocks, chrome, keys, state
from ui import cache as cached

if TYPE_CHECKING:
    import folium

MISSING = ("ONS's statistical neighbour lists are not in the data on this machine, so areas like this one cannot be "
           "shown: ask your analyst to refresh the data (the Data status page lists each file and how to get it).")


def neighbour_lists() -> NeighbourLists | None:
    """ONS's lists, or None after saying on the page why they are not there."""
    try:
        return cached.neighbour_lists()
    except DataFileMissingError:
        st.info(MISSING)
    except DataLoadError as error:
        blocks.show_data_error(error, "ONS's statistical neighbour lists could not be loaded.")
    return None


def choose_model(where: DeltaGenerator | None, models: tuple[str, ...] = NEIGHBOUR_MODELS) -> str:
    """Which of ONS's lists (global by default), kept in this session and the URL."""
    return state.select_one(where, "Statistical neighbours: ONS list", list(models), keys.NEIGHBOUR_MODEL,
                            view_model.DEFAULT_MODEL, format_func=view_model.model_label,
                            help=view_model.MODELS_DIFFER)


def chosen_model(models: tuple[str, ...] = NEIGHBOUR_MODELS) -> str:
    """The list chosen so far (this session, else the URL, else global), for a page that draws the choice after
    it has used it."""
    kept = st.session_state.get(keys.NEIGHBOUR_MODEL.key)
    return kept if kept in models else state.parse_choice(st.query_params.get(keys.NEIGHBOUR_MODEL.param),
                                                          list(models), view_model.DEFAULT_MODEL)


def source_line() -> str:
    return (f"Source: {view_model.SOURCE_TITLE}, {view_model.SOURCE_PUBLISHER}: [Explore Local Statistics]"
            f"({view_model.SERVICE_URL}); files from {view_model.SOURCE_FILES} ([repository]"
            f"({view_model.REPOSITORY_URL})); [method]({view_model.METHOD_URL}). {view_model.METHOD_NOTE}")


def profile_section(data: LocalIndicators, area: str, level: str) -> None:
    """The Area profile's "Areas like yours" section: the list used, its neighbours, how far ONS's lists agree
    for the area, and each indicator against the neighbours' range and average."""
    st.subheader("Areas like yours: statistical neighbours")
    lists = neighbour_lists()
    if lists is None:
        return
    with chrome.controls("neighbours"):
        model = choose_model(None, lists.models)
    profile = cached.profile_with_trends(area, level)
    shown = cached.neighbour_view(area, level, model)
    if shown.recoded:
        st.caption(shown.recoded)
    if shown.status:
        st.info(shown.status)
        return
    st.markdown(shown.words)
    if shown.agreement:
        st.markdown(shown.agreement)
    st.caption(view_model.MODELS_DIFFER)
    st.dataframe(shown.table, hide_index=True, width="stretch")
    if shown.comparison.empty:
        st.info("No indicator has a figure for this area, so there is nothing to set beside its neighbours.")
    else:
        st.dataframe(shown.comparison, hide_index=True, width="stretch")
        st.caption(" ".join(part for part in (view_model.AVERAGE_NOTE, shown.missing) if part))
        with chrome.controls("neighbours_download"):
            st.download_button("Download the comparison with neighbours (CSV)",
                               partial(_comparison_csv, shown.against, profile, data.values, area),
                               file_name=f"neighbours_{model}_{area}_{level}.csv", mime="text/csv",
                               on_click="ignore")
    st.caption(source_line())


def _comparison_csv(against, profile, values, area: str) -> bytes:
    """The comparison with neighbours, unrounded, made when the button is clicked."""
    name = view_model.area_names(values).get(area, area)
    return to_csv_bytes(view_model.comparison_frame(against, profile, name))


def map_outline(area: str) -> tuple[str, ...]:
    """The codes the Map outlines as the chosen area's neighbours (none without an area or the lists)."""
    if not area:
        return ()
    try:
        lists = cached.neighbour_lists()
    except DataLoadError:
        return ()
    found = neighbours_of(lists, area, chosen_model(lists.models))
    return found.codes if found.status == NeighbourStatus.LISTED else ()


def add_outline(group: folium.FeatureGroup, layer: WebLayer, area: str) -> None:
    """The dashed outline of the chosen area's neighbours, added to the Map's area layer (charts.maps.area_layer)."""
    outline = neighbour_outline(layer, list(map_outline(area)))
    if outline is not None:
        outline.add_to(group)


def legend_line(text: str) -> str:
    """The key's line for the neighbours' outline: a dashed swatch, then the words (HTML, escaped)."""
    swatch = (f'<svg width="28" height="12" aria-hidden="true"><line x1="1" y1="6" x2="27" y2="6" '
              f'stroke="{NEIGHBOUR_OUTLINE}" stroke-width="2.5" stroke-dasharray="{NEIGHBOUR_DASH}"/></svg>')
    return (f'<div style="display:flex;gap:0.4rem;align-items:center">{swatch}<span>{html.escape(text)}</span>'
            "</div>")


def map_key(where: DeltaGenerator, data: LocalIndicators, area: str, drawn: set[str]) -> None:
    """Under the Map's key: the choice of list and the outline's key line, and which neighbours are not areas of
    the map's level (so not outlined)."""
    if not area:
        return
    try:
        lists = cached.neighbour_lists()
    except DataLoadError:
        where.caption("Statistical neighbours: ONS's lists are not in the data folder (see Data status).")
        return
    names = view_model.area_names(data.values)
    with where:
        with chrome.controls("map_neighbours"):
            model = choose_model(None, lists.models)
        found = neighbours_of(lists, area, model)
        if found.status != NeighbourStatus.LISTED:
            st.caption(view_model.status_words(found, names.get(area, area)))
            return
        key, note = view_model.outline_words(found, drawn, names)
        st.markdown(legend_line(key), unsafe_allow_html=True)
        st.caption(" ".join(part for part in (note, view_model.MODELS_DIFFER) if part))
