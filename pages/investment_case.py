"""Investment case: what unmet need costs and what published interventions return, from published figures only,
worked out step by step from your local figures, with fiscal, economic and social value kept apart."""

from functools import partial

import streamlit as st

from core.safe_csv import to_csv_bytes
from present import investment
from ui import blocks, investment_choices, router
from ui import cache as cached

router.require_router()

st.title("Investment case")
st.markdown("What the needs of people in contact with the justice system cost, and what published interventions "
            "return, from published figures only: each with its source, year and price base, worked out step by "
            "step from figures you type, always as a range.")
st.warning(investment.CAVEAT)

inputs = blocks.load_or_stop(cached.investment_inputs)
choices = investment_choices.choose_investment(inputs)
views = investment.cases(inputs, choices)

st.subheader("The cases")
for view in views:
    st.markdown(f"#### {blocks.plain(investment.TITLES[view.key])}")
    if view.case is None:
        st.info(view.needs)
    else:
        st.markdown(f"**{investment.KIND_WORDS[view.case.kind]}: "
                    f"{investment.range_words(view.case.result, '£')}** a year. {blocks.plain(view.price_words)}")
        st.table(investment.steps_table(view.case).astype(str).map(blocks.plain), hide_index=True)
    st.caption(f"Source: {blocks.plain(view.source)} Caveat: {blocks.plain(view.caveat)}")
st.caption(investment.NOT_REACHED)

summary = investment.summary_table(views)
if not summary.empty:
    st.subheader("Side by side, never added up")
    st.dataframe(summary, hide_index=True, width="stretch")
    st.caption(investment.ROUNDING)
    st.download_button("Download the cases (CSV)", partial(to_csv_bytes, investment.cases_csv(views)),
                       file_name="investment_case.csv", mime="text/csv", on_click="ignore")
