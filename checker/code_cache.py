"""What every start of the `fazhi` command compiles, kept compiled between runs: the methods
`dataclasses` writes and the regular expressions modules compile as they are imported.

For every class it decorates, `dataclasses` writes the source of `__init__`, `__repr__`,
`__eq__`, `__hash__` (for a frozen class also `__setattr__` and `__delattr__`) and compiles
it with `exec`: for fazhi's ~80 dataclasses that was the largest single cost of a cold
`fazhi check` (~40 ms of ~190). And modules compile regular expressions when they are
imported (jieba's, tomllib's, fazhi's own): sre's parser is written in Python, ~15 ms more.

Here `dataclasses`' `exec` is given the code compiled from the same source text on an
earlier run, and `re` the sre code it compiled the same expression with the same flags
to; anything not seen before is compiled as usual, and kept. Nothing else changes: the same
text compiled with the same flags is the same code, and a kept expression is kept only when
it gives back a pattern equal to the one `re` compiled (checker/cache.py checks that).

The code is kept in one file of the cache folder (checker/paths.py), in `marshal`'s format.
Code is only valid for the interpreter that made it: the file's name carries a digest of
the interpreter's exact version, and its first line repeats it, followed by a checksum of
the rest; a mismatch, a damaged or unreadable file means compiling everything as usual. The
file is written atomically, and only by a run that compiled something new, so processes
running at once each read a whole file.

Where `dataclasses` or `re` compile otherwise than through the calls replaced here (they
are looked for, not assumed: Python 3.11 and 3.12 have them), that part is left alone.

A function of the same kind — pure, its arguments strings and numbers, its result made of
tuples, strings and numbers — can keep its results here too (`kept_results`): what
`checker.packs.literals.needed` reads from each expression with sre's parser (written in
Python: ~20 ms of a cold check) is the same for the same expression and interpreter.
"""

import _sre
import builtins
import dataclasses
import functools
import marshal
import re
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from checker.paths import cache_dir

# The interpreter the kept code is for: bytecode, marshal's format and sre's code all
# differ between versions, and code one interpreter made must never run in another.
INTERPRETER = repr((sys.implementation.cache_tag, sys.hexversion, sys.version, marshal.version,
                    _sre.MAGIC, _sre.CODESIZE, sys.flags.optimize)).encode()
# The file's layout: a fazhi that keeps other kinds of code has a file of its own, so two
# versions used by turns (an upgrade, a benchmark against another checkout) do not each
# refuse and rewrite the other's file at every start.
FORMAT = 2           # 2: methods, patterns and results
FILE_NAME = (f"compiled-code-v{FORMAT}-{sys.implementation.cache_tag}-{zlib.crc32(INTERPRETER):08x}"
             ".marshal")
MAX_KEPT = 4096     # of each kind: sources change as fazhi does, a file must not grow forever

_CODE = type(compile("", "", "exec"))


class KeptCode:
    """The compiled code of earlier runs (read from `path`), and of this one."""

    def __init__(self, path: Path | None):
        self.path = path
        kept = _read(path) if path is not None else {"methods": {}, "patterns": {}, "results": {}}
        # each kept in marshal's bytes, loaded when asked for: a run pays for what it uses
        self.methods: dict[str, bytes] = kept["methods"]       # source text -> its code
        self.patterns: dict[tuple, bytes] = kept["patterns"]   # (pattern, flags) -> sre's arguments
        self.results: dict[tuple, bytes] = kept["results"]     # (function, *arguments) -> its result
        self.new_patterns: dict[tuple, re.Pattern] = {}
        self.compiled_new = False
        self._compile_pattern = None

    def exec(self, source, globals=None, locals=None, /, **options):
        """`exec` for `dataclasses`: a source text is replaced by its kept code."""
        if type(source) is str:
            code = _loaded(self.methods.get(source))
            if type(code) is not _CODE:
                code = compile(source, "<string>", "exec", dont_inherit=True)
                self.methods[source] = marshal.dumps(code)
                self.compiled_new = True
            source = code
        return builtins.exec(source, globals, locals, **options)

    def compile_pattern(self, pattern, flags=0):
        """`re._compiler.compile`: a pattern restored from its kept sre code."""
        if type(pattern) not in (str, bytes):   # re.Scanner compiles a parsed pattern
            return self._compile_pattern(pattern, flags)
        key = (pattern, int(flags))
        arguments = _loaded(self.patterns.get(key))
        if type(arguments) is tuple:
            try:
                return _sre.compile(*arguments)
            except Exception:   # sre refuses the code: compile it as if never kept
                del self.patterns[key]
        compiled = self._compile_pattern(pattern, flags)
        if not flags & re.DEBUG:    # DEBUG prints as it compiles: it must compile
            self.new_patterns[key] = compiled
            self.compiled_new = True
        return compiled

    def save(self) -> None:
        """Write the kept code, atomically, when this run compiled something new."""
        if not self.compiled_new or self.path is None:
            return
        from checker.cache import _compile_arguments, write_atomically
        for key, compiled in self.new_patterns.items():
            arguments = _compile_arguments(compiled)
            if arguments is not None:
                self.patterns[key] = marshal.dumps(arguments)
        kept = {"methods": _bounded(self.methods), "patterns": _bounded(self.patterns),
                "results": _bounded(self.results)}
        try:
            body = marshal.dumps(kept)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.path, b"%s\n%08x\n" % (INTERPRETER, zlib.crc32(body)) + body)
        except (OSError, ValueError):
            pass     # a cache folder that cannot be written (or code marshal refuses) costs speed
        self.new_patterns.clear()
        self.compiled_new = False


    def result(self, key: tuple, compute: Callable[[], tuple]) -> tuple:
        """The kept result for `key`, or `compute()`'s, kept from now on."""
        found = _loaded(self.results.get(key))
        if type(found) is tuple:
            return found
        value = compute()
        try:
            self.results[key] = marshal.dumps(value)
            self.compiled_new = True
        except ValueError:     # not made of marshal's types: computed again next time
            pass
        return value


