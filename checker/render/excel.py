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

The workbook is written in openpyxl's write-only mode, a row at a time to temporary files:
an audit of 20,000 reports has over a million evidence rows, which as cell objects in memory
would be gigabytes. So every sheet's layout (widths, frozen header) is set before its first
row, its autofilter after its last.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from checker.judge.results import ElementResult
from checker.judge.submissions import group_submissions, primary_reports
from checker.render.csv_out import FORMULA_STARTS, missing_names, read_errors
from checker.render.escape import visible
from checker.render.figure_text import cell_value, declared_columns, first_figures

# the colours of the HTML page (render/html_assets.py), as Excel fills
FILLS = {"met": "CDECCD", "partial": "FBE7A6", "missing": "F6C1BD", "not-applicable": "E4E4E4",
         "error": "D9C3F0", "pass": "CDECCD", "fail": "F6C1BD"}
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
# made once: a PatternFill is costly to build, and a workbook colours thousands of cells
STATUS_FILLS = {status: PatternFill("solid", fgColor=colour) for status, colour in FILLS.items()}
# every look a cell takes, made once (a cell is styled by the ids of these objects)
BOLD, TITLE_FONT = Font(bold=True), Font(bold=True, size=12)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
CENTRED, WRAPPED = Alignment(horizontal="center"), Alignment(wrap_text=True, vertical="top")
HEADER = "header"        # the header row's fill, among the statuses' fills
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SUMMARY_COLUMNS = ("file", "body", "level", "title", "kind", "period", "score", "verdict", "missing",
                   "errors", "copies")
EVIDENCE_COLUMNS = ("file", "body", "status", "stance", "line", "part", "evidence", "hint", "waived")


def workbook(reports, options) -> bytes:
    """The workbook's bytes (for a few reports; an audit writes it with `save_workbook`)."""
    with tempfile.TemporaryDirectory(prefix="fazhi-xlsx-") as folder:
        path = Path(folder) / "summary.xlsx"
        save_workbook(reports, options, path)
        return path.read_bytes()


def save_workbook(reports, options, path: Path) -> None:
    """The workbook written to `path` (a new file: the caller renames it into place)."""
    from checker.render import without_evidence
    words = options.words
    book = Workbook(write_only=True)
    names: set[str] = set()
    elements = _elements(without_evidence(reports))
    summary = book.create_sheet(_sheet_name(words("excel.summary-sheet"), names))
    _summary(summary, reports, elements, words)
    sheets = {element_id: book.create_sheet(_sheet_name(element.short or element_id, names))
              for element_id, element in elements.items()}
    unreadable = _element_sheets(sheets, elements, reports, options)
    if unreadable:
        _errors_sheet(book.create_sheet(_sheet_name(words("excel.errors-sheet"), names)), unreadable, words)
    book.properties.creator = "fazhi"
    raw = path.with_name(path.name + ".raw")
    try:
        book.save(raw)
        _without_timestamps(raw, path)
    finally:
        raw.unlink(missing_ok=True)


def _elements(reports) -> dict[str, ElementResult]:
    """Every element (its first result) by id, in pack order: one pass over the reports."""
    elements: dict[str, ElementResult] = {}
    for report in reports:
        for element in report.elements:
            elements.setdefault(element.id, element)
    return elements


