"""Users' own figures for the "Your data" page: uploaded CSV and Excel (.xlsx) files -> validated rows.

``read_upload(file_name, data, lookup=..., changes=...)`` takes the bytes of one upload (Streamlit's
``UploadedFile.getvalue()``) and returns an ``UploadResult``: the rows that can be used, one per input row, and
every problem found (file, sheet, row, column, the value and what was expected), so a partner can fix a file in
one pass. It never writes to disk and never raises for a bad file: a file that cannot be read gives a result
with no rows and a problem that says why. ``combine`` puts several partners' files together.
``template_csv`` and ``template_xlsx`` are the downloads the page offers.

The judgement calls:

* **What is read.** CSV (comma, semicolon or tab; UTF-8 with or without BOM, else Windows-1252, line by line,
  so a file with both is read as well as it can be and the lines read as Windows-1252 are named; UTF-16 with a
  BOM, as Excel's "Unicode text") and .xlsx (every sheet except one called Instructions, Read me, Guidance or
  Help). The type is told from the content (magic bytes), not the name: a PNG named .csv is reported as a PNG
  image; a workbook named .csv is read as a workbook, with a note.
* **Limits.** ``max_bytes`` (20 MB, as the app's upload limit) and ``max_rows`` (100,000 data rows): a file
  over either is rejected whole, with the limit in the message, rather than half read. An .xlsx is a zip: its
  declared uncompressed size is checked before it is opened (200 MB in all, and no member over 1 MB may be
  compressed more than 100 to 1), so a "zip bomb" is refused without being expanded. Python's zipfile never
  inflates a member past its declared size, so the declared sizes bound the work.
* **Header.** Among the first 20 non-blank rows, the one with the most recognised column names (at least two;
  the first such row on a tie). Names are compared without case, spaces or punctuation ("Area Code",
  "area_code", "AREA-CODE"), with aliases (``FIELDS``). Columns not recognised are listed in the notes, not used.
* **Areas.** An ONS GSS code, or a name: matched, after normalising case, punctuation, "&"/"and", "St."/"Saint",
  "upon"/"on", "City of"/"County of" and "Council", with the names in the LAD -> UTLA lookup and (when
  ``area_names`` is given) every name mySociety lists for English councils, past and present. A name that is
  not the lookup's own is listed in the notes with the area it was read as, so a wrong match can be seen. An
  unknown or ambiguous name is a problem with "did you mean ...?" suggestions (code and name). Old codes and the
  names of abolished councils are brought to April 2023 codes by ``loaders.geography.map_to_current_codes``:
  counts of merged districts are added up only when every predecessor is there for the same figure; a split
  county (Northamptonshire, Cumbria) or an incomplete merge cannot be placed, and its rows are listed as
  problems with the reason. Codes recoded before 2019 (mySociety's former codes, e.g. Gateshead E08000020) are
  recoded one to one. Regions, England, and Welsh, Scottish and Northern Irish codes are refused.
* **Unitary authorities** (E06, E08, E09) sit in both tiers; their rows get ``area_type`` "utla", like
  counties (E10); districts (E07) get "lad".
* **Rows.** One figure per row: counts (whole numbers, numerator <= denominator, denominator >= 1) or a
  percentage (0 to 100) with, optionally, its 95% CI (both limits, around the value). "NA", "N/A", "null",
  "none" and "-" are read as blank. A blank sex is "persons"; a blank or missing partner is the file name.
  ``value`` is kept as given (blank when only counts are given: a merged row's value is blank too).
  A merged row stands for several input rows: ``row`` is the first of them, ``code_note`` lists them all and
  ``input_rows`` counts them (1 for every other row), so ``rows_valid`` counts input rows.
  The template's example row ("Example: replace this row") is never used.
* **Duplicates** (same partner, area, cohort, indicator ignoring case, sex and period): an exact repeat is
  reported and only the first row is used; rows with different figures are all reported and none is used,
  because which is right cannot be told. ``combine`` applies the same rule across files.
* **Text is data.** Names, labels and partners are kept exactly as given (stripped): the page must show them
  as text, never as HTML or Markdown.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import difflib
import io
import logging
import math
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePath

import pandas as pd

from core.errors import DataFileMissingError, Problem
from core.labels import COHORT_LABELS as SCREEN_COHORT_LABELS
from core.vocabulary import JUSTICE_COHORTS
from loaders.geography import GSS_CODE, map_to_current_codes
from loaders.io import read_text_csv

logger = logging.getLogger(__name__)

MB = 1024 * 1024
MAX_BYTES = 20 * MB  # as .streamlit/config.toml's server.maxUploadSize
MAX_ROWS = 100_000
MAX_UNCOMPRESSED = 200 * MB
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1 * MB  # smaller members may be as compressible as they like
MAX_ZIP_MEMBERS = 10_000
HEADER_SEARCH_ROWS = 20
MAX_TEXT = 200  # characters in a text cell (indicator, period, partner, area)
LISTED = 10  # line numbers or names listed in a note before "and N more"

ACCEPTED = "upload a CSV (.csv) or Excel (.xlsx) file"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
EXCEL_SUFFIXES = (".xlsx",)
SKIPPED_SHEETS = ("instructions", "readme", "read me", "guidance", "help")
EXAMPLE_INDICATOR = "Example: replace this row"
AREA_NAMES_FILE = "mysociety_uk_local_authorities_past_current_future.csv"
_MYSOCIETY_COLUMNS = ("official-name", "nice-name", "gss-code", "alt-names", "former-gss-codes", "current-authority",
                      "nation", "local-authority-type")
PERCENT = "%"

UPLOAD_COLUMNS = ["partner", "file", "sheet", "row", "area_code", "area_name", "area_type", "cohort", "indicator",
                  "sex", "period", "numerator", "denominator", "value", "ci_low", "ci_high", "unit", "code_note",
                  "input_rows"]
NUMBER_COLUMNS = ["numerator", "denominator", "value", "ci_low", "ci_high"]

# --- what a column may be called -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    name: str
    label: str
    aliases: frozenset[str]
    pattern: str | None = None  # a regex on the squeezed header, e.g. LAD24CD


def _aliases(*names: str) -> frozenset[str]:
    return frozenset(_squeeze(name) for name in names)


def _squeeze(text: str) -> str:
    """A header without case, spaces or punctuation: 'Area Code' and 'area_code' are both 'areacode'."""
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFKC", str(text)).lower())


FIELDS = (
    _Field("area_code", "area code", _aliases(
        "area code", "gss code", "gss", "la code", "local authority code", "lad code", "utla code", "ons code",
        "code", "area gss code", "geography code", "area id"), r"^(lad|ctyua|utla|cty|ua|lau?)\d{2}cd$"),
    _Field("area_name", "area name", _aliases(
        "area name", "area", "local authority", "local authority name", "la name", "la", "lad name", "utla name",
        "name", "geography", "geography name", "council"), r"^(lad|ctyua|utla|cty|ua|lau?)\d{2}nm$"),
    _Field("cohort", "cohort", _aliases("cohort", "cohort name", "group", "justice group", "cjs group", "setting",
                                        "population group")),
    _Field("indicator", "indicator", _aliases("indicator", "indicator name", "measure", "need", "health need",
                                              "condition", "metric")),
    _Field("sex", "sex", _aliases("sex", "gender")),
    _Field("period", "period", _aliases("period", "year", "time period", "date", "financial year",
                                        "reporting period")),
    _Field("numerator", "numerator", _aliases("numerator", "count", "n", "number", "cases")),
    _Field("denominator", "denominator", _aliases("denominator", "total", "population", "cohort size", "base",
                                                  "sample size")),
    _Field("value", "value", _aliases("value", "rate", "percentage", "percent", "prevalence", "pct", "proportion",
                                      "value percent", "value %")),
    _Field("ci_low", "lower CI", _aliases(
        "lower ci", "ci low", "ci lower", "lcl", "lci", "lower", "lower limit", "lower confidence limit",
        "lower confidence interval", "lower ci 95", "lower 95 ci", "lower ci 95.0 limit", "lower 95", "lower cl",
        "lower bound", "ci_low")),
    _Field("ci_high", "upper CI", _aliases(
        "upper ci", "ci high", "ci upper", "ucl", "uci", "upper", "upper limit", "upper confidence limit",
        "upper confidence interval", "upper ci 95", "upper 95 ci", "upper ci 95.0 limit", "upper 95", "upper cl",
        "upper bound", "ci_high")),
    _Field("partner", "partner", _aliases("partner", "source", "organisation", "organization", "provider", "org",
                                          "partner organisation", "data source", "submitted by", "partner name")),
    _Field("unit", "unit", _aliases("unit", "units", "value type")),
)
FIELD_BY_NAME = {spec.name: spec for spec in FIELDS}
REQUIRED_TEXT = ("cohort", "indicator", "period")

# --- accepted values ----------------------------------------------------------------------------------------

COHORT_LABELS = {code: SCREEN_COHORT_LABELS[code] for code in JUSTICE_COHORTS}  # the words the app shows
_COHORT_WORDS = {
    "police_custody": ("police custody", "custody", "in police custody", "people in police custody",
                       "police custody suite", "police"),
    "liaison_diversion": ("liaison and diversion", "liaison diversion", "l and d", "ld", "liaison and diversion "
                          "services", "l and d services"),
    "probation": ("probation", "on probation", "people on probation", "probation service",
                  "under probation supervision"),
    "prison": ("prison", "prisons", "in prison", "people in prison", "prisoners", "prison population"),
    "prison_release": ("released from prison", "release from prison", "prison release", "prison releases",
                       "prison leavers", "prison leaver", "people released from prison", "leaving prison",
                       "recently released from prison", "released prisoners"),
}
SEX_WORDS = {
    "persons": ("persons", "person", "all", "all persons", "both", "both sexes", "total", "people", "p", "all people"),
    "male": ("male", "males", "m", "men", "man"),
    "female": ("female", "females", "f", "women", "woman"),
}
PERCENT_UNITS = ("percent", "percentage", "per cent", "percentages", "proportion (%)", "% of cohort")
BLANK_WORDS = frozenset({"na", "n/a", "null", "none", "-", "\u2013", "nan"})
SUPPRESSION_MARKS = frozenset({"*", "c", "x", "s", "..", ":", "~", "supp", "suppressed", "[c]", "[x]", "[z]"})


def _label_key(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


COHORTS_BY_WORD = {_label_key(word): code for code, words in _COHORT_WORDS.items()
                   for word in (*words, code, COHORT_LABELS[code])}
SEX_BY_WORD = {_label_key(word): code for code, words in SEX_WORDS.items() for word in words}
PERCENT_UNIT_KEYS = frozenset(_label_key(unit) for unit in PERCENT_UNITS)
COHORT_CHOICES = ", ".join(f"{code} ({label})" for code, label in COHORT_LABELS.items())


# --- the result ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class UploadProblem:
    """One thing wrong with an upload. ``row`` is the spreadsheet row the user sees (None: the whole file or
    sheet); ``column`` is the header as written in the file; ``value`` the cell as given."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet is not None:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    def as_problem(self) -> Problem:
        """The same problem as a loaders.errors.Problem (the sheet goes into the file name)."""
        file = self.file if self.sheet is None else f"{self.file} (sheet '{self.sheet}')"
        return Problem(file, self.row, self.column, self.message)


