"""Selecting national cohort sizes as published (no sums or estimates are made here)."""

from __future__ import annotations

import pandas as pd


def latest_snapshot(cohort_sizes: pd.DataFrame, cohort: str) -> pd.Series | None:
    """The most recent primary-source snapshot count for a cohort, or None if there is none."""
    rows = cohort_sizes[(cohort_sizes["cohort"] == cohort) & (cohort_sizes["period_type"] == "snapshot")
                        & (cohort_sizes["source_status"] == "primary") & cohort_sizes["value"].notna()
                        & cohort_sizes["reference_date"].notna()]
    if rows.empty:
        return None
    return rows.sort_values("reference_date").iloc[-1]
