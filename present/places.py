"""A chosen place in words: where a district, county or police force area sits, and the community safety
partnerships (CSPs) that serve it (ONS LAD -> CSP -> PFA lookup, December 2024). Pure functions."""

from __future__ import annotations

from analysis.places import Places
from core.codes import COUNTY_PREFIX, LAD, PFA, UTLA
from core.errors import listed

LISTED = 8  # districts or partnerships named before "and N more"
CSP_SOURCE = "ONS LAD to Community Safety Partnership to Police Force Area (December 2024) lookup"


def _force_words(name: str) -> str:
    return f"{name} police force area"


def _partnerships(where: Places, lad_code: str, lad_name: str) -> str:
    """The CSPs of one district, in a sentence."""
    csps = where.partnerships_of(lad_code)
    if not csps:
        return ""
    if len(csps) > 1:
        return (f" {lad_name} is split between {len(csps)} community safety partnerships, which still follow the "
                f"districts it replaced: {listed([n for _, n in csps], LISTED)}.")
    code, name = csps[0]
    others = [c for c in where.csp_districts(code) if c != lad_code]
    shared = f", which it shares with {len(others)} other district{'s' if len(others) > 1 else ''}" if others else ""
    return f" Community safety partnership: {name} ({code}){shared}."


def place_sentence(where: Places, code: str, level: str) -> str:
    """Where the chosen area sits and which partnerships serve it, in one or two sentences ("" if unknown)."""
    rows = where.rows_of(code)
    if rows.empty:
        return ""
    first = rows.iloc[0]
    force = _force_words(first["pfa_name"]) if isinstance(first["pfa_name"], str) else ""
    if level == LAD:
        county = f"{first['utla_name']} (county)" if str(first["utla_code"]).startswith(COUNTY_PREFIX) else ""
        parts = [part for part in (county, force) if part]
        inside = f"{first['lad_name']} is in {' and '.join(parts)}." if parts else ""
        return (inside + _partnerships(where, code, first["lad_name"])).strip()
    districts = where.districts_of(code)
    names = listed([name for _, name in districts], LISTED)
    if level == PFA:
        csps = where.csps[where.csps["lad_code"].isin(rows["lad_code"])]["csp_code"].nunique()
        return (f"{_force_words(first['pfa_name'])}: {len(districts)} districts ({names}) and {csps} community "
                "safety partnerships.")
    if level == UTLA and str(code).startswith(COUNTY_PREFIX):
        return f"{first['utla_name']} (county) has {len(districts)} districts: {names}." + (
            f" It lies in {force}." if force else "")
    return (f"{first['utla_name']} is in {force}." if force else "") + _partnerships(where, code, first["lad_name"])
