"""The Local need view-model, one copy for the Local need page and the board pack: the cohort-size box of each
cohort, the size used (the typed figure, else the population-share default, else none and why), the estimate, the
board sentences with their source lines, and the frame the chart draws."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.local_need.adjustment import local_adjustments_from_values
from analysis.local_need.cohort_size import CohortSizeEstimate, default_cohort_size, published_sex_split
from analysis.local_need.cohorts import ESTIMATOR_COHORTS, EstimatorCohort
from analysis.local_need.estimate import NeedEstimate, estimate_need, evidence_rows
from present.local_need_table import need_frame
from present.local_need_text import board_sentence, context_only_note, format_count, need_source

COHORTS = tuple(ESTIMATOR_COHORTS)
NO_CENSUS = ("the Census population file is not loaded, so there is no population-share estimate: type your local "
             "figure")


@dataclass(frozen=True)
class SizeBox:
    """The number box where the Director of Public Health types a cohort's local size."""

    key: str  # the widget's key and the URL parameter
    label: str
    help: str

    @staticmethod
    def url_value(typed: float | None) -> str:
        """The URL text of a typed size ("" when none is typed)."""
        return "" if typed is None else str(int(typed))


def size_box(cohort: str, area_name: str = "") -> SizeBox:
    """The size box of a cohort, naming the area when given."""
    spec = ESTIMATOR_COHORTS[cohort]
    where = f" in {area_name}" if area_name else ""
    return SizeBox(f"size_{cohort}", f"Your local figure: {spec.label.lower()}{where}", spec.size_reason)


@dataclass(frozen=True)
class NeedData:
    """The frames an estimate is made from; None when one is not loaded (the board pack goes on without it)."""

    comparison: pd.DataFrame
    cohort_sizes: pd.DataFrame | None = None
    cohort_facts: pd.DataFrame | None = None
    population: pd.DataFrame | None = None
    local_values: pd.DataFrame | None = None  # the local indicators' values, for the optional adjustment

    @property
    def has_census(self) -> bool:
        return self.cohort_sizes is not None and self.cohort_facts is not None and self.population is not None


@dataclass(frozen=True)
class BoardLine:
    """A board sentence and the source line under it."""

    sentence: str
    source: str


@dataclass(frozen=True)
class CohortNeed:
    """One cohort's local need: the size used and the estimate (empty when there is no size or no evidence)."""

    cohort: str
    area_name: str
    typed: int | None
    default: CohortSizeEstimate | None  # None: the Census population or the cohort files are not loaded
    needs: tuple[NeedEstimate, ...] = ()
    adjusted: bool = False  # the local adjustment was asked for and applied

    @property
    def spec(self) -> EstimatorCohort:
        return ESTIMATOR_COHORTS[self.cohort]

    @property
    def size(self) -> float | None:
        """The cohort size used: the typed figure, else the population-share default; None without either."""
        if self.typed is not None:
            return float(self.typed)
        return self.default.value if self.default is not None and self.default.available else None

    @property
    def size_is_estimate(self) -> bool:
        return self.typed is None

    @property
    def no_size_reason(self) -> str:
        """Why there is no size (when ``size`` is None)."""
        if self.default is None:
            return NO_CENSUS
        return self.default.reason or self.spec.size_reason

    @property
    def size_words(self) -> str:
        """The size in words: a typed figure as typed ("1,650 (your figure)"), an estimate rounded and saying so
        ("about 1,700 (population-share estimate, rounded)")."""
        if self.typed is not None:
            return f"{self.typed:,} (your figure)"
        return f"about {format_count(self.size)} (population-share estimate, rounded)"

    @property
    def size_text(self) -> str:
        """The size under the chart's title, e.g. "Cohort size 1,650 (your figure)"."""
        return f"Cohort size {self.size_words}"

    def board_lines(self, needs: tuple[NeedEstimate, ...] | None = None) -> list[BoardLine]:
        """The board sentence and source line of each need (of ``needs``, else every need)."""
        return [BoardLine(board_sentence(need, self.area_name, size_is_estimate=self.size_is_estimate,
                                         include_adjusted=self.adjusted), need_source(need))
                for need in (self.needs if needs is None else needs)]

    def chart_rows(self) -> pd.DataFrame:
        """The needs with an expected number, as the chart draws them (``need_frame`` rows)."""
        return need_frame(self.needs).dropna(subset=["expected"])

    @property
    def context_note(self) -> str:
        """Which needs the chart draws without the general population's rate, and why ("" for none)."""
        return context_only_note(self.needs)


def cohort_need(cohort: str, typed: int | None, *, area_code: str, level: str, area_name: str, data: NeedData,
                adjust: bool) -> CohortNeed:
    """A cohort's local need in an area: the size used and, when there is one, the estimate for every need of its
    evidence cohort (with the published sex split, and the local adjustment when asked for and loaded)."""
    default = None
    if data.has_census:
        default = default_cohort_size(cohort, area_code, level, cohort_sizes=data.cohort_sizes,
                                      cohort_facts=data.cohort_facts, population=data.population)
    adjusted = adjust and data.local_values is not None
    view = CohortNeed(cohort, area_name, typed, default, adjusted=adjusted)
    if view.size is None:
        return view
    split = None if not data.has_census else published_sex_split(cohort, cohort_sizes=data.cohort_sizes,
                                                                 cohort_facts=data.cohort_facts)
    adjustments = (local_adjustments_from_values(data.local_values, area_code, level, area_name=area_name)
                   if adjusted else None)
    needs = estimate_need(evidence_rows(data.comparison, cohort), view.size, cohort=cohort, sex_split=split,
                          adjustments=adjustments)
    return CohortNeed(cohort, area_name, typed, default, needs, adjusted)


def input_figures(default: CohortSizeEstimate) -> pd.DataFrame:
    """The figures a population-share default was made from, one row each, as the page lists them."""
    return pd.DataFrame([{"Figure": f.label, "Value": f.value, "Unit": f.unit, "Source": f.source, "Link": f.url or "",
                          "Note": f.note} for f in default.inputs])
