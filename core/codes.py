"""Codes with one meaning everywhere: England's GSS code, the pattern of a GSS code, the local levels, and the
app's defaults (level, cohort, local-need cohort). Each is written here once."""

from __future__ import annotations

import re

ENGLAND = "E92000001"
# ONS GSS codes: E/W/S/N/K + 8 digits (E92000001 England, K04000001 England and Wales, ...).
GSS_CODE = r"^[EWSNK]\d{8}$"
GSS_CODE_PATTERN = re.compile(GSS_CODE)

LOCAL_LEVELS = ("utla", "lad")  # the levels the Map, Area profile and Local need pages offer
LEVEL_LABELS = {"utla": "Counties and unitary authorities", "lad": "Districts and unitary authorities"}
DEFAULT_LEVEL = "utla"
DEFAULT_COHORT = "prison"  # the sidebar's cohort before one is chosen
DEFAULT_NEED_COHORTS = ("probation",)  # the Local need and board pack cohorts before one is chosen
