"""Typed, immutable form of a rule pack. Built by checker.packs.load from validated YAML."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from checker.packs.kinds import KINDS, Spec
from checker.packs.kinds.section import asked_roles


@dataclass(frozen=True)
class Basis:
    document: str
    issuer: str = ""
    number: str = ""
    article: str = ""
    date: str = ""
    note: str = ""


@dataclass(frozen=True)
class Claim:
    """One wording rule: a matcher kind (`any`, `all`, `near`, ...) with its arguments."""

    kind: str                     # a key of checker.packs.kinds.KINDS
    spec: Spec                    # that kind's arguments (NearSpec for `near`, ...)
    label: str = ""
    partial: bool = False         # evidence from this claim alone makes the element partial
    unless: tuple[str, ...] = ()  # a sentence containing one of these does not count

    @cached_property
    def wordings(self) -> tuple[str, ...]:
        """The wordings it matches on, worked out once (every report's check asks)."""
        return KINDS[self.kind].terms(self.spec)


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True)
class Figure:
    """A key figure an element carries (出庭率, 受理复议案件数): what it is called, its unit,
    and the wordings that introduce it in a sentence. Read by checker.judge.figures."""

    id: str                           # unique within the element: appearance-rate
    title: str                        # what an inspector calls it: 负责人出庭率
    unit: str                         # the unit it is shown in: %, 件, 名, 次
    wordings: tuple[str, ...]         # the number follows one: 出庭率达100%, 审结45件
    counted: tuple[str, ...] = ()     # the number comes right before one: 40多名律师作为政府法律顾问
    units: tuple[str, ...] = ()       # other units it may be written in: 起, 宗 for 件
    context: tuple[str, ...] = ()     # the sentence, or the one before it, names one of these
    between: tuple[str, ...] = ()     # the wording and what follows it up to the number name one
    adjacent: bool = False            # ... unless the number follows the wording right away
    unless: tuple[str, ...] = ()      # a sentence naming one of these is about something else

    @property
    def accepted_units(self) -> tuple[str, ...]:
        return (self.unit,) + self.units


@dataclass(frozen=True)
class Element:
    id: str
    pack: str
    title: str
    severity: str
    weight: float
    basis: tuple[Basis, ...]
    claims: tuple[Claim, ...]
    hint: str
    met: str
    partial: str = ""
    since: int | None = None
    parts: tuple[Part, ...] = ()
    plans: tuple[str, ...] = ()
    gaps: tuple[str, ...] = ()
    folded_from: tuple[str, ...] = ()
    met_when: str = "found"
    source: str = ""              # file:line where the element is defined
    figures: tuple[Figure, ...] = ()
    requires_figure: tuple[str, ...] = ()   # figure ids a claim must state to be met
    short: str = ""               # short name for table headers (the title when not given)

    @cached_property
    def all_claims(self) -> tuple[tuple[Claim, str | None], ...]:
        """Its claims and its parts' claims, each with the part's id (None for its own)."""
        return tuple((c, None) for c in self.claims) + tuple((c, p.id) for p in self.parts for c in p.claims)

    @cached_property
    def own_wordings(self) -> frozenset[str]:
        """The wordings of all its claims and its gap wordings."""
        return frozenset(t for c, _ in self.all_claims for t in c.wordings) | frozenset(self.gaps)

    @cached_property
    def asked_roles(self) -> frozenset[str]:
        """The parts of the report its section claims ask for (none: not a section element)."""
        return frozenset(asked_roles(c.spec for c in self.claims))

    def figure(self, figure_id: str) -> Figure:
        return next(f for f in self.figures if f.id == figure_id)


@dataclass(frozen=True)
class Pack:
    name: str
    title: str
    elements: tuple[Element, ...]
    description: str = ""
    source: str = ""
    extends: str | None = None
    version: str = ""             # the pack's own `version:`, "" when it gives none
    digest: str = ""              # of its rules as loaded: equal digests, equal rules


@dataclass(frozen=True)
class PackSet:
    """The packs in force for a run, in order; element ids are unique across them."""

    packs: tuple[Pack, ...]
    disabled: frozenset[str] = field(default_factory=frozenset)

    @property
    def elements(self) -> tuple[Element, ...]:
        return tuple(e for p in self.packs for e in p.elements if e.id not in self.disabled)

    def element(self, element_id: str) -> Element:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)

    def terms(self) -> set[str]:
        """Every wording the packs match on, for the segmenter's user dictionary."""
        return set(self.term_set)

    @cached_property
    def term_set(self) -> frozenset[str]:
        """The same, worked out once per PackSet (every report's check asks for it)."""
        found: set[str] = set()
        for element in self.elements:
            for claim in element.claims + tuple(c for p in element.parts for c in p.claims):
                found.update(claim_terms(claim))
            found.update(element.gaps)
            found.update(element.plans)
        return frozenset(found)


def claim_terms(claim: Claim) -> tuple[str, ...]:
    """The wordings a claim matches on (none for `pattern` and `section`)."""
    return claim.wordings
