"""MHCLG statutory homelessness, detailed local authority tables (.ods sheets A1 and TA1) -> the app's CSV.

Following humaniverse/healthyr's script (which made the CSV in ../shared/data): sheet A1, column 18 (R) is
households assessed as homeless per 1,000 households; sheet TA1, column 7 (G) is households in temporary
accommodation per 1,000. Rows are the districts (codes E06-E09); A1's districts are kept in A1's order and TA1 is
joined to them by code. A cell that is not a number (MHCLG marks suppressed or missing figures) becomes "NA", as in
that CSV. The headers of both columns must mention "per" and "000" (a rate per thousand) or the conversion fails
rather than take a moved column.
"""

from __future__ import annotations

import pandas as pd

from acquire.convert.lad_lookup import ENGLISH_LAD
from acquire.errors import DownloadError

HOMELESSNESS_SHEETS = {  # sheet -> (0-based column, the app's column name)
    "A1": (17, "Households assessed as homeless per (000s)"),
    "TA1": (6, "Households in temporary accommodation per 1,000"),
}
ORDER_SHEET = "A1"  # the sheet whose districts, in its order, make the rows


def homelessness_from_sheets(sheets: dict[str, list[list[str]]]) -> pd.DataFrame:
    """Sheets A1 and TA1 (rows of cell text) -> ``ltla23_code`` and the two rates per 1,000 households."""
    columns = {name: _rates(sheets, sheet, index) for sheet, (index, name) in HOMELESSNESS_SHEETS.items()}
    order = [code for code, _ in columns[HOMELESSNESS_SHEETS[ORDER_SHEET][1]]]
    table = pd.DataFrame({"ltla23_code": order})
    for name, rates in columns.items():
        table[name] = table["ltla23_code"].map(dict(rates)).fillna("NA")
    return table


def _rates(sheets: dict[str, list[list[str]]], sheet: str, index: int) -> list[tuple[str, str]]:
    """(district code, the rate in column ``index``, "NA" when not a number), in the sheet's order."""
    rows = sheets.get(sheet)
    if not rows:
        raise DownloadError(f"the homelessness tables have no sheet {sheet}")
    first = next((i for i, row in enumerate(rows) if row and ENGLISH_LAD.match(row[0].strip())), None)
    if first is None:
        raise DownloadError(f"sheet {sheet} has no district rows (codes E06-E09 in column A)")
    header = " ".join(row[index] for row in rows[:first] if len(row) > index).lower()
    if "per" not in header or "000" not in header:
        raise DownloadError(f"sheet {sheet}, column {index + 1}: the header '{header.strip()[:120]}' is not a "
                            "rate per 1,000 households: the table layout has changed")
    rates = []
    for row in rows[first:]:
        code = row[0].strip() if row else ""
        if ENGLISH_LAD.match(code):
            text = row[index].strip() if len(row) > index else ""
            rates.append((code, text if _is_number(text) else "NA"))
    return rates


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip().lower() not in ("nan", "inf", "-inf")
