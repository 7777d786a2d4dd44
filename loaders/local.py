"""Local indicators for the map and the area profile: every file in the data directory, brought to current
codes, laid on the full list of areas at each level, and compared with England.

Sources, best first, per indicator and level:

* Fingertips API downloads (``indicators/fingertips_api_<id>_at501|502.csv``): values with 95% and 99.8% limits
  for districts (501) or counties and UAs (502), plus England and regions, so the app computes the comparison.
* The Fingertips district extracts (area type 101, no CIs): values and Fingertips' own published comparison.
* MHCLG files (IMD 2025 district summaries; homelessness Oct-Dec 2023): district values, never compared.

Rules:

* Codes go to April 2023 codes (``map_to_current_codes``). Rates are never added up: where old districts merged,
  the new area has no value, and the reason (from the code report) is shown beside it.
* A unitary authority, metropolitan district or London borough is both a district and an upper-tier area, so
  its district value is its upper-tier value. A county (E10) has a value only from upper-tier (502) data: a
  county's rate cannot be rebuilt from its districts' rates without their counts.
* The comparison with England is computed (the Fingertips rule, ``analysis.benchmark``) when the file has
  limits at the register's level; otherwise Fingertips' own published comparison is shown, labelled as
  published; otherwise "Not compared".
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from analysis.benchmark import (
    BENCHMARK_COLOURS,
    CATEGORIES,
    ENGLAND,
    LEVEL_TEXT,
    NOT_COMPARED,
    benchmark_frame,
    comparison_label,
)
from analysis.proportions import CONFIDENCE_95, CONFIDENCE_99_8
from core import catalogue
from core.errors import DataFileMissingError
from loaders import fingertips, geography, indicators

logger = logging.getLogger(__name__)

LEVELS = ("utla", "lad")
LEVEL_LABELS = {"utla": "Counties and unitary authorities", "lad": "Districts and unitary authorities"}
AREA_KEY = ["indicator_id", "sex", "age", "period"]
CANONICAL_KEY = ["indicator_id", "cohort", "sex", "age", "period", "source_id"]
BASIS_COMPUTED = "computed"
BASIS_PUBLISHED = "published by Fingertips"
BASIS_NONE = "none"
COUNTY_NOTE = ("No county value: this indicator is in the data folder for districts only, and a county's rate "
               "cannot be rebuilt from its districts' rates without their counts. Fingertips publishes county "
               "values (area type 502): `make data` downloads them.")
MISSING_NOTE = "No value in {file} for this area and period."
ENGLAND_NOT_IN_FILE = "England's figure is not in this file, so areas are not compared with England."

VALUE_COLUMNS = [
    "level", "area_code", "area_name", "region_code", "region_name", "indicator_id", "period", "value",
    "ci_low", "ci_high", "unit", "numerator", "denominator", "england_value", "comparison", "comparison_label",
    "comparison_colour", "comparison_level", "comparison_basis", "published_comparison", "value_note", "note",
    "source_file",
]


class LocalIndicators(NamedTuple):
    values: pd.DataFrame  # VALUE_COLUMNS: every area at each level x indicator x period, value or reason
    england: pd.DataFrame  # indicator_id, period, value, ci_low, ci_high (England's rows, where the file has one)
    regions: pd.DataFrame  # region_code, region_name, indicator_id, period, value, ci_low, ci_high
    register: pd.DataFrame  # data/indicators.csv
    report: pd.DataFrame  # code changes: file + GeographyReportSchema columns
    files: pd.DataFrame  # indicator_id, level, file: which file fed which indicator at which level
    period_order: dict[tuple[str, str], list[str]]  # (indicator_id, level) -> its periods, oldest first


class _Feed(NamedTuple):
    """Canonical rows (with detail columns) from one file, and the levels whose areas it covers."""

    rows: pd.DataFrame
    path: Path
    area_types: tuple[str, ...]  # canonical area types of its area rows ("lad" or "utla")


def _published_category(text: object, default_level: float | None) -> tuple[str, float | None] | None:
    """Fingertips' own comparison text ("Better", "Higher 99.8", "Worse 95%") -> (category, level)."""
    if not isinstance(text, str) or not text.strip():
        return None
    match = re.match(r"^\s*(Better|Worse|Similar|Higher|Lower)\b\s*([\d.]+)?", text, flags=re.IGNORECASE)
    if match is None:
        return None
    category = match.group(1).capitalize()
    level = {"95": CONFIDENCE_95, "95.0": CONFIDENCE_95, "99.8": CONFIDENCE_99_8}.get(match.group(2) or "",
                                                                                       default_level)
    return category, level


