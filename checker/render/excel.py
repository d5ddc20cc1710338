"""The audit as an Excel workbook (summary.xlsx): what an inspector would otherwise build by
hand in WPS or Excel.

- 汇总 (Summary): one row per report — file, submitting body and its level, title, kind,
  period, score, verdict, what is missing, read errors, then one coloured status cell per
  element (its short name as the heading). Header frozen, autofilter on every column.
- one sheet per element: its title, id and severity on top, then one row per piece of
  evidence in each report (or one row saying it is missing, with the hint), filterable.
- 无法读取 (Unreadable), when a file could not be read: the file and the reason.

Report text is untrusted: every cell is written as a string (never a formula), and one that
a spreadsheet would run when edited (= + - @) is also marked as text (quotePrefix). The file
carries no timestamps, so auditing the same folders twice gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from checker.judge.submissions import group_submissions, primary_reports
from checker.render.csv_out import FORMULA_STARTS, element_ids, missing_names, read_errors
from checker.render.escape import visible
from checker.render.figure_text import cell_value, declared_columns, first_figures

# the colours of the HTML page (render/html_assets.py), as Excel fills
FILLS = {"met": "CDECCD", "partial": "FBE7A6", "missing": "F6C1BD", "not-applicable": "E4E4E4",
         "error": "D9C3F0", "pass": "CDECCD", "fail": "F6C1BD"}
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SUMMARY_COLUMNS = ("file", "body", "level", "title", "kind", "period", "score", "verdict", "missing",
                   "errors", "copies")
EVIDENCE_COLUMNS = ("file", "body", "status", "stance", "line", "part", "evidence", "hint", "waived")


def workbook(reports, options) -> bytes:
    words = options.words
    book = Workbook()
    summary = book.active
    summary.title = words("excel.summary-sheet")
    _summary(summary, reports, words)
    names = {summary.title}
    elements = {e.id: e for r in reports for e in r.elements}
    for element_id in element_ids(reports):
        sheet = book.create_sheet(_sheet_name(elements[element_id].short or element_id, names))
        _element_sheet(sheet, element_id, elements[element_id], reports, options)
    unreadable = [r for r in reports if r.errors]
    if unreadable:
        _errors_sheet(book.create_sheet(_sheet_name(words("excel.errors-sheet"), names)), unreadable, words)
    book.properties.creator = "fazhi"
    buffer = io.BytesIO()
    book.save(buffer)
    return _without_timestamps(buffer.getvalue())


def _summary(sheet: Worksheet, reports, words) -> None:
    columns = element_ids(reports)
    elements = {e.id: e for r in reports for e in r.elements}
    headings = [words(f"column.{c}") for c in SUMMARY_COLUMNS]
    headings += [elements[c].short or elements[c].title for c in columns]
    figures = declared_columns(reports)
    headings += _figure_headings(reports, figures)
    _header_row(sheet, 1, headings)
    submissions = group_submissions(reports)       # one row per submission, its copies listed
    for row, (submission, report) in enumerate(primary_reports(submissions, reports), start=2):
        verdict = "error" if report.errors else ("pass" if report.passed else "fail")
        values = _summary_values(submission, report, verdict, words)
        for column, value in enumerate(values, start=1):
            _put(sheet, row, column, value)
        _fill(sheet.cell(row, SUMMARY_COLUMNS.index("verdict") + 1), verdict)
        statuses = {e.id: e.status for e in report.elements}
        for offset, element_id in enumerate(columns):
            cell = sheet.cell(row, len(SUMMARY_COLUMNS) + 1 + offset)
            status = statuses.get(element_id, "error" if report.errors else "")
            _put(sheet, cell.row, cell.column, words.status(status) if status else "")
            cell.alignment = Alignment(horizontal="center")
            _fill(cell, status)
        stated = first_figures(report)
        first_figure_column = len(SUMMARY_COLUMNS) + len(columns) + 1
        for offset, figure in enumerate(figures):
            if figure in stated:
                _put(sheet, row, first_figure_column + offset, cell_value(stated[figure]))
    _finish_table(sheet, 1, len(headings), len(submissions) + 1, freeze="B2")
    widths = {"file": 28, "copies": 28, "body": 16, "title": 40, "missing": 30, "errors": 30}
    for column, key in enumerate(SUMMARY_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(key, 9)
    for offset in range(len(columns)):
        sheet.column_dimensions[get_column_letter(len(SUMMARY_COLUMNS) + 1 + offset)].width = 7


def _figure_headings(reports, figures: list[tuple[str, str]]) -> list[str]:
    """A key figure's column is headed by its title (出庭应诉率), or by element.figure when
    no report in the batch states it."""
    titles = {(f.element, f.figure): f.title for r in reports for f in r.figures}
    return [titles.get(key) or f"{key[0]}.{key[1]}" for key in figures]


def _summary_values(submission, report, verdict: str, words) -> list:
    body = submission.body
    doc = report.document
    return [report.file,
            body.name or body.short if body else "",
            words.level(body.level) if body and body.level else "",
            doc.title if doc else "",
            words.kind(doc.kind) if doc else "",
            f"{doc.period[0]}—{doc.period[1]}" if doc and doc.period else "",
            report.score,
            words.verdict(verdict),
            missing_names(report, words),
            read_errors(report, words),
            "\n".join(c.report.file for c in submission.others)]


def _element_sheet(sheet: Worksheet, element_id: str, element, reports, options) -> None:
    words = options.words
    _put(sheet, 1, 1, f"{element.title}（{element_id}，{words.severity(element.severity)}）")
    sheet.cell(1, 1).font = Font(bold=True, size=12)
    _header_row(sheet, 2, [words(f"column.{c}") for c in EVIDENCE_COLUMNS])
    row = 3
    for report in reports:
        found = next((e for e in report.elements if e.id == element_id), None)
        if found is None:
            continue
        for values in _evidence_rows(report, found, options):
            for column, value in enumerate(values, start=1):
                _put(sheet, row, column, value)
            _fill(sheet.cell(row, EVIDENCE_COLUMNS.index("status") + 1), found.status)
            row += 1
    _finish_table(sheet, 2, len(EVIDENCE_COLUMNS), row - 1, freeze="B3")
    widths = {"file": 28, "body": 14, "status": 9, "stance": 10, "line": 12, "part": 16, "evidence": 70,
              "hint": 40, "waived": 16}
    for column, key in enumerate(EVIDENCE_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = widths[key]
        if key in ("evidence", "hint"):
            for cells in sheet.iter_rows(min_row=3, min_col=column, max_col=column):
                cells[0].alignment = Alignment(wrap_text=True, vertical="top")


def _evidence_rows(report, element, options) -> list[list]:
    """One row per piece of evidence; a report with none still has its row (what is missing)."""
    words = options.words
    doc = report.document
    body = doc.body.short if doc is not None and doc.body is not None else ""
    hint = element.hint if element.status in ("missing", "partial") else ""
    status, stance = words.status(element.status), words.stance(element.stance)
    first = [report.file, body, status, stance]
    rows = [first + [words.place(item.where, item.line), options.role_name(item.role),
                     item.text, hint, element.waived or ""] for item in element.evidence]
    return rows or [first + ["", "", "", hint, element.waived or ""]]


def _errors_sheet(sheet: Worksheet, reports, words) -> None:
    _header_row(sheet, 1, [words("column.file"), words("column.errors")])
    for row, report in enumerate(reports, start=2):
        _put(sheet, row, 1, report.file)
        _put(sheet, row, 2, read_errors(report, words))
    _finish_table(sheet, 1, 2, len(reports) + 1, freeze="A2")
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 40, 80


def _header_row(sheet: Worksheet, row: int, headings: list[str]) -> None:
    for column, heading in enumerate(headings, start=1):
        cell = sheet.cell(row, column)
        _put(sheet, row, column, heading)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")


def _finish_table(sheet: Worksheet, header_row: int, columns: int, last_row: int, freeze: str) -> None:
    """Header frozen, an autofilter over the table, and printing on landscape A4 pages."""
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{max(last_row, header_row)}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _put(sheet: Worksheet, row: int, column: int, value) -> None:
    """Numbers stay numbers; any text is a string cell, never a formula."""
    cell = sheet.cell(row, column)
    if value is None or isinstance(value, (int, float)):
        cell.value = value
        return
    text = visible(str(value))     # a control character (ESC in a file name) cannot go in a cell
    cell.value = text
    cell.data_type = "s"                      # openpyxl would store "=…" as a formula
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True               # and stays text when someone edits the cell


def _fill(cell, status: str) -> None:
    if status in FILLS:
        cell.fill = PatternFill("solid", fgColor=FILLS[status])


def _sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the book."""
    base = SHEET_NAME_FORBIDDEN.sub("_", name).strip("'")[:31] or "sheet"
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"({number})"
        candidate, number = base[:31 - len(suffix)] + suffix, number + 1
    taken.add(candidate)
    return candidate


def _without_timestamps(data: bytes) -> bytes:
    """The same workbook with the zip entries' times and the created/modified properties
    taken out: the audit's outputs depend on the reports only."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"<dcterms:(created|modified)\b.*?</dcterms:\1>", b"", content)
            target.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), content,
                            compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
