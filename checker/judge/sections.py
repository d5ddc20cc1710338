"""The report's own parts (section.* elements): judged from the headings understanding
found, and, for a part folded into another, from the evidence of the elements it is
about (the leader duty told inside the achievements, typically)."""

from __future__ import annotations

from checker.judge.evidence import Found, element_result, to_evidence
from checker.judge.results import ElementResult, Evidence
from checker.packs.model import Element
from checker.readers.source import SourceText
from checker.understand.document import Document
from checker.understand.headings import INLINE_LEVEL
from checker.understand.records import Heading

STATE_OF_STATUS = {"met": "present", "partial": "folded"}


def is_section_element(element: Element) -> bool:
    return bool(element.asked_roles)


def judge_section(element: Element, found: dict[str, list[Found]], document: Document,
                  source: SourceText) -> ElementResult:
    """Met when the part has a heading of its own, partial when its content sits in
    another part, missing otherwise (and always outside an annual report)."""
    info = document.info
    roles = element.asked_roles
    if info.kind != "annual-report":
        return element_result(element, "missing", "absent", (), ())
    # a heading of any level: a sub-heading or lead-in opens a part of its own when it
    # names the part and stands alone (checker.understand.headings)
    headings = [h for h in info.headings if h.role in roles]
    if headings:
        top = min(h.level for h in headings)
        evidence = [heading_evidence(h, document, source) for h in headings if h.level == top]
        return element_result(element, "met", "achieved", (), evidence, level="heading")
    folded = _folded_evidence(element, found)
    if folded:
        evidence = [to_evidence(f, source) for f in folded]
        return element_result(element, "partial", "achieved", (), evidence, level="folded")
    return element_result(element, "missing", "absent", (), ())


def _folded_evidence(element: Element, found: dict[str, list[Found]]) -> list[Found]:
    """Achieved evidence of the elements the part is about, one per sentence (the last
    found for a sentence wins, in sentence order)."""
    folded = [f for eid in element.folded_from for f in found.get(eid, ()) if f.stance == "achieved"]
    return list({f.hit.sentence.index: f for f in reversed(folded)}.values())[::-1]


def heading_evidence(heading: Heading, document: Document, source: SourceText) -> Evidence:
    line = source.lines[heading.line - 1][heading.column - 1:]   # a running line: from the heading
    return Evidence(line=heading.line, column=heading.column + len(line) - len(line.lstrip()),
                    section=document.section_at(heading.line - 1, heading.column - 1), role=heading.role,
                    text=line.strip()[:80], stance="achieved", term=heading.text,
                    where=source.locations[heading.line - 1].describe(), why="a heading of its own")


def section_states(document: Document, results: list[ElementResult],
                   section_of: dict[str, str], parts: tuple[str, ...]) -> dict[str, str]:
    """present | folded | absent for each of the `parts` of a report (language.yaml: the
    parts with a place, in that order): from the part's section element when the packs
    have one (`section_of`: role -> element id), else from the headings alone."""
    by_id = {r.id: r for r in results}
    headed = {h.role for h in document.info.headings if h.level < INLINE_LEVEL}
    states = {}
    for role in parts:
        result = by_id.get(section_of.get(role, ""))
        if result is not None:
            states[role] = STATE_OF_STATUS.get(result.status, "absent")
        else:
            states[role] = "present" if role in headed and document.info.kind == "annual-report" else "absent"
    return states


def section_elements(elements) -> dict[str, str]:
    """role -> id of the element that asks for a part with that role."""
    return {role: e.id for e in elements for role in e.asked_roles}
