"""Census 2021 TS007A (age by five-year bands, 2021 districts) -> the app's population file.

English 2021 districts become 2024 districts: unchanged codes as they are, and the districts merged in April 2023
(``MERGED_2023``, whole districts only) added up. Districts then add up to UTLAs and regions (with the lookup) and
to England. Every 2024 district must receive at least one 2021 district, and every English 2021 district must find
its 2024 district, or the conversion fails.
"""

from __future__ import annotations

import pandas as pd

from acquire.convert.lad_lookup import ENGLISH_LAD
from acquire.errors import DownloadError
from core.codes import ENGLAND
from loaders.population import BROAD_BANDS, FILE_COLUMNS, FIVE_YEAR_BANDS

# The 2021 districts merged into the April 2023 unitary authorities: The Cumbria, North Yorkshire and Somerset
# (Structural Changes) Orders 2022. Codes from the ONS Code History Database, as listed (change_type "merge",
# new_start_date 2023-04-01) in ../shared/data/lookups/la_code_changes_england_2019_2025.csv; a test checks that
# the two agree. These are the only English differences between the Census 2021 districts and LAD 2024. Kept
# here rather than read from that table because the table is import-only: `make data` must build the population
# file without it.
MERGED_2023 = {
    "E07000026": "E06000063", "E07000028": "E06000063", "E07000029": "E06000063",  # -> Cumberland
    "E07000027": "E06000064", "E07000030": "E06000064", "E07000031": "E06000064",  # -> Westmorland and Furness
    "E07000163": "E06000065", "E07000164": "E06000065", "E07000165": "E06000065", "E07000166": "E06000065",
    "E07000167": "E06000065", "E07000168": "E06000065", "E07000169": "E06000065",  # -> North Yorkshire
    "E07000187": "E06000066", "E07000188": "E06000066", "E07000189": "E06000066",
    "E07000246": "E06000066",  # -> Somerset
}
# Nomis TS007A bulk CSV header -> the population file's columns.
TS007A_COLUMNS = {
    "Age: Total": "all_ages", "Age: Aged 4 years and under": "age_0_4",
    **{f"Age: Aged {start} to {start + 4} years": f"age_{start}_{start + 4}" for start in range(5, 85, 5)},
    "Age: Aged 85 years and over": "age_85_plus",
}
NUMBERS = ["all_ages", *BROAD_BANDS, *FIVE_YEAR_BANDS]


def build_population(table: pd.DataFrame, lookup: pd.DataFrame) -> pd.DataFrame:
    """TS007A by 2021 district -> the app's population file (districts, UTLAs, regions, England)."""
    counts = _counts_by_2024_district(table)
    _check_districts_match(counts, lookup)
    for broad, bands in BROAD_BANDS.items():
        counts[broad] = counts[list(bands)].sum(axis=1)
    info = lookup.set_index("lad_code")
    lads = counts.groupby("lad_code").agg({**dict.fromkeys(NUMBERS, "sum"), "ltla": _joined})
    lads = lads.join(info[["lad_name", "utla_code", "utla_name", "region_code", "region_name"]])
    utlas = lads.groupby("utla_code").agg({**dict.fromkeys(NUMBERS, "sum"), "ltla": _joined, "utla_name": "first",
                                           "region_code": "first"})
    regions = lads.groupby("region_code").agg({**dict.fromkeys(NUMBERS, "sum"), "region_name": "first"})
    parts = [
        _rows(lads, lads["lad_name"], "LAD (2024 codes)", lads["utla_code"], lads["region_code"], lads["ltla"]),
        _rows(utlas, utlas["utla_name"], "UTLA/CTYUA (2023 codes)", utlas.index, utlas["region_code"],
              utlas["ltla"]),
        _rows(regions, regions["region_name"], "Region", "", regions.index, ""),
        pd.DataFrame([{"area_code": ENGLAND, "area_name": "England", "geography": "Country", "utla_code": "",
                       "region_code": "", "census_2021_ltla_codes": "",
                       **{c: int(lads[c].sum()) for c in NUMBERS}}]),
    ]
    return pd.concat(parts, ignore_index=True)[FILE_COLUMNS]


def _counts_by_2024_district(table: pd.DataFrame) -> pd.DataFrame:
    """The English rows' counts (as integers), with ``ltla`` (the 2021 code) and ``lad_code`` (its 2024 code)."""
    needed = ["geography code", *TS007A_COLUMNS]
    missing = [column for column in needed if column not in table.columns]
    if missing:
        raise DownloadError(f"TS007A: the CSV has no column(s) {', '.join(missing)}")
    england = table[table["geography code"].str.strip().str.match(ENGLISH_LAD)].copy()
    england["ltla"] = england["geography code"].str.strip()
    counts = england[list(TS007A_COLUMNS)].apply(lambda c: pd.to_numeric(c.str.replace(",", ""), errors="coerce"))
    if counts.isna().any().any():
        bad = england.loc[counts.isna().any(axis=1), "ltla"].tolist()
        raise DownloadError(f"TS007A: counts that are not numbers for {', '.join(bad[:10])}")
    counts = counts.rename(columns=TS007A_COLUMNS).astype("int64")
    counts["lad_code"] = england["ltla"].map(lambda code: MERGED_2023.get(code, code))
    counts["ltla"] = england["ltla"]
    return counts


def _check_districts_match(counts: pd.DataFrame, lookup: pd.DataFrame) -> None:
    known = set(lookup["lad_code"])
    unknown = sorted(set(counts.loc[~counts["lad_code"].isin(known), "ltla"]))
    without = sorted(known - set(counts["lad_code"]))
    parts = [f"2021 districts with no 2024 district: {', '.join(unknown)}" if unknown else "",
             f"2024 districts with no Census figures: {', '.join(without)}" if without else ""]
    if unknown or without:
        raise DownloadError("TS007A districts and the lookup do not match: " + "; ".join(p for p in parts if p))


def _joined(codes: pd.Series) -> str:
    return "|".join(sorted(codes))


def _rows(groups: pd.DataFrame, names, geography: str, utla_codes, region_codes, ltla_codes) -> pd.DataFrame:
    return pd.DataFrame({"area_code": groups.index, "area_name": names, "geography": geography,
                         "utla_code": utla_codes, "region_code": region_codes, "census_2021_ltla_codes": ltla_codes,
                         **{c: groups[c] for c in NUMBERS}})
