"""How many people are in a local cohort until the Director of Public Health types a figure: the national size
(one published row, or a computed sum of published quarters), brought to England where needed, times the area's
share of England's adults (Census 2021); and the published sex split of each cohort, where one was found."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from analysis.local_need.cohorts import (
    ADULT_AGE_FROM,
    ADULTS_LABEL,
    ADULTS_NOTE,
    ESTIMATOR_COHORTS,
    POPULATION_SOURCE,
    SizeMethod,
    SizeRow,
)
from core.codes import ENGLAND, PFA

ENGLAND_AND_WALES = "K04000001"


@dataclass(frozen=True)
class InputFigure:
    """One figure that went into an estimate, as it should be shown beside it."""

    label: str
    value: float
    unit: str
    source: str
    url: str | None = None
    note: str = ""


@dataclass(frozen=True)
class NationalSize:
    """The national size behind an estimator cohort's default, and the rows it came from."""

    cohort: str
    value: float | None
    label: str
    geography: str
    geography_code: str | None
    computed: bool  # True when it is a sum of published rows, not a published figure
    inputs: tuple[InputFigure, ...]
    reason: str


@dataclass(frozen=True)
class CohortSizeEstimate:
    """A default cohort size for an area: the value (unrounded), every input, and the assumption in words."""

    cohort: str
    area_code: str
    area_name: str
    value: float | None  # None: no default (no national size, or the area is not in the population file)
    label: str  # "Population-share estimate" or why there is none
    assumption: str
    conversion: str  # how an England and Wales size was brought to England ("" when not needed)
    adults_label: str
    inputs: tuple[InputFigure, ...] = field(default_factory=tuple)
    reason: str = ""

    @property
    def available(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class SexSplit:
    """Shares of men and women in a cohort (0-1, adding to 1) and where they come from."""

    men: float
    women: float
    source: str

    def __post_init__(self) -> None:
        for name, share in (("men", self.men), ("women", self.women)):
            if not isinstance(share, (int, float)) or math.isnan(share) or not 0 <= share <= 1:
                raise ValueError(f"the share of {name} must be between 0 and 1, got {share!r}")
        if abs(self.men + self.women - 1) > 1e-9:
            raise ValueError(f"the shares of men and women must add up to 1, got {self.men} + {self.women}")

    @property
    def label(self) -> str:
        return f"men {self.men * 100:.1f}%, women {self.women * 100:.1f}%"



def _find_row(cohort_sizes: pd.DataFrame, selector: SizeRow) -> pd.Series:
    match = cohort_sizes[(cohort_sizes["cohort"] == selector.cohort) & (cohort_sizes["measure"] == selector.measure)
                         & (cohort_sizes["reference_date"] == selector.reference_date)]
    if len(match) != 1:
        raise LookupError(f"cohort_sizes.csv has {len(match)} rows for {selector.cohort} / '{selector.measure}' / "
                          f"{selector.reference_date}; the local-need mapping expects exactly one")
    return match.iloc[0]


def size_rows(cohort_sizes: pd.DataFrame, cohort: str) -> pd.DataFrame:
    """The cohort_sizes.csv rows behind an estimator cohort's national size (empty when there is none)."""
    spec = ESTIMATOR_COHORTS[cohort]
    if not spec.size_rows:
        return cohort_sizes.iloc[0:0]
    return pd.DataFrame([_find_row(cohort_sizes, selector) for selector in spec.size_rows])


def national_size(cohort_sizes: pd.DataFrame, cohort: str) -> NationalSize:
    """The national size for an estimator cohort: one published row, or the sum of published quarters (labelled a
    computed total). Raises LookupError when the mapped rows are not in the file exactly once."""
    spec = ESTIMATOR_COHORTS[cohort]
    rows = size_rows(cohort_sizes, cohort)
    if rows.empty:
        return NationalSize(cohort, None, spec.size_label, "", None, False, (), spec.size_reason)
    if rows["value"].isna().any():
        raise LookupError(f"a cohort_sizes.csv row for {cohort} has no numeric value")
    codes = rows["geography_code"].dropna().unique()
    if len(codes) != 1:
        raise LookupError(f"the cohort_sizes.csv rows for {cohort} do not share one geography code")
    inputs = tuple(InputFigure(label=f"{row['measure']}, {row['period']}", value=float(row["value"]),
                               unit=str(row["unit"]), source=str(row["source"]),
                               url=None if pd.isna(row["source_url"]) else str(row["source_url"]),
                               note=f"source status: {row['source_status']}")
                   for _, row in rows.iterrows())
    value = float(sum(figure.value for figure in inputs))
    return NationalSize(cohort, value, spec.size_label, str(rows.iloc[0]["geography"]), str(codes[0]),
                        spec.size_method is SizeMethod.SUM, inputs, spec.size_reason)


def _fact(cohort_facts: pd.DataFrame, fact_id: str) -> pd.Series:
    match = cohort_facts[cohort_facts["fact_id"] == fact_id]
    if len(match) != 1:
        raise LookupError(f"cohort_facts.csv has {len(match)} rows with fact_id '{fact_id}'; expected one")
    return match.iloc[0]


def _fact_figure(row: pd.Series, label: str | None = None) -> InputFigure:
    return InputFigure(label=label or f"{row['fact']}, {row['geography']}, {row['period']}", value=float(row["value"]),
                       unit=str(row["unit"]), source=f"{row['publisher']}: {row['source_title']}",
                       url=str(row["source_url"]), note=f"source status: {row['source_status']}")


def population_share_estimate(national_value: float, area_adults: float, england_adults: float,
                              england_population: float | None = None,
                              england_and_wales_population: float | None = None) -> float:
    """National size x (England / England and Wales population, when given) x area adults / England adults.

    Pass both populations when the national size covers England and Wales; neither when it covers England.
    """
    for name, number in (("national_value", national_value), ("area_adults", area_adults),
                         ("england_adults", england_adults)):
        if number is None or math.isnan(number) or number < 0:
            raise ValueError(f"{name} must be a number of at least 0, got {number!r}")
    if england_adults == 0:
        raise ValueError("england_adults must be more than 0")
    if (england_population is None) != (england_and_wales_population is None):
        raise ValueError("give both England's and England and Wales's populations, or neither")
    england_value = national_value
    if england_population is not None and england_and_wales_population is not None:
        if england_and_wales_population <= 0 or not 0 <= england_population <= england_and_wales_population:
            raise ValueError("England's population must be between 0 and England and Wales's population")
        england_value = national_value * england_population / england_and_wales_population
    return england_value * area_adults / england_adults


def adults(population: pd.DataFrame, area_code: str, area_type: str) -> int | None:
    """Census 2021 usual residents aged 20 and over in an area (``read_population`` frame), or None if absent."""
    rows = population[(population["area_code"] == area_code) & (population["area_type"] == area_type)
                      & (population["band"] == "five-year") & (population["age_from"] >= ADULT_AGE_FROM)]
    if rows.empty:
        return None
    return int(rows["population"].sum())


def _area_name(population: pd.DataFrame, area_code: str, area_type: str) -> str:
    rows = population[(population["area_code"] == area_code) & (population["area_type"] == area_type)]
    return str(rows.iloc[0]["area_name"]) if not rows.empty else area_code


def _summed_note(population: pd.DataFrame, area_code: str, area_type: str) -> str:
    """How a police force area's adults were counted: the sum of its districts' Census 2021 rows."""
    if area_type != PFA:
        return ""
    rows = population[(population["area_code"] == area_code) & (population["area_type"] == area_type)]
    codes = str(rows.iloc[0]["census_2021_ltla_codes"]) if len(rows) else ""
    return (f"The sum of the force's districts (Census 2021 local authorities {codes.replace('|', ', ')}), "
            "from the same file as every other area. ")


def default_cohort_size(cohort: str, area_code: str, area_type: str, *, cohort_sizes: pd.DataFrame,
                        cohort_facts: pd.DataFrame, population: pd.DataFrame) -> CohortSizeEstimate:
    """The population-share default for one cohort in one area (UTLA or LAD, by GSS code).

    value = national size (x England's share of the England and Wales population, Census 2021, when the size is
    published for England and Wales) x area adults aged 20+ / England adults aged 20+ (Census 2021). ``value`` is
    None, with the reason, when the cohort has no published national size or the area is not in the population file.
    """
    national = national_size(cohort_sizes, cohort)
    area_name = _area_name(population, area_code, area_type)
    if national.value is None:
        return CohortSizeEstimate(cohort, area_code, area_name, None, "No default: enter your local figure",
                                  "", "", ADULTS_LABEL, (), national.reason)
    area_adults = adults(population, area_code, area_type)
    england_adults = adults(population, ENGLAND, "country")
    if area_adults is None or england_adults is None:
        missing = area_code if area_adults is None else "England"
        return CohortSizeEstimate(cohort, area_code, area_name, None, "No default: enter your local figure",
                                  "", "", ADULTS_LABEL, national.inputs,
                                  f"{missing} ({area_type}) is not in the Census 2021 population file, so its share "
                                  "of England's adults cannot be worked out.")
    inputs = list(national.inputs)
    if national.computed:
        inputs.append(InputFigure("National size (computed total of the rows above)", national.value,
                                  str(national.inputs[0].unit), "computed", note=national.label))
    conversion = ""
    england_population = england_and_wales = None
    if national.geography_code == ENGLAND_AND_WALES:
        england_row = _fact(cohort_facts, "census2021_population_england")
        both_row = _fact(cohort_facts, "census2021_population_england_and_wales")
        england_population, england_and_wales = float(england_row["value"]), float(both_row["value"])
        share = england_population / england_and_wales
        inputs += [_fact_figure(england_row), _fact_figure(both_row)]
        conversion = (f"The national figure covers England and Wales. It is brought to England by multiplying by "
                      f"England's share of the England and Wales population on Census Day 2021 "
                      f"({england_row['value_as_published']} ÷ {both_row['value_as_published']} = "
                      f"{share * 100:.1f}%), which assumes the cohort is split between England and Wales in "
                      "proportion to their populations.")
    elif national.geography_code != ENGLAND:
        raise LookupError(f"the national size for {cohort} covers {national.geography_code}, which the estimator "
                          "cannot bring to England")
    inputs += [InputFigure(f"{area_name}: {ADULTS_LABEL}", float(area_adults), "people", POPULATION_SOURCE,
                           note=_summed_note(population, area_code, area_type) + ADULTS_NOTE),
               InputFigure(f"England: {ADULTS_LABEL}", float(england_adults), "people", POPULATION_SOURCE,
                           note=ADULTS_NOTE)]
    value = population_share_estimate(national.value, area_adults, england_adults, england_population,
                                      england_and_wales)
    assumption = (f"Population-share estimate: assumes the cohort is spread across England in proportion to "
                  f"{ADULTS_LABEL} (Census 2021), so {area_name}, with {area_adults / england_adults * 100:.2f}% "
                  f"of England's {ADULTS_LABEL}, is given the same share of the cohort. Real local numbers differ "
                  "(prisons, custody suites and probation caseloads are not spread like the population, and people "
                  "are not always released or supervised where they lived): replace it with your local figure.")
    return CohortSizeEstimate(cohort, area_code, area_name, value, "Population-share estimate", assumption,
                              conversion, ADULTS_LABEL, tuple(inputs))


def published_sex_split(cohort: str, *, cohort_sizes: pd.DataFrame, cohort_facts: pd.DataFrame) -> SexSplit | None:
    """The published sex split for an estimator cohort, where one was found; None otherwise (crude rates are
    then used, and the table says so)."""
    key = ESTIMATOR_COHORTS[cohort].sex_split
    if key == "arrests":
        men, women = (_fact(cohort_facts, f"arrests_{sex}_percent_2023_24") for sex in ("male", "female"))
        return SexSplit(float(men["value"]) / 100, float(women["value"]) / 100,
                        f"arrests 2023/24 (a split of arrests, not of people detained): males "
                        f"{men['value_as_published']}, females {women['value_as_published']}; {men['publisher']}, "
                        f"{men['source_title']}")
    if key == "prison_population":
        remand = _fact(cohort_facts, "prison_female_remand_2025_09_30")
        sentenced = _fact(cohort_facts, "prison_female_sentenced_2025_09_30")
        total_row = _find_row(cohort_sizes, SizeRow("prison", "Prison population (all prisoners, snapshot)",
                                                    "2025-09-30"))
        women = float(remand["value"]) + float(sentenced["value"])
        total = float(total_row["value"])
        return SexSplit((total - women) / total, women / total,
                        f"prison population at 30 September 2025, used as a proxy for releases (no split of releases "
                        f"was found; women serve shorter sentences, so they are likely a larger share of releases): "
                        f"women {women:,.0f} ({remand['value_as_published']} on remand + "
                        f"{sentenced['value_as_published']} sentenced; UK Parliament written answer, Ministry of "
                        f"Justice) of {total:,.0f} prisoners (MoJ Offender Management Statistics Quarterly); men the "
                        "rest")
    return None

