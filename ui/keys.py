"""Every session-state key and URL parameter of the app, declared once.

A choice kept in the URL is a ``UrlKey``: its key in ``st.session_state`` (the widget's key, page-prefixed where
only one page and perhaps the board pack draw it) and its URL parameter. URL parameters never change, so copied
links keep working. Other keys are plain strings. Streamlit also gives every keyed element the CSS class
``st-key-<key>`` (presentation mode hides the ``controls_`` containers by it).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class UrlKey:
    """A choice kept in this session under ``key`` and in the URL as ``?<param>=``."""

    key: str
    param: str


# --- sidebar, shared by every page --------------------------------------------------------------------------------
COHORT = UrlKey("cohort", "cohort")
SEX = UrlKey("sex", "sex")
PRESENT = UrlKey("present", "present")  # presentation mode (projector view): present=on
LEAVE_PRESENTATION = "leave_presentation"  # the button (and Esc) that leaves it

# --- the area: shared by Map, Area profile, Local need and the board pack -----------------------------------------
LEVEL = UrlKey("level", "level")
AREA = UrlKey("area", "area")
AREA_TRAIL = "area_trail"  # the area last chosen at each level (level -> code), so a level change keeps the place

# --- Compare (and the board pack's comparison chart) --------------------------------------------------------------
COMPARE_COHORTS = UrlKey("compare_cohorts", "cohorts")
COMPARE_DOMAINS = UrlKey("compare_domains", "domains")
COMPARE_NEEDS = UrlKey("compare_needs", "needs")

# --- Map (indicator, period and colouring also on the board pack) --------------------------------------------------
MAP_INDICATOR = UrlKey("map_indicator", "indicator")
MAP_PERIOD = UrlKey("map_period", "period")
MAP_COLOUR = UrlKey("map_colour", "colour")
MAP_VIEW = UrlKey("map_view", "view")
MAP_ZOOM = UrlKey("map_zoom", "zoom")  # the hex map's region
MAP_TABLE = UrlKey("map_table", "table")  # the table of every area, shown on request
MAP_LEAFLET = "map"  # st_folium's returned objects (the clicked area)

# --- Area profile -------------------------------------------------------------------------------------------------
PROFILE_TREND = UrlKey("profile_trend", "trend")  # the indicator drawn over time
# ONS's statistical neighbour list (global, economic, demographic): Area profile, Map and the board pack
NEIGHBOUR_MODEL = UrlKey("neighbour_model", "neighbours")

# --- Local need (and the board pack) ------------------------------------------------------------------------------
NEED_COHORTS = UrlKey("need_cohorts", "need_cohorts")
NEED_ADJUST = UrlKey("need_adjust", "adjust")
PACK_HEADLINE_COHORTS = UrlKey("pack_headline_cohorts", "headlines")  # the board pack's key messages


def need_size(cohort: str) -> UrlKey:
    """The local cohort size the user typed for ``cohort`` (size_<cohort> in the URL)."""
    return UrlKey(f"need_size_{cohort}", f"size_{cohort}")


# --- Your data: partners' files, in this session only (never in the URL) ------------------------------------------
YOUR_DATA_FILES = "your_data_files"  # the files read this session (ui.session.PartnerFile); the board pack reads it
YOUR_DATA_ROUND = "your_data_uploader_round"  # bumped to empty the uploader once its files are in the list
YOUR_DATA_MAP_FIGURE = "your_data_map"
YOUR_DATA_MAPPINGS = "your_data_mappings"  # column mappings set this session, by the file's own headers


def your_data_uploader(round_number: int) -> str:
    return f"your_data_uploader_{round_number}"


def your_data_remove(digest: str) -> str:
    return f"your_data_remove_{digest[:16]}"


def _need_hash(cohort: str, need: str) -> str:
    return hashlib.sha256(f"{cohort}\x1f{need}".encode()).hexdigest()[:16]


def your_data_mapping(digest: str, part: str = "form") -> str:
    """The mapping form of one file, and its widgets (``part``: a field and "column" or "fixed")."""
    return f"your_data_mapping_{digest[:16]}_{part}"


def your_data_national(cohort: str, need: str) -> str:
    """The national figure chosen for one need of one cohort: keyed by the need, not its place on the page."""
    return f"your_data_national_{_need_hash(cohort, need)}"


def your_data_general(cohort: str, need: str) -> str:
    """The local general-population figure chosen for one need of one cohort."""
    return f"your_data_general_{_need_hash(cohort, need)}"


def your_data_map(level: str) -> str:
    return f"your_data_map_{level}"


# --- Board pack ---------------------------------------------------------------------------------------------------
PACK_TITLE = "pack_title"
PACK_DATE = "pack_date"
PACK_NARRATIVE = "pack_narrative"

# --- Action checklist: progress in this session only (never in the URL or on disk); the board pack reads it ------
CHECKLIST_PROGRESS = "checklist_progress"
CHECKLIST_UPLOAD = "checklist_upload"
CHECKLIST_APPLIED_UPLOAD = "checklist_applied_upload"  # file id of the upload already applied (so edits stick)
CHECKLIST_UPLOAD_RESULT = "checklist_upload_result"  # (file name, items loaded, problems as text) of that upload
CHECKLIST_DOWNLOAD = "checklist_download"


def checklist_item(field: str, item_id: str) -> str:
    """One item's status, owner or note widget."""
    return f"checklist_{field}_{item_id}"


def checklist_form(section_order: int) -> str:
    return f"checklist_form_{section_order}"


def checklist_save(section_order: int) -> str:
    return f"checklist_save_{section_order}"


# --- blocks every page draws --------------------------------------------------------------------------------------
CONTROLS_PREFIX = "controls_"  # containers presentation mode hides


def controls(name: str) -> str:
    return f"{CONTROLS_PREFIX}{name}"


def chart_png(file_stem: str) -> str:
    return f"png_{file_stem}"


def chart_svg(file_stem: str) -> str:
    return f"svg_{file_stem}"
