"""Board pack: a PowerPoint deck and an Excel workbook for a board paper, made from the current view."""

import re
from datetime import date

import pandas as pd
import streamlit as st

import settings
from analysis import disclosure
from analysis.local_need.cohorts import ADJUSTMENT_ASSUMPTION, ESTIMATOR_COHORTS
from core.errors import DataLoadError
from core.labels import SEX_LABELS
from present import checklist
from present import local_need as need_view
from present import map_view as area_view
from reports import deck, workbook
from reports.assemble import assemble
from reports.model import NARRATIVE_MAX_CHARS, TITLE_MAX_CHARS, DeckVersion, LoadedData, PackRequest
from reports.plan import APPENDIX
from ui import blocks, keys, pickers, router, session, state
from ui import cache as cached
from ui import neighbours as neighbour_block

router.require_router()

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NEED_COHORTS = list(need_view.COHORTS)

st.title("Board pack")
st.markdown("A slide deck and a workbook for a Health and Wellbeing Board, Community Safety Partnership or "
            "Police and Crime Commissioner's board, from the view you have open: the headline ratios, the "
            "comparison chart, your area on the map, the local need estimate, your partners' figures (suppressed) "
            "and the action checklist, each with its source. Files are made when you click, and never saved.")

comparison = blocks.load_or_stop(cached.comparison_table)
evidence = blocks.load_or_stop(cached.national_evidence)
cohort_sizes = blocks.load_or_stop(cached.cohort_sizes)
facts = blocks.load_or_stop(cached.cohort_facts_table)
unavailable: dict[str, str] = {}  # part -> why the pack leaves it out


def outline_text(name: str, titles: list[str]) -> str:
    """A deck's slide list: the body numbered, its appendix after it."""
    body = [title for title in titles if not title.startswith(APPENDIX)]
    appendix = len(titles) - len(body)
    return (f"**{name}: {len(body)} slides**" + (f" and a {appendix}-slide appendix" if appendix else "") + "\n\n"
            + "\n".join(f"{number}. {blocks.plain(title)}" for number, title in enumerate(body, start=1)))


def optional(part: str, loader, missing: dict[str, str]):
    """A part the pack can do without: on a data error, None, and the reason recorded in ``missing``."""
    try:
        return loader()
    except DataLoadError as error:
        missing[part] = f"could not be loaded ({error.summary})"
        return None


population = optional("Census population", cached.census_population, unavailable)
local_data = optional("Local indicators", cached.local_indicators, unavailable)

with st.container(border=True):
    st.markdown("**The pack**")
    columns = st.columns([3, 1])
    title = columns[0].text_input("Title", "Health and social needs in the justice system", key=keys.PACK_TITLE,
                                  max_chars=TITLE_MAX_CHARS)
    made_on = columns[1].date_input("Date", date.today(), key=keys.PACK_DATE, format="DD/MM/YYYY")
    narrative = st.text_area("The ask: what you want the board to do (on the title slide)", key=keys.PACK_NARRATIVE,
                             max_chars=NARRATIVE_MAX_CHARS,
                             placeholder="e.g. Why this matters for the board, and what you are asking it to do.")

sex = state.current_sex()
headline_cohorts = pickers.choose_headline_cohorts(
    None, "Key messages for", help="The Overview's headline needs for each cohort chosen here, with their grades. "
    "It starts with the sidebar's cohort; add any others.")
st.caption(f"Key messages: the Overview's headline figures ({SEX_LABELS[sex].lower()}; change sex in the sidebar)."
           if headline_cohorts else "No cohort chosen for the key messages: the pack has none.")

st.subheader("Comparison chart")
cohorts, domains, needs, _ = pickers.choose_comparison(comparison, sex)

st.subheader("Your area")


def areas_at(level: str) -> pd.DataFrame:
    """The areas to offer: from the Census population, else the local indicators, else none."""
    if population is not None:
        return population[population["area_type"] == level]
    if local_data is not None:
        return local_data.values[local_data.values["level"] == level]
    return pd.DataFrame(columns=["area_code", "area_name"])


controls = st.columns([2, 3, 4])
level, area, names = pickers.choose_area(controls[0], controls[1], areas_at, empty_label="None chosen",
                                    help="Without an area the pack has no map and no local need estimate.")
need_cohorts = pickers.choose_need_cohorts(controls[2], "Local need cohorts", NEED_COHORTS,
                                          lambda c: ESTIMATOR_COHORTS[c].label)
typed_sizes: dict[str, int | None] = {}
if area and need_cohorts:
    size_columns = st.columns(len(need_cohorts))
    for column, cohort in zip(size_columns, need_cohorts, strict=True):
        box = need_view.size_box(cohort)
        typed_sizes[cohort] = pickers.choose_cohort_size(column, cohort, box.label, help=box.help,
                                                         placeholder="not entered: population-share estimate")
adjust = pickers.choose_adjust(None, "Adjust local need for the local general population (smoking and depression)",
                               help=ADJUSTMENT_ASSUMPTION)

indicator = period = ""
colour_by = area_view.COLOUR_BY_COMPARISON
if local_data is not None:
    map_columns = st.columns([3, 2, 3])
    indicator, period, colour_by = pickers.choose_map_view(*map_columns, local_data, level,
                                                      indicator_label="Map indicator")

neighbour_lists = optional("Statistical neighbours", cached.neighbour_lists, unavailable) if area else None
neighbour_model = (neighbour_block.choose_model(None, neighbour_lists.models) if neighbour_lists is not None
                   else neighbour_block.chosen_model())
layer = optional("Map layer", lambda: cached.web_layer(level), unavailable) if area and local_data is not None else None
progress, progress_summary, checklist_sources = None, "", None
items = optional("Action checklist", cached.checklist_items, unavailable)
if items is not None:
    recorded = st.session_state.get(keys.CHECKLIST_PROGRESS, {})
    checklist_sources = optional("Action checklist sources", cached.checklist_sources, unavailable)
    progress = checklist.progress_table(items, recorded, checklist_sources)
    progress_summary = checklist.summary_text(items, recorded)
partner_files = session.partner_results()

request = PackRequest(
    title=title, made_on=made_on, threshold=settings.DISCLOSURE_THRESHOLD,
    threshold_set_by=settings.threshold_set_by(), narrative=narrative,
    headline_cohorts=tuple(headline_cohorts), sex=sex,
    cohorts=tuple(cohorts), domains=tuple(domains), needs=tuple(needs), area_code=area, level=level,
    need_cohorts=tuple(need_cohorts), typed_sizes=typed_sizes, adjust=adjust, map_indicator=indicator,
    map_period=period, colour_by=colour_by, neighbour_model=neighbour_model)
loaded = LoadedData(
    comparison=comparison, sources=evidence.sources, cohort_sizes=cohort_sizes, cohort_facts=facts,
    population=population, local=local_data, layer=layer, checklist=progress, checklist_summary=progress_summary,
    checklist_sources=checklist_sources, uploads=partner_files,
    unavailable=dict(unavailable), app_version=cached.app_version(), neighbours=neighbour_lists)
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
if partner_files:
    st.caption("Partners' figures from the Your data page are included as that page shows them, with "
               + disclosure.threshold_statement(settings.DISCLOSURE_THRESHOLD, settings.threshold_set_by()).lower())
if preview.left_out:
    st.markdown("**Left out, and why**\n\n" + "\n".join(f"- {blocks.plain(item)}" for item in preview.left_out))

slug = re.sub(r"[^0-9A-Za-z]+", "-", f"board-pack-{preview.area_name or 'england'}-{made_on:%Y-%m-%d}").lower()
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
