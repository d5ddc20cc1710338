"""Load a report file's bytes, turning every filesystem problem into a ReportReadError.

Reading the whole file once, up front, lets each format reader work on bytes in memory
and keeps the size limit in one place.
"""

from __future__ import annotations

import stat
from pathlib import Path

from checker.readers.source import ReportReadError


def load_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; refuses missing, unreadable, oversized and empty files, folders,
    devices and pipes."""
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
    if stat.S_ISDIR(info.st_mode):
        raise ReportReadError(where, "unreadable", "is a directory, not a report file")
    if not stat.S_ISREG(info.st_mode):  # /dev/zero or a pipe would be read forever
        raise ReportReadError(where, "unreadable", "not a regular file (a device, pipe or socket)")
    return info.st_size


def _reason(exc: OSError) -> str:
    return (exc.strerror or exc.__class__.__name__).replace("\n", " ")
