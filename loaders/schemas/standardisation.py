"""data/standardisation_inputs.csv and data/standardised_comparisons.csv: the published inputs of the indirectly
standardised comparisons, and which evidence row each serves (read by loaders/standardisation.py)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.codes import GSS_CODE
from core.vocabulary import JUSTICE_COHORTS, SEXES, SOURCE_STATUSES

STANDARDISATION_INPUT_RULES = {
    "rates_are_percentages": "a general_rate row needs unit '%' and a value of at most 100",
    "mixes_are_people": "a cohort_mix row needs unit 'people'",
}


class StandardisationInputSchema(pa.DataFrameModel):
    """One stratum (sex, or age band and sex) of a general-population rate table or of a cohort's make-up, with
    the words it was read from."""

    input_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9_]+$")
    kind: Series[str] = pa.Field(isin=("general_rate", "cohort_mix"))
    measure: Series[str]
    cohort: Series[str] = pa.Field(isin=(*JUSTICE_COHORTS, "general_population"))
    period: Series[str]
    area_code: Series[str] = pa.Field(str_matches=GSS_CODE)
    area_name: Series[str]
    sex: Series[str] = pa.Field(isin=SEXES)
    age_band: Series[str]
    value: Series[float] = pa.Field(ge=0)
    unit: Series[str] = pa.Field(isin=("%", "people"))
    source: Series[str]
    source_url: Series[str] = pa.Field(str_matches=r"^https?://")
    source_status: Series[str] = pa.Field(isin=SOURCE_STATUSES)
    quote: Series[str]

    class Config:
        metadata = {"row_rules": STANDARDISATION_INPUT_RULES}
        strict = False
        coerce = True
        unique = ["input_id", "sex", "age_band"]

    @pa.dataframe_check
    def rates_are_percentages(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["kind"] != "general_rate") | ((frame["unit"] == "%") & (frame["value"] <= 100))

    @pa.dataframe_check
    def mixes_are_people(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["kind"] != "cohort_mix") | (frame["unit"] == "people")


class StandardisedComparisonSchema(pa.DataFrameModel):
    """One evidence row to standardise: its rate table and cohort make-up, or what was not reached."""

    evidence_id: Series[str] = pa.Field(unique=True)
    cohort: Series[str] = pa.Field(isin=JUSTICE_COHORTS)
    need: Series[str]
    rates_id: Series[str] = pa.Field(nullable=True)
    mix_id: Series[str] = pa.Field(nullable=True)
    standardised_for: Series[str] = pa.Field(nullable=True, isin=("sex", "age and sex"))
    not_reached: Series[str] = pa.Field(nullable=True)
    note: Series[str]

    class Config:
        strict = False
        coerce = True
