"""The 反馈意见 letter to one submitting body: what its report lacks, why, and what to
write, laid out as an official letter (`officialdoc`), in the template's words.

For each report of the body: the verdict and score; a table of the required elements
missing or partial, with their basis and what to write; the evidence of the partial ones;
the recommended elements still to add, as a list; then what to do. A body with several
reports gets each under a heading of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from checker.judge.results import ElementResult, ReportResult
from checker.judge.scoring import Gate
from checker.packs.model import PackSet
from checker.review.bodies import Submitter
from checker.review.findings import (
    absent_parts,
    basis_text,
    fail_reasons,
    lacking,
    location_words,
    period_words,
    rules_text,
    score_words,
    status_word,
    verdict_word,
)
from checker.review.officialdoc import OfficialDocument
from checker.review.template import Template

EVIDENCE_PER_ELEMENT = 3
TABLE_WIDTHS_MM = [12, 32, 24, 44, 44]


@dataclass(frozen=True)
class LetterContext:
    packs: PackSet
    words: Template
    gate: Gate
    day: date


def numbered(words: Template, key: str, number: int, text: str) -> str:
    """一、text / （一）text: the template's numerals, arabic beyond them."""
    numerals = list(words.raw("numerals"))
    numeral = numerals[number - 1] if number <= len(numerals) else str(number)
    return words.say(key, numeral=numeral, text=text)


def date_words(day: date, words: Template) -> str:
    return words.say("letter.date", year=day.year, month=day.month, day=day.day)


def report_name(report: ReportResult, words: Template) -> str:
    title = report.document.title if report.document and report.document.title else words.raw("no_title")
    return words.say("letter.report_name", title=title, period=period_words(report, words))


def letter_docx(who: Submitter, reports: list[ReportResult], context: LetterContext) -> bytes:
    words = context.words
    doc = OfficialDocument(words)
    doc.title(words.say("letter.title", body=who.name))
    doc.centred(words.say("letter.heading_line", date=date_words(context.day, words),
                          rules=rules_text(context.packs, words)))
    doc.salutation(words.say("letter.salutation", body=who.name))
    names = str(words.raw("list_separator")).join(report_name(r, words) for r in reports)
    doc.paragraph(words.say("letter.opening", reports=names, rules=rules_text(context.packs, words)))
    for number, report in enumerate(reports, start=1):
        if len(reports) > 1:
            title = report.document.title if report.document else report.file
            doc.heading(numbered(words, "heading_number", number,
                                 words.say("letter.report_heading", title=title)))
        _report_sections(doc, report, context, sub=len(reports) > 1)
    doc.signature([str(words.raw("letter.issuer")), date_words(context.day, words)])
    return doc.to_bytes()


def _report_sections(doc: OfficialDocument, report: ReportResult, context: LetterContext, sub: bool) -> None:
    words = context.words
    sections = [("letter.overall_heading", _overall)]
    if not report.errors:
        sections += [("letter.required_heading", _required), ("letter.evidence_heading", _evidence),
                     ("letter.recommended_heading", _recommended)]
    sections.append(("letter.closing_heading", _closing))
    for number, (key, write) in enumerate(sections, start=1):
        text = str(words.raw(key))
        if sub:
            doc.sub_heading(numbered(words, "sub_heading_number", number, text))
        else:
            doc.heading(numbered(words, "heading_number", number, text))
        write(doc, report, context)


def _overall(doc: OfficialDocument, report: ReportResult, context: LetterContext) -> None:
    words = context.words
    if report.errors:
        doc.paragraph(words.say("letter.unreadable", report=report_name(report, words),
                                reason=report.errors[0].message))
        return
    text = words.say("letter.overall", report=report_name(report, words), score=score_words(report),
                     verdict=verdict_word(report, words))
    reasons = fail_reasons(report, context.gate, words)
    if reasons:
        text += words.say("letter.overall_reasons", reasons=str(words.raw("list_separator")).join(reasons))
    doc.paragraph(text)


def table_rows(report: ReportResult, context: LetterContext) -> list[list[str]]:
    """The letter's table: each required element missing or partial."""
    words = context.words
    rows = []
    for number, element in enumerate(lacking(report, "required"), start=1):
        rows.append([str(number), element.title, _status_cell(element, words),
                     basis_text(element.id, context.packs, words), element.hint])
    return rows


def _status_cell(element: ElementResult, words: Template) -> str:
    parts = absent_parts(element)
    status = status_word(element, words)
    if not parts:
        return status
    return status + "；" + words.say("comment.evidence_missing_parts",
                                     parts=str(words.raw("list_separator")).join(parts))


def _required(doc: OfficialDocument, report: ReportResult, context: LetterContext) -> None:
    rows = table_rows(report, context)
    if not rows:
        doc.paragraph(str(context.words.raw("letter.required_none")))
        return
    doc.table(list(context.words.raw("letter.table_columns")), rows, TABLE_WIDTHS_MM)


def _evidence(doc: OfficialDocument, report: ReportResult, context: LetterContext) -> None:
    words = context.words
    partial = [e for e in lacking(report, "required") if e.status == "partial"]
    if not partial:
        doc.paragraph(str(words.raw("letter.evidence_none")))
        return
    number = 0
    for element in partial:
        for item in element.evidence[:EVIDENCE_PER_ELEMENT]:
            number += 1
            section = words.say("letter.evidence_section", section=item.section) if item.section else ""
            doc.paragraph(words.say("letter.evidence_item", number=number, title=element.title,
                                    location=location_words(item.where, item.line, words),
                                    section=section, text=item.text))
        if len(element.evidence) > EVIDENCE_PER_ELEMENT:
            doc.paragraph(words.say("letter.evidence_more",
                                    count=len(element.evidence) - EVIDENCE_PER_ELEMENT))


def _recommended(doc: OfficialDocument, report: ReportResult, context: LetterContext) -> None:
    words = context.words
    items = lacking(report, "recommended")
    if not items:
        doc.paragraph(str(words.raw("letter.recommended_none")))
        return
    for number, element in enumerate(items, start=1):
        basis = basis_text(element.id, context.packs, words)
        doc.paragraph(words.say("letter.recommended_item", number=number, title=element.title,
                                status=status_word(element, words), hint=element.hint,
                                basis=words.say("letter.recommended_basis", basis=basis) if basis else ""))


def _closing(doc: OfficialDocument, report: ReportResult, context: LetterContext) -> None:
    doc.paragraph(str(context.words.raw("letter.closing")))
