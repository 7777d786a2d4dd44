"""The only module that uses Streamlit's caches: thin wrappers over the pure loaders.

Wrappers take primitives (paths and file fingerprints), so a replaced file invalidates the cache.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analysis.comparison import compare_with_general_population
from loaders import datadir, national


def _national_paths() -> list:
    base = datadir.bundled_data_dir()
    return [base / national.EVIDENCE_FILE, base / national.SOURCES_FILE]


@st.cache_data(show_spinner=False, max_entries=4)
def _national_evidence(data_dir: str, fingerprint: tuple) -> national.NationalEvidence:
    return national.load_national_evidence(datadir.Path(data_dir))


@st.cache_data(show_spinner=False, max_entries=4)
def _comparison(data_dir: str, fingerprint: tuple) -> pd.DataFrame:
    bundle = _national_evidence(data_dir, fingerprint)
    return compare_with_general_population(bundle.measures, bundle.evidence, bundle.sources)


@st.cache_data(show_spinner=False, max_entries=4)
def _cohort_sizes(path: str, fingerprint: tuple) -> pd.DataFrame:
    return national.read_cohort_sizes(datadir.Path(path))


def national_evidence() -> national.NationalEvidence:
    """Canonical measures, evidence rows and sources (raises DataLoadError)."""
    return _national_evidence(str(datadir.bundled_data_dir()), datadir.file_fingerprint(_national_paths()))


def comparison_table() -> pd.DataFrame:
    """Cohort vs general population, one row per evidence row (raises DataLoadError)."""
    return _comparison(str(datadir.bundled_data_dir()), datadir.file_fingerprint(_national_paths()))


def cohort_sizes() -> pd.DataFrame:
    """National cohort sizes as published (raises DataLoadError)."""
    path = datadir.bundled_data_dir() / national.COHORT_SIZES_FILE
    return _cohort_sizes(str(path), datadir.file_fingerprint([path]))


def imported_manifest() -> pd.DataFrame:
    """Manifest of the imported open-data folder (small file: not cached)."""
    return datadir.read_manifest(datadir.imported_data_dir())
