"""A small keyed file cache: derived data (dictionary, compiled packs) survives between runs.

Entries are written atomically; a corrupt or unreadable entry is treated as missing, and a
cache directory that cannot be written only costs speed, never correctness.

Compiled regular expressions in an entry are kept compiled. Python pickles a compiled
pattern as its source text and compiles it again on loading: for the ~250 patterns of
rules/language.yaml that was most of a cold start's loading time (sre's parser and
optimiser are written in Python). Here a pattern is pickled with the code sre compiled it
to, and restored straight from that code (`_sre.compile`, what `re.compile` itself ends
with). The code is only valid for the interpreter that made it, so it carries that
interpreter's tag; under another one, or if anything about it does not fit, the pattern is
compiled from its text as usual. Before a pattern's code is kept, it is checked to give back
a pattern equal to the original (sre compares patterns by flags, text and code).
"""

from __future__ import annotations

import _sre
import hashlib
import io
import os
import pickle
import re
import sys
import tempfile
from pathlib import Path

from checker.paths import cache_dir

if sys.version_info >= (3, 11):
    from re import _compiler, _parser
else:   # sre_compile and sre_parse are deprecated names from 3.11 on
    import sre_compile as _compiler
    import sre_parse as _parser


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
    """Keep `value` under `kind` and `key`; its compiled patterns are kept compiled."""
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        write_atomically(directory / f"{kind}-{key}.pickle", pickled(value))
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


# --- compiled patterns, kept compiled ------------------------------------------------------

# The interpreter and the version of sre's code a kept pattern was compiled for.
INTERPRETER = (sys.implementation.cache_tag, sys.version, _sre.MAGIC, _sre.CODESIZE)


def pickled(value: object) -> bytes:
    """`pickle.dumps(value)`, with every compiled `re` pattern in it kept as its code."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj):
        if isinstance(obj, re.Pattern):
            arguments = _compile_arguments(obj)
            if arguments is not None:
                return restore, (INTERPRETER, arguments)
        return NotImplemented


def restore(interpreter: tuple, arguments: tuple) -> re.Pattern:
    """The pattern `arguments` were compiled to; compiled from its text again under another
    interpreter or when sre refuses the code."""
    pattern, flags = arguments[0], arguments[1]
    if interpreter == INTERPRETER:
        try:
            return _sre.compile(*arguments)
        except Exception:  # damaged or foreign code: compile it as if never kept
            pass
    return re.compile(pattern, flags)


def _compile_arguments(compiled: re.Pattern) -> tuple | None:
    """The arguments `re.compile` gave `_sre.compile` for this pattern (as in
    re._compiler.compile), or None when they do not give back an equal pattern."""
    try:
        parsed = _parser.parse(compiled.pattern, compiled.flags)
        # the opcodes are named ints, which do not pickle: plain ints
        code = [int(op) for op in _compiler._code(parsed, compiled.flags)]  # type: ignore[attr-defined]
        groupindex = parsed.state.groupdict
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        arguments = (compiled.pattern, compiled.flags | parsed.state.flags, code,
                     parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if _sre.compile(*arguments) == compiled:
            return arguments
    except Exception:  # an sre that works otherwise than this expects: keep the text only
        pass
    return None
