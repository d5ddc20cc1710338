"""A self-contained HTML dashboard: reports × elements coloured by status, and a detail view
per report with the evidence behind every status.

One file, no network: CSS and JavaScript are inline, fonts are the system's CJK fonts, so it
opens from a USB stick on an office PC. Every piece of report text is untrusted (a file name
or a quoted sentence may contain markup) and goes through `escape`; the script reads only
data-* attributes and never builds markup from report text. The detail views are shown with
CSS :target, so they work even with scripting off; the script adds sorting and filtering.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

from checker.render.html_assets import SCRIPT, STYLE
from checker.render.html_figures import comparison, report_figures
from checker.render.verdict import decision_note, timeliness_note

STATUS_MARKS = {"met": "✓", "partial": "◐", "missing": "✗", "not-applicable": "–"}


def render(reports, options=None) -> str:
    return "".join(pieces(reports, options))


@dataclass
class _Overview:
    """What the page's top needs from every report, gathered in one pass (an audit's
    results may be read back from disk on each pass)."""

    columns: list[tuple[str, str]]      # (id, title) of every element, in pack order
    folder: str                         # the folder all reports share
    names: list[str]                    # each file's path inside it
    total: int
    passed: int
    unreadable: int
    kinds: list[str]


def _overview(reports) -> _Overview:
    titles: dict[str, str] = {}
    files, kinds, passed, unreadable = [], set(), 0, 0
    for report in reports:
        for element in report.elements:
            titles[element.id] = element.title   # first seen sets the order, last the title
        files.append(report.file)
        passed += bool(report.passed)
        unreadable += bool(report.errors)
        if report.document:
            kinds.add(report.document.kind)
    folder, names = _short_names(files)
    return _Overview(list(titles.items()), folder, names, len(files), passed, unreadable, sorted(kinds))


def pieces(reports, options=None) -> Iterator[str]:
    """The page in pieces, a report at a time, so an audit's page is written to its file
    without ever being one string in memory (`render` joins them)."""
    role_name = options.role_name if options is not None else str
    overview = _overview(reports)
    limit = None if options is None or options.verbose else max(options.max_evidence, 5)
    yield "\n".join(["<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">",
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                     "<title>fazhi audit</title>", f"<style>{STYLE}</style>\n</head>\n<body>",
                     _header(overview), _filters(overview)]) + "\n"
    yield from _matrix(reports, overview.columns, overview.names)
    yield "\n" + comparison(reports, overview.names)
    for number, report in enumerate(reports):
        yield "\n" + _detail(number, report, overview.names[number], limit, role_name)
    yield f"\n<script>{SCRIPT}</script>\n</body>\n</html>\n"


def _short_names(files: list[str]) -> tuple[str, list[str]]:
    """The folder all reports share, and each file's path inside it (what a reader needs
    to tell two submissions apart; the full path stays in the link's tooltip)."""
    try:
        folder = os.path.commonpath([os.path.dirname(f) for f in files]) if files else ""
    except ValueError:  # absolute and relative paths mixed
        folder = ""
    return folder, [os.path.relpath(f, folder) if folder else f for f in files]


def _header(overview: _Overview) -> str:
    where = f" in <code>{escape(overview.folder)}</code>" if overview.folder else ""
    failed = overview.total - overview.passed - overview.unreadable
    return (f"<header><h1>法治政府建设年度报告 · 审查汇总 <small>fazhi audit</small></h1>"
            f"<p class=\"counts\">{overview.total} reports{where}: {overview.passed} passed, "
            f"{failed} failed, {overview.unreadable} unreadable</p>"
            f"{_legend()}</header>")


def _legend() -> str:
    items = "".join(f"<span class=\"cell st-{s}\">{m}</span> {s} " for s, m in STATUS_MARKS.items())
    return f"<p class=\"legend\">{items}<span class=\"cell st-error\">!</span> unreadable</p>"


def _filters(overview: _Overview) -> str:
    statuses = list(STATUS_MARKS) + ["error"]
    return ("<nav class=\"filters\">"
            + _select("f-status", "Status 状态", statuses)
            + _select("f-kind", "Kind 类型", overview.kinds)
            + _select("f-element", "Element 要素", [c for c, _ in overview.columns])
            + "<span id=\"shown\"></span></nav>")


def _select(ident: str, label: str, values) -> str:
    options = "".join(f"<option value=\"{escape(v)}\">{escape(v)}</option>" for v in values)
    return (f"<label>{label} <select id=\"{ident}\"><option value=\"\">all</option>"
            f"{options}</select></label>")


def _matrix(reports, columns, names: list[str]) -> Iterator[str]:
    heads = "".join(f"<th class=\"el\" data-sort=\"el\" data-el=\"{escape(eid)}\" "
                    f"title=\"{escape(title)}\"><span>{escape(eid)}</span></th>"
                    for eid, title in columns)
    yield ("<table id=\"matrix\" data-sorted=\"\"><thead><tr>"
           "<th data-sort=\"file\">Report 报告</th><th data-sort=\"score\" id=\"sort-score\">"
           f"Score 得分</th><th>Result 结果</th><th>Kind</th>{heads}</tr></thead>\n<tbody>\n")
    for number, report in enumerate(reports):
        yield ("" if number == 0 else "\n") + _row(number, report, names[number], columns)
    yield "\n</tbody></table>"


