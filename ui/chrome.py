"""The frame around every page: shared sidebar (cohort, sex), presentation mode, CSS, the router guard."""

from __future__ import annotations

import logging
from typing import TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from charts.style import MUTED_TEXT
from core.labels import COHORT_LABELS, SEX_LABELS
from ui import state

logger = logging.getLogger(__name__)
T = TypeVar("T")

CONTROLS_PREFIX = "controls_"


# Streamlit fades captions and a button's shortcut hint (4.0:1 and 2.6:1 on white); WCAG 2.2 AA needs 4.5:1.
# A date's day, month and year are each a target: at least 24 by 24 px (WCAG 2.2 target size, minimum).
# A focus ring on every focusable element, so a keyboard user always sees where they are; a toggle, checkbox
# or radio button's own input is visually hidden, so its label carries the ring.
APP_CSS = f"""<style>
[data-testid="stCaptionContainer"], button kbd {{ color: {MUTED_TEXT} !important; opacity: 1 !important; }}
:focus-visible, label:has(input:focus-visible) {{ outline: 3px solid #212B32 !important; outline-offset: 2px; }}
[data-testid="stDateInputField"] [role="spinbutton"] {{ display: inline-block; min-width: 24px; min-height: 24px;
  line-height: 24px; text-align: center; }}
</style>"""


# Projector view: no sidebar (nor its open button), no page controls, larger type. Widgets are hidden, not
# removed, so every choice stays in force and in the URL.
PRESENTATION_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"],
[class*="st-key-{CONTROLS_PREFIX}"] {{ display: none !important; }}
html {{ font-size: 22px; }}
</style>"""


def require_router() -> None:
    """Make sure the page runs inside app.py's navigation.

    Streamlit treats an app with a ``pages/`` folder as an old-style (v1) multipage app until
    ``st.navigation`` has run once in the process. If a server's first request is a deep link
    (``/compare``), the page would run alone, without the shared sidebar. Switch v1 mode off and
    rerun through the router instead.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def sidebar_filters() -> None:
    """Cohort and sex, shared by every page and kept in the URL."""
    state.seed_choice(state.COHORT, state.COHORT_OPTIONS, state.DEFAULT_COHORT)
    state.seed_choice(state.SEX, state.SEX_OPTIONS, state.DEFAULT_SEX)
    with st.sidebar:
        cohort = st.selectbox("Cohort", state.COHORT_OPTIONS, format_func=COHORT_LABELS.get, key=state.COHORT,
                              help="The group of people in contact with the criminal justice system to look at.")
        sex = st.selectbox("Sex", state.SEX_OPTIONS, format_func=SEX_LABELS.get, key=state.SEX,
                           help="Most sources publish figures for persons only; some give men and women separately.")
        st.caption("The address bar holds this view: copy it to share exactly what you see.")
    state.write_to_url(state.COHORT, cohort, state.DEFAULT_COHORT)
    state.write_to_url(state.SEX, sex, state.DEFAULT_SEX)


def app_styles() -> None:
    """CSS every page needs (contrast and focus)."""
    st.html(APP_CSS)


def controls(name: str) -> DeltaGenerator:
    """A container for a page's controls; presentation mode hides it. ``name`` is unique on the page."""
    return st.container(key=f"{CONTROLS_PREFIX}{name}")


def presenting() -> bool:
    """True in presentation mode (URL present=on, or the sidebar switch)."""
    return bool(st.session_state.get(state.PRESENT, False))


def presentation_switch() -> None:
    """The sidebar switch for presentation mode, kept in the URL as present=on."""
    state.seed_flag(state.PRESENT)
    with st.sidebar:
        on = st.toggle("Presentation mode", key=state.PRESENT,
                       help="For a projector: hides this sidebar and the page's controls and enlarges text and "
                            "charts. The view stays as it is; Esc or the button at the top leaves.")
    state.write_flag_to_url(state.PRESENT, on)


def _leave_presentation() -> None:
    st.session_state[state.PRESENT] = False


def presentation_mode() -> None:
    """In presentation mode: the projector CSS and, at the top of the page, a button (or Esc) to leave it."""
    if not presenting():
        return
    st.html(PRESENTATION_CSS)
    st.button("Leave presentation mode", key="leave_presentation", on_click=_leave_presentation,
              shortcut="Escape", help="Shows the sidebar and the controls again (shortcut: Esc).")