@dataclass
class UploadResult:
    """What one upload (or several, after ``combine``) gave: usable rows (UPLOAD_COLUMNS), every problem,
    how many data rows were read and used, the text encoding (None for a workbook) and notes on how the file
    was read."""

    rows: pd.DataFrame
    problems: list[UploadProblem] = field(default_factory=list)
    rows_read: int = 0
    rows_valid: int = 0
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def rows_failed(self) -> int:
        return self.rows_read - self.rows_valid

    def summary(self) -> str:
        """One line for the screen, e.g. '12 of 15 rows can be used; 3 rows have problems.'"""
        if self.rows_read == 0:
            return "No rows could be read." if self.problems else "No rows."
        used = f"{self.rows_valid:,} of {self.rows_read:,} rows can be used"
        if self.rows_failed:
            plural = "row has" if self.rows_failed == 1 else "rows have"
            return f"{used}; {self.rows_failed:,} {plural} problems."
        return f"{used}."


def empty_rows() -> pd.DataFrame:
    frame = pd.DataFrame({column: pd.Series(dtype="object") for column in UPLOAD_COLUMNS})
    return frame.astype({**{c: "float64" for c in NUMBER_COLUMNS}, "row": "int64", "input_rows": "int64"})


# --- areas ----------------------------------------------------------------------------------------------------

_NAME_PREFIXES = ("royal borough of ", "london borough of ", "metropolitan borough of ", "borough of ",
                  "city and county of ", "county of ", "city of ", "county ", "the ")
_NAME_SUFFIXES = (" metropolitan borough council", " borough council", " district council", " county council",
                  " city council", " council", " unitary authority", " ua", " city of", " county of", " county",
                  " city")
_KEEP_WHOLE = frozenset({"city of london"})


