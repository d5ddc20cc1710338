"""Plain text and Markdown reports: decode, split into lines, one Location per line."""

from __future__ import annotations

from checker.readers.decoding import decode_text
from checker.readers.limits import LIMITS, RAISE_HINT, ReadingLimits
from checker.readers.source import ReportReadError, SourceText


def read_plaintext(path: str, raw: bytes, encoding: str | None = None,
                   limits: ReadingLimits = LIMITS) -> SourceText:
    text, used = decode_text(path, raw, encoding)
    lines = max(text.count("\n"), text.count("\r")) + 1
    if lines > limits.lines:     # before splitting: twenty million empty lines fit in 20 MB
        raise ReportReadError(path, "too-large",
                              f"file has {lines} lines, over the limit of {limits.lines} ({RAISE_HINT})")
    fmt = "md" if path.lower().endswith(".md") else "txt"
    return SourceText.from_text(path, text, fmt, used)
