"""A refresh of an open-data folder (download, import or the starter build) is written into a new sibling folder
(``<folder>.new-<pid>``), seeded with a copy of the data in use, and swapped in only when it is complete and valid:
the folder in use is renamed away (``<folder>.old-<pid>``), the new one renamed into its place, then the old one
deleted. A refresh that fails or is interrupted deletes its new folder and leaves the folder in use as it was.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from acquire.progress import Progress
from core.web_layer import LEVELS

logger = logging.getLogger(__name__)

NEW, OLD = "new", "old"  # the two sibling folders of a refresh: <folder>.new-<pid> and <folder>.old-<pid>
# Left inside a folder by a write that was cut short (a manifest or a download's staging folder): never copied.
_TEMPORARY = (".manifest-*", ".download-*", *(f".{level}-*" for level in LEVELS))


def sibling(folder: Path, role: str, pid: int | None = None) -> Path:
    """``<folder>.<role>-<pid>`` beside ``folder`` (this process's id by default)."""
    return folder.with_name(f"{folder.name}.{role}-{os.getpid() if pid is None else pid}")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, run by another user
        return True
    return True


def _left_behind(folder: Path, role: str) -> list[tuple[Path, int]]:
    """The ``<folder>.<role>-<pid>`` siblings whose process is no longer running."""
    found = []
    for path in folder.parent.glob(f"{folder.name}.{role}-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            found.append((path, int(pid)))
    return found


def recover(folder: Path, progress: Progress = print) -> None:
    """Tidy up after a refresh that was killed: put back a folder renamed away just before the swap, and delete
    new folders no running refresh owns."""
    for path, _ in _left_behind(folder, OLD):
        if not folder.exists():
            os.rename(path, folder)
            progress(f"{folder}: put back from {path.name}, left by a refresh that was stopped mid-swap")
        else:
            shutil.rmtree(path, ignore_errors=True)
    for path, _ in _left_behind(folder, NEW):
        shutil.rmtree(path, ignore_errors=True)
        logger.info("deleted %s, left by a refresh that did not finish", path)


def target_of(folder: Path) -> Path:
    """The real folder a refresh replaces (a link to a folder is followed, so the link itself stays)."""
    return Path(folder).expanduser().resolve()


@contextlib.contextmanager
def staged(folder: Path, seed: Path | None, progress: Progress = print) -> Iterator[Path]:
    """A new sibling folder of ``folder`` holding a copy of ``seed`` (the data a refresh starts from; None for an
    empty one). It is deleted on the way out unless ``swap_in`` moved it into place."""
    folder = target_of(folder)
    recover(folder, progress)
    staging = sibling(folder, NEW)
    shutil.rmtree(staging, ignore_errors=True)
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        if seed is not None and Path(seed).is_dir():
            # Copies, never links: a file rewritten in the new folder must not change the folder in use.
            shutil.copytree(seed, staging, ignore=shutil.ignore_patterns(*_TEMPORARY))
        else:
            staging.mkdir()
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(staging: Path, folder: Path) -> None:
    """Put ``staging`` in the place of ``folder``: the old folder is renamed away, the new one renamed in, then the
    old one deleted. If the second rename fails the old folder is put back."""
    folder = target_of(folder)
    old = sibling(folder, OLD)
    had_old = folder.exists()
    if had_old:
        os.rename(folder, old)
    try:
        os.rename(staging, folder)
    except OSError:
        if had_old:
            os.rename(old, folder)
        raise
    if had_old:
        shutil.rmtree(old, ignore_errors=True)
