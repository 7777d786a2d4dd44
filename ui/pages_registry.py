"""The app's pages as plain data (file, title, URL path, menu section), without Streamlit: ui.router makes the
``st.Page`` objects from it, and tools that must know the pages (bench/map, tests) read it without starting
Streamlit.

Each url_path equals its file's name: on a fresh server's first request Streamlit routes by file name (the
``pages/`` folder's old-style mode) before app.py has run, and a differing name shows "Page not found".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageEntry:
    """One page of the menu."""

    path: str  # the page's file, relative to the repository root
    title: str
    url_path: str


SECTIONS: dict[str, tuple[PageEntry, ...]] = {
    "Evidence": (
        PageEntry("pages/overview.py", "Overview", "overview"),
        PageEntry("pages/compare.py", "Compare", "compare"),
    ),
    "Your area": (
        PageEntry("pages/map.py", "Map", "map"),
        PageEntry("pages/area_profile.py", "Area profile", "area_profile"),
        PageEntry("pages/local_need.py", "Local need", "local_need"),
    ),
    "Your data": (
        PageEntry("pages/your_data.py", "Your data", "your_data"),
    ),
    "Present": (
        PageEntry("pages/board_pack.py", "Board pack", "board_pack"),
        PageEntry("pages/jsna_chapter.py", "JSNA chapter", "jsna_chapter"),
        PageEntry("pages/investment_case.py", "Investment case", "investment_case"),
        PageEntry("pages/checklist.py", "Action checklist", "checklist"),
    ),
    "About": (
        PageEntry("pages/sources.py", "Sources and methods", "sources"),
        PageEntry("pages/data_status.py", "Data status", "data_status"),
    ),
}


HOME_PAGE = "pages/overview.py"  # where the root URL leads


def all_pages() -> tuple[PageEntry, ...]:
    """Every page, in menu order."""
    return tuple(entry for entries in SECTIONS.values() for entry in entries)
