"""Read a report file of any supported format into a SourceText.

One module per format; `read_report` picks the reader by file suffix. Every failure is a
ReportReadError with a stable code and a one-line message naming the file.
"""

from __future__ import annotations

from pathlib import Path

from checker.source import ReportReadError, SourceText

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_report(path: str | Path, *, encoding: str | None = None,
                max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ReportReadError(str(path), "not-found", "no such file") from None
    except OSError as exc:
        raise ReportReadError(str(path), "unreadable", exc.strerror or str(exc)) from None
    if len(raw) > max_bytes:
        raise ReportReadError(str(path), "too-large", f"file is larger than {max_bytes} bytes")
    text = raw.decode(encoding or "utf-8-sig")
    fmt = "md" if path.suffix.lower() == ".md" else "txt"
    return SourceText.from_text(str(path), text, fmt, encoding or "utf-8")


SUPPORTED_SUFFIXES = (".txt", ".md")
