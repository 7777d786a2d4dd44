"""Partners' own figures for the "Your data" page: uploaded CSV and Excel files -> validated rows (see read.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

import pandas as pd

from intake.files import MB
from intake.uploads.areas import AreaMatcher, normalise_area_name
from intake.uploads.assemble import drop_duplicates
from intake.uploads.limits import MAX_BYTES, MAX_ROWS, UPLOAD_COLUMNS
from intake.uploads.mapping import FIXED_FIELDS, MAPPED_FIELDS, ColumnMapping
from intake.uploads.read import read
from intake.uploads.result import CandidateRow, UploadProblem, UploadResult, empty_rows, rows_frame
from intake.uploads.template import DISCLOSURE_NOTE, TEMPLATE_COLUMNS, template_csv, template_xlsx
from intake.uploads.vocabulary import COHORT_CHOICES, EXAMPLE_INDICATOR

__all__ = ["AreaMatcher", "COHORT_CHOICES", "ColumnMapping", "DISCLOSURE_NOTE", "EXAMPLE_INDICATOR", "FIXED_FIELDS",
           "MAPPED_FIELDS", "MAX_BYTES", "MAX_ROWS", "MB", "TEMPLATE_COLUMNS", "UPLOAD_COLUMNS", "UploadProblem",
           "UploadResult", "area_matcher", "combine", "empty_rows", "normalise_area_name", "read_upload",
           "read_upload_with", "template_csv", "template_xlsx"]


def read_upload(file_name: str, data: bytes, *, lookup: pd.DataFrame, changes: pd.DataFrame,
                area_names: pd.DataFrame | None = None, max_bytes: int = MAX_BYTES,
                max_rows: int = MAX_ROWS, mapping: ColumnMapping | None = None) -> UploadResult:
    """Read one uploaded file (its bytes; nothing is written to disk) into usable rows and problems.

    ``lookup`` is ``loaders.lookups.read_lad_lookup``'s frame, ``changes`` ``read_code_changes``' and
    ``area_names`` (optional, for more name variants) ``loaders.area_names.read_area_names``'. Never raises for a
    bad file.
    """
    return read_upload_with(file_name, data, AreaMatcher(lookup, changes, area_names), max_bytes, max_rows, mapping)


def area_matcher(lookup: pd.DataFrame, changes: pd.DataFrame, area_names: pd.DataFrame | None = None) -> AreaMatcher:
    """What uploaded area codes and names are matched with (``read_upload``'s frames). Built from public files only
    and never changed after it is built, so one matcher can serve every upload of every session."""
    return AreaMatcher(lookup, changes, area_names)


def read_upload_with(file_name: str, data: bytes, matcher: AreaMatcher, max_bytes: int = MAX_BYTES,
                     max_rows: int = MAX_ROWS, mapping: ColumnMapping | None = None) -> UploadResult:
    """``read_upload`` with a matcher made once (``area_matcher``); ``mapping`` reads a provider's own layout."""
    name = PurePath(str(file_name)).name or "upload"
    return read(name, data, matcher, max_bytes, max_rows, mapping)


def combine(results: Iterable[UploadResult]) -> UploadResult:
    """Several uploads as one: every row keeps its partner and file; the same figure in two files is a
    duplicate, with the rule of ``read_upload`` (an exact repeat: the first is used; different figures: none).
    Problems and notes are kept in file order."""
    results = list(results)
    problems = [problem for result in results for problem in result.problems]
    notes = [note for result in results for note in result.notes]
    frames = [result.rows for result in results if len(result.rows)]
    frame = empty_rows()
    if frames:
        records = pd.concat(frames, ignore_index=True).to_dict("records")
        rows = [CandidateRow(**{**record, "sheet": None if pd.isna(record["sheet"]) else record["sheet"]})
                for record in records]
        # Each file has one row per figure already, so any repeat found here is across files.
        frame = rows_frame(drop_duplicates(rows, problems))
    encodings = [result.encoding for result in results if result.encoding]
    rows_valid = int(frame["input_rows"].sum()) if len(frame) else 0
    return UploadResult(frame, problems, sum(r.rows_read for r in results), rows_valid,
                        ", ".join(dict.fromkeys(encodings)) or None, notes)