def _feeds(data_dir: Path, register: pd.DataFrame) -> dict[str, list[_Feed]]:
    """Every file present, read and validated, per indicator id."""
    feeds: dict[str, list[_Feed]] = {}
    for indicator_id in catalogue.FINGERTIPS_INDICATORS:
        found = False
        for area_type_id, level in catalogue.FINGERTIPS_AREA_TYPES.items():
            path = data_dir / catalogue.fingertips_api_path(indicator_id, area_type_id)
            if path.is_file():
                data = fingertips.read_fingertips_csv(path, register, child_area_type_id=area_type_id).joined()
                feeds.setdefault(indicator_id, []).append(_Feed(data[data["indicator_id"] == indicator_id],
                                                                path, (level,)))
                found = True
        if not found:
            extract = next(iter(sorted((data_dir / "indicators").glob(f"fingertips_{indicator_id}_*_ltla.csv"))),
                           None)
            if extract is not None:
                data = fingertips.read_fingertips_extract(extract, register).joined()
                feeds.setdefault(indicator_id, []).append(_Feed(data, extract, ("lad",)))
    imd = catalogue.locate(data_dir, "imd2025")
    if imd.is_file():
        rows = indicators.read_imd_lad_summaries(imd, register)
        feeds.setdefault("imd2025_score", []).append(_Feed(rows, imd, ("lad",)))
    homelessness = catalogue.locate(data_dir, "homelessness")
    if homelessness.is_file():
        rows = indicators.read_homelessness(homelessness, register)
        for indicator_id, part in rows.groupby("indicator_id", sort=False):
            feeds.setdefault(indicator_id, []).append(_Feed(part.reset_index(drop=True), homelessness, ("lad",)))
    return feeds


def _areas(lookup: pd.DataFrame, level: str) -> pd.DataFrame:
    """Every area at ``level`` with its region: the frame every indicator is laid on."""
    code, name = f"{level}_code", f"{level}_name"
    return (lookup[[code, name, "region_code", "region_name"]].drop_duplicates(code)
            .rename(columns={code: "area_code", name: "area_name"}).sort_values("area_code")
            .reset_index(drop=True))


def _persons(rows: pd.DataFrame) -> pd.DataFrame:
    """Persons, one age band: the map shows one figure per area (the first age band if several)."""
    persons = rows[rows["sex"] == "persons"]
    if persons.empty:
        return persons
    first_age = persons["age"].iloc[0]
    return persons[persons["age"] == first_age]


def _on_level(feed_rows: pd.DataFrame, areas: pd.DataFrame, level: str, lookup: pd.DataFrame,
              from_districts: bool, file_name: str, reasons: dict[str, str]) -> pd.DataFrame:
    """Lay one indicator's area rows (current codes) on every area at ``level``, one row per area and period."""
    if from_districts and level == "utla":
        unitary = set(lookup.loc[lookup["lad_code"] == lookup["utla_code"], "lad_code"])
        feed_rows = feed_rows[feed_rows["area_code"].isin(unitary)]
    periods = list(dict.fromkeys(feed_rows["period"]))
    grid = areas.merge(pd.DataFrame({"period": periods}), how="cross")
    measured = feed_rows.drop(columns=["area_name"]).drop_duplicates(["area_code", "period"])
    laid = grid.merge(measured, on=["area_code", "period"], how="left")
    for column in ("indicator_id", "cohort", "sex", "age", "source_id"):
        known = feed_rows[column].dropna()
        laid[column] = laid[column].fillna(known.iloc[0] if len(known) else "-")
    is_county = laid["area_code"].str.startswith("E10")
    laid["note"] = None
    missing = laid["value"].isna()
    laid.loc[missing, "note"] = MISSING_NOTE.format(file=file_name)
    for code, reason in reasons.items():
        laid.loc[missing & (laid["area_code"] == code), "note"] = reason
    if from_districts and level == "utla":
        laid.loc[missing & is_county, "note"] = COUNTY_NOTE
    return laid


