"""Statistical neighbours: an area's nearest neighbours on one of ONS's lists, and where its indicators sit among
theirs (pure functions).

ONS's lists (Explore Local Statistics, 2026 update) rank 20 neighbours per area across the UK, on three models
(global, economic, demographic). The rules:

* Codes: the lists use the codes in force in 2025. They are brought to the app's April 2023 codes with the
  code-change table, one-to-one recodes only (Barnsley E08000038 -> E08000016, Sheffield E08000039 ->
  E08000019); ``NeighbourLists.list_codes`` keeps the list's own code, to say so on screen.
* England only by default: a neighbour whose code does not start with E is left out, ONS's order is kept and
  the first ``count`` (10) that remain are the neighbours (fewer when fewer than 10 of the 20 are English).
* A neighbour's value is its own published figure for the same indicator and period, at the level it is
  published at (a district from district data, a county from upper-tier data): nothing is averaged into it.
* The neighbours' average is the unweighted mean of the values of the neighbours that have one (each area counts
  once, whatever its size); the range is their lowest and highest value; both say how many had a value.
* The rank among neighbours places the area among itself and its neighbours with a value, 1 = highest value
  (an area level with another takes the better rank), as the Area profile's rank in region does.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.code_history import History
from core.geography import DEFAULT_VINTAGE

LIST_COLUMNS = ["model", "area_code", "rank", "neighbour_code"]
ENGLAND_PREFIX = "E"
DEFAULT_COUNT = 10
AGAINST_COLUMNS = ["indicator_id", "period", "value", "neighbours_listed", "neighbours_with_value",
                   "neighbours_lowest", "neighbours_highest", "neighbours_mean", "rank_among", "ranked"]
OVERLAP_COLUMNS = ["model", "other_model", "shared", "first", "second"]


class NeighbourStatus(enum.StrEnum):
    """Whether an area has neighbours on a list, or why not."""

    LISTED = "listed"
    NOT_LISTED = "not_listed"  # the area's code is not on this list (e.g. a code changed after 2025)
    NONE_IN_ENGLAND = "none_in_england"  # every neighbour on the list is outside England


@dataclass(frozen=True)
class NeighbourLists:
    """ONS's lists on the app's codes: ``rows`` (LIST_COLUMNS), the models present, and for an area or neighbour
    whose code was changed, the code the lists use (app code -> list code) and why."""

    rows: pd.DataFrame
    models: tuple[str, ...]
    list_codes: Mapping[str, str]
    recode_reasons: Mapping[str, str]


@dataclass(frozen=True)
class Neighbours:
    """One area's neighbours on one list: the codes in ONS's order (England only when asked, at most ``count``),
    each with its rank on ONS's UK-wide list, and the neighbours outside England that were passed over."""

    area_code: str
    model: str
    status: NeighbourStatus
    codes: tuple[str, ...] = ()
    ons_ranks: tuple[int, ...] = ()
    outside_england: tuple[tuple[int, str], ...] = ()  # (ONS rank, code), up to the last rank used
    listed: int = 0  # how many neighbours ONS lists for the area (20, or 5 for a combined authority)
    count: int = DEFAULT_COUNT
    england_only: bool = True


def on_app_codes(rows: pd.DataFrame, changes: pd.DataFrame, vintage: int = DEFAULT_VINTAGE) -> NeighbourLists:
    """``rows`` (loaders.similar_areas.read_neighbour_lists) with every code recoded one to one to ``vintage``
    codes through the code-change table; other codes are kept as the list has them."""
    history = History(changes, vintage, None, advice=False)
    codes = pd.unique(pd.concat([rows["area_code"], rows["neighbour_code"]]))
    recode, reasons = {}, {}
    for code in codes:
        resolution = history.resolve(code)
        if resolution.kind == "recoded":
            recode[code] = resolution.target
            reasons[resolution.target] = resolution.reason
    mapped = rows.assign(area_code=rows["area_code"].replace(recode),
                         neighbour_code=rows["neighbour_code"].replace(recode))
    return NeighbourLists(mapped[LIST_COLUMNS].reset_index(drop=True), tuple(dict.fromkeys(rows["model"])),
                          {new: old for old, new in recode.items()}, reasons)


