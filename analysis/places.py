"""Where a chosen place is at each level: a district's county and police force area, a county's or force's
districts, and each district's community safety partnerships (CSPs), from the ONS lookups.

``place_at`` keeps the place when the level changes: going up (district -> county or force, county -> force)
there is one answer; going down (county -> districts, force -> counties or districts) the area last chosen at that
level is kept when it lies in the place, else the first by name. A unitary authority is its own district and
upper-tier area. Every district lies in one force; a CSP may cover several districts, and seven districts are split
between the CSPs of the districts they replaced (BCP, Buckinghamshire, ...), so CSPs are named, never drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from core.codes import LAD, PFA, UTLA

TREE_COLUMNS = ["lad_code", "lad_name", "utla_code", "utla_name", "pfa_code", "pfa_name", "region_code",
                "region_name"]
CSP_COLUMNS = ["lad_code", "csp_code", "csp_name"]


@dataclass(frozen=True)
class Places:
    """One row per English district with its county or unitary and its force (``tree``), and one row per
    district and CSP (``csps``; empty without the CSP/PFA lookup)."""

    tree: pd.DataFrame
    csps: pd.DataFrame

    @property
    def has_forces(self) -> bool:
        return bool(self.tree["pfa_code"].notna().any())

    def rows_of(self, code: str) -> pd.DataFrame:
        """The districts of the area ``code`` at any level (a district's own row)."""
        tree = self.tree
        return tree[(tree["lad_code"] == code) | (tree["utla_code"] == code) | (tree["pfa_code"] == code)]

    def districts_of(self, code: str) -> list[tuple[str, str]]:
        """(code, name) of the area's districts, by name."""
        rows = self.rows_of(code).sort_values("lad_name")
        return list(zip(rows["lad_code"], rows["lad_name"], strict=True))

    def partnerships_of(self, lad_code: str) -> list[tuple[str, str]]:
        """(code, name) of the CSPs a district belongs to (several where it is split), by name."""
        rows = self.csps[self.csps["lad_code"] == lad_code].sort_values("csp_name")
        return list(zip(rows["csp_code"], rows["csp_name"], strict=True))

    def csp_districts(self, csp_code: str) -> list[str]:
        return sorted(self.csps.loc[self.csps["csp_code"] == csp_code, "lad_code"])


def places(lad_lookup: pd.DataFrame, forces: pd.DataFrame | None) -> Places:
    """The place tree from the district lookup and (when imported) the CSP/PFA lookup."""
    tree = lad_lookup[["lad_code", "lad_name", "utla_code", "utla_name", "region_code", "region_name"]].copy()
    if forces is None:
        tree["pfa_code"] = tree["pfa_name"] = None
        return Places(tree[TREE_COLUMNS], pd.DataFrame(columns=CSP_COLUMNS))
    pairs = forces[["lad_code", "pfa_code", "pfa_name"]].drop_duplicates("lad_code")
    tree = tree.merge(pairs, on="lad_code", how="left")
    csps = forces.loc[forces["lad_code"].isin(tree["lad_code"]), CSP_COLUMNS].drop_duplicates()
    return Places(tree[TREE_COLUMNS].reset_index(drop=True), csps.reset_index(drop=True))


def place_at(where: Places, code: str, level: str, remembered: Mapping[str, str] | None = None) -> str:
    """The area at ``level`` ("utla", "lad" or "pfa") standing for the place ``code`` (at any level): itself, the
    one area containing it, or one of its parts (``remembered[level]`` when it is one, else the first by name);
    "" when the place is not in the lookup."""
    if not code or level not in (UTLA, LAD, PFA):
        return ""
    rows = where.rows_of(code)
    column, name = f"{level}_code", f"{level}_name"
    candidates = rows[[column, name]].dropna().drop_duplicates(column)
    if candidates.empty:
        return ""
    codes = set(candidates[column])
    if code in codes:
        return code
    prior = (remembered or {}).get(level, "")
    if prior in codes:
        return prior
    return str(candidates.sort_values(name)[column].iloc[0])
