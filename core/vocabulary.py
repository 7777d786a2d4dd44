"""The codes the data may hold in each categorical column (cohorts, sexes, units, area types, comparability,
evidence quality, coverage, polarity, code changes). The pandera schemas check files against these; the labels
shown for them are in core/labels.py."""

from __future__ import annotations

COHORTS = (
    "police_custody",
    "liaison_diversion",
    "probation",
    "prison",
    "prison_release",
    "general_population",
)
JUSTICE_COHORTS = COHORTS[:-1]
SEXES = ("persons", "male", "female")
UNITS = ("%", "ratio", "per 1,000", "per 100,000", "score", "count", "per re-offender")
EVIDENCE_UNITS = ("%", "ratio", "count")  # national evidence rows: a prevalence, a published ratio or a count
AREA_TYPES = ("country", "countries", "region", "utla", "lad", "international")
COMPARABILITY = ("high", "moderate", "low")
# How an evidence row's comparator relates to its cohort figure, and the comparability each design supports:
# only the first three are like for like (analysis.comparison computes or plots a ratio only for those).
COMPARISON_DESIGNS = {
    "matched": "high",  # the comparator group was matched to the cohort (age, sex and more)
    "standardised": "high",  # a standardised mortality ratio or age-sex standardised rates
    "same_measure_and_ages": "high",  # the same instrument and age band in comparable national samples
    "same_measure_crude": "moderate",  # the same measure, but the age band or sex mix differs or is not stated
    "different_measure": "low",  # the two figures measure different things (or different periods of life)
    "basis_not_stated": "low",  # the comparator's source, age band or method is not stated
    "no_comparator": "low",  # no general-population figure (a count, a service indicator, a lone prevalence)
}
# Whether the figure was read in its publisher's own text, a verbatim copy of it, or only a secondary page.
SOURCE_STATUSES = ("primary", "primary_mirror", "secondary")
EVIDENCE_QUALITY = (
    "survey_national_probability_sample",
    "administrative",
    "small_study",
    "secondary_compilation",
)
COVERAGE = ("national", "regional", "multi_site", "single_site")
POLARITIES = ("low_is_good", "high_is_good", "no_judgement")
# Whether an indicator register row's id is the publisher's (data/indicators.csv id_status): seen with its name in
# a stored source; given in the issue and checked against Fingertips' own name by the download; or not found (the
# row is kept so that the pages can say why there is no data; nothing is downloaded for it).
ID_STATUSES = ("verified", "checked_at_download", "not_found")
ID_NOT_FOUND = "not_found"
JUSTICE_DOMAIN = "justice"  # the register's domain of the local justice-health indicators (the "Justice" group)
CHANGE_TYPES = ("merge", "county to unitary", "county split", "recode")
GEOGRAPHY_ACTIONS = ("recoded", "merged", "flagged", "unknown", "unmatched", "incomplete")
