"""Sources and methods: every source in full, how figures are compared, and the caveats that matter."""

import pandas as pd
import streamlit as st

import settings
from analysis import disclosure
from analysis.headline import GRADE_MEANINGS, HEADLINE_RULE
from core.errors import DataLoadError
from core.labels import (
    COHORT_LABELS,
    COMPARABILITY_LABELS,
    COMPARISON_DESIGN_LABELS,
    EVIDENCE_LABELS,
    SEX_LABELS,
    SOURCE_STATUS_LABELS,
)
from present.standardised import standardised_table
from ui import blocks, router
from ui import cache as cached

router.require_router()

st.title("Sources and methods")
bundle = blocks.load_or_stop(cached.national_evidence)
evidence, sources = bundle.evidence, bundle.sources

st.header("How the figures are compared")
st.markdown("""
- **Prevalence** is the percentage of a group with a need, exactly as the source published it. Nothing is
  rounded, re-based or estimated; the one conversion is psychosis per 1,000 to per cent (Brugha et al. 2005).
- **Times as common** is the cohort percentage divided by the general-population percentage. It is computed,
  plotted and set beside a local estimate only where the comparison is **like for like**: matched groups, a
  standardised ratio, or the same instrument and age band in national samples (comparability high). Every
  other pair is shown as two figures, the general population's labelled context, with no ratio, difference or
  significance.
- **Published ratios** (standardised mortality ratios, relative risks) are shown as the source states them,
  in its own words ("almost twice"), never turned into percentages.
- **Confidence intervals (95%)** are shown where the source published them. Where a source published the
  count and the sample size, the app computes a **Wilson score interval**
  (L, U = (2x + z² ∓ z·√(z² + 4x(1 − x/n))) / (2(n + z²)), z = 1.96), the method OHID uses for proportions.
  A ratio's interval uses the **log method** (SE of ln ratio = √(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂)) and needs
  counts for both groups. Where a source published only a point estimate, the app says **"CI not published"**
  and invents none.
""")
st.header("Which figure heads each need")
st.markdown("\n".join(HEADLINE_RULE[:-1]) + "\n\n" + HEADLINE_RULE[-1])
st.markdown("**Evidence grades**, shown beside every tile, dot and slide with the data year:\n\n"
            + "\n".join(f"- **{grade}**: {meaning}" for grade, meaning in GRADE_MEANINGS.items()))

st.header("Allowing for age and sex (indirect standardisation)")
st.markdown("""
Prisons and probation hold mostly young men, so a crude comparison with all adults can mislead either way. Where
the general population's prevalence is published by sex (or age band and sex) and the cohort's make-up is
published, the app works out the prevalence the general population would have with the cohort's make-up
(the rates in each stratum weighted by the cohort's numbers) and sets the standardised ratio beside the crude one.
The interval, where the cohort's count and sample size were published, is the cohort prevalence's Wilson interval
divided by the expected prevalence. Where an input was not reached, the table says which; nothing is approximated.
""")
try:
    data = cached.standardisation_data()
    blocks.standardised_notes(standardised_table(data.comparisons, data.inputs, cached.comparison_table()))
except DataLoadError as error:
    blocks.show_data_error(error, "The standardisation inputs could not be loaded.")

st.header("Caveats that matter")
st.markdown("""
- **Not standardised.** Apart from the mortality ratios, the matched Scottish head-injury study and the table
  above, comparisons are crude: they do not adjust for age or sex. Prisons hold mostly young men. For needs
  more common in young men (drug use, suicide, head injury) a crude ratio overstates the part due to justice
  contact; for needs more common in women or older people (common mental disorders) an all-adult comparator
  understates it.
- **Screens are not diagnoses.** Many cohort figures come from screening questions or self-report; many
  comparators from diagnostic interviews or household surveys. Such pairs are not like for like: context only.
- **Household surveys leave out the groups with most need** (prisons, hostels, people sleeping rough).
- **Old data.** The national prison psychiatric survey is from 1997 and the SPCR prisoner survey from
  2005-06: nothing national is newer. Every figure shows its data year.
- **Selected populations.** Liaison and diversion figures describe people referred because a need was
  suspected, not everyone detained.
- **Probation and police custody** have no national prevalence survey: the figures come from one county
  (Lincolnshire) and one London police station.
""")
with st.expander("Comparability, comparison design, evidence and source labels"):
    st.table(pd.DataFrame({"Comparability": list(COMPARABILITY_LABELS.values())}))
    st.table(pd.DataFrame({"Comparison design": list(COMPARISON_DESIGN_LABELS.values())}))
    st.table(pd.DataFrame({"Evidence type": list(EVIDENCE_LABELS.values())}))
    st.table(pd.DataFrame({"How the figure was read": list(SOURCE_STATUS_LABELS.values())}))

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
            "Definition": used["measure_definition"], "Read": used["source_status"].map(SOURCE_STATUS_LABELS),
            "Quote": used["quote"]}), hide_index=True)

