"""Compare: cohorts against the general population side by side, with the table and a CSV download."""

from functools import partial

import streamlit as st

import state
import ui
from charts.compare import cohort_vs_population_chart
from charts.style import COHORT_LABELS, SEX_LABELS
from charts.tables import comparison_table, to_csv_bytes
from loaders import cached

ui.require_router()

comparison = ui.load_or_stop(cached.comparison_table)
sex = state.current(state.SEX, state.DEFAULT_SEX)

st.title("Compare cohorts with the general population")
with ui.controls("compare"):
    *_, rows = ui.choose_comparison(comparison, sex)
st.caption(f"Sex: {SEX_LABELS[sex]} (change it in the sidebar). {len(rows)} figures selected.")

if rows.empty:
    st.info("Nothing matches this selection. Add cohorts or domains, or set Sex to 'All published breakdowns'.")
    st.stop()
percentages = rows[rows["unit"] == "%"]
if not percentages.empty:
    chart = cohort_vs_population_chart(percentages, "Prevalence: cohort and general population")
    ui.show_chart(chart, "prevalence_comparison",
                  f"Dumbbell chart of {len(percentages)} cohort and general-population prevalences, each "
                  "with its source; the table below lists every value.")
ratio_only = rows[rows["unit"] == "ratio"]
if not ratio_only.empty:
    st.subheader("Published ratios (no percentages published)")
    ui.not_plotted_notes(ratio_only[ratio_only["ratio_basis"] != "published"])
    for row in ratio_only[ratio_only["ratio_basis"] == "published"].itertuples():
        st.markdown(f"- **{row.indicator}** ({COHORT_LABELS[row.cohort]}): {row.ratio_text} "
                    f"(source: “{row.ratio_wording}”; {row.ratio_type}). {row.cohort_source}, data {row.data_year}.")

table = comparison_table(rows)
st.subheader("The figures shown, with sources")
st.dataframe(table, hide_index=True, column_config={"Link": st.column_config.LinkColumn("Link")})
with ui.controls("table_download"):
    st.download_button("Download this table (CSV)", partial(to_csv_bytes, table),
                       file_name="justice-health-comparison.csv", mime="text/csv", on_click="ignore",
                       icon=":material/download:")
ui.source_notes(rows)
