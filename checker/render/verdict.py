"""The gate's verdict as every CI format shows it: what fails the gate, what is only advice,
and where in the report a finding belongs.

One rule for JUnit, SARIF, GitHub annotations, Markdown and text, so that they agree with
the exit code: an element *blocks* when it is missing, not waived, and of a severity the
gate fails on (`fail-on`); a report fails when it could not be read, scores under
`fail-under` or has an element that blocks. Partial, waived and not-applicable elements
never block; they are advice, or shown for information.
"""

from __future__ import annotations

from checker.judge.scoring import Gate
from checker.packs.kinds.section import asked_roles
from checker.render.words import Words, english_words
from checker.understand.headings import INLINE_LEVEL

LACKING = ("missing", "partial")
# What GitHub (annotations) and SARIF call each level.
ERROR, WARNING, NOTE = "error", "warning", "note"


def shown_status(element) -> str:
    """The status people see: an element whose requirement did not yet apply to the period
    is not-applicable, whatever the text says about it (the JSON keeps what was found in
    `status`, with `applicable: false`); it counts neither for nor against the report."""
    return element.status if element.applicable else "not-applicable"


def found_note(element) -> str:
    """`found: partial` for a not-applicable element the text has anyway, else ""."""
    return "" if element.applicable or element.status == "not-applicable" else f"found: {element.status}"


def blocks(element, gate: Gate) -> bool:
    """Whether this element alone fails the gate (mirrors judge.scoring.passes)."""
    return element.status == "missing" and element.waived is None and element.severity in gate.fail_on


def is_advice(element, gate: Gate) -> bool:
    """Missing or partial, not waived, and not failing the gate: worth fixing, never blocking."""
    return (shown_status(element) in LACKING and element.waived is None
            and not blocks(element, gate))


def level(element, gate: Gate) -> str | None:
    """error (fails the gate), warning (advice), note (waived), None (met or not applicable)."""
    if blocks(element, gate):
        return ERROR
    if is_advice(element, gate):
        return WARNING
    if element.waived is not None:
        return NOTE
    return None


def blocking(report, gate: Gate) -> list:
    return [e for e in report.elements if blocks(e, gate)]


def advice(report, gate: Gate) -> list:
    return [e for e in report.elements if is_advice(e, gate)]


def waived(report) -> list:
    return [e for e in report.elements if e.waived is not None]


def score_text(score) -> str:
    return "-" if score is None else f"{score:g}"


def threshold_reason(report, gate: Gate, words: Words | None = None) -> str | None:
    """"score 40 is under 60 (fail-under)" when the score alone fails the report. The CI
    formats (JUnit, SARIF, GitHub) give no `words`: they speak English."""
    words = words or english_words()
    if report.score is not None and report.score < gate.fail_under:
        return words("gate.under-threshold", score=score_text(report.score), threshold=f"{gate.fail_under:g}")
    return None


def gate_reasons(report, gate: Gate, words: Words | None = None) -> list[str]:
    """Why the report fails the gate, one line each; [] when it passes."""
    words = words or english_words()
    if report.errors:
        return [words("gate.unreadable", reason=words.error(e.code, e.message)) for e in report.errors]
    if report.passed:
        return []
    threshold = threshold_reason(report, gate, words)
    reasons = [threshold] if threshold else []
    reasons += [words("gate.element-missing", id=e.id, title=e.title, severity=words.severity(e.severity))
                for e in blocking(report, gate)]
    return reasons or [words("gate.failed")]


def gate_summary(report, gate: Gate, words: Words | None = None) -> str:
    """One short line: `score 7.7 is under 60 (fail-under); missing required: a, b`."""
    words = words or english_words()
    if report.errors or report.passed:
        return "; ".join(gate_reasons(report, gate, words))
    threshold = threshold_reason(report, gate, words)
    parts = [threshold] if threshold else []
    by_severity: dict[str, list[str]] = {}
    for element in blocking(report, gate):
        by_severity.setdefault(element.severity, []).append(element.id)
    parts += [words("gate.missing-severity", severity=words.severity(severity), ids=words.join(ids))
              for severity, ids in by_severity.items()]
    return "; ".join(parts) or words("gate.failed")


