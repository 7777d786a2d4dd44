"""Figures for areas made of whole districts, computed from the districts' counts: police force areas (every
district lies in one force) and counties where the data folder has district figures only.

Rules (one copy, used by the Map, the Area profile, Local need and the board pack through the local indicators):

* Only a figure that is a count over a denominator is added up: a percentage (sum of counts / sum of
  denominators x 100, with a Wilson score interval), a crude rate per 1,000 or 100,000 (Byar's interval, exact
  under 10 events) or a ratio of two counts such as re-offences per re-offender (no interval: its method is not
  known here, so it is not compared). Every district's published value must be its own count / denominator (to
  0.05), so an age-standardised or survey-weighted figure that carries a count is never summed.
* A group gets a value only when every one of its districts has a value, a count and a denominator in that period.
* A rate, score or average without counts is never averaged: the group has no value and the note says why.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import pandas as pd

from analysis.benchmark import CRUDE_TOLERANCE, FIGURE_KEY
from analysis.proportions import wilson_interval_percent
from analysis.rates import rate_interval
from core.codes import COUNTY_PREFIX, LAD, PFA, UTLA
from core.comparison_codes import CONFIDENCE_95, CONFIDENCE_99_8
from core.errors import listed

LISTED = 6  # districts named in a note before "and N more"
GROUP_COLUMNS = ["area_code", "area_name", "region_code", "region_name", "period", "value", "ci_low", "ci_high",
                 "ci_low_99_8", "ci_high_99_8", "numerator", "denominator", "unit", "note", "group_status",
                 "computed_from", *(c for c in FIGURE_KEY if c != "period")]


class Kind(StrEnum):
    """How a figure is built from counts."""

    PROPORTION = "proportion"  # count / denominator x 100, Wilson score interval
    CRUDE_RATE = "crude rate"  # count / denominator x multiplier, Byar's interval
    RATIO = "ratio of counts"  # count / denominator ("per re-offender"), no interval


class GroupStatus(StrEnum):
    """Whether a group's value could be computed, and if not, why."""

    COMPUTED = "computed"
    NOT_A_COUNT = "not a count"  # the unit is not count over denominator (a score, an average, a ratio)
    MISSING_DISTRICTS = "missing districts"
    NO_COUNTS = "no counts"
    NOT_CRUDE = "not crude"  # a value differs from its count / denominator (standardised, weighted)
    NO_DENOMINATOR = "no denominator"


@dataclass(frozen=True)
class CountMethod:
    kind: Kind
    multiplier: float

    @property
    def interval_words(self) -> str:
        return {Kind.PROPORTION: "Wilson score interval", Kind.CRUDE_RATE: "Byar's interval",
                Kind.RATIO: "no interval: the method for this ratio is not known here"}[self.kind]


def count_method(unit: str) -> CountMethod | None:
    """How a figure in ``unit`` is rebuilt from counts: "%" is a proportion, "per 1,000" or "per 100,000" a crude
    rate, "per re-offender" a ratio of counts; anything else (a score, a published ratio) is not a count over a
    denominator (None)."""
    text = str(unit).strip().lower()
    if text == "%":
        return CountMethod(Kind.PROPORTION, 100.0)
    match = re.fullmatch(r"per\s+([\d,]+)", text)
    if match:
        return CountMethod(Kind.CRUDE_RATE, float(match.group(1).replace(",", "")))
    if re.fullmatch(r"per\s+[a-z][a-z-]*", text):
        return CountMethod(Kind.RATIO, 1.0)
    return None


@dataclass(frozen=True)
class Groups:
    """Areas made of whole districts: each group's districts (all of them), its name and region."""

    level: str  # the groups' level: "pfa", or "utla" for counties
    members: Mapping[str, tuple[str, ...]]
    names: Mapping[str, str]
    regions: Mapping[str, tuple[str, str]]  # group -> (region code, region name)
    member_names: Mapping[str, str]
    member_level: str = LAD  # the members' level: districts, or upper-tier areas for forces without district data

    @property
    def member_noun(self) -> str:
        return "districts" if self.member_level == LAD else "counties and unitary authorities"


def _regions(frame: pd.DataFrame, code: str) -> dict[str, tuple[str, str]]:
    first = frame.drop_duplicates(code)
    return {row[code]: (row["region_code"], row["region_name"]) for _, row in first.iterrows()}