def normalise_area_name(text: str) -> str:
    """The key an area name is matched on: 'Bristol, City of', 'City of Bristol' and 'Bristol City Council'
    are all 'bristol'; 'Kingston-upon-Hull' and 'Kingston upon Hull, City of' are 'kingston on hull'."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("&", " and ").replace("'", "").replace("\u2019", "").replace(".", "")
    words = re.sub(r"[^a-z0-9]+", " ", text).split()
    words = ["st" if word == "saint" else "on" if word == "upon" else word for word in words]
    key = " ".join(words)
    if key in _KEEP_WHOLE:
        return key
    changed = True
    while changed and key:
        changed = False
        for prefix in _NAME_PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix) and key not in _KEEP_WHOLE:
                key, changed = key[len(prefix):], True
        for suffix in _NAME_SUFFIXES:
            if key.endswith(suffix) and len(key) > len(suffix) and key not in _KEEP_WHOLE:
                key, changed = key[: -len(suffix)], True
    return key


def read_area_names(path: Path | str) -> pd.DataFrame:
    """Every name mySociety lists for English councils, past and present (official, short and alternative
    names): columns code, name, current (bool), former_codes (codes the council had before, comma-separated).

    ``path`` is the CSV or a data folder holding ``lookups/mysociety_uk_local_authorities_past_current_future.csv``.
    Combined authorities and the GLA are left out: figures are for councils.
    """
    path = Path(path)
    file = path
    if path.is_dir():
        file = next((p for p in (path / "lookups" / AREA_NAMES_FILE, path / AREA_NAMES_FILE) if p.is_file()),
                    path / "lookups" / AREA_NAMES_FILE)
    if not file.is_file():
        raise DataFileMissingError(file, hint="Import a data folder with lookups/ (make data-import SRC=...).")
    raw = read_text_csv(file, required_columns=list(_MYSOCIETY_COLUMNS))
    councils = raw[(raw["nation"] == "England") &
                   raw["local-authority-type"].isin(["NMD", "UA", "MD", "LBO", "CTY", "CC"]) &
                   raw["gss-code"].str.match(GSS_CODE)]
    rows = []
    for record in councils[list(_MYSOCIETY_COLUMNS)].to_dict("records"):
        # alt-names is comma-separated, but a name may hold ", " itself ("Bristol, City of")
        names = [record["official-name"], record["nice-name"], *re.split(r",(?!\s)", record["alt-names"])]
        for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
            rows.append({"code": record["gss-code"], "name": name, "current": record["current-authority"] == "True",
                         "former_codes": record["former-gss-codes"]})
    logger.info("area names %s: %d names for %d councils", file, len(rows), councils["gss-code"].nunique())
    return pd.DataFrame(rows, columns=["code", "name", "current", "former_codes"])


@dataclass(frozen=True)
class _Place:
    code: str | None = None
    note: str | None = None  # how a name or former code was read (shown in notes / code_note)
    problem: str | None = None
    via_name: bool = False


class AreaMatcher:
    """Resolves what a user wrote in the area columns to a GSS code (current, or old for map_to_current_codes)."""

    def __init__(self, lookup: pd.DataFrame, changes: pd.DataFrame, area_names: pd.DataFrame | None = None):
        self.changes = changes
        self.names: dict[str, str] = {}
        self.area_type: dict[str, str] = {}
        for row in lookup.itertuples(index=False):
            self.names[row.lad_code] = row.lad_name
            self.names[row.utla_code] = row.utla_name
        for code in self.names:
            self.area_type[code] = "lad" if code.startswith("E07") else "utla"
        self.current = frozenset(self.names)
        self.regions = frozenset(lookup["region_code"])
        self.region_keys = {normalise_area_name(name): code
                            for code, name in zip(lookup["region_code"], lookup["region_name"], strict=True)}
        self.region_keys["england"] = "E92000001"
        self.old_names: dict[str, str] = {}
        for row in changes.itertuples(index=False):
            self.old_names.setdefault(row.old_code, row.old_name)
            if row.new_code not in self.current:
                self.old_names.setdefault(row.new_code, row.new_name)
        self.changed = frozenset(changes["old_code"]) | frozenset(changes["new_code"])
        self.former: dict[str, str] = {}
        official: dict[str, set[str]] = {}
        for code, name in self.names.items():
            official.setdefault(normalise_area_name(name), set()).add(code)
        self.official_keys = frozenset(key for key in official if key)
        current_keys: dict[str, set[str]] = {key: set(codes) for key, codes in official.items()}
        old_keys: dict[str, set[str]] = {}
        for code, name in self.old_names.items():
            old_keys.setdefault(normalise_area_name(name), set()).add(code)
        if area_names is not None:
            for row in area_names.itertuples(index=False):
                key = normalise_area_name(row.name)
                if row.code in self.current:
                    current_keys.setdefault(key, set()).add(row.code)
                    for former in str(row.former_codes or "").split(","):
                        if re.match(GSS_CODE, former.strip()):
                            self.former[former.strip()] = row.code
                elif row.code in self.changed:
                    old_keys.setdefault(key, set()).add(row.code)
        # A name in force wins over an abolished council's name (Dorset, Somerset, North Yorkshire ...).
        self.index: dict[str, frozenset[str]] = {key: frozenset(codes) for key, codes in old_keys.items()}
        self.index.update({key: frozenset(codes) for key, codes in current_keys.items() if key})
        self._keys = sorted(self.index)

    def label(self, code: str) -> str:
        return f"{self.names.get(code) or self.old_names.get(code) or code} ({code})"

    def name(self, code: str) -> str | None:
        return self.names.get(code) or self.old_names.get(code)

    def resolve(self, code_text: str, name_text: str) -> _Place:
        """From the code cell when it has one, else the name cell."""
        if code_text:
            place = self.resolve_code(code_text)
            if place.problem is None and name_text:
                clash = self._name_clash(place.code, name_text)
                if clash:
                    return _Place(problem=clash)
            return place
        return self.resolve_name(name_text)

    def resolve_code(self, text: str) -> _Place:
        code = text.strip().upper()
        if not re.match(GSS_CODE, code):
            if re.match(r"^[A-Z]\d{4,10}$", code):
                return _Place(problem=f"'{text}' is not a GSS code: a GSS code is a letter and 8 digits, "
                                      "e.g. E06000023")
            return self.resolve_name(text)  # a name in the code column
        if code in self.current or code in self.changed:
            return _Place(code)
        if code in self.former:
            new = self.former[code]
            return _Place(new, note=f"{code} is a former code of {self.names[new]}: recoded to {new}")
        if code in self.regions or code.startswith("E12"):
            return _Place(problem=f"{code} is a region code: give a district, unitary authority or county code")
        if code.startswith(("E92", "K")):
            return _Place(problem=f"{code} is a country code: give a district, unitary authority or county code")
        if not code.startswith("E"):
            return _Place(problem=f"{code} is not in England: the app covers local authorities in England only")
        return _Place(problem=f"{code} is not the code of a local authority in England (district, unitary "
                              "authority or county, April 2023 codes or older)")

    def resolve_name(self, text: str) -> _Place:
        key = normalise_area_name(text)
        codes = self.index.get(key)
        if codes and key not in self.official_keys:
            # An alternative name that also starts another council's name ("Newcastle") is not taken as either.
            longer = {code for other in self.official_keys if other.startswith(key + " ")
                      for code in self.index[other]}
            if longer - codes:
                codes = codes | longer
        if codes and len(codes) == 1:
            (code,) = codes
            exact = " ".join(str(text).split()).casefold() == (self.name(code) or "").casefold()
            note = None if exact else f"'{text}' read as {self.label(code)}"
            return _Place(code, note=note, via_name=True)
        if not codes and key in self.region_keys:
            kind = "a country" if key == "england" else "a region"
            return _Place(problem=f"area '{text}' is {kind} ({self.region_keys[key]}): give a district, unitary "
                                  "authority or county")
        suggestions = sorted(codes) if codes else self._suggest(key)
        if suggestions:
            listed = [self.label(code) for code in suggestions]
            choice = listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} or {listed[-1]}"
            return _Place(problem=f"area '{text}' is ambiguous or unknown: did you mean {choice}?")
        return _Place(problem=f"area '{text}' is ambiguous or unknown: no local authority in England has a similar "
                              "name. Give its GSS code (e.g. E06000023) or its name as ONS writes it")

    def _suggest(self, key: str) -> list[str]:
        if not key:
            return []
        keys = [k for k in self._keys if k.startswith(key + " ")]
        keys += difflib.get_close_matches(key, self._keys, n=5, cutoff=0.75)
        codes: list[str] = []
        for match in keys:
            for code in sorted(self.index[match], key=lambda c: (c not in self.current, c)):
                if code not in codes:
                    codes.append(code)
        return codes[:4]

    def _name_clash(self, code: str, name_text: str) -> str | None:
        """A problem when the name given beside a current code is unmistakably a different area. (Beside an old
        code, the old or the new name may be given: map_to_current_codes decides where the row goes.)"""
        codes = self.index.get(normalise_area_name(name_text))
        if code not in self.current or not codes or code in codes or len(codes) != 1:
            return None
        (other,) = codes
        return (f"area code {code} is {self.name(code) or 'a different area'}, but the area name is '{name_text}' "
                f"({other}): check which is right")


# --- reading bytes into tables of cells -------------------------------------------------------------------------

@dataclass
class _Table:
    sheet: str | None
    rows: list[tuple[int, list]]  # (spreadsheet row number, cells) for non-blank rows only


class _Reject(Exception):
    """The whole file cannot be used: the message says why."""


_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "a rich-text (RTF) document"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


def _sniff_binary(data: bytes) -> str | None:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "a HEIC/AVIF image"
    if data.startswith(b"MZ") and b"\x00" in data[:256]:
        return "a program"
    return None


def _describe_size(size: int) -> str:
    if size >= 0.1 * MB:
        return f"{size / MB:,.1f} MB"
    return f"{size / 1024:,.1f} KB" if size >= 1024 else f"{size:,} bytes"


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise _Reject(f"the Excel workbook is damaged and cannot be opened ({error})") from error
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise _Reject(f"the workbook holds {len(members):,} parts, more than the {MAX_ZIP_MEMBERS:,} allowed: it "
                      "cannot be opened safely")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        raise _Reject(f"the workbook would expand to {_describe_size(total)} when opened, more than the "
                      f"{MAX_UNCOMPRESSED // MB} MB allowed: it cannot be opened safely (a 'zip bomb' or a very "
                      "large workbook). Save the data as CSV, or split it")
    for member in members:
        if member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size / max(member.compress_size, 1)
            raise _Reject(f"the workbook part {member.filename} is compressed {ratio:,.0f} to 1, more than the "
                          f"{MAX_RATIO} to 1 allowed: it cannot be opened safely (a 'zip bomb'?)")
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise _Reject(f"the file is a Word document, not a spreadsheet: {ACCEPTED}")
        if "ppt/presentation.xml" in names:
            raise _Reject(f"the file is a PowerPoint presentation, not a spreadsheet: {ACCEPTED}")
        if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:100]:
            raise _Reject("the file is an OpenDocument spreadsheet (.ods): save it as Excel Workbook (.xlsx) or "
                          "CSV and upload that")
        raise _Reject(f"the file is a zip archive, not an Excel workbook: {ACCEPTED} itself")
    for member in members:
        # A DTD must come before the root element; Excel never writes one, and entities can expand without end.
        if member.filename.endswith((".xml", ".rels")):
            with archive.open(member) as part:
                start = part.read(1024).upper()
            if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                raise _Reject(f"the workbook part {member.filename} holds XML declarations (DOCTYPE or ENTITY) that "
                              "Excel never writes: it cannot be opened safely")
    return archive


def _read_workbook(data: bytes, max_rows: int, notes: list[str], file_name: str) -> list[_Table]:
    import openpyxl  # imported here: the CSV path does not need it

    _check_zip(data).close()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook: all mean the same here
        raise _Reject(f"the file could not be read as an Excel workbook ({type(error).__name__}: {error})") from error
    tables = []
    limit = max_rows + HEADER_SEARCH_ROWS
    try:
        for sheet in workbook.worksheets:
            if sheet.title.strip().lower() in SKIPPED_SHEETS:
                notes.append(f"{file_name}: sheet '{sheet.title}' skipped")
                continue
            sheet.reset_dimensions()  # a bogus <dimension> must not make every row 16,384 cells wide
            rows = []
            for number, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
                if cells and any(not _is_blank(cell) for cell in cells):
                    rows.append((number, list(cells)))
                    if len(rows) > limit:
                        raise _Reject(_too_many_rows(max_rows))
            tables.append(_Table(sheet.title, rows))
    except _Reject:
        raise
    except Exception as error:
        raise _Reject(f"the file could not be read as an Excel workbook ({type(error).__name__}: {error})") from error
    finally:
        workbook.close()
    return tables


def _too_many_rows(max_rows: int) -> str:
    return f"the file has more than {max_rows:,} data rows, the limit: split it into smaller files (nothing was read)"


def _lines_listed(numbers: list[int]) -> str:
    listed = ", ".join(str(n) for n in numbers[:LISTED])
    more = f" and {len(numbers) - LISTED} more" if len(numbers) > LISTED else ""
    return f"{'line' if len(numbers) == 1 else 'lines'} {listed}{more}"


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Text of a CSV: UTF-8 (with or without BOM), UTF-16 with a BOM, else line by line UTF-8 or Windows-1252.
    Returns (text, encoding, notes)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16", ["read as UTF-16 text"]
        except UnicodeDecodeError as error:
            raise _Reject(f"the file starts as UTF-16 text but byte {error.start} cannot be read") from error
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8", []
    except UnicodeDecodeError:
        pass
    parts, cp1252_lines, utf8_lines, replaced = [], [], [], 0
    for number, line in enumerate(body.splitlines(keepends=True), start=1):
        try:
            text = line.decode("utf-8")
            if not line.isascii():
                utf8_lines.append(number)
        except UnicodeDecodeError:
            text = line.decode("cp1252", errors="replace")
            replaced += text.count("\ufffd") - line.count("\ufffd".encode())
            cp1252_lines.append(number)
        parts.append(text)
    notes = []
    if utf8_lines:
        encoding = "utf-8 and windows-1252"
        verbs = "is not UTF-8 and was" if len(cp1252_lines) == 1 else "are not UTF-8 and were"
        notes.append(f"mixed encodings: {_lines_listed(cp1252_lines)} {verbs} read as Windows-1252, the other lines "
                     "as UTF-8: check accented letters on those lines")
    else:
        encoding = "windows-1252"
        notes.append("read as Windows-1252 (the file is not UTF-8)")
    if replaced:
        notes.append(f"{replaced} character(s) could not be read in any encoding and show as \ufffd")
    return "".join(parts), encoding, notes


def _csv_rows(text: str, delimiter: str, limit: int | None) -> list[tuple[int, list]]:
    """Non-blank records as (record number, cells); at most ``limit`` of them (None: all)."""
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def _read_csv(data: bytes, max_rows: int, notes: list[str], file_name: str) -> tuple[list[_Table], str]:
    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise _Reject(f"the file is not text (it holds binary data): {ACCEPTED}")
    text, encoding, decode_notes = decode_text(data)
    notes += [f"{file_name}: {note}" for note in decode_notes]
    if not text.strip():
        raise _Reject("the file has no content (only spaces or blank lines)")
    best, best_score = ",", -1
    try:
        for delimiter in (",", ";", "\t"):
            head = _csv_rows(text, delimiter, HEADER_SEARCH_ROWS)
            score = max((_header_score(cells) for _, cells in head), default=0)
            if score > best_score:
                best, best_score = delimiter, score
        rows = _csv_rows(text, best, max_rows + HEADER_SEARCH_ROWS + 1)
    except csv.Error as error:
        raise _Reject(f"the file could not be read as CSV ({error})") from error
    if len(rows) > max_rows + HEADER_SEARCH_ROWS:
        raise _Reject(_too_many_rows(max_rows))
    if best != ",":
        notes.append(f"{file_name}: columns separated by {'semicolons' if best == ';' else 'tabs'}")
    return [_Table(None, rows)], encoding


# --- header -----------------------------------------------------------------------------------------------------

def _match_header(cell: object) -> str | None:
    key = _squeeze(_text(cell))
    if not key:
        return None
    for spec in FIELDS:
        if key in spec.aliases or (spec.pattern and re.match(spec.pattern, key)):
            return spec.name
    return None


def _header_score(cells: list) -> int:
    return len({name for name in map(_match_header, cells) if name})


@dataclass
class _Header:
    row: int
    columns: dict[str, int]  # field -> cell index
    titles: dict[str, str]  # field -> header as written
    unused: list[str]  # headers not recognised, quoted


def _find_header(table: _Table) -> tuple[_Header | None, list[str]]:
    """The header row and its columns, or None; the second value lists columns claimed twice."""
    best, best_score = None, 1
    for number, cells in table.rows[:HEADER_SEARCH_ROWS]:
        score = _header_score(cells)
        if score > best_score:
            best, best_score = (number, cells), score
    if best is None:
        return None, []
    number, cells = best
    columns: dict[str, int] = {}
    titles: dict[str, str] = {}
    clashes, unused = [], []
    for index, cell in enumerate(cells):
        name = _match_header(cell)
        title = _text(cell)
        if name is None:
            if title:
                unused.append(f"'{title}'")
            continue
        if name in columns:
            clashes.append(f"columns '{titles[name]}' and '{title}' both look like the {FIELD_BY_NAME[name].label}: "
                           "keep one")
            continue
        columns[name], titles[name] = index, title
    return _Header(number, columns, titles, unused), clashes


def _missing_columns(columns: dict[str, int]) -> list[str]:
    missing = []
    if "area_code" not in columns and "area_name" not in columns:
        missing.append("area_code or area_name")
    missing += [name for name in REQUIRED_TEXT if name not in columns]
    has_counts = "numerator" in columns and "denominator" in columns
    if not has_counts and "value" not in columns:
        if "numerator" in columns:
            missing.append("denominator (or give a value column instead)")
        elif "denominator" in columns:
            missing.append("numerator (or give a value column instead)")
        else:
            missing.append("numerator and denominator, or value")
    return missing


# --- cells ------------------------------------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")


def _is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(cell: object) -> str:
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


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() and abs(number) < 1e15 else format(number, ".15g")


def _number(cell: object, percent_sign: bool) -> tuple[float | None, str | None]:
    """(number, None), (None, None) for a blank, or (None, why) when the cell is not a number."""
    if cell is None:
        return None, None
    if isinstance(cell, bool) or isinstance(cell, dt.date | dt.time):
        return None, f"'{_text(cell)}' is not a number"
    if isinstance(cell, int | float):
        if not math.isfinite(cell):
            return None, f"'{_text(cell)}' is not a number"
        return float(cell), None
    shown = _text(cell)
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


# --- rows -------------------------------------------------------------------------------------------------------

@dataclass
class _Context:
    file: str
    sheet: str | None
    header: _Header
    partner_default: str
    problems: list[UploadProblem]

    def problem(self, row: int | None, name: str | None, value: object, message: str) -> None:
        column = self.header.titles.get(name) if name else None
        shown = None if value is None or _is_blank(value) else _text(value)
        self.problems.append(UploadProblem(self.file, self.sheet, row, column, shown, message))


def _cell(cells: list, header: _Header, name: str) -> object:
    index = header.columns.get(name)
    return cells[index] if index is not None and index < len(cells) else None


def _check_row(number: int, cells: list, ctx: _Context, matcher: AreaMatcher,
               places: dict[tuple[str, str], _Place]) -> dict | None:
    """A clean row (dict) or None, reporting every problem in the row."""
    header = ctx.header
    before = len(ctx.problems)
    get = {name: _cell(cells, header, name) for name in FIELD_BY_NAME}
    text = {name: _text(value) for name, value in get.items()}

    for name in ("area_code", "area_name", "indicator", "period", "partner"):
        if len(text[name]) > MAX_TEXT:
            ctx.problem(number, name, text[name][:40] + "...", f"is {len(text[name]):,} characters long: at most "
                                                                f"{MAX_TEXT}")
            text[name] = ""
            get[name] = None

    if text["indicator"].casefold() == EXAMPLE_INDICATOR.casefold():
        ctx.problem(number, "indicator", get["indicator"], "this is the template's example row: delete it")
        return None

    place = None
    area_column = "area_code" if text["area_code"] else "area_name"
    if not text["area_code"] and not text["area_name"]:
        wanted = " or ".join(f"'{header.titles[n]}'" for n in ("area_code", "area_name") if n in header.columns)
        ctx.problems.append(UploadProblem(ctx.file, ctx.sheet, number, None, None,
                                          f"the area is blank: give it in {wanted}"))
    else:
        key = (text["area_code"], text["area_name"])
        if key not in places:
            places[key] = matcher.resolve(*key)
        place = places[key]
        if place.problem:
            ctx.problem(number, area_column, get[area_column], place.problem)

    cohort = None
    if text["cohort"]:
        cohort = COHORTS_BY_WORD.get(_label_key(text["cohort"]))
        if cohort is None:
            ctx.problem(number, "cohort", get["cohort"], f"'{text['cohort']}' is not a cohort: use one of "
                                                          f"{COHORT_CHOICES}")
    for name in REQUIRED_TEXT:
        if not text[name]:
            ctx.problem(number, name, None, f"the {FIELD_BY_NAME[name].label} is blank: it is required")

    sex = "persons"
    if text["sex"]:
        sex = SEX_BY_WORD.get(_label_key(text["sex"]))
        if sex is None:
            ctx.problem(number, "sex", get["sex"], f"'{text['sex']}' is not a sex: use persons, male or female "
                                                   "(All, M, F, Men and Women are understood too)")

    if text["unit"] and text["unit"] != PERCENT and _label_key(text["unit"]) not in PERCENT_UNIT_KEYS:
        ctx.problem(number, "unit", get["unit"], f"'{text['unit']}' is not a unit the app takes: values must be "
                                                 "percentages (%)")

    numbers: dict[str, float | None] = {}
    unreadable: set[str] = set()
    for name in NUMBER_COLUMNS:
        value, why = _number(get[name], percent_sign=name in ("value", "ci_low", "ci_high"))
        if why:
            ctx.problem(number, name, get[name], why)
            unreadable.add(name)
        numbers[name] = value
    _check_numbers(number, numbers, get, ctx, unreadable)

    if len(ctx.problems) > before:
        return None
    partner = text["partner"] or ctx.partner_default
    return {"partner": partner, "file": ctx.file, "sheet": ctx.sheet, "row": number, "area_code": place.code,
            "area_given": text[area_column], "place_note": place.note, "via_name": place.via_name,
            "area_column": header.titles.get(area_column), "cohort": cohort, "indicator": text["indicator"],
            "sex": sex, "period": text["period"], **numbers, "unit": PERCENT,
            "partner_defaulted": not text["partner"]}


def _check_numbers(number: int, values: dict[str, float | None], cells: dict[str, object], ctx: _Context,
                   unreadable: set[str]) -> None:
    """Rules between the numbers; a rule that involves a cell that could not be read is not checked."""
    numerator, denominator = values["numerator"], values["denominator"]
    value, low, high = values["value"], values["ci_low"], values["ci_high"]
    for name in ("numerator", "denominator"):
        count = values[name]
        if count is None:
            continue
        if count < 0:
            ctx.problem(number, name, cells[name], f"{_fmt(count)} is negative: a count cannot be below 0")
        elif not count.is_integer():
            ctx.problem(number, name, cells[name], f"{_fmt(count)} is not a whole number: counts must be whole "
                                                   "numbers")
    if denominator is not None and denominator == 0:
        ctx.problem(number, "denominator", cells["denominator"], "the denominator is 0: it must be 1 or more")
    if numerator is not None and denominator is not None and 0 < denominator < numerator:
        ctx.problem(number, "numerator", cells["numerator"],
                    f"{_fmt(numerator)} is larger than the denominator {_fmt(denominator)}")
    for name in ("value", "ci_low", "ci_high"):
        figure = values[name]
        if figure is not None and not 0 <= figure <= 100:
            ctx.problem(number, name, cells[name], f"{_fmt(figure)} is outside 0 to 100: give a percentage")
    if (low is None) != (high is None) and not unreadable & {"ci_low", "ci_high"}:
        given = "ci_low" if low is not None else "ci_high"
        ctx.problem(number, given, cells[given], "give both the lower and the upper confidence limit, or neither")
    if low is not None and high is not None:
        if value is None and "value" not in unreadable:
            ctx.problem(number, "ci_low", cells["ci_low"], "a confidence interval needs its value")
        else:
            if value is not None and low > value:
                ctx.problem(number, "ci_low", cells["ci_low"], f"the lower limit {_fmt(low)} is above the value "
                                                               f"{_fmt(value)}")
            if value is not None and high < value:
                ctx.problem(number, "ci_high", cells["ci_high"], f"the upper limit {_fmt(high)} is below the value "
                                                                 f"{_fmt(value)}")
    if unreadable & {"numerator", "denominator", "value"}:
        return
    if numerator is None and denominator is None and value is None:
        if low is not None and high is not None:
            return  # reported above: "a confidence interval needs its value"
        ctx.problems.append(UploadProblem(ctx.file, ctx.sheet, number, None, None,
                                          "no figure: give a numerator and denominator, or a value (%)"))
    elif numerator is not None and denominator is None:
        ctx.problem(number, "denominator", None, "a numerator needs its denominator")
    elif denominator is not None and numerator is None and value is None:
        ctx.problem(number, "numerator", None, "a denominator needs its numerator (or give a value)")


# --- duplicates, code changes, assembling -------------------------------------------------------------------

_SAME = "the same partner, area, cohort, indicator, sex and period"


def _figure_key(row: dict) -> tuple:
    return (row["partner"], row["area_code"], row["cohort"], row["indicator"].casefold(), row["sex"], row["period"])


def _figures(row: dict) -> tuple:
    return tuple(None if row[n] is None or pd.isna(row[n]) else float(row[n]) for n in NUMBER_COLUMNS)


def _where(row: dict, other: dict) -> str:
    """'row 5', or 'sheet 'B' row 5' / 'file.csv row 5' when ``other`` is elsewhere."""
    if row["file"] != other["file"]:
        sheet = f" sheet '{row['sheet']}'" if row["sheet"] is not None else ""
        return f"{row['file']}{sheet} row {row['row']}"
    if row["sheet"] != other["sheet"]:
        return f"sheet '{row['sheet']}' row {row['row']}"
    return f"row {row['row']}"


def _drop_duplicates(rows: list[dict], problems: list[UploadProblem]) -> list[dict]:
    """First of identical repeats kept; figures that disagree are all dropped. Each drop is a problem."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(_figure_key(row), []).append(row)
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) == 1:
            continue
        first = members[0]
        if all(_figures(member) == _figures(first) for member in members):
            for member in members[1:]:
                dropped.add(id(member))
                problems.append(UploadProblem(member["file"], member["sheet"], member["row"], None, None,
                                              f"repeats {_where(first, member)} ({_SAME}): only "
                                              f"{_where(first, member)} is used"))
            continue
        for member in members:
            dropped.add(id(member))
            others = ", ".join(_where(other, member) for other in members if other is not member)
            problems.append(UploadProblem(member["file"], member["sheet"], member["row"], None, None,
                                          f"has {_SAME} as {others} but different figures: none of these rows is "
                                          "used"))
    return [row for row in rows if id(row) not in dropped]


