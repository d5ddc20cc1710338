"""Find what is not the report: web-page metadata, time stamps, URLs and watermarks that
re-hosting sites inject, and unrelated news appended after the report ends.

Noise lines are blanked before matching (never deleted, so line numbers stay true) and
listed in `document.noise`; inline watermarks are masked with spaces, keeping columns.
"""

from __future__ import annotations

import re

from checker.language.model import Language
from checker.understand.records import NoiseRange

# A whole-line HTML comment in a Markdown draft (a `<!-- fazhi: waive … -->` waiver) is
# markup the writer put there, never noise.
COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


def find_noise(lines, language: Language) -> list[NoiseRange]:
    flagged: dict[int, str] = {}
    for index, line in enumerate(lines):
        if any(p.search(line) for p in language.noise_lines):
            flagged[index] = "stamp-or-url"
    flagged.update(_metadata_lines(lines, language))
    footer = page_footer_start(lines, language)
    if footer is not None:
        flagged.update({i: "page-footer" for i in range(footer, len(lines))})
    start = trailing_news_start(lines[:footer] if footer is not None else lines, language)
    if start is not None:
        flagged.update({i: "trailing-news" for i in range(start, footer or len(lines))})
    flagged = {i: what for i, what in flagged.items() if not COMMENT_LINE.match(lines[i])}
    return _ranges(flagged, lines)


def page_footer_start(lines, language: Language) -> int | None:
    """The first line, in the second half of the text, that opens a web page's tail
    (相关新闻, 上一篇：, 主办：…): related news and the site footer follow it."""
    for index in range(len(lines) // 2, len(lines)):
        if any(p.search(lines[index]) for p in language.footer_lines):
            return index
    return None


def _is_metadata_label(line: str, language: Language) -> bool:
    """A label alone (发布日期), or a label and its value (发布日期：2024-01-05)."""
    text = line.strip().lstrip(language.label_marks)
    return text in language.metadata_labels or bool(language.metadata_label.match(text))


def _metadata_lines(lines, language: Language) -> dict[int, str]:
    """Label lines of a web page's information block, and the value line under an empty label."""
    found: dict[int, str] = {}
    awaiting_value = False
    for index, line in enumerate(lines[:language.top_lines]):
        if _is_metadata_label(line, language):
            found[index] = "web-metadata"
            awaiting_value = bool(language.label_without_value.search(line))
        elif awaiting_value and line.strip():
            found[index] = "web-metadata"
            awaiting_value = False
    return found


def _is_title_like(line: str, language: Language) -> bool:
    """A news headline: short, no heading numbering, not a signature or date line."""
    text = line.strip()
    return (language.news_title.fits(text)
            and not any(r.pattern.match(text) for r in language.heading_rules)
            and not any(p.match(text) for p in language.signature_patterns))


def _mentions_domain(line: str, language: Language) -> bool:
    return any(w in line for w in language.domain_words)


def trailing_news_start(lines, language: Language) -> int | None:
    """The first line of a trailing block that begins at a short title-like line and has
    none of the report's domain words but at least one line of body text."""
    start, has_body = None, False
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index]
        if not line.strip() or COMMENT_LINE.match(line):
            continue
        if _mentions_domain(line, language):
            break
        has_body = has_body or len(line.strip()) >= language.news_body_chars
        if _is_title_like(line, language) and has_body:
            start = index
    return start


def _ranges(flagged: dict[int, str], lines) -> list[NoiseRange]:
    """Consecutive flagged lines of one kind as ranges (1-based, inclusive); blank lines
    between two flagged lines of the same kind join them."""
    ranges: list[NoiseRange] = []
    for index in sorted(flagged):
        what = flagged[index]
        if ranges and ranges[-1].what == what and _only_blank_between(lines, ranges[-1].end, index):
            ranges[-1] = NoiseRange(ranges[-1].start, index + 1, what)
        else:
            ranges.append(NoiseRange(index + 1, index + 1, what))
    return ranges


def _only_blank_between(lines, last_end: int, index: int) -> bool:
    return all(not lines[i].strip() for i in range(last_end, index))


def mask_inline_noise(line: str, language: Language) -> str:
    """Replace watermark and URL text inside a line with spaces of the same length."""
    for pattern in language.noise_inline:
        line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line
