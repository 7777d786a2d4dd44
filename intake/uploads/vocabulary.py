"""The words an upload may use: what a column may be called (``FIELDS``), and the cohort, sex, unit, blank and
suppression words a cell may hold. The cohort words are intake's own, keyed by the codes in core.vocabulary: a
change to the labels the app shows never changes which files are read."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from core.labels import COHORT_LABELS as SCREEN_COHORT_LABELS
from core.vocabulary import JUSTICE_COHORTS

PERCENT = "%"
EXAMPLE_INDICATOR = "Example: replace this row"


def squeeze(text: str) -> str:
    """A header without case, spaces or punctuation: 'Area Code' and 'area_code' are both 'areacode'."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKC", str(text)).lower())


def label_key(text: str) -> str:
    """A cell's words without case or punctuation, '&' read as 'and': 'L&D' is 'l and d'."""
    text = unicodedata.normalize("NFKC", str(text)).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class Field:
    """A column an upload may have: its name, its words in messages, its header aliases (squeezed)."""

    name: str
    label: str
    aliases: frozenset[str]
    pattern: str | None = None  # a regex on the squeezed header, e.g. LAD24CD


def _aliases(*names: str) -> frozenset[str]:
    return frozenset(squeeze(name) for name in names)


FIELDS = (
    Field("area_code", "area code", _aliases(
        "area code", "gss code", "gss", "la code", "local authority code", "lad code", "utla code", "ons code",
        "code", "area gss code", "geography code", "area id"), r"^(lad|ctyua|utla|cty|ua|lau?)\d{2}cd$"),
    Field("area_name", "area name", _aliases(
        "area name", "area", "local authority", "local authority name", "la name", "la", "lad name", "utla name",
        "name", "geography", "geography name", "council"), r"^(lad|ctyua|utla|cty|ua|lau?)\d{2}nm$"),
    Field("cohort", "cohort", _aliases("cohort", "cohort name", "group", "justice group", "cjs group", "setting",
                                       "population group")),
    Field("indicator", "indicator", _aliases("indicator", "indicator name", "measure", "need", "health need",
                                             "condition", "metric")),
    Field("sex", "sex", _aliases("sex", "gender")),
    Field("period", "period", _aliases("period", "year", "time period", "date", "financial year",
                                       "reporting period")),
    Field("numerator", "numerator", _aliases("numerator", "count", "n", "number", "cases")),
    Field("denominator", "denominator", _aliases("denominator", "total", "population", "cohort size", "base",
                                                 "sample size")),
    Field("value", "value", _aliases("value", "rate", "percentage", "percent", "prevalence", "pct", "proportion",
                                     "value percent", "value %")),
    Field("ci_low", "lower CI", _aliases(
        "lower ci", "ci low", "ci lower", "lcl", "lci", "lower", "lower limit", "lower confidence limit",
        "lower confidence interval", "lower ci 95", "lower 95 ci", "lower ci 95.0 limit", "lower 95", "lower cl",
        "lower bound", "ci_low")),
    Field("ci_high", "upper CI", _aliases(
        "upper ci", "ci high", "ci upper", "ucl", "uci", "upper", "upper limit", "upper confidence limit",
        "upper confidence interval", "upper ci 95", "upper 95 ci", "upper ci 95.0 limit", "upper 95", "upper cl",
        "upper bound", "ci_high")),
    Field("partner", "partner", _aliases("partner", "source", "organisation", "organization", "provider", "org",
                                         "partner organisation", "data source", "submitted by", "partner name")),
    Field("unit", "unit", _aliases("unit", "units", "value type")),
)
FIELD_BY_NAME = {spec.name: spec for spec in FIELDS}
REQUIRED_TEXT = ("cohort", "indicator", "period")

# Each justice cohort (core.vocabulary.JUSTICE_COHORTS) with the words a partner may write for it, besides its code.
COHORT_WORDS = {
    "police_custody": ("police custody", "custody", "in police custody", "people in police custody",
                       "police custody suite", "police"),
    "liaison_diversion": ("liaison and diversion", "liaison diversion", "l and d", "ld", "liaison and diversion "
                          "services", "l and d services"),
    "probation": ("probation", "on probation", "people on probation", "probation service",
                  "under probation supervision"),
    "prison": ("prison", "prisons", "in prison", "people in prison", "prisoners", "prison population"),
    "prison_release": ("released from prison", "release from prison", "prison release", "prison releases",
                       "prison leavers", "prison leaver", "people released from prison", "leaving prison",
                       "recently released from prison", "released prisoners"),
}
SEX_WORDS = {
    "persons": ("persons", "person", "all", "all persons", "both", "both sexes", "total", "people", "p", "all people"),
    "male": ("male", "males", "m", "men", "man"),
    "female": ("female", "females", "f", "women", "woman"),
}
PERCENT_UNITS = ("percent", "percentage", "per cent", "percentages", "proportion (%)", "% of cohort")
BLANK_WORDS = frozenset({"na", "n/a", "null", "none", "-", "\u2013", "nan"})
SUPPRESSION_MARKS = frozenset({"*", "c", "x", "s", "..", ":", "~", "supp", "suppressed", "[c]", "[x]", "[z]"})

COHORTS_BY_WORD = {label_key(word): code for code in JUSTICE_COHORTS for word in (*COHORT_WORDS[code], code)}
SEX_BY_WORD = {label_key(word): code for code, words in SEX_WORDS.items() for word in words}
PERCENT_UNIT_KEYS = frozenset(label_key(unit) for unit in PERCENT_UNITS)
# The choices as messages and the template show them: each code with the label the app shows for it.
COHORT_CHOICES = ", ".join(f"{code} ({SCREEN_COHORT_LABELS[code]})" for code in JUSTICE_COHORTS)
