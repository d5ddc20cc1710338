"""`fazhi explain`: an element's legal basis and wordings, and, for a report, every candidate
sentence with why it counted as a claim, a plan or a gap, or why it was rejected, and the
status the element ends with in that report.

An element is named by its id or its title (三项制度 names 行政执法"三项制度"), or a unique
beginning of either, or a unique part of the title.
With `--kind`, the signals that decided what the document is."""

from __future__ import annotations

from checker.judge.results import ElementResult
from checker.packs.model import Element, PackSet
from checker.readers import read_report
from checker.render.figure_text import described
from checker.render.verdict import blocks
from checker.run import Candidate, Settings, check_source, trace_element
from checker.understand.document import understand
from checker.understand.language import load_language
from checker.understand.records import DocumentInfo

QUOTES = "\"'“”‘’《》「」『』 \t"


class ElementNotFound(LookupError):
    """No element, or more than one, answers to the name (`candidates` says which)."""

    def __init__(self, query: str, candidates: tuple[Element, ...] = ()):
        super().__init__(query)
        self.query = query
        self.candidates = candidates


def _plain(text: str) -> str:
    return "".join(ch for ch in text if ch not in QUOTES).casefold()


def find_element(query: str, packs: PackSet) -> Element:
    """The element of the packs (switched off ones included) that `query` names: its id or
    title exactly, else the one whose id or title begins with it, else the one whose title
    contains it. Raises ElementNotFound with the candidates when none or several match."""
    wanted = _plain(query)
    every = [e for pack in packs.packs for e in pack.elements]
    if not wanted:
        raise ElementNotFound(query)
    stages = (lambda e: wanted in (e.id.casefold(), _plain(e.title)),
              lambda e: e.id.casefold().startswith(wanted) or _plain(e.title).startswith(wanted),
              lambda e: wanted in _plain(e.title))
    for matches in stages:
        found = tuple(e for e in every if matches(e))
        if len(found) == 1:
            return found[0]
        if found:
            raise ElementNotFound(query, found)
    raise ElementNotFound(query)


def candidates_text(element_id: str, path: str, packs: PackSet, settings: Settings = Settings()) -> str:
    """Every candidate sentence, then the element's final status in the report. Raises
    ReportReadError for a file that cannot be read."""
    source = read_report(path, encoding=settings.encoding, max_bytes=settings.max_bytes,
                         limits=settings.limits)
    trace = trace_element(source, packs, element_id, settings)
    candidates = trace.candidates
    counted = sum(1 for c in candidates if c.counted)
    lines = [f"{path}: {element_id} — {len(candidates)} candidate sentences, {counted} counted",
             "  " + kind_line(trace.document)]
    if element_id.startswith("section.") or not candidates:
        lines.extend(_parts_lines(trace.document))
    for candidate in candidates:
        lines.extend(_candidate_lines(candidate))
    report = check_source(source, packs, settings)
    lines.extend(_figure_lines(report, packs.element(element_id)))
    lines.append(status_line(report.element(element_id), packs.element(element_id), report.document,
                             settings))
    return "\n".join(lines)


def _figure_lines(report, element: Element) -> list[str]:
    """The element's key figures the report states as results, or that it states none."""
    if not element.figures:
        return []
    from checker.render.words import words
    english = words("en")      # explain speaks English throughout, as yet
    read = [f for f in report.figures if f.element == element.id]
    if not read:
        return ["  " + english("figures.none-stated")]
    return ["  " + english("figures.heading")] + [f"    {f.figure} {f.title}: {described(f)}  ← {f.wording}"
                                                  for f in read]


def _parts_lines(document: DocumentInfo) -> list[str]:
    """The report's headings, each with the part it opens and why."""
    lines = [f"  kind: {document.kind}; its headings and the parts they open:"]
    for heading in document.headings:
        why = f" ({heading.why})" if heading.why else ""
        lines.append(f"    line {heading.line} {heading.text[:40]} → {heading.role}{why}")
    return lines


def status_line(result: ElementResult, element: Element, document, settings: Settings) -> str:
    """`status: partial (stance achieved, also problem)`, with what waived it or why it does
    not apply, and whether it fails the gate."""
    stance = f"stance {result.stance}" + (f", also {', '.join(result.also)}" if result.also else "")
    bits = [stance]
    if result.waived:
        bits.append(f"waived: {result.waived}")
    if not result.applicable:
        as_of = document.as_of if document is not None else None
        bits.append(f"not counted: it applies from {element.since}"
                    + (f", the report is judged as of {as_of}" if as_of else ""))
    if blocks(result, settings.gate):
        bits.append(f"{result.severity}: fails the gate")
    return f"  status: {result.status} ({'; '.join(bits)})"


def _candidate_lines(candidate: Candidate) -> list[str]:
    head = f"  {candidate.where} [{candidate.sentence.role}] {candidate.quote[:100]}"
    if candidate.counted:
        return [head] + [f"      counted{f' (part {f.part})' if f.part else ''} as {f.stance}: "
                         f"{f.why}; wording {f.hit.term!r}" for f in candidate.counted]
    return [head, f"      rejected: {'; '.join(candidate.rejected)}"]


# --- what the document is (`fazhi explain --kind FILE`) -----------------------------------

def kind_line(info: DocumentInfo) -> str:
    """The kind, what the document looks like, and the signal that decided, on one line."""
    decided = next((s for s in info.kind_signals if s.decided), None)
    why = f"decided by {decided.signal}: {decided.evidence}" if decided else "no signal names a kind"
    return f"kind: {info.kind}{_looks_like(info)} — {why} (fazhi explain --kind FILE lists every signal)"


def _looks_like(info: DocumentInfo) -> str:
    return f", looks like {info.genre.name} ({info.genre.id})" if info.genre else ""


def kind_text(path: str, settings: Settings = Settings()) -> str:
    """Every signal of the kind of a document, in the order they are tried; the first that
    names a kind decided. Raises ReportReadError for a file that cannot be read."""
    source = read_report(path, encoding=settings.encoding, max_bytes=settings.max_bytes,
                         limits=settings.limits)
    info = understand(source, load_language(), this_year=settings.this_year).info
    lines = [f"{path}: kind {info.kind}{_looks_like(info)}",
             f"  title: {info.title or '(none found)'}",
             "  signals, in the order they are tried (→ the first that names a kind decided):"]
    for signal in info.kind_signals:
        says = signal.says + (f" ({signal.genre})" if signal.genre else "") if signal.says else "—"
        lines.append(f"  {'→' if signal.decided else ' '} {signal.signal:17} {says:36} {signal.evidence}")
    return "\n".join(lines)
