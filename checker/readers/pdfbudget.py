"""Bound the work the PDF engine is given: a page's content streams are inflated here, at
most to what is left of the document's byte budget, and their operators counted, before any
page is laid out.

Every operator costs time and memory to interpret, and an engine inflates a stream whole:
17 KB can hold 600,000 text operators (pdfminer took 16 s and 648 MB), and 1 MB of Flate
data a gigabyte. A real report's page has a few thousand operators.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

from checker.readers.limits import ReadingLimits
from checker.readers.source import ReportReadError

# An operator: a bare word of one to three letters (BT, Tj, re, f*, ', ") between
# delimiters. Counted in the stream's bytes without parsing it; a short word inside a
# string operand counts too, which only errs towards refusing a file far past the limit.
_OPERATOR = re.compile(rb"(?<![^\s\[\]()<>/{}%])[A-Za-z'\"][A-Za-z0-9*']{0,2}(?![^\s\[\]()<>/{}%])")


@dataclass
class PdfBudget:
    """What a document may still spend, page by page."""

    path: str
    limits: ReadingLimits
    content_bytes: int = 0
    operators: int = 0

    def charge(self, page, number: int) -> int:
        """Inflate and count the page's content streams and the forms it draws; refuse the
        file once a limit is passed. Returns the page's operators."""
        seen: set[int] = set()
        on_page = 0
        for stream in _streams(page.contents, page.resources, seen):
            on_page += len(_OPERATOR.findall(self._inflate(stream)))
            if on_page > self.limits.pdf_page_operators:
                raise self._refusal(f"page {number} has over {self.limits.pdf_page_operators} operators")
        self.operators += on_page
        if self.operators > self.limits.pdf_operators:
            raise self._refusal(f"pages 1-{number} have over {self.limits.pdf_operators} operators")
        return on_page

    def _refusal(self, what: str) -> ReportReadError:
        return ReportReadError(self.path, "too-large",
                               f"PDF {what}, the limit (a real report's page has some 5,000)")

    def _inflate(self, stream: PDFStream) -> bytes:
        left = self.limits.pdf_content_bytes - self.content_bytes
        if stream.data is None and _plain_flate(stream):
            raw = stream.rawdata or b""
            if stream.decipher and stream.objid is not None and stream.genno is not None:
                raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
            data = zlib.decompressobj().decompress(raw, left + 1)
            stream.data, stream.rawdata = data, None   # get_data() must not inflate it whole
        data = stream.get_data()    # another filter: rare in content streams, decoded whole
        self.content_bytes += len(data)
        if self.content_bytes > self.limits.pdf_content_bytes:
            raise ReportReadError(
                self.path, "too-large",
                f"PDF content inflates past {self.limits.pdf_content_bytes} bytes, over the limit")
        return data


def _plain_flate(stream: PDFStream) -> bool:
    filters = stream.get_filters()
    return len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE and not filters[0][1]


def _streams(contents, resources, seen: set[int]):
    """The page's content streams, then every form XObject its resources name (and theirs),
    each once."""
    for item in contents or ():
        stream = resolve1(item)
        if isinstance(stream, PDFStream) and id(stream) not in seen:
            seen.add(id(stream))
            yield stream
    xobjects = resolve1((resolve1(resources) or {}).get("XObject")) or {}
    for ref in xobjects.values() if isinstance(xobjects, dict) else ():
        form = resolve1(ref)
        if isinstance(form, PDFStream) and id(form) not in seen \
                and getattr(resolve1(form.attrs.get("Subtype")), "name", None) == "Form":
            yield from _streams([form], form.attrs.get("Resources"), seen)
