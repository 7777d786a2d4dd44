"""Codes with one meaning everywhere: England's GSS code, the pattern of a GSS code, the local levels (upper tier,
districts, police force areas), and the app's defaults (level, cohort, local-need cohort). Each is written here once."""

from __future__ import annotations

import re

ENGLAND = "E92000001"
# ONS GSS codes: E/W/S/N/K + 8 digits (E92000001 England, K04000001 England and Wales, ...).
GSS_CODE = r"^[EWSNK]\d{8}$"
GSS_CODE_PATTERN = re.compile(GSS_CODE)

UTLA, LAD, PFA = "utla", "lad", "pfa"
LOCAL_LEVELS = (UTLA, LAD, PFA)  # the levels the Map, Area profile and Local need pages offer
LEVEL_LABELS = {UTLA: "Counties and unitary authorities", LAD: "Districts and unitary authorities",
                PFA: "Police force areas"}
# GSS entity codes: E10 county, E22 community safety partnership, E23 police force area (England).
COUNTY_PREFIX, CSP_PREFIX, PFA_PREFIX = "E10", "E22", "E23"
DEFAULT_LEVEL = "utla"
DEFAULT_COHORT = "prison"  # the sidebar's cohort before one is chosen
DEFAULT_NEED_COHORTS = ("probation",)  # the Local need and board pack cohorts before one is chosen
