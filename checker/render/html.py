"""The HTML dashboard: submissions × elements coloured by status, and a detail view per
report with the evidence behind every status.

A row is one submission (judge/submissions.py): a report sent as .docx, .pdf and a web page
is one row, its primary copy's results, with the other copies listed under the file name
(each opens its own detail view). Rows carry the submitting body, its level and the verdict,
to filter and sort on. The header states the gate, the date and the versions.

An audit (`site`) is 20,000 reports and more: report.html holds the overview, the charts and
the table, and each report's detail is a page of its own (reports/00001.html, …). The table
is data in the page (a JSON block, a compact row per submission: a few hundred bytes), shown
a page of rows at a time by the script, which sorts, filters and searches the data, not the
DOM; a page of 20,000 rows is a few MB, not one 260 MB DOM. Every page is written a piece at
a time, the reports read back one by one, so nothing is built whole in memory. What depends
on one report alone, a detail's body (`detail_body`) and a row's cells (`row_cells`), an
audit's worker makes as it checks the report; the pages add what depends on the whole audit.
`fazhi check --format html` (`render`) writes the same page for the files named, their
details in it (shown with CSS :target).

No network: CSS and JavaScript are inline (the detail pages share reports/style.css), fonts
are the system's CJK fonts, so it opens from a USB stick on an office PC. Every piece of
report text is untrusted (a file name or a quoted sentence may contain markup): in markup it
goes through `escape`, in the table's data it is JSON with every < > & written as \\u escapes
(so no text can close the script block), and the script sets it as textContent only.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from html import escape

from checker import __version__
from checker.judge.results import ElementResult
from checker.judge.submissions import group_submissions
from checker.render.about import gate_text, packs_text
from checker.render.charts import ChartCounts, charts
from checker.render.html_assets import SCRIPT, STYLE
from checker.render.html_figures import FigureSurvey, comparison, report_figures
from checker.render.verdict import decision_note, found_note, shown_status, timeliness_note

STATUS_MARKS = {"met": "✓", "partial": "◐", "missing": "✗", "not-applicable": "–"}


SUBMISSION_VERDICTS = {"passed": "pass", "failed": "fail", "unreadable": "error"}   # -> the mark's class
LEVELS = ("province", "city", "county", "department", "township")
PAGE_SIZES = (50, 100, 200, 500)     # rows per page of the table (100 at first)
OVERVIEW = "report.html"
DETAILS = "report-details"           # the folder of the detail pages, beside report.html
DETAIL_STYLE = "style.css"
# A row of the table's data: a list (not an object: 20,000 rows), these its fields' names;
# index: its place in file order; href: its detail's link; name: its path in the folder;
# body/level/verdict/kind: the machine values the filters match, *Name: the words shown;
# css: the row's class; cells: per element column, a place in the distinct cells;
# copies: [link, name, file, how matched] of each other copy
ROW_FIELDS = ("index", "href", "name", "file", "title", "bodyName", "body", "level", "levelName", "score",
              "verdict", "verdictName", "kind", "kindName", "css", "cells", "copies")
Href = Callable[[int], str]          # a report's place in the results -> its detail's link


def detail_page(number: int) -> str:
    """The detail page of the report at `number` in the results, relative to report.html."""
    return f"{DETAILS}/{number + 1:05d}.html"


def render(reports, options=None) -> str:
    """One page with every report's detail in it (`fazhi check --format html`)."""
    from checker.render import RenderOptions
    options = options or RenderOptions()
    href: Href = lambda number: f"#r{number}"     # noqa: E731 - a link inside the page
    page = _Page(reports, options, href)
    details = (_detail(n, r, page.names[n], page.limit, options, "#matrix") for n, r in enumerate(reports))
    return "".join(page.overview(details))


def site(reports, options) -> tuple[Iterable[str], Iterator[tuple[str, Iterable[str]]]]:
    """An audit's pages: report.html in pieces, and the pages of the details folder, each as
    (its file name in the folder, its text in pieces): style.css, then a page per report.
    Each is read from the results as its pieces are taken: take one page at a time."""
    page = _Page(reports, options, detail_page)
    return page.overview(()), _detail_pages(page)


