"""A compact Markdown summary for a pull-request comment or a CI job summary: one table row
per report, then for each report what fails the gate, what is advice (missing or partial
without failing it) and what is waived, each with the hint that says how to fix it."""

from __future__ import annotations

from checker.render.sarif import relative_path
from checker.render.verdict import advice, blocking, score_text, threshold_reason, waived


def render(reports, options) -> str:
    gate = options.gate
    lines = ["| Report | Score | Result | Fails the gate | Advice |", "|---|---:|---|---|---:|"]
    lines += [_row(report, gate) for report in reports]
    for report in reports:
        lines += _details(report, gate)
    passed = sum(1 for r in reports if r.passed)
    lines += ["", f"{passed} of {len(reports)} reports passed."]
    failed = [f"`{_cell(relative_path(r.file))}`" for r in reports if not r.passed and not r.errors]
    unreadable = [f"`{_cell(relative_path(r.file))}`" for r in reports if r.errors]
    if failed:
        lines.append(f"Failed: {', '.join(failed)}.")
    if unreadable:
        lines.append(f"Could not be read: {', '.join(unreadable)}.")
    return "\n".join(lines) + "\n"


def _row(report, gate) -> str:
    name = f"`{_cell(relative_path(report.file))}`"
    if report.errors:
        reason = "; ".join(e.message for e in report.errors)
        return f"| {name} | - | ⚠️ unreadable | {_cell(reason)} | |"
    result = "✅ pass" if report.passed else "❌ fail"
    blockers = [f"`{e.id}`" for e in blocking(report, gate)]
    threshold = threshold_reason(report, gate)
    if threshold and not report.passed:
        blockers.insert(0, _cell(threshold))
    return (f"| {name} | {score_text(report.score)} | {result} | {', '.join(blockers) or '—'} "
            f"| {len(advice(report, gate))} |")


def _details(report, gate) -> list[str]:
    if report.errors:
        return []
    blockers, to_improve, excused = blocking(report, gate), advice(report, gate), waived(report)
    if report.passed and not (to_improve or excused):
        return []
    lines = ["", f"**{_cell(relative_path(report.file))}** — score {score_text(report.score)}/100, "
                 + ("passes the gate" if report.passed else "fails the gate")]
    if not report.passed:
        threshold = threshold_reason(report, gate)
        items = ([_cell(threshold)] if threshold else []) + [_finding(e) for e in blockers]
        lines += ["", "Fails the gate:", ""] + [f"- {item}" for item in items or ["failed the gate"]]
    if to_improve:
        lines += ["", "Advice (does not fail the gate):", ""]
        lines += [f"- {_finding(e)}" for e in to_improve]
    if excused:
        lines += ["", "Waived:", ""]
        lines += [f"- `{e.id}` {e.status}, waived: {_cell(e.waived or '')}" for e in excused]
    return lines


def _finding(element) -> str:
    return (f"`{element.id}` {_cell(element.title)}: {element.status} ({element.severity}). "
            f"{_cell(element.hint)}")


def _cell(text: str) -> str:
    """Table cells end at | and at a line break."""
    return text.replace("|", "\\|").replace("\n", " ")
