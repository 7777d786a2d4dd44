"""data/cohort_facts.csv: the published facts the local-need estimator uses (read by loaders/cohort_facts.py)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.codes import GSS_CODE

COHORT_FACT_RULES = {
    "percent_at_most_100": "a value whose unit is a percent is above 100",
}


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
        metadata = {"row_rules": COHORT_FACT_RULES}  # the wording of its row-wise rules (loaders.io)
        strict = False
        coerce = True

    @pa.dataframe_check
    def percent_at_most_100(cls, frame: pd.DataFrame) -> pd.Series:
        is_percent = frame["unit"].astype(str).str.startswith("percent")
        return ~is_percent | (frame["value"] <= 100)
