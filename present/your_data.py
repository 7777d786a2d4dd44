"""Your data's comparison choices made into figures: the national evidence each partner need can be compared with,
and the local general-population figure of each area (its latest period). Frames in, plain figures out."""

from __future__ import annotations

import pandas as pd

from core.labels import COHORT_LABELS
from core.periods import latest_period

# The local general-population indicators a partner need can be compared with (indicator id -> label).
LOCAL_NEEDS = {"92443": "Adult smoking prevalence (Fingertips 92443)",
               "848": "Recorded depression prevalence (Fingertips 848)"}
Figure = tuple[float, str]  # (percentage, what it is: "the national prison figure", "Leeds's general population")


def needs_in(rows: pd.DataFrame) -> list[tuple[str, str]]:
    """The (cohort, need) pairs of the partners' rows, in the order the files give them."""
    return list(rows[["cohort", "indicator"]].drop_duplicates().itertuples(index=False, name=None))


def _evidence(comparison: pd.DataFrame, cohort: str) -> pd.DataFrame:
    return comparison[(comparison["cohort"] == cohort) & (comparison["unit"] == "%")
                      & comparison["cohort_value"].notna()]


def national_options(comparison: pd.DataFrame, cohort: str) -> dict[str, str]:
    """The national percentages published for ``cohort``: evidence id -> label."""
    return {row.indicator_id: f"{row.indicator} ({row.cohort_value:g}%, {row.cohort_source})"
            for row in _evidence(comparison, cohort).itertuples()}


def national_figure(comparison: pd.DataFrame, cohort: str, indicator_id: str) -> Figure:
    """The national percentage chosen for a need of ``cohort``."""
    evidence = _evidence(comparison, cohort)
    row = evidence[evidence["indicator_id"] == indicator_id].iloc[0]
    return float(row["cohort_value"]), f"the national {COHORT_LABELS[cohort].lower()} figure"


def general_figures(local_values: pd.DataFrame, rows: pd.DataFrame, need: str,
                    indicator_id: str) -> dict[tuple[str, str], Figure]:
    """(area code, need) -> the area's latest value of local indicator ``indicator_id``, for every area the
    partners' rows give for ``need`` (an area without a value is left out)."""
    figures = {}
    areas = rows.loc[rows["indicator"] == need, ["area_code", "area_type"]].drop_duplicates()
    chosen = local_values[(local_values["indicator_id"] == indicator_id) & local_values["value"].notna()]
    for area_code, area_type in areas.itertuples(index=False):
        latest = chosen[(chosen["level"] == area_type) & (chosen["area_code"] == area_code)]
        if not latest.empty:
            pick = latest[latest["period"] == latest_period(latest["period"])].iloc[0]
            figures[(area_code, need)] = (float(pick["value"]),
                                          f"{pick['area_name']}'s general population ({pick['period']})")
    return figures


MapFigure = tuple[str, str, str, str]  # (cohort, need, period, sex)


def mappable(shown: pd.DataFrame) -> list[MapFigure]:
    """The figures given for more than one area: worth a map."""
    areas = shown.groupby(["cohort", "indicator", "period", "sex"])["area_code"].nunique()
    return list(areas[areas > 1].index)


def figure_label(figure: MapFigure) -> str:
    cohort, need, period, sex = figure
    return f"{COHORT_LABELS[cohort]}: {need}, {period} ({sex})"


def map_rows(shown: pd.DataFrame, figure: MapFigure) -> pd.DataFrame:
    """The rows of one figure at the level most of its areas are at (one map shows one level)."""
    cohort, need, period, sex = figure
    rows = shown[(shown["cohort"] == cohort) & (shown["indicator"] == need) & (shown["period"] == period)
                 & (shown["sex"] == sex)]
    return rows[rows["area_type"] == rows["area_type"].mode().iloc[0]]
