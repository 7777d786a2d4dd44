"""Statistical disclosure control for counts of people (rules in analysis/disclosure/rules.py), as one API."""

from analysis.disclosure.counts import (
    COUNT_COLUMNS,
    DENOMINATOR,
    DERIVED_COLUMNS,
    FLAG_COLUMNS,
    REASON,
    SUPPRESSED,
    Suppression,
)
from analysis.disclosure.guard import DisclosureError, check_no_disclosure, safe_csv_bytes
from analysis.disclosure.rules import TotalRule, primary_suppress
from analysis.disclosure.secondary import secondary_suppress
from analysis.disclosure.suppressed import SuppressedFrame, suppress, to_display
from analysis.disclosure.wording import footnote, suppressed_text, threshold_statement

__all__ = [
    "COUNT_COLUMNS", "DENOMINATOR", "DERIVED_COLUMNS", "FLAG_COLUMNS", "REASON", "SUPPRESSED", "DisclosureError",
    "SuppressedFrame", "Suppression", "TotalRule", "check_no_disclosure", "footnote", "primary_suppress",
    "safe_csv_bytes", "secondary_suppress", "suppress", "suppressed_text", "threshold_statement", "to_display",
]