def _summary(sheet, reports, elements: dict[str, ElementResult], words) -> None:
    from checker.render import without_evidence
    submissions = group_submissions(reports)       # one row per submission, its copies listed
    reports = without_evidence(reports)            # the summary quotes no evidence
    columns = list(elements)
    headings = [words(f"column.{c}") for c in SUMMARY_COLUMNS]
    headings += [elements[c].short or elements[c].title for c in columns]
    figures = declared_columns(reports)
    headings += _figure_headings(reports, figures)
    widths = {"file": 28, "copies": 28, "body": 16, "title": 40, "missing": 30, "errors": 30}
    for column, key in enumerate(SUMMARY_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(key, 9)
    for offset in range(len(columns)):
        sheet.column_dimensions[get_column_letter(len(SUMMARY_COLUMNS) + 1 + offset)].width = 7
    _start_table(sheet, freeze="B2")
    sheet.append(_header_cells(sheet, headings))
    verdict_at = SUMMARY_COLUMNS.index("verdict")
    for submission, report in primary_reports(submissions, reports):
        verdict = "error" if report.errors else ("pass" if report.passed else "fail")
        cells = [_cell(sheet, value, status=verdict if at == verdict_at else None)
                 for at, value in enumerate(_summary_values(submission, report, verdict, words))]
        statuses = {e.id: e.status for e in report.elements}
        for element_id in columns:
            status = statuses.get(element_id, "error" if report.errors else "")
            cells.append(_cell(sheet, words.status(status) if status else "", CENTRED, status=status))
        stated = first_figures(report)
        cells += [_cell(sheet, cell_value(stated[key])) if key in stated else None for key in figures]
        sheet.append(cells)
    _finish_table(sheet, 1, len(headings), len(submissions) + 1)


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


EVIDENCE_WIDTHS = {"file": 28, "body": 14, "status": 9, "stance": 10, "line": 12, "part": 16, "evidence": 70,
                   "hint": 40, "waived": 16}


def _element_sheets(sheets: dict, elements: dict[str, ElementResult], reports, options
                    ) -> list[tuple[str, str]]:
    """Every element's sheet, in one pass over the reports; returns (file, read errors) of
    the reports that could not be read."""
    words = options.words
    for element_id, sheet in sheets.items():
        element = elements[element_id]
        for column, key in enumerate(EVIDENCE_COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(column)].width = EVIDENCE_WIDTHS[key]
        _start_table(sheet, freeze="B3")
        sheet.append([_cell(sheet, f"{element.title}（{element_id}，{words.severity(element.severity)}）",
                            font=TITLE_FONT)])
        sheet.append(_header_cells(sheet, [words(f"column.{c}") for c in EVIDENCE_COLUMNS]))
    rows = dict.fromkeys(sheets, 2)
    unreadable = []
    for report in reports:
        if report.errors:
            unreadable.append((report.file, read_errors(report, words)))
        for found in report.elements:
            sheet = sheets[found.id]
            for values in _evidence_rows(report, found, options):
                sheet.append([_cell(sheet, value, WRAPPED if key in ("evidence", "hint") else None,
                                    status=found.status if key == "status" else None)
                              for key, value in zip(EVIDENCE_COLUMNS, values, strict=True)])
                rows[found.id] += 1
    for element_id, sheet in sheets.items():
        _finish_table(sheet, 2, len(EVIDENCE_COLUMNS), rows[element_id])
    return unreadable


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


def _errors_sheet(sheet, unreadable: list[tuple[str, str]], words) -> None:
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 40, 80
    _start_table(sheet, freeze="A2")
    sheet.append(_header_cells(sheet, [words("column.file"), words("column.errors")]))
    for file, errors in unreadable:
        sheet.append([_cell(sheet, file), _cell(sheet, errors)])
    _finish_table(sheet, 1, 2, len(unreadable) + 1)


def _header_cells(sheet, headings: list[str]) -> list[Cell]:
    return [_cell(sheet, heading, HEADER_ALIGNMENT, font=BOLD, status=HEADER) for heading in headings]


def _start_table(sheet, freeze: str) -> None:
    """The header frozen and printing on landscape A4 pages: set before the first row."""
    sheet.freeze_panes = freeze
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _finish_table(sheet, header_row: int, columns: int, last_row: int) -> None:
    """An autofilter over the table and its header printed on every page: after the last row."""
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(columns)}{max(last_row, header_row)}"
    sheet.print_title_rows = f"{header_row}:{header_row}"


def _cell(sheet, value, alignment: Alignment | None = None, font: Font | None = None,
          status: str | None = None) -> Cell:
    """Numbers stay numbers; any text is a string cell, never a formula. `alignment` and
    `font` are this module's own style objects; `status` colours the cell (or HEADER)."""
    if value is None or isinstance(value, (int, float)):
        cell = Cell(sheet, row=1, column=1, style_array=_look(sheet, alignment, font, status, False))
        cell.value = value
        return cell
    text = visible(str(value))     # a control character (ESC in a file name) cannot go in a cell
    # and stays text when someone edits the cell
    cell = Cell(sheet, row=1, column=1, style_array=_look(sheet, alignment, font, status,
                                                          text.startswith(FORMULA_STARTS)))
    cell.value = text
    cell.data_type = "s"                      # openpyxl would store "=…" as a formula
    return cell


# each workbook's looks: (alignment, font, status, quoted) -> the style of a cell that has it
_LOOKS: WeakKeyDictionary = WeakKeyDictionary()


def _look(sheet, alignment: Alignment | None, font: Font | None, status: str | None, quoted: bool):
    """The style of a cell of this look, registered in the workbook the first time: setting
    each style on each cell registers it again, and a big audit has millions of cells."""
    looks = _LOOKS.setdefault(sheet.parent, {})
    key = (id(alignment), id(font), status, quoted)
    look = looks.get(key)
    if look is None:
        template = WriteOnlyCell(sheet)
        if alignment is not None:
            template.alignment = alignment
        if font is not None:
            template.font = font
        if status == HEADER:
            template.fill = HEADER_FILL
        elif status in STATUS_FILLS:
            template.fill = STATUS_FILLS[status]
        if quoted:
            template.quotePrefix = True
        look = looks[key] = template._style      # the style ids of a cell: copied into each cell
    return look


def _sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, unique in the book."""
    base = SHEET_NAME_FORBIDDEN.sub("_", name).strip("'")[:31] or "sheet"
    candidate, number = base, 2
    while candidate in taken:
        suffix = f"({number})"
        candidate, number = base[:31 - len(suffix)] + suffix, number + 1
    taken.add(candidate)
    return candidate


def _without_timestamps(source_path: Path, path: Path) -> None:
    """The workbook at `source_path` copied to `path` with the zip entries' times and the
    created/modified properties taken out: the audit's outputs depend on the reports only.
    Entries are copied as streams (a sheet of a big audit is tens of MB)."""
    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"<dcterms:(created|modified)\b.*?</dcterms:\1>", b"", source.read(info))
                target.writestr(entry, content)
                continue
            with source.open(info) as reading, target.open(entry, "w", force_zip64=True) as writing:
                shutil.copyfileobj(reading, writing, 1 << 20)