def _detail_pages(page: _Page) -> Iterator[tuple[str, Iterable[str]]]:
    yield DETAIL_STYLE, (STYLE,)
    for number, (file, body) in enumerate(_stored_bodies(page.reports)):
        if body is None:     # not written when the report was checked: from its results
            body = detail_body(page.reports[number], page.options)
        yield detail_page(number).split("/", 1)[1], _standalone(number, file, body, page)


def _stored_bodies(reports) -> Iterator[tuple[str, str | None]]:
    """Each report's file and its detail's body if its worker wrote it (spooled results),
    else None; without reading the results (`detail_bodies`)."""
    stored = getattr(reports, "detail_bodies", None)
    return stored() if stored is not None else ((report.file, None) for report in reports)


def evidence_limit(options) -> int | None:
    """Evidence quoted per element in a detail: all of it with --verbose."""
    return None if options.verbose else max(options.max_evidence, 5)


class _Page:
    """What the overview and the details share: the grouping, the short names, the links."""

    def __init__(self, reports, options, href: Href):
        self.reports, self.options, self.href = reports, options, href
        self.submissions = group_submissions(reports)
        self.names = _ShortNames(reports)
        self.folder = self.names.folder
        self.limit = evidence_limit(options)

    def name(self, file: str) -> str:
        return self.names.of(file)

    def overview(self, details: Iterable[str]) -> Iterator[str]:
        from checker.render import without_evidence
        options, words = self.options, self.options.words
        reports = without_evidence(self.reports)     # the overview quotes no evidence
        survey = _Survey(reports)
        columns = survey.columns
        yield _head(words, words("html.page-title"), f"<style>{STYLE}</style>")
        yield _header(len(reports), self.submissions, self.folder, options) + "\n"
        yield charts(survey.counts, words, options.gate.fail_under) + "\n"
        yield _filters(survey.kinds, self.submissions, columns, words) + "\n"
        yield _pager(words) + "\n"
        yield _matrix_head(columns, words) + "\n"
        yield from _matrix_data(self, columns, reports)
        yield comparison(survey.figures, reports, self.names, self.href, words) + "\n"
        for detail in details:
            yield detail + "\n"
        yield f"<script>{SCRIPT}</script>\n</body>\n</html>\n"


def _head(words, title: str, style: str) -> str:
    """A page's start, up to its <body>: language, title (report text: escaped), style."""
    lang = "zh-CN" if words.lang == "zh" else words.lang
    return (f"<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n{style}\n</head>\n<body>\n")


def _standalone(number: int, file: str, body: str, page: _Page) -> Iterator[str]:
    """A report's detail as a page of its own, linking back to the table."""
    words = page.options.words
    name = page.name(file)
    yield _head(words, f"{name} · {words('html.page-title')}",
                f"<link rel=\"stylesheet\" href=\"{DETAIL_STYLE}\">")
    yield _detail_opening(number, file, name, f"../{OVERVIEW}", True, words) + body
    yield "\n</body>\n</html>\n"


class _Survey:
    """What the overview counts over all the reports, in one pass (spooled results are read
    back from disk on each): the element columns, the kinds of document, the charts'
    numbers and the key figures compared."""

    def __init__(self, reports) -> None:
        elements: dict[str, ElementResult] = {}
        self.kinds: set[str] = set()
        self.counts, self.figures = ChartCounts(), FigureSurvey()
        for number, report in enumerate(reports):
            for element in report.elements:
                elements.setdefault(element.id, element)
            if report.document is not None:
                self.kinds.add(report.document.kind)
            self.counts.add(report)
            self.figures.add(number, report)
        # (id, title, short name) of every element, in pack order
        self.columns = [(e.id, e.title, e.short or e.title) for e in elements.values()]


