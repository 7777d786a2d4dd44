"""data/investment_inputs.csv: the published costs and returns the investment case uses (loaders/investment.py)."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing.pandas import Series

VALUE_KINDS = ("fiscal", "economic", "social")  # analysis.investment.ValueKind
PRICE_YEAR = r"^\d{4}/\d{2}$"  # a financial year, "2017/18"


class InvestmentInputSchema(pa.DataFrameModel):
    """One published cost or return per row: its value, unit, kind (who gains), price year (blank for a ratio),
    where it was published and where it was read, with the quote and the caveat a board must hear."""

    input_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z0-9_]+$")
    label: Series[str]
    value: Series[float] = pa.Field(gt=0)
    value_as_published: Series[str]
    unit: Series[str]
    kind: Series[str] = pa.Field(isin=VALUE_KINDS)
    price_year: Series[str] = pa.Field(nullable=True, str_matches=PRICE_YEAR)
    geography: Series[str]
    period: Series[str]
    publisher: Series[str]
    source_title: Series[str]
    source_url: Series[str] = pa.Field(str_matches=r"^https?://")
    read_at: Series[str]
    source_status: Series[str] = pa.Field(isin=("primary", "primary_mirror", "secondary"))
    quote: Series[str]
    caveat: Series[str]

    class Config:
        strict = False
        coerce = True
