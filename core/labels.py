"""The words on screen for each code the data uses: cohorts, sexes, domains, comparability, evidence quality and
ratio bases. Codes stay in the data and the URL; only these labels change with wording."""

from __future__ import annotations

from core.comparison_codes import RatioBasis

COHORT_LABELS = {
    "police_custody": "Police custody",
    "liaison_diversion": "Liaison and diversion",
    "probation": "Probation",
    "prison": "Prison",
    "prison_release": "Released from prison",
    "general_population": "General population",
}
COHORT_PEOPLE = {
    "police_custody": "people in police custody",
    "liaison_diversion": "people referred to liaison and diversion",
    "probation": "people on probation",
    "prison": "people in prison",
    "prison_release": "people released from prison",
}
SEX_LABELS = {"all": "All published breakdowns", "persons": "Persons", "male": "Men", "female": "Women"}
DOMAIN_LABELS = {
    "mental_health": "Mental health",
    "substance_misuse": "Drug and alcohol misuse",
    "learning_disability_neurodiversity": "Learning disability, neurodiversity and brain injury",
    "smoking": "Smoking",
    "physical_health": "Physical health",
    "social_circumstances": "Housing and employment",
    "trauma": "Childhood trauma",
    "mortality": "Deaths",
    "treatment": "Treatment and continuity of care",
    "justice": "Justice",
}
COMPARABILITY_LABELS = {
    "high": "High: like for like (matched, standardised, or the same measure and age band)",
    "moderate": "Moderate: the same measure, but age and sex not allowed for (context only)",
    "low": "Low: different measures, or the comparator's basis not stated (context only)",
}
EVIDENCE_LABELS = {
    "survey_national_probability_sample": "National probability survey",
    "administrative": "Administrative or linked data",
    "small_study": "Single-site or regional study",
    "secondary_compilation": "Secondary compilation",
}
# Why a pair of figures is not like for like, by comparison design (the like-for-like designs need no reason).
NOT_LIKE_FOR_LIKE_REASONS = {
    "same_measure_crude": "the same measure, but the general population's age and sex mix differs or is not stated",
    "different_measure": "the general-population figure measures something different",
    "basis_not_stated": "the general-population figure's source, age band or method is not stated",
    "no_comparator": "no general-population figure was published",
}
COMPARISON_DESIGN_LABELS = {
    "matched": "Matched comparison group",
    "standardised": "Standardised (a standardised mortality ratio or age-standardised rates)",
    "same_measure_and_ages": "Same measure and age band, national samples",
    **{design: f"Not like for like: {reason}" for design, reason in NOT_LIKE_FOR_LIKE_REASONS.items()},
}
SOURCE_STATUS_LABELS = {
    "primary": "Read in the publisher's own text",
    "primary_mirror": "Read in a verbatim copy of the publisher's text",
    "secondary": "Read only in a secondary source",
}
RATIO_BASIS_LABELS = {
    RatioBasis.COMPUTED: "Computed from two published percentages",
    RatioBasis.PUBLISHED: "Ratio published by the source",
    RatioBasis.PUBLISHED_LOW_COMPARABILITY: "Published ratio, not like for like (quoted only)",
    RatioBasis.CONTEXT_ONLY: "Not computed: not like for like",
    RatioBasis.NO_COMPARATOR: "Not computed: no comparator figure",
    RatioBasis.COUNT: "A count, not a rate: no denominator published",
}
