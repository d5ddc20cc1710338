"""Understand a report before matching: noise, title, kind, period, headings and parts.

Input: a SourceText and the reading cues (rules/language.yaml). Output: a Document whose
lines have noise blanked out, with the role (achievements, shortcomings, ...) and heading
path of every line, and the DocumentInfo that goes into the result.
"""

from __future__ import annotations

import datetime
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from checker.language.model import Language
from checker.readers.source import SourceText
from checker.understand.cues import plan_cue
from checker.understand.noise import find_noise, mask_inline_noise
from checker.understand.records import DocumentInfo, Heading, NoiseRange

# The outline level of 一是…二是… inside a paragraph: below every numbered heading
# (language.schema.json keeps the levels of headings.numbering at 6 or less).
INLINE_LEVEL = 7


@dataclass(frozen=True)
class Document:
    info: DocumentInfo
    lines: tuple[str, ...]          # match lines, noise blanked (same lengths as the file's)
    roles: tuple[str, ...]          # role of the part each line sits in
    sections: tuple[str, ...]       # heading path of each line
    title_lines: frozenset[int]     # 0-based indexes of the title line(s)


def understand(source: SourceText, language: Language, *, this_year: int | None = None) -> Document:
    raw = source.match_lines
    noise = find_noise(raw, language)
    title, title_lines = find_title(raw, noise, language)
    noise = _noise_before_title(noise, title_lines, raw)
    noisy = {i for r in noise for i in range(r.start - 1, r.end)}
    lines = tuple("" if i in noisy else mask_inline_noise(t, language) for i, t in enumerate(raw))
    period = find_period(title, lines, title_lines, language)
    as_of, as_of_source = applicable_year(period, lines, language, this_year)
    headings = find_headings(lines, title_lines, source.heading_levels, language, period)
    roles, sections = assign_parts(lines, headings, language.default_part)
    roles = carry_lead_ins(lines, roles, language)
    present = {h.role for h in headings if h.level < INLINE_LEVEL}
    kind = document_kind(title, lines, language, present)
    info = DocumentInfo(
        title=title, kind=kind, period=period, chars=sum(len(t) for t in lines),
        as_of=as_of, as_of_source=as_of_source, noise=tuple(noise), headings=tuple(headings),
        warnings=_warnings(kind, period, as_of_source))
    return Document(info, lines, roles, sections, frozenset(title_lines))


# --- title and kind ----------------------------------------------------------------------

def _clean(line: str, language: Language) -> str:
    return line.strip().lstrip(language.title_marks).strip()


def _title_candidate(text: str, language: Language) -> bool:
    text = _clean(text, language)
    return (language.title_shape.fits(text) and not _heading_level(text, language)
            and not any(p.search(text) for p in language.header_patterns))


def _has_kind_word(text: str, language: Language) -> bool:
    return any(w in text for words in language.kinds.values() for w in words)


def find_title(lines, noise, language: Language) -> tuple[str, list[int]]:
    """The first title-like line that names a kind of document (joined with a broken-off
    second line); a title repeated further down (a web page's header, then the article)
    is taken at its last occurrence."""
    noisy = {i for r in noise for i in range(r.start - 1, r.end)}
    zone = [i for i in range(min(len(lines), language.top_lines)) if i not in noisy and lines[i].strip()]
    for position, index in enumerate(zone):
        text = _clean(lines[index], language)
        if not _title_candidate(text, language):
            continue
        used = [index]
        if not _has_kind_word(text, language) and position + 1 < len(zone):
            following = _clean(lines[zone[position + 1]], language)
            if _title_candidate(following, language) and _has_kind_word(text + following, language):
                text, used = text + following, [index, zone[position + 1]]
        if _has_kind_word(text, language):
            return text, _last_repeat(lines, zone, text, used, language)
    first = next((_clean(lines[i], language) for i in zone), "")
    return (first if first and _title_candidate(first, language) else ""), []


def _last_repeat(lines, zone, text, used, language: Language):
    later = [i for i in zone if i > used[-1] and _clean(lines[i], language) == text]
    return [later[-1]] if later else used


def _noise_before_title(noise: list[NoiseRange], title_lines, lines) -> list[NoiseRange]:
    """Everything before the title is a page header (web metadata, breadcrumbs), not report."""
    if not title_lines or title_lines[0] == 0:
        return noise
    first = title_lines[0]
    if not any(lines[i].strip() for i in range(first)):
        return noise
    kept = [r for r in noise if r.start > first]
    return sorted([NoiseRange(1, first, "before-title")] + kept, key=lambda r: r.start)


def document_kind(title: str, lines, language: Language, parts: AbstractSet[str] = frozenset()) -> str:
    """By the title's wording (a notice issuing a document, by that document's title); else
    by the opening sentences; else a document laid out in a report's parts is a report."""
    carried = language.carried_title.search(title)
    if carried:
        title = carried.group("inner")
    for kind, words in language.kinds.items():
        if any(w in title for w in words):
            return kind
    opening = "".join(t for t in lines[:language.top_lines] if t)
    if any(w in opening for w in language.report_openers):
        return "annual-report"
    if any(w in opening for w in language.plan_openers):
        return "implementation-plan"
    if language.report_marking_parts & parts:
        return "annual-report"
    return "other"


# --- period and applicability ------------------------------------------------------------

def find_period(title: str, lines, title_lines, language: Language) -> tuple[int, int] | None:
    """From the title, else from the opening lines (现将2024年度…情况报告如下)."""
    found = _period_in(title, language)
    if found:
        return found
    start = (max(title_lines) + 1) if title_lines else 0
    body = [t for t in lines[start:] if t.strip()][: language.period_opening_lines]
    for text in body:
        if any(w in text for w in language.report_openers):
            found = _period_in(text, language)
            if found:
                return found
    return None


def _arabic_years(text: str, language: Language) -> str:
    """二〇二三年 -> 2023年, as formal documents often write the year."""
    return language.chinese_year.sub(lambda m: m.group(0).translate(language.chinese_digits), text)


def _period_in(text: str, language: Language) -> tuple[int, int] | None:
    """A range of years, else one year."""
    text = _arabic_years(text, language)
    match = language.period_range.search(text)
    if match:
        return int(match.group("from")), int(match.group("to"))
    match = language.period_year.search(text)
    if match:
        return int(match.group("year")), int(match.group("year"))
    return None


def applicable_year(period, lines, language: Language, this_year: int | None) -> tuple[int, str]:
    """The year requirements are judged against: the period's last year; with no period,
    the latest year the text mentions (a plan citing 〔2013〕 documents was written then);
    with neither, the current rules."""
    current = this_year or datetime.date.today().year
    if period:
        return period[1], "period"
    years = [int(m.group("year")) for t in lines for m in language.mentioned_year.finditer(t)]
    years = [y for y in years if y <= current]
    if years:
        return max(years), "latest year mentioned"
    return current, "current rules"


def _warnings(kind: str, period, as_of_source: str) -> tuple[str, ...]:
    warnings = []
    if kind != "annual-report":
        warnings.append(f"this document is not an annual report (kind: {kind}); "
                        "what it says is judged as "
                        + ("plans" if kind == "implementation-plan" else "found"))
    if period is None:
        warnings.append("no period found in the title or opening lines; applicability judged "
                        + ("against the current rules" if as_of_source == "current rules"
                           else "by the latest year the text mentions"))
    return tuple(warnings)


# --- headings and parts ------------------------------------------------------------------

def _heading_level(text: str, language: Language) -> int:
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
        numbered = _heading_level(text, language)
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
    return bool(_heading_level(text, language) or language.inline_heading.match(text))
