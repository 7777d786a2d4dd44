"""The template partners fill in: as CSV (header and example row) and as an Excel workbook with instructions."""

from __future__ import annotations

import codecs
import csv
import io

from intake.files import MB
from intake.uploads.limits import MAX_BYTES, MAX_ROWS
from intake.uploads.vocabulary import COHORT_CHOICES, EXAMPLE_INDICATOR

TEMPLATE_COLUMNS = ["area_code", "area_name", "cohort", "indicator", "sex", "period", "numerator", "denominator",
                    "value", "ci_low", "ci_high", "partner"]
TEMPLATE_EXAMPLE = {"area_code": "E06000023", "area_name": "Bristol, City of", "cohort": "probation",
                    "indicator": EXAMPLE_INDICATOR, "sex": "persons", "period": "2024/25", "numerator": 12,
                    "denominator": 100, "value": None, "ci_low": None, "ci_high": None,
                    "partner": "Example partner"}
DISCLOSURE_NOTE = ("Small numbers: counts below the disclosure-control threshold are suppressed on screen and in "
                   "downloads, so that no one can be identified.")
TEMPLATE_GUIDE = [
    # column, required, what to enter, accepted values
    ("area_code", "Yes, or area_name", "ONS (GSS) code of a district, unitary authority or county in England. "
     "April 2023 codes; older codes are converted where that is possible.", "e.g. E06000023"),
    ("area_name", "If there is no area_code", "Local authority name, as ONS writes it.",
     "e.g. Bristol, City of"),
    ("cohort", "Yes", "The group of people in contact with the justice system.", COHORT_CHOICES),
    ("indicator", "Yes", "The need measured, in words.", "e.g. Depression"),
    ("sex", "No (blank = persons)", "Who the figure covers.", "persons (or All), male (M, Men), female (F, Women)"),
    ("period", "Yes", "The time the figure covers.", "e.g. 2023/24"),
    ("numerator", "With denominator, or give value", "Number of people with the need.", "whole number, 0 or more"),
    ("denominator", "With numerator", "Number of people in the group.",
     "whole number, 1 or more, not smaller than the numerator"),
    ("value", "If there is no numerator and denominator", "Percentage of the group with the need.",
     "0 to 100, e.g. 37.5"),
    ("ci_low", "No", "Lower limit of the 95% confidence interval of value.", "0 to 100, not above value"),
    ("ci_high", "No", "Upper limit of the 95% confidence interval of value.", "0 to 100, not below value"),
    ("partner", "No (blank = the file name)", "The organisation the figures come from: shown as their source.",
     "e.g. Probation Service, South West"),
]
TEMPLATE_INSTRUCTIONS = [
    "Justice Health Explorer: template for your data",
    "",
    "Put one figure per row on the 'Data' sheet: one area, cohort, indicator, sex and period per row.",
    f"Row 2 of the Data sheet is an EXAMPLE (indicator '{EXAMPLE_INDICATOR}'): delete it or write over it. A row "
    "with that indicator is never used.",
    "Give counts (numerator and denominator) or a percentage (value, with its 95% confidence interval if you "
    "have it).",
    "Only counts and percentages for areas: never information about individual people.",
    DISCLOSURE_NOTE,
    "Your file is read in your browser session only: it is not saved, and it is gone when the session ends.",
    f"Limits: {MAX_BYTES // MB} MB and {MAX_ROWS:,} rows per file. CSV (comma, semicolon or tab separated; UTF-8 "
    "or Windows-1252) or Excel (.xlsx): every sheet is read except this one.",
    "The header may be on any of the first 20 rows; column names are matched without case or spaces "
    "('Area Code' = area_code).",
    "",
]


def template_csv() -> bytes:
    """The template as CSV: the header and the example row (UTF-8 with a BOM, so Excel reads it as UTF-8)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(TEMPLATE_COLUMNS)
    writer.writerow(["" if TEMPLATE_EXAMPLE[c] is None else TEMPLATE_EXAMPLE[c] for c in TEMPLATE_COLUMNS])
    return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


def template_xlsx() -> bytes:
    """The template as an Excel workbook: 'Data' (header and the example row, marked as an example) and
    'Instructions' (each column: required or not, what to enter, accepted values; the disclosure note)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    data = workbook.active
    data.title = "Data"
    data.append(TEMPLATE_COLUMNS)
    data.append([TEMPLATE_EXAMPLE[c] for c in TEMPLATE_COLUMNS])
    for cell in data[1]:
        cell.font = Font(bold=True)
    for cell in data[2]:
        cell.font = Font(italic=True, color="595959")
        cell.fill = PatternFill("solid", fgColor="FFF2CC")
    data.freeze_panes = "A2"
    for letter, width in zip("ABCDEFGHIJKL", (12, 20, 18, 28, 9, 10, 11, 12, 8, 8, 8, 24), strict=True):
        data.column_dimensions[letter].width = width

    guide = workbook.create_sheet("Instructions")
    for line in TEMPLATE_INSTRUCTIONS:
        guide.append([line])
    guide["A1"].font = Font(bold=True, size=14)
    guide.append(["Column", "Required?", "What to enter", "Accepted values"])
    for cell in guide[guide.max_row]:
        cell.font = Font(bold=True)
    for row in TEMPLATE_GUIDE:
        guide.append(list(row))
    for letter, width in zip("ABCD", (14, 30, 60, 60), strict=True):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
