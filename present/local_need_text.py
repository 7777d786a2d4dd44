"""Local need in words: display rounding of counts, intervals, the plain words for each need, the notes that say
how each figure was worked out (from the estimator's codes), and the board sentence with its source line."""

from __future__ import annotations

import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from analysis.comparison import CI_NOT_PUBLISHED
from analysis.local_need.adjustment import AdjustmentStatus
from analysis.local_need.cohorts import ESTIMATOR_COHORTS, LOCAL_INDICATOR_NAMES
from analysis.local_need.estimate import Basis, CiMethod, DifferenceInterval, GeneralRate, NeedEstimate
from analysis.local_need.estimate import number as to_float
from present.tables import year_text

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
    "Declared 'No Fixed Abode' on reception into prison (self-reported)":
        "have declared no fixed abode on reception into prison",
    "Accommodation need identified in an OASys assessment": "have an accommodation need (OASys assessment)",
    "Alcohol misuse need identified in an OASys assessment": "have an alcohol misuse need (OASys assessment)",
    "Hospital-recorded head injury in life so far (linked NHS records)":
        "have had a head injury recorded by a hospital",
    "Unemployed in the four weeks before custody": "have been unemployed in the four weeks before custody",
    "At least one adverse childhood experience (ACE)": "have had at least one adverse childhood experience",
    "Four or more adverse childhood experiences (ACEs)": "have had four or more adverse childhood experiences",
    "Experienced abuse as a child": "have experienced abuse as a child",
    "Taken into care as a child": "have been taken into care as a child",
}
SEX_WORDS = {"male": "men", "female": "women", "persons": "everyone"}
MOVER_NOTE = ("95% CI of the difference by the MOVER method (Newcombe 1998, method 10; Zou and Donner 2008) from "
              "the cohort and general-population intervals, assuming the two samples are independent; the cohort "
              "size is treated as known.")
CI_WORDS = {CiMethod.WILSON: "a Wilson score interval computed from the published count and denominator",
            CiMethod.PUBLISHED: "the published confidence interval"}
ADJUSTMENT_OFF = "local adjustment is off"
CONTEXT_ONLY_WORDS = "context only: not like for like"


# --- Display rounding ------------------------------------------------------------------------------------------


def round_count(value: float) -> float:
    """Display rounding for a number of people (half away from zero, on the absolute value):
    0 stays 0; under 10: the nearest whole number; 10 to 999: 2 significant figures (so the nearest 1 below 100
    and the nearest 10 from 100); 1,000 to 99,999: the nearest 100; 100,000 and over: the nearest 1,000."""
    number = to_float(value)
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
    number = to_float(value)
    if math.isnan(number):
        return ""
    if 0 < abs(number) < 0.5:
        return "fewer than 1"
    return f"{round_count(number):,.0f}"


def format_interval(low: float, high: float) -> str:
    """"95% CI a–b" with both limits rounded as counts; "" when either is missing."""
    if math.isnan(to_float(low)) or math.isnan(to_float(high)):
        return ""
    return f"95% CI {format_count(low)}–{format_count(high)}"


def need_phrase(indicator: str) -> str:
    """Plain words for "are likely to ...": the NEED_PHRASES entry, else the indicator's own name."""
    return NEED_PHRASES.get(indicator, f"be in this group: {str(indicator).lower()}")



# --- How each figure was worked out ------------------------------------------------------------------------------


def basis_text(need: NeedEstimate) -> str:
    """How the number was worked out, in words (with the sex split and its source)."""
    parts, split = need.parts, need.sex_split
    if need.basis is Basis.BY_SEX:
        rates = ", ".join(f"{SEX_WORDS[part.sex]} {part.share * 100:.1f}% of the cohort at {part.cohort_value:g}%"
                          for part in parts)
        return f"by sex: {rates}; split from {split.source}" if split else f"by sex: {rates}"
    if need.basis is Basis.CRUDE:
        return "crude: the source gives a rate for everyone (persons) only, so the cohort's sex mix is not used"
    if need.basis is Basis.ONE_SEX:
        sex = SEX_WORDS[parts[0].sex]
        return (f"{sex} only: the source gives a rate for {sex} only, so the number covers the {sex} in the cohort "
                f"({parts[0].share * 100:.1f}%, split from {split.source if split else ''}); nobody else is counted")
    if need.basis is Basis.ONE_SEX_WHOLE:
        sex = SEX_WORDS[parts[0].sex]
        return (f"crude: the source gives a rate for {sex} only; with no sex split it is applied to the whole "
                f"cohort, as if everyone had the rate of {sex}")
    return ("not computed: the source gives rates for men and women separately and none for everyone; enter the "
            "cohort's sex split to compute it")


