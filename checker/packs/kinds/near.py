"""`near: {terms: [a], with: [b], within: 20}` — a wording with a partner wording at most
`within` characters before or after it, in one sentence."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from checker.packs.kinds.base import MatcherKind, SentenceText, Spot, WordFinder, terms_ref

DEFAULT_WITHIN = 20
MAX_WITHIN = 200


@dataclass(frozen=True)
class NearSpec:
    terms: tuple[str, ...]
    with_: tuple[str, ...]            # `with` in the pack
    within: int = DEFAULT_WITHIN      # characters between the two wordings, at most


def parse(raw: dict[str, Any]) -> NearSpec:
    return NearSpec(tuple(raw["terms"]), tuple(raw["with"]), raw.get("within", DEFAULT_WITHIN))


def terms(spec: NearSpec) -> tuple[str, ...]:
    return spec.terms + spec.with_


def describe(spec: NearSpec) -> str:
    return f"{'|'.join(spec.terms)} within {spec.within} characters of {'|'.join(spec.with_)}"


def find(spec: NearSpec, sentence: SentenceText, ctx: WordFinder) -> Spot | None:
    within = spec.within
    partners = [(t, ctx.occurrences(sentence, t)) for t in spec.with_ if t in sentence.text]
    partners = [(t, offsets) for t, offsets in partners if offsets]
    if not partners:
        return None
    for term in spec.terms:
        if term not in sentence.text:
            continue
        for offset in ctx.occurrences(sentence, term):
            for p_term, offsets in partners:
                if _any_between(offsets, offset - within - len(p_term), offset + len(term) + within):
                    return (offset, f"{term}…{p_term}")
    return None


def _any_between(offsets: list[int], low: int, high: int) -> bool:
    """Whether the sorted `offsets` hold one in [low, high]: a span starting there is at most
    `within` characters from the term (a bisection, so long lines are not quadratic)."""
    index = bisect_left(offsets, low)
    return index < len(offsets) and offsets[index] <= high


def schema() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": ["terms", "with"],
            "properties": {"terms": terms_ref(), "with": terms_ref(),
                           "within": {"type": "integer", "minimum": 0, "maximum": MAX_WITHIN}}}


def needs(spec: NearSpec) -> tuple[tuple[str, ...], ...]:
    return (spec.terms, spec.with_)


KIND = MatcherKind("near", NearSpec, parse, terms, describe, find, schema, needs=needs)
