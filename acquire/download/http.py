"""GETs from the publishers: a timeout, one retry, streaming to a file, and one progress line per request."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import requests

from acquire.errors import DownloadError
from acquire.progress import Progress

TIMEOUT = (15, 180)  # seconds to connect, seconds between bytes
RETRIES = 1  # one more try after a connection error, a timeout or a 5xx answer
USER_AGENT = "justice-health-explorer data download (python-requests)"
IMPORT_HINT = ("Without internet access, import an offline data folder instead: make data-import SRC=<folder> "
               "(a folder laid out like the publishers' downloads: boundaries/, lookups/, hexjson/, indicators/, "
               "population/; see docs/data.md)")
_REASONS = ("Name or service not known", "Temporary failure in name resolution", "nodename nor servname",
            "Connection refused", "Network is unreachable", "timed out")


class HostUnreachable(DownloadError):
    """A host could not be reached at all (no network, DNS failure, refused connection, timeout)."""

    def __init__(self, host: str, detail: str):
        self.host, self.detail = host, detail
        super().__init__(f"Could not reach {host} ({detail}). {IMPORT_HINT}")


@dataclass
class Tally:
    """The bytes received for one file, over all its requests."""

    bytes: int = 0


def size_words(count: int) -> str:
    """A byte count for a progress line: ``512 B``, ``642 KB``, ``5.3 MB`` (1 KB = 1024 bytes)."""
    if count < 1024:
        return f"{count} B"
    if count < 1024 * 1024:
        return f"{count / 1024:.0f} KB"
    return f"{count / (1024 * 1024):.1f} MB"


def new_session() -> requests.Session:
    """A requests session that names this app in its User-Agent."""
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


@dataclass(frozen=True)
class Fetcher:
    """GETs from the hosts in ``origins``; each progress line starts with the file (``for_file``) and the table
    fetched for it (``for_part``), e.g. ``[4/16] lookups/lookup_....csv <- LAD24_RGN24_EN_LU page 1 (host)``."""

    origins: Mapping[str, str]
    progress: Progress = print
    session: requests.Session = field(default_factory=new_session)
    timeout: tuple[float, float] = TIMEOUT
    retries: int = RETRIES
    file: str = ""  # "[3/16] boundaries/....geojson"
    part: str | None = None  # a table fetched for that file
    tally: Tally = field(default_factory=Tally)  # bytes received for that file (shared with its parts)

    def for_file(self, file: str) -> Fetcher:
        return replace(self, file=file, part=None, tally=Tally())

    def for_part(self, part: str) -> Fetcher:
        return replace(self, part=part)

    @property
    def heading(self) -> str:
        return f"{self.file} <- {self.part}" if self.part else self.file

    def url(self, host: str, path: str, params: Mapping | None = None) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.origins[host]}{path}{query}"

    def get(self, host: str, path: str, params: Mapping | None = None, *, label: str,
            target: Path | None = None) -> bytes | None:
        """The body of ``GET host path?params``; streamed to ``target`` (returning None) when given."""
        url = self.url(host, path, params)
        self.progress(f"{self.heading} {label} ({urlsplit(url).netloc})")
        for attempt in range(self.retries + 1):
            last = attempt == self.retries
            try:
                with self.session.get(url, timeout=self.timeout, stream=target is not None) as response:
                    if response.status_code >= 500 and not last:
                        self.progress(f"{self.heading} {label}: HTTP {response.status_code}, trying once more")
                        continue
                    if response.status_code != 200:
                        raise DownloadError(f"{url} answered HTTP {response.status_code} {response.reason}")
                    return _body(response, target, self.tally)
            except (requests.ConnectionError, requests.Timeout) as error:
                if last:
                    raise HostUnreachable(urlsplit(url).hostname or url, _reason(error)) from error
                self.progress(f"{self.heading} {label}: {_reason(error)}, trying once more")
            except requests.exceptions.ChunkedEncodingError as error:  # the connection dropped mid-body
                if last:
                    raise DownloadError(f"{url}: the connection was cut, twice, before the whole file "
                                        "arrived") from error
                self.progress(f"{self.heading} {label}: the connection was cut mid-file, trying once more")
            except requests.RequestException as error:
                raise DownloadError(f"{url}: {error}") from error
        raise AssertionError("unreachable")  # pragma: no cover

    def get_json(self, host: str, path: str, params: Mapping | None = None, *, label: str) -> dict:
        """A JSON object from ``GET host path?params``; an ArcGIS error object (sent with HTTP 200) is an error."""
        url = self.url(host, path, params)
        body = self.get(host, path, params, label=label)
        try:
            document = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise DownloadError(f"{url}: {label} is not valid JSON ({error})") from error
        if not isinstance(document, dict):
            raise DownloadError(f"{url}: {label} is not a JSON object")
        if isinstance(document.get("error"), dict):
            detail = document["error"]
            raise DownloadError(f"{url}: the service answered error {detail.get('code')}: {detail.get('message')} "
                                f"{' '.join(map(str, detail.get('details') or []))}".rstrip())
        return document


def _body(response: requests.Response, target: Path | None, tally: Tally) -> bytes | None:
    if target is None:
        content = response.content
        tally.bytes += len(content)
        return content
    with open(target, "wb") as out:
        for block in response.iter_content(1 << 16):
            out.write(block)
            tally.bytes += len(block)
    return None


def _reason(error: Exception) -> str:
    text = str(error)
    return next((marker.lower() for marker in _REASONS if marker in text), type(error).__name__)
