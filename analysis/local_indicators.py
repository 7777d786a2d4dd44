"""Local indicators for the map and the area profile: each file's rows brought to current codes, laid on the
full list of areas at each level, and compared with England (the files are read by loaders.local_files).

Rules:

* Codes go to April 2023 codes (``map_to_current_codes``). Rates are never added up: where old districts merged,
  the new area has no value, and the reason (from the code report) is shown beside it.
* A unitary authority, metropolitan district or London borough is both a district and an upper-tier area, so
  its district value is its upper-tier value. A county (E10) has its upper-tier (502) value; where the folder has
  district data only, a county's value is computed from its districts' counts where they allow it (labelled
  "computed from districts", analysis.area_groups), never from their rates.
* A police force area (E23, from the CSP/PFA lookup) is computed from its districts' counts the same way.
* The comparison with England is computed (the Fingertips rule, ``analysis.benchmark``) when the file has
  limits at the register's level; otherwise Fingertips' own published comparison is shown, labelled as
  published; otherwise "Not compared".
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.area_groups import Groups, GroupStatus, county_groups, force_groups, from_districts
from analysis.benchmark import BENCHMARK_COLOURS, FIGURE_KEY, benchmark_frame
from analysis.geography_codes import map_to_current_codes
from core.codes import ENGLAND, LAD, LOCAL_LEVELS, PFA, UTLA
from core.comparison_codes import (
    CATEGORIES,
    CONFIDENCE_95,
    CONFIDENCE_99_8,
    NOT_COMPARED,
    ComparisonBasis,
    comparison_label,
)
from core.geography import REPORT_COLUMNS
from core.local_feed import LocalFeed
from core.periods import order_periods

logger = logging.getLogger(__name__)

COUNTY_NOTE = ("No county value: this indicator is in the data on this machine for districts only, and a "
               "county's rate cannot be rebuilt from its districts' rates without their counts. County values are "
               "published: ask your analyst to refresh the data (Data status).")
MISSING_NOTE = "No value in {file} for this area and period."
ENGLAND_NOT_IN_FILE = "England's figure is not in this file, so areas are not compared with England."

VALUE_COLUMNS = [
    "level", "area_code", "area_name", "region_code", "region_name", "indicator_id", "period", "value",
    "ci_low", "ci_high", "unit", "numerator", "denominator", "england_value", "comparison", "comparison_label",
    "comparison_colour", "comparison_level", "comparison_basis", "published_comparison", "value_note", "note",
    "source_file", "computed_from", "group_status",
]
# Count columns replaced in a county's row when its value is computed from its districts.
GROUP_VALUE_COLUMNS = ["value", "ci_low", "ci_high", "ci_low_99_8", "ci_high_99_8", "numerator", "denominator",
                       "note", "computed_from", "group_status"]
ENGLAND_COLUMNS = ["indicator_id", "period", "value", "ci_low", "ci_high"]
REGION_COLUMNS = ["region_code", "region_name", "indicator_id", "period", "value", "ci_low", "ci_high"]


class LocalIndicators(NamedTuple):
    values: pd.DataFrame  # VALUE_COLUMNS: every area at each level x indicator x period, value or reason
    england: pd.DataFrame  # ENGLAND_COLUMNS (England's rows, where the file has one)
    regions: pd.DataFrame  # REGION_COLUMNS
    register: pd.DataFrame  # data/indicators.csv
    report: pd.DataFrame  # code changes: file + indicator_id + the code report's columns
    files: pd.DataFrame  # indicator_id, level, file, from_districts: which file fed which indicator at which level
    period_order: dict[tuple[str, str], list[str]]  # (indicator_id, level) -> its periods, oldest first


class _Coverage(NamedTuple):
    """The rows an indicator is laid from at one level."""

    rows: pd.DataFrame  # area rows on current codes
    file: str
    reasons: dict[str, str]  # current code -> why it has no value
    from_districts: bool  # district rows standing in for upper-tier areas (unitary authorities only)


@dataclass
class _Parts:
    """What the indicators add up to, before it is put together."""

    values: list[pd.DataFrame] = field(default_factory=list)
    england: list[pd.DataFrame] = field(default_factory=list)
    regions: list[pd.DataFrame] = field(default_factory=list)
    reports: list[pd.DataFrame] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)


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


def _on_level(coverage: _Coverage, level: str, lookup: pd.DataFrame) -> pd.DataFrame:
    """Lay one indicator's area rows (current codes) on every area at ``level``, one row per area and period."""
    feed_rows = coverage.rows
    from_counties = coverage.from_districts and level == "utla"
    if from_counties:
        unitary = set(lookup.loc[lookup["lad_code"] == lookup["utla_code"], "lad_code"])
        feed_rows = feed_rows[feed_rows["area_code"].isin(unitary)]
    periods = list(dict.fromkeys(coverage.rows["period"]))  # every period of the file, even where no unitary has one
    grid = _areas(lookup, level).merge(pd.DataFrame({"period": periods}), how="cross")
    measured = feed_rows.drop(columns=["area_name"]).drop_duplicates(["area_code", "period"])
    laid = grid.merge(measured, on=["area_code", "period"], how="left")
    for column in ("indicator_id", "cohort", "sex", "age", "source_id"):
        known = coverage.rows[column].dropna()
        laid[column] = laid[column].fillna(known.iloc[0] if len(known) else "-")
    laid["note"] = None
    missing = laid["value"].isna()
    laid.loc[missing, "note"] = MISSING_NOTE.format(file=coverage.file)
    for code, reason in coverage.reasons.items():
        laid.loc[missing & (laid["area_code"] == code), "note"] = reason
    if from_counties:
        laid.loc[missing & laid["area_code"].str.startswith("E10"), "note"] = COUNTY_NOTE
    return laid


