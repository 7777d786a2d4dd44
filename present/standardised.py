"""The standardised comparisons as the Overview and the Sources page show them: crude and standardised ratios
side by side, with the expected prevalence, the interval's method, every input's source, and what is missing."""

from __future__ import annotations

import pandas as pd

from analysis.standardisation import StandardisedRatio, indirectly_standardised
from core.labels import COHORT_LABELS, SOURCE_STATUS_LABELS

EXPECTED_COLUMN = "Expected at the general population's rates"
COLUMNS = ("Need", "Cohort", "Figure", "Crude ratio", "Standardised ratio", "Standardised for", EXPECTED_COLUMN,
           "Interval", "Inputs", "Not reached", "Note")


def _strata(frame: pd.DataFrame, standardised_for: str) -> dict[str, float]:
    keys = frame["sex"] if standardised_for == "sex" else frame["sex"] + " " + frame["age_band"]
    return dict(zip(keys, frame["value"], strict=True))


def _inputs_text(frame: pd.DataFrame) -> str:
    first = frame.drop_duplicates("input_id")
    return "; ".join(f"{row.measure}, {row.area_name}, {row.period}: {row.source} ({row.source_url}; "
                     f"{SOURCE_STATUS_LABELS[row.source_status].lower()})" for row in first.itertuples())


def _ratio(evidence: pd.Series, spec: pd.Series, inputs: pd.DataFrame) -> StandardisedRatio:
    rates = inputs[inputs["input_id"] == spec["rates_id"]]
    mix = inputs[inputs["input_id"] == spec["mix_id"]]
    return indirectly_standardised(evidence["cohort_value"], evidence["comparator_value"],
                                   _strata(mix, spec["standardised_for"]), _strata(rates, spec["standardised_for"]),
                                   evidence["cohort_numerator"], evidence["cohort_denominator"])


def _interval(result: StandardisedRatio) -> str:
    if result.low is None:
        return result.interval_method
    return f"{result.low:.1f} to {result.high:.1f} ({result.interval_method})"


def standardised_table(comparisons: pd.DataFrame, inputs: pd.DataFrame, comparison: pd.DataFrame,
                       cohort: str | None = None) -> pd.DataFrame:
    """One row per standardised comparison (for ``cohort``, or every cohort), computed where both inputs exist."""
    evidence_rows = comparison.set_index("indicator_id")
    rows = []
    for spec in comparisons.itertuples(index=False):
        if cohort is not None and spec.cohort != cohort:
            continue
        evidence = evidence_rows.loc[spec.evidence_id]
        figure = (f"{evidence['cohort_value']:g}% vs {evidence['comparator_value']:g}% "
                  f"({evidence['comparator']}; {evidence['cohort_source']}, data {int(evidence['data_year'])})")
        computed = pd.notna(spec.rates_id)
        result = _ratio(evidence, pd.Series(spec._asdict()), inputs) if computed else None
        used = inputs[inputs["input_id"].isin([spec.rates_id, spec.mix_id])]
        rows.append({
            "Need": spec.need, "Cohort": COHORT_LABELS[spec.cohort], "Figure": figure,
            "Crude ratio": f"{result.crude_ratio:.1f}×" if result else "",
            "Standardised ratio": f"{result.standardised_ratio:.1f}×" if result else "not computed",
            "Standardised for": spec.standardised_for if computed else "",
            EXPECTED_COLUMN: f"{result.expected:.1f}%" if result else "",
            "Interval": _interval(result) if result else "",
            "Inputs": _inputs_text(used) if computed else "",
            "Not reached": spec.not_reached if isinstance(spec.not_reached, str) else "",
            "Note": spec.note,
        })
    return pd.DataFrame(rows, columns=list(COLUMNS))
