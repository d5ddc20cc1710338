"""`pattern: [regex]` — a sentence matching one of the regular expressions (Python `re`
syntax, searched anywhere in the sentence; no word boundaries).

A pack's expression is someone else's code run on every sentence: `(a+)+$` backtracks for
ever on 28 characters with Python's `re`. They run on the `regex` engine, which takes the
same syntax (look-arounds included, which the shipped placeholder patterns need) and stops
a search after PATTERN_TIMEOUT seconds; the report is then listed with an error naming the
expression, and the rest of the batch goes on. The engine is imported when an expression is
first compiled (~7 ms of a cold start that may run none)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.packs.kinds.base import MatcherKind, SentenceText, SpecProblem, Spot, WordFinder, terms_ref
from checker.packs.literals import needed_any


@dataclass(frozen=True)
class PatternSpec:
    patterns: tuple[str, ...]         # as written; compiled once (`_compiled`)


# seconds per search (the engine may overrun it a few times); a normal one takes microseconds
PATTERN_TIMEOUT = 0.2


class PatternTimeout(Exception):
    """A pack expression that ran away on a sentence of the report."""

    def __init__(self, pattern: str):
        super().__init__(f"the pack's pattern {pattern!r} took over {PATTERN_TIMEOUT:g} s on one "
                         "sentence (it backtracks without bound); simplify the pattern")
        self.pattern = pattern


@lru_cache(maxsize=256)
def _compiled(pattern: str):
    import regex
    return regex.compile(pattern, regex.VERSION0)


def parse(raw: list[str]) -> PatternSpec:
    return PatternSpec(tuple(raw))


def terms(spec: PatternSpec) -> tuple[str, ...]:
    return ()


def describe(spec: PatternSpec) -> str:
    return "text matching: " + "  ".join(spec.patterns)


def find(spec: PatternSpec, sentence: SentenceText, ctx: WordFinder) -> Spot | None:
    for pattern in spec.patterns:
        try:
            match = _compiled(pattern).search(sentence.text, timeout=PATTERN_TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(pattern) from None
        if match:
            return (match.start(), match.group(0))
    return None


def schema() -> dict[str, Any]:
    return terms_ref()


def check(raw: list[str]) -> list[SpecProblem]:
    """Every expression compiles."""
    import regex
    problems: list[SpecProblem] = []
    for index, pattern in enumerate(raw):
        try:
            re.compile(pattern)     # Python's syntax, and its familiar messages
            _compiled(pattern)      # and the engine that runs it
        except (re.error, regex.error) as exc:
            problems.append(((index,), f"invalid regular expression: {exc}"))
    return problems


def needs(spec: PatternSpec) -> tuple[tuple[str, ...], ...]:
    """The characters or words one of the expressions needs (literals.needed_any): the
    placeholder patterns need an X or a *, which few sentences hold."""
    return needed_any(spec.patterns)


KIND = MatcherKind("pattern", PatternSpec, parse, terms, describe, find, schema, check=check,
                   needs=needs)
