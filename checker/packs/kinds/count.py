"""`count: {at_least: 2, of: [a, b, c], with: [d]}` — a sentence naming at least `at_least`
of the wordings (and, when `with` is given, one of those too)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from checker.packs.kinds.base import MatcherKind, SentenceText, Spot, WordFinder, terms_ref


@dataclass(frozen=True)
class CountSpec:
    at_least: int
    of: tuple[str, ...]
    with_: tuple[str, ...] = ()       # `with` in the pack; empty: no wording required beside
    # the items may be named one per heading of a list of sibling headings
    # ((十七)建立专家咨询论证制度 / (十八)建立集体决策制度), as well as in one sentence
    across_headings: bool = False


def parse(raw: dict[str, Any]) -> CountSpec:
    return CountSpec(raw["at_least"], tuple(raw["of"]), tuple(raw.get("with", ())),
                     bool(raw.get("across_headings", False)))


def terms(spec: CountSpec) -> tuple[str, ...]:
    return spec.of + spec.with_


def describe(spec: CountSpec) -> str:
    text = f"at least {spec.at_least} of: {'、'.join(spec.of)}"
    text += f" (with {'|'.join(spec.with_)})" if spec.with_ else ""
    return text + (" (in one sentence, or across a list of sibling headings)" if spec.across_headings else "")


def find(spec: CountSpec, sentence: SentenceText, ctx: WordFinder) -> Spot | None:
    if spec.with_ and not ctx.first(sentence, spec.with_):
        return None
    named = [(found[0], term) for term in spec.of if term in sentence.text
             for found in [ctx.first(sentence, [term])] if found]
    if len(named) < spec.at_least:
        return None
    named.sort()
    return (named[0][0], "、".join(t for _, t in named))


def schema() -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": ["at_least", "of"],
            "properties": {"at_least": {"type": "integer", "minimum": 1}, "of": terms_ref(),
                           "with": terms_ref(), "across_headings": {"type": "boolean"}}}


def needs(spec: CountSpec) -> tuple[tuple[str, ...], ...]:
    return (spec.of, spec.with_) if spec.with_ else (spec.of,)


KIND = MatcherKind("count", CountSpec, parse, terms, describe, find, schema, needs=needs)
