"""Local need: how many people in a local justice cohort are likely to have each need, against the general population.

Pure functions (no Streamlit). The page calls them in this order:

1. ``evidence_rows(comparison, cohort)``: the national comparison rows (``compare_with_general_population``) that
   have a cohort percentage, for the evidence cohort behind an estimator cohort (``ESTIMATOR_COHORTS``).
2. ``default_cohort_size(...)``: until the Director of Public Health types a local figure, a population-share
   estimate: the national size (brought from England and Wales to England where needed) x the area's share of
   England's adults aged 20 and over (Census 2021), with every input figure and the assumption in words.
3. ``published_sex_split(...)``: the published sex split of the cohort, where one was found (``None`` otherwise).
4. ``local_adjustments_from_values(...)`` (optional): local / England general-population prevalence for smoking
   (92443) and depression (848).
5. ``estimate_need(...)``: one row per need (``NEED_COLUMNS``): expected number with its 95% interval, the number
   expected at the general population's rate, the additional people, the optional adjusted number, and why any of
   them is missing.
6. ``board_sentence(...)``: the plain-English sentence, rounded for display (``format_count``); ``side_by_side`` and
   ``SIDE_BY_SIDE_NOTE`` for several cohorts, which are never added together.

Every number in the frames is unrounded; only the ``format_*`` helpers round, and only for display.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

RATIO_COMPUTED = "computed"  # analysis.comparison: like-for-like comparator (high or moderate comparability)
RATIO_CONTEXT_ONLY = "context_only"
CI_NOT_PUBLISHED = "CI not published"
WILSON_MARK = "Wilson"

ENGLAND = "E92000001"
ENGLAND_AND_WALES = "K04000001"

# --- The estimator's cohorts and where their national sizes come from (data) ---------------------------------


@dataclass(frozen=True)
class SizeRow:
    """One row of data/cohort_sizes.csv, named by its cohort, measure and reference date."""

    cohort: str
    measure: str
    reference_date: str


@dataclass(frozen=True)
class EstimatorCohort:
    """A local cohort the page offers, with the national size behind its default and why that row was chosen."""

    key: str
    label: str  # on screen
    people: str  # for the board sentence: "Of an estimated 1,200 {people} in {area}"
    evidence_cohort: str  # cohort of national_prevalence.csv whose prevalences are used
    evidence_note: str  # why those prevalences (shown when they are a proxy)
    size_rows: tuple[SizeRow, ...]  # empty: no published national size, so no default
    size_method: str  # "sum" (a computed total) or "single" (one published row) or "none"
    size_label: str  # what the national size is, in words
    size_reason: str  # why these rows (and the honest label of a proxy)
    sex_split: str | None  # key of the published sex split (see published_sex_split), or None


RELEASE_QUARTERS = ("2024-09-30", "2024-12-31", "2025-03-31", "2025-06-30")

ESTIMATOR_COHORTS: dict[str, EstimatorCohort] = {
    "prison_release": EstimatorCohort(
        key="prison_release",
        label="Prison releases to the area in a year",
        people="people released from prison to {area} in a year",
        evidence_cohort="prison",
        evidence_note=("No national prevalence has been published for people leaving prison, so the prison "
                       "population's prevalences are used: everyone released was in prison just before."),
        size_rows=tuple(SizeRow("prison_release", "Releases from sentences (quarterly)", date)
                        for date in RELEASE_QUARTERS),
        size_method="sum",
        size_label=("Releases from sentences, July 2024 to June 2025: a computed annual total, the sum of the four "
                    "latest quarters as first published (MoJ Offender Management Statistics Quarterly)"),
        size_reason=("MoJ publishes releases by quarter, not by year; the four latest quarters are added to give a "
                     "year. Later releases may revise a quarter. Releases are counted, not people (someone released "
                     "twice in a year counts twice), and quarters from July 2024 include early releases under SDS40."),
        sex_split="prison_population",
    ),
    "probation": EstimatorCohort(
        key="probation",
        label="Probation caseload",
        people="people on probation in {area}",
        evidence_cohort="probation",
        evidence_note="",
        size_rows=(SizeRow("probation", "Offenders under probation supervision (caseload snapshot)", "2025-06-30"),),
        size_method="single",
        size_label="Offenders under probation supervision at 30 June 2025 (MoJ Offender Management Statistics "
                   "Quarterly: April to June 2025)",
        size_reason="The latest published caseload snapshot: each person is counted once on that day, whatever "
                    "the number of orders or licences they are under.",
        sex_split=None,
    ),
    "police_custody": EstimatorCohort(
        key="police_custody",
        label="Police custody detentions in a year",
        people="people detained in police custody in {area} in a year",
        evidence_cohort="police_custody",
        evidence_note="",
        size_rows=(SizeRow("police_custody", "Arrests for notifiable offences (territorial forces)", "2024-03-31"),),
        size_method="single",
        size_label=("Proxy: arrests for notifiable offences by territorial police forces, year ending March 2024 "
                    "(Home Office, as reproduced by Statista; MoJ states 720,500 for the same year)"),
        size_reason=("No national count of police custody detentions was found, so arrests stand in for them. "
                     "Arrests are not detentions: they count events, not people (one person can be arrested "
                     "several times), not everyone arrested is detained in custody, and arrests for "
                     "non-notifiable offences are not included."),
        sex_split="arrests",
    ),
    "liaison_diversion": EstimatorCohort(
        key="liaison_diversion",
        label="Liaison and diversion contacts in a year",
        people="people seen by liaison and diversion services in {area} in a year",
        evidence_cohort="liaison_diversion",
        evidence_note="",
        size_rows=(),
        size_method="none",
        size_label="No national size published",
        size_reason=("No national annual count of liaison and diversion contacts has been published (only the "
                     "RAND evaluation's 27 sites), so there is no default: enter your local figure."),
        sex_split=None,
    ),
}

SIDE_BY_SIDE_NOTE = (
    "Each cohort is shown on its own and must not be added to another. The cohorts overlap: the same person can be "
    "arrested, supervised on probation and released from prison in the same year, so a total across cohorts would "
    "count some people more than once."
)

# Local general-population indicators for the same (or a closely related) need, by evidence row: the optional
# adjustment scales the cohort prevalence by local / England prevalence of this indicator.
LOCAL_INDICATORS: dict[str, tuple[str, str]] = {
    "SMK01": ("92443", "same need: current smoking (adults 18+, Annual Population Survey)"),
    "MH08": ("848", "same need: depression (QOF recorded depression, adults 18+)"),
    "MH09": ("848", "same need: depression (QOF recorded depression, adults 18+)"),
}
# Not adjusted: MH03-MH05 ("anxiety and depression") and MH12 ("major depression and/or psychosis") measure more
# than depression, so QOF depression is not the same need.
LOCAL_INDICATOR_NAMES = {"92443": "adult smoking prevalence", "848": "recorded depression prevalence"}

ADJUSTMENT_ASSUMPTION = (
    "Optional local adjustment: the national cohort prevalence is multiplied by the area's general-population "
    "prevalence divided by England's (capped so that no prevalence exceeds 100%). It assumes the cohort in this "
    "area differs from the national cohort in the same proportion as the area's residents differ from England's. "
    "That is an assumption, not a measurement: the local indicator describes residents (mostly people with no "
    "justice contact), and recorded prevalence (QOF) also reflects how conditions are recorded locally."
)

# Plain words for the board sentence: "about X ... are likely to {phrase}".
NEED_PHRASES: dict[str, str] = {
    "Probable functional psychosis in the past year": "have had probable functional psychosis in the past year",
    "Symptoms indicative of psychosis": "have symptoms indicative of psychosis",
    "Identified as suffering from both anxiety and depression": "have both anxiety and depression",
    "Any personality disorder": "have a personality disorder",
    "Personality disorder": "have a personality disorder",
    "Suffered from depression (Rebalancing Act statement)": "have depression",
    "Any current mental illness": "have a current mental illness",
    "Current mental illness (major depression and/or psychosis)":
        "have a current mental illness (major depression or psychosis)",
    "Mental health need identified among people referred to Liaison and Diversion": "have a mental health need",
    "Have attempted suicide at some point in life": "have attempted suicide at some point in their lives",
    "Have ever used a Class A drug": "have used a Class A drug at some point",
    "Drank alcohol every day in the four weeks before custody":
        "have drunk alcohol every day in the four weeks before custody",
    "Drug dependence": "be dependent on drugs",
    "Learning disability": "have a learning disability",
    "Screened positive for intellectual disability": "screen positive for an intellectual disability",
    "Screened positive for ADHD": "screen positive for ADHD",
    "Self-reported history consistent with traumatic brain injury (any severity)":
        "have a history of traumatic brain injury",
    "Past hospital admission with a head injury (linked NHS records)":
        "have been admitted to hospital with a head injury",
    "Current tobacco smoking": "smoke tobacco",
    "Homeless before custody": "have been homeless before custody",
    "Unemployed in the four weeks before custody": "have been unemployed in the four weeks before custody",
    "At least one adverse childhood experience (ACE)": "have had at least one adverse childhood experience",
    "Four or more adverse childhood experiences (ACEs)": "have had four or more adverse childhood experiences",
    "Experienced abuse as a child": "have experienced abuse as a child",
    "Taken into care as a child": "have been taken into care as a child",
}

# --- Census 2021 adults: the nearest band to 18+ in the population file ----------------------------------------

ADULT_AGE_FROM = 20
ADULTS_LABEL = "adults aged 20 and over"
ADULTS_NOTE = ("The Census 2021 population file has five-year age bands (ONS table TS007A), so 18+ is not "
               "available; 20+ is the nearest band.")
POPULATION_SOURCE = ("ONS Census 2021, usual residents by five-year age band (TS007A), in the app's population file "
                     "(population_census2021_by_age_england_lad24_utla23.csv)")


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


@dataclass(frozen=True)
class LocalAdjustment:
    """Local / England general-population prevalence for one indicator, or why there is none."""

    indicator_id: str
    ratio: float | None
    local_value: float | None = None
    england_value: float | None = None
    period: str = ""
    reason: str = ""


# --- National sizes and the default cohort size -----------------------------------------------------------------


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
                        spec.size_method == "sum", inputs, spec.size_reason)


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
                           note=ADULTS_NOTE),
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


def sex_split_from_counts(men: float, women: float, source: str) -> SexSplit:
    """A sex split from local counts (e.g. the Director of Public Health's own caseload figures)."""
    if men < 0 or women < 0 or men + women <= 0:
        raise ValueError("the counts of men and women must be at least 0 and not both 0")
    return SexSplit(men / (men + women), women / (men + women), source)


# --- Local adjustment ratios -------------------------------------------------------------------------------------


def local_adjustment(indicator_id: str, local_value: float | None, england_value: float | None,
                     period: str = "", area_name: str = "the area") -> LocalAdjustment:
    """local / England general-population prevalence, or no ratio with the reason."""
    name = LOCAL_INDICATOR_NAMES.get(indicator_id, f"indicator {indicator_id}")
    if local_value is None or pd.isna(local_value):
        return LocalAdjustment(indicator_id, None, None, england_value, period,
                               f"no local value of {name} ({indicator_id}) for {area_name}, so no adjusted figure")
    if england_value is None or pd.isna(england_value) or england_value <= 0:
        return LocalAdjustment(indicator_id, None, local_value, None, period,
                               f"no England value of {name} ({indicator_id}) to divide by, so no adjusted figure")
    if local_value < 0:
        raise ValueError(f"a prevalence cannot be negative, got {local_value!r}")
    ratio = float(local_value) / float(england_value)
    return LocalAdjustment(indicator_id, ratio, float(local_value), float(england_value), period,
                           f"{area_name} {local_value:g}% ÷ England {england_value:g}% = {ratio:.2f} "
                           f"({name}, {period or 'period not stated'})")


def _period_key(period: object) -> tuple:
    numbers = [int(n) for n in re.findall(r"\d+", str(period))]
    return (numbers[0] if numbers else 0, str(period))


def local_adjustments_from_values(values: pd.DataFrame, area_code: str, level: str,
                                  indicator_ids: Sequence[str] = ("92443", "848"),
                                  periods: Mapping[str, str] | None = None,
                                  area_name: str = "the area") -> dict[str, LocalAdjustment]:
    """Adjustments for an area from ``loaders.local``'s values frame (columns level, area_code, indicator_id,
    period, value, england_value): the latest period unless ``periods`` names one per indicator."""
    result = {}
    for indicator_id in indicator_ids:
        rows = values[(values["indicator_id"] == indicator_id) & (values["level"] == level)]
        chosen = (periods or {}).get(indicator_id)
        if chosen is None and not rows.empty:
            chosen = max(rows["period"].dropna().unique(), key=_period_key, default=None)
        row = rows[(rows["period"] == chosen) & (rows["area_code"] == area_code)]
        if row.empty:
            result[indicator_id] = local_adjustment(indicator_id, None, None, str(chosen or ""), area_name)
            continue
        local_value, england_value = row.iloc[0]["value"], row.iloc[0]["england_value"]
        result[indicator_id] = local_adjustment(indicator_id, None if pd.isna(local_value) else float(local_value),
                                                None if pd.isna(england_value) else float(england_value),
                                                str(chosen), area_name)
    return result


# --- The estimator -------------------------------------------------------------------------------------------------

NEED_COLUMNS = [
    # what and for whom
    "cohort", "evidence_cohort", "evidence_note", "domain", "indicator", "indicator_ids", "cohort_size",
    "basis", "basis_text", "sex_split", "sex_split_source", "covered_people", "covered_text",
    # cohort prevalence and the expected number
    "cohort_value", "cohort_value_men", "cohort_value_women", "cohort_ci_low", "cohort_ci_high", "cohort_ci_method",
    "expected", "expected_low", "expected_high", "expected_interval_note",
    # general population
    "comparator_value", "comparator_value_men", "comparator_value_women", "comparator_sex", "comparator_ci_low",
    "comparator_ci_high", "expected_at_general_rate", "general_rate_note",
    # the difference
    "additional", "additional_low", "additional_high", "additional_note",
    # optional local adjustment
    "local_indicator_id", "local_indicator_match", "adjustment_ratio", "adjusted_value", "adjusted_expected",
    "adjusted_capped", "adjustment_note",
    # provenance
    "comparability", "ratio_basis", "evidence_quality", "data_year", "period", "comparator_period",
    "cohort_source", "cohort_citation", "source_url", "comparator_source", "comparator_citation", "comparator_url",
    "measure_definition", "caveat",
]
# What each column means (for the table's headers and the CSV download's data dictionary).
NEED_COLUMN_DESCRIPTIONS: dict[str, str] = {
    "cohort": "Estimator cohort (prison_release, probation, police_custody, liaison_diversion)",
    "evidence_cohort": "Cohort of the national evidence whose prevalences are used",
    "evidence_note": "Why that evidence cohort, where it is a proxy",
    "domain": "Domain of need", "indicator": "Need, as named by the source",
    "indicator_ids": "Evidence rows used (data/national_prevalence.csv), joined with + when men and women are added",
    "cohort_size": "Local cohort size used (typed or the population-share default), unrounded",
    "basis": "by_sex, crude, one_sex, one_sex_whole_cohort or needs_sex_split",
    "basis_text": "How the number was worked out, in words (with the sex split and its source)",
    "sex_split": "Sex split used (men %, women %)", "sex_split_source": "Where the sex split comes from",
    "covered_people": "People the number covers (the whole cohort, or the men or women only)",
    "covered_text": "Who the number covers, in words",
    "cohort_value": "Cohort prevalence, % (for by-sex needs, the published men's and women's rates weighted by "
                    "the split)",
    "cohort_value_men": "Published prevalence among men in the cohort, %",
    "cohort_value_women": "Published prevalence among women in the cohort, %",
    "cohort_ci_low": "Lower 95% limit of the cohort prevalence, %", "cohort_ci_high": "Upper 95% limit, %",
    "cohort_ci_method": "Published by the source, Wilson score (from published counts), or 'CI not published'",
    "expected": "Expected number with the need in the local cohort (unrounded)",
    "expected_low": "Lower 95% limit of the expected number", "expected_high": "Upper 95% limit",
    "expected_interval_note": "How the interval was worked out, or why there is none",
    "comparator_value": "General-population prevalence, % (weighted by the split for by-sex needs)",
    "comparator_value_men": "General-population prevalence used for men, %",
    "comparator_value_women": "General-population prevalence used for women, %",
    "comparator_sex": "Whom the general-population figure describes (persons, male, female)",
    "comparator_ci_low": "Lower 95% limit of the general-population prevalence, %",
    "comparator_ci_high": "Upper 95% limit, %",
    "expected_at_general_rate": "Number expected if the cohort had the general population's prevalence",
    "general_rate_note": "What the general-population number is (like for like, context only, or none)",
    "additional": "Additional people with the need: expected minus the number at the general rate",
    "additional_low": "Lower 95% limit of the additional people (MOVER, only when both CIs were published)",
    "additional_high": "Upper 95% limit of the additional people",
    "additional_note": "How the difference and its interval were worked out, or why not",
    "local_indicator_id": "Local general-population indicator for the optional adjustment (92443, 848)",
    "local_indicator_match": "How closely that indicator matches the need",
    "adjustment_ratio": "Local ÷ England general-population prevalence",
    "adjusted_value": "Cohort prevalence × the ratio, capped at 100%, %",
    "adjusted_expected": "Expected number with the local adjustment (a separate column, off by default)",
    "adjusted_capped": "True when a prevalence × the ratio was above 100% and was capped",
    "adjustment_note": "The adjustment in words, or why there is none",
    "comparability": "high, moderate or low (like for like?)",
    "ratio_basis": "From the comparison: computed (like for like), context_only or no_comparator",
    "evidence_quality": "Kind of evidence", "data_year": "Latest year of the cohort data",
    "period": "Period of the cohort data", "comparator_period": "Period of the general-population data",
    "cohort_source": "Cohort source (short)", "cohort_citation": "Cohort source (full citation)",
    "source_url": "Where the cohort figure was read", "comparator_source": "General-population source (short)",
    "comparator_citation": "General-population source (full citation)",
    "comparator_url": "Where the general-population figure was read",
    "measure_definition": "How the need was measured", "caveat": "Caveat for a Director of Public Health",
}
BASIS_BY_SEX = "by_sex"
BASIS_CRUDE = "crude"
BASIS_ONE_SEX = "one_sex"
BASIS_ONE_SEX_WHOLE = "one_sex_whole_cohort"
BASIS_NEEDS_SPLIT = "needs_sex_split"
SEX_WORDS = {"male": "men", "female": "women", "persons": "everyone"}
MOVER_NOTE = ("95% CI of the difference by the MOVER method (Newcombe 1998, method 10; Zou and Donner 2008) from "
              "the cohort and general-population intervals, assuming the two samples are independent; the cohort "
              "size is treated as known.")


def evidence_rows(comparison: pd.DataFrame, cohort: str) -> pd.DataFrame:
    """The comparison rows with a cohort percentage for the evidence cohort behind an estimator cohort."""
    evidence_cohort = ESTIMATOR_COHORTS[cohort].evidence_cohort
    keep = (comparison["cohort"] == evidence_cohort) & (comparison["unit"] == "%") & comparison["cohort_value"].notna()
    return comparison[keep]


def _number(value: object) -> float:
    return math.nan if value is None or pd.isna(value) else float(value)


def _has_ci(row: pd.Series, prefix: str) -> bool:
    return not (math.isnan(_number(row.get(f"{prefix}_ci_low"))) or math.isnan(_number(row.get(f"{prefix}_ci_high"))))


def _ci_words(method: object) -> str:
    text = "" if method is None or pd.isna(method) else str(method)
    if WILSON_MARK in text:
        return "a Wilson score interval computed from the published count and denominator"
    return "the published confidence interval"


def _join(rows: list[pd.Series], column: str) -> str | None:
    seen = []
    for row in rows:
        value = row.get(column)
        if value is not None and not pd.isna(value) and str(value) not in seen:
            seen.append(str(value))
    return "; ".join(seen) if seen else None


def _components(group: pd.DataFrame, split: SexSplit | None) -> tuple[str, list[tuple[str, float, pd.Series]]]:
    """(basis, [(sex, share of the cohort, evidence row)]) for one need."""
    by_sex = {sex: group[group["sex"] == sex] for sex in ("persons", "male", "female")}
    persons = by_sex["persons"].iloc[0] if not by_sex["persons"].empty else None
    male = by_sex["male"].iloc[0] if not by_sex["male"].empty else None
    female = by_sex["female"].iloc[0] if not by_sex["female"].empty else None
    if split is not None and male is not None and female is not None:
        return BASIS_BY_SEX, [("male", split.men, male), ("female", split.women, female)]
    if persons is not None:
        return BASIS_CRUDE, [("persons", 1.0, persons)]
    single = male if male is not None else female
    if single is not None and (male is None or female is None):
        if split is not None:
            return BASIS_ONE_SEX, [(single["sex"], split.men if single["sex"] == "male" else split.women, single)]
        return BASIS_ONE_SEX_WHOLE, [(single["sex"], 1.0, single)]
    return BASIS_NEEDS_SPLIT, []


def _basis_text(basis: str, parts: list[tuple[str, float, pd.Series]], split: SexSplit | None) -> str:
    if basis == BASIS_BY_SEX:
        rates = ", ".join(f"{SEX_WORDS[sex]} {share * 100:.1f}% of the cohort at {_number(row['cohort_value']):g}%"
                          for sex, share, row in parts)
        return f"by sex: {rates}; split from {split.source}" if split else f"by sex: {rates}"
    if basis == BASIS_CRUDE:
        return "crude: the source gives a rate for everyone (persons) only, so the cohort's sex mix is not used"
    if basis == BASIS_ONE_SEX:
        sex = SEX_WORDS[parts[0][0]]
        return (f"{sex} only: the source gives a rate for {sex} only, so the number covers the {sex} in the cohort "
                f"({parts[0][1] * 100:.1f}%, split from {split.source if split else ''}); nobody else is counted")
    if basis == BASIS_ONE_SEX_WHOLE:
        sex = SEX_WORDS[parts[0][0]]
        return (f"crude: the source gives a rate for {sex} only; with no sex split it is applied to the whole "
                f"cohort, as if everyone had the rate of {sex}")
    return ("not computed: the source gives rates for men and women separately and none for everyone; enter the "
            "cohort's sex split to compute it")


def _mover(expected: float, low: float, high: float, general: float, general_low: float,
           general_high: float) -> tuple[float, float]:
    difference = expected - general
    return (difference - math.sqrt((expected - low) ** 2 + (general_high - general) ** 2),
            difference + math.sqrt((high - expected) ** 2 + (general - general_low) ** 2))


def _adjustment(ratio_source: object) -> LocalAdjustment | None:
    if ratio_source is None:
        return None
    if isinstance(ratio_source, LocalAdjustment):
        return ratio_source
    ratio = _number(ratio_source)
    return LocalAdjustment("", None if math.isnan(ratio) or ratio < 0 else ratio)


def _carry_interval(out: dict, parts: list, weights: list, size: float, covered_share: float) -> None:
    """The expected number's 95% interval: the prevalence CI carried through; the cohort size is treated as known."""
    if all(_has_ci(row, "cohort") for _, _, row in parts):
        lows = [_number(row["cohort_ci_low"]) for _, _, row in parts]
        highs = [_number(row["cohort_ci_high"]) for _, _, row in parts]
        out["cohort_ci_low"] = sum(w * v for (w, _, _), v in zip(weights, lows, strict=True))
        out["cohort_ci_high"] = sum(w * v for (w, _, _), v in zip(weights, highs, strict=True))
        out["expected_low"] = size * covered_share * out["cohort_ci_low"] / 100
        out["expected_high"] = size * covered_share * out["cohort_ci_high"] / 100
        method = _join([row for _, _, row in parts], "cohort_ci_method")
        out["cohort_ci_method"] = method
        note = (f"95% interval: cohort size × {_ci_words(method)} of the prevalence; the cohort size is treated as "
                "known (its own uncertainty is not included).")
        if len(parts) > 1:
            note += (" The limits for men and women are added, which is conservative (it assumes both errors go the "
                     "same way).")
        out["expected_interval_note"] = note
    else:
        out["expected_interval_note"] = (f"{CI_NOT_PUBLISHED}: the source gave no confidence interval (nor a count "
                                         "and denominator to compute one), so no interval is shown.")


def _at_general_rate(out: dict, parts: list, weights: list, size: float, covered_share: float) -> None:
    """The number expected at the general population's rate, and the additional people where like for like."""
    comparator_values = [_number(row["comparator_value"]) for _, _, row in parts]
    bases = {row["ratio_basis"] for _, _, row in parts}
    if any(math.isnan(v) for v in comparator_values):
        out["general_rate_note"] = "No general-population figure was published for this need."
        out["additional_note"] = "Not computed: no general-population figure was published for this need."
    else:
        out["comparator_value"] = sum(w * v for (w, _, _), v in zip(weights, comparator_values, strict=True))
        out["expected_at_general_rate"] = size * covered_share * out["comparator_value"] / 100
        if all(_has_ci(row, "comparator") for _, _, row in parts):
            out["comparator_ci_low"] = sum(w * _number(row["comparator_ci_low"]) for w, _, row in weights)
            out["comparator_ci_high"] = sum(w * _number(row["comparator_ci_high"]) for w, _, row in weights)
        if bases == {RATIO_COMPUTED}:
            rates = "; ".join(f"{SEX_WORDS[sex]} in the cohort at the rate for "
                              f"{SEX_WORDS.get(str(row['comparator_sex']), row['comparator_sex'])}, "
                              f"{_number(row['comparator_value']):g}%" for sex, _, row in parts)
            out["general_rate_note"] = f"The number expected if the cohort had the general population's rate ({rates})."
            out["additional"] = out["expected"] - out["expected_at_general_rate"]
            if not math.isnan(out["expected_low"]) and not math.isnan(_number(out["comparator_ci_low"])):
                general = out["expected_at_general_rate"]
                scale = size * covered_share / 100
                out["additional_low"], out["additional_high"] = _mover(
                    out["expected"], out["expected_low"], out["expected_high"], general,
                    out["comparator_ci_low"] * scale, out["comparator_ci_high"] * scale)
                out["additional_note"] = MOVER_NOTE
            else:
                missing = "the cohort figure" if math.isnan(out["expected_low"]) else "the general-population figure"
                out["additional_note"] = (f"No interval for the difference: {missing} has no published confidence "
                                          "interval, so the uncertainty of the difference cannot be worked out.")
        else:
            out["general_rate_note"] = ("Context only: the general-population figure is not like for like (low "
                                        "comparability: a different measure, instrument or population), so it is "
                                        "shown for context and no difference is worked out.")
            out["additional_note"] = ("Not computed: the general-population figure is not like for like (low "
                                      "comparability), so 'additional people' would be misleading.")


def _adjust(out: dict, parts: list, weights: list, size: float,
            adjustments: Mapping[str, float | LocalAdjustment] | None, local: tuple[str, str] | None) -> None:
    """The optional local adjustment, shown beside (never instead of) the unadjusted number."""
    cohort_values = [_number(row["cohort_value"]) for _, _, row in parts]
    if adjustments is None:
        out["adjustment_note"] = "local adjustment is off"
    elif not local:
        out["adjustment_note"] = "no local general-population indicator for this need, so no adjusted figure"
    else:
        adjustment = _adjustment(adjustments.get(local[0]))
        if adjustment is None or adjustment.ratio is None:
            reason = adjustment.reason if adjustment and adjustment.reason else (
                f"no local value of {LOCAL_INDICATOR_NAMES.get(local[0], local[0])} ({local[0]}) for this area, "
                "so no adjusted figure")
            out["adjustment_note"] = reason
        else:
            ratio = adjustment.ratio
            adjusted = [min(v * ratio, 100.0) for v in cohort_values]
            capped = any(v * ratio > 100.0 for v in cohort_values)
            out["adjustment_ratio"] = ratio
            out["adjusted_value"] = sum(w * v for (w, _, _), v in zip(weights, adjusted, strict=True))
            out["adjusted_expected"] = sum(size * share * v / 100
                                           for (_, share, _), v in zip(weights, adjusted, strict=True))
            out["adjusted_capped"] = capped
            note = f"cohort prevalence × {ratio:.4g} ({adjustment.reason or 'local ÷ England'}); {local[1]}"
            if capped:
                note += "; capped at 100% (the prevalence × the ratio was above 100%)"
            out["adjustment_note"] = note + (". No interval: the uncertainty of the local and England figures is "
                                             "not carried.")


def _estimate_one(group: pd.DataFrame, size: float, split: SexSplit | None,
                  adjustments: Mapping[str, float | LocalAdjustment] | None, cohort: str) -> dict:
    rows = [row for _, row in group.iterrows()]
    first = rows[0]
    basis, parts = _components(group, split)
    used = [row for _, _, row in parts] or rows
    out: dict = {column: math.nan for column in NEED_COLUMNS}
    spec = ESTIMATOR_COHORTS.get(cohort)
    out.update({
        "cohort": cohort, "evidence_cohort": first["cohort"],
        "evidence_note": spec.evidence_note if spec else "",
        "domain": first["domain"], "indicator": first["indicator"],
        "indicator_ids": " + ".join(str(row["indicator_id"]) for row in used),
        "cohort_size": size, "basis": basis, "basis_text": _basis_text(basis, parts, split),
        "sex_split": split.label if split else None, "sex_split_source": split.source if split else None,
        "comparability": _join(used, "comparability"), "ratio_basis": _join(used, "ratio_basis"),
        "evidence_quality": _join(used, "evidence_quality"), "data_year": _join(used, "data_year"),
        "period": _join(used, "period"), "comparator_period": _join(used, "comparator_period"),
        "cohort_source": _join(used, "cohort_source"), "cohort_citation": _join(used, "cohort_citation"),
        "source_url": _join(used, "source_url"), "comparator_source": _join(used, "comparator_source"),
        "comparator_citation": _join(used, "comparator_citation"), "comparator_url": _join(used, "comparator_url"),
        "measure_definition": _join(used, "measure_definition"), "caveat": _join(used, "caveat"),
        "comparator_sex": _join(used, "comparator_sex"),
        "cohort_ci_method": CI_NOT_PUBLISHED, "expected_interval_note": "", "general_rate_note": "",
        "additional_note": "", "adjustment_note": "", "adjusted_capped": False,
        "local_indicator_id": None, "local_indicator_match": None, "covered_text": "",
    })
    for sex, column in (("male", "men"), ("female", "women")):
        match = [row for row in rows if row["sex"] == sex]
        if match:
            out[f"cohort_value_{column}"] = _number(match[0]["cohort_value"])
            out[f"comparator_value_{column}"] = _number(match[0]["comparator_value"])
    local = next((LOCAL_INDICATORS[row["indicator_id"]] for row in rows if row["indicator_id"] in LOCAL_INDICATORS),
                 None)
    if local:
        out["local_indicator_id"], out["local_indicator_match"] = local
    if basis == BASIS_NEEDS_SPLIT:
        out["expected_interval_note"] = out["general_rate_note"] = out["additional_note"] = out["basis_text"]
        out["adjustment_note"] = out["basis_text"] if adjustments is not None else "local adjustment is off"
        return out

    covered_share = sum(share for _, share, _ in parts)
    out["covered_people"] = size * covered_share
    out["covered_text"] = ("the whole cohort" if basis != BASIS_ONE_SEX
                           else f"the {SEX_WORDS[parts[0][0]]} in the cohort only")
    weights = [(share / covered_share if covered_share else 1 / len(parts), share, row)
               for _, share, row in parts]
    cohort_values = [_number(row["cohort_value"]) for _, _, row in parts]
    out["cohort_value"] = sum(w * v for (w, _, _), v in zip(weights, cohort_values, strict=True))
    out["expected"] = sum(size * share * v / 100 for (_, share, _), v in zip(weights, cohort_values, strict=True))

    _carry_interval(out, parts, weights, size, covered_share)
    _at_general_rate(out, parts, weights, size, covered_share)
    _adjust(out, parts, weights, size, adjustments, local)
    return out


def estimate_need(rows: pd.DataFrame, cohort_size: float, *, cohort: str, sex_split: SexSplit | None = None,
                  adjustments: Mapping[str, float | LocalAdjustment] | None = None) -> pd.DataFrame:
    """One row per need (``NEED_COLUMNS``) for a local cohort of ``cohort_size`` people.

    ``rows``: comparison rows (``compare_with_general_population``) for one evidence cohort; rows without a cohort
    percentage are ignored. A need is a cohort x indicator: with a ``sex_split`` and rates for men and women, the
    number is worked out by sex and added; otherwise the persons rate is used (crude), and the ``basis_text`` says
    which. ``adjustments``: None = local adjustment off; else indicator id -> local ÷ England ratio (or a
    ``LocalAdjustment``); a need whose indicator is missing gets no adjusted figure and the reason.
    Raises ValueError for a negative or missing cohort size, or rows from more than one cohort.
    """
    size = _number(cohort_size)
    if math.isnan(size) or math.isinf(size) or size < 0:
        raise ValueError(f"the cohort size must be a number of at least 0, got {cohort_size!r}")
    usable = rows[(rows["unit"] == "%") & rows["cohort_value"].notna()]
    if usable["cohort"].nunique() > 1:
        raise ValueError(f"rows from several cohorts ({sorted(usable['cohort'].unique())}): estimate one at a time")
    needs = [_estimate_one(group, size, sex_split, adjustments, cohort)
             for _, group in usable.groupby(["cohort", "indicator"], sort=False)]
    return pd.DataFrame(needs, columns=NEED_COLUMNS)


def side_by_side(estimates: Sequence[pd.DataFrame], wide: bool = False) -> pd.DataFrame:
    """Several cohorts' estimates together, never added up: long (one row per cohort x need, as ``NEED_COLUMNS``)
    or wide (one row per need, a column per cohort and figure, e.g. ``expected | probation``)."""
    frames = [frame for frame in estimates if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=NEED_COLUMNS)
    long = pd.concat(frames, ignore_index=True)
    if not wide:
        return long
    figures = ["cohort_size", "expected", "expected_low", "expected_high", "expected_at_general_rate", "additional"]
    table = long.pivot_table(index=["domain", "indicator"], columns="cohort", values=figures, aggfunc="first",
                             dropna=False, sort=False)
    table.columns = [f"{figure} | {cohort}" for figure, cohort in table.columns]
    return table.reset_index()


# --- Display rounding and the board sentence ----------------------------------------------------------------------


def round_count(value: float) -> float:
    """Display rounding for a number of people (half away from zero, on the absolute value):
    0 stays 0; under 10: the nearest whole number; 10 to 999: 2 significant figures (so the nearest 1 below 100
    and the nearest 10 from 100); 1,000 to 99,999: the nearest 100; 100,000 and over: the nearest 1,000."""
    number = _number(value)
    if math.isnan(number):
        return math.nan
    magnitude = abs(number)
    if magnitude < 100:
        step = Decimal(1)
    elif magnitude < 1000:
        step = Decimal(10)
    elif magnitude < 100_000:
        step = Decimal(100)
    else:
        step = Decimal(1000)
    rounded = (Decimal(repr(magnitude)) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return math.copysign(float(rounded), number) if rounded else 0.0


def format_count(value: float) -> str:
    """``round_count`` as text with thousands separators; "fewer than 1" between 0 and 0.5; "" when missing."""
    number = _number(value)
    if math.isnan(number):
        return ""
    if 0 < abs(number) < 0.5:
        return "fewer than 1"
    return f"{round_count(number):,.0f}"


def format_interval(low: float, high: float) -> str:
    """"95% CI a–b" with both limits rounded as counts; "" when either is missing."""
    if math.isnan(_number(low)) or math.isnan(_number(high)):
        return ""
    return f"95% CI {format_count(low)}–{format_count(high)}"


def need_phrase(indicator: str) -> str:
    """Plain words for "are likely to ...": the NEED_PHRASES entry, else the indicator's own name."""
    return NEED_PHRASES.get(indicator, f"be in this group: {str(indicator).lower()}")


def board_sentence(need: Mapping | pd.Series, area_name: str, *, size_is_estimate: bool = True,
                   include_adjusted: bool = False) -> str:
    """The plain-English sentence for a board paper, rounded for display (``format_count``), e.g.
    "Of an estimated 1,000 people on probation in Barnsley, about 200 (95% CI 150–250) are likely to have
    depression: about 100 more than if they had the general population's rates."

    Says so when no CI was published, when the general-population figure is context only or missing, when the
    number covers one sex only, and when it cannot be estimated without a sex split. ``size_is_estimate`` False
    (a typed local figure) reads "Of the N ...". ``include_adjusted`` adds the adjusted number when there is one.
    """
    spec = ESTIMATOR_COHORTS.get(str(need["cohort"]))
    people = spec.people.format(area=area_name) if spec else f"people in {area_name}"
    opening = f"Of {'an estimated' if size_is_estimate else 'the'} {format_count(need['cohort_size'])} {people}"
    phrase = need_phrase(str(need["indicator"]))
    if need["basis"] == BASIS_NEEDS_SPLIT or math.isnan(_number(need["expected"])):
        return (f"{opening}, the number likely to {phrase} cannot be estimated: the source gives rates for men and "
                "women separately, and the cohort's sex split is not known.")
    who = ""
    if need["basis"] == BASIS_ONE_SEX:
        sex = "men" if not math.isnan(_number(need["cohort_value_men"])) else "women"
        who = f" of the {format_count(need['covered_people'])} {sex}"
    interval = format_interval(need["expected_low"], need["expected_high"])
    sentence = f"{opening}, about {format_count(need['expected'])}{who}"
    sentence += f" ({interval})" if interval else ""
    sentence += f" are likely to {phrase}"
    additional = _number(need["additional"])
    if not math.isnan(additional):
        low, high = _number(need["additional_low"]), _number(need["additional_high"])
        if additional >= 0:
            words, extra_interval = "more", format_interval(low, high)
        else:
            words, extra_interval = "fewer", format_interval(-high, -low)
        sentence += (f": about {format_count(abs(additional))} {words}"
                     f"{f' ({extra_interval})' if extra_interval else ''}"
                     " than if they had the general population's rates.")
    elif str(need.get("ratio_basis", "")) == RATIO_CONTEXT_ONLY or "Context only" in str(need.get("general_rate_note")):
        sentence += ". The general-population figure is not like for like, so no difference is given."
    else:
        sentence += ". No general-population figure was published to compare with."
    if not interval:
        sentence += " No confidence interval was published for this figure."
    if include_adjusted and not math.isnan(_number(need.get("adjusted_expected"))):
        sentence += (f" Scaled by {area_name}'s own general-population rate, the estimate is about "
                     f"{format_count(need['adjusted_expected'])}.")
    return sentence