def _current_codes(area_rows: pd.DataFrame, changes: pd.DataFrame,
                   known: frozenset[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows on codes in force as they are; old codes through the code changes (recodes kept, merges of rates
    flagged). A row already on the current code wins over an old code's row for the same area and period."""
    is_current = area_rows["area_code"].isin(known)
    current = area_rows[is_current]
    old = area_rows[~is_current]
    if old.empty:
        return current, map_to_current_codes(old, changes, key_columns=FIGURE_KEY).report
    mapped = map_to_current_codes(old, changes, known_codes=known, key_columns=FIGURE_KEY)
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


def _computed(laid: pd.DataFrame, england: pd.DataFrame, polarity: str, level: float | None) -> pd.DataFrame:
    """``comparison`` and ``england_value``: by the Fingertips rule where there is a level and England's row,
    else Not compared with England's value beside it."""
    data = laid.copy()
    if level is not None and not england.empty:
        rows = pd.concat([data.assign(_own=True), england.assign(_own=False)], ignore_index=True)
        compared = benchmark_frame(rows, ENGLAND, polarity=polarity, level=level)
        compared = compared[compared["_own"]].reset_index(drop=True)
        data["comparison"] = compared["comparison"].to_numpy()
        data["england_value"] = compared["benchmark_value"].to_numpy()
    else:
        data["comparison"] = NOT_COMPARED
        england_values = england.set_index("period")["value"] if not england.empty else pd.Series(dtype=float)
        data["england_value"] = data["period"].map(england_values)
    return data


def _compare(laid: pd.DataFrame, england: pd.DataFrame, register_row: pd.Series) -> pd.DataFrame:
    """Comparison with England: computed where limits exist at the register's level, else as published."""
    level = register_row["comparison_level"]
    level = None if pd.isna(level) else float(level)
    data = _computed(laid, england, register_row["polarity"], level)
    basis = pd.Series(ComparisonBasis.NONE, index=data.index, dtype=object)
    basis[data["comparison"] != NOT_COMPARED] = ComparisonBasis.COMPUTED
    published_text = data.get("compared_to_england", pd.Series(None, index=data.index))
    published = published_text.map(lambda text: _published_category(text, level))
    use_published = (basis == ComparisonBasis.NONE) & published.notna()
    basis[use_published] = ComparisonBasis.PUBLISHED
    categories, levels = [], []
    for index in data.index:
        category, row_level = published[index] if use_published[index] else (data.at[index, "comparison"], level)
        categories.append(str(category) if category in CATEGORIES else str(NOT_COMPARED))
        levels.append(row_level)
    data["published_comparison"] = published_text
    data["comparison"] = categories
    data["comparison_basis"] = basis.astype(str)
    data["comparison_level"] = pd.Series(levels, index=data.index, dtype=object)
    suffix = f" as {ComparisonBasis.PUBLISHED}"
    data["comparison_label"] = [
        (comparison_label(c, lv) + (suffix if b == ComparisonBasis.PUBLISHED else ""))
        if c != NOT_COMPARED and lv is not None else str(NOT_COMPARED)
        for c, lv, b in zip(data["comparison"], levels, basis, strict=True)]
    data["comparison_colour"] = [BENCHMARK_COLOURS.get((c, lv)) for c, lv in zip(data["comparison"], levels,
                                                                                 strict=True)]
    return data


def _split(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(area rows, England rows, region rows) of one feed, persons only."""
    rows = _persons(rows)
    return (rows[rows["area_type"].isin(LOCAL_LEVELS)], rows[rows["area_code"] == ENGLAND],
            rows[rows["area_type"] == "region"])


def _coverage(indicator_id: str, feeds: Sequence[LocalFeed], changes: pd.DataFrame, known: frozenset[str],
              parts: _Parts) -> tuple[dict[str, _Coverage], pd.DataFrame, pd.DataFrame]:
    """(what each level is laid from, England's rows, region rows) of one indicator; code reports go to parts.
    A later feed for a level replaces an earlier one; district rows stand in for upper-tier areas (unitary
    authorities) only where no feed covers that level."""
    covered: dict[str, _Coverage] = {}
    england_rows, region_rows = [], []
    for feed in feeds:
        area_rows, england, regions = _split(feed.rows)
        current, report = _current_codes(area_rows, changes, known)
        if not report.empty:
            parts.reports.append(report.assign(file=feed.file, indicator_id=indicator_id))
        reasons = _successor_reasons(report)
        for level in feed.levels:
            covered[level] = _Coverage(current, feed.file, reasons, False)
        if "lad" in feed.levels:
            covered.setdefault("utla", _Coverage(current, feed.file, reasons, True))
        england_rows.append(england)
        region_rows.append(regions)
    england = pd.concat(england_rows).drop_duplicates(["period"]) if england_rows else pd.DataFrame()
    return covered, england, pd.concat(region_rows).drop_duplicates(["area_code", "period"])


@dataclass(frozen=True)
class _Geography:
    """The district lookup and the areas made of whole districts (counties; police force areas when the CSP/PFA
    lookup is there)."""

    lookup: pd.DataFrame
    counties: Groups
    forces: Groups | None  # made of districts
    forces_of_utlas: Groups | None  # made of upper-tier areas, for a file with upper-tier figures only


def _with_counties(utla: pd.DataFrame, districts: pd.DataFrame, counties: Groups, unit: str) -> pd.DataFrame:
    """Upper-tier rows laid from district data, each county's row computed from its districts where the counts
    allow it; otherwise the county keeps the reason it has no value."""
    computed = from_districts(districts, counties, unit).set_index(["area_code", "period"])
    keys = pd.MultiIndex.from_frame(utla[["area_code", "period"]])
    found = computed.reindex(keys)
    status = found["group_status"].to_numpy()
    result = utla.copy()
    use = status == GroupStatus.COMPUTED
    for column in GROUP_VALUE_COLUMNS:
        values = result[column].to_numpy(dtype=object) if column in result else np.full(len(result), None, object)
        result[column] = np.where(use, found[column].to_numpy(dtype=object), values)
    explain = pd.notna(status) & ~use & (status != GroupStatus.NO_COUNTS)
    result.loc[explain, "note"] = found["note"].to_numpy()[explain]
    result["group_status"] = np.where(pd.notna(status), status, None)
    for column in GROUP_VALUE_COLUMNS[:7]:
        result[column] = pd.to_numeric(result[column], errors="coerce")
    return result


def _laid_levels(covered: dict[str, _Coverage], geography: _Geography, unit: str) -> dict[str, pd.DataFrame]:
    """Each covered level laid on its areas, plus the police force areas computed from the districts."""
    laid = {level: _on_level(coverage, level, geography.lookup) for level, coverage in covered.items()}
    if LAD in laid:
        for column in GROUP_VALUE_COLUMNS:
            if column not in laid[LAD]:
                laid[LAD][column] = None if column in ("note", "computed_from", "group_status") else np.nan
        if UTLA in covered and covered[UTLA].from_districts:
            laid[UTLA] = _with_counties(laid[UTLA], laid[LAD], geography.counties, unit)
    forces = _forces(laid, covered, geography, unit)
    if forces is not None:
        laid[PFA] = forces
    return laid


def _forces(laid: dict[str, pd.DataFrame], covered: dict[str, _Coverage], geography: _Geography,
            unit: str) -> pd.DataFrame | None:
    """The police force areas computed from their districts' counts, else from their upper-tier areas' counts
    (an upper-tier file, where a force's districts have none); None without the CSP/PFA lookup."""
    if geography.forces is None or geography.forces_of_utlas is None:
        return None
    candidates = []
    if LAD in laid:
        candidates.append(from_districts(laid[LAD], geography.forces, unit))
    if UTLA in laid and not covered[UTLA].from_districts:
        candidates.append(from_districts(laid[UTLA], geography.forces_of_utlas, unit))
    if not candidates:
        return None
    result = candidates[0].set_index(["area_code", "period"])
    for other in candidates[1:]:
        better = other.set_index(["area_code", "period"])
        better = better[better["group_status"] == GroupStatus.COMPUTED]
        replace = [key for key in better.index
                   if key not in result.index or result.at[key, "group_status"] != GroupStatus.COMPUTED]
        result = pd.concat([result.drop(index=[k for k in replace if k in result.index]), better.loc[replace]])
    return result.reset_index()


def _lay_indicator(indicator_id: str, feeds: Sequence[LocalFeed], meta: pd.DataFrame, geography: _Geography,
                   changes: pd.DataFrame, known: frozenset[str], parts: _Parts) -> None:
    """Lay one indicator on every level its files cover (and on police force areas, from the districts); add its
    values, England and region rows to parts."""
    covered, england, regions = _coverage(indicator_id, feeds, changes, known, parts)
    unit = meta.at[indicator_id, "unit"]
    for level, laid_rows in _laid_levels(covered, geography, unit).items():
        coverage = covered.get(level, covered.get(LAD, covered.get(UTLA)))
        laid = _compare(laid_rows, england, meta.loc[indicator_id].copy())
        if england.empty:
            laid["note"] = laid["note"].fillna(ENGLAND_NOT_IN_FILE)
        laid = laid.assign(level=level, indicator_id=indicator_id, unit=meta.at[indicator_id, "unit"],
                           source_file=coverage.file)
        for column in VALUE_COLUMNS:
            if column not in laid:
                laid[column] = None
        parts.values.append(laid[VALUE_COLUMNS])
        parts.files.append({"indicator_id": indicator_id, "level": level, "file": coverage.file,
                            "from_districts": coverage.from_districts or level == PFA})
    if not england.empty:
        parts.england.append(england[ENGLAND_COLUMNS])
    if not regions.empty:
        parts.regions.append(regions.rename(columns={"area_code": "region_code", "area_name": "region_name"})[
            REGION_COLUMNS])


def _concat(frames: list[pd.DataFrame], columns: Sequence[str]) -> pd.DataFrame:
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(columns))


def lay_on_areas(feeds: Mapping[str, Sequence[LocalFeed]], register: pd.DataFrame, lookup: pd.DataFrame,
                 changes: pd.DataFrame, known: frozenset[str], forces: pd.DataFrame | None = None) -> LocalIndicators:
    """Every indicator's feeds (loaders.local_files) on current codes, laid on every area at each level its
    files cover, and compared with England. ``lookup``: the LAD lookup; ``changes``: the code-change table;
    ``known``: the codes in force (``loaders.lookups.codes_in_force``); ``forces``: the CSP/PFA lookup
    (``loaders.lookups.read_csp_pfa_lookup``), for the police force area level. An indicator with no feed is
    absent."""
    meta = register.set_index("indicator_id")
    parts = _Parts()
    geography = _Geography(lookup, county_groups(lookup), None if forces is None else force_groups(lookup, forces),
                           None if forces is None else force_groups(lookup, forces, UTLA))
    for indicator_id, indicator_feeds in feeds.items():
        _lay_indicator(indicator_id, indicator_feeds, meta, geography, changes, known, parts)
    values = _concat(parts.values, VALUE_COLUMNS)
    values["value"] = pd.to_numeric(values["value"], errors="coerce")
    logger.info("local indicators: %d area rows, %d indicators", len(values), values["indicator_id"].nunique())
    return LocalIndicators(
        values=values, england=_concat(parts.england, ENGLAND_COLUMNS), regions=_concat(parts.regions,
                                                                                        REGION_COLUMNS),
        register=register, report=_concat(parts.reports, ["file", "indicator_id", *REPORT_COLUMNS]),
        files=pd.DataFrame(parts.files),
        period_order={(i, level): periods(values, i, level)
                      for i, level in values[["indicator_id", "level"]].drop_duplicates().itertuples(index=False)})


def periods(values: pd.DataFrame, indicator_id: str, level: str) -> list[str]:
    """The periods an indicator has at a level, oldest first (core.periods)."""
    rows = values[(values["indicator_id"] == indicator_id) & (values["level"] == level)]
    return order_periods(rows["period"])
