"""`any: [a, b]` — a sentence with one of the wordings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.packs.kinds.base import MatcherKind, SentenceText, Spot, WordFinder, terms_ref


@dataclass(frozen=True)
class AnySpec:
    terms: tuple[str, ...]


def parse(raw: list[str]) -> AnySpec:
    return AnySpec(tuple(raw))


def terms(spec: AnySpec) -> tuple[str, ...]:
    return spec.terms


def describe(spec: AnySpec) -> str:
    return "any of: " + "、".join(spec.terms)


def find(spec: AnySpec, sentence: SentenceText, ctx: WordFinder) -> Spot | None:
    return ctx.first(sentence, spec.terms)


def schema() -> dict[str, Any]:
    return terms_ref()


KIND = MatcherKind("any", AnySpec, parse, terms, describe, find, schema)