def covered_text(need: NeedEstimate) -> str:
    """Who the number covers, in words ("" when there is no number)."""
    if need.basis is Basis.NEEDS_SPLIT:
        return ""
    if need.basis is Basis.ONE_SEX:
        return f"the {SEX_WORDS[need.parts[0].sex]} in the cohort only"
    return "the whole cohort"


def interval_note(need: NeedEstimate) -> str:
    """How the expected number's interval was worked out, or why there is none."""
    if need.basis is Basis.NEEDS_SPLIT:
        return basis_text(need)
    method = need.expected.ci_method
    if method is CiMethod.NOT_PUBLISHED:
        return (f"{CI_NOT_PUBLISHED}: the source gave no confidence interval (nor a count and denominator to compute "
                "one), so no interval is shown.")
    note = (f"95% interval: cohort size × {CI_WORDS[method]} of the prevalence; the cohort size is treated as "
            "known (its own uncertainty is not included).")
    if len(need.parts) > 1:
        note += (" The limits for men and women are added, which is conservative (it assumes both errors go the "
                 "same way).")
    return note


def general_rate_note(need: NeedEstimate) -> str:
    """What the general-population number is: like for like, context only, or none."""
    status = need.general.status
    if status is GeneralRate.NOT_ESTIMATED:
        return basis_text(need)
    if status is GeneralRate.NOT_PUBLISHED:
        return "No general-population figure was published for this need."
    if status is GeneralRate.CONTEXT_ONLY:
        return ("Context only: the general-population figure is not like for like (a different measure, instrument "
                "or population), so it is shown for context only: no number at its rate and no difference are "
                "worked out.")
    rates = "; ".join(f"{SEX_WORDS[part.sex]} in the cohort at the rate for "
                      f"{SEX_WORDS.get(part.comparator_sex, part.comparator_sex)}, {part.comparator_value:g}%"
                      for part in need.parts)
    return f"The number expected if the cohort had the general population's rate ({rates})."


# What the general-population figure is, in a few words: the table's label beside the prevalence.
COMPARATOR_WORDS = {GeneralRate.LIKE_FOR_LIKE: "like for like", GeneralRate.CONTEXT_ONLY: CONTEXT_ONLY_WORDS,
                    GeneralRate.NOT_PUBLISHED: "no figure published", GeneralRate.NOT_ESTIMATED: "not estimated"}


def comparator_words(need: NeedEstimate) -> str:
    """The general-population figure's label: "like for like", "context only: not like for like", ..."""
    return COMPARATOR_WORDS[need.general.status]


def context_only_note(needs: Iterable[NeedEstimate]) -> str:
    """The line under a chart naming the needs drawn without the general population's rate, because its figure
    is not like for like ("" when there are none)."""
    named = [f"{need.evidence.indicator} ({need.general.comparator_value:.3g}%)" for need in needs
             if need.general.status is GeneralRate.CONTEXT_ONLY and not math.isnan(need.expected.number)]
    if not named:
        return ""
    return ("No “general population's rate” marker where the general-population figure is not like for like; "
            f"its prevalence is context only: {'; '.join(named)}.")


def additional_note(need: NeedEstimate) -> str:
    """How the difference and its interval were worked out, or why not."""
    status = need.general.status
    if status is GeneralRate.NOT_ESTIMATED:
        return basis_text(need)
    if status is GeneralRate.NOT_PUBLISHED:
        return "Not computed: no general-population figure was published for this need."
    if status is GeneralRate.CONTEXT_ONLY:
        return ("Not computed: the general-population figure is not like for like, so neither the number at its "
                "rate nor 'additional people' is given: either would be misleading.")
    if need.general.difference is DifferenceInterval.MOVER:
        return MOVER_NOTE
    missing = ("the cohort figure" if need.general.difference is DifferenceInterval.NO_COHORT_CI
               else "the general-population figure")
    return (f"No interval for the difference: {missing} has no published confidence interval, so the uncertainty "
            "of the difference cannot be worked out.")


def adjustment_note(need: NeedEstimate) -> str:
    """The local adjustment in words, or why there is none."""
    adjusted, status = need.adjusted, need.adjusted.status
    if status is AdjustmentStatus.OFF:
        return ADJUSTMENT_OFF
    if status is AdjustmentStatus.NOT_ESTIMATED:
        return basis_text(need)
    if status is AdjustmentStatus.NO_INDICATOR or need.local_indicator is None:
        return "no local general-population indicator for this need, so no adjusted figure"
    indicator_id, match = need.local_indicator
    if status is AdjustmentStatus.NO_VALUE:
        return adjusted.reason or (f"no local value of {LOCAL_INDICATOR_NAMES.get(indicator_id, indicator_id)} "
                                   f"({indicator_id}) for this area, so no adjusted figure")
    note = f"cohort prevalence × {adjusted.ratio:.4g} ({adjusted.reason or 'local ÷ England'}); {match}"
    if adjusted.capped:
        note += "; capped at 100% (the prevalence × the ratio was above 100%)"
    return note + ". No interval: the uncertainty of the local and England figures is not carried."


