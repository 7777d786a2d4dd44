"""Compare: cohorts against the general population side by side, with the table and a CSV download."""

from functools import partial

import streamlit as st

from charts.compare import cohort_vs_population_chart
from core.comparison_codes import RatioBasis
from core.labels import COHORT_LABELS, SEX_LABELS
from core.safe_csv import to_csv_bytes
from present.tables import comparison_table
from ui import blocks, chrome, pickers, router, state
from ui import cache as cached

router.require_router()

comparison = blocks.load_or_stop(cached.comparison_table)
sex = state.current_sex()

st.title("Compare cohorts with the general population")
with chrome.controls("compare"):
    *_, rows = pickers.choose_comparison(comparison, sex)
st.caption(f"Sex: {SEX_LABELS[sex]} (change it in the sidebar). {len(rows)} figures selected.")

if rows.empty:
    st.info("Nothing matches this selection. Add cohorts or domains, or set Sex to 'All published breakdowns'.")
    st.stop()
percentages = rows[rows["unit"] == "%"]
if not percentages.empty:
    chart = cohort_vs_population_chart(percentages, "Prevalence: cohort and general population")
    blocks.show_chart(chart, "prevalence_comparison",
                  f"Dumbbell chart of {len(percentages)} cohort and general-population prevalences, each "
                  "with its source; the table below lists every value.")
ratio_only = rows[rows["unit"] == "ratio"]
if not ratio_only.empty:
    st.subheader("Published ratios (no percentages published)")
    blocks.not_plotted_notes(ratio_only[ratio_only["ratio_basis"] != RatioBasis.PUBLISHED])
    for row in ratio_only[ratio_only["ratio_basis"] == RatioBasis.PUBLISHED].itertuples():
        st.markdown(f"- **{row.indicator}** ({COHORT_LABELS[row.cohort]}): {row.ratio_text} "
                    f"(source: “{row.ratio_wording}”; {row.ratio_type}). {row.cohort_source}, data {row.data_year}.")

table = comparison_table(rows)
st.subheader("The figures shown, with sources")
st.dataframe(table, hide_index=True, column_config={"Link": st.column_config.LinkColumn("Link")})
with chrome.controls("table_download"):
    st.download_button("Download this table (CSV)", partial(to_csv_bytes, table),
                       file_name="justice-health-comparison.csv", mime="text/csv", on_click="ignore",
                       icon=":material/download:")
blocks.source_notes(rows)