class _ShortNames:
    """The folder all reports share, and each file's path inside it (what a reader needs
    to tell two submissions apart; the full path stays in the link's tooltip). The folder is
    found in one pass over the file names (for spooled results, without reading a result);
    a name is worked out when asked for, by file or by the report's place in the results."""

    def __init__(self, reports):
        files = reports.files() if hasattr(reports, "files") else (r.file for r in reports)
        self.folder = _common_folder(files)
        self._file_at = getattr(reports, "file_at", None) or (lambda number: reports[number].file)

    def of(self, file: str) -> str:
        return os.path.relpath(file, self.folder) if self.folder else file

    def __getitem__(self, number: int) -> str:
        return self.of(self._file_at(number))


def _common_folder(files: Iterable[str]) -> str:
    """os.path.commonpath of the files' folders, folded a file at a time; "" when there are
    none or absolute and relative paths are mixed."""
    folder: str | None = None
    try:
        for file in files:
            parent = os.path.dirname(file)
            folder = parent if folder is None else os.path.commonpath([folder, parent])
        return "" if folder is None else os.path.commonpath([folder])
    except ValueError:  # absolute and relative paths mixed
        return ""


def _header(total: int, submissions, folder: str, options) -> str:
    words = options.words
    counts = Counter(s.verdict for s in submissions)    # one pass: they may be read from disk
    where = words("html.in-folder", folder=folder) if folder else ""
    copies = total - len(submissions)
    sent = words("html.copies-sent", copies=copies) if copies else ""
    line = words("html.counts", submissions=len(submissions), total=total, sent=sent, where=where,
                 passed=counts["passed"], failed=counts["failed"], unreadable=counts["unreadable"])
    return (f"<header><h1>{escape(words('html.page-title'))} <small>fazhi audit</small></h1>"
            f"<p class=\"counts\">{escape(line)}</p>{_about(options)}{_legend(words)}</header>")


def _about(options) -> str:
    """The gate, the date and the versions: what the verdicts on this page rest on."""
    words = options.words
    gate = words("about.gate-line", gate=gate_text(options.gate, words))
    packs = packs_text(options.packs, words)
    run = words("about.run-line", date=options.date, version=__version__, packs=packs)
    return f"<p class=\"about\">{escape(gate)}<br>{escape(run)}</p>"


def _legend(words) -> str:
    items = "".join(f"<span class=\"cell st-{s}\">{m}</span> {escape(words.status(s))} "
                    for s, m in STATUS_MARKS.items())
    return (f"<p class=\"legend\">{items}<span class=\"cell st-error\">!</span> "
            f"{escape(words('html.legend-unreadable'))}</p>")


def _filters(kinds: set[str], submissions, columns, words) -> str:
    statuses = [*STATUS_MARKS, "error"]
    bodies, levels = _bodies_and_levels(submissions)
    elements = [(eid, words("html.filter-element-name", id=eid, short=short)) for eid, _, short in columns]
    shown = words("html.shown", shown="{shown}", total="{total}")   # the script fills them in
    verdicts = [(v, words(f"submission-verdict.{v}")) for v in SUBMISSION_VERDICTS]
    return ("<nav class=\"filters\">"
            f"<label>{escape(words('html.search'))} <input type=\"search\" id=\"f-search\" "
            f"placeholder=\"{escape(words('html.search-placeholder'))}\"></label>"
            + _select("f-verdict", words("html.filter-verdict"), verdicts, words)
            + _select("f-body", words("html.filter-body"), [(b, b) for b in bodies], words)
            + _select("f-level", words("html.filter-level"), [(lv, words.level(lv)) for lv in levels], words)
            + _select("f-status", words("html.filter-status"), [(s, words.status(s)) for s in statuses],
                      words)
            + _select("f-kind", words("html.filter-kind"), [(k, words.kind(k)) for k in sorted(kinds)], words)
            + _select("f-element", words("html.filter-element"), elements, words)
            + f"<span id=\"shown\" data-template=\"{escape(shown)}\"></span></nav>")


