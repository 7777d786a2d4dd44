"""One area's profile: every local indicator's latest figure beside England, its region and the spread of areas.

Pure functions. The spine chart follows Fingertips' area profiles: each indicator on its own line, England at the
centre, a bar for the range of areas (lowest to highest, with the middle half darker) and the area as a marker
coloured by its comparison with England. Each line is scaled so that the area furthest from England reaches an
end; for a low-is-good indicator the line is flipped, so the worse end is always on the left (for no-judgement
indicators the lower end is on the left).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.benchmark import HIGH_IS_GOOD, LOW_IS_GOOD
from core.periods import latest_period

PROFILE_COLUMNS = [
    "indicator_id", "indicator", "short_name", "unit", "polarity", "period", "value", "ci_low", "ci_high",
    "comparison", "comparison_label", "comparison_colour", "england_value", "region_name", "region_value",
    "region_rank", "region_areas", "areas_with_value", "lowest", "q25", "q75", "highest", "note", "source_file",
]
SPINE_COLUMNS = ["indicator_id", "short_name", "lowest", "q25", "q75", "highest", "area", "england", "flipped",
                 "judged"]


def area_profile(values: pd.DataFrame, regions: pd.DataFrame, register: pd.DataFrame, area_code: str,
                 level: str) -> pd.DataFrame:
    """One row per indicator: the latest period in which the area has a value (else the latest period, with the
    reason), England's value, the region's published value (where the file has one), the area's rank among the
    areas of its region (1 = highest value) and the spread of all areas at this level in that period."""
    meta = register.set_index("indicator_id") if "indicator_id" in register.columns else register
    rows = []
    at_level = values[values["level"] == level]
    by_indicator = dict(tuple(at_level.groupby("indicator_id", sort=False, observed=True)))  # one pass, not one a row
    for indicator_id in [i for i in meta.index if i in by_indicator]:
        indicator_rows = by_indicator[indicator_id]
        own = indicator_rows[indicator_rows["area_code"] == area_code]
        if own.empty:
            continue
        with_value = own[own["value"].notna()]
        candidates = with_value if not with_value.empty else own
        latest = latest_period(candidates["period"])
        row = candidates[candidates["period"] == latest].iloc[0]
        same_period = indicator_rows[indicator_rows["period"] == latest]
        present = same_period["value"].dropna()
        in_region = same_period[(same_period["region_code"] == row["region_code"]) & same_period["value"].notna()]
        rank = int((in_region["value"] > row["value"]).sum()) + 1 if pd.notna(row["value"]) else None
        region_value = regions[(regions["indicator_id"] == indicator_id) & (regions["period"] == latest)
                               & (regions["region_code"] == row["region_code"])]["value"]
        rows.append({
            "indicator_id": indicator_id, "indicator": meta.at[indicator_id, "indicator"],
            "short_name": meta.at[indicator_id, "short_name"], "unit": meta.at[indicator_id, "unit"],
            "polarity": meta.at[indicator_id, "polarity"], "period": latest, "value": row["value"],
            "ci_low": row["ci_low"], "ci_high": row["ci_high"], "comparison": row["comparison"],
            "comparison_label": row["comparison_label"], "comparison_colour": row["comparison_colour"],
            "england_value": row["england_value"], "region_name": row["region_name"],
            "region_value": region_value.iloc[0] if len(region_value) else np.nan,
            "region_rank": rank, "region_areas": len(in_region), "areas_with_value": len(present),
            "lowest": present.min() if len(present) else np.nan,
            "q25": present.quantile(0.25) if len(present) else np.nan,
            "q75": present.quantile(0.75) if len(present) else np.nan,
            "highest": present.max() if len(present) else np.nan,
            "note": row["note"], "source_file": row["source_file"],
        })
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def _position(number: float, centre: float, reach: float, flipped: bool) -> float:
    """Where ``number`` sits on a line from 0 to 1 with ``centre`` at 0.5 and ``reach`` from it to an end."""
    offset = 0.0 if reach == 0 else (number - centre) / (2 * reach)
    return 0.5 - offset if flipped else 0.5 + offset


def spine_positions(profile: pd.DataFrame) -> pd.DataFrame:
    """Positions from 0 (left) to 1 (right) for the spine chart; England at 0.5. Indicators without an England
    value or an area value are left out (the table still lists them)."""
    rows = []
    for row in profile.itertuples(index=False):
        if pd.isna(row.england_value) or pd.isna(row.value):
            continue
        reach = max(abs(row.england_value - row.lowest), abs(row.highest - row.england_value))
        flipped = row.polarity == LOW_IS_GOOD
        lowest, q25, q75, highest, area = (_position(number, row.england_value, reach, flipped)
                                           for number in (row.lowest, row.q25, row.q75, row.highest, row.value))
        ends, middle = sorted([lowest, highest]), sorted([q25, q75])
        rows.append({"indicator_id": row.indicator_id, "short_name": row.short_name, "lowest": ends[0],
                     "q25": middle[0], "q75": middle[1], "highest": ends[1], "area": area,
                     "england": 0.5, "flipped": flipped, "judged": row.polarity in (LOW_IS_GOOD, HIGH_IS_GOOD)})
    return pd.DataFrame(rows, columns=SPINE_COLUMNS)
