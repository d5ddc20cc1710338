"""One PDF page's text layer as lines, from PDFium's text page.

PDFium gives the page's characters in the order the content draws them, with a generated
CR LF where the text moves to a new line and a generated space where it leaves a gap. That
order is the reading order except where a writer draws a line in pieces: LibreOffice draws
the Latin-font quotation marks of “三项制度” after the Han characters of the line, so the
text would read 法三项制度“”. A line whose runs do not go left to right is put back in the
order of its characters' positions, as the eye reads it.
"""

from __future__ import annotations

import ctypes
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2.raw as pdfium

# A line ends where PDFium's text page breaks it (a generated CR LF) or the PDF draws one.
_LINE_BREAK = re.compile("\r\n|\r|\n")
# What a glyph without a Unicode mapping comes out as; never text.
_UNMAPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# In a line put back in order, a gap of this many font heights between two characters is
# a space between words (PDFium's own generated spaces sit where the drawing jumped).
_WORD_GAP = 0.25
# Runs may overlap by a kerning's width; more than this many font heights is a line drawn
# out of order.
_OVERLAP = 0.3


@dataclass(frozen=True)
class TextLine:
    text: str
    right: float      # the right edge of its rightmost character
    height: float     # the height of its font as drawn


def page_lines(text_page) -> Iterator[TextLine]:
    """The page's lines, top to bottom as PDFium reads them, blank lines included."""
    text = _page_text(text_page)
    start = 0
    for end in [*(match.start() for match in _LINE_BREAK.finditer(text)), len(text)]:
        yield _line(text_page, text, start, end)
        start = end + (2 if text.startswith("\r\n", end) else 1)


def _page_text(text_page) -> str:
    """The page's characters, one per character index of the text page (PDFium writes a
    character outside the BMP as two UTF-16 units; then each index is asked for its own)."""
    count = pdfium.FPDFText_CountChars(text_page)
    text = text_page.get_text_range(0, count) if count > 0 else ""
    if len(text) == count:
        return text
    return "".join(chr(pdfium.FPDFText_GetUnicode(text_page, index) or 0xFFFE) for index in range(count))


def _line(text_page, text: str, start: int, end: int) -> TextLine:
    line = text[start:end]
    last = start + len(line.rstrip()) - 1
    if last < start:
        return TextLine(line, 0.0, 1.0)
    height = _font_height(text_page, last)
    lefts, rights = _runs(text_page, start, end - start)
    if _drawn_out_of_order(lefts, rights, height):
        line = _in_position_order(text_page, text, start, end, height)
    return TextLine(_UNMAPPED.sub("", line), max(rights, default=0.0), height)


def _runs(text_page, start: int, count: int) -> tuple[list[float], list[float]]:
    """The left and right edges of the line's runs (PDFium's rectangles: characters drawn
    one after the other in one text object), in drawing order."""
    lefts: list[float] = []
    rights: list[float] = []
    left, top, right, bottom = edges = [ctypes.c_double() for _ in range(4)]
    pointers = [ctypes.byref(edge) for edge in edges]
    get_rect = pdfium.FPDFText_GetRect
    for rect in range(pdfium.FPDFText_CountRects(text_page, start, count)):
        get_rect(text_page, rect, *pointers)
        lefts.append(left.value)
        rights.append(right.value)
    return lefts, rights


def _drawn_out_of_order(lefts: list[float], rights: list[float], height: float) -> bool:
    """Whether a run starts back inside what the runs before it covered (more than a
    kerning's overlap): it was drawn after text that stands to its right."""
    covered = -math.inf
    for left, right in zip(lefts, rights, strict=True):
        if left < covered - _OVERLAP * height:
            return True
        covered = max(covered, right)
    return False


def _in_position_order(text_page, text: str, start: int, end: int, height: float) -> str:
    """The line's drawn characters sorted by where they stand, PDFium's generated spaces
    replaced by a space wherever two neighbours stand a word gap apart."""
    placed = []
    for index in range(start, end):
        if not pdfium.FPDFText_IsGenerated(text_page, index):
            left, right = _char_edges(text_page, index)
            placed.append((left, right, text[index]))
    placed.sort(key=lambda char: char[0])
    out: list[str] = []
    previous_right = None
    for left, right, char in placed:
        if previous_right is not None and left - previous_right > _WORD_GAP * height \
                and out and not out[-1].isspace() and not char.isspace():
            out.append(" ")
        out.append(char)
        previous_right = right if previous_right is None else max(previous_right, right)
    return "".join(out)


def _char_edges(text_page, index: int) -> tuple[float, float]:
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium.FPDFText_GetCharBox(text_page, index, *(ctypes.byref(edge) for edge in (left, right, bottom, top)))
    return left.value, right.value


def _font_height(text_page, index: int) -> float:
    """The height of character `index`'s font as drawn: the size it was set in times the
    text's vertical scale (some writers set 1 pt and scale by 12)."""
    matrix = pdfium.FS_MATRIX()
    pdfium.FPDFText_GetMatrix(text_page, index, ctypes.byref(matrix))
    return pdfium.FPDFText_GetFontSize(text_page, index) * math.hypot(matrix.c, matrix.d)
