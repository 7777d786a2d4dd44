"""Adding district (LAD) counts up to upper-tier authorities or regions (``roll_up``), with the LAD -> UTLA ->
region lookup (``loaders.lookups.read_lad_lookup``). A total is given only when every district is there."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

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
from core.codes import ENGLAND
from core.errors import listed
from core.geography import ROLL_UP_LEVELS

logger = logging.getLogger(__name__)

_LISTED = 10  # districts named in a note before "and N more"


@dataclass(frozen=True)
class _Parents:
    """The lookup seen from one level: each district's parent, the parents' names and districts."""

    parent_of: dict[str, str]
    names: dict[str, str]
    districts: dict[str, list[str]]
    lad_names: dict[str, str]

    @classmethod
    def of(cls, lookup: pd.DataFrame, to: str) -> _Parents:
        code, name = f"{to}_code", f"{to}_name"
        return cls(dict(zip(lookup["lad_code"], lookup[code], strict=True)),
                   dict(zip(lookup[code], lookup[name], strict=False)),
                   lookup.groupby(code)["lad_code"].agg(lambda s: sorted(s)).to_dict(),
                   dict(zip(lookup["lad_code"], lookup["lad_name"], strict=True)))


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
    check_arguments(frame, code_column, count_columns, recompute_value_per)
    counts = [c for c in count_columns if c in frame.columns]
    keys = figure_key_columns(frame, key_columns, {code_column, name_column, *count_columns, "area_type"})
    parents = _Parents.of(lookup, to)
    data = frame.reset_index(drop=True)
    codes = code_text(data[code_column])
    matched = codes.isin(parents.parent_of.keys())
    lines = [_unmatched_line(code, rows, lookup, data, codes, name_column)
             for code, rows in codes[~matched].value_counts(sort=False).items()]
    if lines:
        logger.warning("roll_up to %s: %d rows with codes that are not districts in the lookup: %s", to,
                       int((~matched).sum()), ", ".join(line.code or "(blank)" for line in lines))
    rows = data[matched].assign(_lad=codes[matched], _parent=codes[matched].map(parents.parent_of))
    out_rows = []
    for (parent, *_), group in rows.groupby(["_parent", *keys], dropna=False, sort=False):
        row, line = _parent_row(data, group, parent, parents, keys, counts, to, code_column, name_column,
                                recompute_value_per)
        out_rows.append(row)
        if line is not None:
            lines.append(line)
    columns = [*data.columns, *(c for c in ("rollup_status", "rollup_note") if c not in data.columns)]
    result = restore_dtypes(pd.DataFrame(out_rows, columns=columns), data)
    logger.info("roll_up to %s: %d district rows -> %d rows (%d incomplete)", to, int(matched.sum()), len(result),
                int((result["rollup_status"] == "incomplete").sum()))
    return GeographyResult(result, build_report(lines))


def _parent_row(data: pd.DataFrame, group: pd.DataFrame, parent: str, parents: _Parents, keys: list[str],
                counts: list[str], to: str, code_column: str, name_column: str,
                per: float | None) -> tuple[dict, ReportLine | None]:
    """The row of one parent area and figure, and a report line when its total is incomplete."""
    note = _rollup_issue(group, parents.districts[parent], counts, parents.lad_names)
    row = combined_row(data, group, keys)
    row[code_column] = parent
    if name_column in data.columns:
        row[name_column] = parents.names.get(parent)
    if "area_type" in data.columns:
        row["area_type"] = to
    if note is not None:
        row.update({"rollup_status": "incomplete", "rollup_note": note})
        return row, ReportLine(parent, parents.names.get(parent), "incomplete", None, None, note)
    sums = {column: float(group[column].sum()) for column in counts}
    row.update(sums)
    if "value" in data.columns:
        row["value"] = recompute(sums, counts, per)
    row.update({"rollup_status": "complete", "rollup_note": f"sum of {len(group)} districts"})
    return row, None


def _rollup_issue(group: pd.DataFrame, expected: list[str], counts: list[str], lad_names: dict) -> str | None:
    present = list(group["_lad"])
    repeated = sorted({code for code in present if present.count(code) > 1})
    if repeated:
        return f"{', '.join(repeated)} appear more than once for the same figure: no total (check key_columns)"
    missing = [code for code in expected if code not in present]
    if missing:
        shown = listed([f"{code} {lad_names[code]}" for code in missing], _LISTED)
        return f"no total: {len(missing)} of {len(expected)} districts missing ({shown})"
    if not counts:
        return "no total: the frame has no count columns, and rates or percentages cannot be added"
    lacking = group[group[counts].isna().any(axis=1)]["_lad"].tolist()
    if lacking:
        return f"no total: {', '.join(lacking)} has no counts ({', '.join(counts)})"
    return None


def _unmatched_line(code: str, rows: int, lookup: pd.DataFrame, data: pd.DataFrame, codes: pd.Series,
                    name_column: str) -> ReportLine:
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
    return ReportLine(code or None, name, "unmatched", None, None, reason, int(rows))
