"""Pandera models: the data dictionary in code.

``CanonicalSchema`` is the one long, tidy frame the national evidence, the Fingertips indicators and the MHCLG
indicators are turned into (partners' uploads have their own columns, intake/uploads). ``NationalEvidenceSchema``,
``SourceSchema`` and ``CohortSizeSchema`` describe the typed files in ``data/``.
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.codes import GSS_CODE
from core.vocabulary import (
    AREA_TYPES,
    CHANGE_TYPES,
    COHORTS,
    COMPARABILITY,
    COVERAGE,
    EVIDENCE_QUALITY,
    GEOGRAPHY_ACTIONS,
    JUSTICE_COHORTS,
    POLARITIES,
    SEXES,
    UNITS,
)

# Plain-English wording of each row-wise rule, shown in error messages.
ROW_RULES = {
    "ci_contains_value": "the confidence interval (ci_low to ci_high) does not contain the value",
    "numerator_not_above_denominator": "the numerator is larger than the denominator",
    "percentage_at_most_100": "a percentage is above 100",
    "cohort_ci_contains_value": "the cohort CI (cohort_ci_low to cohort_ci_high) does not contain cohort_value",
    "comparator_ci_contains_value":
        "the comparator CI (comparator_ci_low to comparator_ci_high) does not contain comparator_value",
    "cohort_numerator_not_above_denominator": "cohort_numerator is larger than cohort_denominator",
    "prevalence_rows_have_a_value": "a row with unit '%' has no cohort_value",
    "ratio_rows_have_a_published_ratio": "a row with unit 'ratio' needs published_ratio and ratio_wording",
    "ci_level_given_with_ci": "a cohort CI is given without cohort_ci_level",
}


def _brackets(frame: pd.DataFrame, low: str, value: str, high: str) -> pd.Series:
    """low <= value <= high wherever all three are present."""
    present = frame[[low, value, high]].notna().all(axis=1)
    ordered = (frame[low] <= frame[value]) & (frame[value] <= frame[high])
    return ~present | ordered


def _not_above(frame: pd.DataFrame, part: str, whole: str) -> pd.Series:
    present = frame[[part, whole]].notna().all(axis=1)
    return ~present | (frame[part] <= frame[whole])


class CanonicalSchema(pa.DataFrameModel):
    """One row per area x indicator x cohort x sex x age x period x source."""

    area_code: Series[str] = pa.Field(str_matches=GSS_CODE, nullable=True)
    area_name: Series[str]
    area_type: Series[str] = pa.Field(isin=AREA_TYPES)
    indicator_id: Series[str]
    indicator: Series[str]
    domain: Series[str]
    cohort: Series[str] = pa.Field(isin=COHORTS)
    sex: Series[str] = pa.Field(isin=SEXES)
    age: Series[str]
    period: Series[str]
    numerator: Series[float] = pa.Field(nullable=True, ge=0)
    denominator: Series[float] = pa.Field(nullable=True, gt=0)
    value: Series[float] = pa.Field(nullable=True, ge=0)
    unit: Series[str] = pa.Field(isin=UNITS)
    ci_low: Series[float] = pa.Field(nullable=True, ge=0)
    ci_high: Series[float] = pa.Field(nullable=True, ge=0)
    ci_method: Series[str] = pa.Field(nullable=True)
    source_id: Series[str]

    class Config:
        strict = True
        coerce = True
        unique = ["area_code", "indicator_id", "cohort", "sex", "age", "period", "source_id"]

    @pa.dataframe_check
    def ci_contains_value(cls, frame: pd.DataFrame) -> pd.Series:
        return _brackets(frame, "ci_low", "value", "ci_high")

    @pa.dataframe_check
    def numerator_not_above_denominator(cls, frame: pd.DataFrame) -> pd.Series:
        return _not_above(frame, "numerator", "denominator")

    @pa.dataframe_check
    def percentage_at_most_100(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["unit"] != "%") | frame["value"].isna() | (frame["value"] <= 100)


CANONICAL_COLUMNS = list(CanonicalSchema.to_schema().columns)


class NationalEvidenceSchema(pa.DataFrameModel):
    """data/national_prevalence.csv after numeric coercion: one row per indicator x cohort x sex x comparator."""

    evidence_id: Series[str] = pa.Field(unique=True, str_matches=r"^[A-Z]{2,3}\d{2}$")
    indicator: Series[str]
    domain: Series[str]
    cohort: Series[str] = pa.Field(isin=JUSTICE_COHORTS)
    sex: Series[str] = pa.Field(isin=SEXES)
    age: Series[str]
    unit: Series[str] = pa.Field(isin=("%", "ratio"))
    cohort_value: Series[float] = pa.Field(nullable=True, ge=0, le=100)
    cohort_numerator: Series[float] = pa.Field(nullable=True, ge=0)
    cohort_denominator: Series[float] = pa.Field(nullable=True, gt=0)
    cohort_sample_size: Series[float] = pa.Field(nullable=True, gt=0)
    cohort_ci_low: Series[float] = pa.Field(nullable=True, ge=0, le=100)
    cohort_ci_high: Series[float] = pa.Field(nullable=True, ge=0, le=100)
    cohort_ci_level: Series[float] = pa.Field(nullable=True, isin=(95.0, 99.8))
    cohort_period: Series[str]
    cohort_area_code: Series[str] = pa.Field(str_matches=GSS_CODE)
    cohort_area_name: Series[str]
    coverage: Series[str] = pa.Field(isin=COVERAGE)
    comparator: Series[str]
    comparator_value: Series[float] = pa.Field(nullable=True, ge=0, le=100)
    comparator_ci_low: Series[float] = pa.Field(nullable=True, ge=0, le=100)
    comparator_ci_high: Series[float] = pa.Field(nullable=True, ge=0, le=100)
    comparator_ci_level: Series[float] = pa.Field(nullable=True, isin=(95.0, 99.8))
    comparator_sex: Series[str] = pa.Field(isin=SEXES)
    comparator_age: Series[str] = pa.Field(nullable=True)
    comparator_sample_size: Series[float] = pa.Field(nullable=True, gt=0)
    comparator_period: Series[str] = pa.Field(nullable=True)
    comparator_area_code: Series[str] = pa.Field(nullable=True, str_matches=GSS_CODE)
    comparator_area_name: Series[str] = pa.Field(nullable=True)
    measure_definition: Series[str]
    cohort_source_id: Series[str]
    comparator_source_id: Series[str] = pa.Field(nullable=True)
    cohort_citation: Series[str]
    comparator_citation: Series[str] = pa.Field(nullable=True)
    source_url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    comparator_url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    published_ratio: Series[float] = pa.Field(nullable=True, gt=0)
    ratio_wording: Series[str] = pa.Field(nullable=True)
    ratio_type: Series[str] = pa.Field(nullable=True)
    comparability: Series[str] = pa.Field(isin=COMPARABILITY)
    evidence_quality: Series[str] = pa.Field(isin=EVIDENCE_QUALITY)
    data_year: Series[float] = pa.Field(ge=1990, le=2030)
    data_year_basis: Series[str] = pa.Field(isin=("fieldwork", "published"))
    caveat: Series[str]
    quote: Series[str] = pa.Field(nullable=True)
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = False  # extra documentary columns are allowed and kept
        coerce = True

    @pa.dataframe_check
    def cohort_ci_contains_value(cls, frame: pd.DataFrame) -> pd.Series:
        return _brackets(frame, "cohort_ci_low", "cohort_value", "cohort_ci_high")

    @pa.dataframe_check
    def comparator_ci_contains_value(cls, frame: pd.DataFrame) -> pd.Series:
        return _brackets(frame, "comparator_ci_low", "comparator_value", "comparator_ci_high")

    @pa.dataframe_check
    def cohort_numerator_not_above_denominator(cls, frame: pd.DataFrame) -> pd.Series:
        return _not_above(frame, "cohort_numerator", "cohort_denominator")

    @pa.dataframe_check
    def prevalence_rows_have_a_value(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["unit"] != "%") | frame["cohort_value"].notna()

    @pa.dataframe_check
    def ratio_rows_have_a_published_ratio(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["unit"] != "ratio") | (frame["published_ratio"].notna() & frame["ratio_wording"].notna())

    @pa.dataframe_check
    def ci_level_given_with_ci(cls, frame: pd.DataFrame) -> pd.Series:
        has_ci = frame["cohort_ci_low"].notna() | frame["cohort_ci_high"].notna()
        return ~has_ci | frame["cohort_ci_level"].notna()


class SourceSchema(pa.DataFrameModel):
    """data/sources.csv: one row per publication cited."""

    source_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+$")
    short_label: Series[str]
    citation: Series[str]
    publisher: Series[str]
    year_published: Series[float] = pa.Field(nullable=True, ge=1990, le=2030)
    url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    design: Series[str]
    caveats: Series[str] = pa.Field(nullable=True)
    access_note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = True


class CohortSizeSchema(pa.DataFrameModel):
    """data/cohort_sizes.csv: national cohort sizes as published."""

    cohort: Series[str] = pa.Field(isin=(*JUSTICE_COHORTS, "cjs_all", "police_contact"))
    measure: Series[str]
    value: Series[float] = pa.Field(nullable=True, ge=0)
    value_as_published: Series[str]
    unit: Series[str]
    geography: Series[str]
    geography_code: Series[str] = pa.Field(nullable=True, str_matches=GSS_CODE)
    period: Series[str]
    reference_date: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    period_type: Series[str] = pa.Field(
        isin=("snapshot", "quarter", "year", "rolling_12_months", "annual_average", "not_stated"))
    source: Series[str]
    source_url: Series[str] = pa.Field(nullable=True, str_matches=r"^https?://")
    source_status: Series[str] = pa.Field(isin=("primary", "secondary"))
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = True


# --- Indicator register (data/indicators.csv) and local indicators ------------------------------------

# How a higher value should be read when an area is compared with a benchmark. Fingertips wording:
# "RAG - Low is good" -> low_is_good, "RAG - High is good" -> high_is_good, "BOB - Blue orange blue" (and
# "No judgement") -> no_judgement. See analysis/benchmark.py.
INDICATOR_ID = r"^[a-z0-9_]+$"  # Fingertips ids ("92443") and our own ids ("imd2025_score")


class IndicatorRegisterSchema(pa.DataFrameModel):
    """data/indicators.csv: one row per indicator the app uses, each fact with where it was verified."""

    indicator_id: Series[str] = pa.Field(unique=True, str_matches=INDICATOR_ID)
    indicator: Series[str]
    short_name: Series[str]
    domain: Series[str]
    unit: Series[str] = pa.Field(isin=UNITS)
    polarity: Series[str] = pa.Field(isin=POLARITIES)
    # The level at which the publisher compares areas with England (0.95 or 0.998); blank = never compared.
    comparison_level: Series[float] = pa.Field(nullable=True, isin=[0.95, 0.998])
    age: Series[str]
    source_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9_]+$")
    publisher: Series[str]
    source_url: Series[str] = pa.Field(str_matches=r"^https?://")
    licence: Series[str]
    period: Series[str]
    geography: Series[str]
    definition: Series[str]
    caveat: Series[str]
    verified_from: Series[str]
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = True


# --- Geography: lookups and code changes (loaders/geography.py; the boundary schema is in loaders/boundaries.py,
# so that only modules reading boundary files import geopandas) ---------------------------------------------

BOUNDARY_LEVELS = ("utla", "lad", "region")
BOUNDARY_CODE = r"^[EWSN]\d{8}$"
FIRST_VINTAGE, LAST_VINTAGE = 2019, 2025
LAD_TYPES = ("Unitary authority", "Non-metropolitan district", "Metropolitan district", "London borough")
UTLA_TYPES = ("Unitary authority", "County", "Metropolitan district", "London borough")
_DATE_OR_YEAR = r"^\d{4}(-\d{2}-\d{2})?$"

ROW_RULES.update({
    "utla_in_one_region": "this row's UTLA is given a different region on another row",
    "unitary_is_its_own_utla": "a unitary, metropolitan district or London borough must be its own UTLA (utla_code = "
                               "lad_code); only non-metropolitan districts sit in a county",
    "district_sits_in_a_county": "a non-metropolitan district must sit in a county (utla_type 'County', code E10)",
    "code_changes_to_another_code": "old_code and new_code are the same",
    "one_successor_unless_split": "this old_code has several rows (successors) but change_type is not 'county split'",
    "split_has_several_successors": "a 'county split' needs one row per successor, and this old_code has only one",
    "change_starts_after_it_ends": "new_start_date is earlier than old_end_date",
})


class LadLookupSchema(pa.DataFrameModel):
    """lookups/lookup_lad24_utla23_rgn23_england.csv: LAD (May 2024) -> UTLA (Dec 2023) -> region, England."""

    lad_code: Series[str] = pa.Field(unique=True, str_matches=r"^E0[6-9]\d{6}$")
    lad_name: Series[str]
    lad_type: Series[str] = pa.Field(isin=LAD_TYPES)
    utla_code: Series[str] = pa.Field(str_matches=r"^E(06|08|09|10)\d{6}$")
    utla_name: Series[str]
    utla_type: Series[str] = pa.Field(isin=UTLA_TYPES)
    region_code: Series[str] = pa.Field(str_matches=r"^E12\d{6}$")
    region_name: Series[str]
    lad_code_2025: Series[str] = pa.Field(unique=True, str_matches=r"^E0[6-9]\d{6}$")

    class Config:
        strict = False
        coerce = True

    @pa.dataframe_check
    def utla_in_one_region(cls, frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("utla_code")["region_code"].transform("nunique") == 1

    @pa.dataframe_check
    def unitary_is_its_own_utla(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["lad_type"] == "Non-metropolitan district") | (frame["lad_code"] == frame["utla_code"])

    @pa.dataframe_check
    def district_sits_in_a_county(cls, frame: pd.DataFrame) -> pd.Series:
        in_county = (frame["utla_type"] == "County") & frame["utla_code"].str.startswith("E10")
        return (frame["lad_type"] != "Non-metropolitan district") | in_county


class CodeChangeSchema(pa.DataFrameModel):
    """lookups/la_code_changes_england_2019_2025.csv: one row per old code -> new code (a split has one row per
    successor). ``change_detail`` holds a qualifier the file puts in brackets after the type, e.g. "recode (minor
    boundary change)" is read as change_type "recode", change_detail "minor boundary change"."""

    old_code: Series[str] = pa.Field(str_matches=GSS_CODE)
    old_name: Series[str]
    old_parent_code: Series[str] = pa.Field(nullable=True, str_matches=GSS_CODE)
    old_end_date: Series[str] = pa.Field(str_matches=_DATE_OR_YEAR)
    new_code: Series[str] = pa.Field(str_matches=GSS_CODE)
    new_name: Series[str]
    new_start_date: Series[str] = pa.Field(str_matches=_DATE_OR_YEAR)
    change_type: Series[str] = pa.Field(isin=CHANGE_TYPES)
    change_detail: Series[str] = pa.Field(nullable=True)
    source: Series[str] = pa.Field(nullable=True)
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = True
        unique = ["old_code", "new_code"]

    @pa.dataframe_check
    def code_changes_to_another_code(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["old_code"] != frame["new_code"]

    @pa.dataframe_check
    def one_successor_unless_split(cls, frame: pd.DataFrame) -> pd.Series:
        several = frame.groupby("old_code")["new_code"].transform("size") > 1
        return ~several | (frame["change_type"] == "county split")

    @pa.dataframe_check
    def split_has_several_successors(cls, frame: pd.DataFrame) -> pd.Series:
        several = frame.groupby("old_code")["new_code"].transform("size") > 1
        return (frame["change_type"] != "county split") | several

    @pa.dataframe_check
    def change_starts_after_it_ends(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["new_start_date"].str[:4] >= frame["old_end_date"].str[:4]


class GeographyReportSchema(pa.DataFrameModel):
    """What ``map_to_current_codes`` and ``roll_up`` did to codes, one line per code x action x reason, for the
    screen: codes recoded, merged, flagged (kept but not combined, with the reason), unknown, unmatched in the
    lookup, or areas whose total is incomplete."""

    code: Series[str] = pa.Field(nullable=True)
    name: Series[str] = pa.Field(nullable=True)
    action: Series[str] = pa.Field(isin=GEOGRAPHY_ACTIONS)
    new_code: Series[str] = pa.Field(nullable=True)
    new_name: Series[str] = pa.Field(nullable=True)
    reason: Series[str]
    rows: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True


# --- Facts for the local-need estimator (data/cohort_facts.csv, loaders/cohort_facts.py) ---------------------

ROW_RULES.update({
    "percent_at_most_100": "a value whose unit is a percent is above 100",
})


class CohortFactSchema(pa.DataFrameModel):
    """data/cohort_facts.csv: published figures the local-need estimator uses beside cohort_sizes.csv (populations
    for bringing England and Wales sizes to England, and cohorts' sex splits), each with where it was read."""

    fact_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+$")
    fact: Series[str]
    value: Series[float] = pa.Field(ge=0)
    value_as_published: Series[str]
    unit: Series[str]
    geography: Series[str]
    geography_code: Series[str] = pa.Field(str_matches=GSS_CODE)
    period: Series[str]
    reference_date: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$")
    publisher: Series[str]
    source_title: Series[str]
    source_url: Series[str] = pa.Field(str_matches=r"^https?://")
    source_status: Series[str] = pa.Field(isin=("primary", "secondary"))
    quote: Series[str]
    note: Series[str] = pa.Field(nullable=True)

    class Config:
        strict = False
        coerce = True

    @pa.dataframe_check
    def percent_at_most_100(cls, frame: pd.DataFrame) -> pd.Series:
        is_percent = frame["unit"].astype(str).str.startswith("percent")
        return ~is_percent | (frame["value"] <= 100)
