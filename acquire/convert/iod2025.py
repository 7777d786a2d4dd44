"""English Indices of Deprivation 2025, File 10 (local authority district summaries) .xlsx -> the tidy extract.

Layout (as read by traffordDataLab's IoD2025 script that made the tidy extract in ../shared/data, and by
uk-parliament-tracker's): one sheet per domain (``IOD_SHEETS``), header in row 1 starting "Local Authority District
code (2024)", then one row per district with columns A-H: code, name, average rank, rank of average rank, average
score, rank of average score, proportion of LSOAs in the most deprived 10% nationally, its rank. The header of
column A and G is checked before anything is converted.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd

from acquire.convert.lad_lookup import ENGLISH_LAD
from acquire.errors import DownloadError

# IoD2025 File 10 sheet -> index_domain as written in the tidy extract the app reads (traffordDataLab's names).
IOD_SHEETS = {
    "IMD": "Index of Multiple Deprivation", "Income": "Income Deprivation", "Employment": "Employment Deprivation",
    "Education": "Education, Skills and Training Deprivation", "Health": "Health Deprivation and Disability",
    "Crime": "Crime", "Barriers": "Barriers to Housing and Services", "Living": "Living Environment Deprivation",
    "IDACI": "Income Deprivation Affecting Children", "IDAOPI": "Income Deprivation Affecting Older People",
}
IOD_MEASURES = ["average_rank", "rank_average_rank", "average_score", "rank_average_score",
                "proportion_bottom_decile", "rank_proportion_bottom_decile"]
IOD_COLUMNS = ["area_code", "area_name", "area_type", "deprivation_data_year", "index_domain", *IOD_MEASURES]


def iod_file10_to_tidy(workbook: Path) -> pd.DataFrame:
    """File 10 workbook -> the tidy LAD summaries (one row per district and domain, sorted by district)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(workbook, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise DownloadError(f"{workbook.name} is not a readable .xlsx workbook ({error})") from error
    try:
        missing = [name for name in IOD_SHEETS if name not in book.sheetnames]
        if missing:
            raise DownloadError(f"File 10 has no sheet(s) {', '.join(missing)} (sheets: {', '.join(book.sheetnames)})")
        rows = [row for sheet in IOD_SHEETS
                for row in _sheet_rows(sheet, list(book[sheet].iter_rows(values_only=True)))]
    finally:
        book.close()
    tidy = pd.DataFrame(rows, columns=IOD_COLUMNS)
    return tidy.sort_values("area_code", kind="stable").reset_index(drop=True)


def _sheet_rows(sheet: str, values: list[tuple]) -> list[dict]:
    """One domain's sheet -> a tidy row per English district (after checking the header)."""
    header = [str(cell or "") for cell in (values[0] if values else ())]
    if len(header) < 8 or not header[0].startswith("Local Authority District code") \
            or "Proportion of LSOAs in most deprived 10%" not in header[6]:
        raise DownloadError(f"File 10 sheet {sheet}: the header is not the expected layout (column A "
                            f"'Local Authority District code ...', column G 'Proportion of LSOAs in most "
                            f"deprived 10% ...'); found {header[:8]}")
    rows = []
    for number, row in enumerate(values[1:], start=2):
        code = str(row[0] or "").strip()
        if not ENGLISH_LAD.match(code):
            continue
        measures = [_number(row[i], sheet, number, i) for i in range(2, 8)]
        rows.append({"area_code": code, "area_name": str(row[1]).strip(),
                     "area_type": "Local Authority District (2024)", "deprivation_data_year": 2025,
                     "index_domain": IOD_SHEETS[sheet], **dict(zip(IOD_MEASURES, measures, strict=True))})
    return rows


def _number(value, sheet: str, row: int, column: int) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(str(value).replace(",", ""))
        except ValueError as error:
            raise DownloadError(f"File 10 sheet {sheet}, row {row}, column {'ABCDEFGH'[column]}: '{value}' is not "
                                "a number") from error
    return str(int(value)) if float(value).is_integer() else repr(float(value))
