"""SARIF 2.1.0, the format code-scanning services (GitHub, GitLab, Azure) show natively.

Every element of the packs in force is a rule; every element of every report is a result:
met -> kind `pass`, not applicable -> `notApplicable`, missing or partial -> `fail`. Its level
follows the gate (render/verdict.py): `error` only for an element that fails the gate
(missing, of a severity in `fail-on`, not waived), `warning` for one that is advice, `note`
for a waived one, which also carries a suppression with the waiver's reason. One more result
per report, of the rule `fazhi.gate`, is the report's verdict: `fail` at level `error`
exactly when the report fails the gate, so a code-scanning check agrees with the exit code.
A missing element is located at the part of the report where it belongs (or the title).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

from checker import __version__
from checker.judge.scoring import Gate
from checker.render.about import pack_versions, run_facts
from checker.render.verdict import (
    ERROR,
    NOTE,
    anchor,
    decision_note,
    gate_reasons,
    level,
    score_text,
    shown_status,
)

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/fazhi/fazhi"
GATE_RULE = "fazhi.gate"
KINDS = {"met": "pass", "not-applicable": "notApplicable", "missing": "fail", "partial": "fail"}


def render(reports, options) -> str:
    gate = options.gate
    rules = _rules(reports, options.packs, gate) + [_gate_rule(gate)]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = []
    for report in reports:
        results.append(_gate_result(report, gate, index, options.packs))
        results += [_result(report, e, index, options) for e in report.elements]
    run = {"tool": {"driver": {"name": "fazhi", "version": __version__,
                               "informationUri": INFORMATION_URI, "rules": rules},
                    "extensions": _pack_components(options.packs)},
           "invocations": [_invocation(reports)], "results": results,
           "properties": run_facts(options)}
    sarif = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _pack_components(packs) -> list[dict]:
    """The rule packs, as the tool's extensions: name, version and the digest of their rules."""
    return [{"name": p["name"], "version": p["version"] or p["digest"],
             "properties": {"digest": p["digest"]}} for p in pack_versions(packs)]


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


def element_position(report, element, packs) -> tuple[int, int]:
    """(line, column): for a missing element, the part of the report where it belongs (or
    the title); otherwise its first evidence."""
    if element.status == "missing" or not element.evidence:
        return anchor(report, [element], packs), 1
    return element.evidence[0].line, element.evidence[0].column


def _rules(reports, packs, gate: Gate) -> list[dict]:
    if packs is not None:
        return [_rule_from_element(e, gate) for e in packs.elements]
    seen = {e.id: e for report in reports for e in report.elements}
    return [_rule_from_result(e, gate) for e in seen.values()]


def _gate_rule(gate: Gate) -> dict:
    text = (f"A report fails the gate when it scores under {gate.fail_under:g} or misses an "
            f"element of severity {' or '.join(gate.fail_on) or '(none)'} that is not waived.")
    return {"id": GATE_RULE, "name": GATE_RULE, "shortDescription": {"text": "The report passes the gate"},
            "fullDescription": {"text": text}, "help": {"text": text},
            "defaultConfiguration": {"level": "error"},
            "properties": {"preset": gate.preset, "fail-under": gate.fail_under,
                           "fail-on": list(gate.fail_on)}}


def _rule_from_element(element, gate: Gate) -> dict:
    basis = [_basis_text(b) for b in element.basis]
    text = "Basis:\n" + "\n".join(f"- {b}" for b in basis) + f"\n\nHint: {element.hint}"
    markdown = ("**Basis**\n\n" + "\n".join(f"- {b}" for b in basis)
                + f"\n\n**Met when**: {element.met}\n\n**Hint**: {element.hint}")
    rule = _rule_from_result(element, gate)
    rule["help"] = {"text": text, "markdown": markdown}
    rule["fullDescription"] = {"text": element.met}
    return rule


def _rule_from_result(element, gate: Gate) -> dict:
    level = ERROR if element.severity in gate.fail_on else "warning"
    return {"id": element.id, "name": element.id, "shortDescription": {"text": element.title},
            "help": {"text": f"Hint: {element.hint}"},
            "defaultConfiguration": {"level": level},
            "properties": {"pack": element.pack, "severity": element.severity,
                           "weight": element.weight}}


def _basis_text(basis) -> str:
    bits = [basis.document, basis.issuer, basis.number, basis.article,
            f"in force {basis.date}" if basis.date else ""]
    return "，".join(b for b in bits if b)


def _gate_result(report, gate: Gate, index, packs) -> dict:
    reasons = gate_reasons(report, gate)
    location: dict = {"artifactLocation": {"uri": report_uri(report.file)}}
    if report.document is not None:
        blocking = [e for e in report.elements if level(e, gate) == ERROR]
        location["region"] = {"startLine": anchor(report, blocking, packs), "startColumn": 1}
    passed = report.passed and not report.errors
    message = (f"passes the gate: score {score_text(report.score)}/100" if passed
               else f"fails the gate: {'; '.join(reasons)}")
    return {"ruleId": GATE_RULE, "ruleIndex": index[GATE_RULE], "kind": "pass" if passed else "fail",
            "level": "none" if passed else ERROR, "message": {"text": message},
            "locations": [{"physicalLocation": location}],
            "properties": {"score": report.score, "passed": passed}}


def _result(report, element, index, options) -> dict:
    kind = KINDS[shown_status(element)]
    line, column = element_position(report, element, options.packs)
    result = {"ruleId": element.id, "kind": kind,
              "level": (level(element, options.gate) or "none") if kind == "fail" else "none",
              "message": {"text": _message(element, options.gate)},
              "locations": [{"physicalLocation": {
                  "artifactLocation": {"uri": report_uri(report.file)},
                  "region": {"startLine": line, "startColumn": column}}}],
              "properties": {"status": element.status, "stance": element.stance,
                             "applicable": element.applicable}}
    if element.id in index:
        result["ruleIndex"] = index[element.id]
    if element.waived:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": element.waived}]
    return result


def _message(element, gate: Gate) -> str:
    if shown_status(element) == "not-applicable":
        return f"{element.title}: not applicable to the period the report covers"
    if element.decision:
        return f"{element.title}: {element.status} ({decision_note(element)})"
    if element.status == "met":
        return f"{element.title}: met"
    verdict = {ERROR: "fails the gate", NOTE: f"waived: {element.waived}"}.get(
        level(element, gate) or "", "advice, does not fail the gate")
    return f"{element.title}: {element.status} ({element.severity}; {verdict}). {element.hint}"


def _invocation(reports) -> dict:
    notes = [{"level": "error", "message": {"text": f"{error.message} [{error.code}]"},
              "locations": [{"physicalLocation": {"artifactLocation": {"uri": report_uri(r.file)}}}]}
             for r in reports for error in r.errors]
    return {"executionSuccessful": not notes, "toolExecutionNotifications": notes}
