"""A small keyed file cache: derived data (dictionary, compiled packs) survives between runs.

Entries are written atomically; a corrupt or unreadable entry is treated as missing, and a
cache directory that cannot be written only costs speed, never correctness.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from checker import compiled_regex
from checker.paths import cache_dir


def key_for(*parts: object) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def load(kind: str, key: str):
    path = cache_dir() / f"{kind}-{key}.pickle"
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)  # our own cache files only
    except Exception:  # a missing or damaged cache entry is rebuilt, whatever the cause
        return None


def store(kind: str, key: str, value: object) -> None:
    """Keep `value` under `kind` and `key`; its compiled patterns are kept compiled
    (checker/compiled_regex.py)."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomically(directory / f"{kind}-{key}.pickle", compiled_regex.dumps(value))
    except OSError:
        pass  # read-only home, full disk: run without a cache


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename over it: never a partial file."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
