"""Load a report file's bytes, turning every filesystem problem into a ReportReadError.

Reading the whole file once, up front, lets each format reader work on bytes in memory
and keeps the size limit in one place.
"""

from __future__ import annotations

from pathlib import Path

from checker.source import ReportReadError


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; refuses missing, unreadable, directory, oversized and empty files."""
    where = str(path)
    size = _size_of(path)
    if size > max_bytes:
        raise ReportReadError(where, "too-large", f"file is {size} bytes, over the limit of {max_bytes}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ReportReadError(where, "unreadable", _reason(exc)) from None
    if not raw:
        raise ReportReadError(where, "empty", "file is empty")
    return raw


def _size_of(path: Path) -> int:
    where = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ReportReadError(where, "not-found", "no such file") from None
    except OSError as exc:
        raise ReportReadError(where, "unreadable", _reason(exc)) from None
    if path.is_dir():
        raise ReportReadError(where, "unreadable", "is a directory, not a report file")
    return info.st_size


def _reason(exc: OSError) -> str:
    return (exc.strerror or exc.__class__.__name__).replace("\n", " ")
