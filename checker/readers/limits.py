"""How much of a report fazhi reads: every limit past which a file is refused, with a reason,
before the work that would grow with it.

Real annual reports have 5,000-100,000 characters, a few thousand lines or paragraphs, and
PDF pages of a few thousand text operators; each limit sits far above that, at what one
check does within 2 s and 300 MB (`python ci/bench_limits.py` measures it). The byte limit
(20 MB) is `--max-bytes`; these hold in every format.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace


@dataclass(frozen=True)
class ReadingLimits:
    # Lines of text, in any format (a .docx's paragraphs are counted in its XML before it
    # is parsed). Each line costs some 50 microseconds to understand, match and judge.
    lines: int = 15_000
    # Sentences (text between 。！？； or line ends), in any format: each is matched
    # against every element, and the figures are read in it.
    sentences: int = 15_000
    # Characters of text other than blanks, in any format: segmenting, matching and
    # judging grow with them (an 18 MB line of Han text took 26 s and 2.6 GB).
    chars: int = 150_000
    # Tags of a web page, counted in its bytes before the page is parsed (a real page,
    # navigation and all, has a few thousand).
    html_tags: int = 50_000
    # Operators (text, positions, paths) in the content streams of a PDF, per page and in
    # all, and the bytes those streams inflate to, counted before PDFium lays out a page
    # (17 KB of file can hold 600,000 text operators; with pdfminer that once took 16 s and
    # 648 MB). A page LibreOffice exports has some 5,000.
    pdf_page_operators: int = 30_000
    pdf_operators: int = 400_000
    pdf_content_bytes: int = 20 * 1024 * 1024

    def for_chars(self, chars: int) -> ReadingLimits:
        """The limits for reports of up to `chars` characters (`--max-chars`): an inspector
        who raises the character limit for one long report would otherwise meet the line
        and sentence limits next, so those rise (never fall) in the same proportion."""
        scale = max(1.0, chars / self.chars)
        return replace(self, chars=chars, lines=math.ceil(self.lines * scale),
                       sentences=math.ceil(self.sentences * scale))


LIMITS = ReadingLimits()
# said with every refusal for length, so an inspector knows how to check a long report anyway
RAISE_HINT = "--max-chars raises it"
