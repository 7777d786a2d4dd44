"""The value passed from the local-indicator readers to the step that lays indicators on areas: one indicator's
canonical rows from one file, the file's name and the levels whose areas it covers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, eq=False)
class LocalFeed:
    """Canonical rows (with the file's detail columns) of one indicator from one file."""

    rows: pd.DataFrame
    file: str  # the file's name, shown as the source of every value laid from it
    levels: tuple[str, ...]  # the levels of its area rows: ("lad",) or ("utla",)
