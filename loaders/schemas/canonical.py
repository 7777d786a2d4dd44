"""The canonical frame: one long, tidy frame the national evidence, the Fingertips indicators and the MHCLG
indicators are turned into (partners' uploads have their own columns, intake/uploads)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.codes import GSS_CODE
from core.vocabulary import AREA_TYPES, COHORTS, SEXES, UNITS
from loaders.schemas.rules import brackets, not_above

# Plain-English wording of each row-wise rule, shown in error messages.
CANONICAL_RULES = {
    "ci_contains_value": "the confidence interval (ci_low to ci_high) does not contain the value",
    "numerator_not_above_denominator": "the numerator is larger than the denominator",
    "percentage_at_most_100": "a percentage is above 100",
}


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
        metadata = {"row_rules": CANONICAL_RULES}  # the wording of its row-wise rules (loaders.io)
        strict = True
        coerce = True
        unique = ["area_code", "indicator_id", "cohort", "sex", "age", "period", "source_id"]

    @pa.dataframe_check
    def ci_contains_value(cls, frame: pd.DataFrame) -> pd.Series:
        return brackets(frame, "ci_low", "value", "ci_high")

    @pa.dataframe_check
    def numerator_not_above_denominator(cls, frame: pd.DataFrame) -> pd.Series:
        return not_above(frame, "numerator", "denominator")

    @pa.dataframe_check
    def percentage_at_most_100(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["unit"] != "%") | frame["value"].isna() | (frame["value"] <= 100)


# The field names, read without building the schema: nothing is built at import, because building a pandera schema
# looks for geopandas (ui/runtime.py keeps it out of the server only from the first run of app.py on).
CANONICAL_COLUMNS = list(CanonicalSchema.__annotations__)
