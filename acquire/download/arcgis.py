"""ONS Open Geography Portal (ArcGIS feature services): paged queries, boundary layers, and the district lookup
built from three lookup tables."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from acquire.convert.lad_lookup import build_lad_lookup
from acquire.download.hosts import ons_query_path
from acquire.download.http import Fetcher
from acquire.download.specs import DownloadRun
from acquire.errors import DownloadError

MAX_PAGES = 200
PAGING = ("resultOffset", "resultRecordCount")  # left out of the query URL recorded as a file's source


def arcgis_pages(fetcher: Fetcher, path: str, params: Callable[[int], dict], *, geojson: bool) -> list[dict]:
    """Every feature of an ArcGIS FeatureServer query, page by page (``resultOffset``), joined in order.

    Follows ``exceededTransferLimit`` (top level, or in ``properties`` as GeoJSON answers put it), taking the next
    page from the number of features actually received.
    """
    member = "properties" if geojson else "attributes"
    features: list[dict] = []
    for page in range(1, MAX_PAGES + 1):
        label, url = f"page {page}", fetcher.url("arcgis", path, params(len(features)))
        document = fetcher.get_json("arcgis", path, params(len(features)), label=label)
        received = document.get("features")
        if not isinstance(received, list) or (geojson and document.get("type") != "FeatureCollection"):
            kind = "a GeoJSON FeatureCollection" if geojson else "an ArcGIS feature set"
            raise DownloadError(f"{url}: {label} is not {kind}")
        bad = [number for number, feature in enumerate(received, start=1)
               if not isinstance(feature, dict) or not isinstance(feature.get(member), dict)]
        if bad:
            raise DownloadError(f"{url}: {label}, feature(s) {', '.join(map(str, bad[:5]))} have no {member}")
        features += received
        properties = document.get("properties") if isinstance(document.get("properties"), dict) else {}
        if not (document.get("exceededTransferLimit") or properties.get("exceededTransferLimit")):
            return features
        if not received:
            raise DownloadError(f"{url}: {label} says there are more features but holds none")
    raise DownloadError(f"{path}: more than {MAX_PAGES} pages: stopped")


def _query_url(fetcher: Fetcher, path: str, params: Callable[[int], dict]) -> str:
    return fetcher.url("arcgis", path, {k: v for k, v in params(0).items() if k not in PAGING})


@dataclass(frozen=True)
class ArcGisLayer:
    """An ONS boundary layer, England only, fetched as GeoJSON in pages and joined. ``expected_features`` guards
    against a partial answer."""

    service: str
    code_field: str
    name_field: str
    expected_features: int | None
    evidence: str
    page_size: int = 100

    @property
    def path(self) -> str:
        return ons_query_path(self.service)

    def params(self, offset: int) -> dict:
        return {"where": f"{self.code_field} LIKE 'E%'", "outFields": f"{self.code_field},{self.name_field}",
                "outSR": "4326", "f": "geojson", "orderByFields": self.code_field, "resultOffset": offset,
                "resultRecordCount": self.page_size}

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        features = arcgis_pages(run.fetcher, self.path, self.params, geojson=True)
        if self.expected_features is not None and len(features) != self.expected_features:
            raise DownloadError(f"{self.service}: received {len(features)} features, expected "
                                f"{self.expected_features} (a partial answer?)")
        query = _query_url(run.fetcher, self.path, self.params)
        document = {"type": "FeatureCollection", "name": self.service, "features": features,
                    "metadata": {"source": query, "vintage": self.service.replace("_", " ")}}
        target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return [query]


@dataclass(frozen=True)
class LadLookup:
    """lookups/lookup_lad24_utla23_rgn23_england.csv, built from three ONS lookup tables (attributes, no geometry;
    how: acquire/convert/lad_lookup.py).

    The December 2024 lookups carry the same English district and UTLA codes as LAD May 2024 and CTYUA Dec 2023:
    no English code changed between April 2023 and the 2025 Barnsley/Sheffield recode (see the code-change
    history, lookups/la_code_changes_england_2019_2025.csv). The counts are checked (296, 153, 9).
    """

    evidence: str
    expected: tuple[int, int, int] | None = (296, 153, 9)  # districts, UTLAs, regions
    ctyua_service: str = "LAD24_CTYUA24_EW_LU"
    region_service: str = "LAD24_RGN24_EN_LU"
    lad2025_service: str = "LAD25_CTYUA25_EW_LU_v2"

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        counties, url_1 = _table(run.fetcher, self.ctyua_service, ["LAD24CD", "LAD24NM", "CTYUA24CD", "CTYUA24NM"],
                                 "LAD24CD")
        regions, url_2 = _table(run.fetcher, self.region_service, ["LAD24CD", "RGN24CD", "RGN24NM"], "LAD24CD")
        lad2025, url_3 = _table(run.fetcher, self.lad2025_service, ["LAD25CD", "LAD25NM"], "LAD25CD")
        lookup = build_lad_lookup(counties, regions, lad2025)
        if self.expected is not None:
            found = (len(lookup), lookup["utla_code"].nunique(), lookup["region_code"].nunique())
            if found != self.expected:
                raise DownloadError(f"the lookup has {found[0]} districts, {found[1]} UTLAs and {found[2]} regions; "
                                    f"expected {self.expected[0]}, {self.expected[1]} and {self.expected[2]}")
        lookup.to_csv(target, index=False)
        return [url_1, url_2, url_3]


def _table(fetcher: Fetcher, service: str, fields: list[str], code: str) -> tuple[pd.DataFrame, str]:
    """Every English row of an ONS lookup table (``fields``, as stripped text) and its query URL."""
    path = ons_query_path(service)

    def params(offset: int) -> dict:
        return {"where": f"{code} LIKE 'E%'", "outFields": ",".join(fields), "returnGeometry": "false",
                "f": "json", "orderByFields": code, "resultOffset": offset, "resultRecordCount": 1000}

    rows = [feature["attributes"] for feature in arcgis_pages(fetcher.for_part(service), path, params, geojson=False)]
    frame = pd.DataFrame(rows).reindex(columns=fields)
    missing = [name for name in fields if frame[name].isna().all()]
    if missing or frame.empty:
        raise DownloadError(f"{service}: the answer has no {', '.join(missing) or 'rows'}")
    return frame.astype(str).apply(lambda column: column.str.strip()), _query_url(fetcher, path, params)
