"""The investment case's arithmetic: published unit costs and returns, uprated to one price year with the GDP
deflator, multiplied out step by step (people x rate x unit cost), always as a range, with fiscal savings,
economic value and social value kept apart (a saving to the NHS is not cash to the council).

Pure functions on typed values; the figures, their sources and price years come from data/investment_inputs.csv
(loaders.investment) and the deflators from data/gdp_deflators.csv. Nothing here is a forecast: each case is an
illustration of scale from national averages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum


class ValueKind(StrEnum):
    """Who gains: a public body's budget, the economy, or society (victims' and health costs included)."""

    FISCAL = "fiscal"
    ECONOMIC = "economic"
    SOCIAL = "social"


class NoDeflator(ValueError):
    """A price year the deflator series does not cover."""


@dataclass(frozen=True)
class Range:
    """A low and a high figure (equal when the source gives one figure)."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"a range runs from low to high: {self.low} > {self.high}")

    def times(self, other: Range) -> Range:
        """The product of two ranges of figures that are not negative: low x low to high x high."""
        return Range(self.low * other.low, self.high * other.high)

    def scaled(self, factor: float) -> Range:
        return Range(self.low * factor, self.high * factor)


@dataclass(frozen=True)
class UnitCost:
    """A published cost or return: what it is a cost of, its range, price year and kind, and its source."""

    key: str
    label: str
    value: Range
    unit: str  # "£ per reoffender", "£ per £1 spent", "£ a year (England and Wales)"
    price_year: str  # "2017/18", as the source states it
    kind: ValueKind
    source_id: str
    uprated_from: str | None = None  # the source's own price year, once uprated


def deflator_ratio(deflators: Mapping[str, float], from_year: str, to_year: str) -> float:
    """How much prices rose from ``from_year`` to ``to_year``: the GDP deflator's index in one over the other."""
    missing = [year for year in (from_year, to_year) if year not in deflators]
    if missing:
        raise NoDeflator(f"no GDP deflator for {', '.join(missing)}")
    return deflators[to_year] / deflators[from_year]


def uprated(cost: UnitCost, deflators: Mapping[str, float], to_year: str) -> UnitCost:
    """``cost`` in ``to_year``'s prices (the same cost when it is already in them)."""
    if cost.price_year == to_year:
        return cost
    ratio = deflator_ratio(deflators, cost.price_year, to_year)
    return replace(cost, value=cost.value.scaled(ratio), price_year=to_year,
                   uprated_from=cost.uprated_from or cost.price_year)


@dataclass(frozen=True)
class Step:
    """One line of the arithmetic shown on screen: its words, its range and its unit."""

    words: str
    value: Range
    unit: str


@dataclass(frozen=True)
class Case:
    """One illustration: its title, who gains, the steps that lead to the result, and the result."""

    title: str
    kind: ValueKind
    steps: tuple[Step, ...]
    result: Range
    price_year: str
    source_ids: tuple[str, ...]


def cost_of_need(title: str, people: Range, people_words: str, rate: Range, rate_words: str,
                 cost: UnitCost) -> Case:
    """people x rate x unit cost: e.g. a probation caseload x the share who reoffend in a year x the cost of a
    reoffender. ``rate`` is a proportion (0 to 1)."""
    if rate.low < 0 or rate.high > 1:
        raise ValueError(f"a rate is a proportion from 0 to 1: {rate}")
    affected = people.times(rate)
    result = affected.times(cost.value)
    steps = (Step(people_words, people, "people"), Step(rate_words, rate, "proportion"),
             Step("People affected (people x proportion)", affected, "people"),
             Step(cost.label, cost.value, cost.unit),
             Step("Cost (people affected x unit cost)", result, "£"))
    return Case(title, cost.kind, steps, result, cost.price_year, (cost.source_id,))


def product_case(title: str, factors: list[Step], affected: Step, cost: UnitCost) -> Case:
    """factor x factor ... x unit cost: e.g. custodial sentences avoided x years in custody each x the cost of a
    prisoner for a year. Each factor is a Step (words, range, unit); the product of the factors is shown before
    the unit cost is applied, under ``affected``'s words and unit (its range is worked out here)."""
    product = Range(1.0, 1.0)
    for factor in factors:
        product = product.times(factor.value)
    result = product.times(cost.value)
    steps = (*factors, Step(affected.words, product, affected.unit),
             Step(cost.label, cost.value, cost.unit), Step("Cost (the product x unit cost)", result, "£"))
    return Case(title, cost.kind, steps, result, cost.price_year, (cost.source_id,))


def return_on_spend(title: str, spend: Range, spend_words: str, ratio: UnitCost) -> Case:
    """spend x the published return per £1: e.g. a local drug treatment budget x the benefit per £1 spent."""
    result = spend.times(ratio.value)
    steps = (Step(spend_words, spend, "£"), Step(ratio.label, ratio.value, ratio.unit),
             Step("Return (spend x return per £1)", result, "£"))
    return Case(title, ratio.kind, steps, result, ratio.price_year, (ratio.source_id,))


def local_share(title: str, national: UnitCost, local: float, total: float, share_words: str) -> Case:
    """A national total apportioned by the area's share (``local`` of ``total``): an illustration only, since
    the national figure says nothing about where it falls."""
    if total <= 0 or not 0 <= local <= total:
        raise ValueError(f"a share needs 0 <= local <= total and total > 0: {local} of {total}")
    share = Range(local / total, local / total)
    result = national.value.times(share)
    steps = (Step(national.label, national.value, national.unit), Step(share_words, share, "proportion"),
             Step("The area's share (national figure x share)", result, "£"))
    return Case(title, national.kind, steps, result, national.price_year, (national.source_id,))


def by_kind(cases: list[Case]) -> dict[ValueKind, list[Case]]:
    """The cases grouped by who gains, in the order fiscal, economic, social; never added across kinds."""
    return {kind: [case for case in cases if case.kind is kind] for kind in ValueKind
            if any(case.kind is kind for case in cases)}
