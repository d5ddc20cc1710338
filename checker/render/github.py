"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message` lines that
GitHub turns into annotations on the pull request.

GitHub shows at most ten annotations of each level per step and drops the rest silently,
so each report gets at most one annotation per level (render/verdict.py decides levels the
way the gate does):

- `::error` — the report fails the gate: the score under `fail-under` and every element that
  blocks, each with its hint (or the file could not be read);
- `::warning` — advice: the elements missing or partial that do not fail the gate;
- `::notice` — the report passes the gate, and the waived elements with their reasons.

Each is anchored at the heading of the part of the report where the missing content belongs
(or at the title when its elements belong to different parts, or the part is not there).
Everything in detail goes to the job summary (`summary`, Markdown), which the command line
appends to `$GITHUB_STEP_SUMMARY` when that is set. Values are escaped the way the Actions
runner unescapes them.
"""

from __future__ import annotations

from checker.render import markdown
from checker.render.about import gate_text
from checker.render.escape import escaped_reports, visible
from checker.render.sarif import relative_path
from checker.render.verdict import (
    advice,
    anchor,
    blocking,
    finding,
    score_text,
    threshold_reason,
    waived,
)


def render(reports, options) -> str:
    # the log shows ESC sequences as colours and cursor moves: show them escaped
    lines = [line for report in escaped_reports(reports, visible) for line in _report(report, options)]
    return "".join(f"{line}\n" for line in lines)


def summary(reports, options) -> str:
    """The job summary: the Markdown report, under a heading of its own."""
    return "## fazhi\n\n" + markdown.render(reports, options) + "\n"


def _report(report, options) -> list[str]:
    uri = relative_path(report.file)
    gate, packs, words = options.gate, options.packs, options.words
    if report.errors:
        message = "; ".join(f"{words.error(e.code, e.message)} [{e.code}]" for e in report.errors)
        return [_command("error", {"file": uri, "title": "fazhi: " + words("ci.cannot-read")}, message)]
    lines = []
    score = words("ci.score", score=score_text(report.score))
    if not report.passed:
        blockers = blocking(report, gate)
        threshold = threshold_reason(report, gate, words)
        reasons = ([threshold] if threshold else []) + [finding(e, words) for e in blockers]
        body = [f"- {r}" for r in reasons or [words("gate.failed")]]
        lines.append(_annotation("error", uri, anchor(report, blockers, packs),
                                 "fazhi: " + words("gate.fails"),
                                 [words("ci.score-fails-gate", score=score, gate=gate_text(gate, words)),
                                  *body]))
    to_improve = advice(report, gate)
    if to_improve:
        lines.append(_annotation("warning", uri, anchor(report, to_improve, packs),
                                 "fazhi: " + words("ci.to-improve" if len(to_improve) > 1
                                                   else "ci.to-improve-one", count=len(to_improve)),
                                 [f"- {finding(e, words)}" for e in to_improve]))
    excused = ["- " + words("ci.waived-line", id=e.id, title=e.title, status=words.status(e.status),
                            reason=e.waived) for e in waived(report)]
    if report.passed:
        lines.append(_annotation("notice", uri, anchor(report, [], packs), "fazhi: " + words("gate.passes"),
                                 [words("ci.score-passes-gate", score=score, gate=gate_text(gate, words)),
                                  *excused]))
    elif excused:
        lines.append(_annotation("notice", uri, anchor(report, [], packs), "fazhi: " + words("ci.waived"),
                                 excused))
    return lines


def _annotation(kind: str, uri: str, line: int, title: str, message: list[str]) -> str:
    return _command(kind, {"file": uri, "line": str(line), "title": title}, "\n".join(message))


def _command(kind: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
