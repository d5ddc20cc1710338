"""One row per submission, one column per element, then one per key figure (`element.figure`:
the first time the report states it; a plain number when exact, as written when approximate):
the table an inspector sorts in a spreadsheet. A report sent in several copies (.docx, .pdf,
a web page) is one row, its primary copy's results, with the other copies named in `copies`.

Written for Excel and WPS as they are found in government offices: UTF-8 with a byte-order
mark (without it both read the file as GBK and the Chinese is garbled) and CRLF line ends.
Report text is untrusted, so a cell that a spreadsheet would run as a formula is quoted.
The last columns state the gate, the date and the versions (the same on every row, so
that a sheet cut out of the table still says by which rules it was reached).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from checker import __version__
from checker.judge.submissions import group_submissions
from checker.render.about import gate_text, packs_text
from checker.render.figure_text import cell_value, first_figures, note_declared
from checker.render.verdict import decision_note, shown_status

FIXED_COLUMNS = ("file", "body", "level", "verdict", "copies", "title", "kind", "period", "score",
                 "passed", "missing", "errors")
# after the element and figure columns, so a sheet that reads columns by position keeps working
LATER_COLUMNS = ("timeliness", "published", "decisions")
RUN_COLUMNS = ("gate", "date", "fazhi", "packs")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def element_ids(reports) -> list[str]:
    """Every element id in the order the packs list them (first report that has it wins)."""
    ids: dict[str, None] = {}
    for report in reports:
        for element in report.elements:
            ids.setdefault(element.id, None)
    return list(ids)


def render(reports, options=None) -> str:
    return "".join(pieces(reports, options))


def pieces(reports, options=None) -> Iterator[str]:
    """The table a row at a time (an audit's table is written without being held whole)."""
    from checker.render import RenderOptions, primary_cells, without_evidence
    options = options or RenderOptions()
    words = options.words
    submissions, reports = group_submissions(reports), without_evidence(reports)   # no evidence in the table
    columns, figures = _columns(reports, words)
    run = [gate_text(options.gate, words), options.date, __version__, packs_text(options.packs, words)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([words(f"column.{c}") for c in FIXED_COLUMNS] + [name for _, name in columns]
                    + [f"{e}.{f}" for e, f in figures]
                    + [words(f"column.{c}") for c in LATER_COLUMNS + RUN_COLUMNS])
    yield "\ufeff" + _taken(buffer)
    element_ids = [c for c, _ in columns]
    for submission, cells in primary_cells(submissions, reports, "csv", lambda r: report_cells(r, words)):
        row = (_row(submission, cells, element_ids, words)
               + [cells["figures"].get(key, "") for key in figures] + cells["later"])
        writer.writerow([safe_cell(cell) for cell in row + run])
        yield _taken(buffer)


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def _columns(reports, words) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(id, heading) of each element column: its short name in Chinese, its id in English;
    and (element, figure) of each figure column (figure_text.declared_columns). One pass:
    spooled results are read back from disk on each."""
    elements: dict = {}     # in the order first seen, the last seen of each
    figures: dict[tuple[str, str], None] = {}
    for report in reports:
        for element in report.elements:
            elements[element.id] = element
        note_declared(report.elements, figures)
    return ([(eid, words("column.element-heading", id=eid, short=e.short or e.title))
             for eid, e in elements.items()], list(figures))


def missing_names(report, words) -> str:
    """What the report lacks, as the reader names the elements (short names, or ids)."""
    names = {e.id: e.short or e.title for e in report.elements}
    return words.join(words("text.missing-item", id=i, short=names.get(i, i)) for i in report.missing)


def read_errors(report, words) -> str:
    return "; ".join(f"{words.error(e.code, e.message)} [{e.code}]" for e in report.errors)


def report_cells(report, words) -> dict:
    """What a row says of its report alone, whatever submission it is the primary copy of
    and whatever the audit's columns: its facts, its status word by element, its figures'
    cells by (element, figure) and its later cells. For a spooled audit, made by the
    worker that checked the report (checker.render.table_cells)."""
    doc = report.document
    statuses = {e.id: shown_status(e) + (" (decided)" if e.decision else "") for e in report.elements}
    return {"file": report.file,
            "facts": [doc.title if doc else "",
                      words.kind(doc.kind) if doc else "",
                      f"{doc.period[0]}—{doc.period[1]}" if doc and doc.period else "",
                      "" if report.score is None else f"{report.score:g}",
                      words.answer(report.passed),
                      missing_names(report, words),
                      read_errors(report, words)],
            "statuses": {eid: words.status(status) for eid, status in statuses.items()},
            "figures": {key: cell_value(figure) for key, figure in first_figures(report).items()},
            "later": _later(report)}


def _row(submission, cells: dict, columns: list[str], words) -> list[str]:
    """The row's cells up to the figures: the submission's, then its primary report's."""
    body = submission.body
    return [cells["file"],
            body.name if body else "",
            words.level(body.level) if body and body.level else "",
            words("submission-verdict." + submission.verdict),
            " ".join(c.report.file for c in submission.others),
            *cells["facts"],
            *[cells["statuses"].get(c, "") for c in columns]]


def _later(report) -> list[str]:
    """Timeliness, the date read and where, and the inspectors' decisions."""
    doc = report.document
    timeliness = doc.timeliness.status if doc and doc.timeliness else ""
    published = f"{doc.published.date} {doc.published.source}" if doc and doc.published else ""
    decisions = "; ".join(f"{e.id}: {decision_note(e)}" for e in report.elements if e.decision)
    return [timeliness, published, decisions]


def safe_cell(cell: str) -> str:
    """A leading = + - @ makes Excel evaluate the cell; a quote mark keeps it text."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell
