"""Geography files: the LAD -> UTLA -> region lookup, the code changes 2019-2025 and the code report
(read by loaders/lookups.py; the boundary schema is in loaders/boundaries.py, so that only modules reading
boundary files import geopandas)."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.codes import GSS_CODE
from core.vocabulary import CHANGE_TYPES, GEOGRAPHY_ACTIONS

BOUNDARY_LEVELS = ("utla", "lad", "region", "pfa")
BOUNDARY_CODE = r"^[EWSN]\d{8}$"
LAD_TYPES = ("Unitary authority", "Non-metropolitan district", "Metropolitan district", "London borough")
UTLA_TYPES = ("Unitary authority", "County", "Metropolitan district", "London borough")
_DATE_OR_YEAR = r"^\d{4}(-\d{2}-\d{2})?$"

LOOKUP_RULES = {
    "utla_in_one_region": "this row's UTLA is given a different region on another row",
    "unitary_is_its_own_utla": "a unitary, metropolitan district or London borough must be its own UTLA (utla_code = "
                               "lad_code); only non-metropolitan districts sit in a county",
    "district_sits_in_a_county": "a non-metropolitan district must sit in a county (utla_type 'County', code E10)",
}
CODE_CHANGE_RULES = {
    "code_changes_to_another_code": "old_code and new_code are the same",
    "one_successor_unless_split": "this old_code has several rows (successors) but change_type is not 'county split'",
    "split_has_several_successors": "a 'county split' needs one row per successor, and this old_code has only one",
    "change_starts_after_it_ends": "new_start_date is earlier than old_end_date",
}


class LadLookupSchema(pa.DataFrameModel):
    """lookups/lookup_lad24_utla23_rgn23_england.csv: LAD (May 2024) -> UTLA (Dec 2023) -> region, England."""

    lad_code: Series[str] = pa.Field(unique=True, str_matches=r"^E0[6-9]\d{6}$")
    lad_name: Series[str]
    lad_type: Series[str] = pa.Field(isin=LAD_TYPES)
    utla_code: Series[str] = pa.Field(str_matches=r"^E(06|08|09|10)\d{6}$")
    utla_name: Series[str]
    utla_type: Series[str] = pa.Field(isin=UTLA_TYPES)
    region_code: Series[str] = pa.Field(str_matches=r"^E12\d{6}$")
    region_name: Series[str]
    lad_code_2025: Series[str] = pa.Field(unique=True, str_matches=r"^E0[6-9]\d{6}$")

    class Config:
        metadata = {"row_rules": LOOKUP_RULES}  # the wording of its row-wise rules (loaders.io)
        strict = False
        coerce = True

    @pa.dataframe_check
    def utla_in_one_region(cls, frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("utla_code")["region_code"].transform("nunique") == 1

    @pa.dataframe_check
    def unitary_is_its_own_utla(cls, frame: pd.DataFrame) -> pd.Series:
        return (frame["lad_type"] == "Non-metropolitan district") | (frame["lad_code"] == frame["utla_code"])

    @pa.dataframe_check
    def district_sits_in_a_county(cls, frame: pd.DataFrame) -> pd.Series:
        in_county = (frame["utla_type"] == "County") & frame["utla_code"].str.startswith("E10")
        return (frame["lad_type"] != "Non-metropolitan district") | in_county


CSP_PFA_RULES = {
    "district_in_one_force": "this district is given a different police force area on another row (every district "
                             "lies in exactly one force)",
    "csp_in_one_force": "this community safety partnership is given a different police force area on another row",
}


class CspPfaLookupSchema(pa.DataFrameModel):
    """lookups/lookup_lad24_csp24_pfa24_ew.csv: LAD -> community safety partnership -> police force area (December
    2024), England and Wales. A district may have several rows (one per CSP it is split between), never two forces."""

    lad_code: Series[str] = pa.Field(str_matches=r"^(E0[6-9]|W06)\d{6}$")
    lad_name: Series[str]
    csp_code: Series[str] = pa.Field(str_matches=r"^(E22|W14)\d{6}$")
    csp_name: Series[str]
    pfa_code: Series[str] = pa.Field(str_matches=r"^(E23|W15)\d{6}$")
    pfa_name: Series[str]

    class Config:
        metadata = {"row_rules": CSP_PFA_RULES}  # the wording of its row-wise rules (loaders.io)
        strict = False
        coerce = True
        unique = ["lad_code", "csp_code"]

    @pa.dataframe_check
    def district_in_one_force(cls, frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("lad_code")["pfa_code"].transform("nunique") == 1

    @pa.dataframe_check
    def csp_in_one_force(cls, frame: pd.DataFrame) -> pd.Series:
        return frame.groupby("csp_code")["pfa_code"].transform("nunique") == 1


class CodeChangeSchema(pa.DataFrameModel):
    """lookups/la_code_changes_england_2019_2025.csv: one row per old code -> new code (a split has one row per
    successor). ``change_detail`` holds a qualifier the file puts in brackets after the type, e.g. "recode (minor
    boundary change)" is read as change_type "recode", change_detail "minor boundary change"."""

    old_code: Series[str] = pa.Field(str_matches=GSS_CODE)
    old_name: Series[str]
    old_parent_code: Series[str] = pa.Field(nullable=True, str_matches=GSS_CODE)
    old_end_date: Series[str] = pa.Field(str_matches=_DATE_OR_YEAR)
    new_code: Series[str] = pa.Field(str_matches=GSS_CODE)
    new_name: Series[str]
    new_start_date: Series[str] = pa.Field(str_matches=_DATE_OR_YEAR)
    change_type: Series[str] = pa.Field(isin=CHANGE_TYPES)
    change_detail: Series[str] = pa.Field(nullable=True)
    source: Series[str] = pa.Field(nullable=True)
    notes: Series[str] = pa.Field(nullable=True)

    class Config:
        metadata = {"row_rules": CODE_CHANGE_RULES}  # the wording of its row-wise rules (loaders.io)
        strict = False
        coerce = True
        unique = ["old_code", "new_code"]

    @pa.dataframe_check
    def code_changes_to_another_code(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["old_code"] != frame["new_code"]

    @pa.dataframe_check
    def one_successor_unless_split(cls, frame: pd.DataFrame) -> pd.Series:
        several = frame.groupby("old_code")["new_code"].transform("size") > 1
        return ~several | (frame["change_type"] == "county split")

    @pa.dataframe_check
    def split_has_several_successors(cls, frame: pd.DataFrame) -> pd.Series:
        several = frame.groupby("old_code")["new_code"].transform("size") > 1
        return (frame["change_type"] != "county split") | several

    @pa.dataframe_check
    def change_starts_after_it_ends(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["new_start_date"].str[:4] >= frame["old_end_date"].str[:4]


class GeographyReportSchema(pa.DataFrameModel):
    """What ``map_to_current_codes`` and ``roll_up`` did to codes, one line per code x action x reason, for the
    screen: codes recoded, merged, flagged (kept but not combined, with the reason), unknown, unmatched in the
    lookup, or areas whose total is incomplete."""

    code: Series[str] = pa.Field(nullable=True)
    name: Series[str] = pa.Field(nullable=True)
    action: Series[str] = pa.Field(isin=GEOGRAPHY_ACTIONS)
    new_code: Series[str] = pa.Field(nullable=True)
    new_name: Series[str] = pa.Field(nullable=True)
    reason: Series[str]
    rows: Series[int] = pa.Field(ge=1)

    class Config:
        strict = True
        coerce = True
