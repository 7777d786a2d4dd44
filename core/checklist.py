"""The action checklist's progress vocabulary: the statuses, who may own an item by default, one item's progress
(``ItemProgress``) and the id lists the checklist files hold ("001;004")."""

from __future__ import annotations

import enum
from dataclasses import dataclass

import pandas as pd


class Status(enum.StrEnum):
    """An item's status; the value is the word on screen and in the progress file."""

    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    DONE = "Done"
    NOT_APPLICABLE = "Not applicable"


STATUSES = tuple(status.value for status in Status)  # in this order on screen and in counts
NOT_STARTED = Status.NOT_STARTED.value
NOT_ASSIGNED = "Not assigned"
# The Director of Public Health's own team owns much of the checklist; it is not a forum, so it is added here.
PUBLIC_HEALTH_TEAM = "Public health team (local authority)"
MAX_NOTE = 1000  # characters


@dataclass(frozen=True)
class ItemProgress:
    """What is recorded for one item: its status, the partner that owns it and a note."""

    status: str = NOT_STARTED
    owner: str = NOT_ASSIGNED
    note: str = ""


def split_ids(text: object) -> list[str]:
    """'001; 004' -> ['001', '004']; a blank (None, NaN, '') -> []."""
    if text is None or pd.isna(text):
        return []
    return [part.strip() for part in str(text).split(";") if part.strip()]
