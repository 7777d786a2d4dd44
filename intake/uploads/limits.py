"""How much of a partner's file is read, and the columns of the rows an upload gives."""

from __future__ import annotations

from intake.files import MB

MAX_BYTES = 20 * MB  # as .streamlit/config.toml's server.maxUploadSize
MAX_ROWS = 100_000
HEADER_SEARCH_ROWS = 20
MAX_TEXT = 200  # characters in a text cell (indicator, period, partner, area)
LISTED = 10  # names listed in a note before "and N more"

ACCEPTED = "upload a CSV (.csv) or Excel (.xlsx) file"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx",)
SKIPPED_SHEETS = ("instructions", "readme", "read me", "guidance", "help")

UPLOAD_COLUMNS = ["partner", "file", "sheet", "row", "area_code", "area_name", "area_type", "cohort", "indicator",
                  "sex", "period", "numerator", "denominator", "value", "ci_low", "ci_high", "unit", "code_note",
                  "input_rows"]
NUMBER_COLUMNS = ["numerator", "denominator", "value", "ci_low", "ci_high"]
