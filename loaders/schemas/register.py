"""The indicator register (data/indicators.csv): one row per local indicator the app knows."""

from __future__ import annotations

import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.vocabulary import ID_STATUSES, POLARITIES, UNITS

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
    caveat: Series[str]  # in full, with its provenance notes: Sources and methods, Data status, the board pack
    reader_caveat: Series[str]  # the same caveat in plain words for the reader pages (no file, id or command)
    verified_from: Series[str]
    notes: Series[str] = pa.Field(nullable=True)
    # Whether the id is the publisher's (core.vocabulary.ID_STATUSES): a "not_found" row has no file to download.
    id_status: Series[str] = pa.Field(isin=ID_STATUSES)

    class Config:
        strict = False
        coerce = True
