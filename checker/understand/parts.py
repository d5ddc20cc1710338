"""The part of the report every line sits in, and its heading path."""

from __future__ import annotations

from checker.language.model import Language
from checker.understand.cues import plan_cue
from checker.understand.headings import INLINE_LEVEL, heading_level
from checker.understand.records import Heading


def assign_parts(lines, headings: list[Heading], default: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The role and heading path of every line, from the nearest heading above it (the
    `default` role before the first one)."""
    by_line: dict[int, Heading] = {}
    for heading in headings:
        if heading.level < INLINE_LEVEL:
            by_line.setdefault(heading.line, heading)
    roles: list[str] = []
    sections: list[str] = []
    path: dict[int, str] = {}
    role = default
    for index in range(len(lines)):
        opening = by_line.get(index + 1)
        if opening:
            path = {level: t for level, t in path.items() if level < opening.level}
            path[opening.level] = opening.text
            role = opening.role
        roles.append(role)
        sections.append(" / ".join(path[level] for level in sorted(path)))
    return tuple(roles), tuple(sections)


def carry_lead_ins(lines, roles: tuple[str, ...], language: Language) -> tuple[str, ...]:
    """下一步，我镇将重点做好以下工作： — a lead-in that announces plans puts the
    enumerated lines under it (一是…, 1. …) in the planned part, whatever part they sit in."""
    carried = list(roles)
    index = 0
    while index < len(lines):
        text = lines[index].strip()
        if text.endswith(language.lead_in_ends) and plan_cue(text, roles[index], language, weak=False):
            index = _mark_enumeration(lines, carried, index + 1, language)
        else:
            index += 1
    return tuple(carried)


def _mark_enumeration(lines, roles: list[str], index: int, language: Language) -> int:
    """The items right under a lead-in: lines numbered as headings are (一、 (一) 1. ①) or
    opening with 一是… (the numbering comes from rules/language.yaml)."""
    while index < len(lines) and _is_enumerated(lines[index].strip(), language):
        roles[index] = language.planned_part
        index += 1
    return index


def _is_enumerated(text: str, language: Language) -> bool:
    return bool(heading_level(text, language) or language.inline_heading.match(text))
