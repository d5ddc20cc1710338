"""Judge each element of the packs against one understood document: its evidence, the
stance of each piece, the stance of the element, its parts and its status."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from checker.judge.results import ElementResult, Evidence, PartResult
from checker.judge.scoring import STATUS_SCORE
from checker.judge.stance import NO_CLAIM, sentence_stances
from checker.language.model import StanceRule
from checker.match.matchers import Hit, MatchContext, Rejection, Sentence, TermIndex, claim_hits
from checker.packs.kinds import KINDS
from checker.packs.model import Claim, Element
from checker.readers.source import SourceText
from checker.understand.cues import problem_cue, refers_back
from checker.understand.document import Document
from checker.understand.language import Language

STANCE_ORDER = ("achieved", "problem", "planned")     # the order `also` lists them in


@dataclass(frozen=True)
class Found:
    """One matching sentence for a claim of an element (or of one of its parts)."""

    hit: Hit
    claim: Claim
    part: str | None
    stance: str
    why: str


def find_evidence(element: Element, document: Document, index: TermIndex,
                  ctx: MatchContext) -> list[Found]:
    """Every sentence that satisfies one of the element's wordings, with its stance, and the
    sentences right after them that go on to admit a gap in it (see _gaps_by_reference)."""
    claims = element.all_claims
    own = element.own_wordings
    named = _named(element, claims, document, index, ctx, own)
    found = [f for f in named if f.stance != NO_CLAIM]
    if element.met_when != "not-found":
        found += _gaps_by_reference(named, element, index, ctx.language, own)
    return sorted(found, key=lambda f: (f.hit.sentence.index, f.part or ""))


def _named(element: Element, claims, document: Document, index: TermIndex, ctx: MatchContext,
           own: frozenset[str]) -> list[Found]:
    """The sentences that satisfy a wording, once per sentence and part, each with its
    stance, or NO_CLAIM for one that names the element but claims nothing (logged for
    `fazhi explain`)."""
    named: list[Found] = []
    seen: set[tuple[int, str | None]] = set()
    for claim, part in claims:
        if not KINDS[claim.kind].matches_sentences:
            continue
        for hit in claim_hits(claim, index, ctx):
            if (hit.sentence.index, part) in seen:
                continue
            seen.add((hit.sentence.index, part))
            foreign = _foreign_between(hit.sentence.text, index, own)
            before = paragraph_before(index.sentences, hit.sentence, ctx.language.requirement_reach)
            for stance, why in _stances_of(hit, element, document, ctx.language, foreign, before):
                if stance == NO_CLAIM:
                    _reject(ctx, hit, why)
                named.append(Found(hit, claim, part, stance, why))
    return named


def paragraph_before(sentences: list[Sentence], sentence: Sentence, reach: int) -> tuple[str, ...]:
    """The texts of up to `reach` sentences before this one in its paragraph."""
    texts: list[str] = []
    index = sentence.index - 1
    while index >= 0 and len(texts) < reach and one_paragraph(sentences[index], sentence):
        texts.append(sentences[index].text)
        index -= 1
    return tuple(reversed(texts))


def one_paragraph(one: Sentence, other: Sentence) -> bool:
    """On one line and under one heading: a page that lost its line breaks has its
    headings inside the line."""
    return one.line == other.line and one.section == other.section


def _reject(ctx: MatchContext, hit: Hit, why: str) -> None:
    if ctx.rejections is not None:
        ctx.rejections.append(Rejection(hit.sentence, hit.term, why))


def _gaps_by_reference(named: list[Found], element: Element, index: TermIndex, language: Language,
                       own: frozenset[str]) -> list[Found]:
    """A sentence right after one naming the element (with a claim or not), in its paragraph,
    that goes on about the same thing (然而…, 这一制度…) with none of another element's
    wordings and admits a gap, admits it in this element: …已经全面覆盖。然而，制度实施效用
    发挥不足。 Followed sentence by sentence while each one refers back; never into the
    planned part."""
    taken = {(f.hit.sentence.index, f.part) for f in named}
    sources = {(f.hit.sentence.index, f.part): f for f in named}
    added: list[Found] = []
    for (number, part), source in sorted(sources.items(), key=lambda item: (item[0][0], item[0][1] or "")):
        following = number + 1
        while following < len(index.sentences) and (following, part) not in taken:
            sentence = index.sentences[following]
            if not one_paragraph(sentence, source.hit.sentence) or sentence.role == language.planned_part:
                break
            gap = _gap_going_on(sentence, element, index, language, own)
            if not gap:
                break
            reference, cue = gap
            taken.add((following, part))
            added.append(Found(Hit(sentence, 0, reference), source.claim, part, "problem",
                               f"admits a gap in it in the sentence after its wording ({reference} … {cue})"))
            following += 1
    return added


def _gap_going_on(sentence: Sentence, element: Element, index: TermIndex, language: Language,
                  own: frozenset[str]) -> tuple[str, str] | None:
    """(the reference, the gap cue) when the sentence refers back and admits a gap. A loose
    reference (但…制度…) holds only in a sentence with no other element's wordings."""
    found = refers_back(sentence.text, language)
    if not found:
        return None
    reference, explicit = found
    if not explicit and any(term not in own for _, term in index.positions(sentence.text)):
        return None
    cue = problem_cue(sentence.text, language, element.gaps)
    return (reference, cue) if cue else None


