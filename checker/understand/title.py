"""The title of a report: the first title-like line near the top that names a kind of
document; and the page header above it, which is not the report."""

from __future__ import annotations

from checker.language.model import Language
from checker.understand.headings import heading_level
from checker.understand.kind import names_a_kind, unspaced
from checker.understand.records import NoiseRange


def _clean(line: str, language: Language) -> str:
    return line.strip().lstrip(language.title_marks).strip()


def _title_candidate(text: str, language: Language) -> bool:
    text = _clean(text, language)
    return (language.title_shape.fits(text) and not heading_level(text, language)
            and not any(p.search(text) for p in language.header_patterns))


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
        if not names_a_kind(text, language) and position + 1 < len(zone):
            following = _clean(lines[zone[position + 1]], language)
            if _title_candidate(following, language) and names_a_kind(text + following, language):
                text, used = text + following, [index, zone[position + 1]]
        if names_a_kind(text, language):
            return unspaced(text, language), _last_repeat(lines, zone, text, used, language)
    first = next((_clean(lines[i], language) for i in zone), "")
    return (unspaced(first, language) if first and _title_candidate(first, language) else ""), []


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
