"""The estimator: for a local cohort of a given size, one ``NeedEstimate`` per need (a cohort x indicator of the
national evidence): the expected number with its 95% interval, the number at the general population's rate and the
additional people (MOVER interval) where the comparison is like for like, and the optional adjusted number. Numbers
unrounded; states as codes (the words are made by ``present.local_need_text``).

Like for like is the comparison row's code, never its words: ``ratio_basis`` is computed or published
(``LIKE_FOR_LIKE_BASES``). Any other basis (context only, no comparator, a published ratio of low comparability, a
count) keeps the general-population prevalence as context and works out no number at its rate."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

import pandas as pd

from analysis.comparison import CI_NOT_PUBLISHED, WILSON_CI
from analysis.local_need.adjustment import Adjusted, AdjustmentStatus, LocalAdjustment, adjust
from analysis.local_need.cohort_size import SexSplit
from analysis.local_need.cohorts import ESTIMATOR_COHORTS, LOCAL_INDICATORS
from core.comparison_codes import LIKE_FOR_LIKE_BASES


class Basis(StrEnum):
    """How a need's number was worked out from the published rates."""

    BY_SEX = "by_sex"  # men's and women's rates, weighted by the cohort's sex split
    CRUDE = "crude"  # the persons rate
    ONE_SEX = "one_sex"  # a rate for one sex, applied to that sex in the cohort only
    ONE_SEX_WHOLE = "one_sex_whole_cohort"  # a rate for one sex applied to everyone (no sex split known)
    NEEDS_SPLIT = "needs_sex_split"  # rates for men and women only, and no sex split: not computed


class CiMethod(StrEnum):
    """Where the cohort prevalence's 95% interval comes from."""

    PUBLISHED = "published"
    WILSON = "wilson"  # computed from the published count and denominator (analysis.comparison)
    NOT_PUBLISHED = "not_published"


class GeneralRate(StrEnum):
    """What the general population's figure is for this need."""

    LIKE_FOR_LIKE = "like_for_like"  # ratio basis computed or published: the number at its rate and the difference
    CONTEXT_ONLY = "context_only"  # not like for like: the prevalence is context; no number at its rate, no difference
    NOT_PUBLISHED = "not_published"  # no general-population figure
    NOT_ESTIMATED = "not_estimated"  # the need has no number (its sex split is not known)


class DifferenceInterval(StrEnum):
    """Whether the additional people have a 95% interval, and if not, why."""

    MOVER = "mover"
    NO_COHORT_CI = "no_cohort_ci"
    NO_GENERAL_CI = "no_general_ci"
    NONE = "none"  # no difference is worked out


@dataclass(frozen=True)
class Interval:
    """A 95% interval (NaN limits: none)."""

    low: float = math.nan
    high: float = math.nan

    @property
    def available(self) -> bool:
        return not (math.isnan(self.low) or math.isnan(self.high))


NO_INTERVAL = Interval()


@dataclass(frozen=True)
class Part:
    """One evidence row's part in a need: the people it covers and its published rates."""

    sex: str  # whom the rate describes: persons, male or female
    share: float  # share of the cohort it covers (0-1)
    weight: float  # weight within the people the need covers
    cohort_value: float
    cohort_ci: Interval
    comparator_value: float
    comparator_ci: Interval
    comparator_sex: str
    like_for_like: bool  # the comparison's ratio basis is computed or published (LIKE_FOR_LIKE_BASES)
    wilson: bool  # the cohort interval is a Wilson interval from published counts


@dataclass(frozen=True)
class Evidence:
    """What the need is and where its figures come from (several rows' values joined with "; ")."""

    evidence_cohort: str
    domain: str
    indicator: str
    indicator_ids: tuple[str, ...]  # the evidence rows used (two when men and women are added)
    comparability: str | None = None
    ratio_basis: str | None = None
    evidence_quality: str | None = None
    data_year: str | None = None
    period: str | None = None
    comparator_period: str | None = None
    cohort_source: str | None = None
    cohort_citation: str | None = None
    source_url: str | None = None
    comparator_source: str | None = None
    comparator_citation: str | None = None
    comparator_url: str | None = None
    measure_definition: str | None = None
    caveat: str | None = None
    comparator_sex: str | None = None
    grade: str | None = None  # analysis.headline's evidence grade
    source_status: str | None = None  # primary, primary_mirror or secondary


