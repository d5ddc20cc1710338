"""`pattern: [regex]` — a sentence matching one of the regular expressions (Python `re`
syntax, searched anywhere in the sentence; no word boundaries)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from checker.packs.kinds.base import MatcherKind, SentenceText, SpecProblem, Spot, WordFinder, terms_ref


@dataclass(frozen=True)
class PatternSpec:
    patterns: tuple[str, ...]         # as written: `re` caches the compiled forms


def parse(raw: list[str]) -> PatternSpec:
    return PatternSpec(tuple(raw))


def terms(spec: PatternSpec) -> tuple[str, ...]:
    return ()


def describe(spec: PatternSpec) -> str:
    return "text matching: " + "  ".join(spec.patterns)


def find(spec: PatternSpec, sentence: SentenceText, ctx: WordFinder) -> Spot | None:
    for pattern in spec.patterns:
        match = re.search(pattern, sentence.text)
        if match:
            return (match.start(), match.group(0))
    return None


def schema() -> dict[str, Any]:
    return terms_ref()


def check(raw: list[str]) -> list[SpecProblem]:
    """Every expression compiles."""
    problems: list[SpecProblem] = []
    for index, pattern in enumerate(raw):
        try:
            re.compile(pattern)
        except re.error as exc:
            problems.append(((index,), f"invalid regular expression: {exc}"))
    return problems


KIND = MatcherKind("pattern", PatternSpec, parse, terms, describe, find, schema, check=check)
