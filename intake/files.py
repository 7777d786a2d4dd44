"""Partners' files as bytes, read safely in memory: what a file is (magic numbers), whether a workbook may be opened
(zip-bomb and XML-declaration checks before anything is expanded), its sheets' rows (openpyxl), and the text of
a CSV (UTF-8, UTF-16 with a BOM, else line by line Windows-1252). Shared by the upload reader and the checklist
progress upload; each words the faults its own way where it needs to."""

from __future__ import annotations

import codecs
import csv
import enum
import io
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

MB = 1024 * 1024
MAX_UNCOMPRESSED = 200 * MB
MAX_RATIO = 100
RATIO_CHECKED_FROM = 1 * MB  # smaller members may be as compressible as they like
MAX_ZIP_MEMBERS = 10_000
LISTED = 10  # line numbers listed in a note before "and N more"

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"{\\rtf", "a rich-text (RTF) document"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class Fault(enum.StrEnum):
    """Why a whole file cannot be read."""

    DAMAGED_ZIP = "damaged_zip"
    TOO_MANY_PARTS = "too_many_parts"
    TOO_LARGE_UNZIPPED = "too_large_unzipped"
    COMPRESSION_RATIO = "compression_ratio"
    WORD = "word"
    POWERPOINT = "powerpoint"
    OPENDOCUMENT = "opendocument"
    NOT_WORKBOOK = "not_workbook"  # a zip archive of something else
    XML_DECLARATIONS = "xml_declarations"
    UNREADABLE_WORKBOOK = "unreadable_workbook"  # openpyxl could not read it
    UNREADABLE_UTF16 = "unreadable_utf16"


class Unreadable(Exception):  # noqa: N818 (a finding about a partner's file, not a failure of the app)
    """The whole file cannot be read: ``fault`` says why, ``message`` in words ("the file ..."); ``detail`` is the
    reader's own error, where there is one."""

    def __init__(self, fault: Fault, message: str, detail: str = ""):
        super().__init__(message)
        self.fault, self.message, self.detail = fault, message, detail


def sniff_binary(data: bytes) -> str | None:
    """What a file that is neither text nor a workbook is ('a PNG image', ...), or None."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "a WebP image"
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "a HEIC/AVIF image"
    if data.startswith(b"MZ") and b"\x00" in data[:256]:
        return "a program"
    return None


def is_zip(data: bytes) -> bool:
    return data.startswith(_ZIP)


def is_ole(data: bytes) -> bool:
    """An Excel 97-2003 workbook, or any password-protected Office file."""
    return data.startswith(_OLE)


def has_utf16_bom(data: bytes) -> bool:
    return data.startswith(_UTF16_BOMS)


def describe_size(size: int) -> str:
    """'2.5 MB', '12.0 KB' or '800 bytes'."""
    if size >= 0.1 * MB:
        return f"{size / MB:,.1f} MB"
    return f"{size / 1024:,.1f} KB" if size >= 1024 else f"{size:,} bytes"


def check_workbook_zip(data: bytes, accepted: str, max_uncompressed: int = MAX_UNCOMPRESSED) -> None:
    """Raise Unreadable unless ``data`` is an .xlsx that may be opened: its declared sizes (Python's zipfile never
    inflates a member past them) and compression ratios within the limits, and no XML part with a DTD.
    ``accepted`` says what to upload instead (e.g. 'upload a CSV (.csv) or Excel (.xlsx) file')."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise Unreadable(Fault.DAMAGED_ZIP, f"the Excel workbook is damaged and cannot be opened ({error})",
                         str(error)) from error
    with archive:
        _check_sizes(archive.infolist(), max_uncompressed)
        _check_kind(archive, accepted)
        _check_declarations(archive)


def _check_sizes(members: list[zipfile.ZipInfo], max_uncompressed: int) -> None:
    if len(members) > MAX_ZIP_MEMBERS:
        raise Unreadable(Fault.TOO_MANY_PARTS, f"the workbook holds {len(members):,} parts, more than the "
                                               f"{MAX_ZIP_MEMBERS:,} allowed: it cannot be opened safely")
    total = sum(member.file_size for member in members)
    if total > max_uncompressed:
        raise Unreadable(Fault.TOO_LARGE_UNZIPPED, (
            f"the workbook would expand to {describe_size(total)} when opened, more than the "
            f"{max_uncompressed // MB} MB allowed: it cannot be opened safely (a 'zip bomb' or a very large "
            "workbook). Save the data as CSV, or split it"))
    for member in members:
        if member.file_size > RATIO_CHECKED_FROM and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            ratio = member.file_size / max(member.compress_size, 1)
            raise Unreadable(Fault.COMPRESSION_RATIO, (
                f"the workbook part {member.filename} is compressed {ratio:,.0f} to 1, more than the {MAX_RATIO} "
                "to 1 allowed: it cannot be opened safely (a 'zip bomb'?)"))


def _check_kind(archive: zipfile.ZipFile, accepted: str) -> None:
    names = set(archive.namelist())
    if "xl/workbook.xml" in names:
        return
    if "word/document.xml" in names:
        raise Unreadable(Fault.WORD, f"the file is a Word document, not a spreadsheet: {accepted}")
    if "ppt/presentation.xml" in names:
        raise Unreadable(Fault.POWERPOINT, f"the file is a PowerPoint presentation, not a spreadsheet: {accepted}")
    if "mimetype" in names and b"opendocument.spreadsheet" in archive.read("mimetype")[:100]:
        raise Unreadable(Fault.OPENDOCUMENT, "the file is an OpenDocument spreadsheet (.ods): save it as Excel "
                                             "Workbook (.xlsx) or CSV and upload that")
    raise Unreadable(Fault.NOT_WORKBOOK, f"the file is a zip archive, not an Excel workbook: {accepted} itself")


def _check_declarations(archive: zipfile.ZipFile) -> None:
    """A DTD must come before the root element; Excel never writes one, and entities can expand without end."""
    for member in archive.infolist():
        if member.filename.endswith((".xml", ".rels")):
            with archive.open(member) as part:
                start = part.read(1024).upper()
            if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
                raise Unreadable(Fault.XML_DECLARATIONS, (
                    f"the workbook part {member.filename} holds XML declarations (DOCTYPE or ENTITY) that Excel "
                    "never writes: it cannot be opened safely"))


def _unreadable_workbook(error: Exception) -> Unreadable:
    return Unreadable(Fault.UNREADABLE_WORKBOOK, f"the file could not be read as an Excel workbook "
                                                 f"({type(error).__name__}: {error})", type(error).__name__)


@contextmanager
def open_workbook(data: bytes, accepted: str, max_uncompressed: int = MAX_UNCOMPRESSED) -> Iterator:
    """The checked workbook, opened read-only with values (not formulas), closed afterwards."""
    import openpyxl  # imported here: a CSV does not need it

    check_workbook_zip(data, accepted, max_uncompressed)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many types for a damaged workbook: all mean the same here
        raise _unreadable_workbook(error) from error
    try:
        yield workbook
    finally:
        workbook.close()


def is_blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def sheet_rows(sheet) -> Iterator[tuple[int, list]]:
    """(spreadsheet row number, cells) of each non-blank row of an openpyxl sheet."""
    sheet.reset_dimensions()  # a bogus <dimension> must not make every row 16,384 cells wide
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except Exception as error:  # openpyxl reads the sheet's XML lazily: a damaged part fails here
            raise _unreadable_workbook(error) from error
        number += 1
        if cells and any(not is_blank(cell) for cell in cells):
            yield number, list(cells)


def lines_listed(numbers: list[int]) -> str:
    """'line 3' or 'lines 3, 5, 8 and 2 more'."""
    listed = ", ".join(str(n) for n in numbers[:LISTED])
    more = f" and {len(numbers) - LISTED} more" if len(numbers) > LISTED else ""
    return f"{'line' if len(numbers) == 1 else 'lines'} {listed}{more}"


def decode_text(data: bytes) -> tuple[str, str, list[str]]:
    """Text of a CSV: UTF-8 (with or without BOM), UTF-16 with a BOM, else line by line UTF-8 or Windows-1252.
    Returns (text, encoding, notes)."""
    if has_utf16_bom(data):
        try:
            return data.decode("utf-16"), "utf-16", ["read as UTF-16 text"]
        except UnicodeDecodeError as error:
            raise Unreadable(Fault.UNREADABLE_UTF16, f"the file starts as UTF-16 text but byte {error.start} "
                                                     "cannot be read") from error
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8):] if bom else data
    try:
        return body.decode("utf-8"), "utf-8-sig" if bom else "utf-8", []
    except UnicodeDecodeError:
        pass
    return _decode_lines(body)


def _decode_lines(body: bytes) -> tuple[str, str, list[str]]:
    parts, cp1252_lines, utf8_lines, replaced = [], [], [], 0
    for number, line in enumerate(body.splitlines(keepends=True), start=1):
        try:
            text = line.decode("utf-8")
            if not line.isascii():
                utf8_lines.append(number)
        except UnicodeDecodeError:
            text = line.decode("cp1252", errors="replace")
            replaced += text.count("\ufffd") - line.count("\ufffd".encode())
            cp1252_lines.append(number)
        parts.append(text)
    notes = []
    if utf8_lines:
        encoding = "utf-8 and windows-1252"
        verbs = "is not UTF-8 and was" if len(cp1252_lines) == 1 else "are not UTF-8 and were"
        notes.append(f"mixed encodings: {lines_listed(cp1252_lines)} {verbs} read as Windows-1252, the other lines "
                     "as UTF-8: check accented letters on those lines")
    else:
        encoding = "windows-1252"
        notes.append("read as Windows-1252 (the file is not UTF-8)")
    if replaced:
        notes.append(f"{replaced} character(s) could not be read in any encoding and show as \ufffd")
    return "".join(parts), encoding, notes


def csv_rows(text: str, delimiter: str = ",", limit: int | None = None) -> list[tuple[int, list[str]]]:
    """Non-blank records as (record number, cells); at most ``limit`` of them (None: all). Raises csv.Error."""
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, cells in enumerate(reader, start=1):
        if any(cell.strip() for cell in cells):
            rows.append((number, cells))
            if limit is not None and len(rows) >= limit:
                break
    return rows
