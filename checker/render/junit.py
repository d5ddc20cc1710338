"""JUnit XML, the test-report format every CI system shows: one test suite per report, one
test case per element (classname = pack, name = element id). Missing and partial elements
fail with the hint as the message; not-applicable and waived elements are skipped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from checker.render.sarif import relative_path


def render(reports, options) -> str:
    root = ET.Element("testsuites", name="fazhi")
    for report in reports:
        root.append(_suite(report))
    _count(root, root.findall("testsuite"))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(report) -> ET.Element:
    suite = ET.Element("testsuite", name=relative_path(report.file))
    properties = ET.SubElement(suite, "properties")
    score = "-" if report.score is None else f"{report.score:g}"
    for name, value in (("score", score), ("passed", str(report.passed).lower())):
        ET.SubElement(properties, "property", name=name, value=value)
    for error in report.errors:
        case = ET.SubElement(suite, "testcase", classname="fazhi", name="read")
        ET.SubElement(case, "error", message=error.message, type=error.code)
    for element in report.elements:
        suite.append(_case(report, element))
    _count(suite, suite.findall("testcase"))
    return suite


def _case(report, element) -> ET.Element:
    case = ET.Element("testcase", classname=element.pack, name=element.id, file=report.file)
    if element.waived:
        ET.SubElement(case, "skipped", message=f"waived: {element.waived}")
    elif element.status == "not-applicable":
        ET.SubElement(case, "skipped", message="not applicable to the period the report covers")
    elif element.status in ("missing", "partial"):
        failure = ET.SubElement(case, "failure", message=element.hint, type=element.status)
        failure.text = f"{element.title} ({element.severity}): {element.status}"
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
