"""Reading the local authority lookups of an imported data folder: the LAD -> UTLA -> region lookup for England,
the LAD -> community safety partnership -> police force area lookup, the code changes 2019-2025, and the codes in
force. What is done with them is in analysis.geography_codes
(``map_to_current_codes``) and analysis.geography_rollup (``roll_up``)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pandas as pd

from core.codes import ENGLAND
from core.geography import DEFAULT_VINTAGE
from core.vocabulary import CHANGE_TYPES
from loaders.io import blank_to_na, read_text_csv, validate
from loaders.schemas import CodeChangeSchema, CspPfaLookupSchema, LadLookupSchema

logger = logging.getLogger(__name__)

LAD_LOOKUP_FILE = "lookup_lad24_utla23_rgn23_england.csv"
CODE_CHANGES_FILE = "la_code_changes_england_2019_2025.csv"
CSP_PFA_FILE = "lookup_lad24_csp24_pfa24_ew.csv"
# The CSP/PFA lookup's columns as ONS names them (LAD24CD ...) or as humaniverse/geographr renamed them (the copy in
# ../shared/data: ltla24_code ...), read into the app's names.
CSP_PFA_HEADERS = (
    {"ltla24_code": "lad_code", "ltla24_name": "lad_name", "csp24_code": "csp_code", "csp24_name": "csp_name",
     "pfa24_code": "pfa_code", "pfa24_name": "pfa_name"},
    {"LAD24CD": "lad_code", "LAD24NM": "lad_name", "CSP24CD": "csp_code", "CSP24NM": "csp_name",
     "PFA24CD": "pfa_code", "PFA24NM": "pfa_name"},
)
LOOKUPS_FOLDER = "lookups"
IMPORT_HINT = "Import a data folder with lookups/ (make data-import SRC=...)."


def locate(path: Path | str, file_name: str) -> Path:
    """The lookup file itself, or ``file_name`` in a data folder (its lookups/ sub-folder or the folder)."""
    path = Path(path)
    if not path.is_dir():
        return path
    for candidate in (path / LOOKUPS_FOLDER / file_name, path / file_name):
        if candidate.is_file():
            return candidate
    return path / LOOKUPS_FOLDER / file_name


def read_lad_lookup(path: Path | str) -> pd.DataFrame:
    """Read and validate the LAD (May 2024) -> UTLA (Dec 2023) -> region lookup for England.

    ``path`` is the CSV or a data folder holding ``lookups/lookup_lad24_utla23_rgn23_england.csv``.
    """
    file = locate(path, LAD_LOOKUP_FILE)
    columns = list(LadLookupSchema.to_schema().columns)
    frame = read_text_csv(file, required_columns=columns, missing_hint=IMPORT_HINT)
    frame = blank_to_na(frame, columns)
    lookup = validate(frame, LadLookupSchema, file)
    logger.info("lookup %s: %d LADs, %d UTLAs, %d regions", file, len(lookup), lookup["utla_code"].nunique(),
                lookup["region_code"].nunique())
    return lookup


def read_csp_pfa_lookup(path: Path | str) -> pd.DataFrame:
    """Read and validate the LAD -> community safety partnership -> police force area lookup (December 2024, England
    and Wales): ``lad_code, lad_name, csp_code, csp_name, pfa_code, pfa_name``, one row per district and CSP.

    ``path`` is the CSV or a data folder holding ``lookups/lookup_lad24_csp24_pfa24_ew.csv``. A district split
    between several CSPs has a row for each; it always lies in one police force area (checked).
    """
    file = locate(path, CSP_PFA_FILE)
    header = read_text_csv(file, required_columns=[], missing_hint=IMPORT_HINT)
    names = next((h for h in CSP_PFA_HEADERS if set(h) <= set(header.columns)), CSP_PFA_HEADERS[0])
    frame = read_text_csv(file, required_columns=list(names), missing_hint=IMPORT_HINT).rename(columns=names)
    frame = blank_to_na(frame, list(names.values()))
    lookup = validate(frame, CspPfaLookupSchema, file)
    logger.info("CSP/PFA lookup %s: %d rows, %d districts, %d CSPs, %d forces", file, len(lookup),
                lookup["lad_code"].nunique(), lookup["csp_code"].nunique(), lookup["pfa_code"].nunique())
    return lookup


def read_code_changes(path: Path | str) -> pd.DataFrame:
    """Read and validate the code changes 2019-2025 (one row per old -> new code; a split has a row per successor).

    ``path`` is the CSV or a data folder holding ``lookups/la_code_changes_england_2019_2025.csv``. A qualifier
    in brackets after the change type ("recode (minor boundary change)") is moved to ``change_detail``.
    """
    file = locate(path, CODE_CHANGES_FILE)
    columns = [c for c in CodeChangeSchema.to_schema().columns if c != "change_detail"]
    frame = read_text_csv(file, required_columns=columns, missing_hint=IMPORT_HINT)
    frame = blank_to_na(frame, columns)
    kinds = "|".join(re.escape(kind) for kind in CHANGE_TYPES)
    typed = frame["change_type"].str.lower().str.extract(rf"^({kinds})\s*(?:\((.*)\))?$")
    frame["change_type"] = typed[0].fillna(frame["change_type"])  # an unknown type is left for the schema to report
    frame.insert(frame.columns.get_loc("change_type") + 1, "change_detail", typed[1].str.strip())
    changes = validate(frame, CodeChangeSchema, file)
    logger.info("code changes %s: %d rows, %s", file, len(changes), changes["change_type"].value_counts().to_dict())
    return changes


def codes_in_force(lookup: pd.DataFrame, vintage: int = DEFAULT_VINTAGE) -> frozenset[str]:
    """Every LAD, UTLA and region code in the lookup, plus England, as in force in ``vintage`` (2023-2025).

    Pass it to ``map_to_current_codes(known_codes=...)`` to have codes that are neither current nor in the
    code-change table reported as unknown. Welsh, Scottish and Northern Irish codes are not in it.
    """
    if not 2023 <= vintage <= 2025:
        raise ValueError(f"the lookup holds April 2023 codes (with the 2025 recodes); it cannot list {vintage} codes")
    recode = dict(zip(lookup["lad_code"], lookup["lad_code_2025"], strict=True)) if vintage >= 2025 else {}
    lads = set(lookup["lad_code"].map(lambda code: recode.get(code, code)))
    utlas = set(lookup["utla_code"].map(lambda code: recode.get(code, code)))
    return frozenset(lads | utlas | set(lookup["region_code"]) | {ENGLAND})
