"""Settings a deployment may change, in one place (Duck Book "configuration": parameters apart from logic).

Disclosure control (issue 6, "Your data"): counts from 1 up to one below ``DISCLOSURE_THRESHOLD`` are
suppressed, with every figure worked out from them (analysis/disclosure.py applies the rules). The default,
5, suppresses 1 to 4: the threshold the issue sets. NHS England uses 1 to 7 for HES and ECDS below national
level; research environments (UK LLC, ONS SRS) use 10, as design/anchors.md §3.6 proposed. A Director of
Public Health whose information governance asks for more sets the environment variable
``JHE_DISCLOSURE_THRESHOLD`` (a whole number, 1 or more) before starting the app. An empty value means the
default, as for JHE_DATA_DIR. Any other value stops the app at start with a message saying so: importing
this module raises ``SettingsError``. A threshold of 1 suppresses nothing.

The words on screen come from here too, so the table cell, the footnote and the statement of the threshold
always quote the same number: ``suppressed_text(5)`` is "suppressed (<5)".
"""

from __future__ import annotations

import os
from collections.abc import Mapping

ENV_DISCLOSURE_THRESHOLD = "JHE_DISCLOSURE_THRESHOLD"
DEFAULT_DISCLOSURE_THRESHOLD = 5


class SettingsError(ValueError):
    """A setting from the environment cannot be used; the message names the variable and the value."""


def parse_threshold(text: str, name: str = ENV_DISCLOSURE_THRESHOLD) -> int:
    """The threshold written in ``text``: digits only (surrounding spaces allowed), at least 1.

    "5.0", "+5", "-1", "0" and "five" raise SettingsError: a threshold is a number of people.
    """
    cleaned = str(text).strip()
    if not cleaned.isascii() or not cleaned.isdigit() or int(cleaned) < 1:
        raise SettingsError(
            f"{name} must be a whole number of 1 or more (counts from 1 up to one below it are suppressed), "
            f"got {text!r}. Unset it to use the default, {DEFAULT_DISCLOSURE_THRESHOLD}.")
    return int(cleaned)


def threshold_from_env(environ: Mapping[str, str] | None = None) -> int:
    """``JHE_DISCLOSURE_THRESHOLD`` from ``environ`` (default ``os.environ``); unset or empty gives 5."""
    environ = os.environ if environ is None else environ
    text = environ.get(ENV_DISCLOSURE_THRESHOLD)
    if text is None or not text.strip():
        return DEFAULT_DISCLOSURE_THRESHOLD
    return parse_threshold(text)


DISCLOSURE_THRESHOLD: int = threshold_from_env()


def _threshold(threshold: int | None) -> int:
    if threshold is None:
        return DISCLOSURE_THRESHOLD
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise SettingsError(f"the disclosure threshold must be a whole number of 1 or more, got {threshold!r}")
    return threshold


def _small_counts(threshold: int) -> str:
    """'from 1 to 4' (threshold 5), 'of 1' (threshold 2)."""
    return "of 1" if threshold == 2 else f"from 1 to {threshold - 1}"


def suppressed_text(threshold: int | None = None) -> str:
    """What a suppressed cell reads, on screen and in every download: "suppressed (<5)"."""
    return f"suppressed (<{_threshold(threshold)})"


def footnote(threshold: int | None = None) -> str:
    """The footnote under any table, chart or map with a suppressed cell."""
    threshold = _threshold(threshold)
    if threshold == 1:
        return "No figure is suppressed: the disclosure threshold is set to 1."
    people = "1 person" if threshold == 2 else f"1 to {threshold - 1} people"
    return (
        f"{suppressed_text(threshold)}: to protect the people counted, a count {_small_counts(threshold)} is not "
        "shown, and nor is any rate, confidence interval or comparison worked out from it. The same applies "
        f"where a count leaves out only {people} of its group (the denominator). Some larger figures are "
        "suppressed as well, so that a hidden count cannot be worked out by subtracting the other figures "
        "from a total.")


def threshold_statement(threshold: int | None = None) -> str:
    """The on-screen statement of the rule in force, e.g. on the "Your data" page."""
    threshold = _threshold(threshold)
    if threshold == 1:
        return f"Disclosure control is off: no count is suppressed (threshold 1, set by {ENV_DISCLOSURE_THRESHOLD})."
    source = ("the default" if threshold == DEFAULT_DISCLOSURE_THRESHOLD
              else f"set by {ENV_DISCLOSURE_THRESHOLD}")
    return (f"Counts {_small_counts(threshold)} are suppressed, with every figure worked out from them "
            f"(threshold {threshold}, {source}).")