def _plain(reason: str) -> str:
    """map_to_current_codes' reasons, worded for someone whose row is not used."""
    reason = re.sub(r" \(it is in the frame, on rows that differ in another column: pass key_columns to say which "
                    r"columns identify a figure\)", "", reason)
    reason = re.sub(r",? so (county figures|they) are kept under the old code", "", reason)
    reason = re.sub(r": not combined$", "", reason)
    return reason


def _place(rows: list[dict], matcher: AreaMatcher, problems: list[UploadProblem]) -> list[dict]:
    """Old codes to April 2023 codes (map_to_current_codes); rows that cannot be placed become problems.

    Only the figures that involve an old code go through map_to_current_codes (it works group by group, a few
    milliseconds each); a figure given only with current codes is already placed.
    """
    figure = ["\x1f".join(_figure_key(row)[:1] + _figure_key(row)[2:]) for row in rows]
    touched = {key for key, row in zip(figure, rows, strict=True) if row["area_code"] not in matcher.current}
    placed = []
    todo = []
    for index, row in enumerate(rows):
        if figure[index] in touched:
            todo.append(index)
        else:
            note = None if row["via_name"] else row["place_note"]
            placed.append({**row, "input_rows": 1, "code_note": note})
    if not todo:
        return placed
    frame = pd.DataFrame({
        "_id": [str(i) for i in todo], "_figure": [figure[i] for i in todo],
        "area_code": [rows[i]["area_code"] for i in todo],
        "numerator": [rows[i]["numerator"] for i in todo], "denominator": [rows[i]["denominator"] for i in todo],
    }).astype({"numerator": "float64", "denominator": "float64"})
    mapped, report = map_to_current_codes(frame, matcher.changes, key_columns=["_figure"],
                                          known_codes=matcher.current | matcher.changed)
    merged_to = {line.code: line.new_code for line in report.itertuples(index=False) if line.action == "merged"}
    kept_ids = set(mapped["_id"].dropna())
    waiting: dict[tuple[str, str], list[dict]] = {}
    for index in todo:
        row = rows[index]
        if str(index) not in kept_ids and row["area_code"] in merged_to:
            waiting.setdefault((figure[index], merged_to[row["area_code"]]), []).append(row)
    for record in mapped.to_dict("records"):
        status = record["code_status"]
        if status == "merged":
            members = waiting[(record["_figure"], record["area_code"])]
            first = members[0]
            rows_text = ", ".join(str(m["row"]) for m in members)
            same_sheet = len({m["sheet"] for m in members}) == 1
            placed.append({**first, "area_code": record["area_code"], "numerator": record["numerator"],
                           "denominator": record["denominator"], "value": None, "ci_low": None, "ci_high": None,
                           "sheet": first["sheet"] if same_sheet else None, "input_rows": len(members),
                           "code_note": f"{record['code_note']} (rows {rows_text})"})
            continue
        row = rows[int(record["_id"])]
        if status in ("flagged", "unknown"):
            problems.append(UploadProblem(row["file"], row["sheet"], row["row"], row["area_column"],
                                          row["area_given"], f"area {matcher.label(row['area_code'])} cannot be "
                                                             f"placed: {_plain(str(record['code_note']))}"))
            continue
        note = None if row["via_name"] else row["place_note"]
        if status == "recoded":
            note = str(record["code_note"])
        placed.append({**row, "area_code": record["area_code"], "input_rows": 1, "code_note": note})
    return placed


