"""Read a report file of any supported format into a SourceText.

One module per format; `read_report` picks the reader by file suffix. Every failure is a
ReportReadError with a stable code and a one-line message naming the file; no other
exception escapes for a bad file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib
import re
from pathlib import Path

from checker.readers.legacy import LIBREOFFICE_SUFFIXES, read_legacy
from checker.readers.limits import LIMITS, RAISE_HINT, ReadingLimits
from checker.readers.rawfile import load_bytes
from checker.readers.source import ReportReadError, SourceText

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# suffix -> (module, function); a reader is imported on first use, so checking a .txt
# draft never pays for importing python-docx or pdfminer (the pre-commit hook's cold start).
# Every reader is called as reader(path, raw bytes, forced encoding, limits).
_READERS: dict[str, tuple[str, str]] = {
    ".txt": ("plaintext", "read_plaintext"),
    ".md": ("plaintext", "read_plaintext"),
    ".html": ("webpage", "read_html"),
    ".htm": ("webpage", "read_html"),
    ".docx": ("word", "read_docx_file"),
    ".pdf": ("pdf", "read_pdf_file"),
}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS) + LIBREOFFICE_SUFFIXES
# Documents a report may come as that no reader here reads: an audit lists them as
# unreadable with what to do, never passes over them (suffix -> what to do).
UNREADABLE_DOCUMENTS = {
    ".ofd": "export it as PDF from an OFD reader (数科阅读器, 福昕 OFD)",
    ".xps": "print it to PDF", ".oxps": "print it to PDF",
    ".pages": "export it as .docx or PDF from Pages",
    ".caj": "export it as PDF from CAJViewer",
    ".uof": "open it in WPS or Yozo Office and save it as .docx",
    ".zip": "unpack the archive into the folder and audit again",
    ".rar": "unpack the archive into the folder and audit again",
    ".7z": "unpack the archive into the folder and audit again",
}
DOCUMENT_SUFFIXES: tuple[str, ...] = SUPPORTED_SUFFIXES + tuple(UNREADABLE_DOCUMENTS)


def is_supported(path: str | Path) -> bool:
    """Whether `read_report` can read a file of this name (.doc, .wps, .rtf, .odt through
    LibreOffice, when it is installed)."""
    return Path(path).suffix.lower() in SUPPORTED_SUFFIXES


def read_report(path: str | Path, *, encoding: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES, limits: ReadingLimits = LIMITS) -> SourceText:
    path = Path(path)
    where, suffix = str(path), path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise ReportReadError(where, "unsupported", _unsupported_reason(suffix))
    raw = load_bytes(path, max_bytes)
    digest = hashlib.sha256(raw).hexdigest()   # the file as submitted: what decisions are kept against
    if suffix in LIBREOFFICE_SUFFIXES:
        return finished(read_legacy(where, raw, limits), digest, limits)
    module, function = _READERS[suffix]
    reader = getattr(importlib.import_module(f"checker.readers.{module}"), function)
    return finished(reader(where, raw, encoding, limits), digest, limits)


def open_docx_report(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES,
                     limits: ReadingLimits = LIMITS):
    """A .docx report read as `read_report` reads it, with the opened python-docx Document
    and the paragraph of each line (checker.readers.word.DocxLines), for `fazhi annotate`."""
    from checker.readers.word import open_docx
    raw = load_bytes(Path(path), max_bytes)
    source, document, lines = open_docx(str(path), raw, limits)
    return finished(source, hashlib.sha256(raw).hexdigest(), limits), document, lines


def finished(source: SourceText, digest: str, limits: ReadingLimits = LIMITS) -> SourceText:
    """What every reader's text goes through: refused when blank or too long, a Simplified
    copy when it is in Traditional characters, the file's digest."""
    _refuse_blank(source)
    refuse_too_long(source, limits)
    return dataclasses.replace(_with_simplified(source), sha256=digest)


def refuse_too_long(source: SourceText, limits: ReadingLimits) -> None:
    """The limits on text, for every format, before any step whose cost grows with it: a
    page or a PDF of a million short lines costs what a text file of them does."""
    def refuse(count: int, what: str, limit: int):
        return ReportReadError(source.path, "too-large",
                               f"file has {count} {what}, over the limit of {limit} ({RAISE_HINT})")
    if len(source.lines) > limits.lines:
        raise refuse(len(source.lines), "lines", limits.lines)
    chars = sum(len(word) for line in source.lines for word in line.split())   # blanks are cheap
    if chars > limits.chars:
        raise refuse(chars, "characters", limits.chars)
    sentences = count_sentences(source.lines)
    if sentences > limits.sentences:
        raise refuse(sentences, "sentences", limits.sentences)


def count_sentences(lines) -> int:
    """Sentences as the matchers cut them (checker.match.matchers.split_sentences): the
    non-blank stretches between terminators (rules/language.yaml) and line ends."""
    from checker.language.load import load_language
    ends = re.compile(f"[{re.escape(load_language().terminators)}\\n]")
    return sum(1 for stretch in ends.split("\n".join(lines)) if stretch.strip())


def _unsupported_reason(suffix: str) -> str:
    allowed = ", ".join(SUPPORTED_SUFFIXES)
    reason = f"unsupported file type {suffix or '(none)'!r}"
    if suffix in UNREADABLE_DOCUMENTS:
        return f"{reason}: {UNREADABLE_DOCUMENTS[suffix]} ({allowed} are read)"
    return f"{reason}; expected one of {allowed}"


def _refuse_blank(source: SourceText) -> None:
    if not any(line.strip() for line in source.lines):
        raise ReportReadError(source.path, "empty", "file has no text (only whitespace)")


def _with_simplified(source: SourceText) -> SourceText:
    from checker.readers.traditional import is_traditional, simplify_lines
    if not is_traditional(source.lines):
        return source
    return dataclasses.replace(source, simplified=simplify_lines(source.lines))
