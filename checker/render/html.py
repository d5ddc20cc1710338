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
from html import escape

from checker.render.charts import charts
from checker.render.csv_out import element_ids
from checker.render.html_assets import SCRIPT, STYLE
from checker.render.html_figures import comparison, report_figures
from checker.render.verdict import decision_note, timeliness_note

STATUS_MARKS = {"met": "✓", "partial": "◐", "missing": "✗", "not-applicable": "–"}
VERDICTS = ("pass", "fail", "error")


def render(reports, options) -> str:
    words, role_name = options.words, options.role_name
    columns, folder, names = _columns(reports), *_short_names(reports)
    limit = None if options.verbose else max(options.max_evidence, 5)
    lang = "zh-CN" if words.lang == "zh" else words.lang
    parts = [f"<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">",
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
             f"<title>{escape(words('html.page-title'))}</title>", f"<style>{STYLE}</style>\n</head>\n<body>",
             _header(reports, folder, words), charts(reports, words, options.gate.fail_under),
             _filters(reports, columns, words), _matrix(reports, columns, names, words),
             comparison(reports, names),
             *[_detail(n, r, names[n], limit, role_name, words) for n, r in enumerate(reports)],
             f"<script>{SCRIPT}</script>\n</body>\n</html>\n"]
    return "\n".join(parts)


def pieces(reports, options) -> Iterator[str]:
    """The page for an audit's output file. It is built whole: the charts and the matrix
    need every report before the first row (a page of 20,000 reports is some 260 MB)."""
    yield render(reports, options)


def _columns(reports) -> list[tuple[str, str, str]]:
    """(id, title, short name) of every element, in pack order."""
    elements = {e.id: e for r in reports for e in r.elements}
    return [(eid, elements[eid].title, elements[eid].short or elements[eid].title)
            for eid in element_ids(reports)]


def _short_names(reports) -> tuple[str, list[str]]:
    """The folder all reports share, and each file's path inside it (what a reader needs
    to tell two submissions apart; the full path stays in the link's tooltip)."""
    try:
        folder = os.path.commonpath([os.path.dirname(r.file) for r in reports]) if reports else ""
    except ValueError:  # absolute and relative paths mixed
        folder = ""
    return folder, [os.path.relpath(r.file, folder) if folder else r.file for r in reports]


def _header(reports, folder: str, words) -> str:
    passed = sum(1 for r in reports if r.passed)
    unreadable = sum(1 for r in reports if r.errors)
    where = words("html.in-folder", folder=folder) if folder else ""
    counts = words("html.counts", total=len(reports), where=where, passed=passed,
                   failed=len(reports) - passed - unreadable, unreadable=unreadable)
    return (f"<header><h1>{escape(words('html.page-title'))} <small>fazhi audit</small></h1>"
            f"<p class=\"counts\">{escape(counts)}</p>{_legend(words)}</header>")


def _legend(words) -> str:
    items = "".join(f"<span class=\"cell st-{s}\">{m}</span> {escape(words.status(s))} "
                    for s, m in STATUS_MARKS.items())
    return (f"<p class=\"legend\">{items}<span class=\"cell st-error\">!</span> "
            f"{escape(words('html.legend-unreadable'))}</p>")


def _filters(reports, columns, words) -> str:
    kinds = sorted({r.document.kind for r in reports if r.document})
    statuses = [*STATUS_MARKS, "error"]
    elements = [(eid, words("html.filter-element-name", id=eid, short=short)) for eid, _, short in columns]
    shown = words("html.shown", shown="{shown}", total="{total}")   # the script fills them in
    return ("<nav class=\"filters\">"
            + _select("f-verdict", words("html.filter-verdict"), [(v, words.verdict(v)) for v in VERDICTS],
                      words)
            + _select("f-status", words("html.filter-status"), [(s, words.status(s)) for s in statuses],
                      words)
            + _select("f-kind", words("html.filter-kind"), [(k, words.kind(k)) for k in kinds], words)
            + _select("f-element", words("html.filter-element"), elements, words)
            + f"<span id=\"shown\" data-template=\"{escape(shown)}\"></span></nav>")


def _select(ident: str, label: str, values, words) -> str:
    """A filter: option values are the machine values the rows carry, labels are words."""
    options = "".join(f"<option value=\"{escape(v)}\">{escape(name)}</option>" for v, name in values)
    return (f"<label>{escape(label)} <select id=\"{ident}\"><option value=\"\">"
            f"{escape(words('html.filter-all'))}</option>{options}</select></label>")


