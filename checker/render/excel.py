"""The audit as an Excel workbook (summary.xlsx): what an inspector would otherwise build by
hand in WPS or Excel.

- 汇总 (Summary): one row per report — file, submitting body and its level, title, kind,
  period, score, verdict, what is missing, read errors, then one coloured status cell per
  element (its short name as the heading). Header frozen, autofilter on every column.
- one sheet per element: its title, id and severity on top, then one row per piece of
  evidence in each report (or one row saying it is missing, with the hint), filterable.
- 无法读取 (Unreadable), when a file could not be read: the file and the reason.

Report text is untrusted: every cell is written as a string (never a formula, a number or a
link guessed from text), and one that a spreadsheet would run when edited (= + - @) is also
marked as text (quote prefix). The file's only date is the run's day (as every output
states it; SOURCE_DATE_EPOCH fixes it), so auditing the same folders the same day gives the
same bytes.

The workbook is written with XlsxWriter in its constant-memory mode, a row at a time to a
temporary file per sheet: an audit of 20,000 reports has over a million evidence rows, which
as cell objects in memory would be gigabytes, and XlsxWriter writes a cell several times
faster than openpyxl's write-only mode. Rows go out in order within each sheet (the mode's
one rule); the sheets are filled side by side in one pass over the reports.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date, datetime, time
from pathlib import Path

from xlsxwriter import Workbook

from checker.judge.results import ElementResult
from checker.judge.submissions import group_submissions, primary_reports
from checker.render.csv_out import FORMULA_STARTS, missing_names, read_errors
from checker.render.escape import visible
from checker.render.figure_text import cell_value, first_figures, note_declared

# the colours of the HTML page (render/html_assets.py), as Excel fills
FILLS = {"met": "#CDECCD", "partial": "#FBE7A6", "missing": "#F6C1BD", "not-applicable": "#E4E4E4",
         "error": "#D9C3F0", "pass": "#CDECCD", "fail": "#F6C1BD"}
HEADER = "header"        # the header row's fill, among the statuses' fills
HEADER_FILL = "#DDE4EE"
# the looks a cell takes besides its fill, by name, as XlsxWriter format properties
LOOKS: dict[str, dict[str, object]] = {"header": {"bold": True, "text_wrap": True, "valign": "vcenter"},
                                       "title": {"bold": True, "font_size": 12},
                                       "centred": {"align": "center"},
                                       "wrapped": {"text_wrap": True, "valign": "top"}}
A4 = 9                   # Excel's paper size number for A4
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# no text is turned into a formula, a number or a link: a report's words stay words
AS_WRITTEN = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
SUMMARY_COLUMNS = ("file", "body", "level", "title", "kind", "period", "score", "verdict", "missing",
                   "errors", "copies")
EVIDENCE_COLUMNS = ("file", "body", "status", "stance", "line", "part", "evidence", "hint", "waived")
SUMMARY_WIDTHS = {"file": 28, "copies": 28, "body": 16, "title": 40, "missing": 30, "errors": 30}
EVIDENCE_WIDTHS = {"file": 28, "body": 14, "status": 9, "stance": 10, "line": 12, "part": 16, "evidence": 70,
                   "hint": 40, "waived": 16}


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
    # the sheets' temporary files beside the workbook: the system's temporary folder may be
    # a small RAM disk, and a big audit's evidence sheets are hundreds of MB before zipping
    book = Workbook(str(path), {"constant_memory": True, "tmpdir": str(path.parent), **AS_WRITTEN})
    book.set_properties({"author": "fazhi", "created": datetime.combine(date.fromisoformat(options.date),
                                                                        time())})
    sheets = _Sheets(book)
    survey = _Survey(without_evidence(reports))
    elements = survey.elements
    summary = sheets.add(words("excel.summary-sheet"))
    _summary(summary, reports, survey, words)
    evidence = {element_id: sheets.add(element.short or element_id)
                for element_id, element in elements.items()}
    unreadable = _element_sheets(evidence, elements, reports, options)
    if unreadable:
        _errors_sheet(sheets.add(words("excel.errors-sheet")), unreadable, words)
    book.close()


class _Sheets:
    """The workbook's sheets, named by Excel's rules, and the formats their cells share:
    each look is made once per workbook (a big audit has millions of cells)."""

    def __init__(self, book: Workbook):
        self.book = book
        self._names: set[str] = set()
        self._formats: dict[tuple, object] = {}

    def add(self, name: str) -> _Sheet:
        return _Sheet(self.book.add_worksheet(_sheet_name(name, self._names)), self)

    def format(self, look: str | None, status: str | None, quoted: bool):
        """The format of a cell of this look (a name in LOOKS), fill (a status, or HEADER) and
        quote prefix; None for a plain cell."""
        key = (look, status, quoted)
        found = self._formats.get(key, self)
        if found is self:
            properties = dict(LOOKS[look]) if look else {}
            fill = HEADER_FILL if status == HEADER else FILLS.get(status or "")
            if fill:
                properties.update(pattern=1, bg_color=fill)
            if quoted:
                properties["quote_prefix"] = True
            found = self._formats[key] = self.book.add_format(properties) if properties else None
        return found


class _Sheet:
    """One worksheet written a row at a time, top to bottom."""

    def __init__(self, sheet, sheets: _Sheets):
        self.sheet, self._sheets = sheet, sheets
        self.rows = 0                        # rows written so far

    def layout(self, widths: list[int], freeze: str) -> None:
        """Column widths, the header frozen, printing on landscape A4 pages one page wide."""
        for column, width in enumerate(widths):
            self.sheet.set_column(column, column, width)
        self.sheet.freeze_panes(freeze)
        self.sheet.set_landscape()
        self.sheet.set_paper(A4)
        self.sheet.fit_to_pages(1, 0)

    def append(self, cells: list) -> None:
        """A row of cells: each a value, or (value, look, status) for a styled one; None
        leaves the cell empty."""
        for column, cell in enumerate(cells):
            if cell is not None:
                value, look, status = cell if isinstance(cell, tuple) else (cell, None, None)
                self._write(column, value, look, status)
        self.rows += 1

    def _write(self, column: int, value, look: str | None, status: str | None) -> None:
        """Numbers stay numbers; any text is a string cell, never a formula."""
        if value is None or isinstance(value, (int, float)):
            style = self._sheets.format(look, status, False)
            if value is None:
                self.sheet.write_blank(self.rows, column, None, style)
            else:
                self.sheet.write_number(self.rows, column, value, style)
            return
        text = visible(str(value))    # a control character (ESC in a file name) cannot go in a cell
        if not text:      # left blank (Excel's filter lists it under blanks), styled when it has a look
            self.sheet.write_blank(self.rows, column, None, self._sheets.format(look, status, False))
            return
        # and stays text when someone edits the cell
        self.sheet.write_string(self.rows, column, text,
                                self._sheets.format(look, status, text.startswith(FORMULA_STARTS)))

    def finish(self, header_row: int, columns: int) -> None:
        """An autofilter over the table and its header printed on every page (rows from 1)."""
        last = max(self.rows, header_row)
        self.sheet.autofilter(header_row - 1, 0, last - 1, columns - 1)
        self.sheet.repeat_rows(header_row - 1)


class _Survey:
    """What the workbook's columns and sheets need from all the reports, in one pass
    (spooled results are read back from disk on each): every element (its first result)
    by id in pack order, the key figures' columns (figure_text.declared_columns) and each
    column's heading, the figure's title (出庭应诉率), or element.figure when no report in
    the batch states it."""

    def __init__(self, reports) -> None:
        self.elements: dict[str, ElementResult] = {}
        declared: dict[tuple[str, str], None] = {}
        titles: dict[tuple[str, str], str] = {}
        for report in reports:
            for element in report.elements:
                self.elements.setdefault(element.id, element)
            note_declared(report.elements, declared)
            titles.update(((f.element, f.figure), f.title) for f in report.figures)
        self.figures = list(declared)
        self.figure_headings = [titles.get(key) or f"{key[0]}.{key[1]}" for key in self.figures]


def _summary(sheet: _Sheet, reports, survey: _Survey, words) -> None:
    from checker.render import without_evidence
    submissions = group_submissions(reports)       # one row per submission, its copies listed
    reports = without_evidence(reports)            # the summary quotes no evidence
    elements, figures = survey.elements, survey.figures
    columns = list(elements)
    headings = [words(f"column.{c}") for c in SUMMARY_COLUMNS]
    headings += [elements[c].short or elements[c].title for c in columns]
    headings += survey.figure_headings
    sheet.layout([SUMMARY_WIDTHS.get(key, 9) for key in SUMMARY_COLUMNS] + [7] * len(columns), freeze="B2")
    sheet.append(_header_cells(headings))
    verdict_at = SUMMARY_COLUMNS.index("verdict")
    for submission, report in primary_reports(submissions, reports):
        verdict = "error" if report.errors else ("pass" if report.passed else "fail")
        cells: list = [(value, None, verdict if at == verdict_at else None)
                       for at, value in enumerate(_summary_values(submission, report, verdict, words))]
        statuses = {e.id: e.status for e in report.elements}
        for element_id in columns:
            status = statuses.get(element_id, "error" if report.errors else "")
            cells.append((words.status(status) if status else "", "centred", status))
        stated = first_figures(report)
        cells += [cell_value(stated[key]) if key in stated else None for key in figures]
        sheet.append(cells)
    sheet.finish(1, len(headings))


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


def _element_sheets(sheets: dict[str, _Sheet], elements: dict[str, ElementResult], reports, options
                    ) -> list[tuple[str, str]]:
    """Every element's sheet, in one pass over the reports; returns (file, read errors) of
    the reports that could not be read."""
    words = options.words
    for element_id, sheet in sheets.items():
        element = elements[element_id]
        sheet.layout([EVIDENCE_WIDTHS[key] for key in EVIDENCE_COLUMNS], freeze="B3")
        heading = f"{element.title}（{element_id}，{words.severity(element.severity)}）"
        sheet.append([(heading, "title", None)])
        sheet.append(_header_cells([words(f"column.{c}") for c in EVIDENCE_COLUMNS]))
    looks = ["wrapped" if key in ("evidence", "hint") else None for key in EVIDENCE_COLUMNS]
    status_at = EVIDENCE_COLUMNS.index("status")
    unreadable = []
    for report in reports:
        if report.errors:
            unreadable.append((report.file, read_errors(report, words)))
        for found in report.elements:
            sheet = sheets[found.id]
            for values in _evidence_rows(report, found, options):
                sheet.append([(value, look, found.status if at == status_at else None)
                              for at, (value, look) in enumerate(zip(values, looks, strict=True))])
    for sheet in sheets.values():
        sheet.finish(2, len(EVIDENCE_COLUMNS))
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


def _errors_sheet(sheet: _Sheet, unreadable: list[tuple[str, str]], words) -> None:
    sheet.layout([40, 80], freeze="A2")
    sheet.append(_header_cells([words("column.file"), words("column.errors")]))
    for file, errors in unreadable:
        sheet.append([file, errors])
    sheet.finish(1, 2)


def _header_cells(headings: list[str]) -> list[tuple]:
    return [(heading, "header", HEADER) for heading in headings]


def _sheet_name(name: str, taken: set[str]) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\, not starting or ending with
    an apostrophe, unique in the book whatever the letter case."""
    base = SHEET_NAME_FORBIDDEN.sub("_", name).strip("'")[:31].strip("'") or "sheet"
    candidate, number = base, 2
    while candidate.casefold() in taken:
        suffix = f"({number})"
        candidate, number = base[:31 - len(suffix)] + suffix, number + 1
    taken.add(candidate.casefold())
    return candidate
