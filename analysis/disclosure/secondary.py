"""Secondary suppression: more cells hidden so that no suppressed count can be worked out from a total and the
other cells of its group (rules 4(a)-(c) in analysis/disclosure/rules.py)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.disclosure.counts import (
    COUNT_COLUMNS,
    DEFAULT_DENOMINATOR,
    checked_threshold,
    count_values,
    resolve_denominator,
    with_denominator,
)
from analysis.disclosure.rules import TotalRule

_TOLERANCE = 1e-9


@dataclass(frozen=True)
class _Group:
    """Positions of the rows of one group: parts add up to total (None: total published elsewhere)."""

    parts: tuple[int, ...]
    total: int | None

    @property
    def cells(self) -> tuple[int, ...]:
        return self.parts if self.total is None else (*self.parts, self.total)


def _groups(frame: pd.DataFrame, totals: Iterable[TotalRule]) -> list[_Group]:
    """Every group of rows that add up, as row positions."""
    groups: list[_Group] = []
    for rule in totals:
        if not isinstance(rule, TotalRule):
            raise TypeError(f"totals must be TotalRule objects, got {type(rule).__name__}")
        absent = [column for column in (rule.column, *rule.by) if column not in frame.columns]
        if absent:
            raise ValueError(f"the frame lacks column(s) {', '.join(absent)} named in {rule}")
        keys = frame[list(rule.by)].reset_index(drop=True) if rule.by else None
        labels = frame[rule.column].to_numpy(dtype=object)
        if keys is None:
            positions = {(): np.arange(len(frame))}
        else:
            positions = keys.groupby(list(rule.by), dropna=False, sort=False).indices
        for key, rows in positions.items():
            totals_here = [int(p) for p in rows if rule.total is not None and labels[p] == rule.total]
            parts = [int(p) for p in rows if not pd.isna(labels[p]) and labels[p] != rule.total
                     and (rule.parts is None or labels[p] in rule.parts)]
            part_labels = [labels[p] for p in parts]
            if len(totals_here) > 1 or len(set(part_labels)) != len(part_labels):
                raise ValueError(
                    f"rows sharing {dict(zip(rule.by, key if isinstance(key, tuple) else (key,), strict=True))} "
                    f"repeat a {rule.column!r} value: add the columns that tell them apart to `by`")
            if (rule.total is not None and not totals_here) or not parts:
                continue  # the sum is not shown in this frame, or nothing adds up to it
            groups.append(_Group(parts=tuple(parts), total=totals_here[0] if totals_here else None))
    return groups


def _unsafe(group: _Group, hidden: np.ndarray, counts: dict[str, np.ndarray], denominator: str | None,
            threshold: int) -> bool:
    """Rule 4(a) or 4(b) broken in this group."""
    hidden_cells = [cell for cell in group.cells if hidden[cell]]
    if len(hidden_cells) == 1:
        return True
    hidden_parts = [cell for cell in group.parts if hidden[cell]]
    total_known = group.total is None or not hidden[group.total]
    if not hidden_parts or not total_known:
        return False
    sums = {column: float(np.nansum(values[hidden_parts])) for column, values in counts.items()}
    if any(0 < total < threshold for total in sums.values()):
        return True
    if denominator is not None:
        return any(0 < sums[denominator] - sums[column] < threshold for column in sums if column != denominator)
    return False


def _determined(groups: list[_Group], hidden: np.ndarray) -> list[int]:
    """Rule 4(c): suppressed rows whose count the group equations pin down exactly."""
    cells = sorted({cell for group in groups for cell in group.cells if hidden[cell]})
    if not cells:
        return []
    column_of = {cell: i for i, cell in enumerate(cells)}
    equations = np.zeros((len(groups), len(cells)))
    for row, group in enumerate(groups):
        for cell in group.parts:
            if hidden[cell]:
                equations[row, column_of[cell]] = 1.0
        if group.total is not None and hidden[group.total]:
            equations[row, column_of[group.total]] = -1.0
    _, singular, right = np.linalg.svd(equations)
    rank = int((singular > _TOLERANCE * max(equations.shape)).sum())
    null_space = right[rank:]
    if not len(null_space):
        return cells
    pinned = np.all(np.abs(null_space) < 1e-8, axis=0)
    return [cells[i] for i in np.flatnonzero(pinned)]


def _next_smallest(groups: Iterable[_Group], hidden: np.ndarray, order: np.ndarray) -> int | None:
    """The cell to suppress next among these groups: shown, with a count; non-zero before zero (a hidden
    zero protects nothing), smallest first, parts before the total, then frame order."""
    best: tuple | None = None
    for group in groups:
        for cell in group.cells:
            if hidden[cell] or np.isnan(order[cell]):
                continue
            key = (order[cell] == 0, order[cell], cell == group.total, cell)
            if best is None or key < best:
                best = key
    return None if best is None else int(best[-1])


def _components(groups: list[_Group]) -> list[list[int]]:
    """Groups linked by a shared row (e.g. a borough's persons row is in its sex group and in London's),
    as lists of group numbers; the audit solves each component on its own."""
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_group_of: dict[int, int] = {}
    for number, group in enumerate(groups):
        for cell in group.cells:
            other = first_group_of.setdefault(cell, number)
            parent[root(number)] = root(other)
    components: dict[int, list[int]] = {}
    for number in range(len(groups)):
        components.setdefault(root(number), []).append(number)
    return list(components.values())


class _Suppressor:
    """The state of one secondary suppression: which cells are hidden, and which groups still need a check."""

    def __init__(self, groups: list[_Group], hidden: np.ndarray, counts: dict[str, np.ndarray],
                 denominator: str | None, threshold: int) -> None:
        self.groups, self.hidden, self.counts = groups, hidden, counts
        self.denominator, self.threshold = denominator, threshold
        self.order = next(iter(counts.values()))
        self.groups_of: dict[int, list[int]] = {}
        for number, group in enumerate(groups):
            for cell in group.cells:
                self.groups_of.setdefault(cell, []).append(number)
        self.to_check = deque(range(len(groups)))
        self.waiting = set(self.to_check)

    def hide(self, cell: int) -> None:
        """Hide ``cell`` and queue every group it is in for another check."""
        self.hidden[cell] = True
        for number in self.groups_of[cell]:
            if number not in self.waiting:
                self.waiting.add(number)
                self.to_check.append(number)

    def check_groups(self) -> None:
        """Rules 4(a) and 4(b), group by group, until every queued group is safe."""
        while self.to_check:
            number = self.to_check.popleft()
            self.waiting.discard(number)
            group = self.groups[number]
            if _unsafe(group, self.hidden, self.counts, self.denominator, self.threshold):
                cell = _next_smallest([group], self.hidden, self.order)
                if cell is not None:
                    self.hide(cell)

    def audit(self, components: list[list[int]]) -> bool:
        """Rule 4(c) on each set of linked groups: one more cell hidden per component that pins a cell down.
        True when a cell was added."""
        added = False
        for component in components:
            linked = [self.groups[number] for number in component]
            for pinned in _determined(linked, self.hidden):
                cell = _next_smallest([group for group in linked if pinned in group.cells], self.hidden, self.order)
                if cell is not None:
                    self.hide(cell)
                    added = True
                    break
        return added


def secondary_suppress(frame: pd.DataFrame, suppressed: pd.Series, *, totals: Sequence[TotalRule], threshold: int,
                       count_columns: Sequence[str] = COUNT_COLUMNS,
                       denominator_column: object = DEFAULT_DENOMINATOR) -> pd.Series:
    """The rows to suppress as well as ``suppressed`` (the primary ones), so that no suppressed count can
    be worked out from a total and the other cells (rules 4(a)-(c) in analysis/disclosure/rules.py).

    Returns a boolean Series on ``frame``'s index, True only for the added rows.
    """
    threshold = checked_threshold(threshold)
    denominator = resolve_denominator(frame, denominator_column)
    columns = with_denominator(count_columns, denominator)
    counts = {column: count_values(frame, column) for column in columns}
    if not suppressed.index.equals(frame.index):
        suppressed = suppressed.reindex(frame.index)
    start = suppressed.fillna(False).astype(bool).to_numpy()
    groups = _groups(frame, totals)
    suppressor = _Suppressor(groups, start.copy(), counts, denominator, threshold)
    components = _components(groups)
    suppressor.check_groups()
    while suppressor.audit(components):
        suppressor.check_groups()
    return pd.Series(suppressor.hidden & ~start, index=frame.index)
