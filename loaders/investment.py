"""The investment case's published figures: data/investment_inputs.csv (costs and returns, each with its price
year, source, where it was read, quote and caveat; see data/README.md)."""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from loaders.io import blank_to_na, coerce_numeric, read_text_csv, validate
from loaders.schemas import InvestmentInputSchema

logger = logging.getLogger(__name__)

INVESTMENT_INPUTS_FILE = "investment_inputs.csv"
_BUNDLED_HINT = "It is part of the app's bundled data in data/: restore it from git (git checkout -- data/)."


def read_investment_inputs(path: Path | str) -> pd.DataFrame:
    """Read and validate data/investment_inputs.csv, ``value`` as a number, indexed by nothing (one row per input).

    Raises DataFileMissingError, or DataFileMalformedError naming the file, row and column of every problem.
    """
    path = Path(path)
    columns = list(InvestmentInputSchema.to_schema().columns)
    frame = read_text_csv(path, required_columns=columns, missing_hint=_BUNDLED_HINT)
    frame, problems = coerce_numeric(frame, ["value"], path)
    frame = blank_to_na(frame, [column for column in columns if column != "value"])
    inputs = validate(frame, InvestmentInputSchema, path, extra_problems=problems)
    logger.info("investment inputs %s: %d rows", path, len(inputs))
    return inputs
