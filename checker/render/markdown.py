"""A compact Markdown summary for a pull-request comment or a CI job summary: one table row
per report, then for each report what fails the gate, what is advice (missing or partial
without failing it) and what is waived, each with the hint that says how to fix it.
Everything from a report, a file name or a pack goes through render/escape.py: shown as
written, never a link, an image, HTML, a mention or a broken row."""

from __future__ import annotations

from checker.render.escape import markdown as md_text
from checker.render.escape import markdown_code
from checker.render.sarif import relative_path
from checker.render.verdict import advice, blocking, decision_note, score_text, threshold_reason, waived


def render(reports, options) -> str:
    gate = options.gate
    lines = ["| Report | Score | Result | Fails the gate | Advice |", "|---|---:|---|---|---:|"]
    lines += [_row(report, gate) for report in reports]
    for report in reports:
        lines += _details(report, gate)
    passed = sum(1 for r in reports if r.passed)
    lines += ["", f"{passed} of {len(reports)} reports passed."]
    failed = [_name(r) for r in reports if not r.passed and not r.errors]
    unreadable = [_name(r) for r in reports if r.errors]
    if failed:
        lines.append(f"Failed: {', '.join(failed)}.")
    if unreadable:
        lines.append(f"Could not be read: {', '.join(unreadable)}.")
    return "\n".join(lines) + "\n"


def _row(report, gate) -> str:
    name = _name(report, in_table=True)
    if report.errors:
        reason = "; ".join(e.message for e in report.errors)
        return f"| {name} | - | ⚠️ unreadable | {md_text(reason)} | |"
    result = "✅ pass" if report.passed else "❌ fail"
    blockers = [markdown_code(e.id, in_table=True) for e in blocking(report, gate)]
    threshold = threshold_reason(report, gate)
    if threshold and not report.passed:
        blockers.insert(0, md_text(threshold))
    return (f"| {name} | {score_text(report.score)} | {result} | {', '.join(blockers) or '—'} "
            f"| {len(advice(report, gate))} |")


def _details(report, gate) -> list[str]:
    if report.errors:
        return []
    blockers, to_improve, excused = blocking(report, gate), advice(report, gate), waived(report)
    if report.passed and not (to_improve or excused):
        return []
    lines = ["", f"**{md_text(relative_path(report.file))}** — score {score_text(report.score)}/100, "
                 + ("passes the gate" if report.passed else "fails the gate")]
    if not report.passed:
        threshold = threshold_reason(report, gate)
        items = ([md_text(threshold)] if threshold else []) + [_finding(e) for e in blockers]
        lines += ["", "Fails the gate:", ""] + [f"- {item}" for item in items or ["failed the gate"]]
    if to_improve:
        lines += ["", "Advice (does not fail the gate):", ""]
        lines += [f"- {_finding(e)}" for e in to_improve]
    if excused:
        lines += ["", "Waived:", ""]
        lines += [f"- {markdown_code(e.id)} {e.status}, waived: {md_text(e.waived or '')}" for e in excused]
    return lines


def _finding(element) -> str:
    decided = f" ({md_text(decision_note(element))})" if element.decision else ""
    return (f"{markdown_code(element.id)} {md_text(element.title)}: {element.status} ({element.severity})"
            f"{decided}. {md_text(element.hint)}")


def _name(report, in_table: bool = False) -> str:
    return markdown_code(relative_path(report.file), in_table=in_table)
