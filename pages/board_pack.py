"""Board pack: a PowerPoint deck and an Excel workbook for a board paper, made from the current view."""

import re
from datetime import date

import pandas as pd
import streamlit as st

import settings
from analysis import local_need as need
from core.errors import DataLoadError
from core.labels import COHORT_PEOPLE, SEX_LABELS
from loaders import checklist
from present import map_view as area_view
from reports import content, deck
from ui import blocks, chrome, pickers, state
from ui import cache as cached

chrome.require_router()

PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NEED_COHORTS = list(need.ESTIMATOR_COHORTS)

st.title("Board pack")
st.markdown("A slide deck and a workbook for a Health and Wellbeing Board, Community Safety Partnership or "
            "Police and Crime Commissioner's board, from the view you have open: the headline ratios, the "
            "comparison chart, your area on the map, the local need estimate, your partners' figures (suppressed) "
            "and the action checklist, each with its source. Files are made when you click, and never saved.")

comparison = blocks.load_or_stop(cached.comparison_table)
evidence = blocks.load_or_stop(cached.national_evidence)
cohort_sizes = blocks.load_or_stop(cached.cohort_sizes)
facts = blocks.load_or_stop(cached.cohort_facts_table)
unavailable: dict[str, str] = {}


def optional(part: str, loader):
    """A part the pack can do without: on a data error it is left out, with the reason."""
    try:
        return loader()
    except DataLoadError as error:
        unavailable[part] = f"could not be loaded ({error.summary})"
        return None


population = optional("Census population", cached.census_population)
local_data = optional("Local indicators", cached.local_indicators)

with st.container(border=True):
    st.markdown("**The pack**")
    columns = st.columns([3, 1])
    title = columns[0].text_input("Title", "Health and social needs in the justice system", key="pack_title",
                                  max_chars=content.TITLE_MAX_CHARS)
    made_on = columns[1].date_input("Date", date.today(), key="pack_date", format="DD/MM/YYYY")
    narrative = st.text_area("Short narrative (on the title slide)", key="pack_narrative",
                             max_chars=content.NARRATIVE_MAX_CHARS,
                             placeholder="e.g. Why this matters for the board, and what you are asking it to do.")

headline_cohort = state.current(state.COHORT, state.DEFAULT_COHORT)
sex = state.current(state.SEX, state.DEFAULT_SEX)
st.caption(f"Key messages: the Overview's headline ratios for {COHORT_PEOPLE[headline_cohort]} "
           f"({SEX_LABELS[sex].lower()}); change the cohort or sex in the sidebar.")

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
state.seed_choices(state.NEED_COHORTS, NEED_COHORTS, ["probation"])
need_cohorts = controls[2].multiselect("Local need cohorts", NEED_COHORTS, key=state.NEED_COHORTS,
                                       format_func=lambda c: need.ESTIMATOR_COHORTS[c].label)
typed_sizes: dict[str, int | None] = {}
if area and need_cohorts:
    size_columns = st.columns(len(need_cohorts))
    for column, cohort in zip(size_columns, need_cohorts, strict=True):
        size_key = f"size_{cohort}"
        state.seed_number(size_key)
        typed = column.number_input(f"Your local figure: {need.ESTIMATOR_COHORTS[cohort].label.lower()}",
                                    min_value=0, step=1, value=None, key=size_key,
                                    placeholder="not entered: population-share estimate",
                                    help=need.ESTIMATOR_COHORTS[cohort].size_reason)
        typed_sizes[cohort] = None if typed is None else int(typed)
        state.write_to_url(size_key, "" if typed is None else str(int(typed)), "")
state.seed_flag(state.NEED_ADJUST)
adjust = st.toggle("Adjust local need for the local general population (smoking and depression)",
                   key=state.NEED_ADJUST, help=need.ADJUSTMENT_ASSUMPTION)

