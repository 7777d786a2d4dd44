"""Bringing old local authority codes to one vintage (``map_to_current_codes``), with the code-change table
2019-2025 (``loaders.lookups.read_code_changes``).

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
* Nothing is dropped. The report lists every code recoded, merged, flagged or unknown, for the screen. Each row
  also gets a ``code_reason`` (a ``CodeReason``), so callers can act on why without reading the words.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

import pandas as pd

from analysis.code_history import CodeReason, History, Resolution
from analysis.geography_rows import (
    GeographyResult,
    ReportLine,
    build_report,
    check_arguments,
    code_text,
    combined_row,
    figure_key_columns,
    recompute,
    restore_dtypes,
)
from core.geography import DEFAULT_VINTAGE, FIRST_VINTAGE, LAST_VINTAGE

__all__ = ["CodeReason", "GeographyResult", "map_to_current_codes"]

logger = logging.getLogger(__name__)


def map_to_current_codes(frame: pd.DataFrame, changes: pd.DataFrame, code_column: str = "area_code",
                         count_columns: Sequence[str] = ("numerator", "denominator"), *,
                         target_vintage: int = DEFAULT_VINTAGE, known_codes: Iterable[str] | None = None,
                         name_column: str = "area_name", key_columns: Sequence[str] | None = None,
                         recompute_value_per: float | None = None, advice: bool = True) -> GeographyResult:
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
    as count_columns[0] / count_columns[1] * per; otherwise a merged row's value is empty. ``advice=False``
    leaves out what an analyst could do about a flagged row (pass key_columns; kept under the old code): the
    words for someone whose row is simply not used.

    Returns (frame, report). The frame has the input's columns (index renumbered) plus ``code_status``
    (unchanged, recoded, merged, flagged, unknown), ``code_note`` (why) and ``code_reason`` (why, as a
    CodeReason; None when unchanged). Nothing is dropped.
    """
    check_arguments(frame, code_column, count_columns, recompute_value_per)
    if not FIRST_VINTAGE <= target_vintage <= LAST_VINTAGE:
        raise ValueError(f"target_vintage must be a year from {FIRST_VINTAGE} to {LAST_VINTAGE}, "
                         f"not {target_vintage}")
    counts = [c for c in count_columns if c in frame.columns]
    keys = figure_key_columns(frame, key_columns, {code_column, name_column, *count_columns})
    mapping = _Mapping(frame, History(changes, target_vintage, known_codes, advice), code_column, name_column)
    mapping.mark_unplaced()
    simple, groups = mapping.figures(keys)
    mapping.recode(simple)
    merged_rows, dropped = mapping.merge(groups, keys, counts, recompute_value_per)
    result = _assemble(mapping.data, dropped, merged_rows)
    report = build_report(mapping.lines)
    if len(report):
        logger.warning("map_to_current_codes (to %s codes): %s", target_vintage,
                       report.groupby("action")["code"].nunique().to_dict())
    return GeographyResult(result, report)


