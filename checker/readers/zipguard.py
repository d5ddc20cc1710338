"""Refuse a .docx that is not a sane zip before python-docx inflates it.

A zip bomb declares few bytes on disk and gigabytes inflated; checking the declared entry
count and sizes first costs nothing, and zipfile never inflates past a declared size.
"""

from __future__ import annotations

import io
import zipfile

from checker.readers.source import ReportReadError

MAX_ENTRIES = 2000
MAX_UNCOMPRESSED = 200 * 1024 * 1024
# what Word, WPS and LibreOffice write, and what zipfile inflates
_READABLE = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
MAX_RATIO = 200          # per entry; real Word XML compresses about 5-20 times


def check_docx_zip(path: str, raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ReportReadError(path, "bad-docx", "not a valid .docx (broken zip archive)") from None
    except NotImplementedError as exc:   # a zip version or compression zipfile cannot read
        raise ReportReadError(path, "bad-docx",
                              f"not a .docx fazhi can open (unsupported zip: {exc})") from None
    _check_limits(path, entries)
    unsupported = next((e for e in entries if e.compress_type not in _READABLE), None)
    if unsupported is not None:
        raise ReportReadError(path, "bad-docx", "not a .docx fazhi can open (unsupported zip "
                              f"compression {unsupported.compress_type} in {unsupported.filename})")
    if not any(entry.filename == "word/document.xml" for entry in entries):
        raise ReportReadError(path, "bad-docx", "not a Word document (no word/document.xml)")
    _check_paragraphs(path, raw)


def _check_paragraphs(path: str, raw: bytes) -> None:
    """The line limit, counted in the XML before python-docx builds an object per
    paragraph (a million empty ones took 73 s and 485 MB)."""
    from checker.readers.plaintext import MAX_LINES
    with zipfile.ZipFile(io.BytesIO(raw)) as archive, archive.open("word/document.xml") as xml:
        paragraphs, tail = 0, b""
        while chunk := xml.read(1 << 20):
            block = tail + chunk
            paragraphs += block.count(b"<w:p>") + block.count(b"<w:p ") + block.count(b"<w:p/>")
            tail = block[-4:]   # a tag cut between two chunks is found in the next; four
            # bytes hold no whole tag, so none is counted twice
    if paragraphs > MAX_LINES:
        raise ReportReadError(path, "too-large",
                              f"document has {paragraphs} paragraphs, over the limit of {MAX_LINES}")


def _check_limits(path: str, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise ReportReadError(path, "bad-docx", f"zip has {len(entries)} entries, over {MAX_ENTRIES}")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNCOMPRESSED:
        raise ReportReadError(
            path, "bad-docx", f"zip inflates to {total} bytes, over {MAX_UNCOMPRESSED} (zip bomb?)")
    for entry in entries:
        if entry.file_size > 1024 * 1024 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise ReportReadError(
                path, "bad-docx", f"zip entry {entry.filename} is compressed suspiciously well (zip bomb?)")
