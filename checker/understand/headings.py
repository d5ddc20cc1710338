"""Headings: numbered, styled (.docx outline) or marked (Markdown), and 一是… inside a
paragraph; the part of the report each heading opens."""

from __future__ import annotations

from dataclasses import replace

from checker.language.model import Language
from checker.packs.literals import possible
from checker.understand.period import named_years
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
                  period, *, in_report: bool = False) -> list[Heading]:
    """Every heading with the part it opens. `in_report`: the document is an annual report,
    whose top-level parts before its problems and plans account for the year's work, even
    when their headings name a topic (一、依法全面履行政府职能)."""
    return with_roles(heading_lines(lines, title_lines, outline, language), language, period, in_report)


def heading_lines(lines, title_lines, outline: dict[int, int], language: Language
                  ) -> list[tuple[Heading, str]]:
    """Every heading, each with its first sentence, before the parts are given (`with_roles`):
    read once, however many times the parts are."""
    found: list[tuple[Heading, str]] = []
    inline = possible((language.inline_heading,), "\n".join(lines))
    for index, line in enumerate(lines):
        text, marked = _without_markdown_marker(line.strip(), language)
        if not text or index in title_lines:
            continue
        numbered = heading_level(text, language)
        # a Markdown draft's #s are its outline, as a .docx's styles are; numbering otherwise
        level = outline.get(index + 1) or marked or numbered
        if level:
            label = _label(text, language) if numbered else ""
            heading = Heading(index + 1, level, label, _heading_text(text, language), "")
            found.append((heading, _lead_sentence(text, language)))
        found.extend(_running_headings(index, line, language))
        if inline:
            found.extend(_inline_headings(index, text, language))
    return found


def _running_headings(index: int, line: str, language: Language) -> list[tuple[Heading, str]]:
    """Headings inside a line that runs whole parts together (a page that lost its line
    breaks): numbering after a sentence end, after 如下：, or after a space."""
    if len(line) < language.running_line_chars:
        return []
    found = []
    window = language.max_heading_chars + language.running_line_chars   # enough to read a heading
    for match in language.running_heading.finditer(line):
        start = match.end()
        rest = line[start:start + window]
        level = heading_level(rest, language) if start > len(line) - len(line.lstrip()) else 0
        if not level:
            continue
        label = _label(rest, language)
        words = language.running_text_end.split(rest[len(label):], maxsplit=1)[0]
        text = (label + words)[: language.inline_max_chars]
        found.append((Heading(index + 1, level, label, text, "", column=start + 1),
                      _first_sentence(rest, language)))
    return found


def _lead_sentence(text: str, language: Language) -> str:
    """The sentence a numbered line opens with, or "" when it is the whole line and no
    longer than a heading: a heading on a line of its own stands alone."""
    first = _first_sentence(text, language)
    whole = not text[len(first):].strip(" \t\u3000。；;") and len(first) <= language.max_heading_chars
    return "" if whole else first


def _first_sentence(text: str, language: Language) -> str:
    return language.heading_text_end.split(text, maxsplit=1)[0]


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


def _inline_headings(index: int, text: str, language: Language) -> list[tuple[Heading, str]]:
    found = []
    for match in language.inline_heading.finditer(text):
        rest = text[match.end("label"):]
        words = language.inline_text_end.split(rest, maxsplit=1)[0][: language.inline_max_chars]
        heading = Heading(index + 1, INLINE_LEVEL, match.group("label"), words, "")
        found.append((heading, _first_sentence(rest, language)))
    return found


def with_roles(found: list[tuple[Heading, str]], language: Language, period,
               in_report: bool = False) -> list[Heading]:
    """A heading at the document's top level gets the part its wording names; a deeper one
    the part of its parent, unless the parent has none or the heading opens a part of its
    own inside an account of the year's work (二是扛牢法治建设第一责任人职责。)."""
    top = min((h.level for h, _ in found if h.level < INLINE_LEVEL), default=0)
    default = language.default_part
    result: list[Heading] = []
    parents: dict[int, tuple[str, str]] = {}
    account_open = in_report        # no part with problems or plans yet
    for heading, sentence in found:
        parent = next((parents[level] for level in range(heading.level - 1, 0, -1) if level in parents),
                      None)
        # a heading with none above it stands at the top: a page that begins inside a part
        # (its （三） before the 二、 that follows) has no 一、 to hang it from
        at_top = heading.level < INLINE_LEVEL and (heading.level == top or parent is None)
        role, why = _role_and_reason(heading, sentence, at_top, parent or (default, ""), language, period)
        if at_top:
            account_open = account_open and role not in language.part_stances
            if account_open and role == default and not why and language.first_part:
                role, why = language.first_part, "in the account of the year, before problems and plans"
        if heading.level < INLINE_LEVEL:
            parents = {level: r for level, r in parents.items() if level < heading.level}
            parents[heading.level] = (role, heading.text)
        result.append(replace(heading, role=role, why=why))
    return result


def _role_and_reason(heading: Heading, sentence: str, at_top: bool, parent: tuple[str, str],
                     language: Language, period) -> tuple[str, str]:
    inherited, parent_text = parent
    if not at_top and _opens_sub_part(heading.text, sentence, inherited, language, period):
        return _role_of(heading.text, language, period)
    own, why = _role_of(heading.text, language, period) if heading.level < INLINE_LEVEL else ("", "")
    if at_top or inherited == language.default_part:
        return (own, why) if own else (inherited, "")
    return inherited, f"under {parent_text}"


def _opens_sub_part(text: str, sentence: str, inherited: str, language: Language, period) -> bool:
    """A sub-heading or lead-in inside an account of the year's work that names a part a
    sub-heading can open, and stands alone (its first sentence is short) rather than running
    on to tell the work."""
    if inherited not in language.account_parts | {language.default_part}:
        return False
    own, _ = _role_of(text, language, period)
    return (own in language.sub_heading_parts and own != inherited
            and len("".join(sentence.split())) <= language.sub_heading_max_chars)


def _role_of(text: str, language: Language, period) -> tuple[str, str]:
    """The first part whose heading wordings the text contains; the planned part for a
    heading naming a year after the period (2020年重点任务 in a 2019 report; "十五五"时期
    目标任务 in a report on 2025) or the coming year's tasks (今年重点工作)."""
    for part in language.parts:
        word = next((w for w in part.headings if w in text), None)
        if word:
            return part.id, f"names {word}"
    if period and any(year > period[1] for year in named_years(text, language)):
        return language.planned_part, "names a year after the period"
    coming = language.coming_tasks.search(text)
    if coming:
        return language.planned_part, f"names the coming year's tasks ({coming.group(0)})"
    return "", ""