PROVENANCE = ("comparability", "ratio_basis", "evidence_quality", "data_year", "period", "comparator_period",
              "cohort_source", "cohort_citation", "source_url", "comparator_source", "comparator_citation",
              "comparator_url", "measure_definition", "caveat", "comparator_sex", "grade", "source_status")


@dataclass(frozen=True)
class BySex:
    """The published rates for men and women of a need, where there are rows for them (NaN otherwise)."""

    cohort_men: float = math.nan
    cohort_women: float = math.nan
    comparator_men: float = math.nan
    comparator_women: float = math.nan


@dataclass(frozen=True)
class Expected:
    """The cohort prevalence and the expected number of people with the need."""

    cohort_value: float = math.nan  # %, weighted by the split for by-sex needs
    cohort_ci: Interval = NO_INTERVAL
    ci_method: CiMethod = CiMethod.NOT_PUBLISHED
    ci_method_text: str | None = CI_NOT_PUBLISHED  # the sources' own words for the method, joined
    number: float = math.nan
    interval: Interval = NO_INTERVAL


@dataclass(frozen=True)
class AtGeneralRate:
    """The general population's prevalence; the number at its rate and the additional people only where like for
    like (NaN otherwise: a context-only prevalence is shown as context, never applied to the cohort)."""

    status: GeneralRate
    comparator_value: float = math.nan
    comparator_ci: Interval = NO_INTERVAL
    number: float = math.nan
    additional: float = math.nan
    additional_interval: Interval = NO_INTERVAL
    difference: DifferenceInterval = DifferenceInterval.NONE


@dataclass(frozen=True)
class NeedEstimate:
    """One need in a local cohort of ``cohort_size`` people (numbers unrounded)."""

    cohort: str  # the estimator cohort (ESTIMATOR_COHORTS)
    evidence: Evidence
    cohort_size: float
    basis: Basis
    parts: tuple[Part, ...]
    sex_split: SexSplit | None
    by_sex: BySex
    local_indicator: tuple[str, str] | None  # (indicator id, how closely it matches the need)
    covered_people: float = math.nan
    expected: Expected = field(default_factory=Expected)
    general: AtGeneralRate = field(default_factory=lambda: AtGeneralRate(GeneralRate.NOT_ESTIMATED))
    adjusted: Adjusted = field(default_factory=lambda: Adjusted(AdjustmentStatus.OFF))


def evidence_rows(comparison: pd.DataFrame, cohort: str) -> pd.DataFrame:
    """The comparison rows with a cohort percentage for the evidence cohort behind an estimator cohort."""
    evidence_cohort = ESTIMATOR_COHORTS[cohort].evidence_cohort
    keep = (comparison["cohort"] == evidence_cohort) & (comparison["unit"] == "%") & comparison["cohort_value"].notna()
    return comparison[keep]


def number(value: object) -> float:
    """A cell as a float (NaN for a missing one)."""
    return math.nan if value is None or pd.isna(value) else float(value)


def _interval(row: pd.Series, prefix: str) -> Interval:
    return Interval(number(row.get(f"{prefix}_ci_low")), number(row.get(f"{prefix}_ci_high")))


def _join(rows: Sequence[pd.Series], column: str) -> str | None:
    seen = []
    for row in rows:
        value = row.get(column)
        if value is not None and not pd.isna(value) and str(value) not in seen:
            seen.append(str(value))
    return "; ".join(seen) if seen else None


