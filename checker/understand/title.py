"""The title of a report: the first title-like line near the top that names a kind of
document, or the start of a line that goes on with the body (a page copied without line
breaks); and the page header above it, which is not the report."""

from __future__ import annotations

from dataclasses import dataclass

from checker.language.model import Language
from checker.understand.headings import heading_level
from checker.understand.kind import names_a_kind, unspaced
from checker.understand.records import NoiseRange


@dataclass(frozen=True)
class Title:
    text: str
    lines: tuple[int, ...] = ()           # 0-based lines that hold it
    span: tuple[int, int] | None = None   # a title glued to the body: its columns on its line

    def blanked(self, lines) -> tuple[str, ...]:
        """The lines with the title blanked out: what is left is the body."""
        result = list(lines)
        for index in self.lines:
            start, end = self.span if self.span else (0, len(result[index]))
            result[index] = result[index][:start] + " " * (end - start) + result[index][end:]
        return tuple(result)


def _clean(line: str, language: Language) -> str:
    return line.strip().lstrip(language.title_marks).strip()


def _never_a_title(text: str, language: Language) -> bool:
    """A date line or a subtitle (——2025年1月在…会议上): never a title, never joined to one."""
    return any(p.search(text) for p in language.title_never)


def _title_candidate(text: str, language: Language) -> bool:
    text = _clean(text, language)
    return (language.title_shape.fits(text) and not heading_level(text, language)
            and not any(p.search(text) for p in language.header_patterns)
            and not _never_a_title(text, language))


def find_title(lines, noise, language: Language) -> Title:
    """The first title-like line that names a kind of document (joined with a broken-off
    second line); a title repeated further down (a web page's header, then the article)
    is taken at its last occurrence. The first line too long or too punctuated to be a
    title may start with one (…情况的报告2023年，省政府坚持…)."""
    noisy = {i for r in noise for i in range(r.start - 1, r.end)}
    zone = [i for i in range(min(len(lines), language.top_lines)) if i not in noisy and lines[i].strip()]
    glued_tried = False
    for position, index in enumerate(zone):
        text = _clean(lines[index], language)
        if not _title_candidate(text, language):
            if not glued_tried and not _never_a_title(text, language):
                glued_tried = True
                glued = glued_title(lines[index], index, language)
                if glued:
                    return glued
            continue
        used = [index]
        if not names_a_kind(text, language) and _next_is_adjacent(zone, position, noisy):
            following = _clean(lines[zone[position + 1]], language)
            if _title_candidate(following, language) and names_a_kind(text + following, language):
                text, used = text + following, [index, zone[position + 1]]
        if names_a_kind(text, language):
            return Title(unspaced(text, language), tuple(_last_repeat(lines, zone, text, used, language)))
    first = next((_clean(lines[i], language) for i in zone), "")
    return Title(unspaced(first, language) if first and _title_candidate(first, language) else "")


def _next_is_adjacent(zone, position: int, noisy) -> bool:
    """The next line of the zone follows with nothing but blank lines between (a title broken
    over two lines), not across a breadcrumb or metadata (法制查询 above 首页→网站公告)."""
    if position + 1 >= len(zone):
        return False
    return not any(i in noisy for i in range(zone[position] + 1, zone[position + 1]))


def glued_title(line: str, index: int, language: Language) -> Title | None:
    """The shortest start of the line that is title-shaped, ends in a kind word and is
    followed by the body (a year, 一、, 现将, an addressee); a page number before it is left out."""
    rules = language.glued_title
    start = len(line) - len(line.lstrip(" \t\u3000" + language.title_marks))
    page = rules.page_number.match(line, start)
    start = page.end() if page else start
    if rules.not_start.match(line, start):
        return None
    for end in range(start + 1, min(len(line) - 1, start + rules.max_chars) + 1):
        if line[end - 1] in language.title_shape.not_in:
            return None
        if (end - start >= rules.min_chars and line[start:end].endswith(rules.ends)
                and _body_follows(line, end, rules)):
            return Title(unspaced(line[start:end].strip(), language), (index,), (start, end))
    return None


def _body_follows(line: str, end: int, rules) -> bool:
    rest = len(line) - len(line[end:].lstrip())
    return bool(rules.followers.match(line, rest))


def _last_repeat(lines, zone, text, used, language: Language):
    later = [i for i in zone if i > used[-1] and _clean(lines[i], language) == text]
    return [later[-1]] if later else used


def noise_before_title(noise: list[NoiseRange], title_lines, lines) -> list[NoiseRange]:
    """Everything before the title is a page header (web metadata, breadcrumbs), not report."""
    if not title_lines or title_lines[0] == 0:
        return noise
    first = title_lines[0]
    if not any(lines[i].strip() for i in range(first)):
        return noise
    kept = [r for r in noise if r.start > first]
    return sorted([NoiseRange(1, first, "before-title")] + kept, key=lambda r: r.start)
