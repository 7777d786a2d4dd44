"""The Fingertips API's CSV of all published data for one indicator and area type, fetched only after Fingertips'
own metadata confirms that the indicator still has the name data/indicators.csv records, and checked to be for
what was asked (the loader checks the rest)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from acquire.download.specs import DownloadRun
from acquire.errors import DownloadError
from core.paths import REGISTER_FILE
from loaders.fingertips import AREA_TYPE_IDS, canonical_area_type

ENGLAND_AREA_TYPE = 15  # the parent area type: England
# The metadata of a list of indicators, as JSON: {"<id>": {"IID": <id>, "Descriptive": {"Name": ...}, ...}}
# (legacy Fingertips IndicatorMetadataController and IndicatorMetadata; fingertips_py reads metadata[str(id)]).
METADATA_PATH = "/api/indicator_metadata/by_indicator_id"


def same_name(first: str, second: str) -> bool:
    """Names are the same when they differ only in case or spacing."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def expected_name(register: pd.DataFrame, indicator_id: str) -> str:
    """The name the register records for ``indicator_id``; raises DownloadError when there is no row for it."""
    rows = register[register["indicator_id"] == indicator_id]
    if rows.empty:
        raise DownloadError(f"indicator {indicator_id} is not in {REGISTER_FILE}: add a row for it (name, "
                            "definition, polarity, where each was verified) before downloading it")
    return str(rows["indicator"].iloc[0])


def published_name(document: dict, indicator_id: str, url: str) -> str:
    """The indicator's name in a metadata answer (its Descriptive Name); raises DownloadError without one."""
    entry = document.get(str(indicator_id))
    if not isinstance(entry, dict):
        raise DownloadError(f"{url}: Fingertips' metadata has no entry for indicator {indicator_id} (the id may be "
                            "withdrawn or mistyped)")
    descriptive = entry.get("Descriptive")
    name = descriptive.get("Name") if isinstance(descriptive, dict) else None
    if not isinstance(name, str) or not name.strip():
        raise DownloadError(f"{url}: the metadata of indicator {indicator_id} has no Descriptive Name")
    return name


@dataclass(frozen=True)
class FingertipsCsv:
    """All published data for one indicator from the Fingertips API (``all_data/csv/by_indicator_id``), for one
    child area type, England as parent (area type 15)."""

    indicator_id: str
    child_area_type_id: int
    evidence: str
    path: str = "/api/all_data/csv/by_indicator_id"
    metadata_path: str = METADATA_PATH

    def params(self) -> dict:
        return {"indicator_ids": self.indicator_id, "child_area_type_id": self.child_area_type_id,
                "parent_area_type_id": ENGLAND_AREA_TYPE}

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        metadata_url = self.check_name(run)
        url = run.fetcher.url("fingertips", self.path, self.params())
        run.fetcher.get("fingertips", self.path, self.params(), label="CSV", target=target)
        self.check_content(target, url)
        return [url, metadata_url]

    def check_name(self, run: DownloadRun) -> str:
        """Ask Fingertips what the indicator is called now and refuse the file when that is not the register's
        name (an id reused or renamed). Returns the URL asked."""
        params = {"indicator_ids": self.indicator_id}
        url = run.fetcher.url("fingertips", self.metadata_path, params)
        expected = expected_name(run.indicator_register(), self.indicator_id)
        document = run.fetcher.get_json("fingertips", self.metadata_path, params, label="indicator metadata")
        found = published_name(document, self.indicator_id, url)
        if not same_name(found, expected):
            raise DownloadError(
                f"indicator {self.indicator_id} is now called '{found}' by Fingertips, but {REGISTER_FILE} records "
                f"'{expected}'. Check its definition on Fingertips, then update that register row (name, "
                f"definition, verified_from) or remove the indicator; nothing was downloaded for it ({url})")
        return url

    def check_content(self, path: Path, url: str) -> None:
        """The answer is for the indicator and area type asked for (the loader checks the rest)."""
        try:
            table = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=["Indicator ID", "Area Type"],
                                encoding="utf-8-sig")
        except (ValueError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise DownloadError(f"{url}: not the Fingertips CSV asked for ({error})") from error
        level = AREA_TYPE_IDS[self.child_area_type_id]
        if table.empty:
            raise DownloadError(f"{url}: no rows: Fingertips publishes no data for indicator {self.indicator_id} "
                                f"at area type {self.child_area_type_id} ({level})")
        others = sorted(set(table["Indicator ID"].str.strip()) - {self.indicator_id})
        if others:
            raise DownloadError(f"{url}: holds indicator(s) {', '.join(others)}, not {self.indicator_id}")
        levels = {canonical_area_type(label, self.child_area_type_id) for label in set(table["Area Type"])}
        if level not in levels:
            raise DownloadError(f"{url}: no rows for area type {self.child_area_type_id} ({level}); area types "
                                f"found: {', '.join(sorted(set(table['Area Type'])))}")
