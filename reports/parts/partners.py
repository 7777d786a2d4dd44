"""The board pack's partners' part: the Your data page's table (present.partner_table), without the comparisons
chosen on that page."""

from __future__ import annotations

from collections.abc import Sequence

from analysis import your_data
from intake import uploads
from present.partner_table import COMPARISON_COLUMNS, HEADINGS, partner_table
from reports.model import PackTable, Section

PARTNER_SLIDE_COLUMNS = ("Area", "Cohort", "Need", "Sex", "Period", "Numerator", "Denominator", "Prevalence (%)")
LEFT_OUT = [HEADINGS[column] for column in COMPARISON_COLUMNS]


def partners_part(results: Sequence[uploads.UploadResult], threshold: int) -> tuple[PackTable, bool] | None:
    """Partners' figures as the Your data page shows them, and whether any cell is suppressed; None without a
    usable row. The app's final check (``PartnerTable.csv_bytes``) runs on the same cells: a leaked small count
    raises DisclosureError here, before any file is made."""
    combined = uploads.combine(results)
    if combined.rows.empty:
        return None
    table = partner_table(your_data.compare(your_data.with_prevalence(combined.rows), {}, {}), threshold)
    table.csv_bytes()  # the app's last guard on exactly these cells
    notes = (table.suppressed.footnote() + " " if table.suppressed.any_suppressed else "") + (
        "Prevalence = numerator ÷ denominator, with a Wilson score 95% interval. The comparisons chosen on the Your "
        "data page are not carried into the pack.")
    pack_table = PackTable(Section.PARTNERS, "Partners' figures", "Partners' figures",
                           table.full.drop(columns=LEFT_OUT).astype(object),
                           table.rounded.drop(columns=LEFT_OUT).astype(object), PARTNER_SLIDE_COLUMNS,
                           "Partner (source)", notes, ("Numerator", "Denominator"))
    return pack_table, table.suppressed.any_suppressed
