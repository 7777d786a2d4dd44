"""The only module that uses Streamlit's caches: thin wrappers over the pure loaders.

Wrappers take primitives (paths and file fingerprints), so a replaced file invalidates the cache.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis import places as place_tree
from analysis.area_groups import force_groups, group_population
from analysis.comparison import compare_with_general_population
from analysis.local_indicators import LocalIndicators, lay_on_areas
from analysis.neighbours import NeighbourLists, on_app_codes
from core import catalogue, paths
from core.errors import DataLoadError
from core.web_layer import WebLayer, layer_path
from intake import uploads
from loaders import (
    area_names,
    checklist,
    cohort_facts,
    hexjson,
    indicators,
    investment,
    local_files,
    lookups,
    manifest,
    national,
    population,
    similar_areas,
    standardisation,
)
from loaders import web_layer as web_layer_reader
from present import map_view as map_view_model
from present import neighbours as neighbour_view_model
from present import profile_rows
from ui import assets as web_assets
from ui import version

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


@st.cache_data(show_spinner=False, max_entries=4)
def _standardisation(data_dir: str, fingerprint: tuple) -> standardisation.StandardisationData:
    return standardisation.load_standardisation(Path(data_dir))


def standardisation_data() -> standardisation.StandardisationData:
    """The inputs of the standardised comparisons and what each serves (raises DataLoadError)."""
    base = paths.bundled_data_dir()
    files = [base / standardisation.INPUTS_FILE, base / standardisation.COMPARISONS_FILE]
    return _standardisation(str(base), paths.file_fingerprint(files))


def imported_manifest() -> pd.DataFrame:
    """Manifest of the imported open-data folder (small file: not cached)."""
    return manifest.read_manifest(paths.imported_data_dir())


def data_snapshot() -> manifest.Snapshot:
    """Which open data is in use: the bundled starter, a download or an import, and its date (not cached)."""
    return manifest.read_snapshot(paths.imported_data_dir())


MANIFEST_NOT_USED = manifest.NOT_USED  # the manifest's 'validated' value for a file the app does not read
# Which open data is in use (data_snapshot().kind, and each manifest row's "kind")
SNAPSHOT_STARTER, SNAPSHOT_DOWNLOAD, SNAPSHOT_IMPORT, SNAPSHOT_NONE = (manifest.STARTER, manifest.DOWNLOAD,
                                                                       manifest.IMPORT, manifest.NONE)


BUNDLED_IN = "data"  # where the bundled files are, as the repository names it (never the server's full path)


@dataclass(frozen=True)
class BundledFile:
    """One bundled file as the Data status page lists it: its rows when it is valid, else why not."""

    name: str
    detail: str  # where it is, or what it holds
    rows: int | None = None
    error: DataLoadError | None = None


def _bundled(name: str, count: Callable[[], int]) -> BundledFile:
    try:
        return BundledFile(name, f"{BUNDLED_IN}/{name}", count())
    except DataLoadError as error:
        return BundledFile(name, error.summary, error=error)


def bundled_files() -> list[BundledFile]:
    """Every bundled data file, loaded through its cache, with its rows (and the canonical frame made from the
    national evidence)."""
    files = [_bundled(national.EVIDENCE_FILE, lambda: len(national_evidence().evidence))]
    if files[0].error is None:
        bundle = national_evidence()
        files += [BundledFile(national.SOURCES_FILE, f"{BUNDLED_IN}/{national.SOURCES_FILE}", len(bundle.sources)),
                  BundledFile("canonical frame", "cohort and general-population rows", len(bundle.measures))]
    counts = {national.COHORT_SIZES_FILE: cohort_sizes, cohort_facts.COHORT_FACTS_FILE: cohort_facts_table,
              standardisation.INPUTS_FILE: lambda: standardisation_data().inputs,
              standardisation.COMPARISONS_FILE: lambda: standardisation_data().comparisons,
              checklist.ITEMS_FILE: checklist_items, checklist.SOURCES_FILE: checklist_sources,
              checklist.FORUMS_FILE: partner_forums, investment.INVESTMENT_INPUTS_FILE: investment_inputs}
    return files + [_bundled(name, lambda loader=loader: len(loader())) for name, loader in counts.items()]


# --- local indicators, boundaries and hex layouts (the imported open-data folder) -------------------------------


def _local_paths() -> list:
    data_dir = paths.imported_data_dir()
    return [paths.bundled_data_dir() / paths.REGISTER_FILE,
            *(data_dir / entry.path for entry in catalogue.CATALOGUE)]


# A resource, not data: the same object for every run and session (no copy per run: this table is read on every
# rerun of the map). Pages and analysis functions only ever filter it, never change it in place.
@st.cache_resource(show_spinner="Reading the local indicators ...", max_entries=2)
def _local_indicators(data_dir: str, register: str, fingerprint: tuple) -> LocalIndicators:
    return read_local_indicators(Path(data_dir), Path(register))


def read_local_indicators(data_dir: Path, register_path: Path) -> LocalIndicators:
    """Read the register, the lookups and every local indicator file, and lay the indicators on the areas
    (uncached; raises DataFileMissingError without the lookups or any indicator file, DataLoadError)."""
    register = indicators.read_indicator_register(register_path)
    lookup = lookups.read_lad_lookup(data_dir)
    changes = lookups.read_code_changes(data_dir)
    feeds = local_files.read_local_feeds(data_dir, register)
    forces = catalogue.locate(data_dir, "csp_pfa_lookup")  # the police force area level, when imported
    return lay_on_areas(feeds, register, lookup, changes, lookups.codes_in_force(lookup),
                        lookups.read_csp_pfa_lookup(forces) if forces.is_file() else None)


def local_indicators() -> LocalIndicators:
    """Every local indicator on every area at each level, compared with England (raises DataLoadError)."""
    return _local_indicators(str(paths.imported_data_dir()),
                             str(paths.bundled_data_dir() / paths.REGISTER_FILE),
                             paths.file_fingerprint(_local_paths()))


@st.cache_data(show_spinner=False, max_entries=2)
def _indicator_register(path: str, fingerprint: tuple) -> pd.DataFrame:
    return indicators.read_indicator_register(Path(path))


def indicator_register() -> pd.DataFrame:
    """The bundled indicator register alone (data/indicators.csv), without any open data (raises DataLoadError)."""
    path = paths.bundled_data_dir() / paths.REGISTER_FILE
    return _indicator_register(str(path), paths.file_fingerprint([path]))


@st.cache_data(show_spinner=False, max_entries=64)
def _map_view(fingerprint: tuple, indicator_id: str, level: str, period: str, colour_by: str):
    return map_view_model.map_view(local_indicators().values, indicator_id, level, period, colour_by)


def map_view(indicator_id: str, level: str, period: str, colour_by: str):
    """One indicator, level and period ready for the map, its key and table (present.map_view.map_view), made once
    per choice and kept: switching back to an earlier choice costs a copy, not a recomputation."""
    return _map_view(paths.file_fingerprint(_local_paths()), indicator_id, level, period, colour_by)


@st.cache_data(show_spinner=False, max_entries=256)
def _profile_with_trends(fingerprint: tuple, area: str, level: str) -> pd.DataFrame:
    return profile_rows.profile_with_trends(local_indicators(), area, level)


def profile_with_trends(area: str, level: str) -> pd.DataFrame:
    """One area's profile rows with their trends (present.profile_rows), made once per area and level for every
    session: the Area profile reruns on each choice, and its profile does not change with them."""
    return _profile_with_trends(paths.file_fingerprint(_local_paths()), area, level)


@st.cache_data(show_spinner=False, max_entries=256)
def _neighbour_view(fingerprint: tuple, area: str, level: str, model: str) -> neighbour_view_model.NeighbourView:
    data = local_indicators()
    return neighbour_view_model.neighbour_view(neighbour_lists(), data.values, profile_with_trends(area, level),
                                               area, level, model, neighbour_view_model.area_names(data.values))


def neighbour_view(area: str, level: str, model: str) -> neighbour_view_model.NeighbourView:
    """The Area profile's neighbour section for one area, level and ONS list (present.neighbours.neighbour_view),
    made once for every session (raises DataLoadError without the lists)."""
    return _neighbour_view(paths.file_fingerprint([*_local_paths(), *_neighbour_paths()]), area, level, model)


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
    """The URL of the app's own Leaflet, once per server after checking that `make install` copied it into the
    static folder (raises WebAssetsError; the server never copies it)."""
    return web_assets.leaflet_url()


# Resources, not data: one read-only copy per server. A copy per call (st.cache_data) was kept alive by each
# session's last run (its download buttons hold the board pack's inputs), about 5 MiB a session with the lists
# below; pages and analysis functions only filter these, never change them (tests/app/test_cached_frames.py).
@st.cache_resource(show_spinner=False, max_entries=2)
def _population(path: str, lookup_path: str, forces_path: str, fingerprint: tuple) -> pd.DataFrame:
    frame = population.read_population(Path(path))
    if not Path(forces_path).is_file():
        return frame
    forces = force_groups(lookups.read_lad_lookup(Path(lookup_path)), lookups.read_csp_pfa_lookup(Path(forces_path)))
    return pd.concat([frame, group_population(frame, forces)], ignore_index=True)


def census_population() -> pd.DataFrame:
    """Census 2021 population by area and age band, with each police force area's rows summed over its districts
    when the CSP/PFA lookup is imported (raises DataLoadError)."""
    files = [catalogue.locate(paths.imported_data_dir(), key) for key in ("population", "lad_lookup",
                                                                          "csp_pfa_lookup")]
    return _population(*(str(file) for file in files), paths.file_fingerprint(files))


# A resource: one read-only place tree per server (the pickers keep the place with it when the level changes).
@st.cache_resource(show_spinner=False, max_entries=2)
def _places(lookup_path: str, forces_path: str, fingerprint: tuple) -> place_tree.Places:
    forces = lookups.read_csp_pfa_lookup(Path(forces_path)) if Path(forces_path).is_file() else None
    return place_tree.places(lookups.read_lad_lookup(Path(lookup_path)), forces)


def places() -> place_tree.Places:
    """Each district's county and force, and its community safety partnerships (raises DataLoadError)."""
    files = [catalogue.locate(paths.imported_data_dir(), key) for key in ("lad_lookup", "csp_pfa_lookup")]
    return _places(*(str(file) for file in files), paths.file_fingerprint(files))


