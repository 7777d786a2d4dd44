"""Finding and reading every local indicator file in the open-data folder, best source first per indicator:

* Fingertips API downloads (``indicators/fingertips_api_<id>_at501|502.csv``): values with 95% and 99.8% limits
  for districts (501) or counties and UAs (502), plus England and regions.
* Else the Fingertips district extract (area type 101, no limits, Fingertips' own comparison).
* MHCLG files (IMD 2025 district summaries; homelessness Oct-Dec 2023): district values.

analysis.local_indicators lays what is read here on the areas of each level.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from core import catalogue
from core.errors import DataFileMissingError
from core.local_feed import LocalFeed
from loaders import fingertips, indicators


def _fingertips_feeds(data_dir: Path, register: pd.DataFrame, indicator_id: str) -> list[LocalFeed]:
    """The API files of one Fingertips indicator (one per area type), else its district extract, else none."""
    feeds = []
    for area_type_id, level in catalogue.FINGERTIPS_AREA_TYPES.items():
        path = data_dir / catalogue.fingertips_api_path(indicator_id, area_type_id)
        if path.is_file():
            data = fingertips.read_fingertips_csv(path, register, child_area_type_id=area_type_id).joined()
            feeds.append(LocalFeed(data[data["indicator_id"] == indicator_id], path.name, (level,)))
    if feeds:
        return feeds
    extract = next(iter(sorted((data_dir / "indicators").glob(f"fingertips_{indicator_id}_*_ltla.csv"))), None)
    if extract is None:
        return []
    return [LocalFeed(fingertips.read_fingertips_extract(extract, register).joined(), extract.name, ("lad",))]


def _mhclg_feeds(data_dir: Path, register: pd.DataFrame) -> dict[str, list[LocalFeed]]:
    """The IMD 2025 district summaries and the homelessness tables, where present."""
    feeds: dict[str, list[LocalFeed]] = {}
    imd = catalogue.locate(data_dir, "imd2025")
    if imd.is_file():
        feeds["imd2025_score"] = [LocalFeed(indicators.read_imd_lad_summaries(imd, register), imd.name, ("lad",))]
    homelessness = catalogue.locate(data_dir, "homelessness")
    if homelessness.is_file():
        rows = indicators.read_homelessness(homelessness, register)
        for indicator_id, part in rows.groupby("indicator_id", sort=False):
            feeds.setdefault(indicator_id, []).append(
                LocalFeed(part.reset_index(drop=True), homelessness.name, ("lad",)))
    return feeds


def read_local_feeds(data_dir: Path, register: pd.DataFrame) -> dict[str, list[LocalFeed]]:
    """Every local indicator file present, read and validated, per indicator id.

    Raises DataFileMissingError when there is none, and the loaders' DataLoadError for a malformed file.
    """
    data_dir = Path(data_dir)
    feeds: dict[str, list[LocalFeed]] = {}
    for indicator_id in catalogue.FINGERTIPS_INDICATORS:
        found = _fingertips_feeds(data_dir, register, indicator_id)
        if found:
            feeds[indicator_id] = found
    for indicator_id, found in _mhclg_feeds(data_dir, register).items():
        feeds.setdefault(indicator_id, []).extend(found)
    if not feeds:
        raise DataFileMissingError(data_dir / "indicators",
                                   hint="No local indicator file was found: run `make data` or "
                                        "`make data-import SRC=<folder>`.")
    return feeds
