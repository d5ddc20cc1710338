"""PDF reports: the text layer, page by page, with lines broken mid-sentence re-joined.

PDFium (pypdfium2) lays the text out: it reads a 57-page report in 0.4 s, where pdfminer.six,
pure Python at ~14 microseconds an operator, took 6 s; and it reads a table row by row
where pdfminer's box grouping jumbled its cells. pdfminer still parses the objects first,
for the budget (every page's operators counted before any is laid out) and the file dates.

Only the text layer is read: a scanned PDF without one is refused with a hint to run OCR,
never guessed at.
"""

from __future__ import annotations

import ctypes
import io
import logging
import math
import re
import unicodedata
from collections.abc import Iterator

import pypdfium2
import pypdfium2.raw as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage

from checker.language.load import load_language
from checker.readers.filedates import pdf_dates
from checker.readers.limits import LIMITS, ReadingLimits
from checker.readers.pdfbudget import PdfBudget
from checker.readers.pdflines import PdfLine, join_broken_lines, tidy
from checker.readers.source import Location, ReportReadError, SourceText

# pdfminer logs a warning per damaged object; without this handler Python's last-resort
# handler would print them all on stderr. Applications that configure logging still see them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
# A line ends where PDFium's text page breaks it (a generated CR LF) or the PDF draws one.
_LINE_BREAK = re.compile("\r\n|\r|\n")
# What a glyph without a Unicode mapping comes out as; never text.
_UNMAPPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def read_pdf(path: str, raw: bytes, limits: ReadingLimits = LIMITS) -> SourceText:
    pages = _pages(path, raw, limits)
    lines = join_broken_lines([line for page in pages for line in page], load_language().own_line_starts)
    lines = [line for line in lines if line.text.strip()]
    if not lines:
        raise ReportReadError(
            path, "no-text-layer", "PDF has no text layer (a scan?); run OCR on it first")
    return SourceText(
        path=path, format="pdf", lines=tuple(line.text for line in lines),
        locations=tuple(Location(line=i, page=line.page, page_line=line.page_line)
                        for i, line in enumerate(lines, start=1)),
        file_dates=pdf_dates(raw))


def _pages(path: str, raw: bytes, limits: ReadingLimits) -> list[list[PdfLine]]:
    try:
        _charge_budget(path, raw, limits)
        return _text_pages(raw)
    except ReportReadError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise _encrypted(path) from None
    except pypdfium2.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.FPDF_ERR_PASSWORD:
            raise _encrypted(path) from None
        raise ReportReadError(path, "bad-pdf", f"cannot read PDF: {exc}") from None
    except Exception as exc:  # pdfminer raises many unrelated types on damage
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise ReportReadError(path, "bad-pdf", f"cannot read PDF: {reason}") from None


def _encrypted(path: str) -> ReportReadError:
    return ReportReadError(
        path, "encrypted-pdf", "PDF is password-protected; save an unprotected copy")


def _charge_budget(path: str, raw: bytes, limits: ReadingLimits) -> None:
    """Every page's content counted (pdfminer parses the objects, pdfbudget the streams)
    before PDFium lays out any: a page of 600,000 operators is refused, not interpreted."""
    budget = PdfBudget(path, limits)
    for number, page in enumerate(PDFPage.get_pages(io.BytesIO(raw)), start=1):
        budget.charge(page, number)


def _text_pages(raw: bytes) -> list[list[PdfLine]]:
    """Each page's text lines from PDFium's text layer, in the order it reads them (the
    order of the content, with lines where the text moves down or back)."""
    document = pypdfium2.PdfDocument(raw)
    try:
        return [_page_lines(document, index) for index in range(len(document))]
    finally:
        document.close()


def _page_lines(document, index: int) -> list[PdfLine]:
    page = document[index]
    text_page = page.get_textpage()
    try:
        spans = list(_line_spans(text_page))
    finally:
        text_page.close()
        page.close()
    right_edge = max((x1 for _text, x1, _height in spans), default=0)
    out: list[PdfLine] = []
    for text, x1, height in spans:
        text = _unify_radicals(tidy(text))
        if text.strip():
            gap = (right_edge - x1) / max(height, 1)
            out.append(PdfLine(text, index + 1, len(out) + 1, gap))
    return out


def _line_spans(text_page) -> Iterator[tuple[str, float, float]]:
    """(text, right edge, font height) of each line of the page."""
    text = _page_text(text_page)
    start = 0
    for end in [*(match.start() for match in _LINE_BREAK.finditer(text)), len(text)]:
        line = text[start:end]
        last = start + len(line.rstrip()) - 1
        if last >= start:
            yield _UNMAPPED.sub("", line), *_right_and_height(text_page, last)
        else:
            yield line, 0.0, 1.0
        start = end + (2 if text.startswith("\r\n", end) else 1)


def _page_text(text_page) -> str:
    """The page's characters, one per character index of the text page (PDFium writes a
    character outside the BMP as two UTF-16 units; then each index is asked for its own)."""
    count = pdfium.FPDFText_CountChars(text_page)
    text = text_page.get_text_range(0, count) if count > 0 else ""
    if len(text) == count:
        return text
    return "".join(chr(pdfium.FPDFText_GetUnicode(text_page, index) or 0xFFFE) for index in range(count))


def _right_and_height(text_page, index: int) -> tuple[float, float]:
    """The right edge of character `index` and the height of its font as drawn (the size it
    was set in, times the text's vertical scale: some writers set 1 pt and scale by 12)."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium.FPDFText_GetCharBox(text_page, index, *(ctypes.byref(edge) for edge in (left, right, bottom, top)))
    matrix = pdfium.FS_MATRIX()
    pdfium.FPDFText_GetMatrix(text_page, index, ctypes.byref(matrix))
    height = pdfium.FPDFText_GetFontSize(text_page, index) * math.hypot(matrix.c, matrix.d)
    return right.value, height


def _unify_radicals(text: str) -> str:
    """Some PDF fonts map 一, 人, 日 ... to look-alike Kangxi radicals (U+2F00-U+2FDF)."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" else ch
                   for ch in text)


def read_pdf_file(path: str, raw: bytes, _encoding: str | None = None,
                  limits: ReadingLimits = LIMITS) -> SourceText:
    """The reader signature checker.readers dispatches to (a PDF has no text encoding)."""
    return read_pdf(path, raw, limits)
