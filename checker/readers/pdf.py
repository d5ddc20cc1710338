"""PDF reports: the text layer, page by page, with lines broken mid-sentence re-joined.

Only the text layer is read: a scanned PDF without one is refused with a hint to run OCR,
never guessed at.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Iterator

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTFigure, LTPage, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
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
# all_texts: also lay out text drawn inside form XObjects (figures), as some exporters do.
_LAYOUT = LAParams(all_texts=True)
# pdfminer puts a page's text boxes in reading order by grouping them pairwise, quadratic in
# the boxes: a page of 50,000 operators, a box per word, took over 40 s and 2.6 GB. A page
# past ReadingLimits.pdf_grouped_page_operators is laid out in position order (1.6 s).
_UNGROUPED = LAParams(all_texts=True, boxes_flow=None)


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
        return [_page_lines(page, number)
                for number, page in enumerate(_layouts(path, raw, limits), start=1)]
    except ReportReadError:
        raise
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReportReadError(
            path, "encrypted-pdf", "PDF is password-protected; save an unprotected copy") from None
    except Exception as exc:  # pdfminer raises many unrelated types on damage
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise ReportReadError(path, "bad-pdf", f"cannot read PDF: {reason}") from None


def _layouts(path: str, raw: bytes, limits: ReadingLimits) -> Iterator[LTPage]:
    """Each page laid out, as pdfminer's extract_pages does, once the budget allows it."""
    resources = PDFResourceManager()
    device = PDFPageAggregator(resources, laparams=_LAYOUT)
    interpreter = PDFPageInterpreter(resources, device)
    budget = PdfBudget(path, limits)
    pages = list(PDFPage.get_pages(io.BytesIO(raw)))
    # every page counted before any is interpreted
    operators = [budget.charge(page, number) for number, page in enumerate(pages, start=1)]
    for page, count in zip(pages, operators, strict=True):
        device.laparams = _LAYOUT if count <= limits.pdf_grouped_page_operators else _UNGROUPED
        interpreter.process_page(page)
        yield device.get_result()


def _page_lines(page, number: int) -> list[PdfLine]:
    boxes = list(_text_lines(page))
    right_edge = max((line.x1 for line in boxes), default=0)
    out: list[PdfLine] = []
    for line in boxes:
        text = _unify_radicals(tidy(line.get_text()))
        if text.strip():
            gap = (right_edge - line.x1) / max(line.height, 1)
            out.append(PdfLine(text, number, len(out) + 1, gap))
    return out


def _text_lines(page) -> Iterator[LTTextLine]:
    """Text lines in layout order, including those inside figures (form XObjects)."""
    pending = list(reversed(list(page)))
    while pending:
        item = pending.pop()
        if isinstance(item, LTTextLine):
            yield item
        elif isinstance(item, (LTTextContainer, LTFigure)):
            pending.extend(reversed(list(item)))


def _unify_radicals(text: str) -> str:
    """Some PDF fonts map 一, 人, 日 ... to look-alike Kangxi radicals (U+2F00-U+2FDF)."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" else ch
                   for ch in text)


def read_pdf_file(path: str, raw: bytes, _encoding: str | None = None,
                  limits: ReadingLimits = LIMITS) -> SourceText:
    """The reader signature checker.readers dispatches to (a PDF has no text encoding)."""
    return read_pdf(path, raw, limits)