@st.cache_data(show_spinner=False, max_entries=2)
def _cohort_facts(path: str, fingerprint: tuple) -> pd.DataFrame:
    return cohort_facts.read_cohort_facts(Path(path))


def cohort_facts_table() -> pd.DataFrame:
    """Published facts the local-need estimator uses (populations, sex splits; raises DataLoadError)."""
    path = paths.bundled_data_dir() / cohort_facts.COHORT_FACTS_FILE
    return _cohort_facts(str(path), paths.file_fingerprint([path]))


@st.cache_data(show_spinner=False, max_entries=2)
def _investment_inputs(path: str, fingerprint: tuple) -> pd.DataFrame:
    return investment.read_investment_inputs(Path(path))


def investment_inputs() -> pd.DataFrame:
    """The investment case's published costs and returns (raises DataLoadError)."""
    path = paths.bundled_data_dir() / investment.INVESTMENT_INPUTS_FILE
    return _investment_inputs(str(path), paths.file_fingerprint([path]))


# A resource: one read-only matcher per server, built from public files only; uploads themselves never enter a cache.
@st.cache_resource(show_spinner=False, max_entries=2)
def _upload_matcher(lookup_path: str, changes_path: str, names_path: str, fingerprint: tuple) -> uploads.AreaMatcher:
    lookup = lookups.read_lad_lookup(Path(lookup_path))
    changes = lookups.read_code_changes(Path(changes_path))
    names = area_names.read_area_names(Path(names_path)) if Path(names_path).is_file() else None
    return uploads.area_matcher(lookup, changes, names)


