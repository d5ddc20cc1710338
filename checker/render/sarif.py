"""SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure) show natively.

Every element of the packs in force is a rule; every element of every report is a result:
met -> kind `pass`, not applicable -> `notApplicable`, missing or partial -> `fail` with a
level from the element's severity. A waived element stays a result, with a suppression that
carries the waiver's reason.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from checker import __version__

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/fazhi/fazhi"
FAIL_LEVELS = {("missing", "required"): "error", ("missing", "recommended"): "warning",
               ("partial", "required"): "warning", ("partial", "recommended"): "note"}
KINDS = {"met": "pass", "not-applicable": "notApplicable", "missing": "fail", "partial": "fail"}


def render(reports, options) -> str:
    rules = _rules(reports, options.packs)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    run = {"tool": {"driver": {"name": "fazhi", "version": __version__,
                               "informationUri": INFORMATION_URI, "rules": rules}},
           "invocations": [_invocation(reports)],
           "results": [_result(report, e, index) for report in reports for e in report.elements]}
    sarif = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def fail_level(element) -> str:
    """error / warning / note for a missing or partial element, by its severity."""
    return FAIL_LEVELS.get((element.status, element.severity), "warning")


def report_uri(path: str) -> str:
    """The report's path relative to the working directory, as a URI reference."""
    return quote(relative_path(path), safe="/")


def relative_path(path: str) -> str:
    """The report's path relative to the working directory, with forward slashes."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows: keep it as given
        relative = path
    return Path(relative).as_posix()


def element_position(element) -> tuple[int, int]:
    """(line, column) of the first evidence; line 1 for an element with none (missing)."""
    if element.evidence:
        return element.evidence[0].line, element.evidence[0].column
    return 1, 1


def _rules(reports, packs) -> list[dict]:
    if packs is not None:
        return [_rule_from_element(e) for e in packs.elements]
    seen = {e.id: e for report in reports for e in report.elements}
    return [_rule_from_result(e) for e in seen.values()]


def _rule_from_element(element) -> dict:
    basis = [_basis_text(b) for b in element.basis]
    text = "Basis:\n" + "\n".join(f"- {b}" for b in basis) + f"\n\nHint: {element.hint}"
    markdown = ("**Basis**\n\n" + "\n".join(f"- {b}" for b in basis)
                + f"\n\n**Met when**: {element.met}\n\n**Hint**: {element.hint}")
    rule = _rule_from_result(element)
    rule["help"] = {"text": text, "markdown": markdown}
    rule["fullDescription"] = {"text": element.met}
    return rule


def _rule_from_result(element) -> dict:
    level = "error" if element.severity == "required" else "warning"
    return {"id": element.id, "name": element.id, "shortDescription": {"text": element.title},
            "help": {"text": f"Hint: {element.hint}"},
            "defaultConfiguration": {"level": level},
            "properties": {"pack": element.pack, "severity": element.severity,
                           "weight": element.weight}}


def _basis_text(basis) -> str:
    bits = [basis.document, basis.issuer, basis.number, basis.article,
            f"in force {basis.date}" if basis.date else ""]
    return "，".join(b for b in bits if b)


def _result(report, element, index) -> dict:
    kind = KINDS[element.status]
    line, column = element_position(element)
    result = {"ruleId": element.id, "kind": kind,
              "level": fail_level(element) if kind == "fail" else "none",
              "message": {"text": _message(element)},
              "locations": [{"physicalLocation": {
                  "artifactLocation": {"uri": report_uri(report.file)},
                  "region": {"startLine": line, "startColumn": column}}}],
              "properties": {"status": element.status, "stance": element.stance}}
    if element.id in index:
        result["ruleIndex"] = index[element.id]
    if element.waived:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": element.waived}]
    return result


def _message(element) -> str:
    if element.status == "met":
        return f"{element.title}: met"
    if element.status == "not-applicable":
        return f"{element.title}: not applicable to the period the report covers"
    return f"{element.title}: {element.status}. {element.hint}"


def _invocation(reports) -> dict:
    notes = [{"level": "error", "message": {"text": f"{error.message} [{error.code}]"},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": report_uri(r.file)}}}]}
             for r in reports for error in r.errors]
    return {"executionSuccessful": not notes, "toolExecutionNotifications": notes}
