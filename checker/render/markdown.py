"""A compact Markdown summary for a pull-request comment: one table row per report, then
what each failing report lacks, with the hint that says how to fix it."""

from __future__ import annotations

from checker.render.sarif import relative_path


def render(reports, options) -> str:
    lines = ["| Report | Score | Result | Missing |", "|---|---:|---|---|"]
    lines += [_row(report) for report in reports]
    for report in reports:
        lines += _details(report)
    passed = sum(1 for r in reports if r.passed)
    lines += ["", f"{passed} of {len(reports)} reports passed."]
    return "\n".join(lines) + "\n"


def _row(report) -> str:
    if report.errors:
        reason = "; ".join(e.message for e in report.errors)
        return f"| `{_cell(relative_path(report.file))}` | - | ⚠️ unreadable | {_cell(reason)} |"
    score = "-" if report.score is None else f"{report.score:g}"
    result = "✅ pass" if report.passed else "❌ fail"
    missing = ", ".join(f"`{m}`" for m in report.missing) or "—"
    return f"| `{_cell(relative_path(report.file))}` | {score} | {result} | {missing} |"


def _details(report) -> list[str]:
    todo = [e for e in report.elements if e.status in ("missing", "partial") and not e.waived]
    waived = [e for e in report.elements if e.waived]
    if not todo and not waived:
        return []
    lines = ["", f"**{_cell(relative_path(report.file))}**", ""]
    lines += [f"- `{e.id}` {e.status} ({e.severity}): {e.hint}" for e in todo]
    lines += [f"- `{e.id}` {e.status}, waived: {e.waived}" for e in waived]
    return lines


def _cell(text: str) -> str:
    """Table cells end at | and at a line break."""
    return text.replace("|", "\\|").replace("\n", " ")