def _components(group: pd.DataFrame, split: SexSplit | None) -> tuple[Basis, list[tuple[pd.Series, float]]]:
    """(basis, [(evidence row, share of the cohort it covers)]) for one need."""
    first = {sex: rows.iloc[0] for sex, rows in group.groupby("sex", sort=False)}
    persons, male, female = first.get("persons"), first.get("male"), first.get("female")
    if split is not None and male is not None and female is not None:
        return Basis.BY_SEX, [(male, split.men), (female, split.women)]
    if persons is not None:
        return Basis.CRUDE, [(persons, 1.0)]
    single = male if male is not None else female
    if single is not None and (male is None or female is None):
        if split is not None:
            return Basis.ONE_SEX, [(single, split.men if single["sex"] == "male" else split.women)]
        return Basis.ONE_SEX_WHOLE, [(single, 1.0)]
    return Basis.NEEDS_SPLIT, []


def _parts(components: list[tuple[pd.Series, float]]) -> tuple[Part, ...]:
    covered = sum(share for _, share in components)
    return tuple(Part(
        sex=str(row["sex"]), share=share, weight=share / covered if covered else 1 / len(components),
        cohort_value=number(row["cohort_value"]), cohort_ci=_interval(row, "cohort"),
        comparator_value=number(row["comparator_value"]), comparator_ci=_interval(row, "comparator"),
        comparator_sex=str(row["comparator_sex"]), like_for_like=row["ratio_basis"] in LIKE_FOR_LIKE_BASES,
        wilson=row.get("cohort_ci_method") == WILSON_CI) for row, share in components)


def _evidence(rows: Sequence[pd.Series]) -> Evidence:
    first = rows[0]
    return Evidence(str(first["cohort"]), str(first["domain"]), str(first["indicator"]),
                    tuple(str(row["indicator_id"]) for row in rows),
                    **{column: _join(rows, column) for column in PROVENANCE})


def _by_sex(rows: Sequence[pd.Series]) -> BySex:
    values = {}
    for sex, word in (("male", "men"), ("female", "women")):
        match = [row for row in rows if row["sex"] == sex]
        if match:
            values[f"cohort_{word}"] = number(match[0]["cohort_value"])
            values[f"comparator_{word}"] = number(match[0]["comparator_value"])
    return BySex(**values)


def _weighted(parts: Sequence[Part], values: Sequence[float]) -> float:
    return sum(part.weight * value for part, value in zip(parts, values, strict=True))


def expected_number(parts: Sequence[Part], rows: Sequence[pd.Series], size: float) -> Expected:
    """The cohort prevalence and the expected number, with the prevalence CI carried through (the cohort size is
    treated as known; for two sexes the limits are added)."""
    covered = size * sum(part.share for part in parts)
    cohort_value = _weighted(parts, [part.cohort_value for part in parts])
    expected = sum(size * part.share * part.cohort_value / 100 for part in parts)
    if not all(part.cohort_ci.available for part in parts):
        return Expected(cohort_value, number=expected)
    ci = Interval(_weighted(parts, [part.cohort_ci.low for part in parts]),
                  _weighted(parts, [part.cohort_ci.high for part in parts]))
    method = CiMethod.WILSON if any(part.wilson for part in parts) else CiMethod.PUBLISHED
    return Expected(cohort_value, ci, method, _join(rows, "cohort_ci_method"), expected,
                    Interval(covered * ci.low / 100, covered * ci.high / 100))


def _mover(expected: float, interval: Interval, general: float, general_interval: Interval) -> Interval:
    difference = expected - general
    return Interval(difference - math.sqrt((expected - interval.low) ** 2 + (general_interval.high - general) ** 2),
                    difference + math.sqrt((interval.high - expected) ** 2 + (general - general_interval.low) ** 2))


