"""The part of the report every line sits in, and its heading path."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.language.model import Language
from checker.understand.cues import plan_cue
from checker.understand.headings import INLINE_LEVEL, heading_level
from checker.understand.records import Heading


@dataclass(frozen=True)
class Parts:
    """The part of the report each line sits in where the line starts, and where a heading
    inside a running line changes it: line index -> ((column, role, heading path), ...)."""

    roles: tuple[str, ...]
    sections: tuple[str, ...]
    changes: dict[int, tuple[tuple[int, str, str], ...]] = field(default_factory=dict)


def assign_parts(lines, headings: list[Heading], default: str) -> Parts:
    """The role and heading path of every line, from the nearest heading before it (the
    `default` role before the first one)."""
    by_line: dict[int, list[Heading]] = {}
    for heading in sorted((h for h in headings if h.level < INLINE_LEVEL), key=lambda h: (h.line, h.column)):
        if heading.column > 1 or not by_line.get(heading.line - 1):
            by_line.setdefault(heading.line - 1, []).append(heading)
    roles: list[str] = []
    sections: list[str] = []
    changes: dict[int, list[tuple[int, str, str]]] = {}
    path: dict[int, str] = {}
    role = default
    for index in range(len(lines)):
        start = (role, path)                 # what is in force where the line starts
        for heading in by_line.get(index, ()):
            path = {level: t for level, t in path.items() if level < heading.level}
            path[heading.level] = heading.text
            role = heading.role
            if heading.column == 1:
                start = (role, path)
            else:
                changes.setdefault(index, []).append((heading.column - 1, role, _path_text(path)))
        roles.append(start[0])
        sections.append(_path_text(start[1]))
    return Parts(tuple(roles), tuple(sections), {k: tuple(v) for k, v in changes.items()})


def _path_text(path: dict[int, str]) -> str:
    return " / ".join(path[level] for level in sorted(path))


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
