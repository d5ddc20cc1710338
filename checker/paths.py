"""Where the shipped packs, schemas and the cache live."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


@lru_cache(maxsize=1)      # where the package is installed does not change while it runs
def shipped_rules_dir() -> Path:
    """rules/ installed as the data package `checker.rules`, or the source checkout's rules/."""
    installed = PACKAGE_DIR / "rules"
    if (installed / "core.yaml").is_file():
        return installed
    return PACKAGE_DIR.parent / "rules"


def schema_path(name: str) -> Path:
    return PACKAGE_DIR / "schemas" / name


def cache_dir() -> Path:
    """Per-user cache for the prebuilt dictionary and compiled packs (FAZHI_CACHE_DIR wins)."""
    override = os.environ.get("FAZHI_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "fazhi"


MAX_SETTINGS_BYTES = 1024 * 1024     # a rule pack, the language file, a config file


class TooLarge(OSError):
    """A file over the limit its reader sets."""


def read_settings_file(path: str | Path, limit: int = MAX_SETTINGS_BYTES) -> bytes:
    """The bytes of a rule pack, a config or the language file: only a regular file, and at
    most `limit` bytes. /dev/zero would be read until memory runs out and a pipe with no
    writer would block forever; stat says neither is large, so size alone does not tell."""
    import stat
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)    # opening a FIFO must not block
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError("not a regular file (a pipe or a device); name a file")
        chunks, size = [], 0
        while size <= limit and (chunk := os.read(fd, limit + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > limit:
        raise TooLarge(f"larger than {limit} bytes")
    return data
