"""The inputs of the standardised comparisons: data/standardisation_inputs.csv (rate tables and cohort make-ups,
one stratum per row) and data/standardised_comparisons.csv (which evidence row each serves, or what is missing)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from core.errors import DataFileMalformedError, Problem
from loaders.io import blank_to_na, coerce_numeric, read_text_csv, spreadsheet_row, validate
from loaders.schemas import StandardisationInputSchema, StandardisedComparisonSchema

logger = logging.getLogger(__name__)

INPUTS_FILE = "standardisation_inputs.csv"
COMPARISONS_FILE = "standardised_comparisons.csv"
_BUNDLED_HINT = "It is part of the app's bundled data in data/: restore it from git (git checkout -- data/)."


class StandardisationData(NamedTuple):
    inputs: pd.DataFrame  # StandardisationInputSchema
    comparisons: pd.DataFrame  # StandardisedComparisonSchema


def _read(path: Path, schema, numbers: list[str]) -> pd.DataFrame:
    columns = list(schema.to_schema().columns)
    frame = read_text_csv(path, required_columns=columns, missing_hint=_BUNDLED_HINT)
    frame, problems = coerce_numeric(frame, numbers, path)
    frame = blank_to_na(frame, [column for column in columns if column not in numbers])
    return validate(frame, schema, path, extra_problems=problems)


def _check_references(comparisons: pd.DataFrame, inputs: pd.DataFrame, path: Path) -> None:
    kinds = inputs.groupby("input_id")["kind"].first()
    problems = []
    for index, row in comparisons.iterrows():
        for column, kind in (("rates_id", "general_rate"), ("mix_id", "cohort_mix")):
            wanted = row[column]
            if pd.notna(wanted) and kinds.get(wanted) != kind:
                problems.append(Problem(str(path), spreadsheet_row(index), column,
                                        f"'{wanted}' is not a {kind} input_id in {INPUTS_FILE}"))
        if pd.isna(row["rates_id"]) != pd.isna(row["mix_id"]) or (pd.isna(row["mix_id"])
                                                                  and pd.isna(row["not_reached"])):
            problems.append(Problem(str(path), spreadsheet_row(index), "not_reached",
                                    "give both rates_id and mix_id, or say in not_reached which input is missing"))
    if problems:
        raise DataFileMalformedError(path, problems, summary=f"{COMPARISONS_FILE} refers to inputs it cannot use")


def load_standardisation(data_dir: Path) -> StandardisationData:
    """Read and cross-check the two files in ``data_dir``."""
    data_dir = Path(data_dir)
    inputs = _read(data_dir / INPUTS_FILE, StandardisationInputSchema, ["value"])
    comparisons = _read(data_dir / COMPARISONS_FILE, StandardisedComparisonSchema, [])
    _check_references(comparisons, inputs, data_dir / COMPARISONS_FILE)
    logger.info("standardisation: %d input rows, %d comparisons", len(inputs), len(comparisons))
    return StandardisationData(inputs, comparisons)