def _foreign_between(text: str, index: TermIndex, own: frozenset[str]):
    """A predicate: does another element's wording start in text[low:high]? Wordings inside
    one of this element's own do not count (审核 inside 重大执法决定法制审核 is ours)."""
    def between(low: int, high: int) -> bool:
        positions = index.positions(text[low:high])
        spans = [(s, s + len(t)) for s, t in positions if t in own]
        return any(term not in own and not any(a <= start < b for a, b in spans)
                   for start, term in positions)
    return between


def _stances_of(hit: Hit, element: Element, document: Document, language: Language,
                foreign=None, before: tuple[str, ...] = ()):
    if element.met_when == "not-found":
        return [("problem", "an unfilled template placeholder")]
    period = document.info.period
    return sentence_stances(hit.sentence.text, hit.offset, hit.sentence.role, document.info.kind,
                            language, gaps=element.gaps, plans=element.plans,
                            period_end=period[1] if period else None, foreign=foreign, before=before)


def main_stance(found: list[Found], rule: StanceRule) -> tuple[str, tuple[str, ...]]:
    """The element's stance and the other stances seen, by the rule for the document's kind
    (language.yaml `stance.main_stance`): a report by what it claims first, a plan by what it
    plans, other documents by what most of their sentences say of the element."""
    sentences = Counter(stance for stance, _ in {(f.stance, f.hit.sentence.index) for f in found})
    seen = [s for s in rule.order if sentences[s]]
    if not seen:
        return "absent", ()
    main = max(seen, key=lambda s: sentences[s]) if rule.by == "most" else seen[0]
    also = tuple(s for s in STANCE_ORDER if s in seen and s != main
                 and rule.listed_beside(s, main, sentences))
    return main, also


def judge_claims(element: Element, found: list[Found],
                 rule: StanceRule) -> tuple[str, str | None, tuple | None]:
    """(status, level, parts) from the evidence of an element judged by its wordings."""
    achieved = [f for f in found if f.stance == "achieved"]
    parts = _part_results(element, found, rule)
    level = _level(achieved)
    if not achieved:
        return "missing", None, parts
    if element.parts:
        done = {f.part for f in achieved if f.part}
        if len(done) == len(element.parts):
            return "met", "named", parts
        return "partial", ("some-named" if done else "generic"), parts
    whole = [f for f in achieved if not f.claim.partial]
    return ("met" if whole else "partial"), level, parts


def _level(achieved: list[Found]) -> str | None:
    ranked = sorted(achieved, key=lambda f: (f.claim.partial, f.hit.sentence.index))
    return ranked[0].claim.label if ranked else None


def _part_results(element: Element, found: list[Found], rule: StanceRule) -> tuple[PartResult, ...] | None:
    if not element.parts:
        return None
    results = []
    for part in element.parts:
        stance, _ = main_stance([f for f in found if f.part == part.id], rule)
        results.append(PartResult(part.id, part.title, stance))
    return tuple(results)


def to_evidence(found: Found, source: SourceText) -> Evidence:
    sentence = found.hit.sentence
    original = source.lines[sentence.line][sentence.start:sentence.start + len(sentence.text)]
    if sentence.listing:        # headings on several lines: quoted as read, joined
        original = sentence.text
    return Evidence(
        line=sentence.line + 1, column=sentence.start + found.hit.offset + 1,
        section=sentence.section, role=sentence.role, text=original.strip(),
        stance=found.stance, term=found.hit.term,
        where=source.locations[sentence.line].describe(), part=found.part, why=found.why)


def element_result(element: Element, status: str, stance: str, also, evidence, *,
                   parts=None, level=None) -> ElementResult:
    return ElementResult(
        id=element.id, pack=element.pack, title=element.title, severity=element.severity,
        weight=element.weight, status=status, stance=stance, also=tuple(also),
        score=STATUS_SCORE.get(status),
        applicable=True, hint=element.hint, evidence=tuple(evidence), parts=parts, level=level,
        figures_declared=tuple(f.id for f in element.figures), short=element.short or element.title)
