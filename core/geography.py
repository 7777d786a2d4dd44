"""What the lookup readers and the code-change algorithm agree on: the code vintages (a vintage Y means the codes
in force after 1 April of year Y) and the columns of the report of what was done to codes."""

from __future__ import annotations

FIRST_VINTAGE, LAST_VINTAGE = 2019, 2025  # the years the code-change table covers
DEFAULT_VINTAGE = 2023  # April 2023 codes: CTYUA Dec 2023, LAD May 2024, OHID Fingertips
ROLL_UP_LEVELS = ("utla", "region")
# One line per code x action x reason (loaders.schemas.GeographyReportSchema checks the same columns).
REPORT_COLUMNS = ("code", "name", "action", "new_code", "new_name", "reason", "rows")
