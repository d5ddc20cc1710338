"""Put back together the lines a PDF broke mid-sentence.

A PDF holds visual lines; a term can be split over two of them ("法律" | "顾问"). A line is
joined to the next when it runs to the right margin (a short line ends its paragraph;
a Latin word or number that did not fit may leave it short by that word's width),
does not end a sentence, and the next line neither starts a line of its own (a numbered
heading, 附件: `own_line_starts`, from rules/language.yaml) nor is empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[。！？；：!?;:…][”’」』）)\]】》\"']*\s*$")
_LEADING_WORD = re.compile(r"[《“‘（(「『【〔]*[\x21-\x7e]*")
_FULL_LINE_SLACK = 2.5     # line heights: CJK wraps anywhere, so a full line is this close
_LATIN_CHAR_WIDTH = 0.6    # line heights per character of a word that would not fit
_LATIN_HYPHEN = re.compile(r"[A-Za-z]-$")
_CJK_ASCII_GAP = re.compile(r"(?<=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]) (?=[A-Za-z0-9])"
                            r"|(?<=[A-Za-z0-9%]) (?=[\u3400-\u9fff\u3000-\u303f\uff00-\uffef])")


@dataclass
class PdfLine:
    text: str
    page: int
    page_line: int
    gap: float          # space left before the right margin of the page, in line heights


def tidy(text: str) -> str:
    """Drop the spaces pdfminer infers from the gap Chinese typesetting leaves around digits
    and Latin letters; the source text has none there ('2024 年' -> '2024年')."""
    return _CJK_ASCII_GAP.sub("", text.strip("\r\n"))


def join_broken_lines(lines: list[PdfLine], own_line_starts: tuple[re.Pattern, ...]) -> list[PdfLine]:
    joined: list[PdfLine] = []
    for line in lines:
        if joined and _continues(joined[-1], line, own_line_starts):
            joined[-1].text = _glue(joined[-1].text, line.text)
            joined[-1].gap = line.gap
        else:
            joined.append(PdfLine(line.text, line.page, line.page_line, line.gap))
    return joined


def _continues(previous: PdfLine, line: PdfLine, own_line_starts: tuple[re.Pattern, ...]) -> bool:
    if not previous.text.strip() or not line.text.strip() or line.text[:1].isspace():
        return False   # an indented line starts a paragraph
    word = _LEADING_WORD.match(line.text.lstrip())
    width = len(word.group(0)) if word else 0    # (the pattern matches the empty string too)
    if previous.gap > _FULL_LINE_SLACK + _LATIN_CHAR_WIDTH * width:
        return False
    if _SENTENCE_END.search(previous.text):
        return False
    return not any(start.match(line.text) for start in own_line_starts)


def _glue(left: str, right: str) -> str:
    left, right = left.rstrip(), right.lstrip()
    if _LATIN_HYPHEN.search(left) and right[:1].islower():
        return left[:-1] + right
    if left[-1:].isascii() and left[-1:].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right
