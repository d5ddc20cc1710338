"""What a matcher kind is. Each kind of wording rule in a pack (`any`, `near`, ...) is one
module of this package that builds one MatcherKind: everything fazhi does with that kind,
from the pack's YAML to a match in a sentence, in one place.

The kinds belong to the packs stage, which comes before matching (docs/design.md): a kind's
`find` is written against what matching lends it (WordFinder, SentenceText below, which
checker.match.matchers' MatchContext and Sentence are), and says where the claim holds as
(offset, wording); matching makes the Hit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

S = TypeVar("S")

# (offset in the sentence, the wording found there, as evidence shows it)
Spot = tuple[int, str]

# (the path below the kind's key in the claim, what is wrong): a problem of one claim's spec
SpecProblem = tuple[tuple[str | int, ...], str]


class SentenceText(Protocol):
    """A sentence of the report as matching cuts it."""

    @property
    def text(self) -> str: ...


class Numbers(Protocol):
    """The reading conventions a kind uses (rules/language.yaml)."""

    @property
    def quantity(self) -> re.Pattern[str]: ...


class WordFinder(Protocol):
    """Where a term stands as a whole word in a sentence (outside the name of a law), and
    the reading conventions."""

    @property
    def language(self) -> Numbers: ...

    def occurrences(self, sentence: Any, term: str) -> list[int]: ...

    def first(self, sentence: Any, terms: Iterable[str]) -> Spot | None: ...


def no_problems(raw: Any) -> list[SpecProblem]:
    """For a kind whose schema branch says all there is to say."""
    return []


def terms_ref() -> dict[str, str]:
    """The schema's list of wordings ($defs/terms: at least one, none empty)."""
    return {"$ref": "#/$defs/terms"}


@dataclass(frozen=True)
class MatcherKind(Generic[S]):
    name: str                                   # the claim's key in a pack
    spec: type[S]                               # the typed arguments, with their defaults
    parse: Callable[[Any], S]                   # the claim's value, once the schema accepted it
    terms: Callable[[S], tuple[str, ...]]       # for the dictionary and the term index
    describe: Callable[[S], str]                # what `fazhi explain` (and docs/rules.md) prints
    find: Callable[[S, SentenceText, WordFinder], Spot | None]
    schema: Callable[[], dict[str, Any]]        # the kind's branch of $defs/claim
    check: Callable[[Any], list[SpecProblem]] = no_problems   # what the schema cannot say
    # False for a kind judged from the report's parts rather than sentence by sentence
    matches_sentences: bool = True
    # groups of strings a sentence must hold one of each of for `find` to hold in it (a
    # necessary condition only), so matching passes over the others without trying them
    needs: Callable[[S], tuple[tuple[str, ...], ...]] | None = None
