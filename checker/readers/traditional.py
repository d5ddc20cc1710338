"""Reports written in Traditional characters: detect them and give a Simplified copy.

Matching runs on Simplified text, but evidence columns must point into the lines as
written, so every converted line keeps the original's length (character by character
where a phrase conversion would change it).

Detection looks each character up in a table of the characters OpenCC's t2s changes:
made once with OpenCC (~0.5 s), then kept in the cache, so a report in Simplified
characters (nearly all of them) is read without loading OpenCC's dictionaries.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc

from checker import cache

# Share of Han characters that change under t2s above which a text counts as Traditional.
# Simplified text scores near 0 (a few characters such as 著 differ); Traditional ~20-40%.
_TRADITIONAL_SHARE = 0.08
_MIN_CHANGED = 3


HAN_RANGES = (("\u4e00", "\u9fff"), ("\u3400", "\u4dbf"), ("\uf900", "\ufaff"))


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def _changed_characters() -> dict[str, str]:
    """{Han character: the one character t2s makes of it}, for those it changes."""
    key = cache.key_for(_opencc_fingerprint(), HAN_RANGES, Path(__file__).read_bytes())
    table = cache.load("traditional", key)
    if not isinstance(table, dict):
        table = {}
        for low, high in HAN_RANGES:
            for code in range(ord(low), ord(high) + 1):
                converted = _t2s().convert(chr(code))
                if len(converted) == 1 and converted != chr(code):
                    table[chr(code)] = converted
        cache.store("traditional", key, table)
    return table


def _opencc_fingerprint() -> list[tuple[str, int, int]]:
    """The installed OpenCC's code and dictionaries: another version makes another table."""
    package = Path(opencc.__file__).parent
    files = sorted([package / "opencc.py", *package.glob("config/*"), *package.glob("dictionary/*")])
    return [(f.name, f.stat().st_size, f.stat().st_mtime_ns) for f in files]


def _simplify_char(ch: str) -> str:
    return _changed_characters().get(ch, ch)


# the Han characters of HAN_RANGES, counted in one pass over a text
_HAN = re.compile("[" + "".join(f"{low}-{high}" for low, high in HAN_RANGES) + "]")


def is_traditional(lines: tuple[str, ...]) -> bool:
    text = "".join(lines)
    # the changing characters a text holds are few in Simplified text: each counted once
    changed = sum(text.count(ch) for ch in set(text) & _changed_characters().keys())
    if changed < _MIN_CHANGED:
        return False
    return changed / len(_HAN.findall(text)) >= _TRADITIONAL_SHARE


def simplify_lines(lines: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(simplify_line(line) for line in lines)


def simplify_line(line: str) -> str:
    """The line in Simplified characters, exactly as long as the original."""
    converted = _t2s().convert(line)
    if len(converted) == len(line):
        return converted
    return "".join(_simplify_char(ch) for ch in line)