_INSTALLED: KeptCode | None = None     # what `install` put in place in this process


def kept_results(function: Callable[..., tuple]) -> Callable[..., tuple]:
    """`function` (pure; its arguments strings and numbers; its result a tuple of
    strings, numbers and tuples) with its results kept between runs when the kept code is
    installed (the `fazhi` command), and for the process in any case."""
    name = f"{function.__module__}.{function.__qualname__}"

    @functools.lru_cache(maxsize=4096)
    def kept(*arguments):
        # an argument of another type (an enum flag, say) would make the whole file fail to marshal
        if _INSTALLED is None or not all(type(a) in (str, int, float) for a in arguments):
            return function(*arguments)
        return _INSTALLED.result((name, *arguments), lambda: function(*arguments))
    kept.__wrapped__ = function  # type: ignore[attr-defined]
    kept.__doc__ = function.__doc__
    return kept


def _bounded(kept: dict) -> dict:
    """At most MAX_KEPT entries, the latest kept."""
    return kept if len(kept) <= MAX_KEPT else dict(list(kept.items())[-MAX_KEPT:])


def _loaded(data: bytes | None):
    try:
        return None if data is None else marshal.loads(data)
    except Exception:   # damaged: compiled as if never kept
        return None


def _read(path: Path) -> dict:
    """The code kept in `path`; none when it is missing, damaged or another interpreter's."""
    nothing: dict = {"methods": {}, "patterns": {}, "results": {}}
    try:
        with open(path, "rb") as handle:
            interpreter, checksum, body = handle.read().split(b"\n", 2)
        if interpreter != INTERPRETER or int(checksum, 16) != zlib.crc32(body):
            return nothing
        kept = marshal.loads(body)
    except Exception:   # missing, unreadable or damaged: compile as if never kept
        return nothing
    if (type(kept) is not dict or set(kept) != set(nothing)
            or not all(type(s) is str and type(c) is bytes for s, c in kept["methods"].items())
            or not all(type(k) is tuple and type(a) is bytes for kind in ("patterns", "results")
                       for k, a in kept[kind].items())):
        return nothing
    return kept


def _dataclasses_exec() -> bool:
    """Whether `dataclasses` compiles the methods it writes by calling the global `exec`."""
    create_fn = getattr(dataclasses, "_create_fn", None)
    return (create_fn is not None and "exec" in create_fn.__code__.co_names
            and "exec" not in vars(dataclasses))


def _re_compiler():
    """The module whose `compile` `re` calls for an expression not in its cache, if any."""
    compiler = getattr(re, "_compiler", None)
    if compiler is None or not callable(getattr(compiler, "compile", None)):
        return None
    names = re._compile.__code__.co_names     # type: ignore[attr-defined]
    return compiler if "_compiler" in names and "compile" in names else None


def install() -> KeptCode:
    """From now on in this process, `dataclasses` and `re` are given the kept code."""
    try:
        path = cache_dir() / FILE_NAME
    except RuntimeError:    # no home folder to keep a cache in: compile as usual
        path = None
    global _INSTALLED
    kept = _INSTALLED = KeptCode(path)
    if _dataclasses_exec():
        dataclasses.exec = kept.exec  # type: ignore[attr-defined]  # shadows the builtin there only
    compiler = _re_compiler()
    if compiler is not None:
        kept._compile_pattern = compiler.compile
        compiler.compile = kept.compile_pattern
    return kept