def _assemble(rows: list[dict], matcher: AreaMatcher | None) -> pd.DataFrame:
    if not rows:
        return empty_rows()
    records = []
    for row in rows:
        record = {column: row.get(column) for column in UPLOAD_COLUMNS}
        if matcher is not None:
            record["area_name"] = matcher.names[row["area_code"]]
            record["area_type"] = matcher.area_type[row["area_code"]]
        records.append(record)
    frame = pd.DataFrame(records, columns=UPLOAD_COLUMNS)
    return frame.astype({**{c: "float64" for c in NUMBER_COLUMNS}, "row": "int64", "input_rows": "int64"})


# --- the entry points ---------------------------------------------------------------------------------------------

def read_upload(file_name: str, data: bytes, *, lookup: pd.DataFrame, changes: pd.DataFrame,
                area_names: pd.DataFrame | None = None, max_bytes: int = MAX_BYTES,
                max_rows: int = MAX_ROWS) -> UploadResult:
    """Read one uploaded file (its bytes; nothing is written to disk) into usable rows and problems.

    ``lookup`` is ``geography.read_lad_lookup``'s frame, ``changes`` ``geography.read_code_changes``'s and
    ``area_names`` (optional, for more name variants) ``read_area_names``'. Never raises for a bad file.
    """
    name = PurePath(str(file_name)).name or "upload"
    matcher = AreaMatcher(lookup, changes, area_names)
    return _read(name, data, matcher, max_bytes, max_rows)


