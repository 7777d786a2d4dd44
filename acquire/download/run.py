"""One download run: each file is fetched into a staging folder inside the data directory, converted where the
publisher's layout differs from the one the app reads, checked with the same reader as an import
(acquire.validate.validate_catalogue_file), and only then renamed into place; the manifest then records the query
URL, the retrieval time (UTC), size, SHA-256, publisher, licence, vintage and ``validated: true``. A file that
fails is reported (file, row, problem) and nothing of it is written. A host that cannot be reached stops the run
(HostUnreachable) after recording the files already downloaded."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import requests

from acquire import manifest as manifest_writer
from acquire.build_layers import build_layers, levels_to_build
from acquire.download.hosts import base_urls
from acquire.download.http import TIMEOUT, Fetcher, HostUnreachable, new_session
from acquire.download.sources import DEPENDS_ON, DOWNLOADS
from acquire.download.specs import DownloadRun, DownloadSpec, ImportOnlyFile
from acquire.errors import DownloadError
from acquire.progress import Progress, indented
from acquire.validate import validate_catalogue_file
from core.catalogue import BY_KEY, CATALOGUE
from core.errors import DataLoadError

logger = logging.getLogger(__name__)


@dataclass
class DownloadReport:
    """What a run did: the manifest entries of the files saved, the files that failed and why, the import-only."""

    downloaded: list[dict] = field(default_factory=list)  # manifest entries
    failed: dict[str, str] = field(default_factory=dict)  # key -> what went wrong
    import_only: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed and bool(self.downloaded or not self.import_only)


def download(destination: Path, only: Iterable[str] | None = None, *, origins: str | Mapping[str, str] | None = None,
             progress: Progress = print, session: requests.Session | None = None,
             specs: Mapping[str, DownloadSpec] | None = None, timeout: tuple[float, float] = TIMEOUT) -> DownloadReport:
    """Download the catalogue files (all, or the keys in ``only``) into ``destination`` and update its manifest.
    ``specs`` replaces the download spec of some keys (tests).

    Raises HostUnreachable (after recording the files already downloaded) when a host cannot be reached.
    """
    destination = Path(destination)
    specs = {**DOWNLOADS, **(specs or {})}
    keys = keys_to_download(only, destination, progress)
    fetcher = Fetcher(base_urls(origins), progress, session or new_session(), timeout)
    created = not destination.exists()
    destination.mkdir(parents=True, exist_ok=True)
    run = DownloadRun(destination, fetcher, Path(tempfile.mkdtemp(prefix=".download-", dir=destination)))
    report = DownloadReport()
    try:
        for number, key in enumerate(keys, start=1):
            _download_one(run.for_file(f"[{number}/{len(keys)}] {BY_KEY[key].path}"), key, specs[key], report)
        rebuilt = levels_to_build(entry["key"] for entry in report.downloaded)
        if rebuilt:
            report.downloaded += build_layers(destination, rebuilt, progress)
    finally:
        shutil.rmtree(run.staging, ignore_errors=True)
        if report.downloaded:
            manifest_writer.update_manifest(destination, report.downloaded)
        if created and not any(destination.iterdir()):
            destination.rmdir()
    return report


def _download_one(run: DownloadRun, key: str, spec: DownloadSpec, report: DownloadReport) -> None:
    """Fetch, validate and move one file into place, recording the outcome in ``report``."""
    heading, progress = run.fetcher.file, run.fetcher.progress
    path = BY_KEY[key].path
    staged = run.staging / Path(path).name
    try:
        sources = spec.fetch(run, staged)
        summary = validate_catalogue_file(key, staged)
    except ImportOnlyFile as refusal:
        report.import_only.append(key)
        progress(f"{heading}: not downloadable: import it from a data folder (make data-import SRC=<folder>). "
                 f"It is {refusal.reason}.")
        return
    except HostUnreachable:
        raise
    except DataLoadError as error:
        report.failed[key] = error.render()
        progress(f"{heading}: NOT VALID, not saved\n{indented(error.render())}")
        return
    except DownloadError as error:
        report.failed[key] = str(error)
        progress(f"{heading}: FAILED, not saved: {error}")
        return
    final = run.destination / path
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, final)
    report.downloaded.append(manifest_writer.manifest_entry(
        final, path, "download", source_url=sources[0], source_urls=sources,
        retrieved_at=manifest_writer.utc_now(), imported_from=None, imported_at=None, validated=True))
    progress(f"{heading}: valid ({summary}), saved")
    logger.info("downloaded %s from %s", final, sources[0])


def keys_to_download(only: Iterable[str] | None, destination: Path, progress: Progress) -> list[str]:
    """The keys in ``only`` (every catalogue key when empty), with the files they are built with when the data
    directory lacks them, in catalogue order. Raises ValueError naming unknown keys."""
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
