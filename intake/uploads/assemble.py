"""From rows that passed the row rules to usable rows: duplicates dropped (an exact repeat once, figures that
disagree not at all), and old codes brought to April 2023 codes (analysis.geography_codes), where a row that
cannot be placed becomes a problem worded for the partner."""

from __future__ import annotations

import dataclasses

import pandas as pd

from analysis.geography_codes import map_to_current_codes
from intake.uploads.areas import AreaMatcher
from intake.uploads.result import CandidateRow, UploadProblem

_SAME = "the same partner, area, cohort, indicator, sex and period"


def _where(row: CandidateRow, other: CandidateRow) -> str:
    """'row 5', or 'sheet 'B' row 5' / 'file.csv row 5' when ``other`` is elsewhere."""
    if row.file != other.file:
        sheet = f" sheet '{row.sheet}'" if row.sheet is not None else ""
        return f"{row.file}{sheet} row {row.row}"
    if row.sheet != other.sheet:
        return f"sheet '{row.sheet}' row {row.row}"
    return f"row {row.row}"


def drop_duplicates(rows: list[CandidateRow], problems: list[UploadProblem]) -> list[CandidateRow]:
    """First of identical repeats kept; figures that disagree are all dropped. Each drop is a problem."""
    groups: dict[tuple, list[CandidateRow]] = {}
    for row in rows:
        groups.setdefault(row.figure_and_area(), []).append(row)
    dropped: set[int] = set()
    for members in groups.values():
        if len(members) == 1:
            continue
        first = members[0]
        if all(member.figures() == first.figures() for member in members):
            for member in members[1:]:
                dropped.add(id(member))
                problems.append(UploadProblem(member.file, member.sheet, member.row, None, None,
                                              f"repeats {_where(first, member)} ({_SAME}): only "
                                              f"{_where(first, member)} is used"))
            continue
        for member in members:
            dropped.add(id(member))
            others = ", ".join(_where(other, member) for other in members if other is not member)
            problems.append(UploadProblem(member.file, member.sheet, member.row, None, None,
                                          f"has {_SAME} as {others} but different figures: none of these rows is "
                                          "used"))
    return [row for row in rows if id(row) not in dropped]


def _as_given(row: CandidateRow) -> CandidateRow:
    """A row on the code it was given (or read from a name or former code), with a note on how it was read."""
    return dataclasses.replace(row, input_rows=1, code_note=None if row.via_name else row.place_note)


def place(rows: list[CandidateRow], matcher: AreaMatcher, problems: list[UploadProblem]) -> list[CandidateRow]:
    """Old codes to April 2023 codes (map_to_current_codes); rows that cannot be placed become problems.

    Only the figures that involve an old code go through map_to_current_codes (it works group by group, a few
    milliseconds each); a figure given only with current codes is already placed.
    """
    figure_ids: dict[tuple, str] = {}
    figure = [figure_ids.setdefault(row.figure(), str(len(figure_ids))) for row in rows]
    touched = {key for key, row in zip(figure, rows, strict=True) if row.area_code not in matcher.current}
    todo = [index for index in range(len(rows)) if figure[index] in touched]
    placed = [_as_given(row) for index, row in enumerate(rows) if figure[index] not in touched]
    if not todo:
        return placed
    frame = pd.DataFrame({
        "_id": [str(i) for i in todo], "_figure": [figure[i] for i in todo],
        "area_code": [rows[i].area_code for i in todo],
        "numerator": [rows[i].numerator for i in todo], "denominator": [rows[i].denominator for i in todo],
    }).astype({"numerator": "float64", "denominator": "float64"})
    mapped, report = map_to_current_codes(frame, matcher.changes, key_columns=["_figure"],
                                          known_codes=matcher.current | matcher.changed, advice=False)
    merged_to = {line.code: line.new_code for line in report.itertuples(index=False) if line.action == "merged"}
    kept_ids = set(mapped["_id"].dropna())
    waiting: dict[tuple[str, str], list[CandidateRow]] = {}
    for index in todo:
        if str(index) not in kept_ids and rows[index].area_code in merged_to:
            waiting.setdefault((figure[index], merged_to[rows[index].area_code]), []).append(rows[index])
    for record in mapped.to_dict("records"):
        if record["code_status"] == "merged":
            placed.append(_merged(waiting[(record["_figure"], record["area_code"])], record))
            continue
        row = rows[int(record["_id"])]
        if record["code_status"] in ("flagged", "unknown"):
            problems.append(UploadProblem(row.file, row.sheet, row.row, row.area_column, row.area_given,
                                          f"area {matcher.label(row.area_code)} cannot be placed: "
                                          f"{record['code_note']}"))
        elif record["code_status"] == "recoded":
            placed.append(dataclasses.replace(row, area_code=record["area_code"], input_rows=1,
                                              code_note=str(record["code_note"])))
        else:
            placed.append(_as_given(row))
    return placed


def _merged(members: list[CandidateRow], record: dict) -> CandidateRow:
    """The row that stands for the ``members`` added up: the first member's cells, the summed counts."""
    first = members[0]
    rows_text = ", ".join(str(member.row) for member in members)
    same_sheet = len({member.sheet for member in members}) == 1
    return dataclasses.replace(first, area_code=record["area_code"], numerator=record["numerator"],
                               denominator=record["denominator"], value=None, ci_low=None, ci_high=None,
                               sheet=first.sheet if same_sheet else None, input_rows=len(members),
                               code_note=f"{record['code_note']} (rows {rows_text})")


def named(rows: list[CandidateRow], matcher: AreaMatcher) -> list[CandidateRow]:
    """The rows with the lookup's name and the area type of their code."""
    return [dataclasses.replace(row, area_name=matcher.names[row.area_code], area_type=matcher.area_type[row.area_code])
            for row in rows]
