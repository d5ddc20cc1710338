"""Human output for a terminal: score, what is missing (with hints) first, then partial and
met elements with their evidence grouped by the part of the report it sits in.

`--brief` (the pre-commit hook) shows only what is missing or partial, in two groups: what
blocks the commit (fails the gate) first, then advice that does not. With several reports,
the last lines name the ones that failed or could not be read."""

from __future__ import annotations

from checker.render.about import about_lines
from checker.render.escape import escaped_reports, visible
from checker.render.figure_text import described
from checker.render.verdict import (
    advice,
    blocking,
    decision_note,
    found_note,
    gate_summary,
    shown_status,
    threshold_reason,
    timeliness_note,
    waived,
)
from checker.render.words import display_width, pad

STATUS_ORDER = ("missing", "partial", "met", "not-applicable")
MARKS = {"missing": "✗", "partial": "◐", "met": "✓", "not-applicable": "–"}
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
    blocks.append("\n".join(about_lines(options)))
    if len(reports) > 1:    # the last lines: what failed and what could not be read
        blocks.append(_totals(reports, options.words))
    return "\n\n".join(blocks) + "\n"


def _totals(reports, words) -> str:
    passed = sum(1 for r in reports if r.passed)
    lines = [words("text.totals", passed=passed, total=len(reports))]
    failed = [r.file for r in reports if not r.passed and not r.errors]
    unreadable = [r.file for r in reports if r.errors]
    if failed:
        lines.append("  " + words("text.failed-list", files=words.join(failed)))
    if unreadable:
        lines.append("  " + words("text.unreadable-list", files=words.join(unreadable)))
    return "\n".join(lines)


def _report(report, options, paint) -> str:
    words = options.words
    if report.errors:
        return "\n".join(words("text.unreadable", file=report.file, reason=words.error(e.code, e.message),
                               code=e.code) for e in report.errors)
    lines = _header(report, options, paint)
    if options.brief:
        return "\n".join(lines + _brief(report, options, paint))
    lines += _figures(report, words)
    for status in STATUS_ORDER:
        for element in (e for e in report.elements if shown_status(e) == status):
            lines.extend(_element(element, options, paint))
    return "\n".join(lines)


def _brief(report, options, paint) -> list[str]:
    """What blocks the commit first, then advice, then what is waived: the hook's message."""
    gate, words, lines = options.gate, options.words, []
    threshold = threshold_reason(report, gate, words) if not report.passed else None
    blockers = blocking(report, gate)
    if threshold or blockers:
        lines.append(paint("  " + words("gate.blocks"), "missing"))
        if threshold:
            lines.append(f"  ✗ {threshold}")
        for element in blockers:
            lines.extend(_element(element, options, paint))
    groups = (("  " + words("gate.advice"), advice(report, gate)),
              ("  " + words("gate.waived"), waived(report)))
    for heading, elements in groups:
        if elements:
            lines += [""] * bool(lines) + [heading]
            for status in STATUS_ORDER:
                for element in (e for e in elements if shown_status(e) == status):
                    lines.extend(_element(element, options, paint))
    return lines


def _header(report, options, paint) -> list[str]:
    doc, words = report.document, options.words
    period = f"{doc.period[0]}—{doc.period[1]}" if doc.period else words("text.no-period")
    verdict = (paint(words.verdict("pass"), "met") if report.passed
               else paint(words.verdict("fail"), "missing"))
    lines = [paint(report.file, "title"),
             f"  {doc.title or words('text.no-title')}",
             "  " + words("text.facts", kind=words.kind(doc.kind), period=period, as_of=doc.as_of,
                          as_of_source=words.as_of_source(doc.as_of_source)),
             "  " + words("text.score", score=_score(report.score), verdict=verdict)]
    if timeliness_note(doc, words):
        lines.append("  " + words("text.timeliness", note=timeliness_note(doc, words)))
    lines += ["  " + words("text.warning", text=words.notice(w)) for w in doc.warnings]
    if doc.noise:
        dropped = ", ".join(words("text.noise-range", start=n.start, end=n.end, what=words.noise(n.what))
                            for n in doc.noise)
        lines.append("  " + words("text.noise", ranges=dropped))
    if report.missing:
        names = {e.id: e.short or e.title for e in report.elements}
        lines.append("  " + words("text.missing", ids=words.join(
            words("text.missing-item", id=i, short=names.get(i, i)) for i in report.missing)))
    if not report.passed and not options.brief:   # --brief lists it below, first
        lines.append("  " + words("text.fails-gate", reasons=gate_summary(report, options.gate, words)))
    return lines + [""]


def _figures(report, words) -> list[str]:
    """The key figures the report states, one line each, grouped by element."""
    if not report.figures:
        return []
    lines = ["  " + words("figures.heading")]
    for figure in sorted(report.figures, key=lambda f: _element_order(report, f.element)):
        lines.append(f"    {figure.element}  {figure.title}: {described(figure, words)}")
    return lines + [""]


def _element_order(report, element_id: str) -> int:
    return next((i for i, e in enumerate(report.elements) if e.id == element_id), len(report.elements))


def _score(score) -> str:
    return "-" if score is None else f"{score:g}"


def _element(element, options, paint) -> list[str]:
    words = options.words
    shown = shown_status(element)
    width = max(display_width(words.status(s)) for s in STATUS_ORDER)
    status = paint(f"{MARKS[shown]} {pad(words.status(shown), width)}", shown)
    also = words("text.also", stances=words.stances(element.also)) if element.also else ""
    extra = f" [{words.stance(element.stance)}{also}]"
    waived = "  " + words("text.waived", reason=element.waived) if element.waived else ""
    found = ("  " + words("text.found-not-counted", status=words.status(element.status))
             if found_note(element) else "")
    lines = [f"  {status} {element.id}  {element.title}{extra}{waived}{found}"]
    if element.decision:
        lines.append(f"      {decision_note(element, words)}")
    if element.parts:
        parts = words("text.part-separator").join(
            words("text.part", id=p.id, title=p.title, stance=words.stance(p.stance)) for p in element.parts)
        lines.append("      " + words("text.parts", parts=parts))
    if shown in ("missing", "partial"):
        lines.append("      " + words("text.hint", hint=element.hint))
    if shown == "not-applicable" and not element.evidence:
        return lines
    if not options.brief:
        lines.extend(_evidence(element, options))
    return lines


def _evidence(element, options) -> list[str]:
    words = options.words
    groups: dict[str, list] = {}
    for item in element.evidence:
        groups.setdefault(item.role, []).append(item)
    lines = []
    limit = None if options.verbose else options.max_evidence
    for role, items in groups.items():
        lines.append("      " + words("text.in-part", part=options.role_name(role)))
        for item in items[:limit]:
            quote = item.text if len(item.text) <= 90 else item.text[:88] + "…"
            lines.append("        " + words("text.evidence", where=words.place(item.where, item.line),
                                                 stance=words.evidence_stance(item.stance), quote=quote))
        if limit is not None and len(items) > limit:
            lines.append("        " + words("text.more", count=len(items) - limit))
    return lines
