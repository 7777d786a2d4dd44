"""Justice Health Explorer: the router. Registers every page (ui.router), draws the shared sidebar and the
presentation-mode switch, runs the page."""

import logging

import streamlit as st

import settings  # noqa: F401  first: a bad JHE_DISCLOSURE_THRESHOLD stops the app here, with its message
from ui import chrome, router, runtime, signin

runtime.configure_server_process()
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

# No Material icons on the page or its menu entries: the browser would fetch them as a favicon from a
# Google CDN. The default favicon is served by the app itself.
st.set_page_config(page_title="Justice Health Explorer", layout="wide")

if not signin.allowed():  # sign-in is on and this visitor is not signed in: the sign-in page only
    st.stop()
page = router.navigation()
chrome.app_styles()
chrome.sidebar_filters()
signin.account_box()
chrome.presentation_switch()
chrome.presentation_mode()
try:
    router.run(page)
finally:
    runtime.give_back_freed_memory()
