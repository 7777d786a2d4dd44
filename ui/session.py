"""What one page of a session hands to another: the partners' files read on the Your data page, which the board
pack puts in the pack. Kept in ``st.session_state`` only: never on disk, in a cache or in the URL."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import streamlit as st

from intake.uploads import ColumnMapping, UploadResult
from ui import keys

Reader = Callable[[str, bytes, ColumnMapping | None], UploadResult]


@dataclass(frozen=True)
class PartnerFile:
    """One partner's file, read and checked: ``file_id`` tells files apart by name and content. Its bytes stay in
    this session's memory so that it can be read again with a column mapping (``mapping``, None: the template's
    column names)."""

    file_id: str
    name: str
    result: UploadResult
    data: bytes = field(default=b"", repr=False)
    mapping: ColumnMapping | None = None


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


def _mappings() -> dict[tuple[str, ...], ColumnMapping]:
    return st.session_state.setdefault(keys.YOUR_DATA_MAPPINGS, {})


def remembered_mapping(layout: tuple[str, ...]) -> ColumnMapping | None:
    """The mapping set this session for files with these column headers, if any."""
    return _mappings().get(layout) if layout else None


def add_partner_file(name: str, data: bytes, read: Reader) -> None:
    """Read a file into this session's list (``read(name, data, mapping)``), unless the same file is there
    already; a file laid out like one mapped earlier in the session is read with that mapping."""
    identity = file_id(name, data)
    files = _files()
    if identity in files:
        return
    result = read(name, data, None)
    mapping = remembered_mapping(result.layout)
    if mapping is not None:
        result = read(name, data, mapping)
    files[identity] = PartnerFile(identity, name, result, data, mapping)


def remap_partner_file(identity: str, mapping: ColumnMapping, read: Reader) -> None:
    """Read a file of this session again with ``mapping``, and remember the mapping for its layout."""
    files = _files()
    partner = files.get(identity)
    if partner is None:
        return
    result = read(partner.name, partner.data, mapping)
    if partner.result.layout:
        _mappings()[partner.result.layout] = mapping
    files[identity] = replace(partner, result=result, mapping=mapping)


def remove_partner_file(identity: str) -> None:
    """Take a file out of this session: it leaves the Your data page and the board pack alike."""
    _files().pop(identity, None)