def neighbours_of(lists: NeighbourLists, area_code: str, model: str, *, count: int = DEFAULT_COUNT,
                  england_only: bool = True) -> Neighbours:
    """The area's first ``count`` neighbours on ``model``'s list, in ONS's order (England only by default)."""
    rows = lists.rows
    ranked = rows[(rows["model"] == model) & (rows["area_code"] == area_code)].sort_values("rank")
    if ranked.empty:
        return Neighbours(area_code, model, NeighbourStatus.NOT_LISTED, count=count, england_only=england_only)
    pairs = list(zip(ranked["rank"].astype(int), ranked["neighbour_code"], strict=True))
    kept = [(rank, code) for rank, code in pairs if not england_only or code.startswith(ENGLAND_PREFIX)][:count]
    if not kept:
        return Neighbours(area_code, model, NeighbourStatus.NONE_IN_ENGLAND,
                          outside_england=tuple(pairs), listed=len(pairs), count=count, england_only=england_only)
    last_rank = kept[-1][0] if len(kept) == count else pairs[-1][0]
    passed = tuple((rank, code) for rank, code in pairs
                   if rank <= last_rank and not code.startswith(ENGLAND_PREFIX)) if england_only else ()
    return Neighbours(area_code, model, NeighbourStatus.LISTED, tuple(code for _, code in kept),
                      tuple(rank for rank, _ in kept), passed, len(pairs), count, england_only)


def overlap(lists: NeighbourLists, area_code: str, *, count: int = DEFAULT_COUNT,
            england_only: bool = True) -> pd.DataFrame:
    """For each pair of models that both list the area: how many neighbours their first ``count`` share
    (OVERLAP_COLUMNS: the two models, shared, and how many neighbours each has)."""
    chosen = {model: neighbours_of(lists, area_code, model, count=count, england_only=england_only)
              for model in lists.models}
    listed = [model for model, found in chosen.items() if found.status == NeighbourStatus.LISTED]
    rows = [{"model": a, "other_model": b, "shared": len(set(chosen[a].codes) & set(chosen[b].codes)),
             "first": len(chosen[a].codes), "second": len(chosen[b].codes)}
            for a, b in itertools.combinations(listed, 2)]
    return pd.DataFrame(rows, columns=OVERLAP_COLUMNS)


def neighbour_values(values: pd.DataFrame, codes: Sequence[str], indicator_id: str, period: str,
                     level: str) -> pd.Series:
    """Each neighbour's value (code -> value, in the order of ``codes``; NaN without one) for the indicator and
    period: from ``level`` where the neighbour is an area of that level, else from the level it is one of."""
    rows = values[(values["indicator_id"] == indicator_id) & (values["period"] == period)
                  & values["area_code"].isin(codes)]
    own_level_first = rows.assign(_other=rows["level"] != level).sort_values("_other", kind="stable")
    by_code = own_level_first.drop_duplicates("area_code").set_index("area_code")["value"]
    return by_code.reindex(list(codes)).astype("float64")


@dataclass(frozen=True)
class Summary:
    """The neighbours' values against the area's: how many there are and have a value, their lowest, highest
    and unweighted mean, and the area's rank among itself and them (1 = highest) out of ``ranked``."""

    listed: int
    with_value: int
    lowest: float
    highest: float
    mean: float
    rank: float  # NaN without an area value or any neighbour value
    ranked: int  # the area and its neighbours with a value (0 when not ranked)


def summarise(neighbour_values: pd.Series, area_value: float) -> Summary:
    """The neighbours' range and average (the mean of their values, unweighted) and the area's rank."""
    present = neighbour_values.dropna()
    if present.empty:
        return Summary(len(neighbour_values), 0, np.nan, np.nan, np.nan, np.nan, 0)
    ranked = not pd.isna(area_value)
    return Summary(len(neighbour_values), len(present), float(present.min()), float(present.max()),
                   float(present.mean()), float((present > area_value).sum() + 1) if ranked else np.nan,
                   len(present) + 1 if ranked else 0)


def against_neighbours(values: pd.DataFrame, profile: pd.DataFrame, neighbours: Neighbours,
                       level: str) -> pd.DataFrame:
    """Each indicator of ``profile`` (analysis.profile.area_profile: indicator_id, period, value) beside its
    neighbours' values in the same period (AGAINST_COLUMNS)."""
    rows = []
    for row in profile.itertuples(index=False):
        found = neighbour_values(values, neighbours.codes, row.indicator_id, row.period, level)
        summary = summarise(found, row.value)
        rows.append({"indicator_id": row.indicator_id, "period": row.period, "value": row.value,
                     "neighbours_listed": summary.listed, "neighbours_with_value": summary.with_value,
                     "neighbours_lowest": summary.lowest, "neighbours_highest": summary.highest,
                     "neighbours_mean": summary.mean, "rank_among": summary.rank, "ranked": summary.ranked})
    return pd.DataFrame(rows, columns=AGAINST_COLUMNS)