def _row(number: int, report, name: str, columns) -> str:
    doc = report.document
    cells = {e.id: e for e in report.elements}
    score = "" if report.score is None else f"{report.score:g}"
    attrs = (f"data-index=\"{number}\" data-file=\"{escape(report.file)}\" data-score=\"{score}\" "
             f"data-kind=\"{escape(doc.kind) if doc else ''}\" "
             f"data-error=\"{'yes' if report.errors else ''}\" class=\"{_verdict(report)}\"")
    return (f"<tr {attrs}>{_file_cell(number, report, name)}"
            f"<td class=\"score\">{score or '–'}</td>"
            f"<td class=\"verdict\"><span class=\"{_verdict(report)}\">{_verdict(report).upper()}</span></td>"
            f"<td>{escape(doc.kind) if doc else 'error'}</td>"
            + "".join(_cell(eid, cells.get(eid), report) for eid, _ in columns) + "</tr>")


def _file_cell(number: int, report, name: str) -> str:
    """The file (inside the shared folder) linking to its detail view, and its title."""
    doc = report.document
    title = escape(doc.title) if doc and doc.title else ""
    return (f"<td class=\"file\"><a href=\"#r{number}\" title=\"{escape(report.file)}\">"
            f"{escape(name)}</a><div class=\"title\">{title}</div></td>")


def _verdict(report) -> str:
    return "error" if report.errors else ("pass" if report.passed else "fail")


def _cell(element_id: str, element, report) -> str:
    if element is None:
        status, mark, tip = ("error", "!", "unreadable") if report.errors else ("", "", "not checked")
    else:
        status, mark = element.status, STATUS_MARKS.get(element.status, "?")
        tip = f"{element.title}: {element.status}, {element.stance}"
    return (f"<td class=\"cell st-{status}\" data-el=\"{escape(element_id)}\" "
            f"data-status=\"{status}\" title=\"{escape(tip)}\">{mark}</td>")


def _detail(number: int, report, name: str, limit, role_name) -> str:
    opening = (f"<section class=\"detail\" id=\"r{number}\"><a class=\"close\" href=\"#matrix\">"
               f"× back to the table</a><h2>{escape(name)}</h2>"
               f"<p class=\"path\">{escape(report.file)}</p>")
    parts = [opening, _facts(report), _notes(report), report_figures(report)]
    if report.elements:
        parts.append("<table class=\"elements\"><thead><tr><th>Element 要素</th><th>Status</th>"
                     "<th>Stance 表述</th><th>Evidence 依据</th></tr></thead><tbody>")
        parts += [_element(e, limit, role_name) for e in report.elements]
        parts.append("</tbody></table>")
    return "\n".join(parts) + "</section>"


def _facts(report) -> str:
    doc = report.document
    if doc is None:
        return "<p class=\"facts\">could not be checked</p>"
    period = f"{doc.period[0]}—{doc.period[1]}" if doc.period else "no period found"
    score = "–" if report.score is None else f"{report.score:g}/100"
    verdict = "PASS" if report.passed else "FAIL"
    return (f"<p class=\"facts\"><b>{escape(doc.title or '(no title found)')}</b><br>"
            f"kind: {escape(doc.kind)} · period: {escape(period)} · {doc.chars} chars · "
            f"score: {score} <span class=\"{_verdict(report)}\">{verdict}</span>"
            + (f"<br>timeliness: {escape(timeliness_note(doc))}" if timeliness_note(doc) else "")
            + "</p>")


def _notes(report) -> str:
    doc = report.document
    notes = [f"<li class=\"error\">{escape(e.code)}: {escape(e.message)}</li>" for e in report.errors]
    if doc is not None:
        if doc.kind != "annual-report":
            notes.append(f"<li>kind: {escape(doc.kind)} — not an annual report</li>")
        if doc.period is None:
            notes.append("<li>no period (year covered) found</li>")
        notes += [f"<li>{escape(w)}</li>" for w in doc.warnings]
    return f"<ul class=\"notes\">{''.join(notes)}</ul>" if notes else ""


def _element(element, limit, role_name) -> str:
    also = f" (also {escape(', '.join(element.also))})" if element.also else ""
    parts = "".join(f"<div class=\"part\">{escape(p.id)}: {escape(p.stance)}</div>"
                    for p in element.parts or ())
    hint = (f"<p class=\"hint\">缺什么 · hint: {escape(element.hint)}</p>"
            if element.status in ("missing", "partial") else "")
    if element.decision:
        hint = f"<p class=\"decided\">{escape(decision_note(element))}</p>" + hint
    return (f"<tr class=\"st-{element.status}\" data-el=\"{escape(element.id)}\">"
            f"<td><code>{escape(element.id)}</code><br>{escape(element.title)}</td>"
            f"<td class=\"status\">{STATUS_MARKS.get(element.status, '')} {escape(element.status)}</td>"
            f"<td>{escape(element.stance)}{also}{parts}</td>"
            f"<td>{hint}{_evidence(element, limit, role_name)}</td></tr>")


def _evidence(element, limit, role_name) -> str:
    shown = element.evidence[:limit]
    items = "".join(f"<li><span class=\"where\">{escape(_where(item, role_name))}</span> "
                    f"<span class=\"stance\">[{escape(item.stance)}]</span> "
                    f"<q>{escape(item.text)}</q></li>" for item in shown)
    more = len(element.evidence) - len(shown)
    extra = f"<li class=\"more\">… {more} more</li>" if more else ""
    return f"<ul class=\"evidence\">{items}{extra}</ul>" if items else ""


def _where(item, role_name) -> str:
    place = [item.where or f"line {item.line}", role_name(item.role)]
    if item.section:
        place.append(item.section)
    if item.part:
        place.append(f"part {item.part}")
    return " · ".join(place)
