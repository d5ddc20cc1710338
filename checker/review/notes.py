"""What the review comments (批注) of one report say, and the span of text each is anchored
on: a line of the report's plain text and the characters in it. Pure: `annotate` turns
the spans into runs of a .docx.

- each evidence sentence (at most `max_evidence` per element and part, run.ANNOTATE_EVIDENCE;
  every one with `verbose`): the element's title, its status, what the sentence says
  and, for an element not met, what is still missing. Elements found in one sentence share
  one comment;
- the title: the score, the verdict under the gate used, the missing required elements,
  what the file looks like when it is not an annual report, and the rules applied;
- each missing element, on the heading of the part where its content belongs: what to
  write and its basis. A part the report lacks goes after the last part before it (before
  the first part after it, when it would come first).
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.judge.results import ElementResult, Evidence, ReportResult
from checker.judge.scoring import Gate
from checker.packs.model import PackSet
from checker.render.verdict import belongs_to, part_line, title_line
from checker.review.findings import (
    basis_text,
    gate_text,
    missing_required,
    rules_text,
    score_words,
    status_word,
    to_write,
    verdict_word,
)
from checker.review.template import Template
from checker.understand.headings import INLINE_LEVEL


@dataclass(frozen=True)
class Note:
    line: int          # 0-based line of the report's plain text
    start: int         # first character of the anchor in that line
    end: int           # one past its last character
    text: str


@dataclass(frozen=True)
class NoteContext:
    """What deciding the comments needs besides the result."""

    lines: tuple[str, ...]             # the report's lines as written in the file
    packs: PackSet
    words: Template
    gate: Gate
    report_parts: tuple[str, ...]      # the parts of a report in their order (language.yaml)
    max_evidence: int | None = 3       # per element and part; None: every piece of evidence


def review_notes(report: ReportResult, context: NoteContext) -> list[Note]:
    """Every comment for the report, in text order."""
    notes = [_title_note(report, context)]
    notes += _evidence_notes(report, context)
    notes += [n for e in report.elements if e.status == "missing" and e.waived is None
              and (n := _missing_note(e, report, context)) is not None]
    return _one_per_span(notes)


def _one_per_span(notes: list[Note]) -> list[Note]:
    """Comments on the same words become one (several missing elements on one heading)."""
    merged: dict[tuple[int, int, int], list[str]] = {}
    for note in notes:
        merged.setdefault((note.line, note.start, note.end), []).append(note.text)
    return [Note(line, start, end, "\n".join(texts))
            for (line, start, end), texts in sorted(merged.items())]


# --- the title ----------------------------------------------------------------------------

def _title_note(report: ReportResult, context: NoteContext) -> Note:
    words, document = context.words, report.document
    assert document is not None, "a report that could not be read has nothing to annotate"
    separator = str(words.raw("list_separator"))
    missing = missing_required(report)
    texts = [words.say("comment.title_score", score=score_words(report),
                       verdict=verdict_word(report, words), gate=gate_text(context.gate, words)),
             words.say("comment.title_missing", elements=separator.join(e.title for e in missing))
             if missing else str(words.raw("comment.title_none_missing"))]
    if document.kind != "annual-report":
        looks = document.genre.name if document.genre else words.word("kind", document.kind)
        texts.append(words.say("comment.title_kind", warning=looks))
    texts.append(words.say("comment.title_rules", rules=rules_text(context.packs, words)))
    return _whole_line(_with_text(title_line(document) - 1, context.lines), context.lines, "\n".join(texts))


def _with_text(index: int, lines: tuple[str, ...]) -> int:
    """This line, or the first line after it with text (a file with no title found may
    open with blank lines): a comment needs words to sit on."""
    return next((i for i in range(max(index, 0), len(lines)) if lines[i].strip()), index)


# --- the evidence ---------------------------------------------------------------------------

def _evidence_notes(report: ReportResult, context: NoteContext) -> list[Note]:
    """One comment per evidence sentence, naming every element found in it."""
    by_span: dict[tuple[int, int, int], list[str]] = {}
    for element in report.elements:
        if element.waived is not None or not element.applicable and element.status == "not-applicable":
            continue
        for item in _shown(element, context.max_evidence):
            span = sentence_span(item, context.lines)
            text = _evidence_text(element, item, context.words)
            if text not in by_span.setdefault(span, []):
                by_span[span].append(text)
    return [Note(line, start, end, "\n".join(texts)) for (line, start, end), texts in by_span.items()]


def _shown(element: ElementResult, limit: int | None) -> list[Evidence]:
    """The evidence `check` shows: the first `limit` of each part of the report."""
    if element.id.startswith("section.") or element.status == "met" and element.stance == "absent":
        return []     # a part of the report is its heading, commented when missing
    shown: list[Evidence] = []
    per_role: dict[str, int] = {}
    for item in element.evidence:
        per_role[item.role] = per_role.get(item.role, 0) + 1
        if limit is None or per_role[item.role] <= limit:
            shown.append(item)
    return shown


def _evidence_text(element: ElementResult, item: Evidence, words: Template) -> str:
    text = words.say("comment.evidence", title=element.title, status=status_word(element, words),
                     stance=words.word("stance", item.stance))
    if element.status != "met":
        text += " " + to_write(element, words)
    return text


def sentence_span(item: Evidence, lines: tuple[str, ...]) -> tuple[int, int, int]:
    """(line, start, end) of the evidence sentence as written: the occurrence of its text
    that holds the matched term, or the whole line when the sentence ran over several
    lines (a list of headings read as one)."""
    index = item.line - 1
    line = lines[index]
    term_at = item.column - 1
    start = line.find(item.text) if item.text else -1
    while start != -1 and start + len(item.text) <= term_at:
        start = line.find(item.text, start + 1)
    if start == -1 or start > term_at:
        whole = _whole_line(index, lines, "")
        return whole.line, whole.start, whole.end
    return index, start, start + len(item.text)


# --- missing elements -------------------------------------------------------------------

def _missing_note(element: ElementResult, report: ReportResult, context: NoteContext) -> Note | None:
    words, document = context.words, report.document
    assert document is not None
    role = belongs_to(element, context.packs)
    basis = basis_text(element.id, context.packs, words)
    says = {"title": element.title, "severity": words.word("severity", element.severity),
            "hint": element.hint}
    key, line = "comment.missing_here", part_line(document, role)
    if line is None and element.id.startswith("section."):
        key, line = _place_for_part(role, report, context.report_parts)
    text = words.say(key, **says) + ("\n" + words.say("comment.basis", basis=basis) if basis else "")
    if line is None:    # no part to put it on: with the title's comment
        return _whole_line(_with_text(title_line(document) - 1, context.lines), context.lines, text)
    return _heading_note(line - 1, report, context.lines, text)


def _place_for_part(role: str, report: ReportResult, order: tuple[str, ...]) -> tuple[str, int | None]:
    """Where a part the report lacks belongs: after the last part before it, else before
    the first part after it (a comment on that part's heading)."""
    document = report.document
    if role not in order:
        return "comment.missing_here", None
    at = order.index(role)
    for before in reversed(order[:at]):
        line = part_line(document, before)
        if line is not None:
            return "comment.missing_part_after", line
    for after in order[at + 1:]:
        line = part_line(document, after)
        if line is not None:
            return "comment.missing_part_before", line
    return "comment.missing_here", None


def _heading_note(index: int, report: ReportResult, lines: tuple[str, ...], text: str) -> Note:
    """On the heading's own words when it runs on in a line with text after it (一、…。正文),
    else on the whole line."""
    document = report.document
    headings = [h for h in document.headings if h.line - 1 == index and h.level < INLINE_LEVEL
                and h.column > 1] if document else []
    if headings:
        heading = min(headings, key=lambda h: h.column)
        start = heading.column - 1
        length = len(heading.text) + (0 if heading.text.startswith(heading.label) else len(heading.label))
        end = min(len(lines[index]), start + length)
        if end > start:
            return Note(index, start, end, text)
    return _whole_line(index, lines, text)


def _whole_line(index: int, lines: tuple[str, ...], text: str) -> Note:
    line = lines[index] if 0 <= index < len(lines) else ""
    start = len(line) - len(line.lstrip())
    end = len(line.rstrip())
    return Note(index, start, max(end, start), text)
