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
UNITS = ("%", "ratio", "per 1,000", "per 100,000", "score", "count")
AREA_TYPES = ("country", "countries", "region", "utla", "lad", "international")
COMPARABILITY = ("high", "moderate", "low")
EVIDENCE_QUALITY = (
    "survey_national_probability_sample",
    "administrative",
    "small_study",
    "secondary_compilation",
)
COVERAGE = ("national", "regional", "multi_site", "single_site")
POLARITIES = ("low_is_good", "high_is_good", "no_judgement")
CHANGE_TYPES = ("merge", "county to unitary", "county split", "recode")
GEOGRAPHY_ACTIONS = ("recoded", "merged", "flagged", "unknown", "unmatched", "incomplete")
