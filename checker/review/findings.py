"""What a review says about one element or one report, in the template's words: shared by
the Word comments (`notes`) and the letters (`letter`, `summary`)."""

from __future__ import annotations

import re

from checker import __version__
from checker.judge.results import ElementResult, ReportResult
from checker.judge.scoring import Gate
from checker.packs.model import PackSet
from checker.render.verdict import blocking, score_text
from checker.review.template import Template

# Location.describe() forms (checker/readers/source.py), read back into their numbers
_WHERE = {
    "page": re.compile(r"^page (?P<page>\d+), line (?P<page_line>\d+)$"),
    "table": re.compile(r"^table (?P<table>\d+), row (?P<row>\d+), cell (?P<cell>\d+)$"),
    "paragraph": re.compile(r"^paragraph (?P<paragraph>\d+)$"),
    "line": re.compile(r"^line (?P<line>\d+)$"),
}


def status_word(element: ElementResult, words: Template) -> str:
    """达标 / 部分达标 / 仅为计划 / 自述问题 / 缺失 / 不适用 / 已豁免."""
    if element.waived is not None:
        return words.word("status", "waived")
    if element.status == "missing" and element.stance in ("planned", "problem"):
        return words.word("status", element.stance)
    return words.word("status", element.status)


def lacking(report: ReportResult, severity: str) -> list[ElementResult]:
    """Elements of this severity that are missing or partial and not waived."""
    return [e for e in report.elements if e.severity == severity and e.waived is None
            and e.status in ("missing", "partial")]


def missing_required(report: ReportResult) -> list[ElementResult]:
    return [e for e in lacking(report, "required") if e.status == "missing"]


def absent_parts(element: ElementResult) -> list[str]:
    """The titles of the sub-parts a partial element still lacks."""
    return [p.title for p in element.parts or () if p.stance == "absent"]


def basis_text(element_id: str, packs: PackSet | None, words: Template) -> str:
    """《…》（文号）第…条; several documents joined by ；."""
    try:
        basis = packs.element(element_id).basis if packs is not None else ()
    except KeyError:
        return ""
    items = [words.say("comment.basis_item", document=b.document,
                       number=words.say("comment.basis_number", number=b.number) if b.number else "",
                       article=words.say("comment.basis_article", article=b.article) if b.article else "")
             for b in basis]
    return "；".join(items)


def to_write(element: ElementResult, words: Template) -> str:
    """What the report still has to say about an element: the parts it lacks, then the hint."""
    parts = absent_parts(element)
    text = words.say("comment.evidence_missing_parts", parts=words.raw("list_separator").join(parts)) \
        if parts else ""
    return text + words.say("comment.evidence_still_to_write", hint=element.hint)


def verdict_word(report: ReportResult, words: Template) -> str:
    if report.errors:
        return words.word("verdict", "unreadable")
    return words.word("verdict", "passed" if report.passed else "failed")


def gate_text(gate: Gate, words: Template) -> str:
    severities = words.raw("list_separator").join(words.word("severity", s) for s in gate.fail_on)
    return words.say("comment.gate", fail_under=f"{gate.fail_under:g}", severities=severities)


def fail_reasons(report: ReportResult, gate: Gate, words: Template) -> list[str]:
    """Why the report fails the gate, in the template's words; [] when it passes."""
    if report.passed or report.errors:
        return []
    reasons = []
    if report.score is not None and report.score < gate.fail_under:
        reasons.append(words.say("letter.reason_score", fail_under=f"{gate.fail_under:g}"))
    reasons += [words.say("letter.reason_missing", title=e.title,
                          severity=words.word("severity", e.severity)) for e in blocking(report, gate)]
    return reasons


def score_words(report: ReportResult) -> str:
    return score_text(report.score)


def rules_text(packs: PackSet | None, words: Template) -> str:
    """`fazhi 0.1.0，规则包 core、annual-report`: which rules the review applied."""
    names = [p.name for p in packs.packs] if packs is not None else []
    return words.say("letter.rules_version", version=__version__,
                     packs=words.raw("list_separator").join(names))


def location_words(where: str, line: int, words: Template) -> str:
    """'paragraph 7' -> 第7段, 'page 2, line 5' -> 第2页第5行 (the template's location words)."""
    for kind, pattern in _WHERE.items():
        match = pattern.match(where)
        if match:
            return words.say(f"location.{kind}", **match.groupdict())
    return words.say("location.line", line=line)


def period_words(report: ReportResult, words: Template) -> str:
    period = report.document.period if report.document else None
    if not period:
        return str(words.raw("no_period"))
    first, last = period
    if first == last:
        return words.say("letter.period", first=first)
    return words.say("letter.period_range", first=first, last=last)