def force_groups(lad_lookup: pd.DataFrame, forces: pd.DataFrame, members: str = LAD) -> Groups:
    """England's police force areas from the district lookup and the CSP/PFA lookup (one force per district), made
    of districts (``members="lad"``) or of upper-tier areas (``"utla"``: each lies in one force)."""
    pairs = forces[["lad_code", "pfa_code", "pfa_name"]].drop_duplicates(["lad_code", "pfa_code"])
    joined = lad_lookup.merge(pairs, on="lad_code", how="inner").drop_duplicates([f"{members}_code", "pfa_code"])
    code, name = f"{members}_code", f"{members}_name"
    return Groups(PFA, joined.groupby("pfa_code")[code].agg(lambda s: tuple(sorted(s))).to_dict(),
                  dict(zip(joined["pfa_code"], joined["pfa_name"], strict=False)), _regions(joined, "pfa_code"),
                  dict(zip(joined[code], joined[name], strict=False)), members)


def county_groups(lad_lookup: pd.DataFrame) -> Groups:
    """England's counties (E10) and their districts."""
    counties = lad_lookup[lad_lookup["utla_code"].str.startswith(COUNTY_PREFIX)]
    return Groups(UTLA, counties.groupby("utla_code")["lad_code"].agg(lambda s: tuple(sorted(s))).to_dict(),
                  dict(zip(counties["utla_code"], counties["utla_name"], strict=False)),
                  _regions(counties, "utla_code"), dict(zip(lad_lookup["lad_code"], lad_lookup["lad_name"],
                                                            strict=True)), LAD)


def _named(codes, names: Mapping[str, str]) -> str:
    return listed([names.get(code, code) for code in codes], LISTED)


@dataclass(frozen=True)
class _Sums:
    """One group's members in one period, as the rules need them."""

    expected: tuple[str, ...]
    with_value: frozenset[str]  # members with a value
    without_counts: tuple[str, ...]  # members with a value but no count or denominator
    not_crude: bool  # a member's value is not its count / denominator x the multiplier
    numerator: float
    denominator: float


def _status(sums: _Sums, method: CountMethod | None, unit: str, groups: Groups) -> tuple[GroupStatus, str]:
    """Why a group's value cannot be computed (and the note), or COMPUTED with an empty note."""
    noun = groups.member_noun
    if method is None:
        return GroupStatus.NOT_A_COUNT, (f"No value: figures in {unit} are not a count over a denominator, so they "
                                         f"cannot be added up from {noun}, and they are never averaged.")
    missing = [code for code in sums.expected if code not in sums.with_value]
    if missing:
        return GroupStatus.MISSING_DISTRICTS, (f"No value: {len(missing)} of its {len(sums.expected)} {noun} have no "
                                               f"figure for this period ({_named(missing, groups.member_names)}).")
    if sums.without_counts:
        return GroupStatus.NO_COUNTS, (f"No value: the file has no counts and denominators for "
                                       f"{_named(sums.without_counts, groups.member_names)}, and rates are never "
                                       "averaged.")
    if sums.not_crude:
        return GroupStatus.NOT_CRUDE, (f"No value: the {noun}' figures are not their count ÷ denominator (an "
                                       "age-standardised or weighted figure), so their counts cannot be added up.")
    if sums.denominator <= 0:
        return GroupStatus.NO_DENOMINATOR, f"No value: the {noun}' denominators add up to 0."
    return GroupStatus.COMPUTED, ""


def _interval(method: CountMethod, numerator: float, denominator: float, level: float) -> tuple[float, float]:
    if method.kind is Kind.RATIO:
        return np.nan, np.nan
    try:
        if method.kind is Kind.PROPORTION:
            interval = wilson_interval_percent(numerator, denominator, level)
        else:
            interval = rate_interval(numerator, denominator, method.multiplier, level)
    except (ValueError, TypeError):  # fractional (weighted) counts, or more events than people: no interval
        return np.nan, np.nan
    return interval.low, interval.high


def _group_row(group: str, sums: _Sums, groups: Groups, method: CountMethod | None, unit: str) -> dict:
    status, note = _status(sums, method, unit, groups)
    region_code, region_name = groups.regions.get(group, (None, None))
    row = {"area_code": group, "area_name": groups.names[group], "region_code": region_code,
           "region_name": region_name, "value": np.nan, "ci_low": np.nan, "ci_high": np.nan, "ci_low_99_8": np.nan,
           "ci_high_99_8": np.nan, "numerator": np.nan, "denominator": np.nan, "note": note,
           "group_status": str(status), "computed_from": groups.member_level}
    if status is GroupStatus.COMPUTED and method is not None:
        numerator, denominator = sums.numerator, sums.denominator
        row.update(numerator=numerator, denominator=denominator,
                   value=numerator / denominator * method.multiplier)
        row["ci_low"], row["ci_high"] = _interval(method, numerator, denominator, CONFIDENCE_95)
        row["ci_low_99_8"], row["ci_high_99_8"] = _interval(method, numerator, denominator, CONFIDENCE_99_8)
        row["note"] = (f"Computed from {groups.member_noun}: {numerator:,.0f} ÷ {denominator:,.0f}, the sums of its "
                       f"{len(sums.expected)} {groups.member_noun}' counts and denominators "
                       f"({method.interval_words}).")
    return row