def upload_matcher() -> uploads.AreaMatcher:
    """What an upload's area codes and names are matched with: the district lookup, code changes and council names
    (optional), made once per server and file version (raises DataLoadError)."""
    base = paths.imported_data_dir()
    files = [catalogue.locate(base, key) for key in ("lad_lookup", "code_changes", "la_names")]
    return _upload_matcher(*(str(p) for p in files), paths.file_fingerprint(files))


@st.cache_data(show_spinner=False)
def upload_templates() -> tuple[bytes, bytes]:
    """The CSV and Excel templates for partners' data (built once: openpyxl stamps each save with the time)."""
    return uploads.template_csv(), uploads.template_xlsx()


# --- action checklist (bundled): the items, their sources and the partner forums ---------------------------------
# Only the bundled files are cached; a user's progress stays in their session and never enters a cache.

def _checklist_paths() -> list:
    base = paths.bundled_data_dir()
    return [base / checklist.ITEMS_FILE, base / checklist.SOURCES_FILE, base / checklist.FORUMS_FILE]


@st.cache_data(show_spinner=False, max_entries=2)
def _checklist(data_dir: str, fingerprint: tuple):
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


# --- statistical neighbours (ONS's lists, imported open data) ------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=2)  # a resource, as the population above
def _neighbour_lists(data_dir: str, fingerprint: tuple) -> NeighbourLists:
    data = Path(data_dir)
    return on_app_codes(similar_areas.read_neighbour_lists(data), lookups.read_code_changes(data))


def _neighbour_paths() -> list:
    data_dir = paths.imported_data_dir()
    keys = [*(catalogue.neighbours_key(model) for model in catalogue.NEIGHBOUR_MODELS), "code_changes"]
    return [catalogue.locate(data_dir, key) for key in keys]


def neighbour_lists() -> NeighbourLists:
    """ONS's statistical neighbour lists on the app's April 2023 codes (raises DataLoadError, DataFileMissingError
    when no list was imported)."""
    return _neighbour_lists(str(paths.imported_data_dir()), paths.file_fingerprint(_neighbour_paths()))


# --- board pack ----------------------------------------------------------------------------------------------------

@st.cache_resource(show_spinner=False)
def app_version() -> str:
    """The git commit the app runs from (ui.version), read once per server; "" outside a git checkout."""
    return version.read_app_version()