def _bodies_and_levels(submissions) -> tuple[list[str], list[str]]:
    """The bodies' short names (sorted) and their levels (in LEVELS' order) the submissions
    name, in one pass (stored submissions are read back from disk on each)."""
    bodies, levels = set(), set()
    for body in (submission.body for submission in submissions):
        if body is not None:
            levels.add(body.level)
            if body.short:
                bodies.add(body.short)
    return sorted(bodies), [level for level in LEVELS if level in levels]


def _select(ident: str, label: str, values, words) -> str:
    """A filter: option values are the machine values the rows carry, labels are words."""
    options = "".join(f"<option value=\"{escape(v)}\">{escape(name)}</option>" for v, name in values)
    return (f"<label>{escape(label)} <select id=\"{ident}\"><option value=\"\">"
            f"{escape(words('html.filter-all'))}</option>{options}</select></label>")


def _pager(words) -> str:
    """First, previous, which page of how many, next, last; rows per page."""
    at = words("html.page-at", page="{page}", pages="{pages}")      # the script fills them in
    sizes = "".join(f"<option value=\"{n}\"{' selected' if n == 100 else ''}>{n}</option>"
                    for n in PAGE_SIZES)
    buttons = [("page-first", "«", "html.page-first"), ("page-prev", "‹", "html.page-prev")]
    after = [("page-next", "›", "html.page-next"), ("page-last", "»", "html.page-last")]
    def button(ident: str, mark: str, key: str) -> str:
        return f"<button type=\"button\" id=\"{ident}\" title=\"{escape(words(key))}\">{mark}</button>"
    return ("<nav class=\"pager\">" + "".join(button(*b) for b in buttons)
            + f"<span id=\"page-at\" data-template=\"{escape(at)}\"></span>"
            + "".join(button(*b) for b in after)
            + f"<label>{escape(words('html.page-size'))} <select id=\"page-size\">{sizes}</select></label>"
            + f"</nav><noscript><p>{escape(words('html.noscript'))}</p></noscript>")


def _matrix_head(columns, words) -> str:
    heads = "".join(f"<th class=\"el\" data-sort=\"el\" data-el=\"{escape(eid)}\" "
                    f"title=\"{escape(title)}（{escape(eid)}）\"><span>{escape(short)}</span></th>"
                    for eid, title, short in columns)
    return ("<table id=\"matrix\" data-sorted=\"\"><thead><tr>"
            f"<th data-sort=\"file\">{escape(words('html.col-report'))}</th>"
            f"<th data-sort=\"body\">{escape(words('html.col-body'))}</th>"
            f"<th data-sort=\"level\">{escape(words('html.col-level'))}</th>"
            f"<th data-sort=\"score\" id=\"sort-score\">{escape(words('html.col-score'))}</th>"
            f"<th data-sort=\"verdict\">{escape(words('html.col-result'))}</th>"
            f"<th>{escape(words('html.col-kind'))}</th>"
            f"{heads}</tr></thead>\n<tbody></tbody></table>")


def _matrix_data(page: _Page, columns, reports) -> Iterator[str]:
    """The table's rows as data for the script, a submission at a time: each row's cells
    point into a table of the distinct cells (status, mark, tooltip), which the data ends
    with (an element has a few looks, each shared by thousands of rows)."""
    words = page.options.words
    looks: dict[tuple[str, str, str], int] = {}
    yield (f"<script type=\"application/json\" id=\"matrix-rows\">{{\"fields\": {_json(ROW_FIELDS)}, "
           "\"rows\": [\n")
    from checker.render import primary_cells
    rows = primary_cells(page.submissions, reports, "html", lambda report: row_cells(report, words))
    for number, (submission, cells) in enumerate(rows):
        row = _row_data(number, submission, cells, page, columns, looks, words)
        yield ("" if number == 0 else ",\n") + _json(row)
    table = sorted(looks, key=looks.__getitem__)
    yield (f"\n], \"cells\": {_json([list(look) for look in table])}, "
           f"\"copiesTitle\": {_json(words('html.copies'))}}}</script>\n")


def _json(value) -> str:
    """JSON that cannot end the script block it is in: < > & written as \\u escapes."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def row_cells(report, words) -> dict:
    """What a row of the table says of its report alone, whatever submission it is the
    primary copy of and whatever the audit's columns: its facts, the look of its cell by
    element, and the look of a cell for an element it was not checked for. For a spooled
    audit, made by the worker that checked the report (checker.render.table_cells)."""
    doc = report.document
    return {"file": report.file,
            "title": doc.title if doc and doc.title else "",
            "score": "" if report.score is None else f"{report.score:g}",
            "kind": doc.kind if doc else "",
            "kindName": words.kind(doc.kind) if doc else words.status("error"),
            "css": _verdict(report),
            "looks": {e.id: _look(e.id, e, report, words) for e in report.elements},
            "unchecked": _look("", None, report, words)}


def _row_data(index: int, submission, cells: dict, page: _Page, columns, looks, words) -> list:
    """One row, its values in the order of ROW_FIELDS: the submission's, and its primary
    report's `cells` (row_cells)."""
    body, verdict = submission.body, submission.verdict
    number = submission.primary.index
    short, level = (body.short, body.level or "") if body is not None else ("", "")
    copies = [[page.href(c.report.index), page.name(c.report.file), c.report.file, _matched(c, words)]
              for c in submission.others]
    shown = [cells["looks"].get(eid, cells["unchecked"]) for eid, _, _ in columns]
    marks = [looks.setdefault(look, len(looks)) for look in shown]
    return [index, page.href(number), page.name(cells["file"]), cells["file"], cells["title"],
            body.name if body is not None and body.name else "", short, level,
            words.level(level) if level else "",
            cells["score"], verdict, words(f"submission-verdict.{verdict}"), cells["kind"],
            cells["kindName"], cells["css"], marks, copies]


def _matched(copy, words) -> str:
    if copy.matched == "identical":
        return words("html.copy-identical")
    if copy.matched == "similar":
        return words("html.copy-similar", share=f"{copy.similarity:.0%}")
    return words("html.copy-unreadable")


def _verdict(report) -> str:
    return "error" if report.errors else ("pass" if report.passed else "fail")


def _look(element_id: str, element, report, words) -> tuple[str, str, str]:
    """A cell as the table shows it: its status, its mark and its tooltip."""
    if element is None:
        status, mark = ("error", "!") if report.errors else ("", "")
        tip = words.status("error") if report.errors else words("html.not-checked")
        return status, mark, tip
    status = shown_status(element)
    mark, found = STATUS_MARKS.get(status, "?"), found_note(element)
    tip = f"{element.title}：{words.status(status)}，{words.stance(element.stance)}" + (
        words("html.found-not-counted", status=words.status(element.status)) if found else "")
    return status, mark, tip


def _detail(number: int, report, name: str, limit, options, back: str, opened: bool = False) -> str:
    return _detail_opening(number, report.file, name, back, opened, options.words) + _detail_body(
        report, limit, options)


def _detail_opening(number: int, file: str, name: str, back: str, opened: bool, words) -> str:
    """A detail's heading: what depends on the whole audit (its place, the back link, the
    name inside the common folder), apart from its body, which depends on the report alone."""
    return (f"<section class=\"detail{' open' if opened else ''}\" id=\"r{number}\">"
            f"<a class=\"close\" href=\"{back}\">"
            f"{escape(words('html.back'))}</a><h2>{escape(name)}</h2>"
            f"<p class=\"path\">{escape(file)}</p>")


def detail_body(report, options) -> str:
    """A report's detail after its heading, as an audit's page shows it: made from the
    report and the run's words alone, so the worker that checked the report writes it
    (checker.audit.spool) and the parent only adds the heading."""
    return _detail_body(report, evidence_limit(options), options)


