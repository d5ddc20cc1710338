"""A self-contained HTML dashboard: submissions × elements coloured by status, and a detail
view per report with the evidence behind every status.

A row is one submission (judge/submissions.py): a report sent as .docx, .pdf and a web page
is one row, its primary copy's results, with the other copies listed under the file name
(each opens its own detail view). Rows carry the submitting body, its level and the verdict,
to filter and sort on. The header states the gate, the date and the versions.

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

from checker import __version__
from checker.judge.submissions import group_submissions
from checker.render.about import gate_text, packs_text
from checker.render.charts import charts
from checker.render.csv_out import element_ids
from checker.render.html_assets import SCRIPT, STYLE
from checker.render.html_figures import comparison, report_figures
from checker.render.verdict import decision_note, found_note, shown_status, timeliness_note

STATUS_MARKS = {"met": "✓", "partial": "◐", "missing": "✗", "not-applicable": "–"}


SUBMISSION_VERDICTS = {"passed": "pass", "failed": "fail", "unreadable": "error"}   # -> the mark's class
LEVELS = ("province", "city", "county", "department", "township")


def render(reports, options=None) -> str:
    from checker.render import RenderOptions
    options = options or RenderOptions()
    reports = list(reports)   # spooled results are read once: the rows link to the same objects
    words, role_name = options.words, options.role_name
    columns, folder, names = _columns(reports), *_short_names(reports)
    limit = None if options.verbose else max(options.max_evidence, 5)
    submissions = group_submissions(reports)
    number = {id(r): n for n, r in enumerate(reports)}
    lang = "zh-CN" if words.lang == "zh" else words.lang
    parts = [f"<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">",
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
             f"<title>{escape(words('html.page-title'))}</title>", f"<style>{STYLE}</style>\n</head>\n<body>",
             _header(reports, submissions, folder, options), charts(reports, words, options.gate.fail_under),
             _filters(reports, submissions, columns, words),
             _matrix(submissions, columns, names, number, words),
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


def _header(reports, submissions, folder: str, options) -> str:
    words = options.words
    counts = {v: sum(1 for s in submissions if s.verdict == v) for v in SUBMISSION_VERDICTS}
    where = words("html.in-folder", folder=folder) if folder else ""
    copies = len(reports) - len(submissions)
    sent = words("html.copies-sent", copies=copies) if copies else ""
    line = words("html.counts", submissions=len(submissions), total=len(reports), sent=sent, where=where,
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


def _filters(reports, submissions, columns, words) -> str:
    kinds = sorted({r.document.kind for r in reports if r.document})
    statuses = [*STATUS_MARKS, "error"]
    bodies = sorted({s.body.short for s in submissions if s.body is not None and s.body.short})
    levels = [lv for lv in LEVELS if any(s.body and s.body.level == lv for s in submissions)]
    elements = [(eid, words("html.filter-element-name", id=eid, short=short)) for eid, _, short in columns]
    shown = words("html.shown", shown="{shown}", total="{total}")   # the script fills them in
    verdicts = [(v, words(f"submission-verdict.{v}")) for v in SUBMISSION_VERDICTS]
    return ("<nav class=\"filters\">"
            + _select("f-verdict", words("html.filter-verdict"), verdicts, words)
            + _select("f-body", words("html.filter-body"), [(b, b) for b in bodies], words)
            + _select("f-level", words("html.filter-level"), [(lv, words.level(lv)) for lv in levels], words)
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


def _matrix(submissions, columns, names: list[str], number: dict[int, int], words) -> str:
    heads = "".join(f"<th class=\"el\" data-sort=\"el\" data-el=\"{escape(eid)}\" "
                    f"title=\"{escape(title)}（{escape(eid)}）\"><span>{escape(short)}</span></th>"
                    for eid, title, short in columns)
    rows = "\n".join(_row(index, s, names, number, columns, words) for index, s in enumerate(submissions))
    return ("<table id=\"matrix\" data-sorted=\"\"><thead><tr>"
            f"<th data-sort=\"file\">{escape(words('html.col-report'))}</th>"
            f"<th data-sort=\"body\">{escape(words('html.col-body'))}</th>"
            f"<th data-sort=\"level\">{escape(words('html.col-level'))}</th>"
            f"<th data-sort=\"score\" id=\"sort-score\">{escape(words('html.col-score'))}</th>"
            f"<th data-sort=\"verdict\">{escape(words('html.col-result'))}</th>"
            f"<th>{escape(words('html.col-kind'))}</th>"
            f"{heads}</tr></thead>\n<tbody>\n{rows}\n</tbody></table>")


def _row(index: int, submission, names: list[str], number: dict[int, int], columns, words) -> str:
    report, body, verdict = submission.primary, submission.body, submission.verdict
    doc = report.document
    cells = {e.id: e for e in report.elements}
    score = "" if report.score is None else f"{report.score:g}"
    short, level = (body.short, body.level or "") if body is not None else ("", "")
    attrs = (f"data-index=\"{index}\" data-file=\"{escape(report.file)}\" data-score=\"{score}\" "
             f"data-kind=\"{escape(doc.kind) if doc else ''}\" data-body=\"{escape(short)}\" "
             f"data-level=\"{escape(level)}\" data-verdict=\"{verdict}\" "
             f"data-error=\"{'yes' if report.errors else ''}\" class=\"{_verdict(report)}\"")
    body_cell = escape(body.name) if body is not None and body.name else "–"
    level_cell = escape(words.level(level)) if level else "–"
    kind = escape(words.kind(doc.kind)) if doc else escape(words.status("error"))
    mark = SUBMISSION_VERDICTS[verdict]
    return (f"<tr {attrs}>{_file_cell(submission, names, number, words)}"
            f"<td class=\"body\">{body_cell}</td><td class=\"level\">{level_cell}</td>"
            f"<td class=\"score\">{score or '–'}</td>"
            f"<td class=\"verdict\"><span class=\"{mark}\">{escape(words(f'submission-verdict.{verdict}'))}"
            f"</span></td><td class=\"kind\">{kind}</td>"
            + "".join(_cell(eid, cells.get(eid), report, words) for eid, _, _ in columns) + "</tr>")


def _file_cell(submission, names: list[str], number: dict[int, int], words) -> str:
    """The primary file (inside the shared folder) linking to its detail view, its title,
    and the other copies of the same report, each linking to its own."""
    report = submission.primary
    doc = report.document
    title = escape(doc.title) if doc and doc.title else ""
    copies = "".join(f"<li>{_link(c.report, names, number)} <span class=\"matched\">"
                     f"{escape(_matched(c, words))}</span></li>" for c in submission.others)
    listed = (f"<ul class=\"copies\" title=\"{escape(words('html.copies'))}\">{copies}</ul>"
              if copies else "")
    return (f"<td class=\"file\">{_link(report, names, number)}"
            f"<div class=\"title\">{title}</div>{listed}</td>")


def _link(report, names: list[str], number: dict[int, int]) -> str:
    n = number[id(report)]
    return f"<a href=\"#r{n}\" title=\"{escape(report.file)}\">{escape(names[n])}</a>"


def _matched(copy, words) -> str:
    if copy.matched == "identical":
        return words("html.copy-identical")
    if copy.matched == "similar":
        return words("html.copy-similar", share=f"{copy.similarity:.0%}")
    return words("html.copy-unreadable")


def _verdict(report) -> str:
    return "error" if report.errors else ("pass" if report.passed else "fail")


def _cell(element_id: str, element, report, words) -> str:
    if element is None:
        status, mark = ("error", "!") if report.errors else ("", "")
        tip = words.status("error") if report.errors else words("html.not-checked")
    else:
        status = shown_status(element)
        mark, found = STATUS_MARKS.get(status, "?"), found_note(element)
        tip = f"{element.title}：{words.status(status)}，{words.stance(element.stance)}" + (
            words("html.found-not-counted", status=words.status(element.status)) if found else "")
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
    status, found = shown_status(element), found_note(element)
    hint = (f"<p class=\"hint\">{escape(words('html.hint', hint=element.hint))}</p>"
            if status in ("missing", "partial") else "")
    if element.decision:
        hint = f"<p class=\"decided\">{escape(decision_note(element))}</p>" + hint
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
