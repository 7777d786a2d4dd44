"""OHID Fingertips data -> the canonical frame.

Two forms are read:

1. **The API CSV** (``https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?...``, also
   ``by_group_id`` / ``by_profile_id``). Header as asserted by legacy Fingertips' own server tests
   (PholioVisualisation ``DataControllerTest.HeaderText``): ``API_CSV_COLUMNS``. The parent comparison column
   is named after the parent area type ("Compared to Region value or percentiles", "Compared to Counties &
   UAs (from Apr 2021) value or percentiles", "Compared to parent value or percentiles"), and newer files add
   "Time period range", so only the columns this loader needs are required and the rest are kept if present.
2. **Tidy extracts** ``fingertips_<id>_*_ltla.csv`` (traffordDataLab scripts: ``area_code, area_name,
   area_type, period, indicator, measure, unit, value, compared_to_England, inequality``). In those scripts
   ``unit`` holds Fingertips' Sex column and ``inequality`` its Category column.

The API's JSON form is **not** read. Its data objects (legacy ``CoreDataSet``: ``AreaCode, SexId, AgeId,
Val, ValF, LoCI, UpCI, LoCI99_8, UpCI99_8, Count, Denom, NoteId, Sig``, with -1 meaning "no value") carry
neither the indicator id, the period, the area name nor age labels (those are ``[JsonIgnore]`` or live in the
enclosing response), and the envelope differs by endpoint; turning it into canonical rows would mean guessing.

Each reader returns a ``FingertipsData``: ``measures`` (CanonicalSchema), ``details`` (same index and key
columns: Fingertips' own comparison text, value note, recent trend, 99.8% limits, the file row), and
``categories`` (inequality breakdown rows, only when asked for). Category rows are dropped by default, as
fingertipsR does. Blank cells (and "NA" in the extracts) become missing values, never 0: a suppressed value
keeps its row, with the reason in ``details.value_note``.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from core.comparison_codes import CiMethod
from core.errors import DataFileMalformedError, Problem
from core.paths import REGISTER_FILE
from loaders.io import MISSING_MARKERS, coerce_numeric, raise_problems, read_text_csv, spreadsheet_row, validate
from loaders.schemas import CANONICAL_COLUMNS, CanonicalSchema

logger = logging.getLogger(__name__)

SOURCE_ID = "fingertips"
GENERAL_POPULATION = "general_population"
PUBLISHED_CI_95 = str(CiMethod.FINGERTIPS_95)

API_CSV_COLUMNS = (
    "Indicator ID", "Indicator Name", "Parent Code", "Parent Name", "Area Code", "Area Name", "Area Type", "Sex",
    "Age", "Category Type", "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit",
    "Lower CI 99.8 limit", "Upper CI 99.8 limit", "Count", "Denominator", "Value note", "Recent Trend",
    "Compared to England value or percentiles", "Compared to Region value or percentiles", "Time period Sortable",
    "New data", "Compared to goal",
)
REQUIRED_API_COLUMNS = [
    "Indicator ID", "Indicator Name", "Area Code", "Area Name", "Area Type", "Sex", "Age", "Category Type",
    "Category", "Time period", "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Count", "Denominator",
    "Value note",
]
ENGLAND_COMPARISON = "Compared to England value or percentiles"
_PARENT_COMPARISON = re.compile(r"^Compared to (?!England value)(.+) value or percentiles$")
_API_NUMBERS = ["Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Lower CI 99.8 limit",
                "Upper CI 99.8 limit", "Count", "Denominator"]

EXTRACT_COLUMNS = ["area_code", "area_name", "area_type", "period", "indicator", "measure", "unit", "value",
                   "compared_to_England", "inequality"]
EXTRACT_MEASURES = {"Percentage": "%"}
EXTRACT_AREA_TYPE_ID = 101  # the extracts were fetched with area_type_id=101 (shared/data/SOURCES.md)
_EXTRACT_NAME = re.compile(r"^fingertips_(\d+)_")

# Fingertips area type ids: 15 England and 6 Region (fingertips_py's default parent 15 is "England"; legacy
# AreaTypeIds.Region = 6); 101/102 districts & UAs / counties & UAs (legacy AreaTypeIds and fingertipsR docs);
# 501/502 the same from April 2023.
AREA_TYPE_IDS = {15: "country", 6: "region", 101: "lad", 501: "lad", 102: "utla", 502: "utla"}
# The "Area Type" text in the CSV: exact labels, then prefixes such as "Districts & UAs (from Apr 2023)".
AREA_TYPE_LABELS = {"england": "country", "country": "country", "region": "region", "district": "lad",
                    "county": "utla"}
AREA_TYPE_PREFIXES = (("districts & uas", "lad"), ("district & ua", "lad"),
                      ("counties & uas", "utla"), ("county & ua", "utla"))
TIER_DEPENDENT_LABELS = ("ua",)  # a unitary authority is in both tiers: the child area type decides
SEX_LABELS = {"persons": "persons", "male": "male", "female": "female"}

KEY_COLUMNS = ["area_code", "indicator_id", "sex", "age", "period"]
DETAIL_COLUMNS = [
    "file_row", "fingertips_area_type", "parent_code", "parent_name", "value_note", "recent_trend",
    "compared_to_england", "compared_to_parent", "compared_to_parent_column", "compared_to_goal",
    "ci_low_99_8", "ci_high_99_8", "time_period_sortable", "time_period_range", "new_data",
]
CATEGORY_COLUMNS = ["category_type", "category"]

_IMPORT_HINT = "Download it from the Fingertips API, or import the open-data folder (make data-import SRC=<folder>)."


class FingertipsData(NamedTuple):
    """Fingertips rows in canonical form, with what the canonical frame has no place for beside them."""

    measures: pd.DataFrame  # CanonicalSchema, index 0..n-1
    details: pd.DataFrame  # KEY_COLUMNS + DETAIL_COLUMNS, same index as measures
    categories: pd.DataFrame  # inequality breakdowns (canonical columns + CATEGORY_COLUMNS); empty unless asked

    def joined(self) -> pd.DataFrame:
        """Measures with the detail columns alongside (e.g. 99.8% limits for analysis.benchmark)."""
        return self.measures.join(self.details.drop(columns=KEY_COLUMNS))


def canonical_area_type(label: str, child_area_type_id: int | None = None) -> str | None:
    """Canonical area_type for a Fingertips "Area Type" label, or None when it cannot be told.

    "England"/"Country" -> country, "Region" -> region, "Districts & UAs (...)" -> lad, "Counties & UAs (...)"
    -> utla. The per-area labels of older files ("District", "County", "UA") need ``child_area_type_id`` for a
    "UA", which sits in both tiers.
    """
    text = " ".join(str(label).split()).lower()
    if text in AREA_TYPE_LABELS:
        return AREA_TYPE_LABELS[text]
    for prefix, area_type in AREA_TYPE_PREFIXES:
        if text.startswith(prefix):
            return area_type
    if text in TIER_DEPENDENT_LABELS and child_area_type_id is not None:
        child = AREA_TYPE_IDS.get(int(child_area_type_id))
        return child if child in ("lad", "utla") else None
    return None


def _strip(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    result = frame.copy()
    for column in columns:
        result[column] = result[column].astype(str).str.strip()
    return result


def _none_if_blank(series: pd.Series) -> pd.Series:
    text = series.astype(str).str.strip()
    return text.where(text != "", None)


def _optional(frame: pd.DataFrame, column: str | None) -> pd.Series:
    if column is None or column not in frame.columns:
        return pd.Series(None, index=frame.index, dtype=object)
    return _none_if_blank(frame[column])


def _map_column(frame: pd.DataFrame, column: str, mapper, path: Path, what: str) -> tuple[pd.Series, list[Problem]]:
    mapped = frame[column].map(mapper)
    problems = [Problem(str(path), spreadsheet_row(index), column, f"'{frame.at[index, column]}' is not {what}")
                for index in mapped[mapped.isna()].index]
    return mapped, problems


def _register_lookup(register: pd.DataFrame, ids: pd.Series, path: Path, column: str) -> tuple[pd.DataFrame,
                                                                                             list[Problem]]:
    """Register rows aligned with ``ids``, and a problem (on the first row using it) for each unknown id."""
    known = register.set_index("indicator_id")
    unknown = ~ids.isin(known.index)
    problems = [Problem(str(path), spreadsheet_row(ids[unknown & (ids == indicator_id)].index[0]), column,
                        f"indicator '{indicator_id}' is not in the indicator register ({REGISTER_FILE}): add a "
                        "row for it with its name, domain, unit and polarity")
                for indicator_id in dict.fromkeys(ids[unknown])]
    return known.reindex(ids.where(~unknown, None)).set_axis(ids.index), problems


def _validated(rows: pd.DataFrame, details: pd.DataFrame, categories: pd.DataFrame, path: Path) -> FingertipsData:
    """Validate canonical rows (index = 0-based file row, so problems name the file row), renumber 0..n-1."""
    measures = validate(rows[CANONICAL_COLUMNS], CanonicalSchema, path).reset_index(drop=True)
    return FingertipsData(measures=measures, details=details.reset_index(drop=True),
                          categories=categories.reset_index(drop=True))


def _api_rows(path: Path, include_categories: bool) -> tuple[pd.DataFrame, pd.Series, list[Problem]]:
    """(the API file's lines, numbers typed; which lines are category rows; problems), exact duplicates dropped
    and category lines too unless ``include_categories``."""
    raw = read_text_csv(path, required_columns=REQUIRED_API_COLUMNS, missing_hint=_IMPORT_HINT)
    duplicated = raw.duplicated(keep="first")
    if duplicated.any():
        logger.info("%s: dropped %d exact duplicate lines", path, int(duplicated.sum()))
    raw = _strip(raw[~duplicated], ["Indicator ID", "Indicator Name", "Area Code", "Area Name", "Area Type", "Sex",
                                    "Age", "Category Type", "Category", "Time period"])
    is_category = (raw["Category Type"] != "") | (raw["Category"] != "")
    typed, problems = coerce_numeric(raw, [column for column in _API_NUMBERS if column in raw.columns], path)
    if not include_categories:
        typed = typed[~is_category]
        kept = {spreadsheet_row(index) for index in typed.index}
        problems = [p for p in problems if p.row is None or p.row in kept]
        if is_category.any():
            logger.info("%s: dropped %d category (inequality) rows", path, int(is_category.sum()))
    return typed, is_category.reindex(typed.index, fill_value=False), problems


def _api_canonical(typed: pd.DataFrame, register: pd.DataFrame, path: Path, child_area_type_id: int | None,
                   source_id: str, problems: list[Problem]) -> pd.DataFrame:
    """Canonical rows of the API file's lines; raises with every problem found (and those given)."""
    sexes, sex_problems = _map_column(typed, "Sex", lambda s: SEX_LABELS.get(s.lower()), path,
                                      "a sex this app reads (Persons, Male, Female)")
    area_types, area_problems = _map_column(
        typed, "Area Type", lambda label: canonical_area_type(label, child_area_type_id), path,
        "an area type this app reads (England, Region, Counties & UAs, Districts & UAs; for 'UA' pass "
        "child_area_type_id)")
    ids = typed["Indicator ID"]
    bad_ids = ~ids.str.fullmatch(r"\d+")
    problems = problems + sex_problems + area_problems + [
        Problem(str(path), spreadsheet_row(index), "Indicator ID", f"'{ids[index]}' is not a Fingertips indicator id")
        for index in bad_ids[bad_ids].index]
    meta, register_problems = _register_lookup(register, ids, path, "Indicator ID")
    raise_problems(path, problems + register_problems)
    has_ci = typed["Lower CI 95.0 limit"].notna() & typed["Upper CI 95.0 limit"].notna()
    return pd.DataFrame({
        "area_code": typed["Area Code"], "area_name": typed["Area Name"], "area_type": area_types,
        "indicator_id": ids, "indicator": typed["Indicator Name"], "domain": meta["domain"],
        "cohort": GENERAL_POPULATION, "sex": sexes, "age": typed["Age"], "period": typed["Time period"],
        "numerator": typed["Count"], "denominator": typed["Denominator"], "value": typed["Value"],
        "unit": meta["unit"], "ci_low": typed["Lower CI 95.0 limit"], "ci_high": typed["Upper CI 95.0 limit"],
        "ci_method": has_ci.map({True: PUBLISHED_CI_95, False: None}), "source_id": source_id,
    }, index=typed.index)


def _api_details(typed: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The API file's columns beyond the canonical ones, one row per canonical row."""
    parent_column = next((c for c in typed.columns if _PARENT_COMPARISON.match(c)), None)
    return pd.DataFrame({
        **{key: rows[key] for key in KEY_COLUMNS},
        "file_row": [spreadsheet_row(index) for index in typed.index],
        "fingertips_area_type": typed["Area Type"],
        "parent_code": _optional(typed, "Parent Code"),
        "parent_name": _optional(typed, "Parent Name"),
        "value_note": _optional(typed, "Value note"),
        "recent_trend": _optional(typed, "Recent Trend"),
        "compared_to_england": _optional(typed, ENGLAND_COMPARISON),
        "compared_to_parent": _optional(typed, parent_column),
        "compared_to_parent_column": parent_column,
        "compared_to_goal": _optional(typed, "Compared to goal"),
        "ci_low_99_8": typed["Lower CI 99.8 limit"] if "Lower CI 99.8 limit" in typed else float("nan"),
        "ci_high_99_8": typed["Upper CI 99.8 limit"] if "Upper CI 99.8 limit" in typed else float("nan"),
        "time_period_sortable": _optional(typed, "Time period Sortable"),
        "time_period_range": _optional(typed, "Time period range"),
        "new_data": _optional(typed, "New data"),
    }, index=typed.index)


def read_fingertips_csv(path: Path, register: pd.DataFrame, *, child_area_type_id: int | None = None,
                        include_categories: bool = False, source_id: str = SOURCE_ID) -> FingertipsData:
    """Read a Fingertips API CSV (``all_data/csv/...``) into canonical rows.

    ``register`` is the validated data/indicators.csv: it gives each indicator's domain and unit (the CSV has
    neither), and an indicator missing from it is reported. ``child_area_type_id`` (e.g. 501, 502) is only
    needed for files whose Area Type says just "UA". Exact duplicate lines are dropped (fingertipsR keeps
    ``unique()`` rows); any other repeated key is reported.
    """
    path = Path(path)
    typed, category_rows, problems = _api_rows(path, include_categories)
    rows = _api_canonical(typed, register, path, child_area_type_id, source_id, problems)
    details = _api_details(typed, rows)
    categories = pd.concat([rows[category_rows], typed.loc[category_rows, ["Category Type", "Category"]]
                            .set_axis(CATEGORY_COLUMNS, axis=1)], axis=1)
    result = _validated(rows[~category_rows], details[~category_rows], categories, path)
    logger.info("Fingertips CSV %s: %d canonical rows, %d category rows", path, len(result.measures),
                len(result.categories))
    return result


def _extract_indicator(path: Path, indicator_id: str | None) -> str:
    """The indicator id given, else the one in the file name (fingertips_<id>_...)."""
    if indicator_id is not None:
        return indicator_id
    match = _EXTRACT_NAME.match(path.name)
    if match is None:
        raise DataFileMalformedError(path, [Problem(str(path), None, None, "the file name does not start "
                                                    "with fingertips_<indicator id>_: pass indicator_id")])
    return match.group(1)


def _extract_problems(frame: pd.DataFrame, path: Path, meta: pd.Series, indicator_id: str,
                      child_area_type_id: int) -> tuple[pd.Series, pd.Series, pd.Series, list[Problem]]:
    """(sexes, area types, units, problems) of the extract's lines; a unit must be the register's."""
    sexes, sex_problems = _map_column(frame, "unit", lambda s: SEX_LABELS.get(s.lower()), path,
                                      "a sex this app reads (Persons, Male, Female)")
    area_types, area_problems = _map_column(
        frame, "area_type", lambda label: canonical_area_type(label, child_area_type_id), path,
        "an area type this app reads (Country, Region, District, UA, ...)")
    units = frame["measure"].map(EXTRACT_MEASURES)
    unit_problems = [Problem(str(path), spreadsheet_row(index), "measure",
                             f"'{frame.at[index, 'measure']}' is not a measure this loader maps to a unit "
                             f"({', '.join(EXTRACT_MEASURES)})") for index in units[units.isna()].index]
    unit_problems += [Problem(str(path), spreadsheet_row(index), "measure",
                              f"unit '{units[index]}' differs from the register's unit '{meta['unit']}' for "
                              f"indicator {indicator_id}")
                      for index in units[units.notna() & (units != meta["unit"])].index]
    return sexes, area_types, units, sex_problems + area_problems + unit_problems


def _extract_details(frame: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The detail columns of an extract: its file row, area type and Fingertips' own comparison."""
    details = pd.DataFrame({column: None for column in DETAIL_COLUMNS}, index=frame.index)
    details[["ci_low_99_8", "ci_high_99_8"]] = float("nan")
    details["file_row"] = [spreadsheet_row(index) for index in frame.index]
    details["fingertips_area_type"] = frame["area_type"]
    details["compared_to_england"] = _none_if_blank(frame["compared_to_England"])
    return pd.concat([rows[KEY_COLUMNS], details], axis=1)


def read_fingertips_extract(path: Path, register: pd.DataFrame, *, indicator_id: str | None = None,
                            child_area_type_id: int = EXTRACT_AREA_TYPE_ID,
                            source_id: str = SOURCE_ID) -> FingertipsData:
    """Read a tidy Fingertips extract (``fingertips_<id>_*_ltla.csv``) into canonical rows.

    The indicator id comes from the file name unless given. Sex comes from the ``unit`` column, the unit from
    ``measure`` (checked against the register), the age label from the register (the extract has none).
    Category rows (``inequality`` not NA) are dropped. The extract has no counts and no CIs.
    """
    path = Path(path)
    frame = _strip(read_text_csv(path, required_columns=EXTRACT_COLUMNS, missing_hint=_IMPORT_HINT), EXTRACT_COLUMNS)
    for column in ("value", "compared_to_England", "inequality"):
        frame[column] = frame[column].where(~frame[column].isin(MISSING_MARKERS), "")
    indicator_id = _extract_indicator(path, indicator_id)
    is_category = frame["inequality"] != ""
    if is_category.any():
        logger.info("%s: dropped %d category (inequality) rows", path, int(is_category.sum()))
    frame, problems = coerce_numeric(frame[~is_category], ["value"], path)
    known = register.set_index("indicator_id")
    if indicator_id not in known.index:
        problems.append(Problem(str(path), None, None, f"indicator '{indicator_id}' is not in the indicator "
                                f"register ({REGISTER_FILE}): add a row for it with its name, domain, unit and "
                                "polarity"))
        raise_problems(path, problems)
    meta = known.loc[indicator_id]
    sexes, area_types, units, line_problems = _extract_problems(frame, path, meta, indicator_id, child_area_type_id)
    raise_problems(path, problems + line_problems)
    rows = pd.DataFrame({
        "area_code": frame["area_code"], "area_name": frame["area_name"], "area_type": area_types,
        "indicator_id": indicator_id, "indicator": frame["indicator"], "domain": meta["domain"],
        "cohort": GENERAL_POPULATION, "sex": sexes, "age": meta["age"], "period": frame["period"],
        "numerator": float("nan"), "denominator": float("nan"), "value": frame["value"], "unit": units,
        "ci_low": float("nan"), "ci_high": float("nan"), "ci_method": None, "source_id": source_id,
    }, index=frame.index)
    categories = pd.DataFrame(columns=CANONICAL_COLUMNS + CATEGORY_COLUMNS)
    result = _validated(rows, _extract_details(frame, rows), categories, path)
    logger.info("Fingertips extract %s: indicator %s, %d canonical rows (%d without a value)", path, indicator_id,
                len(result.measures), int(result.measures["value"].isna().sum()))
    return result
