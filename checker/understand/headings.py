"""Headings: numbered, styled (.docx outline) or marked (Markdown), and 一是… inside a
paragraph; the part of the report each heading opens."""

from __future__ import annotations

from checker.language.model import Language
from checker.understand.records import Heading

# The outline level of 一是…二是… inside a paragraph: below every numbered heading
# (language.schema.json keeps the levels of headings.numbering at 6 or less).
INLINE_LEVEL = 7


def heading_level(text: str, language: Language) -> int:
    for rule in language.heading_rules:
        if rule.pattern.match(text):
            return rule.level
    return 0


def _heading_text(text: str, language: Language) -> str:
    head = language.heading_text_end.split(text, maxsplit=1)[0]
    return head[: language.max_heading_chars]


def find_headings(lines, title_lines, outline: dict[int, int], language: Language,
                  period) -> list[Heading]:
    headings: list[Heading] = []
    for index, line in enumerate(lines):
        text, marked = _without_markdown_marker(line.strip(), language)
        if not text or index in title_lines:
            continue
        numbered = heading_level(text, language)
        # a Markdown draft's #s are its outline, as a .docx's styles are; numbering otherwise
        level = outline.get(index + 1) or marked or numbered
        if level:
            label = _label(text, language) if numbered else ""
            headings.append(Heading(index + 1, level, label, _heading_text(text, language), ""))
        headings.extend(_inline_headings(index, text, language))
    return _with_roles(headings, language, period)


def _without_markdown_marker(text: str, language: Language) -> tuple[str, int]:
    """A Markdown draft's `## 一、主要举措和成效`: the text, and the level its #s give."""
    match = language.markdown_heading.match(text)
    if not match:
        return text, 0
    return text[match.end():], len(match.group("marks"))


def _label(text: str, language: Language) -> str:
    for rule in language.heading_rules:
        match = rule.pattern.match(text)
        if match:
            return match.group(0).strip()
    return ""


def _inline_headings(index: int, text: str, language: Language) -> list[Heading]:
    found = []
    for match in language.inline_heading.finditer(text):
        rest = text[match.end("label"):]
        words = language.inline_text_end.split(rest, maxsplit=1)[0][: language.inline_max_chars]
        found.append(Heading(index + 1, INLINE_LEVEL, match.group("label"), words, ""))
    return found


def _with_roles(headings: list[Heading], language: Language, period) -> list[Heading]:
    """A heading at the document's top level gets the role its wording names; deeper ones
    inherit their parent's role unless the parent has none."""
    top = min((h.level for h in headings if h.level < INLINE_LEVEL), default=0)
    default = language.default_part
    result: list[Heading] = []
    parents: dict[int, str] = {}
    for heading in headings:
        inherited = next((parents[level] for level in range(heading.level - 1, 0, -1) if level in parents),
                         default)
        own = _role_of(heading.text, language, period) if heading.level < INLINE_LEVEL else ""
        if heading.level == top or inherited == default:
            role = own or inherited
        else:
            role = inherited
        if heading.level < INLINE_LEVEL:
            parents = {level: r for level, r in parents.items() if level < heading.level}
            parents[heading.level] = role
        result.append(Heading(heading.line, heading.level, heading.label, heading.text, role))
    return result


def _role_of(text: str, language: Language, period) -> str:
    """The first part whose heading wordings the text contains; the planned part for a
    heading naming a year after the period (2020年重点任务 in a 2019 report)."""
    for part in language.parts:
        if any(w in text for w in part.headings):
            return part.id
    if period and any(int(m.group("year")) > period[1] for m in language.mentioned_year.finditer(text)):
        return language.planned_part
    return ""
