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


def partners_part(results: Sequence[uploads.UploadResult], threshold: int,
                  area_code: str = "") -> tuple[PackTable, bool, list[str]] | None:
    """Partners' figures as the Your data page shows them, whether any cell is suppressed, and the areas left out
    (a pack for one area carries that area's rows only); None without a usable row. The app's final check
    (``PartnerTable.csv_bytes``) runs on the same cells: a leaked small count raises DisclosureError here."""
    rows = uploads.combine(results).rows
    left_out: list[str] = []
    if area_code and not rows.empty:
        others = rows[rows["area_code"] != area_code]
        left_out = sorted(dict.fromkeys(others["area_name"].astype(str)))
        rows = rows[rows["area_code"] == area_code]
    if rows.empty:
        return None
    table = partner_table(your_data.compare(your_data.with_prevalence(rows), {}, {}), threshold)
    table.csv_bytes()  # the app's last guard on exactly these cells
    notes = (table.suppressed.footnote() + " " if table.suppressed.any_suppressed else "") + (
        "Prevalence = numerator ÷ denominator, with a Wilson score 95% interval. The comparisons chosen on the Your "
        "data page are not carried into the pack.") + (
        f" Rows for other areas were left out: {', '.join(left_out)}." if left_out else "")
    pack_table = PackTable(Section.PARTNERS, "Partners' figures", "Partners' figures",
                           table.full.drop(columns=LEFT_OUT).astype(object),
                           table.rounded.drop(columns=LEFT_OUT).astype(object), PARTNER_SLIDE_COLUMNS,
                           "Partner (source)", notes, ("Numerator", "Denominator"),
                           footer=f"Left out: rows for {', '.join(left_out)} (this pack is for one area)."
                           if left_out else "")
    return pack_table, table.suppressed.any_suppressed, left_out
