"""GitHub Actions workflow commands: `::error file=…,line=…,title=…::message` lines that
GitHub turns into annotations on the pull request.

Missing elements are errors (required) or warnings (recommended), partial ones a level
lower; waived elements are notices with their reason. Values are escaped the way the
Actions runner unescapes them.
"""

from __future__ import annotations

from checker.render.sarif import element_position, fail_level, relative_path

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def render(reports, options) -> str:
    lines = [line for report in reports for line in _report(report)]
    return "".join(f"{line}\n" for line in lines)


def _report(report) -> list[str]:
    uri = relative_path(report.file)
    lines = [_command("error", {"file": uri, "title": f"fazhi: cannot read ({e.code})"}, e.message)
             for e in report.errors]
    for element in report.elements:
        if element.status in ("missing", "partial"):
            lines.append(_annotation(uri, element))
    if report.document is not None:
        lines.append(_verdict(uri, report))
    return lines


def _annotation(uri: str, element) -> str:
    line, column = element_position(element)
    where = {"file": uri, "line": str(line), "col": str(column)}
    if element.waived:
        title = f"{element.id} waived"
        return _command("notice", {**where, "title": title}, f"{element.title}: {element.waived}")
    title = f"{element.id} {element.status} ({element.severity})"
    message = f"{element.title}: {element.status}. {element.hint}"
    return _command(COMMANDS[fail_level(element)], {**where, "title": title}, message)


def _verdict(uri: str, report) -> str:
    score = "-" if report.score is None else f"{report.score:g}"
    verdict = "passed" if report.passed else "failed"
    missing = f"; missing: {', '.join(report.missing)}" if report.missing else ""
    return _command("notice" if report.passed else "error",
                    {"file": uri, "title": f"fazhi {verdict}"}, f"score {score}/100{missing}")


def _command(kind: str, properties: dict[str, str], message: str) -> str:
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message)}"


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
