"""Human output for a terminal: score, what is missing (with hints) first, then partial and
met elements with their evidence grouped by the part of the report it sits in.

`--brief` (the pre-commit hook) shows only what is missing or partial, in two groups: what
blocks the commit (fails the gate) first, then advice that does not. With several reports,
the last lines name the ones that failed or could not be read."""

from __future__ import annotations

from checker.render.escape import escaped_reports, visible
from checker.render.figure_text import described, figure_words
from checker.render.verdict import (
    advice,
    blocking,
    decision_note,
    gate_summary,
    threshold_reason,
    timeliness_note,
    waived,
)

STATUS_ORDER = ("missing", "partial", "met", "not-applicable")
COLORS = {"missing": "31", "partial": "33", "met": "32", "not-applicable": "90", "title": "1"}


class _Painter:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, text: str, key: str) -> str:
        return f"\033[{COLORS[key]}m{text}\033[0m" if self.color else text


def render(reports, options) -> str:
    reports = escaped_reports(reports, visible)   # no ESC or line break of a report reaches the terminal
    paint = _Painter(options.color)
    blocks = [_report(r, options, paint) for r in reports]
    if len(reports) > 1:
        blocks.append(_totals(reports))
    return "\n\n".join(blocks) + "\n"


def _totals(reports) -> str:
    passed = sum(1 for r in reports if r.passed)
    lines = [f"{passed} of {len(reports)} reports passed"]
    failed = [r.file for r in reports if not r.passed and not r.errors]
    unreadable = [r.file for r in reports if r.errors]
    if failed:
        lines.append(f"  failed: {', '.join(failed)}")
    if unreadable:
        lines.append(f"  could not be read: {', '.join(unreadable)}")
    return "\n".join(lines)


def _report(report, options, paint) -> str:
    if report.errors:
        return "\n".join(f"{report.file}: error: {e.message} [{e.code}]" for e in report.errors)
    lines = _header(report, options, paint)
    if options.brief:
        return "\n".join(lines + _brief(report, options, paint))
    lines += _figures(report)
    for status in STATUS_ORDER:
        for element in (e for e in report.elements if e.status == status):
            lines.extend(_element(element, options, paint))
    return "\n".join(lines)


def _brief(report, options, paint) -> list[str]:
    """What blocks the commit first, then advice, then what is waived: the hook's message."""
    gate, lines = options.gate, []
    threshold = threshold_reason(report, gate) if not report.passed else None
    blockers = blocking(report, gate)
    if threshold or blockers:
        lines.append(paint("  阻止提交 / blocks the commit:", "missing"))
        if threshold:
            lines.append(f"  ✗ {threshold}")
        for element in blockers:
            lines.extend(_element(element, options, paint))
    groups = (("  建议补充 / advice (does not block the commit):", advice(report, gate)),
              ("  已豁免 / waived:", waived(report)))
    for heading, elements in groups:
        if elements:
            lines += [""] * bool(lines) + [heading]
            for status in STATUS_ORDER:
                for element in (e for e in elements if e.status == status):
                    lines.extend(_element(element, options, paint))
    return lines


def _header(report, options, paint) -> list[str]:
    doc = report.document
    period = f"{doc.period[0]}—{doc.period[1]}" if doc.period else "none found"
    verdict = paint("PASS", "met") if report.passed else paint("FAIL", "missing")
    lines = [paint(report.file, "title"),
             f"  {doc.title or '(no title found)'}",
             f"  kind: {doc.kind}   period: {period}   judged as of: {doc.as_of} ({doc.as_of_source})",
             f"  score: {_score(report.score)}/100  {verdict}"]
    if timeliness_note(doc):
        lines.append(f"  timeliness: {timeliness_note(doc)}")
    lines += [f"  warning: {w}" for w in doc.warnings]
    if doc.noise:
        dropped = ", ".join(f"{n.start}-{n.end} {n.what}" for n in doc.noise)
        lines.append(f"  ignored as noise: lines {dropped}")
    if report.missing:
        lines.append(f"  missing: {', '.join(report.missing)}")
    if not report.passed and not options.brief:   # --brief lists it below, first
        lines.append(f"  fails the gate: {gate_summary(report, options.gate)}")
    return lines + [""]


def _figures(report) -> list[str]:
    """The key figures the report states, one line each, grouped by element."""
    if not report.figures:
        return []
    lines = ["  " + figure_words()["heading"]]
    for figure in sorted(report.figures, key=lambda f: _element_order(report, f.element)):
        lines.append(f"    {figure.element}  {figure.title}: {described(figure)}")
    return lines + [""]


def _element_order(report, element_id: str) -> int:
    return next((i for i, e in enumerate(report.elements) if e.id == element_id), len(report.elements))


def _score(score) -> str:
    return "-" if score is None else f"{score:g}"


def _element(element, options, paint) -> list[str]:
    mark = {"missing": "✗", "partial": "◐", "met": "✓", "not-applicable": "–"}[element.status]
    status = paint(f"{mark} {element.status:<14}", element.status)
    extra = f" [{element.stance}" + (f", also {', '.join(element.also)}" if element.also else "") + "]"
    waived = f"  (waived: {element.waived})" if element.waived else ""
    lines = [f"  {status} {element.id}  {element.title}{extra}{waived}"]
    if element.decision:
        lines.append(f"      {decision_note(element)}")
    if element.parts:
        lines.append("      parts: " + "  ".join(f"{p.id}={p.stance}" for p in element.parts))
    if element.status in ("missing", "partial"):
        lines.append(f"      hint: {element.hint}")
    if element.status == "not-applicable" and not element.evidence:
        return lines
    if not options.brief:
        lines.extend(_evidence(element, options))
    return lines


def _evidence(element, options) -> list[str]:
    groups: dict[str, list] = {}
    for item in element.evidence:
        groups.setdefault(item.role, []).append(item)
    lines = []
    limit = None if options.verbose else options.max_evidence
    for role, items in groups.items():
        lines.append(f"      in {options.role_name(role)}:")
        for item in items[:limit]:
            quote = item.text if len(item.text) <= 90 else item.text[:88] + "…"
            lines.append(f"        {item.where or 'line ' + str(item.line)}: [{item.stance}] {quote}")
        if limit is not None and len(items) > limit:
            lines.append(f"        … {len(items) - limit} more (--verbose shows all)")
    return lines
