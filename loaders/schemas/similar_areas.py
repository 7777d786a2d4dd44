"""ONS's statistical nearest-neighbour lists (similar_areas/ons_<model>_neighbours_2026.csv), read by
loaders/similar_areas.py: one row per area, ``AREACD`` then its 20 neighbours in columns ``1`` to ``20``."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.codes import GSS_CODE

AREA_COLUMN = "AREACD"
NEIGHBOUR_RANKS = tuple(range(1, 21))  # ONS ranks 20 neighbours per area
RANK_COLUMNS = tuple(str(rank) for rank in NEIGHBOUR_RANKS)
NEIGHBOUR_LIST_RULES = {
    "has_a_neighbour": "the area has no neighbour in columns 1 to 20",
    "no_gap_in_ranks": "a blank rank comes before a filled one: neighbours must fill the ranks from 1 without a gap",
    "no_neighbour_twice": "the same neighbour is listed at two ranks",
    "not_its_own_neighbour": "the area is listed as its own neighbour",
}


def _ranks(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[list(RANK_COLUMNS)]


class NeighbourListSchema(pa.DataFrameModel):
    """One ONS neighbour list, as text (blank = no neighbour at that rank). Each rank cell's code is checked in
    loaders/similar_areas.py (by row and column); the rules across a row are here."""

    AREACD: Series[str] = pa.Field(unique=True, str_matches=GSS_CODE)

    class Config:
        metadata = {"row_rules": NEIGHBOUR_LIST_RULES}  # the wording of its row-wise rules (loaders.io)
        strict = False

    @pa.dataframe_check
    def has_a_neighbour(cls, frame: pd.DataFrame) -> pd.Series:
        return (_ranks(frame) != "").any(axis=1)

    @pa.dataframe_check
    def no_gap_in_ranks(cls, frame: pd.DataFrame) -> pd.Series:
        filled = (_ranks(frame) != "").to_numpy()
        # filled cells then blank ones: once a rank is blank, every later rank is blank too
        return pd.Series((filled[:, 1:] <= filled[:, :-1]).all(axis=1), index=frame.index)

    @pa.dataframe_check
    def no_neighbour_twice(cls, frame: pd.DataFrame) -> pd.Series:
        return pd.Series([len(set(codes) - {""}) == sum(code != "" for code in codes)
                          for codes in _ranks(frame).itertuples(index=False)], index=frame.index)

    @pa.dataframe_check
    def not_its_own_neighbour(cls, frame: pd.DataFrame) -> pd.Series:
        return ~_ranks(frame).eq(frame[AREA_COLUMN], axis=0).any(axis=1)
