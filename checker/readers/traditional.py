"""Reports written in Traditional characters: detect them and give a Simplified copy.

Matching runs on Simplified text, but evidence columns must point into the lines as
written, so every converted line keeps the original's length (character by character
where a phrase conversion would change it).
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from opencc import OpenCC

# Share of Han characters that change under t2s above which a text counts as Traditional.
# Simplified text scores near 0 (a few characters such as 著 differ); Traditional ~20-40%.
_TRADITIONAL_SHARE = 0.08
_MIN_CHANGED = 3


@lru_cache(maxsize=1)
def _t2s() -> OpenCC:
    return OpenCC("t2s")


@lru_cache(maxsize=8192)
def _simplify_char(ch: str) -> str:
    converted = _t2s().convert(ch)
    return converted if len(converted) == 1 else ch


def is_traditional(lines: tuple[str, ...]) -> bool:
    # each distinct character is looked at once, however often it occurs
    counts = Counter("".join(lines))
    han = sum(n for ch, n in counts.items() if _is_han(ch))
    changed = sum(n for ch, n in counts.items() if _is_han(ch) and _simplify_char(ch) != ch)
    return changed >= _MIN_CHANGED and changed / han >= _TRADITIONAL_SHARE


def simplify_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(simplify_line(line) for line in lines)


def simplify_line(line: str) -> str:
    """The line in Simplified characters, exactly as long as the original."""
    converted = _t2s().convert(line)
    if len(converted) == len(line):
        return converted
    return "".join(_simplify_char(ch) for ch in line)


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"
