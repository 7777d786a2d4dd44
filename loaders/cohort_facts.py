"""Facts for the local-need estimator: data/cohort_facts.csv.

Published figures that are not cohort sizes but that the estimator needs beside ``cohort_sizes.csv``: the Census
2021 populations of England and of England and Wales (to bring a national size published for England and Wales
to England) and the published sex splits of the cohorts. Every row names its source, URL and the quote it was
read from (see data/README.md, File 5).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from loaders.io import blank_to_na, coerce_numeric, read_text_csv, validate
from loaders.schemas import CohortFactSchema

logger = logging.getLogger(__name__)

COHORT_FACTS_FILE = "cohort_facts.csv"
_BUNDLED_HINT = "It is part of the app's bundled data in data/: restore it from git (git checkout -- data/)."


def read_cohort_facts(path: Path | str) -> pd.DataFrame:
    """Read and validate data/cohort_facts.csv: one row per published fact, ``value`` as a number.

    Raises DataFileMissingError, or DataFileMalformedError naming the file, row and column of every problem.
    """
    path = Path(path)
    columns = list(CohortFactSchema.to_schema().columns)
    frame = read_text_csv(path, required_columns=columns, missing_hint=_BUNDLED_HINT)
    frame, problems = coerce_numeric(frame, ["value"], path)
    frame = blank_to_na(frame, [column for column in columns if column != "value"])
    facts = validate(frame, CohortFactSchema, path, extra_problems=problems)
    logger.info("cohort facts %s: %d rows", path, len(facts))
    return facts