def _matrix(reports, columns, names: list[str], words) -> str:
    heads = "".join(f"<th class=\"el\" data-sort=\"el\" data-el=\"{escape(eid)}\" "
                    f"title=\"{escape(title)}（{escape(eid)}）\"><span>{escape(short)}</span></th>"
                    for eid, title, short in columns)
    rows = "\n".join(_row(n, r, names[n], columns, words) for n, r in enumerate(reports))
    return ("<table id=\"matrix\" data-sorted=\"\"><thead><tr>"
            f"<th data-sort=\"file\">{escape(words('html.col-report'))}</th>"
            f"<th data-sort=\"score\" id=\"sort-score\">{escape(words('html.col-score'))}</th>"
            f"<th>{escape(words('html.col-result'))}</th><th>{escape(words('html.col-kind'))}</th>"
            f"{heads}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>")


def _row(number: int, report, name: str, columns, words) -> str:
    doc = report.document
    cells = {e.id: e for e in report.elements}
    score = "" if report.score is None else f"{report.score:g}"
    verdict = _verdict(report)
    attrs = (f"data-index=\"{number}\" data-file=\"{escape(report.file)}\" data-score=\"{score}\" "
             f"data-kind=\"{escape(doc.kind) if doc else ''}\" data-verdict=\"{verdict}\" "
             f"data-error=\"{'yes' if report.errors else ''}\" class=\"{verdict}\"")
    kind = escape(words.kind(doc.kind)) if doc else escape(words.status("error"))
    return (f"<tr {attrs}>{_file_cell(number, report, name)}"
            f"<td class=\"score\">{score or '–'}</td>"
            f"<td class=\"verdict\"><span class=\"{verdict}\">{escape(words.verdict(verdict))}</span></td>"
            f"<td class=\"kind\">{kind}</td>"
            + "".join(_cell(eid, cells.get(eid), report, words) for eid, _, _ in columns) + "</tr>")


def _file_cell(number: int, report, name: str) -> str:
    """The file (inside the shared folder) linking to its detail view, and its title."""
    doc = report.document
    title = escape(doc.title) if doc and doc.title else ""
    return (f"<td class=\"file\"><a href=\"#r{number}\" title=\"{escape(report.file)}\">"
            f"{escape(name)}</a><div class=\"title\">{title}</div></td>")


def _verdict(report) -> str:
    return "error" if report.errors else ("pass" if report.passed else "fail")


def _cell(element_id: str, element, report, words) -> str:
    if element is None:
        status, mark = ("error", "!") if report.errors else ("", "")
        tip = words.status("error") if report.errors else words("html.not-checked")
    else:
        status, mark = element.status, STATUS_MARKS.get(element.status, "?")
        tip = f"{element.title}：{words.status(element.status)}，{words.stance(element.stance)}"
    return (f"<td class=\"cell st-{status}\" data-el=\"{escape(element_id)}\" "
            f"data-status=\"{status}\" title=\"{escape(tip)}\">{mark}</td>")


def _detail(number: int, report, name: str, limit, role_name, words) -> str:
    opening = (f"<section class=\"detail\" id=\"r{number}\"><a class=\"close\" href=\"#matrix\">"
               f"{escape(words('html.back'))}</a><h2>{escape(name)}</h2>"
               f"<p class=\"path\">{escape(report.file)}</p>")
    parts = [opening, _facts(report, words), _notes(report, words), report_figures(report)]
    if report.elements:
        heads = "".join(f"<th>{escape(words(key))}</th>" for key in
                        ("html.col-element", "html.col-status", "html.col-stance", "html.col-evidence"))
        parts.append(f"<table class=\"elements\"><thead><tr>{heads}</tr></thead><tbody>")
        parts += [_element(e, limit, role_name, words) for e in report.elements]
        parts.append("</tbody></table>")
    return "\n".join(parts) + "</section>"


def _facts(report, words) -> str:
    doc = report.document
    if doc is None:
        return f"<p class=\"facts\">{escape(words('html.cannot-check'))}</p>"
    period = f"{doc.period[0]}—{doc.period[1]}" if doc.period else words("html.no-period")
    score = "–" if report.score is None else f"{report.score:g}/100"
    facts = words("html.facts", kind=words.kind(doc.kind), period=period, chars=doc.chars, score=score)
    timeliness = timeliness_note(doc)
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
    hint = (f"<p class=\"hint\">{escape(words('html.hint', hint=element.hint))}</p>"
            if element.status in ("missing", "partial") else "")
    if element.decision:
        hint = f"<p class=\"decided\">{escape(decision_note(element))}</p>" + hint
    return (f"<tr class=\"st-{element.status}\" data-el=\"{escape(element.id)}\">"
            f"<td>{escape(element.title)}<br><code>{escape(element.id)}</code></td>"
            f"<td class=\"status\">{STATUS_MARKS.get(element.status, '')} "
            f"{escape(words.status(element.status))}</td>"
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
