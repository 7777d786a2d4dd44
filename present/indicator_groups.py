"""The local indicators in the order and with the labels a picker offers them: the general-population needs first,
then the "Justice" group, each justice indicator's label starting with its group's name."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from core.labels import DOMAIN_LABELS
from core.vocabulary import JUSTICE_DOMAIN

GROUP_ORDER = (None, JUSTICE_DOMAIN)  # None: every domain that is not a named group, in register order


def _group(domain: str) -> str | None:
    return domain if domain in GROUP_ORDER else None


def indicator_options(register: pd.DataFrame, available: Iterable[str]) -> list[str]:
    """The ids of ``register`` rows in ``available``, grouped (GROUP_ORDER), register order within a group."""
    wanted = set(available)
    rows = register[register["indicator_id"].isin(wanted)]
    rank = {group: position for position, group in enumerate(GROUP_ORDER)}
    order = sorted(range(len(rows)), key=lambda i: (rank[_group(rows["domain"].iloc[i])], i))
    return [rows["indicator_id"].iloc[i] for i in order]


def indicator_label(row: pd.Series) -> str:
    """A register row's label in a picker: its short name, after its group's name when it is in a group
    ("Justice: Suicide rate")."""
    group = _group(row["domain"])
    return f"{DOMAIN_LABELS[group]}: {row['short_name']}" if group else str(row["short_name"])
