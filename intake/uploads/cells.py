"""Cells as partners typed them: the text a user sees, and numbers (with thousands separators, a % sign, blank
words and suppression marks understood)."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from intake.uploads.vocabulary import BLANK_WORDS, SUPPRESSION_MARKS

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")


def cell_text(cell: object) -> str:
    """A cell as the text the user sees, stripped of surrounding space and control characters."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() and abs(cell) < 1e15 else repr(cell)
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat(sep=" ")
    if isinstance(cell, dt.date | dt.time):
        return cell.isoformat()
    text = _CONTROL.sub("", unicodedata.normalize("NFC", str(cell)))
    return " ".join(text.split())


def format_number(number: float) -> str:
    return str(int(number)) if float(number).is_integer() and abs(number) < 1e15 else format(number, ".15g")


def read_number(cell: object, percent_sign: bool) -> tuple[float | None, str | None]:
    """(number, None), (None, None) for a blank, or (None, why) when the cell is not a number."""
    if cell is None:
        return None, None
    if isinstance(cell, bool | dt.date | dt.time):
        return None, f"'{cell_text(cell)}' is not a number"
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return None, f"'{cell_text(cell)}' is not a number"
        return float(cell), None
    shown = cell_text(cell)
    text = re.sub(r"[\s\u00a0\u2009\u202f]", "", shown)
    if text == "" or text.lower() in BLANK_WORDS:
        return None, None
    if text.lower() in SUPPRESSION_MARKS or text.startswith("<"):
        return None, (f"'{shown}' is not a number: give the figure itself (the app suppresses small counts on "
                      "screen and in downloads)")
    if percent_sign and text.endswith("%"):
        text = text[:-1]
    if re.fullmatch(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"[+-]?\d+,\d+", text):
        return None, f"'{shown}' is not a number: use a full stop for decimals ({text.replace(',', '.')})"
    try:
        number = float(text)
    except ValueError:
        return None, f"'{shown}' is not a number"
    if not math.isfinite(number):
        return None, f"'{shown}' is not a number"
    return number, None
