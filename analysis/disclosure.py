"""Statistical disclosure control for counts of people: primary and secondary cell suppression (issue 6).

Run every frame that holds counts of people through ``suppress`` before anything is drawn, put in a
tooltip or map, or downloaded. What comes back has each suppressed figure as NaN, so no chart, map or
table can show it, plus ``suppressed`` (bool) and ``suppression_reason`` columns. ``SuppressedFrame.display``
(or ``to_display``) writes "suppressed (<5)" in those cells for tables and CSVs, never 0 and never a blank,
and ``safe_csv_bytes`` checks the table once more before it leaves the app. The threshold comes from
settings.py (the one config place: ``JHE_DISCLOSURE_THRESHOLD``, default 5); the words come from there too.

Rules, with the threshold t (default 5):

1. **Primary, small count.** A count from 1 to t - 1 is suppressed. Zero is shown. Sources: NHS England's
   method for HES and ECDS sub-national outputs replaces counts from 1 to 7 (not 0) with "*", and the
   method it replaced (also used for the NCMP until 2020) did the same for 1 to 5 (digital.nhs.uk, "Disclosure
   control methodology for HES and ECDS"; "Changes to the NCMP 2019-20 ... disclosure control methodology").
   The ONS guidance on health statistics, as summarised for public-health teams by Cambridgeshire PH
   Intelligence ("Maintaining confidentiality in disseminated data", 2013), calls counts of 1 and 2 unsafe,
   and 3 and 4 too for small areas or sensitive data. Contact with the criminal justice system is sensitive,
   so 1 to 4 is the floor and the default. Research environments (UK LLC, ONS SRS) count 0 as a low count
   as well, with a threshold of 10. That stricter rule is not the issue's ("counts from 1"), but a DPH can
   raise t.
2. **Primary, small complement.** Where a denominator is given, a row is also suppressed when denominator
   minus count is from 1 to t - 1. "98 of 100" tells the reader that 2 people do not have the need, so it
   discloses as much as "2 of 100". The same rule hides "0 of 3" (all 3 lack it). Zero complements ("100
   of 100") are shown, as zero counts are. Sources: the ONS guidance's group attribute disclosure, where all
   or nearly all of a group share an attribute (Cambridgeshire PHI summary). NHS Education for Scotland's
   SDC policy also flags "rows and columns dominated by zeroes or 100% rates". NHS Digital's earlier SRHAD
   rules added manual suppression where "values of 1 or 2" could be identified from published percentages.
3. **Whole row.** A suppressed row loses every count column (the denominator included) and every derived
   column (value, CIs, comparison, ratio, rank, class...) at once. So no rate can be multiplied back by
   its denominator, and no comparison or colour hints at the hidden value. Derived columns are listed:
   ``DERIVED_COLUMNS`` by default, or passed in. Any other numeric column stops ``suppress`` with an error
   until it is declared a count, derived or ``kept`` (not worked out from this row's counts). A new
   figure cannot slip through undeclared. The UK LLC guidebook puts it this way: low counts include
   percentages of fewer than 10 people, "even if the actual counts are not presented".
4. **Secondary.** ``TotalRule`` declares rows that add up: male + female = persons, or the areas in a
   region = the region (in the frame, or published elsewhere). Within each such group:
   (a) a suppressed cell must never be the only suppressed cell. If it is, it is the total minus the
       others. The next-smallest cell of the group is then suppressed too, non-zero first, parts before the
       total, then in frame order, so that "male 3, female 20, persons 23" hides female as well;
   (b) the suppressed parts may not add up to 1 to t - 1 either (nor their complements), because the total
       minus the shown parts gives that sum. "1 and 2 hidden, total shown" discloses 3 people in two
       areas, so one more cell is hidden;
   (c) after (a) and (b) hold everywhere, a linear audit checks the groups together (a table linked by sex
       and by area). A suppressed cell is exactly recoverable when its unit vector lies in the row space of
       the group equations over the suppressed cells; each such cell gets one more suppression in a group
       it belongs to. Both loops repeat until nothing changes.
   Sources: the primary/secondary definitions of CBS ("A general formulation of the secondary cell suppression
   problem") and sdcTable (``primarySuppression`` then ``protectTable``). The UK LLC SDC guidebook says two
   or more categories must be masked, row-wise and column-wise, and that it must be impossible to deduce any
   low value. NHS Digital's pre-2018 HES/ECDS and NCMP rules used secondary suppression after the primary
   "*". The MoJ's mojSuppression applies row-and-column suppression to justice tables. The row-space audit
   follows Statistics Norway's GaussSuppression ("Gaussian elimination secondary suppression"). Limits: the
   choice of cells is a heuristic, not sdcTable's optimal one. Bounds-based (interval) attacks are covered
   only by rule (b). A row whose count is missing (NaN) is treated as known to the reader, which is the
   cautious choice, and is never picked to hide.

5. **One look for every hidden cell.** Primary and secondary cells both read "suppressed (<5)", the
   footnote (settings.footnote) says larger figures are hidden too, and ``suppression_reason`` is never
   displayed or exported (``display`` refuses it and ``safe_csv_bytes`` raises on it). If the reader could
   tell them apart, "male suppressed (<5), female suppressed (secondary), persons 23" would show which cell
   is the small one.

Not done here: NHS England's rounding of other counts to the nearest 5 (not asked for by issue 6). National
(England) figures need no control under the NHS England method; keep them out of the frame or
out of a ``TotalRule`` if they must not be suppressed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

import settings

SUPPRESSED = "suppressed"
REASON = "suppression_reason"
FLAG_COLUMNS = (SUPPRESSED, REASON)

COUNT_COLUMNS = ("numerator",)
DENOMINATOR = "denominator"
# Every column of the canonical frame and of the comparison outputs (analysis.benchmark, analysis.profile,
# analysis.comparison, charts' class labels) that is worked out from a row's own counts.
DERIVED_COLUMNS = (
    "value", "ci_low", "ci_high", "ci_low_99_8", "ci_high_99_8",
    "comparison", "comparison_label", "comparison_colour", "comparison_ci_low", "comparison_ci_high",
    "comparison_ci_method", "ratio", "ratio_ci_low", "ratio_ci_high", "ratio_text", "rank", "class_label",
)

PRIMARY_COUNT = "primary: count below {threshold}"
PRIMARY_COMPLEMENT = "primary: denominator minus count below {threshold}"
SECONDARY = "secondary: protects a suppressed cell in the same group"

_DEFAULT = object()  # denominator_column not given: use "denominator" when the frame has it
_TOLERANCE = 1e-9


class DisclosureError(RuntimeError):
    """A figure that disclosure control should have removed is still in a table about to leave the app."""


@dataclass(frozen=True)
class TotalRule:
    """Rows that add up to a total, for secondary suppression.

    Within each set of rows sharing the values of ``by``, the rows whose ``column`` is one of ``parts``
    (default: every value but ``total``) add up to the row whose ``column`` equals ``total``.
    ``total=None`` means the sum is published elsewhere (e.g. a region's figure on another page) and
    cannot be suppressed here. A group without its total row is not linked: there is nothing to subtract
    from. ``by`` must name every column that tells the groups apart (indicator, period, cohort...). Two
    rows with the same ``column`` value in one group raise ValueError.

    ``TotalRule("sex", "persons", by=("area_code", "indicator_id", "period"))``: male + female = persons.
    ``TotalRule("area_code", "E12000007", by=("indicator_id", "sex", "period"))``: London's boroughs.
    """

    column: str
    total: str | None
    by: Sequence[str] = ()
    parts: Sequence[str] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "by", tuple([self.by] if isinstance(self.by, str) else self.by))
        if self.parts is not None:
            parts = tuple([self.parts] if isinstance(self.parts, str) else self.parts)
            if self.total is not None and self.total in parts:
                raise ValueError(f"the total {self.total!r} cannot also be one of its parts")
            object.__setattr__(self, "parts", parts)
        if self.column in self.by:
            raise ValueError(f"{self.column!r} is the column that varies within a group: leave it out of `by`")


@dataclass(frozen=True)
class _Group:
    """Positions of the rows of one group: parts add up to total (None: total published elsewhere)."""

    parts: tuple[int, ...]
    total: int | None

    @property
    def cells(self) -> tuple[int, ...]:
        return self.parts if self.total is None else (*self.parts, self.total)


@dataclass(frozen=True)
class SuppressedFrame:
    """The result of ``suppress``: ``frame`` with suppressed figures as NaN and the two flag columns."""

    frame: pd.DataFrame
    threshold: int
    count_columns: tuple[str, ...]
    derived_columns: tuple[str, ...]
    denominator_column: str | None = None

    @property
    def blanked_columns(self) -> tuple[str, ...]:
        """Every column emptied in a suppressed row: the counts, then the derived figures."""
        return (*self.count_columns, *self.derived_columns)

    @property
    def any_suppressed(self) -> bool:
        return bool(self.frame[SUPPRESSED].any())

    def footnote(self) -> str:
        return settings.footnote(self.threshold)

    def display(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The frame (or just ``columns``, in that order) with "suppressed (<5)" in every blanked cell, for
        tables, tooltips and downloads. Whole-number counts read as whole numbers (23, not 23.0).

        ``suppression_reason`` is left out and cannot be asked for: primary and secondary cells read the
        same, so that a reader cannot tell which hidden cell is the small one.
        """
        if columns is None:
            columns = [column for column in self.frame.columns if column != REASON]
        elif REASON in columns:
            raise ValueError(f"{REASON!r} is not for display: it tells which suppressed cell is the small one")
        table = self.frame[list(columns)]
        shown = [column for column in self.blanked_columns if column in table.columns]
        flagged = table if SUPPRESSED in table else table.assign(**{SUPPRESSED: self.frame[SUPPRESSED]})
        result = to_display(flagged, shown, self.threshold)
        for column in self.count_columns:
            if column in result.columns:
                result[column] = result[column].map(_whole_number)
        return result if SUPPRESSED in table else result.drop(columns=SUPPRESSED)

    def csv_bytes(self, columns: Sequence[str] | None = None) -> bytes:
        """``display(columns)`` as CSV bytes, through the final guard of ``safe_csv_bytes``."""
        table = self.display(columns)
        counts = tuple(column for column in self.count_columns if column in table.columns)
        derived = tuple(column for column in self.derived_columns if column in table.columns)
        denominator = self.denominator_column if self.denominator_column in table.columns else None
        flagged = table if SUPPRESSED in table else table.assign(**{SUPPRESSED: self.frame[SUPPRESSED]})
        check_no_disclosure(flagged, counts, self.threshold, derived_columns=derived,
                            denominator_column=denominator)
        return safe_csv_bytes(table, counts, self.threshold, derived_columns=derived,
                              denominator_column=denominator)


def _whole_number(cell: object) -> object:
    """23.0 -> 23 for display; anything else unchanged."""
    if isinstance(cell, (float, np.floating)) and np.isfinite(cell) and float(cell).is_integer():
        return int(cell)
    return cell


def _threshold(threshold: int | None) -> int:
    if threshold is None:
        return settings.DISCLOSURE_THRESHOLD
    if isinstance(threshold, bool) or not isinstance(threshold, (int, np.integer)) or threshold < 1:
        raise ValueError(f"the disclosure threshold must be a whole number of 1 or more, got {threshold!r}")
    return int(threshold)


def _numbers(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A count column as floats (NaN where missing); text, or a negative count, raises ValueError."""
    if column not in frame.columns:
        raise ValueError(f"the frame has no count column {column!r}")
    raw = frame[column]
    numbers = pd.to_numeric(raw, errors="coerce")
    bad = numbers.isna() & raw.notna()
    if bad.any():
        raise ValueError(f"count column {column!r} holds text, e.g. {raw[bad].iloc[0]!r}: counts must be numbers")
    values = numbers.to_numpy(dtype=float)
    if (values < 0).any():
        raise ValueError(f"count column {column!r} holds a negative count ({values[values < 0][0]:g})")
    return values


def _small(values: np.ndarray, threshold: int) -> np.ndarray:
    """True for 0 < value < threshold (NaN is False): the counts from 1 to threshold - 1."""
    with np.errstate(invalid="ignore"):
        return (values > 0) & (values < threshold)


def _resolve_denominator(frame: pd.DataFrame, denominator_column: object) -> str | None:
    if denominator_column is _DEFAULT:
        return DENOMINATOR if DENOMINATOR in frame.columns else None
    if denominator_column is None:
        return None
    if denominator_column not in frame.columns:
        raise ValueError(f"the frame has no denominator column {denominator_column!r}")
    return str(denominator_column)


def _count_columns(count_columns: Sequence[str], denominator: str | None) -> tuple[str, ...]:
    columns = tuple([count_columns] if isinstance(count_columns, str) else count_columns)
    if not columns:
        raise ValueError("name at least one count column")
    return columns + ((denominator,) if denominator and denominator not in columns else ())


def primary_suppress(frame: pd.DataFrame, *, count_columns: Sequence[str] = COUNT_COLUMNS,
                     denominator_column: object = _DEFAULT, threshold: int | None = None) -> pd.Series:
    """Why each row is suppressed by the primary rules ("primary: count below 5", "primary: denominator
    minus count below 5"), or "" where it is not. A small count takes precedence over a small complement.

    Every count column and the denominator (by default "denominator" when the frame has it) are checked
    for 1 to threshold - 1. The complement rule compares each count column with the denominator.
    """
    threshold = _threshold(threshold)
    denominator = _resolve_denominator(frame, denominator_column)
    columns = _count_columns(count_columns, denominator)
    small = np.zeros(len(frame), dtype=bool)
    for column in columns:
        small |= _small(_numbers(frame, column), threshold)
    complement = np.zeros(len(frame), dtype=bool)
    if denominator is not None:
        whole = _numbers(frame, denominator)
        for column in columns:
            if column != denominator:
                complement |= _small(whole - _numbers(frame, column), threshold)
    reasons = np.where(small, PRIMARY_COUNT.format(threshold=threshold),
                       np.where(complement, PRIMARY_COMPLEMENT.format(threshold=threshold), ""))
    return pd.Series(reasons, index=frame.index, dtype=object)


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


def secondary_suppress(frame: pd.DataFrame, suppressed: pd.Series, *, totals: Sequence[TotalRule],
                       count_columns: Sequence[str] = COUNT_COLUMNS, denominator_column: object = _DEFAULT,
                       threshold: int | None = None) -> pd.Series:
    """The rows to suppress as well as ``suppressed`` (the primary ones), so that no suppressed count can
    be worked out from a total and the other cells (rules 4(a)-(c) in the module docstring).

    Returns a boolean Series on ``frame``'s index, True only for the added rows.
    """
    threshold = _threshold(threshold)
    denominator = _resolve_denominator(frame, denominator_column)
    columns = _count_columns(count_columns, denominator)
    counts = {column: _numbers(frame, column) for column in columns}
    order = counts[columns[0]]
    if not suppressed.index.equals(frame.index):
        suppressed = suppressed.reindex(frame.index)
    start = suppressed.fillna(False).astype(bool).to_numpy()
    hidden = start.copy()
    groups = _groups(frame, totals)
    groups_of: dict[int, list[int]] = {}
    for number, group in enumerate(groups):
        for cell in group.cells:
            groups_of.setdefault(cell, []).append(number)
    to_check = deque(range(len(groups)))
    waiting = set(to_check)

    def hide(cell: int) -> None:
        hidden[cell] = True
        for number in groups_of[cell]:
            if number not in waiting:
                waiting.add(number)
                to_check.append(number)

    components = _components(groups)
    while True:
        while to_check:  # rules 4(a) and 4(b), group by group
            number = to_check.popleft()
            waiting.discard(number)
            if _unsafe(groups[number], hidden, counts, denominator, threshold):
                cell = _next_smallest([groups[number]], hidden, order)
                if cell is not None:
                    hide(cell)
        added = False
        for component in components:  # rule 4(c), on each set of linked groups
            linked = [groups[number] for number in component]
            for pinned in _determined(linked, hidden):
                cell = _next_smallest([group for group in linked if pinned in group.cells], hidden, order)
                if cell is not None:
                    hide(cell)
                    added = True
                    break
        if not added:
            break
    return pd.Series(hidden & ~start, index=frame.index)


def suppress(frame: pd.DataFrame, *, count_columns: Sequence[str] = COUNT_COLUMNS,
             denominator_column: object = _DEFAULT, derived_columns: Sequence[str] | None = None,
             kept_columns: Sequence[str] = (), totals: Sequence[TotalRule] = (),
             threshold: int | None = None) -> SuppressedFrame:
    """Primary then secondary suppression; every count and derived figure of a suppressed row becomes NaN.

    - ``count_columns``: counts of people, checked for 1 to threshold - 1 (default: "numerator").
    - ``denominator_column``: default "denominator" when the frame has it, None to leave it out. It is
      checked and blanked like a count and is the base of the complement rule.
    - ``derived_columns``: columns worked out from the row's counts, blanked with them. Default: those of
      ``DERIVED_COLUMNS`` the frame has. A name given here that the frame lacks raises ValueError.
    - ``kept_columns``: numeric columns not worked out from this row's counts (e.g. a data year). Any other
      numeric column raises ValueError, so a new figure is never left undeclared.
    - ``totals``: the ``TotalRule``s of this table, for secondary suppression.
    - ``threshold``: default settings.DISCLOSURE_THRESHOLD.

    Returns a ``SuppressedFrame``. Its ``frame`` is a copy with ``suppressed`` and ``suppression_reason``
    added ("" for rows shown).
    """
    threshold = _threshold(threshold)
    if any(column in frame.columns for column in FLAG_COLUMNS):
        raise ValueError("this frame has already been through suppress(): pass the original frame")
    denominator = _resolve_denominator(frame, denominator_column)
    counts = _count_columns(count_columns, denominator)
    if derived_columns is None:
        derived = tuple(column for column in DERIVED_COLUMNS if column in frame.columns and column not in counts)
    else:
        derived = tuple([derived_columns] if isinstance(derived_columns, str) else derived_columns)
        absent = [column for column in derived if column not in frame.columns]
        if absent:
            raise ValueError(f"the frame has no derived column(s) {', '.join(absent)}")
    declared = {*counts, *derived, *kept_columns}
    undeclared = [column for column in frame.columns if column not in declared
                  and pd.api.types.is_numeric_dtype(frame[column]) and not pd.api.types.is_bool_dtype(frame[column])]
    if undeclared:
        raise ValueError(
            f"numeric column(s) {', '.join(map(str, undeclared))} are not declared: pass each as a count "
            "(count_columns), a figure worked out from the counts (derived_columns, blanked with them) or a "
            "figure that is not (kept_columns), so nothing derived from a suppressed count is shown")

    reasons = primary_suppress(frame, count_columns=count_columns, denominator_column=denominator,
                               threshold=threshold)
    primary = reasons.ne("")
    secondary = secondary_suppress(frame, primary, totals=totals, count_columns=count_columns,
                                   denominator_column=denominator, threshold=threshold)
    reasons = reasons.mask(secondary, SECONDARY)
    hidden = primary | secondary

    result = frame.copy()
    for column in (*counts, *derived):
        result[column] = result[column].mask(hidden)
    result[SUPPRESSED] = hidden.to_numpy(dtype=bool)
    result[REASON] = reasons.to_numpy(dtype=object)
    return SuppressedFrame(frame=result, threshold=threshold, count_columns=counts, derived_columns=derived,
                           denominator_column=denominator)


def to_display(frame: pd.DataFrame, columns: Sequence[str], threshold: int | None = None) -> pd.DataFrame:
    """A copy in which ``columns`` read "suppressed (<5)" in every suppressed row (for tables, tooltips
    and CSV files; never 0, never blank). Other rows are untouched: a missing value there is missing data,
    not suppression. ``frame`` must carry the ``suppressed`` column that ``suppress`` adds."""
    if SUPPRESSED not in frame.columns:
        raise ValueError("the frame has no 'suppressed' column: run analysis.disclosure.suppress first")
    absent = [column for column in columns if column not in frame.columns]
    if absent:
        raise ValueError(f"the frame has no column(s) {', '.join(absent)}")
    text = settings.suppressed_text(_threshold(threshold))
    hidden = frame[SUPPRESSED].fillna(False).astype(bool)
    shown = frame.copy()
    for column in columns:
        shown[column] = shown[column].astype(object).where(~hidden, text)
    return shown


def check_no_disclosure(table: pd.DataFrame, count_columns: Sequence[str], threshold: int | None = None, *,
                        derived_columns: Sequence[str] = (), denominator_column: str | None = None) -> None:
    """Raise DisclosureError if ``table`` still shows a count from 1 to threshold - 1, or a count within
    that of ``denominator_column``, or (where it has the ``suppressed`` flag) any number in a count or
    derived column of a suppressed row: there, only "suppressed (<5)" or an empty cell may remain. A
    ``suppression_reason`` column also raises: it would tell primary from secondary cells."""
    threshold = _threshold(threshold)
    if REASON in table.columns:
        raise DisclosureError(f"{REASON!r} would be exported: it tells which suppressed cell is the small one")
    named = [*count_columns, *derived_columns, *([denominator_column] if denominator_column else [])]
    absent = [column for column in named if column not in table.columns]
    if absent:
        raise ValueError(f"the table has no column(s) {', '.join(absent)}: name the columns as exported")
    numbers = {column: pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float) for column in set(named)}
    for column in (*count_columns, *([denominator_column] if denominator_column else [])):
        leaked = _small(numbers[column], threshold)
        if leaked.any():
            raise DisclosureError(f"column {column!r} would export a count below {threshold} "
                                  f"({numbers[column][leaked][0]:g}, row {int(np.flatnonzero(leaked)[0])})")
        if denominator_column and column != denominator_column:
            close = _small(numbers[denominator_column] - numbers[column], threshold)
            if close.any():
                raise DisclosureError(f"column {column!r} would export a count within {threshold - 1} of its "
                                      f"denominator (row {int(np.flatnonzero(close)[0])})")
    if SUPPRESSED in table.columns:
        hidden = table[SUPPRESSED].fillna(False).astype(bool).to_numpy()
        text = settings.suppressed_text(threshold)
        for column in (*count_columns, *derived_columns):
            cells = table[column].to_numpy(dtype=object)
            leaked = hidden & ~(pd.isna(cells) | (cells == text))
            if leaked.any():
                raise DisclosureError(f"column {column!r} would export {cells[leaked][0]!r} in a suppressed row "
                                      f"(row {int(np.flatnonzero(leaked)[0])}) instead of {text!r}")


def safe_csv_bytes(table: pd.DataFrame, count_columns: Sequence[str], threshold: int | None = None, *,
                   derived_columns: Sequence[str] = (), denominator_column: str | None = None) -> bytes:
    """The CSV download of ``table`` (charts.tables.to_csv_bytes: UTF-8 with BOM, formulas neutralised),
    after ``check_no_disclosure``: the last guard before a file leaves the app. ``count_columns`` are
    named as they appear in ``table``; a column that is missing raises ValueError, so a renamed count
    cannot dodge the check."""
    check_no_disclosure(table, count_columns, threshold, derived_columns=derived_columns,
                        denominator_column=denominator_column)
    from core.safe_csv import to_csv_bytes

    return to_csv_bytes(table)
