"""Overview: how much more common each need is in one cohort than in the general population."""

import streamlit as st

from analysis.cohort_sizes import latest_snapshot
from analysis.comparison import filter_comparison
from analysis.headline import headline_rows
from charts.forest import ratio_forest_plot
from core.comparison_codes import PLOTTABLE_BASES
from core.errors import DataLoadError
from core.labels import COHORT_LABELS, COHORT_PEOPLE
from present.standardised import standardised_table
from present.tables import comparison_table
from ui import blocks, router, state
from ui import cache as cached

router.require_router()

cohort = state.current_cohort()
sex = state.current_sex()
comparison = blocks.load_or_stop(cached.comparison_table)
rows = filter_comparison(comparison, [cohort], sex)

st.title(f"Health and social needs: {COHORT_PEOPLE[cohort]}")
st.markdown(f"How much more common each need is among **{COHORT_PEOPLE[cohort]}** than in the general "
            "population, from the best national evidence found. Every figure names its source; "
            "*Sources and methods* has full citations and caveats.")
try:
    size = latest_snapshot(cached.cohort_sizes(), cohort)
except DataLoadError as error:
    size = None
    st.warning(f"Cohort sizes could not be loaded: {error.summary}.")
if size is not None:
    st.caption(f"Scale: {size['value']:,.0f} {size['unit']} ({size['measure']}, {size['geography']}, "
               f"{size['period']}). Source: {size['source']}.")

tiles = headline_rows(comparison, cohort, sex)
for start in range(0, len(tiles), 3):
    for column, (need, row) in zip(st.columns(3), tiles[start:start + 3], strict=False):
        with column:
            blocks.headline_tile(need, row, cohort)

try:
    inputs = cached.standardisation_data()
    standardised = standardised_table(inputs.comparisons, inputs.inputs, comparison, cohort)
except DataLoadError as error:
    standardised = None
    st.warning(f"The standardised comparisons could not be loaded: {error.summary}.")
if standardised is not None and not standardised.empty:
    with st.expander("Allowing for age and sex: crude and standardised ratios", expanded=False):
        st.caption("The general population's prevalence for a group with this cohort's make-up, beside the crude "
                   "all-adult figure. Method and inputs: Sources and methods.")
        blocks.standardised_notes(standardised)

plotted = rows[rows["ratio_basis"].isin(PLOTTABLE_BASES)]
st.subheader("Times as common as in the general population")
if plotted.empty:
    st.info(f"No like-for-like national comparison exists for {COHORT_PEOPLE[cohort]} with this selection. "
            "The figures below are context only.")
else:
    chart = ratio_forest_plot(plotted, f"{COHORT_LABELS[cohort]}: ratio to the general population")
    blocks.show_chart(chart, f"ratios_{cohort}", f"Dot plot of {len(plotted)} ratios for {COHORT_PEOPLE[cohort]}: "
                  "how many times as common each need is as in the general population. The table below lists "
                  "them.")
with st.expander("The same figures as a table", expanded=False):
    st.dataframe(comparison_table(plotted), hide_index=True)

not_plotted = rows[~rows["ratio_basis"].isin(PLOTTABLE_BASES)]
if not not_plotted.empty:
    st.subheader("Figures without a like-for-like comparison")
    blocks.not_plotted_notes(not_plotted)
blocks.source_notes(rows)
