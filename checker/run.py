"""One report through the whole pipeline: read -> understand -> segment -> match -> score.

`check_source` is a pure function of its inputs, so it runs the same in a test, a thread,
a process pool or someone else's data pipeline. `check_path` turns a report that cannot be
read into a result with `errors`, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from checker.judge.evidence import (
    Found,
    element_result,
    find_evidence,
    judge_claims,
    main_stance,
    to_evidence,
)
from checker.judge.results import Evidence, ReadError, ReportResult
from checker.judge.scoring import (
    Gate,
    apply_applicability,
    missing_ids,
    pack_scores,
    passes,
    weighted_score,
)
from checker.judge.waivers import apply_waivers
from checker.match.matchers import MatchContext, TermIndex, split_sentences
from checker.match.segment import segmenter_for
from checker.packs.model import Element, PackSet
from checker.readers import DEFAULT_MAX_BYTES, read_report
from checker.readers.source import ReportReadError, SourceText
from checker.understand.document import INLINE_LEVEL, Document, understand
from checker.understand.language import load_language


@dataclass(frozen=True)
class Settings:
    gate: Gate = field(default_factory=Gate)
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    this_year: int | None = None       # for tests; the current year by default
    waivers: tuple = ()                # checker.waivers.Waiver from configuration


def check_path(path: str, packs: PackSet, settings: Settings = Settings()) -> ReportResult:
    try:
        source = read_report(path, encoding=settings.encoding, max_bytes=settings.max_bytes)
    except ReportReadError as exc:
        return ReportResult(file=str(path), document=None, score=None, passed=False,
                            missing=(), elements=(), errors=(ReadError(exc.code, exc.message),))
    return check_source(source, packs, settings)


@dataclass
class _Run:
    """Everything one report's check shares between its steps."""

    source: SourceText
    document: Document
    index: TermIndex
    context: MatchContext


def prepare(source: SourceText, packs: PackSet, settings: Settings, trace: bool = False) -> _Run:
    language = load_language()
    document = understand(source, language, this_year=settings.this_year)
    terms = packs.terms()
    sentences = split_sentences(document, language)
    context = MatchContext(segmenter_for(frozenset(terms)), language, trace=trace)
    return _Run(source, document, TermIndex(sentences, terms), context)


def check_source(source: SourceText, packs: PackSet, settings: Settings = Settings()) -> ReportResult:
    run = prepare(source, packs, settings)
    found = {e.id: find_evidence(e, run.document, run.index, run.context) for e in packs.elements}
    results = [_judge(e, found, run) for e in packs.elements]
    as_of = run.document.info.as_of
    results = [apply_applicability(r, e, as_of) for r, e in zip(results, packs.elements, strict=False)]
    results, waiver_notes = apply_waivers(results, source, settings.waivers)
    score = weighted_score(results)
    info = replace(run.document.info, sections=_sections(run.document, results),
                   warnings=run.document.info.warnings + tuple(waiver_notes))
    return ReportResult(
        file=source.path, document=info, score=score, passed=passes(score, results, settings.gate),
        missing=missing_ids(results), elements=tuple(results), pack_scores=pack_scores(results),
        format=source.format)


def _judge(element: Element, found: dict[str, list[Found]], run: _Run):
    if any(c.kind == "section" for c in element.claims):
        return _judge_section(element, found, run)
    evidence = [to_evidence(f, run.source) for f in found[element.id]]
    if element.met_when == "not-found":
        status = "missing" if evidence else "met"
        return element_result(element, status, "problem" if evidence else "achieved", (), evidence)
    stance, also = main_stance({f.stance for f in found[element.id]})
    status, level, parts = judge_claims(element, found[element.id])
    return element_result(element, status, stance, also, evidence, parts=parts, level=level)


def _judge_section(element: Element, found: dict[str, list[Found]], run: _Run):
    """A part of the report: met when it has a heading of its own, partial when its content
    sits in another part (the leader duty folded into the achievements, typically)."""
    info = run.document.info
    roles = {c.spec for c in element.claims if c.kind == "section"}
    if info.kind != "annual-report":
        return element_result(element, "missing", "absent", (), ())
    headings = [h for h in info.headings if h.role in roles and h.level < INLINE_LEVEL]
    if headings:
        top = min(h.level for h in headings)
        evidence = [_heading_evidence(h, run) for h in headings if h.level == top]
        return element_result(element, "met", "achieved", (), evidence, level="heading")
    folded = [f for eid in element.folded_from for f in found.get(eid, ()) if f.stance == "achieved"]
    folded = list({f.hit.sentence.index: f for f in reversed(folded)}.values())[::-1]
    if folded:
        evidence = [to_evidence(f, run.source) for f in folded]
        return element_result(element, "partial", "achieved", (), evidence, level="folded")
    return element_result(element, "missing", "absent", (), ())


def _heading_evidence(heading, run: _Run) -> Evidence:
    line = run.source.lines[heading.line - 1]
    return Evidence(line=heading.line, column=len(line) - len(line.lstrip()) + 1,
                    section=run.document.sections[heading.line - 1], role=heading.role,
                    text=line.strip()[:80], stance="achieved", term=heading.text,
                    where=run.source.locations[heading.line - 1].describe(), why="a heading of its own")


def _sections(document: Document, results) -> dict[str, str]:
    """present | folded | absent for each part of an annual report."""
    by_id = {r.id: r for r in results}
    sections = {}
    for role in document.info.sections:
        result = by_id.get(f"section.{role}")
        if result is None:
            sections[role] = document.info.sections[role]
        else:
            sections[role] = {"met": "present", "partial": "folded"}.get(result.status, "absent")
    return sections
