"""The one order of period labels ("2021", "2019/20", "2017 - 19", "2016/17 - 18/19", "October-December 2023"):
oldest first by the first year, then the last year, then the first month or quarter within the year, then the
label; and the latest period of a set of labels."""

from __future__ import annotations

import re
from collections.abc import Iterable

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
# A two-digit year after "/" or "-" ("2019/20", "2017 - 19", "2016/17 - 18/19"), not part of a longer number.
_SHORT_YEAR = re.compile(r"[/-]\s*(\d{2})(?![\d-])")
_MONTHS = {name: number for number, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")], start=1) for name in names}
_MONTH = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_QUARTER = re.compile(r"\bQ([1-4])\b", re.IGNORECASE)


def period_years(label: object) -> tuple[int, int] | None:
    """(first year, last year) a label covers: "2021" -> (2021, 2021), "2019/20" -> (2019, 2020),
    "2017 - 19" -> (2017, 2019), "1998 - 00" -> (1998, 2000); None when it names no 4-digit year."""
    text = str(label)
    first = _YEAR.search(text)
    if first is None:
        return None
    last = start = int(first.group())
    for match in _YEAR.finditer(text, first.end()):
        last = max(last, int(match.group()))
    for match in _SHORT_YEAR.finditer(text, first.end()):
        year = (last // 100) * 100 + int(match.group(1))
        if year <= last:
            year += 100
        if year - last <= 10:  # a later year, not a day or a month of a date
            last = year
    return start, last


def _within_year(text: str) -> int:
    """The first month (1-12) a label names, else its quarter's first month ("Q2" -> 4), else 0."""
    month = _MONTH.search(text)
    if month is not None:
        return _MONTHS[month.group(1).lower()]
    quarter = _QUARTER.search(text)
    return 3 * int(quarter.group(1)) - 2 if quarter is not None else 0


def period_key(label: object) -> tuple[int, int, int, str]:
    """The sort key of a period label, oldest first. Labels that name no year sort before all others."""
    text = str(label)
    first, last = period_years(text) or (0, 0)
    return first, last, _within_year(text), text


def order_periods(labels: Iterable[object]) -> list[str]:
    """The distinct labels (as text, missing values left out), oldest first."""
    distinct = {str(label) for label in labels if label is not None and label == label}  # NaN != NaN
    return sorted(distinct, key=period_key)


def latest_period(labels: Iterable[object]) -> str | None:
    """The latest of the labels, or None when there is none."""
    ordered = order_periods(labels)
    return ordered[-1] if ordered else None
