"""The chosen place on the Map, the Area profile and Local need: where it sits (its county, police force area and
community safety partnerships), the outlines of a county's or force's districts and of a district's county, and the
districts' own figures where the county or force has no value."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from analysis.places import Places
from charts.maps import place_outline
from core.codes import COUNTY_PREFIX, LAD, PFA, UTLA
from core.errors import DataLoadError
from present import area_profile as profile_view
from present.places import place_sentence
from ui import cache as cached

if TYPE_CHECKING:
    import folium


def _places() -> Places | None:
    try:
        return cached.places()
    except DataLoadError:  # no lookups: the pages go on without the place's words and outlines
        return None


def is_group(level: str, area: str) -> bool:
    """A county (at the upper tier) or a police force area: an area made of districts."""
    return bool(area) and (level == PFA or (level == UTLA and area.startswith(COUNTY_PREFIX)))


def district_codes(area: str) -> list[str]:
    """The districts of a county or force, by name ([] without the lookups)."""
    where = _places()
    return [code for code, _ in where.districts_of(area)] if where is not None else []


def caption(where: DeltaGenerator | None, level: str, area: str) -> None:
    """Where the area sits and which community safety partnerships serve it, as a caption."""
    places = _places()
    text = place_sentence(places, area, level) if places is not None and area else ""
    if text:
        (where or st).caption(text)


def add_outlines(group: folium.FeatureGroup, level: str, area: str, has_value: bool) -> None:
    """On the Map: a force's districts, or a county's districts where the county has no value (dotted, over the
    area's own outline); at district level, the county the chosen district lies in (dashed)."""
    places = _places()
    if places is None or not area:
        return
    try:
        if is_group(level, area) and (level == PFA or not has_value):
            outline = place_outline(cached.web_layer(LAD), district_codes(area), "districts", weight=1.2)
        elif level == LAD:
            rows = places.rows_of(area)
            county = [code for code in rows["utla_code"] if str(code).startswith(COUNTY_PREFIX)]
            outline = place_outline(cached.web_layer(UTLA), county[:1], "county", weight=2.5, dash="8 4")
        else:
            outline = None
    except DataLoadError:  # a layer not built: the map goes on without the outline
        return
    if outline is not None:
        outline.add_to(group)


def _district_view(indicator: str, period: str, colour_by: str) -> pd.DataFrame | None:
    try:
        shown, _, _ = cached.map_view(indicator, LAD, period, colour_by)
    except (KeyError, DataLoadError):
        return None
    return shown


def district_figures(where: DeltaGenerator, level: str, area: str, chosen: pd.Series, indicator: str,
                     period: str, colour_by: str) -> None:
    """On the Map, beside a county or force without a value: each of its districts' own figures."""
    if not is_group(level, area) or pd.notna(chosen["value"]):
        return
    shown = _district_view(indicator, period, colour_by)
    codes = district_codes(area)
    if shown is None or not codes:
        return
    rows = shown[shown["area_code"].isin(codes)].sort_values("area_name")
    lines = [f"- {row.area_name}: {row.value_text}" + (f" ({row.comparison_label})" if pd.notna(row.value) else "")
             for row in rows.itertuples()]
    where.markdown(f"**Its {len(rows)} districts** (their own figures, {period}; outlined on the map):\n"
                   + "\n".join(lines))


def district_table(values: pd.DataFrame, profile: pd.DataFrame, level: str, area: str) -> pd.DataFrame | None:
    """On the Area profile, for a county or force: each district's figure for every indicator the area has no
    value for (same period), or None when there is nothing to add."""
    if not is_group(level, area):
        return None
    without = profile[profile["value"].isna()]
    codes = district_codes(area)
    if without.empty or not codes:
        return None
    periods = dict(zip(without["indicator_id"], without["period"], strict=True))
    rows = values[(values["level"] == LAD) & values["area_code"].isin(codes)
                  & values["indicator_id"].isin(periods)]
    rows = rows[rows["period"] == rows["indicator_id"].map(periods)]
    return profile_view.district_table(rows, profile.set_index("indicator_id")["short_name"]) if len(rows) else None

