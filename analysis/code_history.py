"""The code-change table seen from one target vintage: where each code leads, and why a code or a group of rows
cannot be brought to that vintage (a ``CodeReason`` with its words)."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from core.codes import GSS_CODE_PATTERN

_MAX_STEPS = 20  # a chain of changes longer than this is a loop in the table


class CodeReason(enum.StrEnum):
    """Why a row's code was changed, or could not be."""

    RECODED = "recoded"  # one to one, forwards or back
    MERGED = "merged"  # counts of the areas a new one is made of, added up
    BLANK = "blank"
    NOT_GSS = "not_gss"  # not an ONS (GSS) code
    NOT_IN_FORCE = "not_in_force"  # neither in force nor in the code-change table
    LEADS_TO_UNKNOWN = "leads_to_unknown"  # the changes lead to a code not in force either
    SPLIT = "split"  # a county split between several unitaries
    COUNTY_DIFFERS = "county_differs"  # a county that became a unitary covering a different area
    CREATED_LATER = "created_later"  # made by a merge after the target vintage: cannot be divided back
    REPEATED = "repeated"  # the same code twice for one figure
    ALREADY_CURRENT = "already_current"  # old and new codes both present for one figure
    OVERLAPPING = "overlapping"  # an intermediate code and the areas it replaced both present
    PART_MISSING = "part_missing"  # an area the new one is made of is missing for the figure
    NO_COUNT_COLUMNS = "no_count_columns"  # rates cannot be added up
    COUNTS_MISSING = "counts_missing"  # a row to be added up has no counts


@dataclass(frozen=True)
class Issue:
    """Why rows cannot be brought to the target code: the code and its words."""

    code: CodeReason
    text: str


@dataclass(frozen=True)
class _Change:
    old_code: str
    old_name: str
    new_code: str
    new_name: str
    kind: str  # one of core.vocabulary.CHANGE_TYPES
    year: int
    parent: str | None


@dataclass(frozen=True)
class Resolution:
    """Where one code goes: ``kind`` is unchanged, recoded, merge, flagged or unknown."""

    kind: str
    target: str
    reason: str | None = None
    code: CodeReason | None = None
    path: tuple[str, ...] = field(default_factory=tuple)


