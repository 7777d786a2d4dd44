"""Settings a deployment may change, read from the environment and checked once (the disclosure threshold)."""

# Disclosure control (issue 6, "Your data"): counts from 1 up to one below ``DISCLOSURE_THRESHOLD`` are
# suppressed, with every figure worked out from them (analysis/disclosure applies the rules, with the threshold
# passed in: pages pass ``settings.DISCLOSURE_THRESHOLD``). The default,
# 5, suppresses 1 to 4: the threshold the issue sets. NHS England uses 1 to 7 for HES and ECDS below national
# level; research environments (UK LLC, ONS SRS) use 10, as design/anchors.md §3.6 proposed. A Director of
# Public Health whose information governance asks for more sets the environment variable
# ``JHE_DISCLOSURE_THRESHOLD`` (a whole number, 1 or more) before starting the app. An empty value means the
# default, as for JHE_DATA_DIR. Any other value stops the app at start with a message saying so: importing
# this module raises ``SettingsError``. A threshold of 1 suppresses nothing.
#
# This module only reads and checks the setting. The words on screen are made from the threshold in
# analysis/disclosure/wording.py, so the table cell, the footnote and the statement of the rule always quote the
# same number; ``threshold_set_by`` says where the threshold came from, naming the variable.


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


def threshold_set_by(threshold: int | None = None) -> str:
    """Where ``threshold`` (default: the one in force) came from, for the statement of the rule
    (analysis.disclosure.threshold_statement): "the default" or "set by JHE_DISCLOSURE_THRESHOLD"."""
    threshold = DISCLOSURE_THRESHOLD if threshold is None else threshold
    return "the default" if threshold == DEFAULT_DISCLOSURE_THRESHOLD else f"set by {ENV_DISCLOSURE_THRESHOLD}"
