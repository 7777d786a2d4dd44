"""One download run (``make data``): every file is fetched into a new folder beside the data directory
(acquire/refresh.py), which starts as a copy of the data in use (the directory's own files, or on a first download
into .data/ the bundled starter, so the files no publisher serves stay). Each file is converted where the
publisher's layout differs from the one the app reads, checked with the same reader as an import
(acquire.validate.validate_catalogue_file), and only then put in place; the manifest records the query URL, the
retrieval time (UTC), size, SHA-256, publisher, licence, vintage and ``validated: true``. The new folder is swapped
in only when every file asked for arrived valid: a file that fails is reported (publisher, file, what went wrong,
what to do) and then nothing changes; a host that cannot be reached stops the run (HostUnreachable), also changing
nothing."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import requests

from acquire import manifest as manifest_writer
from acquire import refresh
from acquire.build_layers import build_layers, levels_to_build
from acquire.download.hosts import base_urls
from acquire.download.http import TIMEOUT, Fetcher, HostUnreachable, new_session, size_words
from acquire.download.sources import DEPENDS_ON, DOWNLOADS
from acquire.download.specs import DownloadRun, DownloadSpec, ImportOnlyFile
from acquire.errors import DownloadError
from acquire.progress import Progress, indented
from acquire.validate import validate_catalogue_file
from core.catalogue import BY_KEY, CATALOGUE
from core.errors import DataLoadError
from core.paths import REFRESHED_DIR, STARTER_DIR
from loaders.manifest import DOWNLOAD, MANIFEST

logger = logging.getLogger(__name__)

IMPORT_ADVICE = "import the file from a data folder (make data-import SRC=<folder>)"
# What a user can do about a file that failed, by what went wrong.
RETRY, LAYOUT = "retry", "layout"
ADVICE = {
    RETRY: "try again later (python -m acquire download --only {key}); if it keeps failing, " + IMPORT_ADVICE,
    LAYOUT: "the publisher may have changed the file: report it, and meanwhile " + IMPORT_ADVICE,
}


@dataclass
class DownloadReport:
    """What a run did: the manifest entries of the files fetched, the files that failed and why, the import-only
    files, the bytes received, and whether the new folder was swapped in (``kept``)."""

    downloaded: list[dict] = field(default_factory=list)  # manifest entries
    failed: dict[str, str] = field(default_factory=dict)  # key -> what went wrong
    import_only: list[str] = field(default_factory=list)
    received: int = 0  # bytes, every request of the run
    kept: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and bool(self.downloaded or not self.import_only)


def starting_point(destination: Path) -> Path | None:
    """The data a download starts from: the destination's own files; for a first download into .data/ (where the
    app reads the bundled starter until then), the starter; else nothing."""
    destination = Path(destination)
    if destination.is_dir() and any(destination.iterdir()):
        return destination
    first_refresh = refresh.target_of(destination) == refresh.target_of(REFRESHED_DIR)
    return STARTER_DIR if first_refresh and (STARTER_DIR / MANIFEST).is_file() else None


def download(destination: Path, only: Iterable[str] | None = None, *, origins: str | Mapping[str, str] | None = None,
             progress: Progress = print, session: requests.Session | None = None,
             specs: Mapping[str, DownloadSpec] | None = None, timeout: tuple[float, float] = TIMEOUT) -> DownloadReport:
    """Download the catalogue files (all, or the keys in ``only``) into ``destination`` and update its manifest,
    swapped in only when every file arrived valid. ``specs`` replaces the download spec of some keys (tests).

    Raises HostUnreachable (changing nothing) when a host cannot be reached.
    """
    destination = Path(destination)
    specs = {**DOWNLOADS, **(specs or {})}
    seed = starting_point(destination)
    keys = keys_to_download(only, seed or destination, progress)
    fetcher = Fetcher(base_urls(origins), progress, session or new_session(), timeout)
    report = DownloadReport()
    with refresh.staged(destination, seed, progress) as folder:
        run = DownloadRun(folder, fetcher, Path(tempfile.mkdtemp(prefix=".download-", dir=folder)))
        for number, key in enumerate(keys, start=1):
            _download_one(run.for_file(f"[{number}/{len(keys)}] {BY_KEY[key].path}"), key, specs[key], report)
        shutil.rmtree(run.staging)  # each file was moved out of it, or deleted with its failure
        if report.failed or not report.downloaded:
            return report
        rebuilt = levels_to_build(entry["key"] for entry in report.downloaded)
        report.downloaded += build_layers(folder, rebuilt, progress)
        manifest_writer.update_manifest(folder, report.downloaded, DOWNLOAD)
        refresh.swap_in(folder, destination)
        report.kept = True
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
    except HostUnreachable as error:
        progress(f"{heading}: STOPPED: {BY_KEY[key].publisher} could not be reached ({error.host}: {error.detail})")
        raise
    except DataLoadError as error:
        _failed(run, key, report, error.render(), LAYOUT, "NOT VALID, not saved", indented(error.render()))
        return
    except DownloadError as error:
        _failed(run, key, report, str(error), RETRY, f"FAILED, not saved: {error}")
        return
    except (ValueError, LookupError, zipfile.BadZipFile) as error:  # a converter meeting an unexpected layout
        detail = f"{type(error).__name__}: {error}"
        _failed(run, key, report, detail, LAYOUT, f"FAILED, not saved: the file is not in the layout expected "
                f"({detail})")
        return
    finally:
        report.received += run.fetcher.tally.bytes
    final = run.destination / path
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(staged, final)
    report.downloaded.append(manifest_writer.manifest_entry(
        final, path, "download", source_url=sources[0], source_urls=sources,
        retrieved_at=manifest_writer.utc_now(), imported_from=None, imported_at=None, validated=True))
    progress(f"{heading}: valid ({summary}), saved: {size_words(final.stat().st_size)}, "
             f"{size_words(run.fetcher.tally.bytes)} received")
    logger.info("downloaded %s from %s", final, sources[0])


def _failed(run: DownloadRun, key: str, report: DownloadReport, reason: str, advice: str, line: str,
            detail: str | None = None) -> None:
    """Record and report one failed file (never saved): what went wrong, then what to do."""
    (run.staging / Path(BY_KEY[key].path).name).unlink(missing_ok=True)
    report.failed[key] = reason
    todo = ADVICE[advice].format(key=key)
    lines = [f"{run.fetcher.file}: {line}", *([detail] if detail else []),
             f"    Publisher: {BY_KEY[key].publisher}. What to do: {todo}."]
    run.fetcher.progress("\n".join(lines))


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
