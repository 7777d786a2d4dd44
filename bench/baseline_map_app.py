"""Baseline for the map benchmark (bench/map/): the plain way to put a choropleth in Streamlit.

A default ``folium.Map`` with a ``folium.Choropleth`` of the full-resolution ONS layer, as published (every
property, every vertex), rendered by ``st_folium(m)`` with default settings. Not part of the app.

    .venv/bin/python -m streamlit run bench/baseline_map_app.py        # then open /?level=utla or /?level=lad

Data: $JHE_DATA_DIR (or .data/) as imported by `make data-import`: the boundary file and the Census 2021
population by age (a value for every UTLA and LAD). The "Value" select is the widget the bench uses to
trigger a rerun: it switches the choropleth between two columns.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

DATA_DIR = Path(os.environ.get("JHE_DATA_DIR") or Path(__file__).resolve().parents[1] / ".data")
BOUNDARIES = {"utla": "boundaries/utla_ctyua_dec2023_england_bsc.geojson",
              "lad": "boundaries/lad_may2024_england_bsc.geojson"}
GEOGRAPHY = {"utla": "UTLA/CTYUA (2023 codes)", "lad": "LAD (2024 codes)"}
POPULATION = "population/population_census2021_by_age_england_lad24_utla23.csv"
VALUES = {"% aged 65 and over": "age_65_plus", "% aged 0 to 14": "age_0_14"}


@st.cache_data
def boundaries(level: str) -> dict:
    return json.loads((DATA_DIR / BOUNDARIES[level]).read_text(encoding="utf-8"))


@st.cache_data
def values(level: str, column: str) -> pd.DataFrame:
    frame = pd.read_csv(DATA_DIR / POPULATION)
    frame = frame[frame["geography"] == GEOGRAPHY[level]]
    return pd.DataFrame({"code": frame["area_code"], "value": 100 * frame[column] / frame["all_ages"]})


level = st.query_params.get("level", "utla")
if level not in BOUNDARIES:
    level = "utla"
label = st.selectbox("Value", list(VALUES))
st.write(f"Baseline map: {level.upper()}, {label}")

m = folium.Map(location=[52.8, -1.5], zoom_start=6)
folium.Choropleth(
    geo_data=boundaries(level),
    data=values(level, VALUES[label]),
    columns=["code", "value"],
    key_on="feature.properties.code",
    legend_name=label,
).add_to(m)
st_folium(m)
