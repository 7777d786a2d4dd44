"""National evidence: data/national_prevalence.csv, data/sources.csv and data/cohort_sizes.csv.

``read_*`` functions return the validated file frames; ``evidence_to_canonical`` turns the wide
evidence file (cohort and comparator on one row) into the canonical long frame.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from core.comparison_codes import CiMethod
from core.errors import DataFileMalformedError, Problem
from loaders.io import blank_to_na, coerce_numeric, read_text_csv, spreadsheet_row, validate
from loaders.schemas import (
    CANONICAL_COLUMNS,
    CanonicalSchema,
    CohortSizeSchema,
    NationalEvidenceSchema,
    SourceSchema,
)

logger = logging.getLogger(__name__)

EVIDENCE_FILE = "national_prevalence.csv"
SOURCES_FILE = "sources.csv"
COHORT_SIZES_FILE = "cohort_sizes.csv"
GENERAL_POPULATION = "general_population"
PUBLISHED_CI = str(CiMethod.PUBLISHED_BY_SOURCE)

_EVIDENCE_NUMBERS = [
    "cohort_value", "cohort_numerator", "cohort_denominator", "cohort_sample_size",
    "cohort_ci_low", "cohort_ci_high", "cohort_ci_level", "comparator_value", "comparator_ci_low",
    "comparator_ci_high", "comparator_ci_level", "comparator_sample_size", "published_ratio",
    "comparator_numerator", "comparator_denominator", "published_ratio_ci_low", "published_ratio_ci_high",
]
_EVIDENCE_INTEGERS = ["cohort_numerator", "cohort_denominator", "cohort_sample_size", "comparator_numerator",
                      "comparator_denominator",
                      "comparator_sample_size", "data_year"]
_BUNDLED_HINT = "It is part of the app's bundled data in data/: restore it from git (git checkout -- data/)."


class NationalEvidence(NamedTuple):
    """The national evidence base: canonical measures plus per-row documentation."""

    measures: pd.DataFrame  # CanonicalSchema
    evidence: pd.DataFrame  # NationalEvidenceSchema, indexed 0..n-1
    sources: pd.DataFrame  # SourceSchema


def _read_typed(path: Path, schema, numbers: list[str], integers: list[str]) -> pd.DataFrame:
    columns = list(schema.to_schema().columns)
    frame = read_text_csv(path, required_columns=columns, missing_hint=_BUNDLED_HINT)
    frame, problems = coerce_numeric(frame, numbers, path)
    frame, integer_problems = coerce_numeric(frame, integers, path, integer=True)
    frame = blank_to_na(frame, [c for c in columns if c not in numbers + integers])
    return validate(frame, schema, path, extra_problems=problems + integer_problems)


def read_evidence(path: Path) -> pd.DataFrame:
    """Read and validate data/national_prevalence.csv."""
    numbers = [c for c in _EVIDENCE_NUMBERS if c not in _EVIDENCE_INTEGERS]
    return _read_typed(Path(path), NationalEvidenceSchema, numbers, _EVIDENCE_INTEGERS)


def read_sources(path: Path) -> pd.DataFrame:
    """Read and validate data/sources.csv."""
    return _read_typed(Path(path), SourceSchema, [], ["year_published"])


def read_cohort_sizes(path: Path) -> pd.DataFrame:
    """Read and validate data/cohort_sizes.csv (value is blank where the source gave no plain number)."""
    return _read_typed(Path(path), CohortSizeSchema, ["value"], [])


def check_source_ids(evidence: pd.DataFrame, sources: pd.DataFrame, evidence_path: Path) -> None:
    """Every source id used in the evidence file must exist in the sources register."""
    known = set(sources["source_id"])
    problems = []
    for index, row in evidence.iterrows():
        for column in ("cohort_source_id", "comparator_source_id"):
            source_id = row[column]
            if pd.notna(source_id) and source_id not in known:
                problems.append(Problem(str(evidence_path), spreadsheet_row(index), column,
                                        f"'{source_id}' is not a source_id in {SOURCES_FILE}"))
        if pd.notna(row["comparator_value"]) and pd.isna(row["comparator_source_id"]):
            problems.append(Problem(str(evidence_path), spreadsheet_row(index), "comparator_source_id",
                                    "is blank but the row has a comparator value"))
    if problems:
        raise DataFileMalformedError(evidence_path, problems,
                                     summary=f"{EVIDENCE_FILE} refers to sources that are not registered")


def _area_type(code: object) -> str:
    if pd.isna(code):
        return "international"
    return "countries" if str(code).startswith("K") else "country"


def evidence_to_canonical(evidence: pd.DataFrame) -> pd.DataFrame:
    """Long canonical frame: a cohort row per evidence row, plus a general_population row where a
    comparator value was published. Ratio-only rows carry the published ratio as value (unit 'ratio'), count
    rows their count (unit 'count')."""
    cohort_rows = pd.DataFrame({
        "area_code": evidence["cohort_area_code"],
        "area_name": evidence["cohort_area_name"],
        "area_type": evidence["cohort_area_code"].map(_area_type),
        "indicator_id": evidence["evidence_id"],
        "indicator": evidence["indicator"],
        "domain": evidence["domain"],
        "cohort": evidence["cohort"],
        "sex": evidence["sex"],
        "age": evidence["age"],
        "period": evidence["cohort_period"],
        "numerator": evidence["cohort_numerator"],
        "denominator": evidence["cohort_denominator"],
        "value": evidence["cohort_value"].where(evidence["unit"] == "%", evidence["published_ratio"]).where(
            evidence["unit"] != "count", evidence["cohort_numerator"]),
        "unit": evidence["unit"],
        "ci_low": evidence["cohort_ci_low"],
        "ci_high": evidence["cohort_ci_high"],
        "ci_method": evidence["cohort_ci_low"].map(lambda v: None if pd.isna(v) else PUBLISHED_CI),
        "source_id": evidence["cohort_source_id"],
    })
    has_comparator = evidence["comparator_value"].notna()
    comparators = evidence[has_comparator]
    comparator_rows = pd.DataFrame({
        "area_code": comparators["comparator_area_code"],
        "area_name": comparators["comparator_area_name"].fillna(comparators["comparator"]),
        "area_type": comparators["comparator_area_code"].map(_area_type),
        "indicator_id": comparators["evidence_id"],
        "indicator": comparators["indicator"],
        "domain": comparators["domain"],
        "cohort": GENERAL_POPULATION,
        "sex": comparators["comparator_sex"],
        "age": comparators["comparator_age"].fillna("not stated"),
        "period": comparators["comparator_period"].fillna("not stated"),
        "numerator": comparators["comparator_numerator"],
        "denominator": comparators["comparator_denominator"],
        "value": comparators["comparator_value"],
        "unit": "%",
        "ci_low": comparators["comparator_ci_low"],
        "ci_high": comparators["comparator_ci_high"],
        "ci_method": comparators["comparator_ci_low"].map(lambda v: None if pd.isna(v) else PUBLISHED_CI),
        "source_id": comparators["comparator_source_id"],
    })
    canonical = pd.concat([cohort_rows, comparator_rows], ignore_index=True)[CANONICAL_COLUMNS]
    return CanonicalSchema.validate(canonical, lazy=True)


def load_national_evidence(data_dir: Path) -> NationalEvidence:
    """Read, cross-check and normalise the three bundled national files in ``data_dir``."""
    data_dir = Path(data_dir)
    evidence = read_evidence(data_dir / EVIDENCE_FILE)
    sources = read_sources(data_dir / SOURCES_FILE)
    check_source_ids(evidence, sources, data_dir / EVIDENCE_FILE)
    measures = evidence_to_canonical(evidence)
    logger.info("national evidence: %d evidence rows, %d canonical rows, %d sources",
                len(evidence), len(measures), len(sources))
    return NationalEvidence(measures=measures, evidence=evidence, sources=sources)
