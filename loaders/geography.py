"""Local authority geography: the LAD -> UTLA -> region lookup, code changes 2019-2025, and the two things
done with them: bringing old codes to one vintage (``map_to_current_codes``) and adding district counts up to
upper-tier authorities or regions (``roll_up``).

Code vintages (the judgement calls):

* A target vintage Y means the codes in force after 1 April of year Y (English reorganisations take effect on
  1 April). A change whose new code starts in a year <= Y is applied forwards (old -> new); a change that starts
  after Y is undone where that is possible without dividing an area.
* The default is Y = 2023: April 2023 codes, which the boundaries (CTYUA Dec 2023, LAD May 2024), the lookup and
  OHID Fingertips use. So by default the 2025 recodes are mapped BACK: Barnsley E08000038 -> E08000016 and
  Sheffield E08000039 -> E08000019. With ``target_vintage=2025`` they go forwards (E08000016 -> E08000038). The
  2025 recode followed a minor boundary change between the two, so the areas are near-identical, not identical.
* Only one-to-one recodes are undone. A code created by a merge after Y (e.g. North Yorkshire E06000065 when
  Y = 2022) cannot be divided back into the areas it replaced: its rows are flagged.
* A county split (Northamptonshire E10000021 -> E06000061 + E06000062 in 2021; Cumbria E10000006 -> E06000063 +
  E06000064 in 2023) cannot be divided without district data or weights: its rows are kept, flagged.
* A "county to unitary" change keeps its figures only when the unitary covers the whole county. Dorset county
  (E10000009) became Dorset unitary (E06000059) in 2019 but Christchurch went to Bournemouth, Christchurch and
  Poole, so Dorset county rows are flagged rather than relabelled as a different area.
* Merges add counts (numerator, denominator, ...) of rows that differ only in their code. Rates, percentages and
  confidence intervals cannot be added: a merged row's value is recomputed from the summed counts only when the
  caller asks (``recompute_value_per``), and its CI is left empty. A merge is made only when every predecessor
  area is present (so a missing or suppressed district does not give a total that is too small), no predecessor
  lacks counts, and no row already holds the new code or an intermediate code for the same figure (which would
  count an area twice). Otherwise the rows are kept under their old codes, flagged with the reason.
* Nothing is dropped. The report lists every code recoded, merged, flagged or unknown, for the screen.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from core.codes import GSS_CODE
from core.vocabulary import CHANGE_TYPES
from loaders.io import blank_to_na, read_text_csv, validate
from loaders.schemas import FIRST_VINTAGE, LAST_VINTAGE, CodeChangeSchema, GeographyReportSchema, LadLookupSchema

logger = logging.getLogger(__name__)

LAD_LOOKUP_FILE = "lookup_lad24_utla23_rgn23_england.csv"
CODE_CHANGES_FILE = "la_code_changes_england_2019_2025.csv"
LOOKUPS_FOLDER = "lookups"
DEFAULT_VINTAGE = 2023  # April 2023 codes: CTYUA Dec 2023, LAD May 2024, OHID Fingertips
ENGLAND = "E92000001"
ROLL_UP_LEVELS = ("utla", "region")
# Columns that are measured rather than identifying: never part of the key, emptied when rows are combined.
MEASURE_COLUMNS = ("value", "ci_low", "ci_high", "ci_method")
STATUS_COLUMNS = ("code_status", "code_note", "rollup_status", "rollup_note")
REPORT_COLUMNS = list(GeographyReportSchema.to_schema().columns)
_IMPORT_HINT = "Import a data folder with lookups/ (make data-import SRC=...)."
_LISTED = 10  # districts named in a note before "and N more"


class GeographyResult(NamedTuple):
    """A frame with its codes changed or rolled up, and the report of what was done (GeographyReportSchema)."""

    frame: pd.DataFrame
    report: pd.DataFrame


# --- reading the lookups -----------------------------------------------------------------------------------------

def _locate(path: Path | str, file_name: str) -> Path:
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
    file = _locate(path, LAD_LOOKUP_FILE)
    columns = list(LadLookupSchema.to_schema().columns)
    frame = read_text_csv(file, required_columns=columns, missing_hint=_IMPORT_HINT)
    frame = blank_to_na(frame, columns)
    lookup = validate(frame, LadLookupSchema, file)
    logger.info("lookup %s: %d LADs, %d UTLAs, %d regions", file, len(lookup), lookup["utla_code"].nunique(),
                lookup["region_code"].nunique())
    return lookup


def read_code_changes(path: Path | str) -> pd.DataFrame:
    """Read and validate the code changes 2019-2025 (one row per old -> new code; a split has a row per successor).

    ``path`` is the CSV or a data folder holding ``lookups/la_code_changes_england_2019_2025.csv``. A qualifier
    in brackets after the change type ("recode (minor boundary change)") is moved to ``change_detail``.
    """
    file = _locate(path, CODE_CHANGES_FILE)
    columns = [c for c in CodeChangeSchema.to_schema().columns if c != "change_detail"]
    frame = read_text_csv(file, required_columns=columns, missing_hint=_IMPORT_HINT)
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


# --- code history ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Change:
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    kind: str
    year: int
    parent: str | None


@dataclass(frozen=True)
class _Resolution:
    kind: str  # unchanged, recoded, merge, flagged, unknown
    target: str
    reason: str | None = None
    path: tuple[str, ...] = field(default_factory=tuple)


class _History:
    """The code-change table seen from one target vintage."""

    def __init__(self, changes: pd.DataFrame, target: int, known_codes: Iterable[str] | None):
        self.target = target
        self.known = None if known_codes is None else frozenset(known_codes)
        rows = [_Change(r.old_code, r.old_name, r.new_code, r.new_name, r.change_type, int(str(r.new_start_date)[:4]),
                        None if pd.isna(r.old_parent_code) else r.old_parent_code)
                for r in changes.itertuples(index=False)]
        self.forward: dict[str, list[_Change]] = {}
        self.undone_by_new: dict[str, list[_Change]] = {}
        self.merge_predecessors: dict[str, list[str]] = {}
        self.children: dict[str, list[_Change]] = {}
        self.names: dict[str, str] = {}
        for change in rows:
            self.names.setdefault(change.old_code, change.old_name)
            self.names[change.new_code] = change.new_name
            if change.kind == "merge" and change.parent:
                self.children.setdefault(change.parent, []).append(change)
            if change.year <= target:
                self.forward.setdefault(change.old_code, []).append(change)
                if change.kind == "merge":
                    self.merge_predecessors.setdefault(change.new_code, []).append(change.old_code)
            else:
                self.undone_by_new.setdefault(change.new_code, []).append(change)

    def label(self, code: str) -> str:
        name = self.names.get(code)
        return f"{code} {name}" if name else code

    def follow(self, code: str) -> list[str]:
        """Codes passed through going forwards (no checks), starting with ``code``."""
        path = [code]
        while len(self.forward.get(path[-1], [])) == 1 and len(path) < 20:
            path.append(self.forward[path[-1]][0].new_code)
        return path

    def resolve(self, code: str) -> _Resolution:
        if not code:
            return _Resolution("unknown", code, "the code is blank", (code,))
        if not re.match(GSS_CODE, code):
            return _Resolution("unknown", code, f"'{code}' is not an ONS (GSS) code", (code,))
        current, path, steps, merged = code, [code], [], False
        while current in self.forward and len(path) < 20:
            successors = self.forward[current]
            if len(successors) > 1 or successors[0].kind == "county split":
                return _Resolution("flagged", code, self._split_reason(current, successors), (code,))
            change = successors[0]
            if change.kind == "county to unitary":
                lost = self._districts_elsewhere(change)
                if lost:
                    return _Resolution("flagged", code, self._partial_reason(change, lost), (code,))
            merged |= change.kind == "merge"
            steps.append(f"{change.kind} in {change.year}: {self.label(current)} -> {self.label(change.new_code)}")
            current = change.new_code
            path.append(current)
        while current in self.undone_by_new:
            later = self.undone_by_new[current]
            if len(later) != 1 or later[0].kind != "recode":
                years = sorted({change.year for change in later})
                return _Resolution("flagged", code, (
                    f"{self.label(current)} was created in {'/'.join(map(str, years))}, after the {self.target} codes "
                    "asked for: its figures cannot be divided back into the areas it replaced"), (code,))
            change = later[0]
            steps.append(f"the {change.year} recode {self.label(current)} is mapped back to the {self.target} code "
                         f"{change.old_code}")
            current = change.old_code
            path.append(current)
        if self.known is not None and current not in self.known:
            reason = (f"{code} is not a {self.target} code and is not in the code-change table" if len(path) == 1
                      else f"{code} leads to {current}, which is not a {self.target} code either")
            return _Resolution("unknown", code, reason, (code,))
        if len(path) == 1:
            return _Resolution("unchanged", code, None, (code,))
        return _Resolution("merge" if merged else "recoded", current, "; then ".join(steps), tuple(path))

    def _split_reason(self, code: str, successors: list[_Change]) -> str:
        names = " and ".join(self.label(change.new_code) for change in successors)
        return (f"{self.label(code)} was split into {names} in {successors[0].year}: figures for the whole county "
                "cannot be divided between them without district figures, so they are kept under the old code")

    def _districts_elsewhere(self, change: _Change) -> list[_Change]:
        return [child for child in self.children.get(change.old_code, [])
                if change.new_code not in self.follow(child.old_code)]

    def _partial_reason(self, change: _Change, lost: list[_Change]) -> str:
        elsewhere = ", ".join(f"{self.label(child.old_code)} went to {self.label(self.follow(child.old_code)[-1])}"
                              for child in lost)
        return (f"{self.label(change.old_code)} became {self.label(change.new_code)} in {change.year}, but "
                f"{elsewhere}: the areas differ, so county figures are kept under the old code")

    def covered(self, code: str, present: set[str]) -> bool:
        if code in present:
            return True
        parts = self.merge_predecessors.get(code, [])
        return bool(parts) and all(self.covered(part, present) for part in parts)


# --- shared helpers ----------------------------------------------------------------------------------------------

def _code_text(codes: pd.Series) -> pd.Series:
    return codes.map(lambda value: "" if pd.isna(value) else str(value).strip())


def _key_columns(frame: pd.DataFrame, key_columns: Sequence[str] | None, exclude: set[str]) -> list[str]:
    """What identifies a figure apart from its area: given, or every column that is not a code, name, count,
    measure (value, CI, any other float column) or status column."""
    if key_columns is not None:
        clash = [column for column in key_columns if column in exclude or column not in frame.columns]
        if clash:
            raise ValueError(f"key_columns {clash} are missing from the frame or are code, name or count columns")
        return list(key_columns)
    return [column for column in frame.columns if column not in exclude and column not in MEASURE_COLUMNS
            and column not in STATUS_COLUMNS and not pd.api.types.is_float_dtype(frame[column])]


def _combined_row(data: pd.DataFrame, members: pd.DataFrame, keys: list[str]) -> dict:
    """The start of a row that stands for ``members``: key columns copied; numeric columns (counts, rates, CIs)
    empty, to be filled by the caller; other text columns kept where every member agrees, else empty."""
    row: dict = {}
    for column in data.columns:
        if column in keys:
            row[column] = members[column].iloc[0]
        elif pd.api.types.is_numeric_dtype(data[column]):
            row[column] = float("nan")
        elif column not in MEASURE_COLUMNS and column not in STATUS_COLUMNS and \
                members[column].nunique(dropna=False) == 1:
            row[column] = members[column].iloc[0]
        else:
            row[column] = None
    return row


def _recompute(sums: dict[str, float], counts: Sequence[str], per: float | None) -> float:
    if per is None:
        return float("nan")
    numerator, denominator = sums[counts[0]], sums[counts[1]]
    return float("nan") if not denominator else numerator / denominator * per


def _check_arguments(frame: pd.DataFrame, code_column: str, count_columns: Sequence[str],
                     recompute_value_per: float | None) -> None:
    if code_column not in frame.columns:
        raise ValueError(f"the frame has no column '{code_column}' (code_column)")
    if recompute_value_per is not None and (len(count_columns) < 2 or
                                            not all(c in frame.columns for c in count_columns[:2])):
        raise ValueError("recompute_value_per needs count_columns (numerator, denominator) present in the frame")


def _report(lines: list[dict]) -> pd.DataFrame:
    if not lines:
        return GeographyReportSchema.validate(pd.DataFrame({c: pd.Series(dtype="object") for c in REPORT_COLUMNS})
                                              .astype({"rows": "int64"}))
    frame = pd.DataFrame(lines, columns=REPORT_COLUMNS)
    keys = [c for c in REPORT_COLUMNS if c != "rows"]
    frame = frame.groupby(keys, dropna=False, sort=False)["rows"].sum().reset_index()
    order = {action: i for i, action in enumerate(("unknown", "unmatched", "flagged", "incomplete", "merged",
                                                   "recoded"))}
    frame = frame.sort_values(["action", "code"], key=lambda s: s.map(order) if s.name == "action" else s,
                              kind="stable").reset_index(drop=True)
    return GeographyReportSchema.validate(frame[REPORT_COLUMNS])


# --- mapping old codes to one vintage ----------------------------------------------------------------------------

def map_to_current_codes(frame: pd.DataFrame, changes: pd.DataFrame, code_column: str = "area_code",
                         count_columns: Sequence[str] = ("numerator", "denominator"), *,
                         target_vintage: int = DEFAULT_VINTAGE, known_codes: Iterable[str] | None = None,
                         name_column: str = "area_name", key_columns: Sequence[str] | None = None,
                         recompute_value_per: float | None = None) -> GeographyResult:
    """Bring every code in ``frame[code_column]`` to the codes of ``target_vintage`` (default 2023).

    ``changes`` is ``read_code_changes``'s frame. Rows are combined only when they agree on ``key_columns``: by
    default every column that is not the code, the name, a count, a measure (value, ci_low, ci_high, ci_method,
    any other float column) or a status column. That default is cautious: a per-area text column (e.g. a
    "compared to England" judgement) keeps rows apart, and they are flagged rather than added up, so pass
    ``key_columns`` (e.g. the canonical indicator_id, cohort, sex, age, period, source_id) for such frames. In a
    combined row, text columns outside the key are kept where every row agrees and emptied otherwise. See the
    module notes for what is merged, recoded, flagged and why. With ``known_codes`` (``codes_in_force(lookup)``)
    codes that are neither in force nor in the change table are reported as unknown; without it only blank and
    malformed codes are. ``recompute_value_per`` (e.g. 100 for a percentage) recomputes a merged row's ``value``
    as count_columns[0] / count_columns[1] * per; otherwise a merged row's value is empty.

    Returns (frame, report). The frame has the input's columns (index renumbered) plus ``code_status``
    (unchanged, recoded, merged, flagged, unknown) and ``code_note`` (why). Nothing is dropped.
    """
    _check_arguments(frame, code_column, count_columns, recompute_value_per)
    if not FIRST_VINTAGE <= target_vintage <= LAST_VINTAGE:
        raise ValueError(f"target_vintage must be a year from {FIRST_VINTAGE} to {LAST_VINTAGE}, "
                         f"not {target_vintage}")
    counts = [c for c in count_columns if c in frame.columns]
    exclude = {code_column, name_column, *count_columns}
    keys = _key_columns(frame, key_columns, exclude)
    history = _History(changes, target_vintage, known_codes)
    data = frame.reset_index(drop=True).copy()
    data["code_status"] = "unchanged"
    data["code_note"] = None
    codes = _code_text(data[code_column])
    resolved = {code: history.resolve(code) for code in codes.unique()}
    kind = codes.map(lambda code: resolved[code].kind)
    target = codes.map(lambda code: resolved[code].target)
    has_name = name_column in data.columns
    lines: list[dict] = []

    def line(index: int, action: str, new_code: str | None, reason: str, rows: int = 1) -> dict:
        code = codes[index]
        name = data.at[index, name_column] if has_name and pd.notna(data.at[index, name_column]) else None
        return {"code": code or None, "name": name or history.names.get(code), "action": action,
                "new_code": new_code, "new_name": history.names.get(new_code) if new_code else None,
                "reason": reason, "rows": rows}

    for index in data.index[kind.isin(["flagged", "unknown"])]:
        data.at[index, "code_status"] = kind[index]
        data.at[index, "code_note"] = resolved[codes[index]].reason
        lines.append(line(index, kind[index], None, resolved[codes[index]].reason))

    candidates = data.index[kind.isin(["unchanged", "recoded", "merge"])]
    group_frame = data.loc[candidates, keys].assign(_target=target[candidates])
    group_id = group_frame.groupby(["_target", *keys], dropna=False, sort=False).ngroup()
    sizes = group_id.map(group_id.value_counts())
    simple = candidates[(sizes == 1).to_numpy() & kind[candidates].isin(["unchanged", "recoded"]).to_numpy()]
    for index in simple[kind[simple] == "recoded"]:
        reason = resolved[codes[index]].reason
        new_code = target[index]
        data.at[index, code_column] = new_code
        if has_name and new_code in history.names:
            data.at[index, name_column] = history.names[new_code]
        data.at[index, "code_status"] = "recoded"
        data.at[index, "code_note"] = reason
        lines.append(line(index, "recoded", new_code, reason))

    merged_rows: list[dict] = []
    dropped: list[int] = []
    all_codes = set(codes)
    complex_ids = group_id[~group_id.index.isin(simple)]
    for _, members in complex_ids.groupby(complex_ids, sort=False):
        indices = list(members.index)
        new_code = target[indices[0]]
        issue = _merge_issue(history, new_code, [codes[i] for i in indices], [kind[i] for i in indices],
                             [resolved[codes[i]].path for i in indices], data.loc[indices, counts], counts,
                             all_codes)
        if issue:
            for index in indices:
                data.at[index, "code_status"] = "flagged"
                data.at[index, "code_note"] = issue
                lines.append(line(index, "flagged", new_code, issue))
            continue
        members_text = ", ".join(history.label(codes[i]) for i in indices)
        note = f"counts of {members_text} added up to give {history.label(new_code)}"
        merged_rows.append(_merged_row(data, indices, keys, counts, code_column, name_column, new_code,
                                       history.names.get(new_code), note, recompute_value_per))
        dropped += indices
        for index in indices:
            lines.append(line(index, "merged", new_code, f"{resolved[codes[index]].reason}; {note}"))

    result = _assemble(data, dropped, merged_rows)
    report = _report(lines)
    if len(report):
        logger.warning("map_to_current_codes (to %s codes): %s", target_vintage,
                       report.groupby("action")["code"].nunique().to_dict())
    return GeographyResult(result, report)



def _merge_issue(history: _History, new_code: str, codes: list[str], kinds: list[str], paths: list[tuple[str, ...]],
                 count_values: pd.DataFrame, counts: list[str], all_codes: set[str]) -> str | None:
    """Why rows that lead to ``new_code`` for the same figure cannot be added up, or None when they can."""
    present = set(codes)
    label = history.label(new_code)
    if len(present) < len(codes):
        repeated = sorted({c for c in codes if codes.count(c) > 1})
        return f"{', '.join(repeated)} appear more than once for the same figure: not combined (check key_columns)"
    if len(codes) > 1 and any(k != "merge" for k in kinds):
        return (f"{', '.join(codes)} all lead to {label} for the same figure, and some already hold the current "
                "code: not combined, to avoid counting the same area twice")
    overlapping = sorted({step for path in paths for step in path[1:-1] if step in present})
    if overlapping:
        return (f"{', '.join(overlapping)} and the areas it replaced are both present for the same figure: not "
                f"combined into {label}, to avoid counting the same area twice")
    parts = history.merge_predecessors.get(new_code, [])
    missing = [part for part in parts if not history.covered(part, present)]
    if missing:
        hint = ""
        if any(history.covered(part, all_codes) for part in missing):
            hint = (" (it is in the frame, on rows that differ in another column: pass key_columns to say which "
                    "columns identify a figure)")
        return (f"{label} is made of {', '.join(history.label(p) for p in parts)}; "
                f"{', '.join(history.label(p) for p in missing)} is missing for this figure{hint}, so a sum would "
                "be too small: not combined")
    if not counts:
        return (f"cannot be added up into {label}: the frame has no count columns, and rates or percentages "
                "cannot be added")
    lacking = count_values.isna().any(axis=1)
    if lacking.any():
        without = ", ".join(codes[i] for i, flag in enumerate(lacking) if flag)
        return (f"cannot be added up into {label}: {without} has no counts ({', '.join(counts)}), and rates or "
                "percentages cannot be added")
    return None


def _merged_row(data: pd.DataFrame, indices: list[int], keys: list[str], counts: list[str], code_column: str,
                name_column: str, new_code: str, new_name: str | None, note: str,
                recompute_value_per: float | None) -> dict:
    row = _combined_row(data, data.loc[indices], keys)
    sums = {column: float(data.loc[indices, column].sum()) for column in counts}
    row.update(sums)
    row[code_column] = new_code
    if name_column in data.columns:
        row[name_column] = new_name
    if "value" in data.columns:
        row["value"] = _recompute(sums, counts, recompute_value_per)
    row.update({"code_status": "merged", "code_note": note, "_position": min(indices)})
    return row


def _assemble(data: pd.DataFrame, dropped: list[int], new_rows: list[dict]) -> pd.DataFrame:
    kept = data.drop(index=dropped).assign(_position=lambda f: f.index)
    if new_rows:
        added = pd.DataFrame(new_rows, columns=[*data.columns, "_position"])
        kept = pd.concat([kept, added], ignore_index=True)
    result = kept.sort_values("_position", kind="stable").drop(columns="_position").reset_index(drop=True)
    return _restore_dtypes(result, data)


def _restore_dtypes(result: pd.DataFrame, original: pd.DataFrame) -> pd.DataFrame:
    """Give combined rows' columns back the input's dtypes where the values allow it (text stays text, counts
    stay floats); a column that cannot take its old dtype (an int column now holding NaN) is left as it is."""
    for column in original.columns:
        if column in result.columns and result[column].dtype != original[column].dtype:
            try:
                result[column] = result[column].astype(original[column].dtype)
            except (TypeError, ValueError):
                pass
    return result


# --- rolling districts up ----------------------------------------------------------------------------------------

def roll_up(frame: pd.DataFrame, lookup: pd.DataFrame, to: str = "utla",
            count_columns: Sequence[str] = ("numerator", "denominator"), *, code_column: str = "area_code",
            name_column: str = "area_name", key_columns: Sequence[str] | None = None,
            recompute_value_per: float | None = None) -> GeographyResult:
    """Add district (LAD, 2023/2024 codes) counts up to their UTLA (``to="utla"``) or region (``to="region"``).

    One row per parent area and figure (``key_columns``, as in ``map_to_current_codes``), with the input's
    columns plus ``rollup_status`` ("complete" or "incomplete") and ``rollup_note``. A total is given only when
    every district of the parent is present once with all counts; otherwise the counts are left empty and the
    note says which districts or counts are missing. Rows whose code is not a district in the lookup are
    reported as unmatched (with the reason) and logged, never silently dropped. Map old or 2025 codes first with
    ``map_to_current_codes``. Measures (value, CI and other float columns) are emptied, except ``value`` when
    ``recompute_value_per`` is given.
    """
    if to not in ROLL_UP_LEVELS:
        raise ValueError(f"to must be one of {', '.join(ROLL_UP_LEVELS)}, not {to!r}")
    _check_arguments(frame, code_column, count_columns, recompute_value_per)
    counts = [c for c in count_columns if c in frame.columns]
    exclude = {code_column, name_column, *count_columns, "area_type"}
    keys = _key_columns(frame, key_columns, exclude)
    parent_code, parent_name = f"{to}_code", f"{to}_name"
    parent_of = dict(zip(lookup["lad_code"], lookup[parent_code], strict=True))
    parent_names = dict(zip(lookup[parent_code], lookup[parent_name], strict=False))
    lad_names = dict(zip(lookup["lad_code"], lookup["lad_name"], strict=True))
    districts = lookup.groupby(parent_code)["lad_code"].agg(lambda s: sorted(s)).to_dict()

    data = frame.reset_index(drop=True)
    codes = _code_text(data[code_column])
    matched = codes.isin(parent_of.keys())
    lines = [_unmatched_line(code, rows, lookup, data, codes, name_column)
             for code, rows in codes[~matched].value_counts(sort=False).items()]
    if lines:
        logger.warning("roll_up to %s: %d rows with codes that are not districts in the lookup: %s", to,
                       int((~matched).sum()), ", ".join(line["code"] or "(blank)" for line in lines))

    rows = data[matched].assign(_lad=codes[matched], _parent=codes[matched].map(parent_of))
    out_rows = []
    for (parent, *_), group in rows.groupby(["_parent", *keys], dropna=False, sort=False):
        note = _rollup_issue(group, districts[parent], counts, lad_names)
        row = _combined_row(data, group, keys)
        row[code_column] = parent
        if name_column in data.columns:
            row[name_column] = parent_names.get(parent)
        if "area_type" in data.columns:
            row["area_type"] = to
        if note is None:
            sums = {column: float(group[column].sum()) for column in counts}
            row.update(sums)
            if "value" in data.columns:
                row["value"] = _recompute(sums, counts, recompute_value_per)
            row.update({"rollup_status": "complete",
                        "rollup_note": f"sum of {len(group)} districts"})
        else:
            row.update({"rollup_status": "incomplete", "rollup_note": note})
            lines.append({"code": parent, "name": parent_names.get(parent), "action": "incomplete",
                          "new_code": None, "new_name": None, "reason": note, "rows": 1})
        out_rows.append(row)
    columns = [*data.columns, *(c for c in ("rollup_status", "rollup_note") if c not in data.columns)]
    result = _restore_dtypes(pd.DataFrame(out_rows, columns=columns), data)
    report = _report(lines)
    logger.info("roll_up to %s: %d district rows -> %d rows (%d incomplete)", to, int(matched.sum()), len(result),
                int((result["rollup_status"] == "incomplete").sum()))
    return GeographyResult(result, report)


def _rollup_issue(group: pd.DataFrame, expected: list[str], counts: list[str], lad_names: dict) -> str | None:
    present = list(group["_lad"])
    repeated = sorted({code for code in present if present.count(code) > 1})
    if repeated:
        return f"{', '.join(repeated)} appear more than once for the same figure: no total (check key_columns)"
    missing = [code for code in expected if code not in present]
    if missing:
        listed = ", ".join(f"{code} {lad_names[code]}" for code in missing[:_LISTED])
        more = f" and {len(missing) - _LISTED} more" if len(missing) > _LISTED else ""
        return f"no total: {len(missing)} of {len(expected)} districts missing ({listed}{more})"
    if not counts:
        return "no total: the frame has no count columns, and rates or percentages cannot be added"
    lacking = group[group[counts].isna().any(axis=1)]["_lad"].tolist()
    if lacking:
        return f"no total: {', '.join(lacking)} has no counts ({', '.join(counts)})"
    return None


def _unmatched_line(code: str, rows: int, lookup: pd.DataFrame, data: pd.DataFrame, codes: pd.Series,
                    name_column: str) -> dict:
    recoded_2025 = lookup.loc[lookup["lad_code_2025"] != lookup["lad_code"]]
    if not code:
        reason = "the code is blank"
    elif code in set(recoded_2025["lad_code_2025"]):
        old = recoded_2025.loc[recoded_2025["lad_code_2025"] == code, "lad_code"].iloc[0]
        reason = f"{code} is a 2025 code: map it to the 2023 code {old} with map_to_current_codes first"
    elif code in set(lookup["utla_code"]) or code in set(lookup["region_code"]) or code == ENGLAND:
        reason = f"{code} is an upper-tier, region or country code, not a district (LAD) code"
    else:
        reason = f"{code} is not a district (LAD) code in the 2023/2024 lookup (an old code? see map_to_current_codes)"
    name = None
    if name_column in data.columns:
        names = data.loc[codes == code, name_column].dropna()
        name = str(names.iloc[0]) if len(names) else None
    return {"code": code or None, "name": name, "action": "unmatched", "new_code": None, "new_name": None,
            "reason": reason, "rows": int(rows)}
