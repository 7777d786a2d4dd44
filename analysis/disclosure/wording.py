"""The words of disclosure control, made from the threshold in force: the suppressed cell, the footnote and the
statement of the rule. The one place these words are written, so every table, map and file quotes one number."""

from __future__ import annotations

from analysis.disclosure.counts import checked_threshold


def small_counts(threshold: int) -> str:
    """'from 1 to 4' (threshold 5), 'of 1' (threshold 2)."""
    return "of 1" if checked_threshold(threshold) == 2 else f"from 1 to {threshold - 1}"


def suppressed_text(threshold: int) -> str:
    """What a suppressed cell reads, on screen and in every download: "suppressed (<5)"."""
    return f"suppressed (<{checked_threshold(threshold)})"


PROTECTS_ANOTHER_CELL = "suppressed to protect another cell"


def hidden_texts(threshold: int) -> tuple[str, str]:
    """Every text a hidden cell may read: a small count's, and a larger figure's hidden to protect it."""
    return suppressed_text(threshold), PROTECTS_ANOTHER_CELL


def footnote(threshold: int) -> str:
    """The footnote under any table, chart or map with a suppressed cell."""
    if checked_threshold(threshold) == 1:
        return "No figure is suppressed: the disclosure threshold is set to 1."
    people = "1 person" if threshold == 2 else f"1 to {threshold - 1} people"
    return (
        f"{suppressed_text(threshold)}: to protect the people counted, a count {small_counts(threshold)} is not "
        "shown, and nor is any rate, confidence interval or comparison worked out from it. The same applies "
        f"where a count leaves out only {people} of its group (the denominator). Some larger figures read "
        f"\"{PROTECTS_ANOTHER_CELL}\": they are hidden so that a small count cannot be worked out, by "
        "subtracting the other figures from a total or from its group.")


def threshold_statement(threshold: int, set_by: str) -> str:
    """The statement of the rule in force, e.g. on the "Your data" page. ``set_by`` says where the threshold
    came from ("the default", or settings.threshold_set_by naming the environment variable)."""
    if checked_threshold(threshold) == 1:
        return f"Disclosure control is off: no count is suppressed (threshold 1, {set_by})."
    return (f"Counts {small_counts(threshold)} are suppressed, with every figure worked out from them "
            f"(threshold {threshold}, {set_by}).")