class _Mapping:
    """One frame being brought to one vintage: its rows, each code's resolution, and the report lines so far."""

    def __init__(self, frame: pd.DataFrame, history: History, code_column: str, name_column: str):
        self.history = history
        self.code_column, self.name_column = code_column, name_column
        self.data = frame.reset_index(drop=True).copy()
        self.data["code_status"] = "unchanged"
        self.data["code_note"] = None
        self.data["code_reason"] = None
        self.codes = code_text(self.data[code_column])
        self.resolved: dict[str, Resolution] = {code: history.resolve(code) for code in self.codes.unique()}
        self.kind = self.codes.map(lambda code: self.resolved[code].kind)
        self.target = self.codes.map(lambda code: self.resolved[code].target)
        self.has_name = name_column in self.data.columns
        self.lines: list[ReportLine] = []

    def resolution(self, index: int) -> Resolution:
        return self.resolved[self.codes[index]]

    def mark(self, index: int, status: str, note: str | None, reason: CodeReason | None) -> None:
        self.data.at[index, "code_status"] = status
        self.data.at[index, "code_note"] = note
        self.data.at[index, "code_reason"] = reason

    def line(self, index: int, action: str, new_code: str | None, reason: str) -> None:
        code, names = self.codes[index], self.history.names
        given = self.data.at[index, self.name_column] if self.has_name else None
        name = given if given is not None and pd.notna(given) else None
        self.lines.append(ReportLine(code or None, name or names.get(code), action, new_code,
                                     names.get(new_code) if new_code else None, reason))

    def mark_unplaced(self) -> None:
        """Rows whose code is flagged or unknown on its own (a split county, a malformed code, ...)."""
        for index in self.data.index[self.kind.isin(["flagged", "unknown"])]:
            resolution = self.resolution(index)
            self.mark(index, self.kind[index], resolution.reason, resolution.code)
            self.line(index, self.kind[index], None, resolution.reason)

    def figures(self, keys: list[str]) -> tuple[pd.Index, pd.Series]:
        """Rows alone on their target code for their figure (unchanged or recoded), and the group id of the
        others (several rows leading to one code for the same figure, or a merge)."""
        candidates = self.data.index[self.kind.isin(["unchanged", "recoded", "merge"])]
        group_frame = self.data.loc[candidates, keys].assign(_target=self.target[candidates])
        group_id = group_frame.groupby(["_target", *keys], dropna=False, sort=False).ngroup()
        sizes = group_id.map(group_id.value_counts())
        alone = (sizes == 1).to_numpy() & self.kind[candidates].isin(["unchanged", "recoded"]).to_numpy()
        simple = candidates[alone]
        return simple, group_id[~group_id.index.isin(simple)]

    def recode(self, simple: pd.Index) -> None:
        """A row alone on its target code takes that code (and its name)."""
        for index in simple[self.kind[simple] == "recoded"]:
            reason, new_code = self.resolution(index).reason, self.target[index]
            self.data.at[index, self.code_column] = new_code
            if self.has_name and new_code in self.history.names:
                self.data.at[index, self.name_column] = self.history.names[new_code]
            self.mark(index, "recoded", reason, CodeReason.RECODED)
            self.line(index, "recoded", new_code, reason)

    def merge(self, groups: pd.Series, keys: list[str], counts: list[str],
              per: float | None) -> tuple[list[dict], list[int]]:
        """Add up each group whose counts can be added (the new rows, and the rows they replace); flag the rest."""
        merged_rows: list[dict] = []
        dropped: list[int] = []
        all_codes = set(self.codes)
        for _, members in groups.groupby(groups, sort=False):
            indices = list(members.index)
            new_code = self.target[indices[0]]
            issue = self.history.merge_issue(new_code, [self.codes[i] for i in indices],
                                             [self.kind[i] for i in indices],
                                             [self.resolution(i).path for i in indices],
                                             self.data.loc[indices, counts], counts, all_codes)
            if issue:
                for index in indices:
                    self.mark(index, "flagged", issue.text, issue.code)
                    self.line(index, "flagged", new_code, issue.text)
                continue
            members_text = ", ".join(self.history.label(self.codes[i]) for i in indices)
            note = f"counts of {members_text} added up to give {self.history.label(new_code)}"
            merged_rows.append(self._merged_row(indices, keys, counts, new_code, note, per))
            dropped += indices
            for index in indices:
                self.line(index, "merged", new_code, f"{self.resolution(index).reason}; {note}")
        return merged_rows, dropped

    def _merged_row(self, indices: list[int], keys: list[str], counts: list[str], new_code: str, note: str,
                    per: float | None) -> dict:
        data = self.data
        row = combined_row(data, data.loc[indices], keys)
        sums = {column: float(data.loc[indices, column].sum()) for column in counts}
        row.update(sums)
        row[self.code_column] = new_code
        if self.has_name:
            row[self.name_column] = self.history.names.get(new_code)
        if "value" in data.columns:
            row["value"] = recompute(sums, counts, per)
        row.update({"code_status": "merged", "code_note": note, "code_reason": CodeReason.MERGED,
                    "_position": min(indices)})
        return row


def _assemble(data: pd.DataFrame, dropped: list[int], new_rows: list[dict]) -> pd.DataFrame:
    kept = data.drop(index=dropped).assign(_position=lambda f: f.index)
    if new_rows:
        added = pd.DataFrame(new_rows, columns=[*data.columns, "_position"])
        kept = pd.concat([kept, added], ignore_index=True)
    result = kept.sort_values("_position", kind="stable").drop(columns="_position").reset_index(drop=True)
    return restore_dtypes(result, data)
