"""The view a user has chosen: one helper per widget kind seeds the widget, draws it and writes the choice into the
URL, so a page cannot forget the write.

A choice is seeded from this session (Streamlit's own ``persist_state="session"`` keeps a widget's value across
pages), else from the URL, else the default; anything the options do not hold falls back to the default. The URL
holds option codes (``cohort=probation``), not the labels on screen, so links keep working when wording changes
(Streamlit's ``bind="query-params"`` stores the label, so it is not used). Defaults are left out of the URL.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from core.codes import DEFAULT_COHORT
from core.vocabulary import JUSTICE_COHORTS
from ui import keys
from ui.keys import UrlKey

COHORT_OPTIONS = list(JUSTICE_COHORTS)
SEX_OPTIONS = ["all", "persons", "male", "female"]
DEFAULT_SEX = "all"
NO_AREA = ""  # the area choice before one is made
PERSIST = "session"  # Streamlit keeps the widget's value when a page does not draw it


def parse_choice(raw: str | None, options: Sequence[str], default: str) -> str:
    """A single choice from the URL; anything unknown falls back to the default."""
    return raw if raw in options else default


def parse_choices(raw: Sequence[str], options: Sequence[str], default: Sequence[str]) -> list[str]:
    """Several choices from the URL, in the options' order; absent or all-unknown gives the default."""
    chosen = [option for option in options if option in set(raw)]
    return chosen if chosen else list(default)


def parse_whole_number(raw: str | None, maximum: int) -> int | None:
    """A whole number from 0 to ``maximum`` written in plain digits; anything else is no number."""
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > len(str(maximum)):
        return None
    number = int(raw)
    return number if number <= maximum else None


def _draw_on(where: DeltaGenerator | None) -> Any:
    return st if where is None else where


def _write(choice: UrlKey, value: str | list[str], default: str | Sequence[str]) -> None:
    """Mirror a choice into the URL; a default choice is left out to keep links short."""
    is_default = list(value) == list(default) if isinstance(value, list) else value == default
    if is_default:
        if choice.param in st.query_params:
            del st.query_params[choice.param]
    elif st.query_params.get_all(choice.param) != (value if isinstance(value, list) else [value]):
        st.query_params[choice.param] = value


def _seed(choice: UrlKey, value: Any) -> None:
    """Set the widget's value before it is drawn, even when it is this session's value already: after a page switch
    the widget is a new element, and Streamlit gives a new element its default in its first run unless the value is
    set for this run."""
    st.session_state[choice.key] = value


def _seed_one(choice: UrlKey, options: Sequence[str], default: str) -> None:
    kept = st.session_state.get(choice.key)
    _seed(choice, kept if kept in options else parse_choice(st.query_params.get(choice.param), options, default))


def _one(draw: Callable[..., Any], label: str, options: Sequence[str], choice: UrlKey, default: str,
         kwargs: dict[str, Any]) -> str:
    options = list(options)
    _seed_one(choice, options, default)
    chosen = draw(label, options, key=choice.key, persist_state=PERSIST, **kwargs)
    _write(choice, chosen, default)
    return chosen


def select_one(where: DeltaGenerator | None, label: str, options: Sequence[str], choice: UrlKey, default: str,
               **kwargs: Any) -> str:
    """A selectbox kept in this session and the URL (``kwargs`` go to ``st.selectbox``)."""
    return _one(_draw_on(where).selectbox, label, options, choice, default, kwargs)


def select_in_session(where: DeltaGenerator | None, label: str, options: Sequence[str], key: str,
                      **kwargs: Any) -> Any:
    """A selectbox kept in this session (across pages) but not in the URL; it starts at the first option."""
    options = list(options)
    if st.session_state.get(key) in options:
        st.session_state[key] = st.session_state[key]  # a new element after a page switch: see _seed
    return _draw_on(where).selectbox(label, options, key=key, persist_state=PERSIST, **kwargs)


def radio_one(where: DeltaGenerator | None, label: str, options: Sequence[str], choice: UrlKey, default: str,
              **kwargs: Any) -> str:
    """Radio buttons kept in this session and the URL (``kwargs`` go to ``st.radio``)."""
    return _one(_draw_on(where).radio, label, options, choice, default, kwargs)


def select_many(where: DeltaGenerator | None, label: str, options: Sequence[str], choice: UrlKey,
                default: Sequence[str], **kwargs: Any) -> list[str]:
    """A multiselect kept in this session and the URL; choices the options no longer hold are dropped."""
    options = list(options)
    if choice.key in st.session_state:
        _seed(choice, [value for value in st.session_state[choice.key] if value in options])
    else:
        _seed(choice, parse_choices(st.query_params.get_all(choice.param), options, default))
    chosen = _draw_on(where).multiselect(label, options, key=choice.key, persist_state=PERSIST, **kwargs)
    _write(choice, chosen, list(default))
    return chosen


def flag(where: DeltaGenerator | None, label: str, choice: UrlKey, **kwargs: Any) -> bool:
    """A toggle kept in this session and in the URL as <param>=on (off, the default, is left out)."""
    _seed(choice, bool(st.session_state[choice.key]) if choice.key in st.session_state
          else st.query_params.get(choice.param) == "on")
    on = _draw_on(where).toggle(label, key=choice.key, persist_state=PERSIST, **kwargs)
    _write(choice, "on" if on else "off", "off")
    return on


def whole_number(where: DeltaGenerator | None, label: str, choice: UrlKey, *, maximum: int,
                 **kwargs: Any) -> int | None:
    """A number input for a whole number from 0 to ``maximum``, empty until one is typed, kept in this session and
    the URL."""
    _seed(choice, st.session_state[choice.key] if choice.key in st.session_state
          else parse_whole_number(st.query_params.get(choice.param), maximum))
    typed = _draw_on(where).number_input(label, min_value=0, max_value=maximum, step=1, value=None, key=choice.key,
                                         persist_state=PERSIST, **kwargs)
    number = None if typed is None else int(typed)
    _write(choice, "" if number is None else str(number), "")
    return number


def current(choice: UrlKey, default: str) -> str:
    """The chosen value of a widget drawn elsewhere (the sidebar's cohort and sex)."""
    return st.session_state.get(choice.key, default)


def current_cohort() -> str:
    """The sidebar's cohort."""
    return current(keys.COHORT, DEFAULT_COHORT)


def current_sex() -> str:
    """The sidebar's sex."""
    return current(keys.SEX, DEFAULT_SEX)
