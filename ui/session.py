"""What one page of a session hands to another: the partners' files read on the Your data page, which the board
pack puts in the pack. Kept in ``st.session_state`` only: never on disk, in a cache or in the URL."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from intake.uploads import UploadResult
from ui import keys


@dataclass(frozen=True)
class PartnerFile:
    """One partner's file, read and checked: ``file_id`` tells files apart by name and content."""

    file_id: str
    name: str
    result: UploadResult


def file_id(name: str, data: bytes) -> str:
    """The same name and bytes give the same id, so a file uploaded twice is listed once."""
    return hashlib.sha256(name.encode() + b"\0" + data).hexdigest()


def _files() -> dict[str, PartnerFile]:
    return st.session_state.setdefault(keys.YOUR_DATA_FILES, {})


def partner_files() -> tuple[PartnerFile, ...]:
    """The files in this session, in the order they were added."""
    return tuple(st.session_state.get(keys.YOUR_DATA_FILES, {}).values())


def partner_results() -> tuple[UploadResult, ...]:
    """What the board pack includes: the checked rows of every file in this session."""
    return tuple(partner.result for partner in partner_files())


def add_partner_file(name: str, data: bytes, read: Callable[[str, bytes], UploadResult]) -> None:
    """Read a file into this session's list (``read(name, data)``), unless the same file is there already."""
    identity = file_id(name, data)
    files = _files()
    if identity not in files:
        files[identity] = PartnerFile(identity, name, read(name, data))


def remove_partner_file(identity: str) -> None:
    """Take a file out of this session: it leaves the Your data page and the board pack alike."""
    _files().pop(identity, None)
