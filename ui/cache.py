"""The only module that uses Streamlit's caches: thin wrappers over the pure loaders.

Wrappers take primitives (paths and file fingerprints), so a replaced file invalidates the cache.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.comparison import compare_with_general_population
from core import catalogue, paths
from core.web_layer import WebLayer, layer_path
from loaders import cohort_facts, geography, hexjson, indicators, local, manifest, national, population
from loaders import web_layer as web_layer_reader
from ui import assets as web_assets

logger = logging.getLogger(__name__)


def _national_paths() -> list:
    base = paths.bundled_data_dir()
    return [base / national.EVIDENCE_FILE, base / national.SOURCES_FILE]


@st.cache_data(show_spinner=False, max_entries=4)
def _national_evidence(data_dir: str, fingerprint: tuple) -> national.NationalEvidence:
    return national.load_national_evidence(Path(data_dir))


@st.cache_data(show_spinner=False, max_entries=4)
def _comparison(data_dir: str, fingerprint: tuple) -> pd.DataFrame:
    bundle = _national_evidence(data_dir, fingerprint)
    return compare_with_general_population(bundle.measures, bundle.evidence, bundle.sources)


@st.cache_data(show_spinner=False, max_entries=4)
def _cohort_sizes(path: str, fingerprint: tuple) -> pd.DataFrame:
    return national.read_cohort_sizes(Path(path))


def national_evidence() -> national.NationalEvidence:
    """Canonical measures, evidence rows and sources (raises DataLoadError)."""
    return _national_evidence(str(paths.bundled_data_dir()), paths.file_fingerprint(_national_paths()))


def comparison_table() -> pd.DataFrame:
    """Cohort vs general population, one row per evidence row (raises DataLoadError)."""
    return _comparison(str(paths.bundled_data_dir()), paths.file_fingerprint(_national_paths()))


def cohort_sizes() -> pd.DataFrame:
    """National cohort sizes as published (raises DataLoadError)."""
    path = paths.bundled_data_dir() / national.COHORT_SIZES_FILE
    return _cohort_sizes(str(path), paths.file_fingerprint([path]))


def imported_manifest() -> pd.DataFrame:
    """Manifest of the imported open-data folder (small file: not cached)."""
    return manifest.read_manifest(paths.imported_data_dir())


# --- local indicators, boundaries and hex layouts (the imported open-data folder) -------------------------------


def _local_paths() -> list:
    data_dir = paths.imported_data_dir()
    return [paths.bundled_data_dir() / indicators.REGISTER_FILE,
            *(data_dir / entry.path for entry in catalogue.CATALOGUE)]


# A resource, not data: the same object for every run and session (no copy per run: this table is read on every
# rerun of the map). Pages and analysis functions only ever filter it, never change it in place.
@st.cache_resource(show_spinner="Reading the local indicators ...", max_entries=2)
def _local_indicators(data_dir: str, register: str, fingerprint: tuple) -> local.LocalIndicators:
    return local.load_local_indicators(Path(data_dir), Path(register))


def local_indicators() -> local.LocalIndicators:
    """Every local indicator on every area at each level, compared with England (raises DataLoadError)."""
    return _local_indicators(str(paths.imported_data_dir()),
                             str(paths.bundled_data_dir() / indicators.REGISTER_FILE),
                             paths.file_fingerprint(_local_paths()))


@st.cache_data(show_spinner=False, max_entries=64)
def _map_view(fingerprint: tuple, indicator_id: str, level: str, period: str, colour_by: str):
    from present import map_view as areas

    return areas.map_view(local_indicators().values, indicator_id, level, period, colour_by)


def map_view(indicator_id: str, level: str, period: str, colour_by: str):
    """One indicator, level and period ready for the map, its key and table (charts.areas.map_view), made once
    per choice and kept: switching back to an earlier choice costs a copy, not a recomputation."""
    return _map_view(paths.file_fingerprint(_local_paths()), indicator_id, level, period, colour_by)


# A resource: one read-only layer per server, shared by every session (its polygons' JSON text is made once).
@st.cache_resource(show_spinner="Preparing the map ...", max_entries=6)
def _web_layer(layer_file: str, boundary_file: str, fingerprint: tuple) -> WebLayer:
    return web_layer_reader.read_current_web_layer(Path(layer_file), Path(boundary_file))


def web_layer(level: str) -> WebLayer:
    """The screen map layer of ``level`` ("utla", "lad", "region"), built at import or download (raises
    DataLoadError when it is missing or was built from another boundary file)."""
    data_dir = paths.imported_data_dir()
    layer_file = layer_path(data_dir, level)
    boundary_file = catalogue.locate(data_dir, f"{level}_boundaries")
    return _web_layer(str(layer_file), str(boundary_file), paths.file_fingerprint([layer_file, boundary_file]))


@st.cache_data(show_spinner=False, max_entries=4)
def _hex_layout(path: str, fingerprint: tuple) -> tuple[pd.DataFrame, str]:
    return hexjson.read_hexjson(Path(path))


def hex_layout(level: str) -> tuple[pd.DataFrame, str]:
    """The HexJSON layout (hexes, layout name) for ``level`` (raises DataLoadError)."""
    path = catalogue.locate(paths.imported_data_dir(), f"{level}_hexjson")
    return _hex_layout(str(path), paths.file_fingerprint([path]))


@st.cache_resource(show_spinner=False)
def leaflet_assets() -> str:
    """Copy Leaflet into the app's static folder once per server (raises WebAssetsError)."""
    return str(web_assets.install_leaflet())