def _fail(name: str, message: str, notes: list[str], encoding: str | None = None) -> UploadResult:
    logger.info("upload %s refused: %s", name, message)
    return UploadResult(empty_rows(), [UploadProblem(name, None, None, None, None, message)], 0, 0, encoding, notes)


def _read(name: str, data: bytes, matcher: AreaMatcher, max_bytes: int, max_rows: int) -> UploadResult:
    notes: list[str] = []
    data = bytes(data or b"")
    suffix = PurePath(name).suffix.lower()
    if len(data) > max_bytes:
        limit = f"{max_bytes / MB:g} MB" if max_bytes >= MB else _describe_size(max_bytes)
        return _fail(name, f"the file is {_describe_size(len(data))}, more than the {limit} limit: split it into "
                           "smaller files", notes)
    if not data:
        return _fail(name, "the file is empty (0 bytes)", notes)
    what = _sniff_binary(data)
    if what:
        return _fail(name, f"the file is {what}, not a CSV or Excel file: {ACCEPTED}", notes)
    if data.startswith(_OLE):
        return _fail(name, "the file is an Excel 97-2003 workbook (.xls) or a password-protected workbook: save "
                           "it as Excel Workbook (.xlsx) without a password, or as CSV", notes)
    encoding = None
    try:
        if data.startswith(_ZIP):
            if suffix not in EXCEL_SUFFIXES:
                notes.append(f"{name}: the file is named {suffix or 'without a type'} but is an Excel workbook: "
                             "read as one")
            tables = _read_workbook(data, max_rows, notes, name)
        elif suffix in EXCEL_SUFFIXES:
            return _fail(name, "the file is named .xlsx but is not an Excel workbook (an .xlsx file is a zip "
                               f"archive and this is not one): {ACCEPTED}", notes)
        elif suffix and suffix not in TEXT_SUFFIXES:
            return _fail(name, f"'{suffix}' files are not accepted: {ACCEPTED}", notes)
        else:
            tables, encoding = _read_csv(data, max_rows, notes, name)
    except _Reject as reason:
        return _fail(name, str(reason), notes, encoding)
    return _read_tables(name, tables, matcher, notes, encoding, max_rows)


