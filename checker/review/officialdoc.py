"""A Word document laid out as an official letter (GB/T 9704 党政机关公文格式): A4, the
margins of the standard, the title in 小标宋, the body in 仿宋 三号 with a two-character
first-line indent, first-level headings in 黑体, tables with a repeated header row, and
the page number centred in the footer as — 1 —. Fonts, sizes and margins come from the
template's `format`, so a province can set its own."""

from __future__ import annotations

import io
from collections.abc import Sequence

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from checker.review.plaindoc import xml_safe
from checker.review.template import Template

A4 = (Mm(210), Mm(297))
LINE_SPACING = Pt(28)      # 22 lines to a page of 三号 text, as the standard sets


class OfficialDocument:
    """Paragraphs, headings and tables added in order, then `to_bytes`."""

    def __init__(self, words: Template):
        self.words = words
        self.form = words.raw("format")
        base, self.style_ids = _base(words)
        self.document = docx.Document(io.BytesIO(base))

    # --- content -------------------------------------------------------------------
    def title(self, text: str) -> None:
        self._add(text, "fazhi 标题")

    def centred(self, text: str) -> None:
        paragraph = self._add(text, "fazhi 正文")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.first_line_indent = Pt(0)

    def salutation(self, text: str) -> None:
        paragraph = self._add(text, "fazhi 正文")
        paragraph.paragraph_format.first_line_indent = Pt(0)

    def heading(self, text: str) -> None:
        self._add(text, "fazhi 一级标题")

    def sub_heading(self, text: str) -> None:
        self._add(text, "fazhi 二级标题")

    def paragraph(self, text: str) -> None:
        self._add(text, "fazhi 正文")

    def signature(self, lines: list[str]) -> None:
        self._add("", "fazhi 正文")
        for text in lines:
            paragraph = self._add(text, "fazhi 正文")
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    def table(self, columns: list[str], rows: list[list[str]], widths_mm: Sequence[float]) -> None:
        table = self.document.add_table(rows=1, cols=len(columns))
        table._tbl.tblPr.style = self.style_ids["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            self._cell(cell, text, bold=True)
        _repeat_header(table.rows[0])
        for values in rows:
            for cell, text in zip(table.add_row().cells, values, strict=True):
                self._cell(cell, text)
        table.autofit = False
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)          # the grid, which LibreOffice and WPS follow
            for cell in column.cells:
                cell.width = Mm(width)        # each cell, which Word follows

    def _add(self, text: str, style: str):
        """A paragraph of one of the letter's styles. The style id is set directly: python-docx
        looks a style up by name through every style of the document, each time."""
        paragraph = self.document.add_paragraph(xml_safe(text))
        paragraph._p.get_or_add_pPr().style = self.style_ids[style]
        return paragraph

    def to_bytes(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def _cell(self, cell, text: str, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph._p.get_or_add_pPr().style = self.style_ids["fazhi 表格"]
        run = paragraph.add_run(xml_safe(text))
        run.bold = bold or None


def _base(words: Template) -> tuple[bytes, dict[str, str]]:
    """The empty letter (page, styles, footer) laid out once per template and process, and
    its style ids by name; each letter starts from a copy of it."""
    if words.path not in _BASES:
        document = _Layout(words).document
        ids = {s.name: s.style_id for s in document.styles
               if s.name.startswith("fazhi") or s.name == "Table Grid"}
        out = io.BytesIO()
        document.save(out)
        _BASES[words.path] = (out.getvalue(), ids)
    return _BASES[words.path]


_BASES: dict[str, tuple[bytes, dict[str, str]]] = {}


class _Layout:
    """Page size and margins, the letter's styles, the page number in the footer."""

    def __init__(self, words: Template):
        self.words = words
        self.form = words.raw("format")
        self.document = docx.Document()
        self._page()
        self._styles()
        self._page_number()

    def _page(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = A4
        margins = self.form["margins_mm"]
        section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
        section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])

    def _styles(self) -> None:
        form = self.form
        body = self._style("fazhi 正文", form["body_font"], form["body_size"])
        body.paragraph_format.first_line_indent = Pt(2 * form["body_size"])
        body.paragraph_format.line_spacing = LINE_SPACING
        body.paragraph_format.space_after = Pt(0)
        title = self._style("fazhi 标题", form["title_font"], form["title_size"], base=body)
        title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.paragraph_format.first_line_indent = Pt(0)
        title.paragraph_format.space_after = Pt(form["body_size"])
        title.paragraph_format.line_spacing = Pt(form["title_size"] * 1.5)
        heading = self._style("fazhi 一级标题", form["heading_font"], form["body_size"], base=body)
        heading.paragraph_format.keep_with_next = True
        sub = self._style("fazhi 二级标题", form["body_font"], form["body_size"], base=body)
        sub.font.bold = True
        sub.paragraph_format.keep_with_next = True
        table = self._style("fazhi 表格", form["body_font"], form["table_size"])
        table.paragraph_format.space_after = Pt(0)

    def _style(self, name: str, font: str, size: float, base=None):
        style = self.document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = base or self.document.styles["Normal"]
        style.font.name = font
        style.font.size = Pt(size)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), font)
        return style

    def _page_number(self) -> None:
        """— PAGE — centred in the footer: the PAGE field between the template's words."""
        before, _, after = str(self.words.raw("letter.page_number")).partition("{page}")
        paragraph = self.document.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        size, font = Pt(self.form["page_number_size"]), self.form["page_number_font"]
        for text in (before, None, after):
            run = paragraph.add_run(text or "")
            run.font.size, run.font.name = size, font
            run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
            if text is None:
                _page_field(run._r)


def _page_field(r) -> None:
    """python-docx has no API for fields: w:fldChar begin / w:instrText PAGE / end."""
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"),
                              ("end", None)):
        if kind is not None:
            node = OxmlElement("w:fldChar")
            node.set(qn("w:fldCharType"), kind)
        elif instruction == "1":
            node = OxmlElement("w:t")
            node.text = "1"
        else:
            node = OxmlElement("w:instrText")
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            node.text = instruction
        r.append(node)


def _repeat_header(row) -> None:
    """The header row repeats on every page the table runs over (w:tblHeader)."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)
