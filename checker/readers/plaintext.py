"""Plain text and Markdown reports: decode, split into lines, one Location per line."""

from __future__ import annotations

from checker.readers.decoding import decode_text
from checker.source import SourceText


def read_plaintext(path: str, raw: bytes, encoding: str | None = None) -> SourceText:
    text, used = decode_text(path, raw, encoding)
    fmt = "md" if path.lower().endswith(".md") else "txt"
    return SourceText.from_text(path, text, fmt, used)
