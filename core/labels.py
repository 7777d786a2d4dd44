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
}
COMPARABILITY_LABELS = {
    "high": "High (same instrument or matched population)",
    "moderate": "Moderate (similar questions, different surveys or years)",
    "low": "Low (different measures: comparator is context only)",
}
EVIDENCE_LABELS = {
    "survey_national_probability_sample": "National probability survey",
    "administrative": "Administrative or linked data",
    "small_study": "Single-site or regional study",
    "secondary_compilation": "Secondary compilation",
}
RATIO_BASIS_LABELS = {
    RatioBasis.COMPUTED: "Computed from two published percentages",
    RatioBasis.PUBLISHED: "Ratio published by the source",
    RatioBasis.PUBLISHED_LOW_COMPARABILITY: "Published ratio, basis unclear (quoted only)",
    RatioBasis.CONTEXT_ONLY: "Not computed: low comparability",
    RatioBasis.NO_COMPARATOR: "Not computed: no comparator figure",
}