def at_general_rate(parts: Sequence[Part], size: float, expected: Expected) -> AtGeneralRate:
    """The general population's prevalence, and only where the comparison is like for like the number expected at
    that rate and the additional people (with a MOVER interval when both intervals were published). Not like for
    like: the prevalence and its interval as context, no number and no difference."""
    if any(math.isnan(part.comparator_value) for part in parts):
        return AtGeneralRate(GeneralRate.NOT_PUBLISHED)
    covered = size * sum(part.share for part in parts)
    comparator = _weighted(parts, [part.comparator_value for part in parts])
    ci = NO_INTERVAL
    if all(part.comparator_ci.available for part in parts):
        ci = Interval(_weighted(parts, [part.comparator_ci.low for part in parts]),
                      _weighted(parts, [part.comparator_ci.high for part in parts]))
    if not all(part.like_for_like for part in parts):
        return AtGeneralRate(GeneralRate.CONTEXT_ONLY, comparator, ci)
    general = covered * comparator / 100
    additional = expected.number - general
    if not expected.interval.available:
        return AtGeneralRate(GeneralRate.LIKE_FOR_LIKE, comparator, ci, general, additional,
                             difference=DifferenceInterval.NO_COHORT_CI)
    if math.isnan(ci.low):
        return AtGeneralRate(GeneralRate.LIKE_FOR_LIKE, comparator, ci, general, additional,
                             difference=DifferenceInterval.NO_GENERAL_CI)
    scaled = Interval(ci.low * covered / 100, ci.high * covered / 100)
    return AtGeneralRate(GeneralRate.LIKE_FOR_LIKE, comparator, ci, general, additional,
                         _mover(expected.number, expected.interval, general, scaled), DifferenceInterval.MOVER)


def _estimate_one(group: pd.DataFrame, size: float, split: SexSplit | None,
                  adjustments: Mapping[str, float | LocalAdjustment] | None, cohort: str) -> NeedEstimate:
    rows = [row for _, row in group.iterrows()]
    basis, components = _components(group, split)
    parts = _parts(components)
    used = [row for row, _ in components] or rows
    local = next((LOCAL_INDICATORS[row["indicator_id"]] for row in rows if row["indicator_id"] in LOCAL_INDICATORS),
                 None)
    need = NeedEstimate(cohort, _evidence(used), size, basis, parts, split, _by_sex(rows), local)
    if basis is Basis.NEEDS_SPLIT:
        status = AdjustmentStatus.OFF if adjustments is None else AdjustmentStatus.NOT_ESTIMATED
        return replace(need, adjusted=Adjusted(status))
    expected = expected_number(parts, used, size)
    adjusted = adjust([part.cohort_value for part in parts], [part.weight for part in parts],
                      [part.share for part in parts], size, adjustments, local[0] if local else None)
    return replace(need, covered_people=size * sum(part.share for part in parts), expected=expected,
                   general=at_general_rate(parts, size, expected), adjusted=adjusted)


def estimate_need(rows: pd.DataFrame, cohort_size: float, *, cohort: str, sex_split: SexSplit | None = None,
                  adjustments: Mapping[str, float | LocalAdjustment] | None = None) -> tuple[NeedEstimate, ...]:
    """One ``NeedEstimate`` per need for a local cohort of ``cohort_size`` people.

    ``rows``: comparison rows (``compare_with_general_population``) for one evidence cohort; rows without a cohort
    percentage are ignored. A need is a cohort x indicator: with a ``sex_split`` and rates for men and women, the
    number is worked out by sex and added; otherwise the persons rate is used (crude), and ``basis`` says which.
    ``adjustments``: None = local adjustment off; else indicator id -> local ÷ England ratio (or a
    ``LocalAdjustment``); a need whose indicator is missing gets no adjusted figure.
    Raises ValueError for a negative or missing cohort size, or rows from more than one cohort.
    """
    size = number(cohort_size)
    if math.isnan(size) or math.isinf(size) or size < 0:
        raise ValueError(f"the cohort size must be a number of at least 0, got {cohort_size!r}")
    usable = rows[(rows["unit"] == "%") & rows["cohort_value"].notna()]
    if usable["cohort"].nunique() > 1:
        raise ValueError(f"rows from several cohorts ({sorted(usable['cohort'].unique())}): estimate one at a time")
    return tuple(_estimate_one(group, size, sex_split, adjustments, cohort)
                 for _, group in usable.groupby(["cohort", "indicator"], sort=False))
