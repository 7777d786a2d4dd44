"""Local need: how many people in a local justice cohort are likely to have each need, against the general
population's rates."""

from functools import partial

import pandas as pd
import streamlit as st

from analysis import local_need as need
from charts.local_need import need_chart, need_tables
from core.safe_csv import to_csv_bytes
from present.tables import year_text
from ui import blocks, chrome, pickers, state
from ui import cache as cached

chrome.require_router()

COHORTS = list(need.ESTIMATOR_COHORTS)

st.title("Local need")
st.markdown("How many people in your area's justice cohorts are likely to have each need, from the national "
            "prevalence evidence, against the number if they had the general population's rates. Type the local "
            "cohort size you hold; until you do, a population-share estimate is used and labelled.")

comparison = blocks.load_or_stop(cached.comparison_table)
cohort_sizes = blocks.load_or_stop(cached.cohort_sizes)
facts = blocks.load_or_stop(cached.cohort_facts_table)
population = blocks.load_or_stop(cached.census_population)

state.seed_choices(state.NEED_COHORTS, COHORTS, ["probation"])
state.seed_flag(state.NEED_ADJUST)
with chrome.controls("area"):
    controls = st.columns([2, 3, 4])
    level, area, names = pickers.choose_area(
        controls[0], controls[1],
        lambda level: population[population["area_type"] == level].drop_duplicates("area_code"))
    cohorts = controls[2].multiselect("Cohorts", COHORTS, key=state.NEED_COHORTS,
                                      format_func=lambda c: need.ESTIMATOR_COHORTS[c].label)
    adjust = st.toggle("Adjust for the local general population (smoking and depression)", key=state.NEED_ADJUST,
                       help=need.ADJUSTMENT_ASSUMPTION)
for key, chosen, default in ((state.LEVEL, level, "utla"), (state.AREA, area, state.NO_AREA)):
    state.write_to_url(key, chosen, default)
state.write_to_url(state.NEED_COHORTS, cohorts, ["probation"])
state.write_flag_to_url(state.NEED_ADJUST, adjust)

if not area:
    st.info("Choose an area above (or on the Map page) to estimate its local need.")
    st.stop()
if not cohorts:
    st.info("Choose at least one cohort.")
    st.stop()

values = None
if adjust:
    values = blocks.load_or_stop(cached.local_indicators).values
estimates, sentences = [], {}
for cohort in cohorts:
    spec = need.ESTIMATOR_COHORTS[cohort]
    st.subheader(spec.label)
    default = need.default_cohort_size(cohort, area, level, cohort_sizes=cohort_sizes, cohort_facts=facts,
                                       population=population)
    size_key = f"size_{cohort}"
    state.seed_number(size_key)
    with chrome.controls(size_key):
        typed = st.number_input(f"Your local figure: {spec.label.lower()} in {names[area]}", min_value=0, step=1,
                                value=None, key=size_key, placeholder="not entered: the estimate below is used",
                                help=spec.size_reason)
    state.write_to_url(size_key, "" if typed is None else str(int(typed)), "")
    if typed is not None:
        size, size_is_estimate = float(typed), False
        st.caption(f"Using your figure: {int(typed):,}.")
    elif default.available:
        size, size_is_estimate = default.value, True
        st.markdown(f"**{default.label}: about {need.format_count(default.value)}** "
                    f"({spec.size_label}). {default.assumption} {default.conversion}")
        with st.expander("The figures this estimate came from"):
            st.dataframe(pd.DataFrame([{"Figure": f.label, "Value": f.value, "Unit": f.unit, "Source": f.source,
                                        "Link": f.url or "", "Note": f.note} for f in default.inputs]),
                         hide_index=True, width="stretch")
    else:
        st.warning(f"{default.reason or spec.size_reason} Enter your local figure to see this cohort's estimate.")
        continue
    if spec.evidence_note:
        st.caption(spec.evidence_note)
    split = need.published_sex_split(cohort, cohort_sizes=cohort_sizes, cohort_facts=facts)
    adjustments = (need.local_adjustments_from_values(values, area, level, area_name=names[area])
                   if adjust else None)
    estimate = need.estimate_need(need.evidence_rows(comparison, cohort), size, cohort=cohort, sex_split=split,
                                  adjustments=adjustments)
    if estimate.empty:
        st.info("No national prevalence figure was found for this cohort, so nothing can be estimated.")
        continue
    estimates.append(estimate)
    shown = estimate.dropna(subset=["expected"])
    if not shown.empty:
        size_text = f"Cohort size {need.format_count(size)}" + (
            " (population-share estimate)" if size_is_estimate else " (your figure)")
        blocks.show_chart(need_chart(shown, f"{spec.label}: {names[area]}", size_text), f"local_need_{cohort}_{area}",
                      f"Dot chart for {spec.label.lower()} in {names[area]} ({size_text.lower()}): for each of "
                      f"{shown['indicator'].nunique()} needs, the people expected to have it, with its 95% "
                      "interval, beside the number at the general population's rate. The table at the end of the "
                      "page lists every figure.")
    sentences[cohort] = [need.board_sentence(row, names[area], size_is_estimate=size_is_estimate,
                                             include_adjusted=adjust) for _, row in estimate.iterrows()]
    sources = [f"Source: {row['cohort_source']}, data {year_text(row['data_year'])}"
               + (" (a secondary compilation: primary source not traced)"
                  if row["evidence_quality"] == "secondary_compilation" else "") + "."
               for _, row in estimate.iterrows()]
    st.markdown("**For a board paper**\n\n" + "\n".join(
        f"- {blocks.plain(sentence)} *{blocks.plain(source)}*" for sentence, source in zip(sentences[cohort], sources,
                                                                                    strict=True)))

if len(estimates) > 1:
    st.info(need.SIDE_BY_SIDE_NOTE)
if estimates:
    table, display = need_tables(need.side_by_side(estimates))
    st.subheader("Every figure and its inputs")
    st.dataframe(display, hide_index=True, width="stretch")
    st.caption("Counts on screen are rounded (under 10 to the person, up to 999 to 2 significant figures, then to "
               "the nearest 100 or 1,000); the CSV has them unrounded.")
    with chrome.controls("table_download"):
        st.download_button("Download this table (CSV, unrounded)", partial(to_csv_bytes, table),
                           file_name=f"local_need_{area}.csv", mime="text/csv", on_click="ignore")
