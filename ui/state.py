"""The view a user has chosen, and its place in the URL.

Widget keys are also the URL query-parameter names. The URL holds option codes (``cohort=probation``),
not the labels on screen, so links keep working when wording changes. (Streamlit's own
``bind="query-params"`` stores the label, so it is not used.)
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from core.vocabulary import JUSTICE_COHORTS

# Sidebar, shared by every page.
COHORT = "cohort"
SEX = "sex"
# Compare page.
COMPARE_COHORTS = "cohorts"
COMPARE_DOMAINS = "domains"
COMPARE_INDICATORS = "needs"
# Your area pages (Map, Area profile): the area is shared by both and kept when moving between pages.
AREA = "area"
NO_AREA = ""  # the area choice before one is made
LEVEL = "level"
MAP_INDICATOR = "indicator"
MAP_PERIOD = "period"
MAP_COLOUR = "colour"
MAP_VIEW = "view"
MAP_ZOOM = "zoom"  # the hex map's region
# Area profile: the indicator drawn over time.
PROFILE_TREND = "trend"
# Local need page.
NEED_COHORTS = "need_cohorts"
NEED_ADJUST = "adjust"

# Action checklist: progress the user has recorded this session (never in the URL or on disk).
CHECKLIST = "checklist_progress"
# Your data: partners' files read this session (file digest -> UploadResult); the board pack reads them too.
UPLOADS = "_upload_results"
# Presentation mode (projector view): in the URL as present=on.
PRESENT = "present"

COHORT_OPTIONS = list(JUSTICE_COHORTS)
DEFAULT_COHORT = "prison"
SEX_OPTIONS = ["all", "persons", "male", "female"]
DEFAULT_SEX = "all"


def parse_choice(raw: str | None, options: Sequence[str], default: str) -> str:
    """A single choice from the URL; anything unknown falls back to the default."""
    return raw if raw in options else default


def parse_choices(raw: Sequence[str], options: Sequence[str], default: Sequence[str]) -> list[str]:
    """Several choices from the URL, in the options' order; absent or all-unknown gives the default."""
    chosen = [option for option in options if option in set(raw)]
    return chosen if chosen else list(default)


def _kept(key: str) -> str:
    return f"_kept_{key}"


def seed_choice(key: str, options: Sequence[str], default: str) -> None:
    """Before a single-choice widget is drawn: take its value from the URL, else from the last page that showed
    it in this session; a value no longer among the options falls back to the default."""
    if key not in st.session_state or st.session_state[key] not in options:
        raw = st.query_params.get(key) or st.session_state.get(_kept(key))
        st.session_state[key] = parse_choice(raw, options, default)


def seed_number(key: str) -> None:
    """Before a number input is drawn: a whole number of at least 0 from the URL (or this session), else empty."""
    if key not in st.session_state:
        raw = st.query_params.get(key) or st.session_state.get(_kept(key)) or ""
        st.session_state[key] = int(raw) if raw.isdigit() else None


def seed_flag(key: str) -> None:
    """Before a toggle is drawn: on when the URL (or this session) says "on"."""
    if key not in st.session_state:
        st.session_state[key] = (st.query_params.get(key) or st.session_state.get(_kept(key))) == "on"


def seed_choices(key: str, options: Sequence[str], default: Sequence[str]) -> None:
    """Before a multi-choice widget is drawn: take its first value in this session from the URL."""
    if key not in st.session_state:
        st.session_state[key] = parse_choices(st.query_params.get_all(key), options, default)


def write_to_url(key: str, value: str | list[str], default: str | Sequence[str]) -> None:
    """Mirror a choice into the URL; a default choice is left out to keep links short."""
    st.session_state[_kept(key)] = value
    is_default = list(value) == list(default) if isinstance(value, list) else value == default
    if is_default:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != (value if isinstance(value, list) else [value]):
        st.query_params[key] = value


def write_flag_to_url(key: str, on: bool) -> None:
    """Mirror a toggle into the URL as key=on; off (the default) is left out."""
    write_to_url(key, "on" if on else "off", "off")


def current(key: str, default: str) -> str:
    """The chosen value of a sidebar widget."""
    return st.session_state.get(key, default)