def _member_sums(rows: pd.DataFrame, groups: Groups, method: CountMethod | None) -> pd.DataFrame:
    """Per group and period: the members with a value, those without counts, whether any value is not crude,
    and the summed counts (vectorised: the local indicators have thousands of district rows)."""
    group_of = {code: group for group, members in groups.members.items() for code in members}
    data = pd.DataFrame({"group": rows["area_code"].map(group_of), "code": rows["area_code"],
                         "period": rows["period"], "value": pd.to_numeric(rows["value"], errors="coerce"),
                         "numerator": pd.to_numeric(rows["numerator"], errors="coerce"),
                         "denominator": pd.to_numeric(rows["denominator"], errors="coerce")})
    data = data[data["group"].notna() & data["value"].notna()]
    multiplier = method.multiplier if method is not None else 1.0
    crude = data["numerator"] / data["denominator"].where(data["denominator"] > 0) * multiplier
    counted = data["numerator"].notna() & data["denominator"].notna()
    data = data.assign(uncounted=data["code"].where(~counted),
                       not_crude=counted & ~((data["value"] - crude).abs() <= CRUDE_TOLERANCE))
    return data.groupby(["group", "period"], sort=False).agg(
        with_value=("code", frozenset), without_counts=("uncounted", lambda s: tuple(s.dropna())),
        not_crude=("not_crude", "any"), numerator=("numerator", "sum"), denominator=("denominator", "sum"))


def from_districts(district_rows: pd.DataFrame, groups: Groups, unit: str) -> pd.DataFrame:
    """One row per group and period of ``district_rows`` (one indicator's rows for the groups' members, usually
    districts: area_code, period, value, numerator, denominator and the figure key), its value computed from the
    members' counts where the rules allow, else empty with the reason in ``note`` (GROUP_COLUMNS)."""
    method = count_method(unit)
    key = {column: district_rows[column].dropna().iloc[0] if district_rows[column].notna().any() else None
           for column in FIGURE_KEY if column != "period" and column in district_rows}
    sums = _member_sums(district_rows, groups, method)
    records = []
    for period in dict.fromkeys(district_rows["period"]):
        for group in sorted(groups.members):
            expected = groups.members[group]
            if (group, period) in sums.index:
                found = sums.loc[(group, period)]
                group_sums = _Sums(expected, found["with_value"], found["without_counts"], bool(found["not_crude"]),
                                   float(found["numerator"]), float(found["denominator"]))
            else:
                group_sums = _Sums(expected, frozenset(), (), False, 0.0, 0.0)
            records.append({**_group_row(group, group_sums, groups, method, unit), "period": period, "unit": unit,
                            **key})
    return pd.DataFrame(records, columns=GROUP_COLUMNS)


def group_population(population: pd.DataFrame, groups: Groups) -> pd.DataFrame:
    """The Census population rows (``loaders.population.read_population``) of each group, summed over its districts
    (area_type = the groups' level); a group with a district missing from the file is left out."""
    districts = population[population["area_type"] == LAD]
    present = set(districts["area_code"])
    parts = []
    for group, members in groups.members.items():
        if not set(members) <= present:
            continue
        rows = districts[districts["area_code"].isin(members)]
        summed = rows.groupby(["age", "age_from", "age_to", "band"], dropna=False, sort=False)["population"].sum()
        ltla_codes = "|".join(dict.fromkeys(code for codes in rows["census_2021_ltla_codes"].dropna()
                                            for code in str(codes).split("|")))
        frame = summed.reset_index().assign(
            area_code=group, area_name=groups.names[group], area_type=groups.level, utla_code=None,
            region_code=groups.regions.get(group, (None, None))[0], census_2021_ltla_codes=ltla_codes or None)
        parts.append(frame)
    if not parts:
        return population.iloc[0:0]
    return pd.concat(parts, ignore_index=True)[list(population.columns)].astype(population.dtypes.to_dict())
