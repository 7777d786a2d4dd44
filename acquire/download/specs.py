"""What a download spec is (``DownloadSpec``: ``fetch(run, target)``), what it gets while it runs (``DownloadRun``),
and the two simplest specs: a file served as it is, and a file that can only be imported."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pandas as pd

from acquire.download.http import Fetcher
from acquire.errors import DownloadError
from core.catalogue import BY_KEY
from core.paths import REGISTER_FILE, bundled_data_dir
from loaders.indicators import read_indicator_register
from loaders.lookups import read_lad_lookup


class ImportOnlyFile(Exception):  # noqa: N818 (a refusal the run reports and goes past, not an error)
    """The file is not downloadable: no publisher serves it as the app reads it (``reason`` says why)."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class DownloadRun:
    """What a spec gets while it runs: the data directory, the fetcher for this file, and a staging folder."""

    destination: Path
    fetcher: Fetcher
    staging: Path

    def for_file(self, heading: str) -> DownloadRun:
        """The same run, its progress lines headed ``heading`` (e.g. "[3/16] boundaries/....geojson")."""
        return DownloadRun(self.destination, self.fetcher.for_file(heading), self.staging)

    def lad_lookup(self) -> pd.DataFrame:
        """The LAD -> UTLA -> region lookup in the data directory (downloaded earlier in this run, or before)."""
        path = self.destination / BY_KEY["lad_lookup"].path
        if not path.is_file():
            raise DownloadError(f"this file is built with the district lookup {BY_KEY['lad_lookup'].path}, "
                                "which is not in the data directory: download it too (--only lad_lookup ...)")
        return read_lad_lookup(path)

    def indicator_register(self) -> pd.DataFrame:
        """The bundled indicator register (data/indicators.csv): what each indicator is expected to be called.
        Raises DataLoadError when it is missing or not valid."""
        return read_indicator_register(bundled_data_dir() / REGISTER_FILE)


class DownloadSpec(Protocol):
    """How one catalogue file is downloaded. ``evidence`` says where its address comes from."""

    @property
    def evidence(self) -> str: ...

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        """Write the file to ``target`` in the layout the app reads; return every URL asked (the first is the
        file's source). Raises DownloadError, HostUnreachable, or ImportOnlyFile."""
        ...


@dataclass(frozen=True)
class ImportOnly:
    """A file no publisher hosts in the form the app reads: it can only be imported from a data folder."""

    reason: str

    @property
    def evidence(self) -> str:
        return self.reason

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        raise ImportOnlyFile(self.reason)


@dataclass(frozen=True)
class RawFile:
    """A file served as it is (no conversion)."""

    host: str
    path: str
    evidence: str

    def fetch(self, run: DownloadRun, target: Path) -> list[str]:
        run.fetcher.get(self.host, self.path, label="file", target=target)
        return [run.fetcher.url(self.host, self.path)]
