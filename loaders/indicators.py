"""The indicator register (data/indicators.csv) and the local indicator files that are not Fingertips:
IMD 2025 LAD summaries and MHCLG statutory homelessness (Oct-Dec 2023).

Each ``read_*`` function returns a CanonicalSchema frame (cohort ``general_population``) and raises a
DataLoadError naming the file, row and column for every problem found. Names, domains and units come from
the register, so every canonical row can be traced to a register row (by ``indicator_id``) and to a file
row (the loaders keep the file's row order).

Missing values: a cell the publisher left empty ("NA" in these extracts) becomes a row with a missing
``value``. It is never 0 and never dropped, so a map can say "no data" for that area.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from core.errors import DataFileMalformedError, Problem
from core.paths import REGISTER_FILE
from loaders.io import (
    MISSING_MARKERS,
    blank_to_na,
    coerce_numeric,
    raise_problems,
    read_text_csv,
    spreadsheet_row,
    validate,
)
from loaders.schemas import CANONICAL_COLUMNS, CanonicalSchema, IndicatorRegisterSchema

logger = logging.getLogger(__name__)

GENERAL_POPULATION = "general_population"

IMD_DOMAIN = "Index of Multiple Deprivation"
IMD_AREA_TYPES = {"Local Authority District (2024)": "lad"}
IMD_SOURCE_ID = "mhclg_iod2025"

HOMELESSNESS_PERIOD = "October-December 2023"
HOMELESSNESS_SOURCE_ID = "mhclg_homelessness_live_tables"
HOMELESSNESS_CODE_COLUMN = "ltla23_code"
# File column -> indicator_id in data/indicators.csv.
HOMELESSNESS_MEASURES = {
    "Households assessed as homeless per (000s)": "homeless_households_per_1000",
    "Households in temporary accommodation per 1,000": "temporary_accommodation_per_1000",
}

_REGISTER_HINT = "It is part of the app's bundled data in data/: restore it from git (git checkout -- data/)."
_IMPORT_HINT = "Import the open-data folder with `make data-import SRC=<folder>` (it goes in indicators/)."


def read_indicator_register(path: Path) -> pd.DataFrame:
    """Read and validate data/indicators.csv (the indicator metadata register)."""
    path = Path(path)
    columns = list(IndicatorRegisterSchema.to_schema().columns)
    frame = read_text_csv(path, required_columns=columns, missing_hint=_REGISTER_HINT)
    frame = blank_to_na(frame, columns)
    return validate(frame, IndicatorRegisterSchema, path)


def register_rows(register: pd.DataFrame, indicator_ids: list[str], path: Path,
                  column: str | None = None) -> tuple[pd.DataFrame, list[Problem]]:
    """The register rows for ``indicator_ids`` (indexed by id), plus a Problem for each unknown id."""
    known = register.set_index("indicator_id")
    problems = [Problem(str(path), None, column, f"indicator '{indicator_id}' is not in the indicator register "
                        f"({REGISTER_FILE}): add a row for it with its name, domain, unit and polarity")
                for indicator_id in dict.fromkeys(indicator_ids) if indicator_id not in known.index]
    return known, problems


def _missing_to_blank(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    result = frame.copy()
    for column in columns:
        text = result[column].astype(str).str.strip()
        result[column] = text.where(~text.isin(MISSING_MARKERS), "")
    return result


def _canonical(rows: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Validate canonical rows whose index is the 0-based file row, then renumber them 0..n-1."""
    validated = validate(rows[CANONICAL_COLUMNS], CanonicalSchema, path)
    return validated.reset_index(drop=True)


