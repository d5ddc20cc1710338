"""How a PDF's text layer becomes lines: what an inspector sees as evidence, and what the
rules match, depends on a table row staying one row and a wrapped sentence one line.

The PDFs are made in the test: a Word table typeset by LibreOffice, and small PDFs written
object by object (tests/pdfwriter.py) for what writers do differently."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from pdfwriter import write_text_pdf

from checker.readers import read_report

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed; .ci/run installs it")

ROWS = [
    ("序号", "重点任务", "具体措施", "牵头单位"),
    ("1", "落实法律顾问制度", "法律顾问全覆盖", "县司法局"),
    ("2", "规范重大决策", "公布决策目录", "县政府办公室"),
    ("3", "落实“三项制度”", "公示执法信息", "县司法局"),
]


def _pdf_from_word(tmp_path: Path, document: docx.Document) -> Path:
    source = tmp_path / "plan.docx"
    document.save(str(source))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180,
                   env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    return tmp_path / "plan.pdf"


@needs_soffice
def test_a_tables_cells_in_a_pdf_read_in_order_with_their_quotation_marks_in_place(tmp_path):
    """A row's cells read left to right, and the quotation marks LibreOffice draws after
    the rest of the line stand where they were typed (落实“三项制度”, not 落实三项制度“”).
    (Rows of a full-width table all reach the margin, so they are still joined into one
    line, as a wrapped paragraph is.)"""
    document = docx.Document()
    document.add_paragraph("某某县2024年法治政府建设工作要点")
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for row, cells in zip(table.rows, ROWS, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    text = "\n".join(read_report(_pdf_from_word(tmp_path, document)).lines)
    place = 0
    for cell in [cell for cells in ROWS for cell in cells[1:]]:   # every cell, in reading order
        assert cell in text[place:], (cell, text)
        place = text.index(cell, place) + len(cell)


def test_lines_of_text_set_at_one_point_and_scaled_up_are_rejoined(tmp_path):
    """Some writers set every font at 1 pt and scale the text by the matrix: the line
    heights must come from the size as drawn, or no wrapped line would ever be rejoined."""
    words = "The county government published the catalogue of major administrative"
    content = (b"BT /F1 1 Tf 12 0 0 12 50 700 Tm (%s) Tj ET\n"
               b"BT /F1 1 Tf 12 0 0 12 50 685 Tm (decisions on its website) Tj ET\n"
               b"BT /F1 1 Tf 12 0 0 12 50 640 Tm (End.) Tj ET\n") % words.encode()
    path = write_text_pdf(tmp_path / "scaled.pdf", [content])
    lines = read_report(path).lines
    assert lines[0] == f"{words} decisions on its website"
    assert lines[1] == "End."


def test_text_in_a_form_xobject_is_read_in_its_place(tmp_path):
    """Some exporters draw a page's text inside a form XObject."""
    from pdfwriter import pdf_bytes
    form = b"BT /F1 12 Tf 50 700 Td (Inside the form, a longer line of text) Tj ET"
    body = b"BT /F1 12 Tf 50 750 Td (Before the form.) Tj ET /X1 Do"
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
               b"/Resources << /Font << /F1 3 0 R >> /XObject << /X1 6 0 R >> >> /Contents 5 0 R >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(body), body),
               b"<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] "
               b"/Resources << /Font << /F1 3 0 R >> >> /Length %d >>\nstream\n%s\nendstream" % (len(form), form)]
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf_bytes(objects))
    assert [line.strip() for line in read_report(path).lines] == ["Before the form.", "Inside the form, a longer line of text"]
