"""Your data's comparison choices made into figures: the national evidence each partner need can be compared with,
and the local general-population figure of each area (its latest period), like for like or context only by
``analysis.your_data.general_is_like_for_like``. Frames in, benchmarks out. Also the files' problems as the page
lists them, with text that starts like a formula neutralised by core.safe_csv (the table toolbar exports it)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.your_data import Benchmark, general_is_like_for_like
from core.labels import COHORT_LABELS
from core.periods import latest_period
from core.safe_csv import neutralise_text
from intake.uploads import UploadProblem

# The local general-population indicators a partner need can be set beside (indicator id -> label).
LOCAL_NEEDS = {"92443": "Adult smoking prevalence (Fingertips 92443)",
               "848": "Recorded depression prevalence (Fingertips 848)"}
# What each measures, for the benchmark's name: (the measure, its source).
LOCAL_MEASURES = {"92443": ("adult smoking", "Annual Population Survey"), "848": ("recorded depression", "QOF")}


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


def national_row(comparison: pd.DataFrame, cohort: str, indicator_id: str) -> pd.Series:
    """The comparison row of the national figure chosen for a need of ``cohort``."""
    evidence = _evidence(comparison, cohort)
    return evidence[evidence["indicator_id"] == indicator_id].iloc[0]


def national_figure(comparison: pd.DataFrame, cohort: str, indicator_id: str) -> Benchmark:
    """The national percentage chosen for a need of ``cohort``: by that choice the partner's measure, so compared."""
    row = national_row(comparison, cohort, indicator_id)
    return Benchmark(float(row["cohort_value"]), f"the national {COHORT_LABELS[cohort].lower()} figure")


def general_figures(local_values: pd.DataFrame, rows: pd.DataFrame, cohort: str, need: str, indicator_id: str,
                    national: pd.Series | None = None) -> dict[tuple[str, str, str], Benchmark]:
    """(cohort, area code, need) -> the area's latest value of local indicator ``indicator_id``, for every area the
    partners' rows give for ``cohort`` and ``need`` (an area without a value is left out); like for like only by
    ``general_is_like_for_like`` with ``national``, the comparison row chosen for the need (None: none chosen)."""
    figures = {}
    like_for_like = general_is_like_for_like(indicator_id, national)
    measure, source = LOCAL_MEASURES.get(indicator_id, (f"indicator {indicator_id}", "Fingertips"))
    wanted = (rows["cohort"] == cohort) & (rows["indicator"] == need)
    areas = rows.loc[wanted, ["area_code", "area_type"]].drop_duplicates()
    chosen = local_values[(local_values["indicator_id"] == indicator_id) & local_values["value"].notna()]
    for area_code, area_type in areas.itertuples(index=False):
        latest = chosen[(chosen["level"] == area_type) & (chosen["area_code"] == area_code)]
        if not latest.empty:
            pick = latest[latest["period"] == latest_period(latest["period"])].iloc[0]
            figures[(cohort, area_code, need)] = Benchmark(
                float(pick["value"]), f"{pick['area_name']}'s {measure} ({source}, {pick['period']})", like_for_like)
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


PROBLEM_COLUMNS = ("File", "Sheet", "Row", "Column", "Value", "Problem")


def problems_table(problems: Sequence[UploadProblem]) -> pd.DataFrame:
    """The problems as the page lists them, one row each; every text cell (the file's name, its headers and
    values, and messages that quote them) through core.safe_csv's formula rule."""
    table = pd.DataFrame([{"File": p.file, "Sheet": p.sheet or "", "Row": p.row, "Column": p.column or "",
                           "Value": "" if p.value is None else str(p.value), "Problem": p.message}
                          for p in problems], columns=list(PROBLEM_COLUMNS)).astype({"Row": "Int64"})
    return neutralise_text(table)
