"""The batch's 汇总: every body with its reports' verdicts and scores, and the elements
most often missing or partial across the batch."""

from __future__ import annotations

from checker.judge.results import ReportResult
from checker.review.bodies import Submitter
from checker.review.findings import missing_required, score_words, verdict_word
from checker.review.letter import LetterContext, date_words, numbered, report_name
from checker.review.officialdoc import OfficialDocument

WEAKEST_SHOWN = 10
BODY_WIDTHS_MM = [12, 34, 54, 16, 18, 42]
WEAKEST_WIDTHS_MM = [12, 76, 26, 26, 16]


def summary_docx(groups: list[tuple[Submitter, list[ReportResult]]], context: LetterContext) -> bytes:
    words = context.words
    reports = [r for _, items in groups for r in items]
    doc = OfficialDocument(words)
    doc.title(str(words.raw("summary.title")))
    doc.centred(date_words(context.day, words))
    unreadable = sum(1 for r in reports if r.errors)
    passed = sum(1 for r in reports if r.passed)
    doc.paragraph(words.say("summary.opening", reports=len(reports), bodies=len(groups), passed=passed,
                            failed=len(reports) - passed - unreadable, unreadable=unreadable))
    doc.heading(numbered(words, "heading_number", 1, str(words.raw("summary.bodies_heading"))))
    doc.table(list(words.raw("summary.bodies_columns")), body_rows(groups, context), BODY_WIDTHS_MM)
    doc.heading(numbered(words, "heading_number", 2, str(words.raw("summary.weakest_heading"))))
    weakest = weakest_rows(reports, context)
    if weakest:
        doc.paragraph(str(words.raw("summary.weakest_intro")))
        doc.table(list(words.raw("summary.weakest_columns")), weakest, WEAKEST_WIDTHS_MM)
    else:
        doc.paragraph(str(words.raw("summary.weakest_none")))
    return doc.to_bytes()


def body_rows(groups, context: LetterContext) -> list[list[str]]:
    words = context.words
    separator = str(words.raw("list_separator"))
    rows, number = [], 0
    for who, reports in groups:
        for report in reports:
            number += 1
            rows.append([str(number), who.name, report_name(report, words), score_words(report),
                         verdict_word(report, words),
                         separator.join(e.title for e in missing_required(report))])
    return rows


def weakest_rows(reports: list[ReportResult], context: LetterContext) -> list[list[str]]:
    """Elements by how many reports lack them (missing, then partial), most first."""
    words = context.words
    read = [r for r in reports if not r.errors]
    counts: dict[str, list] = {}
    for report in read:
        for element in report.elements:
            if element.waived is None and element.status in ("missing", "partial"):
                entry = counts.setdefault(element.id, [element.title, 0, 0])
                entry[1 if element.status == "missing" else 2] += 1
    ranked = sorted(counts.items(), key=lambda item: (-(item[1][1] + item[1][2]), -item[1][1], item[0]))
    rows = []
    for number, (_, (title, missing, partial)) in enumerate(ranked[:WEAKEST_SHOWN], start=1):
        share = round(100 * (missing + partial) / len(read))
        rows.append([str(number), title, str(missing), str(partial),
                     words.say("summary.share", percent=share)])
    return rows
