"""The local-need estimator's content: the cohorts it offers (with the national sizes behind their defaults and why
those rows), the local indicators for the optional adjustment, and the fixed sentences that go with them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class SizeMethod(StrEnum):
    """How a cohort's national size is made from its cohort_sizes.csv rows."""

    SUM = "sum"  # a computed total of published rows
    SINGLE = "single"  # one published row
    NONE = "none"  # no published national size

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
    size_method: SizeMethod
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
        size_method=SizeMethod.SUM,
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
        size_method=SizeMethod.SINGLE,
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
        size_method=SizeMethod.SINGLE,
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
        size_method=SizeMethod.NONE,
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


# --- Census 2021 adults: the nearest band to 18+ in the population file ----------------------------------------

ADULT_AGE_FROM = 20
ADULTS_LABEL = "adults aged 20 and over"
ADULTS_NOTE = ("The Census 2021 population file has five-year age bands (ONS table TS007A), so 18+ is not "
               "available; 20+ is the nearest band.")
POPULATION_SOURCE = ("ONS Census 2021, usual residents by five-year age band (TS007A), in the app's population file "
                     "(population_census2021_by_age_england_lad24_utla23.csv)")
