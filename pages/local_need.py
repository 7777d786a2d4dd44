"""Local need: how many people in a local justice cohort are likely to have each need, against the general
population's rates."""

from functools import partial

import streamlit as st

from analysis.local_need.cohorts import ADJUSTMENT_ASSUMPTION, ESTIMATOR_COHORTS, SIDE_BY_SIDE_NOTE
from charts.local_need import need_chart
from core.safe_csv import to_csv_bytes
from present import local_need as view
from present.local_need_table import need_tables
from present.local_need_text import format_count
from ui import blocks, chrome, keys, pickers, place_view, router
from ui import cache as cached

router.require_router()

COHORTS = list(view.COHORTS)

st.title("Local need")
st.markdown("How many people in your area's justice cohorts are likely to have each need, from the national "
            "prevalence evidence, against the number if they had the general population's rates. Type the local "
            "cohort size you hold; until you do, a population-share estimate is used and labelled.")

comparison = blocks.load_or_stop(cached.comparison_table)
cohort_sizes = blocks.load_or_stop(cached.cohort_sizes)
facts = blocks.load_or_stop(cached.cohort_facts_table)
population = blocks.load_or_stop(cached.census_population)

with chrome.controls("area"):
    controls = st.columns([2, 3, 4])
    level, area, names = pickers.choose_area(
        controls[0], controls[1],
        lambda level: population[population["area_type"] == level].drop_duplicates("area_code"))
    cohorts = pickers.choose_need_cohorts(controls[2], "Cohorts", COHORTS, lambda c: ESTIMATOR_COHORTS[c].label)
    adjust = pickers.choose_adjust(None, "Adjust for the local general population (smoking and depression)",
                                   help=ADJUSTMENT_ASSUMPTION)

if not area:
    st.info("Choose an area above (or on the Map page) to estimate its local need.")
    st.stop()
place_view.caption(None, level, area)
if not cohorts:
    st.info("Choose at least one cohort.")
    st.stop()

data = view.NeedData(comparison, cohort_sizes, facts, population,
                     blocks.load_or_stop(cached.local_indicators).values if adjust else None)
needs = []
for cohort in cohorts:
    spec = ESTIMATOR_COHORTS[cohort]
    st.subheader(spec.label)
    box = view.size_box(cohort, names[area])
    with chrome.controls(keys.need_size(cohort).key):
        typed = pickers.choose_cohort_size(None, cohort, box.label, help=box.help,
                                           placeholder="not entered: the estimate below is used")
    local = view.cohort_need(cohort, typed, area_code=area, level=level,
                             area_name=names[area], data=data, adjust=adjust)
    default = local.default
    if local.size is None:
        st.warning(f"{local.no_size_reason} Enter your local figure to see this cohort's estimate.")
        continue
    if typed is not None:
        st.caption(f"Using your figure: {typed:,}.")
    else:
        st.markdown(f"**{default.label}: about {format_count(default.value)}** "
                    f"({spec.size_label}). {default.assumption} {default.conversion}")
        with st.expander("The figures this estimate came from"):
            st.dataframe(view.input_figures(default), hide_index=True, width="stretch")
    if spec.evidence_note:
        st.caption(spec.evidence_note)
    if not local.needs:
        st.info("No national prevalence figure was found for this cohort, so nothing can be estimated.")
        continue
    needs.append(local.needs)
    shown = local.chart_rows()
    if not shown.empty:
        blocks.show_chart(need_chart(shown, f"{spec.label}: {names[area]}", local.size_text),
                          f"local_need_{cohort}_{area}",
                          f"Dot chart for {spec.label.lower()} in {names[area]} ({local.size_text.lower()}): for "
                          f"each of {shown['indicator'].nunique()} needs, the people expected to have it, with its "
                          "95% interval, beside the number at the general population's rate where that comparison "
                          "is like for like. The table at the end of the page lists every figure.")
        if local.context_note:
            st.caption(local.context_note)
    st.markdown("**For a board paper**\n\n" + "\n".join(
        f"- {blocks.plain(line.sentence)} *Source: {blocks.plain(line.source)}*" for line in local.board_lines()))

if len(needs) > 1:
    st.info(SIDE_BY_SIDE_NOTE)
if needs:
    table, display = need_tables([need for estimate in needs for need in estimate])
    st.subheader("Every figure and its inputs")
    st.dataframe(display, hide_index=True, width="stretch")
    st.caption("Counts on screen are rounded (under 10 to the person, up to 999 to 2 significant figures, then to "
               "the nearest 100 or 1,000); the CSV has them unrounded. Where the general-population figure is "
               "context only (not like for like), “At the general rate” and “Additional people” are blank.")
    with chrome.controls("table_download"):
        st.download_button("Download this table (CSV, unrounded)", partial(to_csv_bytes, table),
                           file_name=f"local_need_{area}.csv", mime="text/csv", on_click="ignore")
