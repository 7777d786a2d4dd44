"""Census 2021 usual resident population by age: ``population/population_census2021_by_age_england_lad24_utla23.csv``.

The file (see ../shared/data/SOURCES.md and docs/data.md) has one row per area: 296 districts ("LAD (2024 codes)"),
153 upper-tier authorities ("UTLA/CTYUA (2023 codes)"), 9 regions and England ("Country"), with the 18 five-year
age bands of ONS table TS007A, three broad bands (0-14, 15-64, 65+) and the total. ``read_population`` checks it
and returns a tidy frame: one row per area and age band (``PopulationSchema``).

What is checked, each problem named by file, row and column:

* the header, codes (GSS), the geography labels, and that counts are whole numbers of at least 0;
* the five-year bands add up to ``all_ages``, and the broad bands to their five-year bands;
* a district or upper-tier row names its UTLA and region, an upper-tier row is its own UTLA, a region row is its
  own region;
* no area appears twice for the same geography;
* when the file has district rows, each upper-tier, region and England total equals the sum of its districts
  (the file was built that way from the 2021 LTLAs, so a difference means a row was edited or lost).
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from core.codes import GSS_CODE
from loaders.io import blank_to_na, coerce_numeric, read_text_csv, validate

logger = logging.getLogger(__name__)

GEOGRAPHIES = {"LAD (2024 codes)": "lad", "UTLA/CTYUA (2023 codes)": "utla", "Region": "region",
               "Country": "country"}
AREA_TYPES = tuple(GEOGRAPHIES.values())
FIVE_YEAR_BANDS = ("age_0_4", "age_5_9", "age_10_14", "age_15_19", "age_20_24", "age_25_29", "age_30_34",
                   "age_35_39", "age_40_44", "age_45_49", "age_50_54", "age_55_59", "age_60_64", "age_65_69",
                   "age_70_74", "age_75_79", "age_80_84", "age_85_plus")
BROAD_BANDS = {"age_0_14": FIVE_YEAR_BANDS[:3], "age_15_64": FIVE_YEAR_BANDS[3:13],
               "age_65_plus": FIVE_YEAR_BANDS[13:]}
COUNT_COLUMNS = ["all_ages", *BROAD_BANDS, *FIVE_YEAR_BANDS]
ID_COLUMNS = ["area_code", "area_name", "geography", "utla_code", "region_code", "census_2021_ltla_codes"]
FILE_COLUMNS = ID_COLUMNS + COUNT_COLUMNS
# Column -> (age label, first year of age, last year of age or None for "and over", kind of band).
AGE_BANDS = {
    "all_ages": ("all ages", 0, None, "all ages"),
    "age_0_14": ("0-14", 0, 14, "broad"),
    "age_15_64": ("15-64", 15, 64, "broad"),
    "age_65_plus": ("65+", 65, None, "broad"),
    **{column: (f"{start}-{start + 4}", start, start + 4, "five-year")
       for column, start in zip(FIVE_YEAR_BANDS[:-1], range(0, 85, 5), strict=True)},
    "age_85_plus": ("85+", 85, None, "five-year"),
}
BAND_KINDS = ("all ages", "broad", "five-year")
_UTLA_CODE = r"^E(06|08|09|10)\d{6}$"
_REGION_CODE = r"^E12\d{6}$"
_LTLA_CODES = r"^E0[6-9]\d{6}(\|E0[6-9]\d{6})*$"
_IMPORT_HINT = "Import the open-data folder (make data-import SRC=<folder>) or download it (make data)."

# The wording of this file's row-wise rules, for error messages (PopulationFileSchema's Config.metadata).
POPULATION_RULES = {
    "five_year_bands_add_up": "the five-year age bands do not add up to all_ages",
    "broad_bands_add_up": "a broad band (age_0_14, age_15_64 or age_65_plus) is not the sum of its five-year bands",
    "parents_are_named": "a district or upper-tier row needs utla_code and region_code (and an upper-tier row is "
                         "its own UTLA, a region row its own region)",
    "totals_match_districts": "this total differs from the sum of its districts (LAD rows) in the file",
}


def _sum(frame: pd.DataFrame, columns: tuple[str, ...] | list[str]) -> pd.Series:
    return frame[list(columns)].sum(axis=1, min_count=len(columns))


class PopulationFileSchema(pa.DataFrameModel):
    """The population CSV after numbers are read: one row per area (district, UTLA, region, England)."""

    area_code: Series[str] = pa.Field(str_matches=GSS_CODE)
    area_name: Series[str]
    geography: Series[str] = pa.Field(isin=tuple(GEOGRAPHIES))
    utla_code: Series[str] = pa.Field(nullable=True, str_matches=_UTLA_CODE)
    region_code: Series[str] = pa.Field(nullable=True, str_matches=_REGION_CODE)
    census_2021_ltla_codes: Series[str] = pa.Field(nullable=True, str_matches=_LTLA_CODES)
    all_ages: Series[float] = pa.Field(ge=0)
    age_0_14: Series[float] = pa.Field(ge=0)
    age_15_64: Series[float] = pa.Field(ge=0)
    age_65_plus: Series[float] = pa.Field(ge=0)
    age_0_4: Series[float] = pa.Field(ge=0)
    age_5_9: Series[float] = pa.Field(ge=0)
    age_10_14: Series[float] = pa.Field(ge=0)
    age_15_19: Series[float] = pa.Field(ge=0)
    age_20_24: Series[float] = pa.Field(ge=0)
    age_25_29: Series[float] = pa.Field(ge=0)
    age_30_34: Series[float] = pa.Field(ge=0)
    age_35_39: Series[float] = pa.Field(ge=0)
    age_40_44: Series[float] = pa.Field(ge=0)
    age_45_49: Series[float] = pa.Field(ge=0)
    age_50_54: Series[float] = pa.Field(ge=0)
    age_55_59: Series[float] = pa.Field(ge=0)
    age_60_64: Series[float] = pa.Field(ge=0)
    age_65_69: Series[float] = pa.Field(ge=0)
    age_70_74: Series[float] = pa.Field(ge=0)
    age_75_79: Series[float] = pa.Field(ge=0)
    age_80_84: Series[float] = pa.Field(ge=0)
    age_85_plus: Series[float] = pa.Field(ge=0)

    class Config:
        metadata = {"row_rules": POPULATION_RULES}  # the wording of its row-wise rules (loaders.io)
        strict = False
        coerce = True
        unique = ["geography", "area_code"]

    @pa.dataframe_check
    def five_year_bands_add_up(cls, frame: pd.DataFrame) -> pd.Series:
        total = _sum(frame, FIVE_YEAR_BANDS)
        return total.isna() | frame["all_ages"].isna() | (total == frame["all_ages"])

    @pa.dataframe_check
    def broad_bands_add_up(cls, frame: pd.DataFrame) -> pd.Series:
        ok = pd.Series(True, index=frame.index)
        for broad, bands in BROAD_BANDS.items():
            total = _sum(frame, bands)
            ok &= total.isna() | frame[broad].isna() | (total == frame[broad])
        return ok

    @pa.dataframe_check
    def parents_are_named(cls, frame: pd.DataFrame) -> pd.Series:
        kind = frame["geography"].map(GEOGRAPHIES)
        named = frame["utla_code"].notna() & frame["region_code"].notna()
        lower = (kind != "lad") | named
        upper = (kind != "utla") | (named & (frame["utla_code"] == frame["area_code"]))
        region = (kind != "region") | (frame["region_code"] == frame["area_code"])
        return lower & upper & region

    @pa.dataframe_check
    def totals_match_districts(cls, frame: pd.DataFrame) -> pd.Series:
        kind = frame["geography"].map(GEOGRAPHIES)
        districts = frame[kind == "lad"]
        unclear = kind.isna().any() or districts[["utla_code", "region_code"]].isna().any().any()
        if districts.empty or unclear:  # the other rules report why; sums would only repeat it
            return pd.Series(True, index=frame.index)
        expected = pd.Series(float("nan"), index=frame.index)
        utla = kind == "utla"
        expected[utla] = frame.loc[utla, "area_code"].map(districts.groupby("utla_code")["all_ages"].sum())
        region = kind == "region"
        expected[region] = frame.loc[region, "area_code"].map(districts.groupby("region_code")["all_ages"].sum())
        expected[kind == "country"] = districts["all_ages"].sum()
        return ~kind.isin(["utla", "region", "country"]) | (expected.fillna(-1) == frame["all_ages"])


class PopulationSchema(pa.DataFrameModel):
    """What ``read_population`` returns: one row per area and age band (tidy)."""

    area_code: Series[str] = pa.Field(str_matches=GSS_CODE)
    area_name: Series[str]
    area_type: Series[str] = pa.Field(isin=AREA_TYPES)
    utla_code: Series[str] = pa.Field(nullable=True)
    region_code: Series[str] = pa.Field(nullable=True)
    census_2021_ltla_codes: Series[str] = pa.Field(nullable=True)
    age: Series[str] = pa.Field(isin=tuple(label for label, *_ in AGE_BANDS.values()))
    age_from: Series[int] = pa.Field(ge=0)
    age_to: Series[pd.Int64Dtype] = pa.Field(nullable=True)
    band: Series[str] = pa.Field(isin=BAND_KINDS)
    population: Series[int] = pa.Field(ge=0)

    class Config:
        strict = True
        coerce = True
        unique = ["area_type", "area_code", "age"]




def read_population(path: Path | str) -> pd.DataFrame:
    """Read and check the Census 2021 population file; return one row per area and age band.

    ``area_type`` is lad, utla, region or country; ``age`` is "all ages", a broad band ("0-14", "15-64", "65+") or
    a five-year band ("0-4" ... "80-84", "85+"), with ``band`` saying which; ``population`` is the count of usual
    residents on Census day (21 March 2021). Raises DataFileMissingError, or DataFileMalformedError naming the file,
    row and column of every problem found.
    """
    path = Path(path)
    frame = read_text_csv(path, required_columns=FILE_COLUMNS, missing_hint=_IMPORT_HINT)
    frame = blank_to_na(frame, ID_COLUMNS)
    frame, problems = coerce_numeric(frame, COUNT_COLUMNS, path, integer=True)
    checked = validate(frame[FILE_COLUMNS], PopulationFileSchema, path, extra_problems=problems)
    result = _tidy(checked)
    logger.info("population %s: %s areas, %d rows", path, checked["geography"].map(GEOGRAPHIES).value_counts()
                .to_dict(), len(result))
    return result


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Wide file rows -> one row per area and age band, in file order then band order."""
    long = frame.melt(id_vars=ID_COLUMNS, value_vars=list(AGE_BANDS), var_name="column", value_name="population",
                      ignore_index=False)
    long["_row"] = long.index
    long["_band_order"] = long["column"].map({column: i for i, column in enumerate(AGE_BANDS)})
    long = long.sort_values(["_row", "_band_order"], kind="stable")
    bands = pd.DataFrame.from_dict(AGE_BANDS, orient="index", columns=["age", "age_from", "age_to", "band"])
    long = long.join(bands, on="column")
    result = pd.DataFrame({
        "area_code": long["area_code"],
        "area_name": long["area_name"],
        "area_type": long["geography"].map(GEOGRAPHIES),
        "utla_code": long["utla_code"],
        "region_code": long["region_code"],
        "census_2021_ltla_codes": long["census_2021_ltla_codes"],
        "age": long["age"],
        "age_from": long["age_from"].astype("int64"),
        "age_to": pd.array(long["age_to"], dtype="Int64"),
        "band": long["band"],
        "population": long["population"].astype("int64"),
    }).reset_index(drop=True)
    return PopulationSchema.validate(result)
