"""Find what is not the report: web-page metadata, time stamps, URLs and watermarks that
re-hosting sites inject, and unrelated news appended after the report ends.

Noise lines are blanked before matching (never deleted, so line numbers stay true) and
listed in `document.noise`; inline watermarks are masked with spaces, keeping columns. Text
injected inside words (a site's repeated watermark, pinyin after characters) is removed and
its sentence closed up, padded with spaces before the sentence ends: every sentence keeps its
place in the line, so evidence still quotes the file as written.
"""

from __future__ import annotations

import re

from checker.language.model import Language
from checker.packs.literals import possible
from checker.understand.records import NoiseRange

# A whole-line HTML comment in a Markdown draft (a `<!-- fazhi: waive … -->` waiver) is
# markup the writer put there, never noise.
COMMENT_LINE = re.compile(r"^\s*<!--.*-->\s*$")


def find_noise(lines, language: Language) -> list[NoiseRange]:
    flagged: dict[int, str] = {}
    stamps = possible(language.noise_lines, "\n".join(lines))
    for index, line in enumerate(lines):
        if any(p.search(line) for p in stamps):
            flagged[index] = "stamp-or-url"
        elif language.menu.fits(line):
            flagged[index] = "navigation"
    flagged.update(_metadata_lines(lines, language))
    flagged.update(_column_names(lines, flagged, language))
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
    tail = lines[len(lines) // 2:]
    footers = possible(language.footer_lines, "\n".join(tail))
    for index in range(len(lines) // 2, len(lines)):
        if any(p.search(lines[index]) for p in footers):
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


def _column_names(lines, flagged: dict[int, str], language: Language) -> dict[int, str]:
    """Short lines near the top that repeat a crumb of a breadcrumb there (工作报告 above
    您所在的位置：政务公开 > 工作报告): the column's name, not the document's title."""
    top = range(min(len(lines), language.top_lines))
    crumbs = {c.strip() for i in top if flagged.get(i) == "stamp-or-url"
              for c in language.crumb_separator.split(lines[i]) if c.strip()}
    return {i: "navigation" for i in top if i not in flagged
            and 0 < len(lines[i].strip()) <= language.column_name_max_chars and lines[i].strip() in crumbs}


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


def mask_inline_noise(line: str, language: Language, patterns=None) -> str:
    """Replace watermark and URL text inside a line with spaces of the same length (of
    `patterns`, the language's that may match in the document; all of them by default)."""
    for pattern in language.noise_inline if patterns is None else patterns:
        line = pattern.sub(lambda m: " " * len(m.group(0)), line)
    return line


def find_watermarks(lines, language: Language) -> tuple[str, ...]:
    """A site's slogan and address that recur word for word (秘书之家—全网资源每日更新
    www.mishuzj.com): for each address seen often enough, the longest run of text that
    precedes it at every occurrence, with the address."""
    slogans: dict[str, list[str]] = {}
    if not possible((language.watermark,), "\n".join(lines)):
        return ()
    for line in lines:
        for match in language.watermark.finditer(line):
            slogans.setdefault(match.group("address"), []).append(match.group("slogan"))
    return tuple(_common_ending(found) + address for address, found in slogans.items()
                 if len(found) >= language.watermark_min_repeats)


def _common_ending(texts: list[str]) -> str:
    shortest = min(texts, key=len)
    size = next((n for n in range(len(shortest), 0, -1) if all(t.endswith(shortest[-n:]) for t in texts)), 0)
    return shortest[len(shortest) - size:] if size else ""


def clean_lines(lines, language: Language, watermarks: tuple[str, ...] = (),
                traditional: bool = False) -> tuple[str, ...]:
    """Each line without injected text: watermarks and reading aids removed (the sentence
    closed up), then URLs and source notes masked with spaces, and respelled words put back
    (a converter's Taiwan phrasing only in a text that was in Traditional script). Same
    lengths as the lines. What cannot occur anywhere in the text is not looked for in
    each line."""
    text = "\n".join(lines)
    marks = tuple(re.compile(re.escape(w)) for w in watermarks if w in text)
    closed_up = possible(language.closed_up, text)
    inline = possible(language.noise_inline, text)
    lines = [mask_inline_noise(close_up(line, [m.span() for p in marks + closed_up for m in p.finditer(line)],
                                        language.terminators), language, inline) for line in lines]
    for table in [language.respelled] + ([language.traditional_phrases] if traditional else []):
        lines = _respelled(lines, table)
    return tuple(lines)


def clean_line(line: str, language: Language, watermarks: tuple[str, ...] = (),
               traditional: bool = False) -> str:
    """One line cleaned as `clean_lines` cleans it."""
    return clean_lines((line,), language, watermarks, traditional)[0]


def respell(line: str, table: dict[str, str]) -> str:
    """Each respelled wording put back (longest first); both are as long (language.yaml)."""
    return _respelled([line], table)[0]


def _respelled(lines: list[str], table: dict[str, str]) -> list[str]:
    """`respell` of each line. A wording is put back in every line that holds it, one
    wording after the other, so the joined lines hold it at its turn exactly when a line
    does: a wording they do not hold is not looked for line by line."""
    text = "\n".join(lines)
    for old in sorted(table, key=len, reverse=True):
        if old in text:
            new = table[old]
            lines = [line.replace(old, new) if old in line else line for line in lines]
            # the same as text.replace(old, new), unless a wording reaches over a line break
            text = "\n".join(lines) if "\n" in old else text.replace(old, new)
    return lines


def mask_page_numbers(lines, language: Language) -> tuple[str, ...]:
    """Page numbers injected at line starts (…使受理标 / 3、准更加明确), masked with spaces:
    a number that opens a line after a paragraph that does not end a sentence (or the text's
    first line), when such numbers run 1, 2, 3…"""
    run: list[tuple[int, int]] = []
    previous = ""
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        match = language.page_number.match(line)
        if match and _breaks_a_paragraph(previous, language) and int(match.group("number")) == len(run) + 1:
            run.append((index, match.end()))
        previous = line
    if len(run) < language.page_numbers_min:
        return tuple(lines)
    masked = list(lines)
    for index, end in run:
        masked[index] = " " * end + masked[index][end:]
    return tuple(masked)


def _breaks_a_paragraph(previous: str, language: Language) -> bool:
    text = previous.rstrip()
    if not text:
        return True
    ends_a_sentence = text[-1] in language.terminators + "：:"
    return len(text.strip()) >= language.page_number_after_chars and not ends_a_sentence


def close_up(line: str, spans, terminators: str) -> str:
    """The line with each span removed and as many spaces put back just before the end of
    its sentence (the next terminator, else the line's end): words split by the span join
    up, and the sentence keeps its start and its end."""
    for start, end in sorted(_disjoint(spans), reverse=True):
        line = line[:start] + line[end:]
        stop = next((i for i in range(start, len(line)) if line[i] in terminators), len(line))
        line = line[:stop] + " " * (end - start) + line[stop:]
    return line


def _disjoint(spans) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept
