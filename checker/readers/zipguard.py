"""Refuse a .docx (or an .odt handed to LibreOffice) that is not a sane zip before anything
inflates it.

A zip bomb declares few bytes on disk and gigabytes inflated; checking the declared entry
count and sizes first costs nothing, and zipfile never inflates past a declared size.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from checker.readers.limits import LIMITS, RAISE_HINT, ReadingLimits
from checker.readers.source import ReportReadError

MAX_ENTRIES = 2000
BROKEN = "not a valid .docx (broken zip archive)"
_BROKEN_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, ValueError, EOFError)
MAX_UNCOMPRESSED = 200 * 1024 * 1024
# what Word, WPS and LibreOffice write, and what zipfile inflates
_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
MAX_RATIO = 200          # per entry; real Word XML compresses about 5-20 times


def check_docx_zip(path: str, raw: bytes, limits: ReadingLimits = LIMITS) -> None:
    entries = checked_zip_entries(path, raw, "bad-docx", ".docx")
    unsupported = next((e for e in entries if e.compress_type not in _READABLE), None)
    if unsupported is not None:
        raise _unsupported(path, f"compression {unsupported.compress_type} in {unsupported.filename}")
    if not any(entry.filename == "word/document.xml" for entry in entries):
        raise ReportReadError(path, "bad-docx", "not a Word document (no word/document.xml)")
    _check_paragraphs(path, raw, limits.lines)


def _unsupported(path: str, what: str) -> ReportReadError:
    return ReportReadError(path, "bad-docx", f"not a .docx fazhi can open (unsupported zip: {what})")


def _count_paragraphs(raw: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open("word/document.xml") as xml:
        paragraphs, tail = 0, b""
        while chunk := xml.read(1 << 20):
            block = tail + chunk
            paragraphs += block.count(b"<w:p>") + block.count(b"<w:p ") + block.count(b"<w:p/>")
            tail = block[-4:]   # a tag cut between two chunks is found in the next; four
            # bytes hold no whole tag, so none is counted twice
    return paragraphs


def _check_paragraphs(path: str, raw: bytes, limit: int) -> None:
    """The line limit, counted in the XML before python-docx builds an object per
    paragraph (a million empty ones took 73 s and 485 MB)."""
    try:
        paragraphs = _count_paragraphs(raw)
    except _BROKEN_ZIP:         # a damaged entry: the header was fine, the data is not
        raise ReportReadError(path, "bad-docx", BROKEN) from None
    except NotImplementedError as exc:
        raise _unsupported(path, str(exc)) from None
    if paragraphs > limit:
        raise ReportReadError(path, "too-large", f"document has {paragraphs} paragraphs, "
                                                 f"over the limit of {limit} ({RAISE_HINT})")


def checked_zip_entries(path: str, raw: bytes, code: str, what: str) -> list[zipfile.ZipInfo]:
    """The zip's entries, once its declared count and sizes are within the limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except _BROKEN_ZIP:
        raise ReportReadError(path, code, f"not a valid {what} (broken zip archive)") from None
    except NotImplementedError as exc:   # a zip version or compression zipfile cannot read
        raise ReportReadError(path, code, f"not a {what} fazhi can open (unsupported zip: {exc})") from None
    _check_limits(path, entries, code)
    return entries


def _check_limits(path: str, entries: list[zipfile.ZipInfo], code: str) -> None:
    if len(entries) > MAX_ENTRIES:
        raise ReportReadError(path, code, f"zip has {len(entries)} entries, over {MAX_ENTRIES}")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED:
        raise ReportReadError(
            path, code, f"zip inflates to {total} bytes, over {MAX_UNCOMPRESSED} (zip bomb?)")
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise ReportReadError(
                path, code, f"zip entry {entry.filename} is compressed suspiciously well (zip bomb?)")
