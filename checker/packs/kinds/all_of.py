"""`all: [[a, b], [c]]` — a sentence with a wording of every group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.packs.kinds.base import MatcherKind, SentenceText, Spot, WordFinder, terms_ref


@dataclass(frozen=True)
class AllSpec:
    groups: tuple[tuple[str, ...], ...]


def parse(raw: list[list[str]]) -> AllSpec:
    return AllSpec(tuple(tuple(group) for group in raw))


def terms(spec: AllSpec) -> tuple[str, ...]:
    return tuple(t for group in spec.groups for t in group)


def describe(spec: AllSpec) -> str:
    return "all in one sentence: " + " + ".join("(" + "|".join(g) + ")" for g in spec.groups)


def find(spec: AllSpec, sentence: SentenceText, ctx: WordFinder) -> Spot | None:
    firsts = [ctx.first(sentence, group) for group in spec.groups]
    found = [f for f in firsts if f]
    if len(found) < len(firsts):
        return None
    # at the first group's wording, even when another group's comes earlier
    return (found[0][0], "+".join(f[1] for f in found))


def schema() -> dict[str, Any]:
    return {"type": "array", "minItems": 1, "items": terms_ref()}


def needs(spec: AllSpec) -> tuple[tuple[str, ...], ...]:
    return spec.groups


KIND = MatcherKind("all", AllSpec, parse, terms, describe, find, schema, needs=needs)