def _read_tables(name: str, tables: list[_Table], matcher: AreaMatcher, notes: list[str], encoding: str | None,
                 max_rows: int) -> UploadResult:
    problems: list[UploadProblem] = []
    candidates: list[dict] = []
    rows_read = 0
    places: dict[tuple[str, str], _Place] = {}
    data_tables = 0
    for table in tables:
        where = name if table.sheet is None else f"{name}, sheet '{table.sheet}'"
        if not table.rows:
            if table.sheet is not None:
                notes.append(f"{where}: empty, skipped")
            continue
        header, clashes = _find_header(table)
        if header is None:
            if table.sheet is not None and len(tables) > 1:
                notes.append(f"{where}: skipped (no header row with the template's column names in its first "
                             f"{HEADER_SEARCH_ROWS} rows)")
                continue
            problems.append(UploadProblem(name, table.sheet, None, None, None, _no_header_message()))
            continue
        data_tables += 1
        if header.row != 1:
            notes.append(f"{where}: header found on row {header.row}")
        if header.unused:
            notes.append(f"{where}: columns not used: {', '.join(header.unused)}")
        missing = _missing_columns(header.columns)
        if clashes or missing:
            for clash in clashes:
                problems.append(UploadProblem(name, table.sheet, header.row, None, None, clash))
            if missing:
                problems.append(UploadProblem(name, table.sheet, header.row, None, None,
                                              f"the header has no column for: {'; '.join(missing)}"))
            continue
        body = [(number, cells) for number, cells in table.rows if number > header.row]
        if not body:
            problems.append(UploadProblem(name, table.sheet, None, None, None,
                                          f"there are no data rows under the header (row {header.row})"))
            continue
        rows_read += len(body)
        if rows_read > max_rows:
            return _fail(name, _too_many_rows(max_rows), notes, encoding)
        if "partner" not in header.columns:
            notes.append(f"{where}: no partner column: '{name}' is shown as the source of its figures")
        ctx = _Context(name, table.sheet, header, name, problems)
        first = len(candidates)
        for number, cells in body:
            row = _check_row(number, cells, ctx, matcher, places)
            if row is not None:
                candidates.append(row)
        blank_partner = sum(1 for row in candidates[first:] if row["partner_defaulted"])
        if "partner" in header.columns and blank_partner:
            notes.append(f"{where}: partner blank on {blank_partner} row(s): '{name}' is used")
    if not data_tables and not problems:
        problems.append(UploadProblem(name, None, None, None, None, _no_header_message()))
    renamed = sorted({row["place_note"] for row in candidates if row["via_name"] and row["place_note"]})
    if renamed:
        listed = "; ".join(renamed[:LISTED]) + (f"; and {len(renamed) - LISTED} more" if len(renamed) > LISTED else "")
        notes.append(f"{name}: area names read as: {listed}")
    unique = _drop_duplicates(candidates, problems)
    placed = _place(unique, matcher, problems)
    order = {table.sheet: position for position, table in enumerate(tables)}
    placed.sort(key=lambda row: (order.get(row["sheet"], 0), row["row"]))
    problems.sort(key=lambda p: (order.get(p.sheet, -1), p.row or 0))
    frame = _assemble(placed, matcher)
    rows_valid = int(frame["input_rows"].sum()) if len(frame) else 0
    logger.info("upload %s: %d rows read, %d used, %d problems", name, rows_read, rows_valid, len(problems))
    return UploadResult(frame, problems, rows_read, rows_valid, encoding, notes)


def _no_header_message() -> str:
    return (f"no header row found in the first {HEADER_SEARCH_ROWS} rows: the header needs at least two of the "
            "template's column names (area_code or area_name, cohort, indicator, sex, period, numerator, "
            "denominator, value, ci_low, ci_high, partner). Download the template to see them")


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
        for record in records:
            record["sheet"] = None if pd.isna(record["sheet"]) else record["sheet"]
        # Each file has one row per figure already, so any repeat found here is across files.
        kept = _drop_duplicates(records, problems)
        if kept:
            frame = _assemble(kept, None)
    encodings = [result.encoding for result in results if result.encoding]
    rows_valid = int(frame["input_rows"].sum()) if len(frame) else 0
    return UploadResult(frame, problems, sum(r.rows_read for r in results), rows_valid,
                        ", ".join(dict.fromkeys(encodings)) or None, notes)


# --- templates ----------------------------------------------------------------------------------------------------

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
