"""Partners' figures as the Your data page and the board pack show them: suppressed once, by one rule, then written
as display text under one set of headings. On screen, text that starts like a formula is neutralised by
core.safe_csv, so Streamlit's own table download and copy hand out the same cells as the app's CSV."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis import disclosure
from core.labels import COHORT_LABELS
from core.safe_csv import neutralise_text

HEADINGS = {  # column -> heading, for the screen, the CSV (same cells) and the board pack
    "partner": "Partner (source)", "area_name": "Area", "area_code": "Area code", "cohort_label": "Cohort",
    "indicator": "Need", "sex": "Sex", "period": "Period", "numerator": "Numerator", "denominator": "Denominator",
    "value": "Prevalence (%)", "ci_low": "Lower 95% limit (%)", "ci_high": "Upper 95% limit (%)",
    "national_comparison": "Against the national figure", "general_comparison": "Against the local general "
    "population", "file": "File", "row": "Row",
}
# Chosen on the Your data page and not kept in the session, so the board pack leaves them out.
COMPARISON_COLUMNS = ("national_comparison", "general_comparison")
COUNT_COLUMNS = ("numerator",)
DERIVED_COLUMNS = ("value", "ci_low", "ci_high", *COMPARISON_COLUMNS)
KEPT_COLUMNS = ("row", "national_value", "general_value", "input_rows")
GROUP_COLUMNS = ("partner", "area_code", "cohort", "indicator", "period")  # one figure's rows, by sex
ONE_DECIMAL = ("value", "ci_low", "ci_high")  # on screen and on slides; the CSV and the workbook keep every digit


@dataclass(frozen=True)
class PartnerTable:
    """``suppressed``: the figures with every hidden cell NaN (for maps); ``full``: every cell as text where
    suppressed, unrounded, under ``HEADINGS``; ``rounded``: the same with percentages to one decimal place."""

    suppressed: disclosure.SuppressedFrame
    full: pd.DataFrame
    rounded: pd.DataFrame

    def csv_bytes(self) -> bytes:
        """The download: the same cells, through the final disclosure guard (raises DisclosureError on a leak)."""
        return self.suppressed.csv_bytes(list(HEADINGS))

    def on_screen(self) -> pd.DataFrame:
        """The table the page shows: ``rounded``, one type per column (a number beside "suppressed (<5)" becomes
        text), and every text cell through core.safe_csv's formula rule (the toolbar exports what is shown)."""
        shown = self.rounded.copy()
        for column in ("ci_low", "ci_high"):  # a blank cell would read "None": say why there is no limit
            heading = HEADINGS[column]
            shown[heading] = shown[heading].astype(object).where(shown[heading].notna(), "not published")
        mixed = [column for column in shown if shown[column].map(type).nunique() > 1]
        shown[mixed] = shown[mixed].astype("string")
        return neutralise_text(shown)


def _one_decimal(cell: object) -> object:
    return f"{cell:.1f}" if isinstance(cell, float) else cell


def partner_table(compared: pd.DataFrame, threshold: int) -> PartnerTable:
    """Suppress partners' figures (``analysis.your_data.compare`` rows): every count from 1 to threshold - 1, and
    every figure worked out from one, with secondary suppression across male + female = persons where a figure
    has all three; then the display tables."""
    compared = compared.assign(cohort_label=compared["cohort"].map(COHORT_LABELS))
    has_sexes = compared.groupby(list(GROUP_COLUMNS))["sex"].transform(
        lambda sexes: {"male", "female", "persons"} <= set(sexes))
    totals = [disclosure.TotalRule("sex", "persons", by=GROUP_COLUMNS)] if has_sexes.any() else []
    columns = list(dict.fromkeys([*HEADINGS, "cohort", "area_type", "national_value", "general_value",
                                  "input_rows"]))
    suppressed = disclosure.suppress(
        compared[columns], count_columns=COUNT_COLUMNS, denominator_column="denominator",
        derived_columns=list(DERIVED_COLUMNS), kept_columns=list(KEPT_COLUMNS), totals=totals, threshold=threshold)
    full = suppressed.display(list(HEADINGS))
    rounded = full.copy()
    for column in ONE_DECIMAL:
        rounded[column] = rounded[column].map(_one_decimal)
    return PartnerTable(suppressed, full.rename(columns=HEADINGS), rounded.rename(columns=HEADINGS))
