"""JUnit XML, the test-report format every CI system shows: one test suite per report.

Its first test case, `gate`, is the report's verdict: it fails exactly when the report
fails the gate (and so the exit code is 1), with what blocks it as the message; a report
that cannot be read is an `error` there. Then one test case per element (classname = pack,
name = element id): a `<failure>` only when the element fails the gate (missing, of a
severity in `fail-on`, not waived); an element that is missing or partial without failing
it is `<skipped>` with "advice" and the hint, so a merge request never counts a passing
report's advice as failed tests; waived and not-applicable elements are skipped too, with
their reason.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker import __version__
from checker.judge.scoring import Gate
from checker.render.about import packs_text
from checker.render.escape import escaped_reports, visible
from checker.render.sarif import relative_path
from checker.render.verdict import blocks, gate_reasons, is_advice, score_text, shown_status
from checker.render.words import english_words


def render(reports, options) -> str:
    root = ET.Element("testsuites", name="fazhi")
    for report in escaped_reports(reports, visible):   # XML 1.0 cannot hold control characters
        root.append(_suite(report, options))
    _count(root, root.findall("testsuite"))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(report, options) -> ET.Element:
    gate = options.gate
    suite = ET.Element("testsuite", name=relative_path(report.file))
    properties = ET.SubElement(suite, "properties")
    for name, value in (("score", score_text(report.score)), ("passed", str(report.passed).lower()),
                        ("preset", gate.preset or ""), ("fail-under", f"{gate.fail_under:g}"),
                        ("fail-on", ",".join(gate.fail_on)), ("date", options.date),
                        ("fazhi", __version__), ("packs", packs_text(options.packs, english_words()))):
        ET.SubElement(properties, "property", name=name, value=value)
    suite.append(_gate_case(report, gate))
    for element in report.elements:
        suite.append(_case(report, element, gate))
    _count(suite, suite.findall("testcase"))
    return suite


def _gate_case(report, gate: Gate) -> ET.Element:
    case = ET.Element("testcase", classname="fazhi", name="gate", file=report.file)
    reasons = gate_reasons(report, gate)
    if report.errors:
        for error in report.errors:
            ET.SubElement(case, "error", message=error.message, type=error.code)
    elif not report.passed:
        failure = ET.SubElement(case, "failure", type="gate",
                                message=f"fails the gate: {'; '.join(reasons)}")
        failure.text = "\n".join(reasons)
    return case


def _case(report, element, gate: Gate) -> ET.Element:
    case = ET.Element("testcase", classname=element.pack, name=element.id, file=report.file)
    if blocks(element, gate):
        failure = ET.SubElement(case, "failure", message=element.hint, type=element.status)
        failure.text = f"{element.title} ({element.severity}): {element.status}; fails the gate"
    elif element.waived:
        ET.SubElement(case, "skipped", message=f"waived: {element.waived}")
    elif shown_status(element) == "not-applicable":
        ET.SubElement(case, "skipped", message="not applicable to the period the report covers")
    elif is_advice(element, gate):
        ET.SubElement(case, "skipped", message=f"advice, does not fail the gate: {element.status} "
                                               f"({element.severity}). {element.hint}")
    return case


def _count(node: ET.Element, children: list[ET.Element]) -> None:
    """tests / failures / errors / skipped attributes, summed over the children."""
    for key, tag in (("tests", None), ("failures", "failure"), ("errors", "error"),
                     ("skipped", "skipped")):
        if node.tag == "testsuites":
            total = sum(int(child.get(key, 0)) for child in children)
        else:
            total = sum(1 for c in children if tag is None or c.find(tag) is not None)
        node.set(key, str(total))
