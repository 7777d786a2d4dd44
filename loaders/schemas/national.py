"""The typed national files in data/: the evidence (national_prevalence.csv), its sources and the national
cohort sizes."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.codes import GSS_CODE
from core.vocabulary import (
    COMPARABILITY,
    COMPARISON_DESIGNS,
    COVERAGE,
    EVIDENCE_QUALITY,
    EVIDENCE_UNITS,
    JUSTICE_COHORTS,
    SEXES,
    SOURCE_STATUSES,
)
from loaders.schemas.rules import brackets, not_above

NATIONAL_EVIDENCE_RULES = {
    "cohort_ci_contains_value": "the cohort CI (cohort_ci_low to cohort_ci_high) does not contain cohort_value",
    "comparator_ci_contains_value":
        "the comparator CI (comparator_ci_low to comparator_ci_high) does not contain comparator_value",
    "cohort_numerator_not_above_denominator": "cohort_numerator is larger than cohort_denominator",
    "prevalence_rows_have_a_value": "a row with unit '%' has no cohort_value",
    "ratio_rows_have_a_published_ratio": "a row with unit 'ratio' needs published_ratio and ratio_wording",
    "ci_level_given_with_ci": "a cohort CI is given without cohort_ci_level",
    "citations_name_their_source":
        "a citation must name its source in full (cohort_citation or comparator_citation reads 'Same ...')",
    "design_sets_comparability": "comparability must be the one comparison_design supports "
                                 "(matched, standardised or same_measure_and_ages: high; same_measure_crude: "
                                 "moderate; different_measure, basis_not_stated or no_comparator: low)",
    "published_ratio_ci_contains_ratio":
        "the published ratio's CI (published_ratio_ci_low to published_ratio_ci_high) does not contain published_ratio",
    "count_rows_are_counts": "a row with unit 'count' needs cohort_numerator (the count) and no cohort_value, "
                             "comparator_value or cohort_denominator: a count is never turned into a rate",
}


class NationalEvidenceSchema(pa.DataFrameModel):
    """data/national_prevalence.csv after numeric coercion: one row per indicator x cohort x sex x comparator."""

    evidence_id: Series[str] = pa.Field(unique=True, str_matches=r"^[A-Z]{2,3}\d{2}$")
    indicator: Series[str]
    domain: Series[str]
    cohort: Series[str] = pa.Field(isin=JUSTICE_COHORTS)
    sex: Series[str] = pa.Field(isin=SEXES)
    age: Series[str]
    unit: Series[str] = pa.Field(isin=EVIDENCE_UNITS)
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
    comparator_numerator: Series[float] = pa.Field(nullable=True, ge=0)
    comparator_denominator: Series[float] = pa.Field(nullable=True, gt=0)
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
    published_ratio_ci_low: Series[float] = pa.Field(nullable=True, gt=0)
    published_ratio_ci_high: Series[float] = pa.Field(nullable=True, gt=0)
    ratio_wording: Series[str] = pa.Field(nullable=True)
    ratio_type: Series[str] = pa.Field(nullable=True)
    comparability: Series[str] = pa.Field(isin=COMPARABILITY)
    comparison_design: Series[str] = pa.Field(isin=tuple(COMPARISON_DESIGNS))
    measure_family: Series[str] = pa.Field(str_matches=r"^[a-z_]+$")  # the measure, so a need reads alike
    source_status: Series[str] = pa.Field(isin=SOURCE_STATUSES)
    weakness: Series[str]  # one line: why a board should be careful with this figure
    evidence_quality: Series[str] = pa.Field(isin=EVIDENCE_QUALITY)
    data_year: Series[float] = pa.Field(ge=1990, le=2030)
    data_year_basis: Series[str] = pa.Field(isin=("fieldwork", "published"))
    caveat: Series[str]
    quote: Series[str] = pa.Field(nullable=True)
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        metadata = {"row_rules": NATIONAL_EVIDENCE_RULES}  # the wording of its row-wise rules (loaders.io)
        strict = False  # extra documentary columns are allowed and kept
        coerce = True

    @pa.dataframe_check
    def cohort_ci_contains_value(cls, frame: pd.DataFrame) -> pd.Series:
        return brackets(frame, "cohort_ci_low", "cohort_value", "cohort_ci_high")

    @pa.dataframe_check
    def comparator_ci_contains_value(cls, frame: pd.DataFrame) -> pd.Series:
        return brackets(frame, "comparator_ci_low", "comparator_value", "comparator_ci_high")

    @pa.dataframe_check
    def cohort_numerator_not_above_denominator(cls, frame: pd.DataFrame) -> pd.Series:
        return not_above(frame, "cohort_numerator", "cohort_denominator")

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

    @pa.dataframe_check
    def published_ratio_ci_contains_ratio(cls, frame: pd.DataFrame) -> pd.Series:
        return brackets(frame, "published_ratio_ci_low", "published_ratio", "published_ratio_ci_high")

    @pa.dataframe_check
    def design_sets_comparability(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["comparison_design"].map(COMPARISON_DESIGNS) == frame["comparability"]

    @pa.dataframe_check
    def count_rows_are_counts(cls, frame: pd.DataFrame) -> pd.Series:
        counts = frame["unit"] == "count"
        well_formed = (frame["cohort_numerator"].notna() & frame["cohort_value"].isna()
                       & frame["comparator_value"].isna() & frame["cohort_denominator"].isna())
        return ~counts | well_formed

    @pa.dataframe_check
    def citations_name_their_source(cls, frame: pd.DataFrame) -> pd.Series:
        """A reader of a slide, sheet or note sees one row at a time, so "Same paper" resolves to nothing."""
        pointer = r"(?i)^\s*same\b"
        return ~(frame["cohort_citation"].fillna("").str.contains(pointer)
                 | frame["comparator_citation"].fillna("").str.contains(pointer))


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
