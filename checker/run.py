"""One report through the whole pipeline: read -> understand -> segment -> match -> score
(and, for `fazhi annotate`, -> review comments in a copy of the report).

`check_source` is a pure function of its inputs, so it runs the same in a test, a thread,
a process pool or someone else's data pipeline. `check_path` turns a report that cannot be
read into a result with `errors`, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from checker.judge.decisions import apply_decisions
from checker.judge.evidence import (
    Found,
    element_result,
    find_evidence,
    judge_claims,
    main_stance,
    to_evidence,
)
from checker.judge.figures import read_figures, require_figures
from checker.judge.results import ElementResult, KeyFigure, ReadError, ReportResult
from checker.judge.scoring import (
    apply_applicability,
    missing_ids,
    pack_scores,
    passes,
    weighted_score,
)
from checker.judge.sections import is_section_element, judge_section, section_elements, section_states
from checker.judge.timeliness import judge_timeliness
from checker.judge.waivers import apply_waivers
from checker.match.matchers import MatchContext, Sentence, TermIndex, split_sentences
from checker.match.segment import segmenter_for
from checker.packs.kinds import KINDS
from checker.packs.kinds.pattern import PatternTimeout
from checker.packs.model import Element, PackSet, claim_terms
from checker.packs.timeliness import load_timeliness
from checker.readers import open_docx_report, read_report
from checker.readers.source import ReportReadError, SourceText
from checker.settings import Settings
from checker.understand.document import Document, understand
from checker.understand.language import load_language
from checker.understand.records import DocumentInfo


def role_names() -> dict[str, str]:
    """The names people know the parts of a report by, for the renderers."""
    return dict(load_language().role_names)


# Comments per element and part of the report in an annotated copy: every evidence sentence
# of any real report (a few dozen at most), bounded so that a pathological document of
# thousands of hits stays quick to write and to open in Word; --verbose lifts the bound.
ANNOTATE_EVIDENCE = 30


def annotate_path(path: str, packs: PackSet, settings: Settings, words, all_evidence: bool = False
                  ) -> tuple[ReportResult, bytes, int]:
    """`fazhi annotate`: the report's result, its annotated copy as .docx bytes and the
    number of comments in it. Raises ReportReadError for a file that cannot be read."""
    from checker.review.annotate import annotated_docx
    from checker.review.notes import NoteContext, review_notes
    opened = None
    if Path(path).suffix.lower() == ".docx":   # read once: the comments go into that document
        source, document, lines = open_docx_report(path, max_bytes=settings.max_bytes,
                                                    limits=settings.limits)
        opened = (document, lines)
    else:
        source = read_report(path, encoding=settings.encoding, max_bytes=settings.max_bytes,
                             limits=settings.limits)
    result = check_source(source, packs, settings)
    context = NoteContext(source.lines, packs, words, settings.gate, load_language().report_parts,
                          max_evidence=None if all_evidence else ANNOTATE_EVIDENCE)
    notes = review_notes(result, context)
    return result, annotated_docx(source, opened, result.document, notes, words), len(notes)


def check_path(path: str, packs: PackSet, settings: Settings = Settings()) -> ReportResult:
    try:
        source = read_report(path, encoding=settings.encoding, max_bytes=settings.max_bytes,
                             limits=settings.limits)
    except ReportReadError as exc:
        return ReportResult(file=str(path), document=None, score=None, passed=False,
                            missing=(), elements=(), errors=(ReadError(exc.code, exc.message),))
    try:
        return check_source(source, packs, settings)
    except PatternTimeout as exc:     # a pack's expression, not the report, is at fault
        return ReportResult(file=str(path), document=None, score=None, passed=False,
                            missing=(), elements=(),
                            errors=(ReadError("pattern-timeout", str(exc)),))


@dataclass
class _Run:
    """Everything one report's check shares between its steps."""

    source: SourceText
    document: Document
    index: TermIndex
    context: MatchContext


def _prepare(source: SourceText, packs: PackSet, settings: Settings, trace: bool = False) -> _Run:
    language = load_language()
    document = understand(source, language, this_year=settings.this_year)
    terms = packs.term_set
    sentences = split_sentences(document, language)
    context = MatchContext(segmenter_for(terms), language, trace=trace, sentences=sentences)
    return _Run(source, document, TermIndex(sentences, terms), context)