@st.cache_data(show_spinner=False, max_entries=2)
def _population(path: str, fingerprint: tuple) -> pd.DataFrame:
    return population.read_population(Path(path))


def census_population() -> pd.DataFrame:
    """Census 2021 population by area and age band (raises DataLoadError)."""
    path = catalogue.locate(paths.imported_data_dir(), "population")
    return _population(str(path), paths.file_fingerprint([path]))


@st.cache_data(show_spinner=False, max_entries=2)
def _cohort_facts(path: str, fingerprint: tuple) -> pd.DataFrame:
    return cohort_facts.read_cohort_facts(Path(path))


def cohort_facts_table() -> pd.DataFrame:
    """Published facts the local-need estimator uses (populations, sex splits; raises DataLoadError)."""
    path = paths.bundled_data_dir() / cohort_facts.COHORT_FACTS_FILE
    return _cohort_facts(str(path), paths.file_fingerprint([path]))


@st.cache_data(show_spinner=False, max_entries=2)
def _upload_matching(lookup_path: str, changes_path: str, names_path: str, fingerprint: tuple):
    from intake import uploads

    lookup = geography.read_lad_lookup(Path(lookup_path))
    changes = geography.read_code_changes(Path(changes_path))
    names = uploads.read_area_names(Path(names_path)) if Path(names_path).is_file() else None
    return lookup, changes, names


def upload_matching() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    """The public lookups an upload is matched with: district lookup, code changes, council names (optional).
    Only public files are cached here; uploads themselves never enter a cache."""
    base = paths.imported_data_dir()
    files = [catalogue.locate(base, key) for key in ("lad_lookup", "code_changes", "la_names")]
    return _upload_matching(*(str(p) for p in files), paths.file_fingerprint(files))


@st.cache_data(show_spinner=False)
def upload_templates() -> tuple[bytes, bytes]:
    """The CSV and Excel templates for partners' data (built once: openpyxl stamps each save with the time)."""
    from intake import uploads

    return uploads.template_csv(), uploads.template_xlsx()


# --- action checklist (bundled): the items, their sources and the partner forums ---------------------------------
# Only the bundled files are cached; a user's progress stays in their session and never enters a cache.

def _checklist_paths() -> list:
    from loaders import checklist

    base = paths.bundled_data_dir()
    return [base / checklist.ITEMS_FILE, base / checklist.SOURCES_FILE, base / checklist.FORUMS_FILE]


@st.cache_data(show_spinner=False, max_entries=2)
def _checklist(data_dir: str, fingerprint: tuple):
    from loaders import checklist

    return checklist.load_checklist(Path(data_dir))


def _checklist_bundle():
    return _checklist(str(paths.bundled_data_dir()), paths.file_fingerprint(_checklist_paths()))


def checklist_items() -> pd.DataFrame:
    """The action checklist's items, in section and item order (raises DataLoadError)."""
    return _checklist_bundle().items


def checklist_sources() -> pd.DataFrame:
    """The pages, reports and Acts the checklist and partner forums cite (raises DataLoadError)."""
    return _checklist_bundle().sources


def partner_forums() -> pd.DataFrame:
    """The who-does-what reference: one row per partner forum (raises DataLoadError)."""
    return _checklist_bundle().forums


# --- board pack ----------------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def app_version() -> str:
    """The git commit the app runs from (12 characters), read once per server; "" outside a git checkout."""
    git = Path(__file__).resolve().parents[1] / ".git"
    try:
        head = (git / "HEAD").read_text(encoding="utf-8").strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head.removeprefix("ref: ")
        if (git / ref).is_file():
            return (git / ref).read_text(encoding="utf-8").strip()[:12]
        packed = (git / "packed-refs").read_text(encoding="utf-8").splitlines()
        return next((line.split()[0][:12] for line in packed if line.endswith(" " + ref)), "")
    except OSError:
        return ""
