"""Justice Health Explorer: the router. Registers every page, draws the shared sidebar and the presentation-mode
switch, runs the page."""

import logging

import streamlit as st

import settings  # noqa: F401  first: a bad JHE_DISCLOSURE_THRESHOLD stops the app here, with its message
from ui import chrome, runtime

runtime.configure_server_process()
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

# No Material icons on the page or its menu entries: the browser would fetch them as a favicon from a
# Google CDN. The default favicon is served by the app itself.
st.set_page_config(page_title="Justice Health Explorer", layout="wide")

# Each url_path equals its file's name: on a fresh server's first request Streamlit routes by file name
# (the pages/ folder's old-style mode) before app.py has run, and a differing name shows "Page not found".
PAGES = {
    "Evidence": [
        st.Page("pages/overview.py", title="Overview", url_path="overview",
                default=True),
        st.Page("pages/compare.py", title="Compare", url_path="compare"),
    ],
    "Your area": [
        st.Page("pages/map.py", title="Map", url_path="map"),
        st.Page("pages/area_profile.py", title="Area profile", url_path="area_profile"),
        st.Page("pages/local_need.py", title="Local need", url_path="local_need"),
    ],
    "Your data": [
        st.Page("pages/your_data.py", title="Your data", url_path="your_data"),
    ],
    "Present": [
        st.Page("pages/board_pack.py", title="Board pack", url_path="board_pack"),
        st.Page("pages/checklist.py", title="Action checklist", url_path="checklist"),
    ],
    "About": [
        st.Page("pages/sources.py", title="Sources and methods", url_path="sources"),
        st.Page("pages/data_status.py", title="Data status", url_path="data_status"),
    ],
}

page = st.navigation(PAGES)
chrome.app_styles()
chrome.sidebar_filters()
chrome.presentation_switch()
chrome.presentation_mode()
try:
    page.run()
finally:
    runtime.give_back_freed_memory()
