"""The text every match of a regular expression must contain, read from the expression
itself, so a sentence lacking it can be passed over without running the expression.

`needed("在(?P<span>[^。]{2,40}?)等(工作|领域)中")` is (('在',), ('等',), ('工作', '领域'),
('中',)): every match holds one string of each group. Only what the expression consumes
counts (look-arounds, anchors and negated or category classes are passed over), so the
groups are a necessary condition, never a sufficient one: an expression that cannot be
read so (a syntax this parser does not know, case-insensitive parts) needs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from checker.code_cache import kept_results

try:                                        # Python 3.11 on
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:                         # pragma: no cover - Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

Groups = tuple[tuple[str, ...], ...]

# a character class of more characters than this is no use as a filter ([\u4e00-\u9fff])
MAX_CLASS = 64
_C = sre_constants
_REPEATS = {getattr(_C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
            if hasattr(_C, name)}


@kept_results      # sre's parser is Python: kept between runs, like the compiled expressions
def needed(pattern: str, flags: int = 0) -> Groups:
    """Groups of strings, every match of `pattern` (compiled with `re` flags `flags`)
    holding one string of each group."""
    try:
        parsed = sre_parse.parse(pattern, flags)
    except Exception:       # any syntax the standard parser does not take: no filter
        return ()
    if parsed.state.flags & _C.SRE_FLAG_IGNORECASE:
        return ()
    return tuple(_groups(list(parsed)))


def needed_any(patterns: tuple[str, ...]) -> Groups:
    """What a match of any one of the patterns must contain: one group, the union of each
    pattern's most selective group, or nothing when one pattern needs nothing."""
    union: list[str] = []
    for pattern in patterns:
        groups = needed(pattern)
        if not groups:
            return ()
        union += _best(list(groups)) or ()
    return (tuple(dict.fromkeys(union)),)


def holds(text: str, groups: Groups) -> bool:
    """Whether `text` holds one string of each group."""
    return all(any(s in text for s in group) for group in groups)


def possible(patterns: Iterable[re.Pattern[str]], text: str) -> tuple[re.Pattern[str], ...]:
    """The compiled expressions that may match somewhere in `text` (a whole document, say):
    a line-by-line loop need not try the others on any of its lines."""
    return tuple(p for p in patterns if holds(text, needed(p.pattern, p.flags)))


def _groups(items: list[tuple[Any, Any]]) -> list[tuple[str, ...]]:
    """The groups of a sequence: each consumed item's, runs of literals joined."""
    groups: list[tuple[str, ...]] = []
    run = ""
    for op, av in items:
        if op is _C.LITERAL:
            run += chr(av)
            continue
        if run:
            groups.append((run,))
            run = ""
        item = _item(op, av)
        if item:
            groups.append(item)
    if run:
        groups.append((run,))
    return groups


def _item(op: Any, av: Any) -> tuple[str, ...] | None:
    """The most selective group of one item that every match of it holds, or None."""
    if op is _C.IN:
        return _class(av)
    if op in _REPEATS:
        low, _, sub = av
        return _best(_groups(list(sub))) if low >= 1 else None
    if op is _C.SUBPATTERN:
        _, add_flags, _, sub = av
        return None if add_flags & _C.SRE_FLAG_IGNORECASE else _best(_groups(list(sub)))
    if op is getattr(_C, "ATOMIC_GROUP", object()):
        return _best(_groups(list(av)))
    if op is _C.BRANCH:
        union: list[str] = []
        for branch in av[1]:
            best = _best(_groups(list(branch)))
            if best is None:
                return None
            union += best
        return tuple(dict.fromkeys(union))
    return None             # look-arounds, anchors, any character, back references


def _class(items: list[tuple[Any, Any]]) -> tuple[str, ...] | None:
    chars: list[str] = []
    for op, av in items:
        if op is _C.LITERAL:
            chars.append(chr(av))
        elif op is _C.RANGE and av[1] - av[0] < MAX_CLASS:
            chars += [chr(c) for c in range(av[0], av[1] + 1)]
        else:               # a negation, a category (\d) or a wide range
            return None
    return tuple(dict.fromkeys(chars)) if 0 < len(chars) <= MAX_CLASS else None


def _best(groups: list[tuple[str, ...]]) -> tuple[str, ...] | None:
    """Of several groups all needed, the one fewest texts hold: few alternatives, long ones."""
    if not groups:
        return None
    return min(groups, key=lambda g: (len(g), -min(len(s) for s in g)))
