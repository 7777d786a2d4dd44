"""Placeholder while the page is being built (replaced in this session)."""

import streamlit as st

import ui

ui.require_router()
st.title("board_pack")