def finding(element, words: Words | None = None) -> str:
    """`id title: status (severity). hint` — one element, as a line of a CI message."""
    words = words or english_words()
    decided = f" ({decision_note(element)})" if element.decision else ""
    return words("ci.finding", id=element.id, title=element.title, status=words.status(element.status),
                 severity=words.severity(element.severity) + decided, hint=element.hint)


# --- where a finding belongs -------------------------------------------------------------

def title_line(document) -> int:
    """The line of the title: the first line after the noise that opens the file."""
    line = 1
    for noise in sorted(document.noise, key=lambda n: n.start):
        if noise.start > line:
            break
        line = max(line, noise.end + 1)
    return line


def part_line(document, role: str) -> int | None:
    """The heading line of the report's part with this role: its shallowest, first heading
    (an inline 一是… is not a part)."""
    headings = [h for h in document.headings if h.role == role and h.level < INLINE_LEVEL]
    if not headings:
        return None
    top = min(h.level for h in headings)
    return min(h.line for h in headings if h.level == top)


def belongs_to(element, packs) -> str:
    """The role of the part where the missing content belongs: the part a section.* element
    asks for; where the element is written but incomplete (partial); where the offending
    text is, for an element met when nothing is found (a placeholder); else the part on
    what was done in the year (achievements)."""
    definition = _definition(element, packs)
    if definition is not None:
        asked = asked_roles(c.spec for c in definition.claims)
        if asked and element.status == "missing":
            return min(asked)
        if definition.met_when == "not-found" and element.evidence:
            return element.evidence[0].role
    achieved = [e for e in element.evidence if e.stance == "achieved"]
    return achieved[0].role if achieved else "achievements"


def _definition(element, packs):
    if packs is None:
        return None
    try:
        return packs.element(element.id)
    except KeyError:
        return None


def anchor(report, elements, packs) -> int:
    """One line for a finding about these elements: the heading of the part they all belong
    to, or the title line when they belong to different parts or that part is not there."""
    document = report.document
    if document is None:
        return 1
    lines = {part_line(document, belongs_to(e, packs)) for e in elements}
    if len(lines) == 1:
        (line,) = lines
        if line is not None:
            return line
    return title_line(document)


# --- inspectors' decisions and timeliness, as every format words them --------------------

def decision_note(element, words=None) -> str:
    """'decided by 张三 on 2026-12-02: 理由; fazhi found missing', or '' when not decided; in
    the reader's language with `words` (text, the page), else in English (CI formats)."""
    decided = element.decision
    if decided is None:
        return ""
    if words is not None:
        return words("text.decided", by=decided.by, at=decided.at[:10], reason=decided.reason,
                     found=words.status(decided.found))
    return (f"decided by the inspector {decided.by} on {decided.at[:10]}: {decided.reason}; "
            f"fazhi found {decided.found}")


def timeliness_note(document, words) -> str:
    """'按时：发布于 2025-02-27（发布时间），早于截止日期 2025-04-01', or '' without one: in
    the reader's language, from the facts the judge weighed (its `why` is the JSON's)."""
    timeliness = getattr(document, "timeliness", None)
    if timeliness is None:
        return ""
    return words("timeliness.note", status=words(f"timeliness.{timeliness.status}"),
                 why=_timeliness_why(document, timeliness, words))


def _timeliness_why(document, timeliness, words) -> str:
    """The case the judge found (its `reason`), worded from the catalogue."""
    published = document.published
    if timeliness.reason == "dated" and published is not None:
        why = words("timeliness.dated", means=_said(words, "means", published.means),
                    date=published.date, where=published.label or _said(words, "source", published.source),
                    relation=words(f"timeliness.relation-{timeliness.status}"),
                    deadline=timeliness.deadline)
        return why + (words("timeliness.weak") if published.weak else "")
    if timeliness.reason == "no-deadline":
        return words("timeliness.no-deadline", level=words.level(timeliness.level))
    if timeliness.reason == "no-date":
        return words("timeliness.no-date", deadline=timeliness.deadline)
    return words(f"timeliness.{timeliness.reason}")


def _said(words, kind: str, value: str) -> str:
    """The catalogue's word for a date's means or source; the value itself for one that a
    language file adds and the catalogue does not name yet."""
    key = f"timeliness.{kind}-{value}"
    return words(key) if words.has(key) else value
