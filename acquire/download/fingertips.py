"""The Fingertips API's CSV of all published data for one indicator and area type, and a check that the answer
is for what was asked (the loader checks the rest)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from acquire.download.specs import DownloadRun
from acquire.errors import DownloadError
from loaders.fingertips import AREA_TYPE_IDS, canonical_area_type

ENGLAND_AREA_TYPE = 15  # the parent area type: England


@dataclass(frozen=True)
class FingertipsCsv:
    """All published data for one indicator from the Fingertips API (``all_data/csv/by_indicator_id``), for one
    child area type, England as parent (area type 15)."""

    indicator_id: str
    child_area_type_id: int
    evidence: str
    path: str = "/api/all_data/csv/by_indicator_id"

    def params(self) -> dict:
        return {"indicator_ids": self.indicator_id, "child_area_type_id": self.child_area_type_id,
                "parent_area_type_id": ENGLAND_AREA_TYPE}

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        url = run.fetcher.url("fingertips", self.path, self.params())
        run.fetcher.get("fingertips", self.path, self.params(), label="CSV", target=target)
        self.check_content(target, url)
        return [url]

    def check_content(self, path: Path, url: str) -> None:
        """The answer is for the indicator and area type asked for (the loader checks the rest)."""
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["Indicator ID", "Area Type"],
                                encoding="utf-8-sig")
        except (ValueError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise DownloadError(f"{url}: not the Fingertips CSV asked for ({error})") from error
        others = sorted(set(table["Indicator ID"].str.strip()) - {self.indicator_id})
        if others or table.empty:
            raise DownloadError(f"{url}: holds indicator(s) {', '.join(others) or 'none'}, not {self.indicator_id}")
        level = AREA_TYPE_IDS[self.child_area_type_id]
        levels = {canonical_area_type(label, self.child_area_type_id) for label in set(table["Area Type"])}
        if level not in levels:
            raise DownloadError(f"{url}: no rows for area type {self.child_area_type_id} ({level}); area types "
                                f"found: {', '.join(sorted(set(table['Area Type'])))}")