def _detail_body(report, limit, options) -> str:
    words, role_name = options.words, options.role_name
    parts = [_facts(report, words), _notes(report, words), report_figures(report, words)]
    if report.elements:
        heads = "".join(f"<th>{escape(words(key))}</th>" for key in
                        ("html.col-element", "html.col-status", "html.col-stance", "html.col-evidence"))
        parts.append(f"<table class=\"elements\"><thead><tr>{heads}</tr></thead><tbody>")
        parts += [_element(e, limit, role_name, words) for e in report.elements]
        parts.append("</tbody></table>")
    return "\n" + "\n".join(parts) + "</section>"


def _facts(report, words) -> str:
    doc = report.document
    if doc is None:
        return f"<p class=\"facts\">{escape(words('html.cannot-check'))}</p>"
    period = f"{doc.period[0]}—{doc.period[1]}" if doc.period else words("html.no-period")
    score = "–" if report.score is None else f"{report.score:g}/100"
    facts = words("html.facts", kind=words.kind(doc.kind), period=period, chars=doc.chars, score=score)
    timeliness = timeliness_note(doc, words)
    return (f"<p class=\"facts\"><b>{escape(doc.title or words('html.no-title'))}</b><br>"
            f"{escape(facts)} <span class=\"{_verdict(report)}\">{escape(words.verdict(_verdict(report)))}"
            "</span>" + (f"<br>{escape(words('html.timeliness', note=timeliness))}" if timeliness else "")
            + "</p>")


def _notes(report, words) -> str:
    doc = report.document
    notes = [f"<li class=\"error\">{escape(words.error(e.code, e.message))} [{escape(e.code)}]</li>"
             for e in report.errors]
    if doc is not None:
        notes += [f"<li>{escape(words.notice(w))}</li>" for w in doc.warnings]
    return f"<ul class=\"notes\">{''.join(notes)}</ul>" if notes else ""


def _element(element, limit, role_name, words) -> str:
    also = escape(words("html.also", stances=words.stances(element.also))) if element.also else ""
    parts = "".join(f"<div class=\"part\">{escape(p.title)}：{escape(words.stance(p.stance))}</div>"
                    for p in element.parts or ())
    status, found = shown_status(element), found_note(element)
    hint = (f"<p class=\"hint\">{escape(words('html.hint', hint=element.hint))}</p>"
            if status in ("missing", "partial") else "")
    if element.decision:
        hint = f"<p class=\"decided\">{escape(decision_note(element, words))}</p>" + hint
    found_text = (f"<br><small>{escape(words('html.found-not-counted', status=words.status(element.status)))}"
                  "</small>" if found else "")
    return (f"<tr class=\"st-{status}\" data-el=\"{escape(element.id)}\">"
            f"<td>{escape(element.title)}<br><code>{escape(element.id)}</code></td>"
            f"<td class=\"status\">{STATUS_MARKS.get(status, '')} "
            f"{escape(words.status(status))}{found_text}</td>"
            f"<td>{escape(words.stance(element.stance))}{also}{parts}</td>"
            f"<td>{hint}{_evidence(element, limit, role_name, words)}</td></tr>")


def _evidence(element, limit, role_name, words) -> str:
    shown = element.evidence[:limit]
    items = "".join(f"<li><span class=\"where\">{escape(_where(item, role_name, words))}</span> "
                    f"<span class=\"stance\">[{escape(words.evidence_stance(item.stance))}]</span> "
                    f"<q>{escape(item.text)}</q></li>" for item in shown)
    more = len(element.evidence) - len(shown)
    extra = f"<li class=\"more\">{escape(words('html.more', count=more))}</li>" if more else ""
    return f"<ul class=\"evidence\">{items}{extra}</ul>" if items else ""


def _where(item, role_name, words) -> str:
    place = [words.place(item.where, item.line), role_name(item.role)]
    if item.section:
        place.append(item.section)
    if item.part:
        place.append(words("html.where-part", part=item.part))
    return " · ".join(place)
