"""Justice Health Explorer: the router. Registers every page, draws the shared sidebar, runs the page."""

import logging

import streamlit as st

import ui

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

st.set_page_config(page_title="Justice Health Explorer", page_icon=":material/balance:", layout="wide")

PAGES = {
    "Evidence": [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview",
                default=True),
        st.Page("pages/compare.py", title="Compare", icon=":material/compare_arrows:", url_path="compare"),
    ],
    "About": [
        st.Page("pages/sources_methods.py", title="Sources and methods", icon=":material/menu_book:",
                url_path="sources"),
        st.Page("pages/data_status.py", title="Data status", icon=":material/database:", url_path="data-status"),
    ],
}

page = st.navigation(PAGES)
ui.sidebar_filters()
page.run()