# --- The board sentence ----------------------------------------------------------------------------------------


def _difference_words(need: NeedEstimate) -> str:
    additional = need.general.additional
    if not math.isnan(additional):
        low, high = need.general.additional_interval.low, need.general.additional_interval.high
        if additional >= 0:
            words, extra_interval = "more", format_interval(low, high)
        else:
            words, extra_interval = "fewer", format_interval(-high, -low)
        return (f": about {format_count(abs(additional))} {words}{f' ({extra_interval})' if extra_interval else ''}"
                " than if they had the general population's rates.")
    if need.general.status is GeneralRate.CONTEXT_ONLY:
        return ". The general-population figure is not like for like, so no difference is given."
    return ". No general-population figure was published to compare with."


def short_estimate(need: NeedEstimate) -> str:
    """The estimate in a few words, for a table on a slide: "about 640 (95% CI 600–690); about 380 more than at
    the general population's rates"."""
    if need.basis is Basis.NEEDS_SPLIT or math.isnan(need.expected.number):
        return "cannot be estimated: the cohort's sex split is not known"
    interval = format_interval(need.expected.interval.low, need.expected.interval.high)
    text = f"about {format_count(need.expected.number)}" + (f" ({interval})" if interval else " (no CI published)")
    additional = need.general.additional
    if not math.isnan(additional):
        more = "more" if additional >= 0 else "fewer"
        return f"{text}; about {format_count(abs(additional))} {more} than at the general population's rates"
    if need.general.status is GeneralRate.CONTEXT_ONLY:
        return f"{text}; no like-for-like general-population rate"
    return text


ROUNDED = " Estimated numbers are rounded."  # only the app's estimates: a typed figure is quoted as typed


def board_sentence(need: NeedEstimate, area_name: str, *, size_is_estimate: bool = True,
                   include_adjusted: bool = False) -> str:
    """The plain-English sentence for a board paper, rounded for display (``format_count``), e.g.
    "Of an estimated 1,000 people on probation in Barnsley, about 200 (95% CI 150–250) are likely to have
    depression: about 100 more than if they had the general population's rates."

    Says so when no CI was published, when the general-population figure is context only or missing, when the
    number covers one sex only, and when it cannot be estimated without a sex split. ``size_is_estimate`` False
    (a typed local figure) reads "Of the N ..." with N as typed, unrounded. ``include_adjusted`` adds the
    adjusted number when there is one.
    """
    spec = ESTIMATOR_COHORTS.get(need.cohort)
    people = spec.people.format(area=area_name) if spec else f"people in {area_name}"
    # A typed size is quoted as typed; only the app's estimate is rounded.
    size = format_count(need.cohort_size) if size_is_estimate else f"{need.cohort_size:,.10g}"
    opening = f"Of {'an estimated' if size_is_estimate else 'the'} {size} {people}"
    phrase = need_phrase(need.evidence.indicator)
    if need.basis is Basis.NEEDS_SPLIT or math.isnan(need.expected.number):
        return (f"{opening}, the number likely to {phrase} cannot be estimated: the source gives rates for men and "
                "women separately, and the cohort's sex split is not known.")
    who = ""
    if need.basis is Basis.ONE_SEX:
        sex = "men" if not math.isnan(need.by_sex.cohort_men) else "women"
        who = f" of the {format_count(need.covered_people)} {sex}"
    interval = format_interval(need.expected.interval.low, need.expected.interval.high)
    sentence = f"{opening}, about {format_count(need.expected.number)}{who}"
    sentence += f" ({interval})" if interval else ""
    sentence += f" are likely to {phrase}" + _difference_words(need)
    if not interval:
        sentence += " No confidence interval was published for this figure."
    if include_adjusted and not math.isnan(need.adjusted.expected):
        sentence += (f" Scaled by {area_name}'s own general-population rate, the estimate is about "
                     f"{format_count(need.adjusted.expected)}.")
    return sentence + ROUNDED


def need_source(need: NeedEstimate) -> str:
    """The source under a board sentence, without a "Source:" label (each place that shows it adds its own, as
    for the Overview's tiles): "Author A 2020, data 2020."."""
    evidence = need.evidence
    grade = f", grade {evidence.grade}" if evidence.grade else ""
    secondary = ("secondary compilation" in (evidence.evidence_quality or "").replace("_", " ")
                 or "secondary" in (evidence.source_status or ""))
    return (f"{evidence.cohort_source}, data {year_text(evidence.data_year)}{grade}"
            + (" (read only in a secondary source: context, not evidence)" if secondary else "") + ".")
