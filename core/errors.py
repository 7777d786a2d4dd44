"""Errors raised by loaders. Every message names the file, and the row and column where known."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROW_NUMBERING = "Rows are numbered as in a spreadsheet: the header is row 1, the first data row is row 2."


def listed(items: Sequence[str], limit: int, separator: str = ", ", more: str = " and {n} more") -> str:
    """The first ``limit`` items joined by ``separator``, then ``more`` (with {n}, how many are left out)."""
    text = separator.join(items[:limit])
    return text + (more.format(n=len(items) - limit) if len(items) > limit else "")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"


class DataLoadError(ValueError):
    """A data file could not be read into a valid frame. Holds every problem found."""

    def __init__(self, path: Path | str, problems: list[Problem], summary: str | None = None):
        self.path = str(path)
        self.problems = problems
        self.summary = summary or f"{Path(path).name} could not be loaded"
        super().__init__(self.render())

    def render(self, limit: int = 20) -> str:
        lines = [f"{self.summary}."]
        if self.problems:
            lines.append(listed([f"- {problem}" for problem in self.problems], limit, "\n",
                                "\n- ... and {n} more problems"))
        if any(problem.row is not None for problem in self.problems):
            lines.append(ROW_NUMBERING)
        return "\n".join(lines)


class DataFileMissingError(DataLoadError):
    """The file does not exist where the app expects it."""

    def __init__(self, path: Path | str, hint: str = ""):
        message = "file not found" + (f". {hint}" if hint else "")
        super().__init__(path, [Problem(str(path), None, None, message)],
                         summary=f"{Path(path).name} is missing")


class DataFileMalformedError(DataLoadError):
    """The file exists but its content breaks the expected layout or rules."""
