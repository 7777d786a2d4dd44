"""Marking a test group by its folder: every test under tests/e2e is `e2e`, every test under tests/backtest is
`backtest`, whatever its file says, so `pytest -m "not e2e and not backtest"` never starts a browser or needs the
open data's current values."""

from __future__ import annotations

from pathlib import Path

import pytest


def mark_folder(items: list[pytest.Item], folder: Path, mark: pytest.MarkDecorator) -> None:
    """Add ``mark`` to every collected test whose file is under ``folder``."""
    folder = folder.resolve()
    for item in items:
        if folder in item.path.resolve().parents:
            item.add_marker(mark)