indicator = period = ""
colour_by = area_view.COLOUR_BY_COMPARISON
if local_data is not None:
    map_columns = st.columns([3, 2, 3])
    indicator, period, colour_by = pickers.choose_map_view(*map_columns, local_data, level,
                                                      indicator_label="Map indicator")
state.write_to_url(state.LEVEL, level, "utla")
state.write_to_url(state.AREA, area, state.NO_AREA)
state.write_to_url(state.NEED_COHORTS, need_cohorts, ["probation"])
state.write_to_url(state.NEED_ADJUST, "on" if adjust else "off", "off")

layer = optional("Map layer", lambda: cached.web_layer(level)) if area and local_data is not None else None
progress, progress_summary, checklist_sources = None, "", None
items = optional("Action checklist", cached.checklist_items)
if items is not None:
    recorded = st.session_state.get(state.CHECKLIST, {})
    checklist_sources = optional("Action checklist sources", cached.checklist_sources)
    progress = checklist.progress_table(items, recorded, checklist_sources)
    progress_summary = checklist.summary_text(items, recorded)
partner_files = tuple(st.session_state.get(state.UPLOADS, {}).values())

choices = content.Choices(
    title=title, made_on=made_on, narrative=narrative, headline_cohort=headline_cohort, sex=sex,
    cohorts=tuple(cohorts), domains=tuple(domains), needs=tuple(needs), area_code=area, level=level,
    need_cohorts=tuple(need_cohorts), typed_sizes=typed_sizes, adjust=adjust, map_indicator=indicator,
    map_period=period, colour_by=colour_by)
inputs = content.Inputs(
    comparison=comparison, sources=evidence.sources, cohort_sizes=cohort_sizes, cohort_facts=facts,
    population=population, local=local_data, layer=layer, checklist=progress, checklist_summary=progress_summary,
    checklist_sources=checklist_sources, uploads=partner_files,
    unavailable=dict(unavailable), app_version=cached.app_version())
preview = content.assemble(choices, inputs, render=False)

st.subheader("What goes in")
slides, sheets = st.columns(2)
with slides:
    titles = deck.outline(preview)
    st.markdown(f"**The deck: {len(titles)} slides**\n\n" + "\n".join(
        f"{number}. {blocks.plain(slide_title)}" for number, slide_title in enumerate(titles, start=1)))
with sheets:
    sheet_names = ["Key messages", *(table.name for table in preview.tables), "Sources", "Notes"]
    st.markdown(f"**The workbook: {len(sheet_names)} sheets**, numbers unrounded\n\n" + "\n".join(
        f"- {blocks.plain(name)}" for name in sheet_names))
if partner_files:
    st.caption("Partners' figures from the Your data page are included as that page shows them, with "
               + settings.threshold_statement().lower())
if preview.left_out:
    st.markdown("**Left out, and why**\n\n" + "\n".join(f"- {blocks.plain(item)}" for item in preview.left_out))

slug = re.sub(r"[^0-9A-Za-z]+", "-", f"board-pack-{preview.area_name or 'england'}-{made_on:%Y-%m-%d}").lower()
buttons = st.columns(2)
buttons[0].download_button("Download the deck (PowerPoint)", lambda: deck.deck_bytes(content.assemble(choices, inputs)),
                           file_name=f"{slug}.pptx", mime=PPTX, on_click="ignore", type="primary",
                           help="Made when you click: about five seconds.")


def workbook_file() -> bytes:
    from reports import workbook  # openpyxl is loaded only when a workbook is asked for

    return workbook.workbook_bytes(content.assemble(choices, inputs, render=False))


buttons[1].download_button("Download the workbook (Excel)", workbook_file,
                           file_name=f"{slug}.xlsx", mime=XLSX, on_click="ignore")
st.caption("Charts are pictures with alt text; every slide's notes name its sources. Numbers on slides are "
           "rounded as on the app's pages; the workbook has them unrounded.")