def read_imd_lad_summaries(path: Path, register: pd.DataFrame, source_id: str = IMD_SOURCE_ID) -> pd.DataFrame:
    """IMD 2025 LAD summaries (MHCLG File 10, tidy extract) -> one canonical row per LAD.

    Only the "Index of Multiple Deprivation" rows are kept, with their ``average_score`` as ``value``
    (unit "score": a higher score means more deprived). ``indicator_id`` is ``imd<year>_score`` from the
    ``deprivation_data_year`` column (``imd2025_score``) and must be in the register; ``period`` is that year.
    """
    path = Path(path)
    required = ["area_code", "area_name", "area_type", "deprivation_data_year", "index_domain", "average_score"]
    frame = read_text_csv(path, required_columns=required, missing_hint=_IMPORT_HINT)
    frame = _missing_to_blank(frame, ["average_score"])
    imd = frame[frame["index_domain"].str.strip() == IMD_DOMAIN]
    if imd.empty:
        raise DataFileMalformedError(path, [Problem(str(path), None, "index_domain",
                                                    f"no '{IMD_DOMAIN}' rows: is this the LAD summaries file?")])
    imd, problems = coerce_numeric(imd, ["average_score"], path)
    area_types = imd["area_type"].str.strip().map(IMD_AREA_TYPES)
    for index in area_types[area_types.isna()].index:
        problems.append(Problem(str(path), spreadsheet_row(index), "area_type",
                                f"'{imd.at[index, 'area_type']}' is not a geography this loader reads "
                                f"(expected one of: {', '.join(IMD_AREA_TYPES)})"))
    years = imd["deprivation_data_year"].str.strip()
    bad_years = ~years.str.fullmatch(r"\d{4}")
    for index in bad_years[bad_years].index:
        problems.append(Problem(str(path), spreadsheet_row(index), "deprivation_data_year",
                                f"'{years[index]}' is not a year"))
    indicator_ids = ("imd" + years + "_score").where(~bad_years, "")
    known, unknown = register_rows(register, sorted(set(indicator_ids[~bad_years])), path, "deprivation_data_year")
    problems += unknown
    raise_problems(path, problems)
    meta = known.loc[indicator_ids]
    rows = pd.DataFrame({
        "area_code": imd["area_code"].str.strip(),
        "area_name": imd["area_name"].str.strip(),
        "area_type": area_types,
        "indicator_id": indicator_ids,
        "indicator": meta["indicator"].to_numpy(),
        "domain": meta["domain"].to_numpy(),
        "cohort": GENERAL_POPULATION,
        "sex": "persons",
        "age": meta["age"].to_numpy(),
        "period": years,
        "numerator": float("nan"),
        "denominator": float("nan"),
        "value": imd["average_score"],
        "unit": meta["unit"].to_numpy(),
        "ci_low": float("nan"),
        "ci_high": float("nan"),
        "ci_method": None,
        "source_id": source_id,
    }, index=imd.index)
    result = _canonical(rows, path)
    logger.info("IMD LAD summaries %s: %d LAD rows", path, len(result))
    return result


def read_homelessness(path: Path, register: pd.DataFrame, area_names: dict[str, str] | None = None,
                      source_id: str = HOMELESSNESS_SOURCE_ID) -> pd.DataFrame:
    """MHCLG statutory homelessness, Oct-Dec 2023, per LTLA -> two canonical rows per LTLA.

    The two measures are households assessed as homeless per 1,000 households and households in temporary
    accommodation per 1,000 households (indicator ids in ``HOMELESSNESS_MEASURES``). "NA" (no figure
    published for that council) gives a row with a missing value. The file carries codes only: names come
    from ``area_names`` (code -> name, e.g. from the LAD lookup or the IMD file); without it, or for a code it
    lacks, ``area_name`` is the code itself.
    """
    path = Path(path)
    measures = list(HOMELESSNESS_MEASURES)
    frame = read_text_csv(path, required_columns=[HOMELESSNESS_CODE_COLUMN, *measures], missing_hint=_IMPORT_HINT)
    frame = _missing_to_blank(frame, measures)
    frame, problems = coerce_numeric(frame, measures, path)
    known, unknown = register_rows(register, list(HOMELESSNESS_MEASURES.values()), path)
    problems += unknown
    raise_problems(path, problems)
    codes = frame[HOMELESSNESS_CODE_COLUMN].str.strip()
    names = codes.map(area_names or {})
    names = names.where(names.notna(), codes)
    parts = []
    for column, indicator_id in HOMELESSNESS_MEASURES.items():
        meta = known.loc[indicator_id]
        parts.append(pd.DataFrame({
            "area_code": codes, "area_name": names, "area_type": "lad", "indicator_id": indicator_id,
            "indicator": meta["indicator"], "domain": meta["domain"], "cohort": GENERAL_POPULATION,
            "sex": "persons", "age": meta["age"], "period": HOMELESSNESS_PERIOD, "numerator": float("nan"),
            "denominator": float("nan"), "value": frame[column], "unit": meta["unit"], "ci_low": float("nan"),
            "ci_high": float("nan"), "ci_method": None, "source_id": source_id,
        }, index=frame.index))
    # Index = file row, so a problem in either measure is reported on the row it came from.
    rows = pd.concat(parts)
    result = _canonical(rows, path)
    logger.info("homelessness %s: %d LTLAs, %d canonical rows (%d without a value)", path, len(frame),
                len(result), int(result["value"].isna().sum()))
    return result
