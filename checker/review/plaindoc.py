"""A plain .docx of a report read from text, a PDF or a web page: one paragraph per line
as read (blank lines left out), the title and headings in Word's own styles so the
navigation pane shows the report's parts. Nothing is reflowed: a line of the report is a
paragraph here, so a comment sits on the text fazhi read."""

from __future__ import annotations

import re

import docx
from docx.oxml.ns import qn

from checker.readers.source import SourceText
from checker.understand.headings import INLINE_LEVEL
from checker.understand.records import DocumentInfo

# XML 1.0 allows neither control characters (other than tab) nor lone surrogates, and
# bidirectional overrides would let a report's text reorder what the reader sees; each
# becomes a space, so offsets into the line stay as they were.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\u202a-\u202e\u2066-\u2069]")
BODY_FONT = "宋体"    # East Asian font of the Normal style, as a Chinese Word document has


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(" ", text)


def plain_document(source: SourceText, info: DocumentInfo, title_line: int):
    """(document, paragraph element or None for each line)."""
    document = docx.Document()
    _east_asian_font(document.styles["Normal"], BODY_FONT)
    levels = _outline(info)
    titles = _title_lines(source.lines, info.title, title_line)
    paragraphs: list[object | None] = []
    for number, line in enumerate(source.lines, start=1):
        if not line.strip():
            paragraphs.append(None)
            continue
        style = "Title" if number in titles else _heading_style(levels.get(number))
        paragraph = document.add_paragraph(style=style)
        paragraph.add_run(xml_safe(line))
        paragraphs.append(paragraph._p)
    return document, paragraphs


def _outline(info: DocumentInfo) -> dict[int, int]:
    """line -> Word heading level, the report's shallowest headings at level 1."""
    headings = [h for h in info.headings if h.column == 1 and h.level < INLINE_LEVEL]
    top = min((h.level for h in headings), default=1)
    return {h.line: h.level - top + 1 for h in headings}


def _title_lines(lines: tuple[str, ...], title: str, first: int) -> set[int]:
    """The title's line, and the line it was broken onto when it runs over two."""
    found = {first}
    taken = len("".join(lines[first - 1].split())) if 0 < first <= len(lines) else 0
    following = next((n for n in range(first + 1, len(lines) + 1) if lines[n - 1].strip()), None)
    if title and following is not None and taken < len(title):
        if taken + len("".join(lines[following - 1].split())) <= len(title):
            found.add(following)
    return found


def _heading_style(level: int | None) -> str | None:
    return None if level is None else f"Heading {min(level, 9)}"


def _east_asian_font(style, name: str) -> None:
    """python-docx sets only the Latin font names; Chinese text takes w:eastAsia."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
