"""Download the app's open-data files from their publishers: ``make data`` / ``python -m loaders.download``.

Each catalogue file (loaders/catalogue.py) has a download spec in ``DOWNLOADS``. A file is fetched into a staging
folder inside the data directory, converted where the publisher's layout differs from the one the app reads,
checked with the same loader as ``make data-import`` (loaders.datadir.validate_catalogue_file), and only then
renamed into place; the manifest then records the query URL, the retrieval time (UTC), size, SHA-256, publisher,
licence, vintage and ``validated: true``. A file that fails is reported (file, row, problem) and nothing of it is
written. A host that cannot be reached stops the run with exit code 2 and says how to import a folder instead.

Hosts (``DEFAULT_BASE_URLS``) can be pointed elsewhere for tests: ``JHE_DOWNLOAD_BASE_URL`` holds one origin for
every host (``http://127.0.0.1:8123``) or ``name=origin`` pairs (``arcgis=http://127.0.0.1:8123,nomis=...``); the
paths stay the publishers' own, so recorded responses live under the same paths.

Where each URL comes from (every one was seen in public code or documentation that uses it; none was fetched from
here, as this workplace has no internet access) is written beside it, and summarised in docs/data.md.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pandas as pd
import requests

from acquire import importer
from acquire import manifest as manifest_writer
from acquire.build_layers import build_layers
from core import paths
from core.catalogue import BY_KEY, CATALOGUE, FINGERTIPS_AREA_TYPES, FINGERTIPS_INDICATORS
from core.errors import DataLoadError
from loaders import manifest

logger = logging.getLogger(__name__)

ENV_BASE_URL = "JHE_DOWNLOAD_BASE_URL"
DEFAULT_BASE_URLS = {
    "arcgis": "https://services1.arcgis.com",  # ONS Open Geography Portal feature services
    "fingertips": "https://fingertips.phe.org.uk",  # OHID Fingertips API
    "github": "https://raw.githubusercontent.com",  # Open Innovations' hexmaps repository
    "nomis": "https://www.nomisweb.co.uk",  # ONS Census 2021 bulk tables
    "govuk": "https://assets.publishing.service.gov.uk",  # MHCLG files on GOV.UK
}
# ONS Open Geography Portal: services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services/<service>/FeatureServer/0
ONS_SERVICES = "/ESMARspQHYMw9BZ9/arcgis/rest/services"
TIMEOUT = (15, 180)  # seconds to connect, seconds between bytes
RETRIES = 1  # one more try after a connection error, a timeout or a 5xx answer
MAX_PAGES = 200
USER_AGENT = "justice-health-explorer data download (python-requests)"
IMPORT_HINT = ("Without internet access, import an offline data folder instead: make data-import SRC=<folder> "
               "(a folder laid out like the publishers' downloads: boundaries/, lookups/, hexjson/, indicators/, "
               "population/; see docs/data.md)")
ENGLISH_LAD = re.compile(r"^E0[6-9]\d{6}$")


class DownloadError(Exception):
    """A download failed: an HTTP error, an error answer from the service, or content that is not what was asked."""


class HostUnreachable(DownloadError):
    """A host could not be reached at all (no network, DNS failure, refused connection, timeout)."""

    def __init__(self, host: str, detail: str):
        self.host = host
        super().__init__(f"Could not reach {host} ({detail}). {IMPORT_HINT}")


def base_urls(override: str | dict[str, str] | None = None) -> dict[str, str]:
    """The origin for each host name in ``DEFAULT_BASE_URLS``, with ``override`` (or ``JHE_DOWNLOAD_BASE_URL``)
    applied: one origin for every host, or ``name=origin`` pairs separated by commas."""
    result = dict(DEFAULT_BASE_URLS)
    if override is None:
        override = os.environ.get(ENV_BASE_URL) or None
    if isinstance(override, dict):
        pairs = override
    elif override is None:
        pairs = {}
    elif "=" in override:
        pairs = dict(part.strip().split("=", 1) for part in override.split(",") if part.strip())
    else:
        pairs = {name: override.strip() for name in result}
    unknown = sorted(set(pairs) - set(result))
    if unknown:
        raise ValueError(f"{ENV_BASE_URL}: unknown host name(s) {', '.join(unknown)} "
                         f"(known: {', '.join(result)})")
    result.update({name: origin.rstrip("/") for name, origin in pairs.items()})
    return result


# --- HTTP ----------------------------------------------------------------------------------------------------------

class Fetcher:
    """GETs with a timeout and one retry, printing one progress line per request."""

    def __init__(self, origins: dict[str, str], progress: Callable[[str], None] = print,
                 session: requests.Session | None = None, timeout: tuple[float, float] = TIMEOUT,
                 retries: int = RETRIES):
        self.origins = origins
        self.progress = progress
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
        self.session = session
        self.timeout = timeout
        self.retries = retries
        self.prefix = ""  # "[3/16] boundaries/....geojson", set per file

    def url(self, host: str, path: str, params: dict | None = None) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.origins[host]}{path}{query}"

    def get(self, host: str, path: str, params: dict | None = None, *, label: str,
            target: Path | None = None) -> bytes | None:
        """The body of ``GET host path?params``; streamed to ``target`` (returning None) when given."""
        url = self.url(host, path, params)
        self.progress(f"{self.prefix} {label} ({urlsplit(url).netloc})")
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                with self.session.get(url, timeout=self.timeout, stream=target is not None) as response:
                    if response.status_code >= 500 and not last:
                        self.progress(f"{self.prefix} {label}: HTTP {response.status_code}, trying once more")
                        continue
                    if response.status_code != 200:
                        raise DownloadError(f"{url} answered HTTP {response.status_code} {response.reason}")
                    if target is None:
                        return response.content
                    with open(target, "wb") as out:
                        for block in response.iter_content(1 << 16):
                            out.write(block)
                    return None
            except (requests.ConnectionError, requests.Timeout) as error:
                if last:
                    raise HostUnreachable(urlsplit(url).hostname or url, _reason(error)) from error
                self.progress(f"{self.prefix} {label}: {_reason(error)}, trying once more")
            except requests.RequestException as error:  # e.g. a body cut short
                raise DownloadError(f"{url}: {error}") from error
        raise AssertionError("unreachable")  # pragma: no cover

    def get_json(self, host: str, path: str, params: dict | None = None, *, label: str) -> dict:
        url = self.url(host, path, params)
        body = self.get(host, path, params, label=label)
        try:
            document = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise DownloadError(f"{url}: {label} is not valid JSON ({error})") from error
        if not isinstance(document, dict):
            raise DownloadError(f"{url}: {label} is not a JSON object")
        if isinstance(document.get("error"), dict):  # ArcGIS answers errors with HTTP 200 and an error object
            detail = document["error"]
            raise DownloadError(f"{url}: the service answered error {detail.get('code')}: {detail.get('message')} "
                                f"{' '.join(map(str, detail.get('details') or []))}".rstrip())
        return document


def _reason(error: Exception) -> str:
    text = str(error)
    for marker in ("Name or service not known", "Temporary failure in name resolution", "nodename nor servname",
                   "Connection refused", "Network is unreachable", "timed out"):
        if marker in text:
            return marker.lower()
    return type(error).__name__


# --- what a spec gets while it runs --------------------------------------------------------------------------------

@dataclass
class DownloadRun:
    """The state one download run shares with the specs: where files go and how to fetch."""

    destination: Path
    fetcher: Fetcher
    staging: Path
    _lookup: pd.DataFrame | None = None

    def lad_lookup(self) -> pd.DataFrame:
        """The LAD -> UTLA -> region lookup in the data directory (downloaded earlier in this run, or before)."""
        if self._lookup is None:
            from loaders.geography import read_lad_lookup

            path = self.destination / BY_KEY["lad_lookup"].path
            if not path.is_file():
                raise DownloadError(f"this file is built with the district lookup {BY_KEY['lad_lookup'].path}, "
                                    "which is not in the data directory: download it too (--only lad_lookup ...)")
            self._lookup = read_lad_lookup(path)
        return self._lookup


# --- specs ----------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ImportOnly:
    """A file no publisher hosts in the form the app reads: it can only be imported from a data folder."""

    reason: str


@dataclass(frozen=True)
class RawFile:
    """A file served as it is (no conversion)."""

    host: str
    path: str
    evidence: str

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        run.fetcher.get(self.host, self.path, label="file", target=target)
        return [run.fetcher.url(self.host, self.path)]


@dataclass(frozen=True)
class ArcGisLayer:
    """An ONS Open Geography Portal boundary layer, England only, fetched as GeoJSON in pages and joined.

    Follows ``exceededTransferLimit`` (top level, or in ``properties`` as GeoJSON answers put it), taking the next
    page from the number of features actually received. ``expected_features`` guards against a partial answer.
    """

    service: str
    code_field: str
    name_field: str
    expected_features: int | None
    evidence: str
    page_size: int = 100

    @property
    def path(self) -> str:
        return f"{ONS_SERVICES}/{self.service}/FeatureServer/0/query"

    def params(self, offset: int) -> dict:
        return {"where": f"{self.code_field} LIKE 'E%'", "outFields": f"{self.code_field},{self.name_field}",
                "outSR": "4326", "f": "geojson", "orderByFields": self.code_field, "resultOffset": offset,
                "resultRecordCount": self.page_size}

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        features = arcgis_pages(run.fetcher, self.path, self.params, geojson=True)
        if self.expected_features is not None and len(features) != self.expected_features:
            raise DownloadError(f"{self.service}: received {len(features)} features, expected "
                                f"{self.expected_features} (a partial answer?)")
        query = run.fetcher.url("arcgis", self.path, {k: v for k, v in self.params(0).items()
                                                       if k not in ("resultOffset", "resultRecordCount")})
        document = {"type": "FeatureCollection", "name": self.service, "features": features,
                    "metadata": {"source": query, "vintage": self.service.replace("_", " ")}}
        target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return [query]


def arcgis_pages(fetcher: Fetcher, path: str, params: Callable[[int], dict], *, geojson: bool) -> list[dict]:
    """Every feature of an ArcGIS FeatureServer query, page by page (``resultOffset``), joined in order."""
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


@dataclass(frozen=True)
class LadLookup:
    """lookups/lookup_lad24_utla23_rgn23_england.csv, built from three ONS lookup tables (attributes, no geometry).

    * ``LAD24_CTYUA24_EW_LU``: district code and name -> county or unitary authority (UTLA) code and name;
    * ``LAD24_RGN24_EN_LU``: district -> region code and name;
    * ``LAD25_CTYUA25_EW_LU_v2``: the April 2025 district codes, for ``lad_code_2025``.

    The December 2024 lookups carry the same English district and UTLA codes as LAD May 2024 and CTYUA Dec 2023:
    no English code changed between April 2023 and the 2025 Barnsley/Sheffield recode (see the code-change
    history, lookups/la_code_changes_england_2019_2025.csv). The counts are checked (296, 153, 9).

    Derived columns (how, so it can be checked): ``lad_type`` and ``utla_type`` come from the GSS entity code,
    the first three characters of the code (E06 unitary authority, E07 non-metropolitan district, E08 metropolitan
    district, E09 London borough, E10 county). ``lad_code_2025`` is the district's own code when the 2025 lookup
    still has it, otherwise the code of the 2025 district with exactly the same name (Barnsley E08000016 ->
    E08000038, Sheffield E08000019 -> E08000039); a district found neither way is an error, not a guess.
    """

    evidence: str
    expected: tuple[int, int, int] | None = (296, 153, 9)  # districts, UTLAs, regions
    ctyua_service: str = "LAD24_CTYUA24_EW_LU"
    region_service: str = "LAD24_RGN24_EN_LU"
    lad2025_service: str = "LAD25_CTYUA25_EW_LU_v2"

    def _table(self, run: DownloadRun, service: str, fields: list[str], code: str) -> tuple[pd.DataFrame, str]:
        path = f"{ONS_SERVICES}/{service}/FeatureServer/0/query"

        def params(offset: int) -> dict:
            return {"where": f"{code} LIKE 'E%'", "outFields": ",".join(fields), "returnGeometry": "false",
                    "f": "json", "orderByFields": code, "resultOffset": offset, "resultRecordCount": 1000}

        run.fetcher.prefix = run.fetcher.prefix.split(" <- ")[0] + f" <- {service}"
        rows = [feature["attributes"] for feature in arcgis_pages(run.fetcher, path, params, geojson=False)]
        frame = pd.DataFrame(rows).reindex(columns=fields)
        missing = [name for name in fields if frame[name].isna().all()]
        if missing or frame.empty:
            raise DownloadError(f"{service}: the answer has no {', '.join(missing) or 'rows'}")
        query = run.fetcher.url("arcgis", path, {k: v for k, v in params(0).items()
                                                 if k not in ("resultOffset", "resultRecordCount")})
        return frame.astype(str).apply(lambda column: column.str.strip()), query

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        counties, url_1 = self._table(run, self.ctyua_service, ["LAD24CD", "LAD24NM", "CTYUA24CD", "CTYUA24NM"],
                                      "LAD24CD")
        regions, url_2 = self._table(run, self.region_service, ["LAD24CD", "RGN24CD", "RGN24NM"], "LAD24CD")
        lad2025, url_3 = self._table(run, self.lad2025_service, ["LAD25CD", "LAD25NM"], "LAD25CD")
        lookup = build_lad_lookup(counties, regions, lad2025)
        if self.expected is not None:
            found = (len(lookup), lookup["utla_code"].nunique(), lookup["region_code"].nunique())
            if found != self.expected:
                raise DownloadError(f"the lookup has {found[0]} districts, {found[1]} UTLAs and {found[2]} regions; "
                                    f"expected {self.expected[0]}, {self.expected[1]} and {self.expected[2]}")
        lookup.to_csv(target, index=False)
        return [url_1, url_2, url_3]


LAD_TYPES = {"E06": "Unitary authority", "E07": "Non-metropolitan district", "E08": "Metropolitan district",
             "E09": "London borough"}
UTLA_TYPES = {**LAD_TYPES, "E10": "County"}
LOOKUP_COLUMNS = ["lad_code", "lad_name", "lad_type", "utla_code", "utla_name", "utla_type", "region_code",
                  "region_name", "lad_code_2025"]


def build_lad_lookup(counties: pd.DataFrame, regions: pd.DataFrame, lad2025: pd.DataFrame) -> pd.DataFrame:
    """The app's lookup columns from the three ONS tables (see ``LadLookup``). Raises DownloadError, naming the
    districts, when the tables do not match one to one."""
    counties = counties[counties["LAD24CD"].str.match(ENGLISH_LAD)].drop_duplicates()
    regions = regions[regions["LAD24CD"].str.match(ENGLISH_LAD)].drop_duplicates()
    problems = []
    for name, table in (("LAD24_CTYUA24", counties), ("LAD24_RGN24", regions)):
        repeated = sorted(table.loc[table["LAD24CD"].duplicated(), "LAD24CD"])
        if repeated:
            problems.append(f"{name} lists {', '.join(repeated)} more than once")
    only_one = sorted(set(counties["LAD24CD"]) ^ set(regions["LAD24CD"]))
    if only_one:
        problems.append(f"districts in only one of the county and region lookups: {', '.join(only_one)}")
    if problems:
        raise DownloadError("; ".join(problems))
    merged = counties.merge(regions[["LAD24CD", "RGN24CD", "RGN24NM"]], on="LAD24CD", validate="one_to_one")
    codes_2025 = set(lad2025["LAD25CD"])
    by_name = lad2025.drop_duplicates().groupby("LAD25NM")["LAD25CD"].agg(list).to_dict()
    lad_code_2025, unmatched = [], []
    for code, name in zip(merged["LAD24CD"], merged["LAD24NM"], strict=True):
        same_name = [c for c in by_name.get(name, []) if ENGLISH_LAD.match(c)]
        if code in codes_2025:
            lad_code_2025.append(code)
        elif len(same_name) == 1:
            lad_code_2025.append(same_name[0])
        else:
            lad_code_2025.append(None)
            unmatched.append(f"{code} {name}")
    if unmatched:
        raise DownloadError(f"no 2025 district code (same code, or one district of the same name) for "
                            f"{', '.join(unmatched)}")
    lookup = pd.DataFrame({
        "lad_code": merged["LAD24CD"], "lad_name": merged["LAD24NM"],
        "lad_type": merged["LAD24CD"].str[:3].map(LAD_TYPES),
        "utla_code": merged["CTYUA24CD"], "utla_name": merged["CTYUA24NM"],
        "utla_type": merged["CTYUA24CD"].str[:3].map(UTLA_TYPES),
        "region_code": merged["RGN24CD"], "region_name": merged["RGN24NM"], "lad_code_2025": lad_code_2025,
    })
    return lookup.sort_values("lad_code").reset_index(drop=True)[LOOKUP_COLUMNS]


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
                "parent_area_type_id": 15}

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        url = run.fetcher.url("fingertips", self.path, self.params())
        run.fetcher.get("fingertips", self.path, self.params(), label="CSV", target=target)
        self.check_content(target, url)
        return [url]

    def check_content(self, path: Path, url: str) -> None:
        """The answer is for the indicator and area type asked for (the loader checks the rest)."""
        from loaders.fingertips import AREA_TYPE_IDS, canonical_area_type

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


# The 2021 districts merged into the April 2023 unitary authorities: The Cumbria, North Yorkshire and Somerset
# (Structural Changes) Orders 2022. Codes from the ONS Code History Database, as listed (change_type "merge",
# new_start_date 2023-04-01) in ../shared/data/lookups/la_code_changes_england_2019_2025.csv; a test checks that
# the two agree. These are the only English differences between the Census 2021 districts and LAD 2024.
MERGED_2023 = {
    "E07000026": "E06000063", "E07000028": "E06000063", "E07000029": "E06000063",  # -> Cumberland
    "E07000027": "E06000064", "E07000030": "E06000064", "E07000031": "E06000064",  # -> Westmorland and Furness
    "E07000163": "E06000065", "E07000164": "E06000065", "E07000165": "E06000065", "E07000166": "E06000065",
    "E07000167": "E06000065", "E07000168": "E06000065", "E07000169": "E06000065",  # -> North Yorkshire
    "E07000187": "E06000066", "E07000188": "E06000066", "E07000189": "E06000066",
    "E07000246": "E06000066",  # -> Somerset
}
# Nomis TS007A bulk CSV header -> the population file's columns.
TS007A_COLUMNS = {
    "Age: Total": "all_ages", "Age: Aged 4 years and under": "age_0_4",
    **{f"Age: Aged {start} to {start + 4} years": f"age_{start}_{start + 4}" for start in range(5, 85, 5)},
    "Age: Aged 85 years and over": "age_85_plus",
}


@dataclass(frozen=True)
class CensusPopulation:
    """Census 2021 TS007A (age by five-year bands) from the Nomis bulk download, reshaped to the app's layout.

    The zip holds one CSV per geography; ``census2021-ts007a-ltla.csv`` (2021 lower-tier authorities, England and
    Wales) is used. English 2021 districts become 2024 districts: unchanged codes as they are, and the districts
    merged in April 2023 (``MERGED_2023``, whole districts only) added up. Districts then add up to UTLAs and
    regions (with the lookup) and to England. Every 2024 district must receive at least one 2021 district, and
    every English 2021 district must find its 2024 district, or the download fails.
    """

    evidence: str
    path: str = "/output/census/2021/census2021-ts007a.zip"
    member: str = "census2021-ts007a-ltla.csv"

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        lookup = run.lad_lookup()  # before a 6 MB download: it cannot be used without the lookup
        archive = target.with_suffix(".zip")
        run.fetcher.get("nomis", self.path, label="zip", target=archive)
        try:
            with zipfile.ZipFile(archive) as bundle:
                names = [name for name in bundle.namelist() if name.rsplit("/", 1)[-1] == self.member]
                if not names:
                    raise DownloadError(f"{self.path}: the zip has no {self.member} "
                                        f"(it has {', '.join(bundle.namelist()[:10])})")
                table = pd.read_csv(bundle.open(names[0]), dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except zipfile.BadZipFile as error:
            raise DownloadError(f"{self.path} is not a zip file ({error})") from error
        finally:
            archive.unlink(missing_ok=True)
        population = build_population(table, lookup)
        population.to_csv(target, index=False)
        return [run.fetcher.url("nomis", self.path)]


def build_population(table: pd.DataFrame, lookup: pd.DataFrame) -> pd.DataFrame:
    """TS007A by 2021 district -> the app's population file (districts, UTLAs, regions, England)."""
    from loaders.population import BROAD_BANDS, FILE_COLUMNS, FIVE_YEAR_BANDS

    needed = ["geography code", *TS007A_COLUMNS]
    missing = [column for column in needed if column not in table.columns]
    if missing:
        raise DownloadError(f"TS007A: the CSV has no column(s) {', '.join(missing)}")
    england = table[table["geography code"].str.strip().str.match(ENGLISH_LAD)].copy()
    england["ltla"] = england["geography code"].str.strip()
    counts = england[list(TS007A_COLUMNS)].apply(lambda c: pd.to_numeric(c.str.replace(",", ""), errors="coerce"))
    if counts.isna().any().any():
        bad = england.loc[counts.isna().any(axis=1), "ltla"].tolist()
        raise DownloadError(f"TS007A: counts that are not numbers for {', '.join(bad[:10])}")
    counts = counts.rename(columns=TS007A_COLUMNS).astype("int64")
    counts["lad_code"] = england["ltla"].map(lambda code: MERGED_2023.get(code, code))
    counts["ltla"] = england["ltla"]
    known = set(lookup["lad_code"])
    unknown = sorted(set(counts.loc[~counts["lad_code"].isin(known), "ltla"]))
    without = sorted(known - set(counts["lad_code"]))
    if unknown or without:
        raise DownloadError("TS007A districts and the lookup do not match: "
                            + "; ".join(part for part in (
                                f"2021 districts with no 2024 district: {', '.join(unknown)}" if unknown else "",
                                f"2024 districts with no Census figures: {', '.join(without)}" if without else "")
                                        if part))
    for broad, bands in BROAD_BANDS.items():
        counts[broad] = counts[list(bands)].sum(axis=1)
    numbers = ["all_ages", *BROAD_BANDS, *FIVE_YEAR_BANDS]
    info = lookup.set_index("lad_code")

    def ltla_codes(codes: pd.Series) -> str:
        return "|".join(sorted(codes))

    lads = counts.groupby("lad_code").agg({**{c: "sum" for c in numbers}, "ltla": ltla_codes})
    lads = lads.join(info[["lad_name", "utla_code", "utla_name", "region_code", "region_name"]])
    parts = [pd.DataFrame({"area_code": lads.index, "area_name": lads["lad_name"], "geography": "LAD (2024 codes)",
                           "utla_code": lads["utla_code"], "region_code": lads["region_code"],
                           "census_2021_ltla_codes": lads["ltla"], **{c: lads[c] for c in numbers}})]
    utlas = lads.groupby("utla_code").agg({**{c: "sum" for c in numbers}, "ltla": ltla_codes, "utla_name": "first",
                                           "region_code": "first"})
    parts.append(pd.DataFrame({"area_code": utlas.index, "area_name": utlas["utla_name"],
                               "geography": "UTLA/CTYUA (2023 codes)", "utla_code": utlas.index,
                               "region_code": utlas["region_code"], "census_2021_ltla_codes": utlas["ltla"],
                               **{c: utlas[c] for c in numbers}}))
    regions = lads.groupby("region_code").agg({**{c: "sum" for c in numbers}, "region_name": "first"})
    parts.append(pd.DataFrame({"area_code": regions.index, "area_name": regions["region_name"],
                               "geography": "Region", "utla_code": "", "region_code": regions.index,
                               "census_2021_ltla_codes": "", **{c: regions[c] for c in numbers}}))
    parts.append(pd.DataFrame([{"area_code": "E92000001", "area_name": "England", "geography": "Country",
                                "utla_code": "", "region_code": "", "census_2021_ltla_codes": "",
                                **{c: int(lads[c].sum()) for c in numbers}}]))
    return pd.concat(parts, ignore_index=True)[FILE_COLUMNS]


# IoD2025 File 10 sheet -> index_domain as written in the tidy extract the app reads (traffordDataLab's names).
IOD_SHEETS = {
    "IMD": "Index of Multiple Deprivation", "Income": "Income Deprivation", "Employment": "Employment Deprivation",
    "Education": "Education, Skills and Training Deprivation", "Health": "Health Deprivation and Disability",
    "Crime": "Crime", "Barriers": "Barriers to Housing and Services", "Living": "Living Environment Deprivation",
    "IDACI": "Income Deprivation Affecting Children", "IDAOPI": "Income Deprivation Affecting Older People",
}
IOD_MEASURES = ["average_rank", "rank_average_rank", "average_score", "rank_average_score",
                "proportion_bottom_decile", "rank_proportion_bottom_decile"]
IOD_COLUMNS = ["area_code", "area_name", "area_type", "deprivation_data_year", "index_domain", *IOD_MEASURES]


@dataclass(frozen=True)
class IodFile10:
    """English Indices of Deprivation 2025, File 10 (local authority district summaries, lower tier), .xlsx.

    Layout (as read by traffordDataLab's IoD2025 script that made the tidy extract in ../shared/data, and by
    uk-parliament-tracker's): one sheet per domain (``IOD_SHEETS``), header in row 1 starting "Local Authority
    District code (2024)", then one row per district with columns A-H: code, name, average rank, rank of average
    rank, average score, rank of average score, proportion of LSOAs in the most deprived 10% nationally, its rank.
    The header of column A and G is checked before anything is converted.
    """

    path: str
    evidence: str
    expected_districts: int | None = 296

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        workbook = target.with_suffix(".xlsx")
        run.fetcher.get("govuk", self.path, label="xlsx", target=workbook)
        try:
            tidy = iod_file10_to_tidy(workbook)
        finally:
            workbook.unlink(missing_ok=True)
        districts = tidy["area_code"].nunique()
        if self.expected_districts is not None and districts != self.expected_districts:
            raise DownloadError(f"File 10 has {districts} districts, expected {self.expected_districts}")
        tidy.to_csv(target, index=False)
        return [run.fetcher.url("govuk", self.path)]


