"""What local data is not in the data folder yet, and the exact command that fetches each file: the words the Map
and Area profile show about the missing justice indicators, and the Data status tables. Made from the indicator
register and the catalogue keys whose files are missing (the page looks at the folder; this module reads nothing).
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from dataclasses import dataclass

import pandas as pd

from core.catalogue import BY_KEY, CATALOGUE, FINGERTIPS_AREA_TYPES, IMPORT_ONLY_KEYS, fingertips_key
from core.vocabulary import ID_NOT_FOUND, JUSTICE_DOMAIN

MAKE_DATA = "make data"
IMPORT_COMMAND = "make data-import SRC=<folder>"
# Why a justice indicator has no data on the pages.
IN_FOLDER = "in_folder"  # every file it is read from is in the data folder
NOT_DOWNLOADED = "not_downloaded"  # some of its files are not in the data folder
NO_VERIFIED_ID = "no_verified_id"  # no Fingertips id could be verified, so there is nothing to download
STATUS_WORDS = {
    IN_FOLDER: "In the data folder",
    NOT_DOWNLOADED: "Not downloaded yet",
    NO_VERIFIED_ID: "Not available: its Fingertips indicator id could not be verified, so nothing is downloaded",
}


def download_command(keys: Iterable[str]) -> str:
    """The command that downloads these catalogue files: ``python -m acquire download --only <key> ...``."""
    return "python -m acquire download --only " + " ".join(keys)


def fetch_command(key: str) -> str:
    """How one catalogue file gets into the data folder: its download, or an import for a file no publisher serves."""
    return IMPORT_COMMAND if key in IMPORT_ONLY_KEYS else download_command([key])


@dataclass(frozen=True)
class JusticeGap:
    """One justice indicator of the register and whether its files are in the data folder."""

    indicator_id: str
    name: str  # the register's short name
    status: str  # IN_FOLDER, NOT_DOWNLOADED or NO_VERIFIED_ID
    missing_keys: tuple[str, ...] = ()  # catalogue keys of its files that are not in the data folder

    @property
    def missing_files(self) -> tuple[str, ...]:
        return tuple(BY_KEY[key].path for key in self.missing_keys)


def justice_gaps(register: pd.DataFrame, missing: Set[str]) -> list[JusticeGap]:
    """Every justice indicator of ``register`` (data/indicators.csv) in register order, with the catalogue keys
    of its Fingertips files among ``missing`` (the keys whose files are not in the data folder)."""
    gaps = []
    for row in register[register["domain"] == JUSTICE_DOMAIN].itertuples(index=False):
        if row.id_status == ID_NOT_FOUND:
            gaps.append(JusticeGap(row.indicator_id, row.short_name, NO_VERIFIED_ID))
            continue
        keys = [fingertips_key(row.indicator_id, level) for level in FINGERTIPS_AREA_TYPES.values()]
        absent = tuple(key for key in keys if key in BY_KEY and key in missing)
        gaps.append(JusticeGap(row.indicator_id, row.short_name, NOT_DOWNLOADED if absent else IN_FOLDER, absent))
    return gaps


def _names(gaps: list[JusticeGap]) -> str:
    names = [f"**{gap.name}**" for gap in gaps]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def justice_gap_words(gaps: list[JusticeGap]) -> str | None:
    """The plain words for the Map and Area profile about the justice data that is missing (None when none is):
    which indicators and why, for a reader: the files, ids and commands are on Data status, for the analyst."""
    missing = [gap for gap in gaps if gap.status == NOT_DOWNLOADED]
    unverified = [gap for gap in gaps if gap.status == NO_VERIFIED_ID]
    parts = []
    if missing:
        parts.append(f"Not in the data on this machine yet: {_names(missing)}. Ask your analyst to refresh the "
                     "data (Data status).")
    if unverified:
        parts.append(f"Not available: {_names(unverified)}, which could not yet be matched to a published "
                     "national indicator.")
    return " ".join(parts) or None


def justice_table(gaps: list[JusticeGap]) -> pd.DataFrame:
    """Data status: one row per justice indicator, with its missing files and the command that fetches them."""
    return pd.DataFrame({
        "Indicator": [gap.name for gap in gaps],
        "Fingertips id": [gap.indicator_id if gap.status != NO_VERIFIED_ID else "not verified" for gap in gaps],
        "Status": [STATUS_WORDS[gap.status] for gap in gaps],
        "Files not in the data folder": [", ".join(gap.missing_files) for gap in gaps],
        "Command": [download_command(gap.missing_keys) if gap.missing_keys else "" for gap in gaps],
    })


def missing_files_table(missing: Set[str]) -> pd.DataFrame:
    """Data status: every catalogue file not in the data folder, in catalogue order, with the command that
    fetches it (its download, or the import for a file no publisher serves)."""
    entries = [entry for entry in CATALOGUE if entry.key in missing]
    return pd.DataFrame({
        "File": [entry.path for entry in entries],
        "What it is": [entry.title for entry in entries],
        "Needed by the maps": ["yes" if entry.required else "no (improves what is shown)" for entry in entries],
        "Command": [fetch_command(entry.key) for entry in entries],
    })
