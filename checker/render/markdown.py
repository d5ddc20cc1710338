"""A compact Markdown summary for a pull-request comment or a CI job summary: one table row
per report, then for each report what fails the gate, what is advice (missing or partial
without failing it) and what is waived, each with the hint that says how to fix it.
Everything from a report, a file name or a pack goes through render/escape.py: shown as
written, never a link, an image, HTML, a mention or a broken row."""

from __future__ import annotations

from checker.render.about import about_lines
from checker.render.escape import markdown as md_text
from checker.render.escape import markdown_code
from checker.render.sarif import relative_path
from checker.render.verdict import advice, blocking, decision_note, score_text, threshold_reason, waived


def render(reports, options) -> str:
    gate, words = options.gate, options.words
    lines = [words("ci.table-head"), "|---|---:|---|---|---:|"]
    lines += [_row(report, gate, words) for report in reports]
    for report in reports:
        lines += _details(report, gate, words)
    passed = sum(1 for r in reports if r.passed)
    lines += ["", words("ci.totals", passed=passed, total=len(reports))]
    failed = [_name(r) for r in reports if not r.passed and not r.errors]
    unreadable = [_name(r) for r in reports if r.errors]
    if failed:
        lines.append(words("ci.failed-list", files=words.join(failed)))
    if unreadable:
        lines.append(words("ci.unreadable-list", files=words.join(unreadable)))
    lines += [""] + [md_text(line) + "  " for line in about_lines(options)]
    return "\n".join(lines) + "\n"


def _row(report, gate, words) -> str:
    name = _name(report, in_table=True)
    if report.errors:
        reason = "; ".join(words.error(e.code, e.message) for e in report.errors)
        return f"| {name} | - | {words('ci.result-error')} | {md_text(reason)} | |"
    result = words("ci.result-pass") if report.passed else words("ci.result-fail")
    blockers = [markdown_code(e.id, in_table=True) for e in blocking(report, gate)]
    threshold = threshold_reason(report, gate, words)
    if threshold and not report.passed:
        blockers.insert(0, md_text(threshold))
    return (f"| {name} | {score_text(report.score)} | {result} | {', '.join(blockers) or '—'} "
            f"| {len(advice(report, gate))} |")


def _details(report, gate, words) -> list[str]:
    if report.errors:
        return []
    blockers, to_improve, excused = blocking(report, gate), advice(report, gate), waived(report)
    if report.passed and not (to_improve or excused):
        return []
    verdict = words("gate.passes") if report.passed else words("gate.fails")
    lines = ["", words("ci.report-line", file=md_text(relative_path(report.file)),
                       score=score_text(report.score), verdict=verdict)]
    if not report.passed:
        threshold = threshold_reason(report, gate, words)
        items = ([md_text(threshold)] if threshold else []) + [_finding(e, words) for e in blockers]
        items = items or [words("gate.failed")]
        lines += ["", words("ci.fails-heading"), ""] + [f"- {item}" for item in items]
    if to_improve:
        lines += ["", words("ci.advice-heading"), ""]
        lines += [f"- {_finding(e, words)}" for e in to_improve]
    if excused:
        lines += ["", words("ci.waived-heading"), ""]
        lines += [f"- {markdown_code(e.id)} " + words("ci.waived-item", status=words.status(e.status),
                                                      reason=md_text(e.waived or "")) for e in excused]
    return lines


def _finding(element, words) -> str:
    decided = f" ({md_text(decision_note(element))})" if element.decision else ""
    return words("ci.finding", id=markdown_code(element.id), title=md_text(element.title),
                 status=words.status(element.status), severity=words.severity(element.severity) + decided,
                 hint=md_text(element.hint))


def _name(report, in_table: bool = False) -> str:
    return markdown_code(relative_path(report.file), in_table=in_table)