def iod_file10_to_tidy(workbook: Path) -> pd.DataFrame:
    """File 10 workbook -> the tidy LAD summaries (one row per district and domain, sorted by district)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(workbook, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError) as error:
        raise DownloadError(f"{workbook.name} is not a readable .xlsx workbook ({error})") from error
    try:
        missing = [name for name in IOD_SHEETS if name not in book.sheetnames]
        if missing:
            raise DownloadError(f"File 10 has no sheet(s) {', '.join(missing)} (sheets: {', '.join(book.sheetnames)})")
        rows = []
        for sheet, domain in IOD_SHEETS.items():
            values = list(book[sheet].iter_rows(values_only=True))
            header = [str(cell or "") for cell in (values[0] if values else ())]
            if len(header) < 8 or not header[0].startswith("Local Authority District code") \
                    or "Proportion of LSOAs in most deprived 10%" not in header[6]:
                raise DownloadError(f"File 10 sheet {sheet}: the header is not the expected layout (column A "
                                    f"'Local Authority District code ...', column G 'Proportion of LSOAs in most "
                                    f"deprived 10% ...'); found {header[:8]}")
            for number, row in enumerate(values[1:], start=2):
                code = str(row[0] or "").strip()
                if not ENGLISH_LAD.match(code):
                    continue
                measures = [_number(row[i], sheet, number, i) for i in range(2, 8)]
                rows.append({"area_code": code, "area_name": str(row[1]).strip(),
                             "area_type": "Local Authority District (2024)", "deprivation_data_year": 2025,
                             "index_domain": domain, **dict(zip(IOD_MEASURES, measures, strict=True))})
    finally:
        book.close()
    tidy = pd.DataFrame(rows, columns=IOD_COLUMNS)
    return tidy.sort_values("area_code", kind="stable").reset_index(drop=True)


def _number(value, sheet: str, row: int, column: int) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(str(value).replace(",", ""))
        except ValueError as error:
            raise DownloadError(f"File 10 sheet {sheet}, row {row}, column {'ABCDEFGH'[column]}: '{value}' is not "
                                "a number") from error
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass(frozen=True)
class Homelessness:
    """MHCLG statutory homelessness, detailed local authority tables, October-December 2023 (.ods).

    Following humaniverse/healthyr's script (which made the CSV in ../shared/data): sheet A1, column 18 (R) is
    households assessed as homeless per 1,000 households; sheet TA1, column 7 (G) is households in temporary
    accommodation per 1,000. Rows are the districts (codes E06-E09); A1's districts are kept in A1's order and TA1
    is joined to them by code. A cell that is not a number (MHCLG marks suppressed or missing figures) becomes "NA",
    as in that CSV. The headers of both columns must mention "per" and "000" (a rate per thousand) or the download
    fails rather than take a moved column.
    """

    path: str
    evidence: str
    expected_districts: int | None = 296

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        document = target.with_suffix(".ods")
        run.fetcher.get("govuk", self.path, label="ods", target=document)
        try:
            sheets = read_ods_sheets(document, ["A1", "TA1"])
        finally:
            document.unlink(missing_ok=True)
        table = homelessness_from_sheets(sheets)
        if self.expected_districts is not None and len(table) != self.expected_districts:
            raise DownloadError(f"{self.path}: {len(table)} districts in sheet A1, expected {self.expected_districts}")
        table.to_csv(target, index=False)
        return [run.fetcher.url("govuk", self.path)]


HOMELESSNESS_SHEETS = {  # sheet -> (0-based column, the app's column name)
    "A1": (17, "Households assessed as homeless per (000s)"),
    "TA1": (6, "Households in temporary accommodation per 1,000"),
}


def homelessness_from_sheets(sheets: dict[str, list[list[str]]]) -> pd.DataFrame:
    """Sheets A1 and TA1 (rows of cell text) -> ``ltla23_code`` and the two rates per 1,000 households."""
    columns = {}
    order: list[str] = []
    for sheet, (index, name) in HOMELESSNESS_SHEETS.items():
        rows = sheets.get(sheet)
        if not rows:
            raise DownloadError(f"the homelessness tables have no sheet {sheet}")
        first = next((i for i, row in enumerate(rows) if row and ENGLISH_LAD.match(row[0].strip())), None)
        if first is None:
            raise DownloadError(f"sheet {sheet} has no district rows (codes E06-E09 in column A)")
        header = " ".join(row[index] for row in rows[:first] if len(row) > index).lower()
        if "per" not in header or "000" not in header:
            raise DownloadError(f"sheet {sheet}, column {index + 1}: the header '{header.strip()[:120]}' is not a "
                                "rate per 1,000 households: the table layout has changed")
        values = {}
        for row in rows[first:]:
            code = row[0].strip() if row else ""
            if ENGLISH_LAD.match(code):
                text = row[index].strip() if len(row) > index else ""
                values[code] = text if _is_number(text) else "NA"
                if sheet == "A1":
                    order.append(code)
        columns[name] = values
    table = pd.DataFrame({"ltla23_code": order})
    for name, values in columns.items():
        table[name] = table["ltla23_code"].map(values).fillna("NA")
    return table


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip().lower() not in ("nan", "inf", "-inf")


_ODS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0"}


def read_ods_sheets(path: Path, names: Iterable[str]) -> dict[str, list[list[str]]]:
    """The cells of some sheets of an OpenDocument spreadsheet, as text (``office:value`` for numbers).

    Reads ``content.xml`` as a stream and stops after the last sheet wanted, so a large workbook costs little.
    Repeated cells and rows are expanded, except runs of empty ones (padding to the sheet's edge).
    """
    wanted = set(names)
    table_tag, row_tag = f"{{{_ODS['table']}}}table", f"{{{_ODS['table']}}}table-row"
    cell_tags = (f"{{{_ODS['table']}}}table-cell", f"{{{_ODS['table']}}}covered-table-cell")
    name_attr = f"{{{_ODS['table']}}}name"
    repeat_cols, repeat_rows = (f"{{{_ODS['table']}}}number-columns-repeated",
                                f"{{{_ODS['table']}}}number-rows-repeated")
    value_attr = f"{{{_ODS['office']}}}value"
    sheets: dict[str, list[list[str]]] = {}
    current: str | None = None
    try:
        with zipfile.ZipFile(path) as bundle, bundle.open("content.xml") as content:
            for event, element in ElementTree.iterparse(content, events=("start", "end")):
                if element.tag == table_tag and event == "start":
                    current = element.get(name_attr)
                elif element.tag == table_tag:
                    current = None
                    element.clear()
                    if wanted <= set(sheets):
                        break
                elif element.tag == row_tag and event == "end":
                    if current in wanted:
                        cells: list[str] = []
                        for cell in element:
                            if cell.tag not in cell_tags:
                                continue
                            text = cell.get(value_attr) or "".join(cell.itertext()).strip()
                            count = int(cell.get(repeat_cols, "1"))
                            cells += [text] * (count if text or count <= 50 else 0)
                        while cells and not cells[-1]:
                            cells.pop()
                        count = int(element.get(repeat_rows, "1"))
                        sheets.setdefault(current, []).extend([cells] * (count if cells or count <= 50 else 1))
                    element.clear()
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise DownloadError(f"{path.name} is not a readable OpenDocument spreadsheet ({error})") from error
    return sheets


# --- the download spec of every catalogue file ------------------------------------------------------------------

_ONS_EVIDENCE = ("services1.arcgis.com/ESMARspQHYMw9BZ9 is the ONS Open Geography Portal's ArcGIS organisation "
                 "(used by ONS-data packages dfeR and sgapi); service name seen in public code that queries it: ")
DOWNLOADS: dict[str, object] = {
    # NOT VERIFIED: the Dec 2023 CTYUA services seen in public code are ..._Boundaries_UK_BFC, _BGC and _BUC; the
    # BSC one is named here by the same pattern (ONS names LAD Dec 2023 and LAD May 2024 BSC the same way, and the
    # portal's download of this layer is called Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC_
    # 4952317392296043005.geo.json in dhsc-govuk/FingertipsNext). If ONS named it otherwise, the download stops
    # with the service's "Invalid URL" answer: import the file from a data folder instead.
    "utla_boundaries": ArcGisLayer("Counties_and_Unitary_Authorities_December_2023_Boundaries_UK_BSC", "CTYUA23CD",
                                   "CTYUA23NM", 153, "NOT VERIFIED (name follows the pattern of the verified BFC, BGC "
                                   "and BUC services of the same layer)"),
    "lad_boundaries": ArcGisLayer("Local_Authority_Districts_May_2024_Boundaries_UK_BSC", "LAD24CD", "LAD24NM", 296,
                                  _ONS_EVIDENCE + "several projects query Local_Authority_Districts_May_2024_"
                                                  "Boundaries_UK_BSC/FeatureServer/0/query with LAD24CD/LAD24NM"),
    "region_boundaries": ArcGisLayer("Regions_December_2023_Boundaries_EN_BUC", "RGN23CD", "RGN23NM", 9,
                                     _ONS_EVIDENCE + "boundr's tests and a public fetch script query "
                                                     "Regions_December_2023_Boundaries_EN_BUC (rgn23cd, rgn23nm)"),
    "lad_lookup": LadLookup(_ONS_EVIDENCE + "LAD24_CTYUA24_EW_LU (sgapi get_table_link_lookup), LAD24_RGN24_EN_LU "
                                            "(several scripts; 296 rows, LAD24CD/LAD24NM/RGN24CD/RGN24NM), "
                                            "LAD25_CTYUA25_EW_LU_v2 (sgapi; a catalogue page of ONS services)"),
    "la_names": ImportOnly("mySociety publishes it as a data package (uk_la_future) on its data site; the exact file "
                           "address was not verified from here, so it is imported from a data folder"),
    "code_changes": ImportOnly("a table compiled from the ONS Code History Database, mySociety's list of councils "
                               "and later recodes (see SOURCES.md); no publisher serves it in this layout"),
    "lad_hexjson": RawFile("github", "/odileeds/hexmaps/c18fd805fb49c41d21da975169c762ba7afe887a/maps/"
                                     "uk-local-authority-districts-2023.hexjson",
                           "Open Innovations' repository odileeds/hexmaps, pinned to the commit ../shared/data's "
                           "copy came from (the file's raw URL on the gh-pages branch is used by several projects)"),
    "utla_hexjson": ImportOnly("a hand edit of Open Innovations' 2019 upper-tier layout to 2023 codes (see "
                               "SOURCES.md), which no publisher hosts"),
    "population": CensusPopulation("the Nomis bulk file census2021-ts007a.zip (Census 2021 bulk downloads page; "
                                   "used by many projects), whose census2021-ts007a-ltla.csv is the file "
                                   "../shared/data's population table was built from"),
    "imd2025": IodFile10("/media/6917412ebc34c86ce4e6e7fc/File_10_-_IoD2025_Local_Authority_District_Summaries"
                         "__lower-tier__v2.xlsx",
                         "MHCLG's File 10 v2 as fetched by uk-parliament-tracker; the first edition "
                         "(/media/68ff7e26d81972ecd2df5db1/File_10_-_IoD2025_Local_Authority_District_Summaries__"
                         "lower-tier_.xlsx) is the one traffordDataLab's extract in ../shared/data was made from"),
    # MHCLG later revised this quarter (Detailed_LA_202312_Revised_No_Dropdowns.ods, August 2024); its layout was
    # not seen, so the original edition, which ../shared/data's CSV was made from, is kept.
    "homelessness": Homelessness("/media/662f6eccce557c60ed19ad15/Detailed_LA_202312.ods",
                                 "humaniverse/healthyr's query_urls table (england_homelessness, October to "
                                 "December 2023), the source of ../shared/data's CSV"),
    "smoking_ltla_extract": ImportOnly("a tidy extract made by Trafford Data Lab's scripts from the Fingertips API "
                                       "(area type 101); `make data` downloads the API's own CSVs instead "
                                       "(fingertips_92443_lad and fingertips_92443_utla)"),
    "depression_ltla_extract": ImportOnly("a tidy extract made by Trafford Data Lab's scripts from the Fingertips "
                                          "API (area type 101); `make data` downloads the API's own CSVs instead "
                                          "(fingertips_848_lad and fingertips_848_utla)"),
    **{f"fingertips_{indicator}_{level}": FingertipsCsv(
        indicator, area_type, "parameter names as in fingertipsR (indicator_ids, child_area_type_id, "
                              "parent_area_type_id) and many public scripts")
       for indicator in FINGERTIPS_INDICATORS for area_type, level in FINGERTIPS_AREA_TYPES.items()},
}
DEPENDS_ON = {"population": "lad_lookup"}


# --- the run ---------------------------------------------------------------------------------------------------------

@dataclass
class DownloadReport:
    downloaded: list[dict] = field(default_factory=list)  # manifest entries
    failed: dict[str, str] = field(default_factory=dict)  # key -> what went wrong
    import_only: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and bool(self.downloaded or not self.import_only)


def download(destination: Path, only: Iterable[str] | None = None, *, origins: str | dict | None = None,
             progress: Callable[[str], None] = print, session: requests.Session | None = None,
             specs: dict[str, object] | None = None, timeout: tuple[float, float] = TIMEOUT) -> DownloadReport:
    """Download the catalogue files (all, or the keys in ``only``) into ``destination`` and update its manifest.

    Raises HostUnreachable (after recording the files already downloaded) when a host cannot be reached.
    """
    destination = Path(destination)
    specs = {**DOWNLOADS, **(specs or {})}
    keys = _selection(only, destination, progress)
    fetcher = Fetcher(base_urls(origins), progress, session=session, timeout=timeout)
    created = not destination.exists()
    destination.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".download-", dir=destination))
    run = DownloadRun(destination, fetcher, staging)
    report = DownloadReport()
    try:
        for number, key in enumerate(keys, start=1):
            entry, spec = BY_KEY[key], specs[key]
            prefix = f"[{number}/{len(keys)}] {entry.path}"
            if isinstance(spec, ImportOnly):
                report.import_only.append(key)
                progress(f"{prefix}: not downloadable: import it from a data folder (make data-import SRC=<folder>). "
                         f"It is {spec.reason}.")
                continue
            fetcher.prefix = prefix
            staged = staging / Path(entry.path).name
            try:
                sources = spec.fetch(run, staged)
                summary = importer.validate_catalogue_file(key, staged)
            except HostUnreachable:
                raise
            except DataLoadError as error:
                report.failed[key] = error.render()
                progress(f"{prefix}: NOT VALID, not saved\n{_indent(error.render())}")
                continue
            except DownloadError as error:
                report.failed[key] = str(error)
                progress(f"{prefix}: FAILED, not saved: {error}")
                continue
            final = destination / entry.path
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, final)
            if key == "lad_lookup":
                run._lookup = None
            report.downloaded.append(manifest_writer.manifest_entry(
                final, entry.path, "download", source_url=sources[0], source_urls=sources,
                retrieved_at=manifest_writer.utc_now(), imported_from=None, imported_at=None, validated=True))
            progress(f"{prefix}: valid ({summary}), saved")
            logger.info("downloaded %s from %s", final, sources[0])
        rebuilt = [level for level in ("utla", "lad", "region") if f"{level}_boundaries" in
                   {entry["key"] for entry in report.downloaded}]
        if rebuilt:
            report.downloaded += build_layers(destination, rebuilt, progress)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if report.downloaded:
            manifest_writer.update_manifest(destination, report.downloaded)
        if created and not any(destination.iterdir()):
            destination.rmdir()
    return report


def _selection(only: Iterable[str] | None, destination: Path, progress: Callable[[str], None]) -> list[str]:
    if not only:
        return [entry.key for entry in CATALOGUE]
    wanted = list(dict.fromkeys(only))
    unknown = [key for key in wanted if key not in BY_KEY]
    if unknown:
        raise ValueError(f"unknown file key(s): {', '.join(unknown)} (known: {', '.join(BY_KEY)})")
    for key in list(wanted):
        needed = DEPENDS_ON.get(key)
        if needed and needed not in wanted and not (destination / BY_KEY[needed].path).is_file():
            progress(f"{key} is built with {needed}, which is not in {destination}: downloading it too")
            wanted.append(needed)
    order = {entry.key: i for i, entry in enumerate(CATALOGUE)}
    return sorted(wanted, key=order.get)


def _indent(text: str) -> str:
    return "\n".join(f"    {line}" for line in text.splitlines())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Download the app's open-data files from their publishers into the data directory.",
        epilog=f"Offline? {IMPORT_HINT}.")
    parser.add_argument("--dest", type=Path, default=None, help="data directory (default: $JHE_DATA_DIR or .data/)")
    parser.add_argument("--only", nargs="+", metavar="KEY", help=f"only these files: {', '.join(BY_KEY)}")
    args = parser.parse_args(argv)
    destination = args.dest or paths.imported_data_dir()
    try:
        report = download(destination, args.only)
    except HostUnreachable as error:
        print(f"Download stopped: {error}", file=sys.stderr)
        return 2
    except ValueError as error:
        print(f"Download not started: {error}", file=sys.stderr)
        return 2
    print(f"Downloaded {len(report.downloaded)} file(s) into {destination} "
          f"(manifest: {destination / manifest.MANIFEST}).")
    if report.import_only:
        print(f"Import-only (no publisher serves them as the app reads them): {', '.join(report.import_only)}. "
              "Import them with make data-import SRC=<folder>.")
    if report.failed:
        print(f"Failed, nothing saved for: {', '.join(report.failed)} (reasons above).", file=sys.stderr)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
