"""The Area profile's view-models: one area's indicators as a display table (beside England, its region and every
area at its level) and one indicator over time for the area, its region and England."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from present.map_view import value_text

NOT_IN_FILE = "not in the file"
NOT_PUBLISHED = "not published"
NO_AREA_HAS_ONE = "no area at this level has a value"
SERIES_ORDER = {"area": 0, "region": 1, "England": 2}  # the area first, then its region, then England


def _interval(lows: pd.Series, highs: pd.Series) -> list[str]:
    return [f"{lo:.1f} to {hi:.1f}" if pd.notna(lo) and pd.notna(hi) else NOT_PUBLISHED
            for lo, hi in zip(lows, highs, strict=True)]


def _values(values: pd.Series, units: pd.Series, missing: str | None = None) -> list[str]:
    return [missing if missing is not None and pd.isna(v) else value_text(v, u, 1)
            for v, u in zip(values, units, strict=True)]


def _rank(rank: float, areas: float) -> str:
    return "" if pd.isna(rank) else f"{int(rank)} of {int(areas)} (1 = highest)"


def profile_table(profile: pd.DataFrame, area_name: str, region: str) -> pd.DataFrame:
    """One row per indicator of ``analysis.profile.area_profile`` (with its trend and trend_reason), as shown."""
    return pd.DataFrame({
        "Indicator": profile["short_name"],
        "Period": profile["period"],
        area_name: _values(profile["value"], profile["unit"]),
        "95% CI": _interval(profile["ci_low"], profile["ci_high"]),
        "Compared with England": profile["comparison_label"],
        "England": _values(profile["england_value"], profile["unit"], NOT_IN_FILE),
        f"Region ({region})": _values(profile["region_value"], profile["unit"], NOT_IN_FILE),
        "Rank in region": [_rank(rank, areas) for rank, areas in
                           zip(profile["region_rank"], profile["region_areas"], strict=True)],
        "Recent trend": profile["trend"],
        "Range across areas": [f"{lo:,.1f} to {hi:,.1f} ({n} areas)" if n else NO_AREA_HAS_ONE for lo, hi, n in
                               zip(profile["lowest"], profile["highest"], profile["areas_with_value"], strict=True)],
        "Note": profile["note"].fillna(""),
    })


def district_table(rows: pd.DataFrame, short_names: pd.Series) -> pd.DataFrame:
    """A county's or force's districts, one row per district and indicator (local indicator value rows at district
    level), for the indicators the area itself has no value for."""
    ordered = rows.assign(_name=rows["indicator_id"].map(short_names)).sort_values(["_name", "area_name"])
    return pd.DataFrame({
        "District": ordered["area_name"], "Code": ordered["area_code"], "Indicator": ordered["_name"],
        "Period": ordered["period"], "Value": _values(ordered["value"], ordered["unit"]),
        "95% CI": _interval(ordered["ci_low"], ordered["ci_high"]),
        "Compared with England": ordered["comparison_label"], "Note": ordered["note"].fillna(""),
    })


@dataclass(frozen=True)
class OverTime:
    """One indicator over time: rows (period, value, ci_low, ci_high, series, kind) for the area, its region (when
    the file has it) and England."""

    rows: pd.DataFrame
    has_region: bool


def over_time(own: pd.DataFrame, england: pd.DataFrame, regions: pd.DataFrame, indicator_id: str,
              area_name: str, region_code: str, region_name: str) -> OverTime:
    """The series to draw for ``indicator_id``: ``own`` holds the area's rows, ``england`` and ``regions`` the
    local indicators' England and region rows."""
    columns = ["period", "value", "ci_low", "ci_high"]
    parts = [own[own["indicator_id"] == indicator_id][columns].assign(series=area_name, kind="area"),
             england[england["indicator_id"] == indicator_id][columns].assign(series="England", kind="England")]
    region_rows = regions[(regions["indicator_id"] == indicator_id) & (regions["region_code"] == region_code)]
    if not region_rows.empty:
        parts.append(region_rows[columns].assign(series=region_name, kind="region"))
    return OverTime(pd.concat(parts, ignore_index=True), not region_rows.empty)


def over_time_table(rows: pd.DataFrame, periods: list[str], unit: str) -> pd.DataFrame:
    """The figures of ``over_time`` as shown under the chart: the area, then the region, then England, each in
    period order."""
    period_rank = {period: n for n, period in enumerate(periods)}
    ordered = rows.assign(kind_rank=rows["kind"].map(SERIES_ORDER), period_rank=rows["period"].map(period_rank)
                          ).sort_values(["kind_rank", "period_rank"])
    return pd.DataFrame({
        "Area": ordered["series"], "Period": ordered["period"],
        f"Value ({unit})": [value_text(v, unit, 1) for v in ordered["value"]],
        "95% CI": _interval(ordered["ci_low"], ordered["ci_high"]),
    })
