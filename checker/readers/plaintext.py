"""Plain text and Markdown reports: decode, split into lines, one Location per line."""

from __future__ import annotations

from checker.readers.decoding import decode_text
from checker.readers.source import ReportReadError, SourceText

# A long annual report has a few thousand lines. Within the byte limit a file can hold
# twenty million empty ones, at some 400 bytes and 15 microseconds each: gigabytes, minutes.
MAX_LINES = 100_000


def read_plaintext(path: str, raw: bytes, encoding: str | None = None) -> SourceText:
    text, used = decode_text(path, raw, encoding)
    lines = max(text.count("\n"), text.count("\r")) + 1
    if lines > MAX_LINES:
        raise ReportReadError(path, "too-large", f"file has {lines} lines, over the limit of {MAX_LINES}")
    fmt = "md" if path.lower().endswith(".md") else "txt"
    return SourceText.from_text(path, text, fmt, used)
