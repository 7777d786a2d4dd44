"""A user's progress on the action checklist, for the page and the board pack: each item's recorded progress, the
progress table, its CSV download, counts per status, the one-line summary and who may own an item.

Progress lives in the browser session only, as item id -> ``core.checklist.ItemProgress``; an item with nothing
recorded is not started, not assigned, without a note.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from core.checklist import NOT_ASSIGNED, PUBLIC_HEALTH_TEAM, STATUSES, ItemProgress, Status, split_ids
from core.safe_csv import to_csv_bytes

Progress = Mapping[str, ItemProgress]

PROGRESS_COLUMNS = ["Item", "Section", "Action", "Status", "Owner (partner)", "Note", "Sources"]
PROGRESS_FILE_COLUMNS = ["item_id", *PROGRESS_COLUMNS[1:]]  # the download: "Item" named as the upload needs it
_SUMMARY_ORDER = (Status.DONE, Status.IN_PROGRESS, Status.NOT_APPLICABLE, Status.NOT_STARTED)


def owner_choices(forums: pd.DataFrame) -> list[str]:
    """Who may own an item: nobody yet, the public health team, or one of the partner forums."""
    return [NOT_ASSIGNED, PUBLIC_HEALTH_TEAM, *forums["forum"]]


def item_progress(progress: Progress | None, item_id: str) -> ItemProgress:
    """An item's recorded progress, or the defaults when nothing is recorded."""
    return (progress or {}).get(item_id) or ItemProgress()


def source_labels(ids: object, sources: pd.DataFrame | None = None) -> str:
    """'[000]; [003]', or with ``sources`` each id's short label: 'Revolving Doors Agency (2013 report) [000]'."""
    labels = {} if sources is None else dict(zip(sources["source_id"], sources["short_label"], strict=True))
    return "; ".join(f"{labels[i]} [{i}]" if i in labels else f"[{i}]" for i in split_ids(ids))


def progress_table(items: pd.DataFrame, progress: Progress, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per item, in checklist order, with its status, owner and note (defaults where none is recorded):
    exactly the columns PROGRESS_COLUMNS. Give ``sources`` to show source labels beside the ids."""
    ordered = items.sort_values(["section_order", "item_order"])
    rows = []
    for item in ordered.itertuples(index=False):
        entry = item_progress(progress, item.item_id)
        rows.append((item.item_id, item.section, item.action, entry.status, entry.owner, entry.note,
                     source_labels(item.sources, sources)))
    return pd.DataFrame(rows, columns=PROGRESS_COLUMNS)


def progress_csv_bytes(items: pd.DataFrame, progress: Progress) -> bytes:
    """The progress table as a CSV to keep and upload again: its first column is ``item_id``. Cells a spreadsheet
    would run as a formula are neutralised (core.safe_csv.to_csv_bytes)."""
    table = progress_table(items, progress)
    table.columns = PROGRESS_FILE_COLUMNS
    return to_csv_bytes(table)


def status_counts(items: pd.DataFrame, progress: Progress) -> dict[str, int]:
    """Items per status, every status listed (in STATUSES order)."""
    statuses = [item_progress(progress, item_id).status for item_id in items["item_id"]]
    return {status: statuses.count(status) for status in STATUSES}


def summary_text(items: pd.DataFrame, progress: Progress) -> str:
    """'42 actions: 3 done, 2 in progress, 1 not applicable, 36 not started.'"""
    counts = status_counts(items, progress)
    return f"{len(items)} actions: " + ", ".join(f"{counts[s]} {s.lower()}" for s in _SUMMARY_ORDER) + "."
