"""Back-tests assert values of the real data (the bundled data/*.csv and ../shared/data, e.g. "11.6x", 153 upper-tier
areas): a data refresh fails this group, clearly named, and not the unit tests. Run them with `make test-backtest`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.markers import mark_folder


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/backtest as `backtest`."""
    mark_folder(items, Path(__file__).parent, pytest.mark.backtest)
