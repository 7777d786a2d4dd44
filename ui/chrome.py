"""The frame around every page: the shared sidebar (cohort, sex), presentation mode and the CSS."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from charts.style import MUTED_TEXT
from core.codes import DEFAULT_COHORT
from core.labels import COHORT_LABELS, SEX_LABELS
from ui import keys, state
from ui.keys import CONTROLS_PREFIX

# Streamlit fades captions and a button's shortcut hint (4.0:1 and 2.6:1 on white); WCAG 2.2 AA needs 4.5:1.
# A date's day, month and year are each a target: at least 24 by 24 px (WCAG 2.2 target size, minimum).
# A focus ring on every focusable element, so a keyboard user always sees where they are; a toggle, checkbox
# or radio button's own input is visually hidden, so its label carries the ring.
APP_CSS = f"""<style>
[data-testid="stCaptionContainer"], button kbd {{ color: {MUTED_TEXT} !important; opacity: 1 !important; }}
:focus-visible, label:has(input:focus-visible) {{ outline: 3px solid #212B32 !important; outline-offset: 2px; }}
[data-testid="stDateInputField"] [role="spinbutton"] {{ display: inline-block; min-width: 24px; min-height: 24px;
  line-height: 24px; text-align: center; }}
[data-testid="stMetric"] *, [data-testid="stMetricValue"] > div {{ white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; overflow-wrap: anywhere; }}
</style>"""


# Projector view: no sidebar (nor its open button), no page controls, larger type. Widgets are hidden, not
# removed, so every choice stays in force and in the URL.
PRESENTATION_CSS = f"""<style>
[data-testid="stSidebar"], [data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapseButton"],
[class*="st-key-{CONTROLS_PREFIX}"] {{ display: none !important; }}
html {{ font-size: 22px; }}
</style>"""


def sidebar_filters() -> None:
    """Cohort and sex, shared by every page and kept in the URL."""
    with st.sidebar:
        state.select_one(None, "Cohort", state.COHORT_OPTIONS, keys.COHORT, DEFAULT_COHORT,
                         format_func=COHORT_LABELS.get,
                         help="The group of people in contact with the criminal justice system to look at.")
        state.select_one(None, "Sex", state.SEX_OPTIONS, keys.SEX, state.DEFAULT_SEX, format_func=SEX_LABELS.get,
                         help="Most sources publish figures for persons only; some give men and women separately.")
        st.caption("The address bar holds this view: copy it to share exactly what you see.")


def app_styles() -> None:
    """CSS every page needs (contrast, focus, and headline tiles that wrap their words rather than cut them)."""
    st.html(APP_CSS)


def controls(name: str) -> DeltaGenerator:
    """A container for a page's controls; presentation mode hides it. ``name`` is unique on the page."""
    return st.container(key=keys.controls(name))


def presenting() -> bool:
    """True in presentation mode (URL present=on, or the sidebar switch)."""
    return bool(st.session_state.get(keys.PRESENT.key, False))


def presentation_switch() -> None:
    """The sidebar switch for presentation mode, kept in the URL as present=on."""
    with st.sidebar:
        state.flag(None, "Presentation mode", keys.PRESENT,
                   help="For a projector: hides this sidebar and the page's controls and enlarges text and "
                        "charts. The view stays as it is; Esc or the button at the top leaves.")


def _leave_presentation() -> None:
    st.session_state[keys.PRESENT.key] = False


def presentation_mode() -> None:
    """In presentation mode: the projector CSS and, at the top of the page, a button (or Esc) to leave it."""
    if not presenting():
        return
    st.html(PRESENTATION_CSS)
    st.button("Leave presentation mode", key=keys.LEAVE_PRESENTATION, on_click=_leave_presentation,
              shortcut="Escape", help="Shows the sidebar and the controls again (shortcut: Esc).")
