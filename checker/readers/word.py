"""Word .docx reports: body paragraphs and tables in document order, headings, text boxes.

The body XML is walked directly (python-docx's `paragraphs` and `tables` lists lose the
order between them and skip text boxes); python-docx still opens the package, so a broken
file fails the same way Word would.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import docx
from docx.oxml.ns import qn

from checker.readers.docxstyles import heading_level, style_levels
from checker.readers.filedates import docx_dates
from checker.readers.limits import LIMITS, ReadingLimits
from checker.readers.source import Location, ReportReadError, SourceText
from checker.readers.zipguard import check_docx_zip

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT = qn("w:sdt"), qn("w:sdtContent")
_TXBX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not part of the paragraph: text boxes get lines of their own,
# the VML fallback repeats the DrawingML text box, deleted text is gone, and a paragraph's
# properties hold tab stops (w:tab there is a stop, not a tab).
_SKIP = {_TXBX, _FALLBACK, qn("w:del"), qn("w:instrText"), qn("w:pPr")}
_TEXT_OF = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
_TEXT_TAGS = (*_TEXT_OF, qn("w:br"))


class DocxLines:
    """The lines of a .docx as the body is walked: each with its location, and the
    paragraph element it was read from with the offset where it starts in that
    paragraph's text (so `fazhi annotate` can find the runs of a sentence)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.locations: list[Location] = []
        self.headings: dict[int, int] = {}
        self.paragraphs: list[tuple[object, int]] = []   # (w:p element, offset) per line

    def add(self, p, text: str, **where: int) -> int | None:
        """Add the lines of one paragraph's text; returns the first line's number, if any."""
        first, offset = None, 0
        for part in text.split("\n"):
            if part.strip():
                self.lines.append(part)
                self.locations.append(Location(line=len(self.lines), **where))
                self.paragraphs.append((p, offset))
                first = first or len(self.lines)
            offset += len(part) + 1
        return first


def read_docx(path: str, raw: bytes, limits: ReadingLimits = LIMITS) -> SourceText:
    return open_docx(path, raw, limits)[0]


def open_docx(path: str, raw: bytes, limits: ReadingLimits = LIMITS) -> tuple[SourceText, Any, DocxLines]:
    """The report's text, the opened python-docx Document and where each line sits in it
    (what `fazhi annotate` needs to put comments into the same document)."""
    check_docx_zip(path, raw, limits)
    document = _open(path, raw)
    out = docx_lines(document)
    if not out.lines:
        raise ReportReadError(path, "empty", "document has no text")
    source = SourceText(path=path, format="docx", lines=tuple(out.lines),
                        locations=tuple(out.locations), heading_levels=out.headings,
                        file_dates=docx_dates(document))
    return source, document, out


def docx_lines(document) -> DocxLines:
    """Every line of an opened python-docx Document, in the order `read_docx` reads them."""
    levels = style_levels(document.styles.element)
    out = DocxLines()
    paragraph_no = table_no = 0
    for block in _body_blocks(document.element.body):
        if block.tag == _P:
            paragraph_no += 1
            _add_paragraph(out, block, paragraph_no, levels)
        else:
            table_no += 1
            _add_table(out, block, table_no)
    return out


def _open(path: str, raw: bytes):
    try:
        return docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises KeyError, lxml and package errors
        reason = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise ReportReadError(path, "bad-docx", f"cannot open as .docx: {reason}") from None


def _body_blocks(body) -> Iterator:
    """Paragraphs and tables of the body in order, looking inside content controls."""
    pending = list(body)
    while pending:
        block = pending.pop(0)
        if block.tag == _SDT:
            content = block.find(_SDT_CONTENT)
            pending[:0] = list(content) if content is not None else []
        elif block.tag in (_P, _TBL):
            yield block


def _add_paragraph(out: DocxLines, p, number: int, levels: dict[str, int]) -> None:
    first = out.add(p, paragraph_text(p), paragraph=number)
    level = heading_level(p, levels)
    if first is not None and level is not None:
        out.headings[first] = level
    for inner in _text_box_paragraphs(p):
        out.add(inner, paragraph_text(inner), paragraph=number)


def _add_table(out: DocxLines, tbl, number: int) -> None:
    for row_no, tr in enumerate(tbl.findall(_TR), start=1):
        for cell_no, tc in enumerate(tr.findall(_TC), start=1):
            for p in _visible(tc.iter(_P)):
                out.add(p, paragraph_text(p), table=number, row=row_no, cell=cell_no)


def _text_box_paragraphs(p) -> Iterator:
    return _visible(inner for inner in p.iter(_P) if inner is not p)


def _visible(paragraphs) -> Iterator:
    """Drop the copies of text-box paragraphs kept in the VML fallback."""
    for p in paragraphs:
        if not any(a.tag == _FALLBACK for a in p.iterancestors()):
            yield p


def paragraph_text(p) -> str:
    """The paragraph's own text, without the text of text boxes anchored in it."""
    return "".join(text for _, text in text_pieces(p))


def text_pieces(p) -> Iterator[tuple[Any, str]]:
    """(node, its text) for every node that adds text to the paragraph, in order: w:t,
    w:tab, breaks… The text of `paragraph_text` is these texts joined, so an offset in it
    can be traced back to the run holding it. (lxml finds the nodes; only their few
    ancestors are looked at in Python.)"""
    for node in p.iter(*_TEXT_TAGS):
        if _own_node(node, p):
            yield node, piece_text(node) or ""


def _own_node(node, p) -> bool:
    """Not inside a skipped subtree (text box, deleted text, properties) or another paragraph."""
    parent = node.getparent()
    while parent is not p:
        if parent.tag in _SKIP or parent.tag == _P:
            return False
        parent = parent.getparent()
    return True


def piece_text(node) -> str | None:
    """The text one node of a run adds (None for a node that holds none itself)."""
    if node.tag in _TEXT_OF:
        return _TEXT_OF[node.tag] or node.text or ""
    if node.tag == qn("w:br"):
        return "" if node.get(qn("w:type")) in ("page", "column") else "\n"
    return None


def read_docx_file(path: str, raw: bytes, _encoding: str | None = None,
                   limits: ReadingLimits = LIMITS) -> SourceText:
    """The reader signature checker.readers dispatches to (a .docx has no text encoding)."""
    return read_docx(path, raw, limits)