st.header("National cohort sizes")
try:
    sizes = cached.cohort_sizes()
    st.dataframe(sizes[["cohort", "measure", "value_as_published", "unit", "geography", "period", "source",
                        "source_status", "source_url"]], hide_index=True,
                 column_config={"source_url": st.column_config.LinkColumn("Link")})
except DataLoadError as error:
    blocks.show_data_error(error, "Cohort sizes could not be loaded.")

st.header("Local indicators (Map, Area profile)")
st.markdown("""
- **Comparison with England** follows Fingertips: an area is better or worse (higher or lower where the
  indicator has no judgement) when its own confidence interval, at the level Fingertips uses for the indicator
  (95% or 99.8%, printed in the label), excludes England's value; similar when it contains it. Without an
  interval the app shows Fingertips' own published comparison, labelled "as published by Fingertips", or
  "Not compared".
- **Geography.** Codes are joined as ONS GSS codes only and brought to April 2023 codes. Rates are never added
  up: an area formed by merging districts has no value until the publisher gives one, and the reason is shown.
  A county's value needs upper-tier data (Fingertips area type 502).
- **Recent trend** is Fingertips' test: a regression through the latest 5 periods weighted by each period's
  confidence interval, significant at 99.8% when the slope keeps its sign with any one period left out; it
  needs a value, interval, count and denominator in each of those periods.
""")
try:
    register = cached.local_indicators().register
    st.dataframe(register[["short_name", "indicator", "unit", "polarity", "comparison_level", "period",
                           "publisher", "source_url", "licence", "caveat"]], hide_index=True,
                 column_config={"source_url": st.column_config.LinkColumn("Link")})
except DataLoadError as error:
    st.info(f"The local indicators are not loaded ({error.summary}): import the open-data folder to list them.")

st.header("Local need (estimates)")
st.markdown("""
- **Expected people with a need** = local cohort size × the national cohort prevalence, with the 95% interval
  of the published prevalence carried through (the cohort size is treated as known). Where a source gives rates
  for men and women and the cohort's sex split is published, the two are worked out separately and added.
- **Default cohort size** (until a local figure is typed): the national size (England and Wales brought to
  England by the two countries' Census 2021 populations) × the area's share of England's adults aged 20 and over
  (Census 2021; the five-year age bands give no 18+). It is labelled as an estimate with every input.
- **Local adjustment** (optional, off by default): the cohort prevalence × the area's general-population rate ÷
  England's, for smoking and depression only, capped at 100%. It assumes the local cohort differs from the
  national one as the area's residents differ from England's.
- Estimates for several cohorts are never added up: the same person can be in custody, on probation and
  released from prison in one year.
""")
try:
    st.dataframe(cached.cohort_facts_table(), hide_index=True,
                 column_config={"source_url": st.column_config.LinkColumn("Link")})
except DataLoadError as error:
    blocks.show_data_error(error, "The cohort facts could not be loaded.")

st.header("Your data: disclosure control")
rule = disclosure.threshold_statement(settings.DISCLOSURE_THRESHOLD, settings.threshold_set_by())
suppressed_cell = disclosure.suppressed_text(settings.DISCLOSURE_THRESHOLD)
st.markdown(f"""
- {rule} A count that leaves out only 1 to {settings.DISCLOSURE_THRESHOLD - 1}
  people of its group is suppressed too, and further cells are suppressed where a hidden count could otherwise
  be worked out from a total. Suppressed cells read "{suppressed_cell}", on screen, in map tooltips
  and in every download.
- Uploaded files stay in the browser session that uploaded them: they are never written to disk, cached or
  shared with another session.
""")