class History:
    """The code-change table seen from one target vintage. ``advice=False`` leaves out of the reasons what an
    analyst could do (pass key_columns; the rows are kept under the old code)."""

    def __init__(self, changes: pd.DataFrame, target: int, known_codes: Iterable[str] | None, advice: bool = True):
        self.target = target
        self.advice = advice
        self.known = None if known_codes is None else frozenset(known_codes)
        self.forward: dict[str, list[_Change]] = {}
        self.undone_by_new: dict[str, list[_Change]] = {}
        self.merge_predecessors: dict[str, list[str]] = {}
        self.children: dict[str, list[_Change]] = {}
        self.names: dict[str, str] = {}
        for change in _changes(changes):
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
        while len(self.forward.get(path[-1], [])) == 1 and len(path) < _MAX_STEPS:
            path.append(self.forward[path[-1]][0].new_code)
        return path

    def resolve(self, code: str) -> Resolution:
        """Where ``code`` goes at the target vintage, or why it cannot go anywhere."""
        if not code:
            return Resolution("unknown", code, "the code is blank", CodeReason.BLANK, (code,))
        if not GSS_CODE_PATTERN.match(code):
            return Resolution("unknown", code, f"'{code}' is not an ONS (GSS) code", CodeReason.NOT_GSS, (code,))
        forwards = self._forwards(code)
        if isinstance(forwards, Issue):
            return Resolution("flagged", code, forwards.text, forwards.code, (code,))
        path, steps, merged = forwards
        back = self._backwards(code, path, steps)
        if back is not None:
            return Resolution("flagged", code, back.text, back.code, (code,))
        current = path[-1]
        if self.known is not None and current not in self.known:
            if len(path) == 1:
                issue = Issue(CodeReason.NOT_IN_FORCE,
                              f"{code} is not a {self.target} code and is not in the code-change table")
            else:
                issue = Issue(CodeReason.LEADS_TO_UNKNOWN,
                              f"{code} leads to {current}, which is not a {self.target} code either")
            return Resolution("unknown", code, issue.text, issue.code, (code,))
        if len(path) == 1:
            return Resolution("unchanged", code, None, None, (code,))
        kind, reason = ("merge", CodeReason.MERGED) if merged else ("recoded", CodeReason.RECODED)
        return Resolution(kind, current, "; then ".join(steps), reason, tuple(path))

    def _forwards(self, code: str) -> tuple[list[str], list[str], bool] | Issue:
        """The codes passed through going forwards, the steps in words and whether a merge is among them."""
        current, path, steps, merged = code, [code], [], False
        while current in self.forward and len(path) < _MAX_STEPS:
            successors = self.forward[current]
            if len(successors) > 1 or successors[0].kind == "county split":
                return self._split(current, successors)
            change = successors[0]
            if change.kind == "county to unitary":
                lost = self._districts_elsewhere(change)
                if lost:
                    return self._county_differs(change, lost)
            merged |= change.kind == "merge"
            steps.append(f"{change.kind} in {change.year}: {self.label(current)} -> {self.label(change.new_code)}")
            current = change.new_code
            path.append(current)
        return path, steps, merged

    def _backwards(self, code: str, path: list[str], steps: list[str]) -> Issue | None:
        """Undo the one-to-one recodes made after the target vintage (extending ``path`` and ``steps``)."""
        current = path[-1]
        while current in self.undone_by_new:
            later = self.undone_by_new[current]
            if len(later) != 1 or later[0].kind != "recode":
                years = "/".join(map(str, sorted({change.year for change in later})))
                return Issue(CodeReason.CREATED_LATER, (
                    f"{self.label(current)} was created in {years}, after the {self.target} codes asked for: its "
                    "figures cannot be divided back into the areas it replaced"))
            change = later[0]
            steps.append(f"the {change.year} recode {self.label(current)} is mapped back to the {self.target} code "
                         f"{change.old_code}")
            current = change.old_code
            path.append(current)
        return None

    def _split(self, code: str, successors: list[_Change]) -> Issue:
        names = " and ".join(self.label(change.new_code) for change in successors)
        kept = ", so they are kept under the old code" if self.advice else ""
        return Issue(CodeReason.SPLIT, f"{self.label(code)} was split into {names} in {successors[0].year}: figures "
                                       f"for the whole county cannot be divided between them without district "
                                       f"figures{kept}")

    def _districts_elsewhere(self, change: _Change) -> list[_Change]:
        return [child for child in self.children.get(change.old_code, [])
                if change.new_code not in self.follow(child.old_code)]

    def _county_differs(self, change: _Change, lost: list[_Change]) -> Issue:
        elsewhere = ", ".join(f"{self.label(child.old_code)} went to {self.label(self.follow(child.old_code)[-1])}"
                              for child in lost)
        kept = ", so county figures are kept under the old code" if self.advice else ""
        return Issue(CodeReason.COUNTY_DIFFERS, f"{self.label(change.old_code)} became {self.label(change.new_code)} "
                                                f"in {change.year}, but {elsewhere}: the areas differ{kept}")

    def covered(self, code: str, present: set[str]) -> bool:
        """Whether ``code`` is in ``present``, or every area it was made of is (recursively)."""
        if code in present:
            return True
        parts = self.merge_predecessors.get(code, [])
        return bool(parts) and all(self.covered(part, present) for part in parts)

    def merge_issue(self, new_code: str, codes: list[str], kinds: list[str], paths: list[tuple[str, ...]],
                    count_values: pd.DataFrame, counts: list[str], all_codes: set[str]) -> Issue | None:
        """Why rows that lead to ``new_code`` for the same figure cannot be added up, or None when they can."""
        present = set(codes)
        label = self.label(new_code)
        if len(present) < len(codes):
            repeated = ", ".join(sorted({c for c in codes if codes.count(c) > 1}))
            return Issue(CodeReason.REPEATED, f"{repeated} appear more than once for the same figure: not combined "
                                              "(check key_columns)")
        if len(codes) > 1 and any(k != "merge" for k in kinds):
            return Issue(CodeReason.ALREADY_CURRENT, f"{', '.join(codes)} all lead to {label} for the same figure, "
                         "and some already hold the current code: not combined, to avoid counting the same area twice")
        overlapping = sorted({step for path in paths for step in path[1:-1] if step in present})
        if overlapping:
            return Issue(CodeReason.OVERLAPPING, f"{', '.join(overlapping)} and the areas it replaced are both "
                         f"present for the same figure: not combined into {label}, to avoid counting the same area "
                         "twice")
        missing = self._parts_missing(new_code, present, all_codes)
        if missing is not None:
            return missing
        if not counts:
            return Issue(CodeReason.NO_COUNT_COLUMNS, f"cannot be added up into {label}: the frame has no count "
                                                      "columns, and rates or percentages cannot be added")
        lacking = count_values.isna().any(axis=1)
        if lacking.any():
            without = ", ".join(codes[i] for i, flag in enumerate(lacking) if flag)
            return Issue(CodeReason.COUNTS_MISSING, f"cannot be added up into {label}: {without} has no counts "
                                                    f"({', '.join(counts)}), and rates or percentages cannot be added")
        return None

    def _parts_missing(self, new_code: str, present: set[str], all_codes: set[str]) -> Issue | None:
        parts = self.merge_predecessors.get(new_code, [])
        missing = [part for part in parts if not self.covered(part, present)]
        if not missing:
            return None
        hint = ""
        if self.advice and any(self.covered(part, all_codes) for part in missing):
            hint = (" (it is in the frame, on rows that differ in another column: pass key_columns to say which "
                    "columns identify a figure)")
        not_combined = ": not combined" if self.advice else ""
        return Issue(CodeReason.PART_MISSING, f"{self.label(new_code)} is made of "
                     f"{', '.join(self.label(p) for p in parts)}; {', '.join(self.label(p) for p in missing)} is "
                     f"missing for this figure{hint}, so a sum would be too small{not_combined}")


def _changes(changes: pd.DataFrame) -> list[_Change]:
    return [_Change(r.old_code, r.old_name, r.new_code, r.new_name, r.change_type, int(str(r.new_start_date)[:4]),
                    None if pd.isna(r.old_parent_code) else r.old_parent_code)
            for r in changes.itertuples(index=False)]