def _current_codes(area_rows: pd.DataFrame, changes: pd.DataFrame,
                   known: frozenset[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows on codes in force as they are; old codes through the code changes (recodes kept, merges of rates
    flagged). A row already on the current code wins over an old code's row for the same area and period."""
    is_current = area_rows["area_code"].isin(known)
    current = area_rows[is_current]
    old = area_rows[~is_current]
    if old.empty:
        return current, geography.map_to_current_codes(old, changes, key_columns=CANONICAL_KEY).report
    mapped = geography.map_to_current_codes(old, changes, known_codes=known, key_columns=CANONICAL_KEY)
    recoded = mapped.frame[mapped.frame["code_status"] == "recoded"].drop(columns=["code_status", "code_note"])
    present = set(zip(current["area_code"], current["period"], strict=True))
    recoded = recoded[[(code, period) not in present
                       for code, period in zip(recoded["area_code"], recoded["period"], strict=True)]]
    has_value = set(zip(current.loc[current["value"].notna(), "area_code"], strict=True))
    report = mapped.report[~(mapped.report["new_code"].isin(has_value) & (mapped.report["action"] == "flagged"))]
    return pd.concat([current, recoded], ignore_index=True), report.reset_index(drop=True)


def _successor_reasons(report: pd.DataFrame) -> dict[str, str]:
    """For each current code that old rows could not be combined into: why it has no value."""
    flagged = report[(report["action"] == "flagged") & report["new_code"].notna()]
    reasons: dict[str, list[str]] = {}
    for line in flagged.itertuples():
        for code in str(line.new_code).split("|"):
            named = f"{line.code} {line.name or ''}".strip()
            if named not in reasons.setdefault(code.strip(), []):
                reasons[code.strip()].append(named)
    return {code: (f"No value: the file has figures only for the areas this one replaced ({', '.join(old[:6])}"
                   f"{' and more' if len(old) > 6 else ''}), and rates cannot be added up without counts.")
            for code, old in reasons.items()}


def _compare(laid: pd.DataFrame, england: pd.DataFrame, register_row: pd.Series) -> pd.DataFrame:
    """Comparison with England: computed where limits exist at the register's level, else as published."""
    level = register_row["comparison_level"]
    level = None if pd.isna(level) else float(level)
    data = laid.copy()
    if level is not None and not england.empty:
        rows = pd.concat([data.assign(_own=True), england.assign(_own=False)], ignore_index=True)
        compared = benchmark_frame(rows, ENGLAND, polarity=register_row["polarity"], level=level)
        compared = compared[compared["_own"]].reset_index(drop=True)
        data["comparison"] = compared["comparison"].to_numpy()
        data["england_value"] = compared["benchmark_value"].to_numpy()
    else:
        data["comparison"] = NOT_COMPARED
        england_values = england.set_index("period")["value"] if not england.empty else pd.Series(dtype=float)
        data["england_value"] = data["period"].map(england_values)
    data["comparison_basis"] = BASIS_NONE
    data.loc[data["comparison"] != NOT_COMPARED, "comparison_basis"] = BASIS_COMPUTED
    published = data.get("compared_to_england", pd.Series(None, index=data.index)).map(
        lambda text: _published_category(text, level))
    data["published_comparison"] = data.get("compared_to_england", pd.Series(None, index=data.index))
    use_published = (data["comparison_basis"] == BASIS_NONE) & published.notna()
    categories, levels = [], []
    for index in data.index:
        category, row_level = data.at[index, "comparison"], level
        if use_published[index]:
            category, row_level = published[index]
        categories.append(category if category in CATEGORIES else NOT_COMPARED)
        levels.append(row_level)
    data["comparison"] = categories
    data["comparison_level"] = [LEVEL_TEXT.get(lv) if lv is not None else None for lv in levels]
    data.loc[use_published, "comparison_basis"] = BASIS_PUBLISHED
    data["comparison_label"] = [
        (comparison_label(c, lv) + (" as published by Fingertips" if basis == BASIS_PUBLISHED else ""))
        if c != NOT_COMPARED and lv is not None else NOT_COMPARED
        for c, lv, basis in zip(data["comparison"], levels, data["comparison_basis"], strict=True)]
    data["comparison_colour"] = [BENCHMARK_COLOURS.get((c, lv)) for c, lv in zip(data["comparison"], levels,
                                                                                 strict=True)]
    return data


def _split(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(area rows, England rows, region rows) of one feed, persons only."""
    rows = _persons(rows)
    return (rows[rows["area_type"].isin(LEVELS)], rows[rows["area_code"] == ENGLAND],
            rows[rows["area_type"] == "region"])


def load_local_indicators(data_dir: Path, register_path: Path) -> LocalIndicators:
    """Read every local indicator file in ``data_dir`` and lay it on the areas of each level.

    Raises DataFileMissingError when the lookups are missing (nothing can be placed without them), and the
    loaders' DataLoadError for a malformed file. An indicator with no file is simply absent.
    """
    data_dir = Path(data_dir)
    register = indicators.read_indicator_register(register_path)
    lookup = geography.read_lad_lookup(data_dir)
    changes = geography.read_code_changes(data_dir)
    known = geography.codes_in_force(lookup)
    meta = register.set_index("indicator_id")
    values, england_rows, region_rows, reports, files = [], [], [], [], []
    for indicator_id, feeds in _feeds(data_dir, register).items():
        covered: dict[str, tuple[pd.DataFrame, str, dict[str, str], bool]] = {}
        indicator_england, indicator_regions = [], []
        for feed in feeds:
            area_rows, england, regions = _split(feed.rows)
            current, report = _current_codes(area_rows, changes, known)
            if not report.empty:
                reports.append(report.assign(file=feed.path.name, indicator_id=indicator_id))
            reasons = _successor_reasons(report)
            for level in feed.area_types:
                covered[level] = (current, feed.path.name, reasons, False)
            if "lad" in feed.area_types:
                covered.setdefault("utla", (current, feed.path.name, reasons, True))
            indicator_england.append(england)
            indicator_regions.append(regions)
        england = pd.concat(indicator_england).drop_duplicates(["period"]) if indicator_england else pd.DataFrame()
        regions = pd.concat(indicator_regions).drop_duplicates(["area_code", "period"])
        for level, (rows, file_name, reasons, from_districts) in covered.items():
            laid = _on_level(rows, _areas(lookup, level), level, lookup, from_districts, file_name, reasons)
            laid = _compare(laid, england, meta.loc[indicator_id].copy())
            if england.empty:
                laid["note"] = laid["note"].fillna(ENGLAND_NOT_IN_FILE)
            laid["level"] = level
            laid["indicator_id"] = indicator_id
            laid["unit"] = meta.at[indicator_id, "unit"]
            laid["source_file"] = file_name
            for column in VALUE_COLUMNS:
                if column not in laid:
                    laid[column] = None
            values.append(laid[VALUE_COLUMNS])
            files.append({"indicator_id": indicator_id, "level": level, "file": file_name,
                          "from_districts": from_districts})
        if not england.empty:
            england_rows.append(england[["indicator_id", "period", "value", "ci_low", "ci_high"]])
        if not regions.empty:
            region_rows.append(regions.rename(columns={"area_code": "region_code", "area_name": "region_name"})[
                ["region_code", "region_name", "indicator_id", "period", "value", "ci_low", "ci_high"]])
    if not values:
        raise DataFileMissingError(data_dir / "indicators",
                                   hint="No local indicator file was found: run `make data` or "
                                        "`make data-import SRC=<folder>`.")
    result = pd.concat(values, ignore_index=True)
    result["value"] = pd.to_numeric(result["value"], errors="coerce")
    report = (pd.concat(reports, ignore_index=True) if reports
              else pd.DataFrame(columns=["file", "indicator_id", *geography.REPORT_COLUMNS]))
    logger.info("local indicators: %d area rows, %d indicators", len(result), result["indicator_id"].nunique())
    return LocalIndicators(
        values=result,
        england=pd.concat(england_rows, ignore_index=True) if england_rows else pd.DataFrame(
            columns=["indicator_id", "period", "value", "ci_low", "ci_high"]),
        regions=pd.concat(region_rows, ignore_index=True) if region_rows else pd.DataFrame(
            columns=["region_code", "region_name", "indicator_id", "period", "value", "ci_low", "ci_high"]),
        register=register, report=report, files=pd.DataFrame(files),
        period_order={(i, level): periods(result, i, level)
                      for i, level in result[["indicator_id", "level"]].drop_duplicates().itertuples(index=False)})


def periods(values: pd.DataFrame, indicator_id: str, level: str) -> list[str]:
    """The periods an indicator has at a level, oldest first (as the file orders them)."""
    rows = values[(values["indicator_id"] == indicator_id) & (values["level"] == level)]
    return sorted(rows["period"].dropna().unique(), key=_period_sort_key)


def _period_sort_key(period: str) -> tuple:
    numbers = [int(n) for n in re.findall(r"\d+", str(period))]
    return (numbers[0] if numbers else 0, str(period))
