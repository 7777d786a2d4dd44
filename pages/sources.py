"""Sources and methods: every source in full, how figures are compared, and the caveats that matter."""

import pandas as pd
import streamlit as st

import ui
from charts.style import COHORT_LABELS, COMPARABILITY_LABELS, EVIDENCE_LABELS, SEX_LABELS
from loaders import cached
from loaders.errors import DataLoadError

ui.require_router()

st.title("Sources and methods")
bundle = ui.load_or_stop(cached.national_evidence)
evidence, sources = bundle.evidence, bundle.sources

st.header("How the figures are compared")
st.markdown("""
- **Prevalence** is the percentage of a group with a need, exactly as the source published it. Nothing is
  rounded, re-based or estimated; the one conversion is psychosis per 1,000 to per cent (Brugha et al. 2005).
- **Times as common** is the cohort percentage divided by the general-population percentage. It is computed
  only where the two figures measure the same thing in comparable ways (comparability high or moderate).
  Where comparability is low, the general-population figure is shown as grey context and no ratio is given.
- **Published ratios** (standardised mortality ratios, relative risks) are shown as the source states them,
  in its own words ("almost twice"), never turned into percentages.
- **Confidence intervals (95%)** are shown where the source published them. Where a source published the
  count and the sample size, the app computes a **Wilson score interval**
  (L, U = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)), z = 1.96), the method OHID uses for proportions.
  A ratio's interval uses the **log method** (SE of ln ratio = √(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)) and needs
  counts for both groups. Where a source published only a point estimate, the app says **"CI not published"**
  and invents none.
""")
st.header("Caveats that matter")
st.markdown("""
- **Not standardised.** Apart from the mortality ratios and the Scottish head-injury study, comparisons are
  crude: they do not adjust for age or sex. Prisons hold mostly young men. For needs more common in young
  men (drug use, suicide, head injury) a crude ratio overstates the part due to justice contact; for needs
  more common in women or older people (common mental disorders) an all-adult comparator understates it.
- **Screens are not diagnoses.** Many cohort figures come from screening questions or self-report; many
  comparators from diagnostic interviews or household surveys. Such pairs are marked low comparability.
- **Household surveys leave out the groups with most need** (prisons, hostels, people sleeping rough).
- **Old data.** The national prison psychiatric survey is from 1997 and the SPCR prisoner survey from
  2005-06: nothing national is newer. Every figure shows its data year.
- **Selected populations.** Liaison and diversion figures describe people referred because a need was
  suspected, not everyone detained.
- **Probation and police custody** have no national prevalence survey: the figures come from one county
  (Lincolnshire) and one London police station.
""")
with st.expander("Comparability and evidence labels"):
    st.table(pd.DataFrame({"Comparability": list(COMPARABILITY_LABELS.values())}))
    st.table(pd.DataFrame({"Evidence type": list(EVIDENCE_LABELS.values())}))

st.header(f"Sources ({len(sources)})")
for source in sources.sort_values("short_label").itertuples():
    used = evidence[(evidence["cohort_source_id"] == source.source_id)
                    | (evidence["comparator_source_id"] == source.source_id)]
    with st.expander(f"{source.short_label}: {len(used)} figure(s)"):
        st.markdown(f"**Citation.** {source.citation}  \n**Publisher.** {source.publisher} "
                    f"({int(source.year_published) if pd.notna(source.year_published) else 'year not stated'})"
                    f"  \n**Design.** {source.design}")
        if isinstance(source.url, str):
            st.markdown(f"**Link.** [{source.url}]({source.url})")
        for label, text in (("Caveats", source.caveats), ("How it was obtained", source.access_note)):
            if isinstance(text, str):
                st.markdown(f"**{label}.** {text}")
        st.dataframe(pd.DataFrame({
            "ID": used["evidence_id"], "Need": used["indicator"], "Cohort": used["cohort"].map(COHORT_LABELS),
            "Sex": used["sex"].map(SEX_LABELS), "Period": used["cohort_period"],
            "Definition": used["measure_definition"], "Quote": used["quote"]}), hide_index=True)

st.header("National cohort sizes")
try:
    sizes = cached.cohort_sizes()
    st.dataframe(sizes[["cohort", "measure", "value_as_published", "unit", "geography", "period", "source",
                        "source_status", "source_url"]], hide_index=True,
                 column_config={"source_url": st.column_config.LinkColumn("Link")})
except DataLoadError as error:
    ui.show_data_error(error, "Cohort sizes could not be loaded.")
