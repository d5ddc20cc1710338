"""`quantity: {terms: [a], within: 6}` — a wording with a number or rate at most `within`
characters before or after it (the numbers are language.yaml's `quantity`)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from checker.packs.kinds.base import MatcherKind, SentenceText, Spot, WordFinder, terms_ref

DEFAULT_WITHIN = 6
MAX_WITHIN = 50


@dataclass(frozen=True)
class QuantitySpec:
    terms: tuple[str, ...]
    within: int = DEFAULT_WITHIN      # characters between the number and the wording, at most


def parse(raw: dict[str, Any]) -> QuantitySpec:
    return QuantitySpec(tuple(raw["terms"]), raw.get("within", DEFAULT_WITHIN))


def terms(spec: QuantitySpec) -> tuple[str, ...]:
    return spec.terms


def describe(spec: QuantitySpec) -> str:
    return f"a number or rate next to {'|'.join(spec.terms)}"


def find(spec: QuantitySpec, sentence: SentenceText, ctx: WordFinder) -> Spot | None:
    within = spec.within
    numbers = [m for m in ctx.language.quantity.finditer(sentence.text)]
    if not numbers:
        return None
    ends = [m.end() for m in numbers]   # sorted, as the matches do not overlap
    for term in spec.terms:
        if term not in sentence.text:
            continue
        for offset in ctx.occurrences(sentence, term):
            # the first number ending at most `within` before the term is the nearest candidate
            index = bisect_left(ends, offset - within)
            if index < len(numbers) and numbers[index].start() <= offset + len(term) + within:
                number = numbers[index]
                return (offset, f"{number.group(0)}{term}" if number.start() < offset
                           else f"{term}{number.group(0)}")
    return None


def schema() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": ["terms"],
            "properties": {"terms": terms_ref(),
                           "within": {"type": "integer", "minimum": 0, "maximum": MAX_WITHIN}}}


KIND = MatcherKind("quantity", QuantitySpec, parse, terms, describe, find, schema)
