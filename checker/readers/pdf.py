"""PDF reports: the text layer, page by page, with lines broken mid-sentence re-joined.

PDFium (pypdfium2) lays the text out: it reads a 57-page report in 0.4 s, where pdfminer.six,
pure Python at ~14 microseconds an operator, took 6 s; and it reads a table row by row
where pdfminer's box grouping jumbled its cells. pdfminer still parses the objects first,
for the budget (every page's operators counted before any is laid out) and the file dates.

Only the text layer is read: a scanned PDF without one is refused with a hint to run OCR,
never guessed at.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata

import pypdfium2
import pypdfium2.raw as pdfium
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFPage

from checker.language.load import load_language
from checker.readers.filedates import pdf_dates
from checker.readers.limits import LIMITS, ReadingLimits
from checker.readers.pdfbudget import PdfBudget
from checker.readers.pdflines import PdfLine, join_broken_lines, tidy
from checker.readers.pdftext import page_lines
from checker.readers.source import Location, ReportReadError, SourceText

# pdfminer logs a warning per damaged object; without this handler Python's last-resort
# handler would print them all on stderr. Applications that configure logging still see them.
logging.getLogger("pdfminer").addHandler(logging.NullHandler())
_RADICAL = re.compile("[\u2e80-\u2fdf]")
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
        lines = list(page_lines(text_page))
    finally:
        text_page.close()
        page.close()
    right_edge = max((line.right for line in lines), default=0)
    out: list[PdfLine] = []
    for line in lines:
        text = _unify_radicals(tidy(line.text))
        if text.strip():
            gap = (right_edge - line.right) / max(line.height, 1)
            out.append(PdfLine(text, index + 1, len(out) + 1, gap))
    return out


def _unify_radicals(text: str) -> str:
    """Some PDF fonts map 一, 人, 日 ... to look-alike Kangxi radicals (U+2F00-U+2FDF)."""
    return _RADICAL.sub(lambda match: unicodedata.normalize("NFKC", match.group()), text)


def read_pdf_file(path: str, raw: bytes, _encoding: str | None = None,
                  limits: ReadingLimits = LIMITS) -> SourceText:
    """The reader signature checker.readers dispatches to (a PDF has no text encoding)."""
    return read_pdf(path, raw, limits)