def check_source(source: SourceText, packs: PackSet, settings: Settings = Settings()) -> ReportResult:
    run = _prepare(source, packs, settings)
    found = {e.id: find_evidence(e, run.document, run.index, run.context) for e in packs.elements}
    figures = read_figures(packs.elements, run.document, run.index.sentences, source,
                           run.context.language)
    results = [_judge(e, found, run, figures) for e in packs.elements]
    as_of = run.document.info.as_of
    results = [apply_applicability(r, e, as_of) for r, e in zip(results, packs.elements, strict=False)]
    results, waiver_notes = apply_waivers(results, source, settings.waivers)
    results, decision_notes = apply_decisions(results, settings.decisions.get(source.sha256, ()))
    score = weighted_score(results)
    sections = section_states(run.document, results, section_elements(packs.elements),
                              run.context.language.report_parts)
    info = replace(run.document.info, sections=sections,
                   warnings=run.document.info.warnings + tuple(waiver_notes) + tuple(decision_notes),
                   timeliness=judge_timeliness(run.document.info, _body_level(run.document.info),
                                               load_timeliness()))
    return ReportResult(
        file=source.path, document=info, score=score, passed=passes(score, results, settings.gate),
        missing=missing_ids(results), elements=tuple(results), pack_scores=pack_scores(results),
        format=source.format, figures=figures, sha256=source.sha256)


def _body_level(info: DocumentInfo) -> str | None:
    return info.body.level if info.body else None


def _judge(element: Element, found: dict[str, list[Found]], run: _Run,
           figures: tuple[KeyFigure, ...]) -> ElementResult:
    if is_section_element(element):
        return judge_section(element, found, run.document, run.source)
    evidence = [to_evidence(f, run.source) for f in found[element.id]]
    if element.met_when == "not-found":
        status = "missing" if evidence else "met"
        return element_result(element, status, "problem" if evidence else "achieved", (), evidence)
    rule = run.context.language.stance_rule(run.document.info.kind)
    stance, also = main_stance(found[element.id], rule)
    status, level, parts = judge_claims(element, found[element.id], rule)
    result = element_result(element, status, stance, also, evidence, parts=parts, level=level)
    return require_figures(result, element, figures, run.context.language)


# --- why an element did or did not fire (`fazhi explain ELEMENT FILE`) --------------------

@dataclass(frozen=True)
class Candidate:
    """A sentence holding one of an element's wordings, and what became of it."""

    sentence: Sentence
    where: str                       # location in the original format
    quote: str                       # the sentence as written in the file
    counted: tuple[Found, ...]       # how it counted (one per part or stance), or ()
    rejected: tuple[str, ...]        # why it did not count, when it did not


@dataclass(frozen=True)
class Trace:
    """Why one element of one report came out as it did."""

    document: DocumentInfo           # what understanding found: kind, headings and their parts
    candidates: list[Candidate]      # every sentence holding one of the element's wordings


def trace_element(source: SourceText, packs: PackSet, element_id: str,
                  settings: Settings = Settings()) -> Trace:
    """The report's reading, and every candidate sentence for one element, in text order."""
    element = packs.element(element_id)
    run = _prepare(source, packs, settings, trace=True)
    counted: dict[int, list[Found]] = {}
    for item in find_evidence(element, run.document, run.index, run.context):
        counted.setdefault(item.hit.sentence.index, []).append(item)
    claims = list(element.claims) + [c for p in element.parts for c in p.claims]
    sentences = {s.index: s for c in claims if KINDS[c.kind].matches_sentences
                 for s in run.index.candidates(c)}
    sentences.update((i, items[0].hit.sentence) for i, items in counted.items())  # gaps by reference
    candidates = [_candidate(sentences[i], counted.get(i, []), claims, run) for i in sorted(sentences)]
    return Trace(run.document.info, candidates)


def _candidate(sentence: Sentence, counted: list[Found], claims, run: _Run) -> Candidate:
    line = run.source.lines[sentence.line]
    quote = line[sentence.start:sentence.start + len(sentence.text)].strip()
    rejected: tuple[str, ...] = ()
    if not counted:
        reasons = [r.reason for r in run.context.rejections or () if r.sentence.index == sentence.index]
        if not reasons:
            present = sorted({t for c in claims for t in claim_terms(c) if t in sentence.text})
            reasons = [f"has {'、'.join(present)} but no complete wording"]
        rejected = tuple(dict.fromkeys(reasons))
    return Candidate(sentence, run.source.locations[sentence.line].describe(), quote,
                     tuple(counted), rejected)

