"""The app's pages, and the one guard that keeps every page inside app.py's navigation.

Why a guard: the design card keeps the page files in a top-level ``pages/`` folder. Streamlit treats an app with a
``pages/`` folder beside its entrypoint as an old-style (v1) multipage app until a session of this server process
has called ``st.navigation`` ("As soon as any session of your app executes the st.navigation command, your app
will ignore the pages/ directory (across all sessions)": st.navigation's own documentation). So when a fresh
server's first request is a deep link (``/compare``), Streamlit runs ``pages/compare.py`` alone: no shared
sidebar, a menu made from file names. A page run alone cannot be caught before its own first line runs, so each
page starts with ``require_router()``: outside app.py's navigation it calls ``st.navigation`` with the app's
pages (public API; from then on the process ignores ``pages/``) and reruns, and the rerun goes through app.py.
No private Streamlit attribute is touched. The cold-server deep-link tests in tests/e2e/test_browser.py guard it.
"""

from __future__ import annotations

from contextvars import ContextVar

import streamlit as st

from ui import pages_registry

# True while app.py's navigation runs a page, in this script run's thread.
_routed: ContextVar[bool] = ContextVar("routed_by_app", default=False)


def _home() -> None:
    """The root URL: on to the first page, so its own path (``/overview``) is in the address bar. Streamlit serves
    the default page at ``/`` only (its url_path is ignored), so the default is this hidden redirect and every
    page of the menu keeps the path a user can type and share."""
    st.switch_page(pages_registry.HOME_PAGE,  # with the link's choices, a repeated one (needs=a&needs=b) whole
                   query_params={key: st.query_params.get_all(key) for key in st.query_params})


def pages() -> dict[str, list[st.Page]]:
    """Every page, in menu sections (ui.pages_registry; made afresh each run: a Page object may be run once),
    after the hidden redirect that serves the root URL."""
    home = st.Page(_home, title="Justice Health Explorer", url_path="home", default=True, visibility="hidden")
    sections = {section: [st.Page(entry.path, title=entry.title, url_path=entry.url_path) for entry in entries]
                for section, entries in pages_registry.SECTIONS.items()}
    first = next(iter(sections))
    sections[first] = [home, *sections[first]]
    return sections


def navigation() -> st.Page:
    """The sidebar menu; returns the page the URL asks for."""
    return st.navigation(pages())


def run(page: st.Page) -> None:
    """Run the chosen page, marked as routed by app.py."""
    token = _routed.set(True)
    try:
        page.run()
    finally:
        _routed.reset(token)


def require_router() -> None:
    """First line of every page: outside app.py's navigation (a fresh server's first request was a deep link),
    end old-style mode for this process and rerun through app.py."""
    if not _routed.get():
        navigation()
        st.rerun()
