"""`section: leader-duty` — the report has a part with that role. Such an element is judged
from the report's headings (checker.judge.sections), not sentence by sentence: this kind
contributes no wordings and never matches a sentence; it names the role the element asks for."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from checker.packs.kinds.base import MatcherKind, SentenceText, Spot, WordFinder

# The parts rules/language.yaml declares (`parts`), in the order the schema's error message
# has always listed them; packs come before the language stage, so tests/test_language.py
# checks that the two lists agree.
ROLES = ("achievements", "leader-duty", "shortcomings", "next-steps", "other")


@dataclass(frozen=True)
class SectionSpec:
    role: str


def parse(raw: str) -> SectionSpec:
    return SectionSpec(raw)


def terms(spec: SectionSpec) -> tuple[str, ...]:
    return ()


def describe(spec: SectionSpec) -> str:
    return f"a part of the report with the role {spec.role}"


def find(spec: SectionSpec, sentence: SentenceText, ctx: WordFinder) -> Spot | None:
    return None


def schema() -> dict[str, Any]:
    return {"enum": list(ROLES)}


def asked_roles(specs: Iterable[object]) -> set[str]:
    """The roles that the section claims among `specs` ask for."""
    return {s.role for s in specs if isinstance(s, SectionSpec)}


KIND = MatcherKind("section", SectionSpec, parse, terms, describe, find, schema,
                   matches_sentences=False)
