"""Board pack: a PowerPoint deck and an Excel workbook for a board paper, made from the current view."""

import re

import streamlit as st

import settings
from analysis import disclosure
from reports import deck, workbook
from reports.assemble import assemble
from reports.model import DeckVersion
from reports.plan import APPENDIX
from ui import blocks, pack_choices, router

router.require_router()

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

st.title("Board pack")
st.markdown("A slide deck and a workbook for a Health and Wellbeing Board, Community Safety Partnership or "
            "Police and Crime Commissioner's board, from the view you have open: the headline ratios, the "
            "comparison chart, your area on the map, the local need estimate, your partners' figures (suppressed) "
            "and the action checklist, each with its source. Files are made when you click, and never saved.")

def outline_text(name: str, titles: list[str]) -> str:
    """A deck's slide list: the body numbered, its appendix after it."""
    body = [title for title in titles if not title.startswith(APPENDIX)]
    appendix = len(titles) - len(body)
    return (f"**{name}: {len(body)} slides**" + (f" and a {appendix}-slide appendix" if appendix else "") + "\n\n"
            + "\n".join(f"{number}. {blocks.plain(title)}" for number, title in enumerate(body, start=1)))


request, loaded = pack_choices.choose_pack()
preview = assemble(request, loaded, render=False)

st.subheader("What goes in")
short_deck, full_deck, sheets = st.columns(3)
for column, version, name in ((short_deck, DeckVersion.SHORT, "The short deck"),
                              (full_deck, DeckVersion.FULL, "The full deck")):
    with column:
        st.markdown(outline_text(name, deck.outline(preview, version)))
with sheets:
    sheet_names = ["Key messages", *(table.name for table in preview.tables), "Sources", "Notes"]
    st.markdown(f"**The workbook: {len(sheet_names)} sheets**, numbers unrounded\n\n" + "\n".join(
        f"- {blocks.plain(name)}" for name in sheet_names))
if loaded.uploads:
    st.caption("Partners' figures from the Your data page are included as that page shows them, with "
               + disclosure.threshold_statement(settings.DISCLOSURE_THRESHOLD, settings.threshold_set_by()).lower())
if preview.left_out:
    st.markdown("**Left out, and why**\n\n" + "\n".join(f"- {blocks.plain(item)}" for item in preview.left_out))

slug = re.sub(r"[^0-9A-Za-z]+", "-", f"board-pack-{preview.area_name or 'england'}-{request.made_on:%Y-%m-%d}").lower()
buttons = st.columns(3)
buttons[0].download_button("Download the short deck (PowerPoint)",
                           lambda: deck.deck_bytes(assemble(request, loaded), DeckVersion.SHORT),
                           file_name=f"{slug}-short.pptx", mime=PPTX, on_click="ignore", type="primary",
                           help="For a ten-minute slot. Made when you click: about five seconds.")
buttons[1].download_button("Download the full deck (PowerPoint)", lambda: deck.deck_bytes(assemble(request, loaded)),
                           file_name=f"{slug}.pptx", mime=PPTX, on_click="ignore",
                           help="Every part, sources in an appendix. Made when you click: about five seconds.")


def workbook_file() -> bytes:
    return workbook.workbook_bytes(assemble(request, loaded, render=False))


buttons[2].download_button("Download the workbook (Excel)", workbook_file,
                           file_name=f"{slug}.xlsx", mime=XLSX, on_click="ignore")
st.caption("Charts are pictures with alt text; every slide's notes name its sources. Numbers on slides are "
           "rounded as on the app's pages; the workbook has them unrounded.")
