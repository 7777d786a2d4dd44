"""The codes that say how a figure was compared and where its interval came from: the comparison with a
benchmark (category, confidence level, basis), the basis of a cohort-to-population ratio and the interval
method, each a StrEnum, with the words of a comparison result. Every layer compares members, never sentences."""

from __future__ import annotations

import math
from enum import StrEnum

CONFIDENCE_95 = 0.95
CONFIDENCE_99_8 = 0.998
LEVELS = (CONFIDENCE_95, CONFIDENCE_99_8)
LEVEL_TEXT = {CONFIDENCE_95: "95%", CONFIDENCE_99_8: "99.8%"}


class Comparison(StrEnum):
    """The result of comparing an area with a benchmark (Fingertips' categories)."""

    BETTER = "Better"
    SIMILAR = "Similar"
    WORSE = "Worse"
    LOWER = "Lower"
    HIGHER = "Higher"
    NOT_COMPARED = "Not compared"


CATEGORIES = tuple(Comparison)
NOT_COMPARED = Comparison.NOT_COMPARED


class ComparisonBasis(StrEnum):
    """How a local value's comparison with England was got."""

    COMPUTED = "computed"  # from the file's limits (analysis.benchmark)
    PUBLISHED = "published by Fingertips"  # Fingertips' own comparison, as in the file
    NONE = "none"


class RatioBasis(StrEnum):
    """How the cohort-to-general-population ratio of an evidence row was got (analysis.comparison)."""

    COMPUTED = "computed"  # from two like-for-like published percentages
    PUBLISHED = "published"  # the source's own ratio
    PUBLISHED_LOW_COMPARABILITY = "published_low_comparability"  # a published ratio, quoted only
    CONTEXT_ONLY = "context_only"  # low comparability: the comparator is context, no ratio
    NO_COMPARATOR = "no_comparator"  # no general-population figure
    COUNT = "count"  # a count of events with no denominator: context, never turned into a rate


# The bases of a like-for-like comparison: the only ones plotted, headlined with a ratio, given a general-rate
# figure in Local need, or tested for significance in Your data.
LIKE_FOR_LIKE_BASES = (RatioBasis.COMPUTED, RatioBasis.PUBLISHED)
PLOTTABLE_BASES = LIKE_FOR_LIKE_BASES


class CiMethod(StrEnum):
    """Where an interval came from; the value is the wording shown beside it."""

    PUBLISHED_BY_SOURCE = "published by the source"  # national evidence
    FINGERTIPS_95 = "Fingertips 95% CI, as published"  # Fingertips files (their 95% limits)
    WILSON_PUBLISHED_COUNTS = "Wilson score 95%, computed from the published count and denominator"
    NOT_PUBLISHED = "CI not published"
    AS_PUBLISHED = "as published"  # benchmark_frame: the frame's own interval at the level compared
    WILSON_95 = "Wilson score 95%, computed from the count and denominator"  # benchmark_frame
    WILSON_99_8 = "Wilson score 99.8%, computed from the count and denominator"  # benchmark_frame


WILSON_AT_LEVEL = {CONFIDENCE_95: CiMethod.WILSON_95, CONFIDENCE_99_8: CiMethod.WILSON_99_8}


def check_level(level: float) -> float:
    """The known level ``level`` is (0.95 or 0.998, to float precision); ValueError otherwise."""
    for known in LEVELS:
        if math.isclose(level, known):
            return known
    raise ValueError(f"level must be 0.95 or 0.998 (the levels Fingertips uses), got {level!r}")


def comparison_label(category: str, level: float, benchmark_name: str = "England") -> str:
    """The words shown with a result, level included: "Worse than England (95%)"."""
    level_text = LEVEL_TEXT[check_level(level)]
    if category == Comparison.NOT_COMPARED:
        return f"Not compared with {benchmark_name}"
    if category == Comparison.SIMILAR:
        return f"Similar to {benchmark_name} ({level_text})"
    if category in CATEGORIES:
        return f"{category} than {benchmark_name} ({level_text})"
    raise ValueError(f"unknown comparison category {category!r}")
