"""The ledger's answers as text, JSON, CSV and an HTML page.

Everything shown comes from submitted files (names, titles) or from inspectors (reasons),
so every format keeps it inert: control characters are shown escaped in text, CSV cells
that a spreadsheet would run as formulas are quoted, and HTML is escaped throughout.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from html import escape

from checker.ledger.decisions import DecisionRecord
from checker.ledger.queries import BodyComparison, Comparison, ElementState, History, Submission
from checker.ledger.words import Words
from checker.render.csv_out import safe_cell
from checker.render.escape import visible

FORMATS = ("text", "json", "csv", "html")
LEDGER_SCHEMA_ID = "fazhi.ledger/1"


def printable(value: object) -> str:
    """A value for a terminal: no escape sequence, invisible character or line break from a
    file name or a reason (render.escape.visible)."""
    return visible("" if value is None else str(value))


def _score(score: float | None) -> str:
    return "-" if score is None else f"{score:g}"


def _csv(rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell("" if cell is None else str(cell)) for cell in row])
    return "\ufeff" + buffer.getvalue()     # Excel and WPS read UTF-8 only with the mark


def _json(kind: str, data) -> str:
    return json.dumps({"schema": LEDGER_SCHEMA_ID, kind: data}, ensure_ascii=False, indent=2) + "\n"


def _element_word(element: ElementState, say: Words) -> str:
    """met, or met (decided by the inspector, with what fazhi found)."""
    if element.decision:
        return say("decided", status=element.status, by=element.decision["by"],
                   reason=element.decision["reason"], found=element.found)
    return element.status


def _timeliness(item: Submission, say: Words) -> str:
    if not item.timeliness:
        return say("timeliness_unknown")
    source = say(item.published_source) if item.published_source in say.table else item.published_source
    dated = say("dated", date=item.published_on, source=source) if item.published_on else ""
    due = say("due", deadline=item.deadline) if item.deadline else ""
    return say("timeliness", status=say(item.timeliness)) + dated + due


# --- bodies -------------------------------------------------------------------------------

def bodies_view(data: dict, fmt: str, say: Words) -> str:
    if fmt == "json":
        return _json("bodies", data)
    if fmt == "csv":
        rows = [["key", "name", "level", "names_seen", "rounds", "files"]]
        rows += [[b["key"], b["name"], b["level"], " | ".join(b["names_seen"]), " | ".join(b["rounds"]),
                  " | ".join(b["files"])] for b in data["bodies"]]
        rows += [["", "(unrecognised)", "", "", u["round"], u["file"]] for u in data["unrecognised"]]
        return _csv(rows)
    lines = []
    for body in data["bodies"]:
        level = f"  [{body['level']}]" if body["level"] else ""
        lines.append(f"{printable(body['key'])}  {printable(body['name'])}{level}")
        lines.append(f"    {say('read_as')}: {printable('、'.join(body['names_seen']))}"
                     f"   ({printable(', '.join(body['sources']))})")
        lines.append(f"    {say('rounds')}: {printable(', '.join(body['rounds']))}   "
                     f"{say('files')}: {len(body['files'])}")
    if data["unrecognised"]:
        lines.append("")
        lines.append(f"{say('not_recognised')}({len(data['unrecognised'])})")
        lines += [f"  {printable(u['round'])}  {printable(u['file'])}  {printable(u['title'] or '')}"
                  for u in data["unrecognised"]]
    return "\n".join(lines or [say("no_submissions")]) + "\n"


# --- history ------------------------------------------------------------------------------

def history_view(item: History, fmt: str, say: Words) -> str:
    if fmt == "json":
        return _json("history", {"body": item.body, "name": item.name,
                                 "rounds": [{"round": r, "submissions": [asdict(s) for s in subs]}
                                            for r, subs in item.rounds]})
    if fmt == "csv":
        return _csv(_history_rows(item))
    if fmt == "html":
        return _page(f"{item.name} — {say('history_title')}", _history_html(item, say), say.lang)
    lines = [f"{printable(item.name)} ({printable(item.body)})"]
    for round_name, subs in item.rounds:
        lines.append("")
        lines.append(f"{printable(round_name)}")
        for sub in subs:
            mark = say("current") if sub.current else say("superseded")
            lines.append(f"  {printable(sub.file)}  [{mark}]")
            lines.append(f"    {sub.verdict.upper()}  {say('score')} {_score(sub.score)}   "
                         f"{printable(_timeliness(sub, say))}")
            for element in sub.elements:
                lines.append(f"    {element.id:28} {printable(_element_word(element, say))}")
    return "\n".join(lines) + "\n"


def _history_rows(item: History) -> list[list]:
    rows: list[list] = [["body", "round", "file", "current", "verdict", "score", "timeliness",
                         "element", "status", "found", "decided_by", "reason"]]
    for round_name, subs in item.rounds:
        for sub in subs:
            for e in sub.elements or (None,):   # type: ignore[assignment]  # an unreadable file: one row
                decision = e.decision if e else None
                rows.append([item.body, round_name, sub.file, "yes" if sub.current else "no", sub.verdict,
                             _score(sub.score), sub.timeliness or "unknown", e.id if e else "",
                             e.status if e else "", e.found if e else "",
                             decision["by"] if decision else "", decision["reason"] if decision else ""])
    return rows


def _history_html(item: History, say: Words) -> str:
    ids = list(dict.fromkeys(e.id for _, subs in item.rounds for s in subs for e in s.elements))
    head = "".join(f"<th>{escape(r)}</th>" for r, _ in item.rounds)
    current = {r: next((s for s in subs if s.current), subs[-1]) for r, subs in item.rounds}
    scores = "".join(f"<td>{_score(current[r].score)}</td>" for r, _ in item.rounds)
    timely = "".join(f"<td>{escape(say(current[r].timeliness or 'unknown'))}</td>" for r, _ in item.rounds)
    rows = [f"<tr><th>{say('score')}</th>{scores}</tr>",
            f"<tr><th>{escape(say('timeliness', status=''))}</th>{timely}</tr>"]
    for element_id in ids:
        cells = []
        for round_name, _ in item.rounds:
            state = current[round_name].element(element_id)
            cells.append(_status_cell(state, say))
        rows.append(f"<tr><th><code>{escape(element_id)}</code></th>{''.join(cells)}</tr>")
    trend = _sparkline([(r, current[r].score) for r, _ in item.rounds], say)
    return (f"<h1>{escape(item.name)} <small>{escape(item.body)}</small></h1>{trend}"
            f"<table class=\"grid\"><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}"
            "</tbody></table>")


def _status_cell(state: ElementState | None, say: Words) -> str:
    if state is None:
        return "<td></td>"
    decided = ""
    if state.decision:
        decided = (f"<div class=\"decided\" title=\"{escape(state.decision['reason'] or '')}\">"
                   f"{escape(say('decided_short', by=state.decision['by'], found=state.found))}</div>")
    return f"<td class=\"st-{escape(state.status)}\">{escape(state.status)}{decided}</td>"


# --- compare ------------------------------------------------------------------------------

def compare_view(result: Comparison, fmt: str, say: Words) -> str:
    if fmt == "json":
        return _json("comparison", _compare_data(result))
    if fmt == "csv":
        return _csv(_compare_rows(result))
    if fmt == "html":
        return _page(f"{result.round_a} → {result.round_b}", _compare_html(result, say), say.lang)
    return _compare_text(result, say)


def _compare_data(result: Comparison) -> dict:
    def summary(sub: Submission | None):
        return None if sub is None else {
            "file": sub.file, "sha256": sub.sha256, "score": sub.score, "verdict": sub.verdict,
            "timeliness": sub.timeliness, "published_on": sub.published_on, "deadline": sub.deadline}

    return {
        "round_a": result.round_a, "round_b": result.round_b,
        "bodies": [{"body": b.body, "name": b.name, "state": b.state, "a": summary(b.a), "b": summary(b.b),
                    "fixed": [asdict(e) for e in b.fixed], "improved": [asdict(e) for e in b.improved],
                    "weakened": [asdict(e) for e in b.weakened],
                    "newly_missing": [asdict(e) for e in b.newly_missing],
                    "still_missing": [asdict(e) for e in b.still_missing],
                    "trend": [{"round": r, "score": s} for r, s in b.trend]} for b in result.bodies],
        "did_not_submit": [b.body for b in result.did_not_submit],
        "unrecognised": [{"round": s.round, "file": s.file} for s in result.unrecognised],
    }


def _compare_rows(result: Comparison) -> list[list]:
    rows: list[list] = [["body", "name", "state", f"score {result.round_a}", f"score {result.round_b}",
                         f"timeliness {result.round_b}", "change", "element", "rounds_missing",
                         "repeated_shortfall"]]
    for body in result.bodies:
        base = [body.body, body.name, body.state, _score(body.a.score) if body.a else "",
                _score(body.b.score) if body.b else "", (body.b.timeliness or "unknown") if body.b else ""]
        changes = _changes(body)
        if not changes:
            rows.append(base + ["", "", "", ""])
        for change, element_id, count, repeated in changes:
            rows.append(base + [change, element_id, count, "yes" if repeated else ""])
    return rows


def _changes(body: BodyComparison) -> list[tuple[str, str, str, bool]]:
    changes = [(word, e.id, "", False) for word, items in (("fixed", body.fixed), ("improved", body.improved),
                                                            ("weakened", body.weakened),
                                                            ("newly missing", body.newly_missing))
               for e in items]
    return changes + [("still missing", s.id, str(s.rounds_missing), s.repeated_shortfall)
                      for s in body.still_missing]


def _change_groups(body: BodyComparison) -> tuple[tuple[str, list[ElementState]], ...]:
    return (("fixed", body.fixed), ("improved", body.improved), ("weakened", body.weakened),
            ("newly_missing", body.newly_missing))


def _compare_text(result: Comparison, say: Words) -> str:
    lines = [say("bodies_count", a=printable(result.round_a), b=printable(result.round_b),
                 n=len(result.bodies))]
    for body in result.bodies:
        lines.append("")
        lines.append(f"{printable(body.name)} ({printable(body.body)})  {_scores(body, say)}")
        if body.state == "did-not-submit":
            lines.append(f"  {say('did_not_submit', round=printable(result.round_b))}")
            continue
        if body.state == "new":
            lines.append(f"  {say('no_submission_in', round=printable(result.round_a))}")
        if body.b is not None:
            lines.append(f"  {printable(_timeliness(body.b, say))}")
        for key, items in _change_groups(body):
            if items:
                named = ", ".join(printable(f"{e.id} ({_element_word(e, say)})" if e.decision else e.id)
                                  for e in items)
                lines.append(f"  {say(key)}: {named}")
        for still in body.still_missing:
            flag = f"  {say('repeated_shortfall')}" if still.repeated_shortfall else ""
            lines.append(f"  {say('still_missing')}: {still.id} "
                         f"({say('rounds_running', n=still.rounds_missing)}){flag}")
    if result.did_not_submit:
        lines.append("")
        lines.append(say("did_not_submit_list", round=printable(result.round_b))
                     + ", ".join(printable(b.body) for b in result.did_not_submit))
    if result.unrecognised:
        lines.append("")
        lines.append(say("not_recognised") + ", ".join(printable(s.file) for s in result.unrecognised))
    return "\n".join(lines) + "\n"


def _scores(body: BodyComparison, say: Words) -> str:
    return say("scores", a=_score(body.a.score) if body.a else "–", b=_score(body.b.score) if body.b else "–")


def _compare_html(result: Comparison, say: Words) -> str:
    title = say("bodies_count", a=result.round_a, b=result.round_b, n=len(result.bodies))
    sections = [f"<h1>{escape(title)}</h1>"]
    if result.did_not_submit:
        sections.append(f"<p class=\"absent\">{escape(say('did_not_submit_list', round=result.round_b))}"
                        + "、".join(escape(b.body) for b in result.did_not_submit) + "</p>")
    for body in result.bodies:
        sections.append(_body_html(body, result, say))
    if result.unrecognised:
        items = "".join(f"<li>{escape(s.round)} · {escape(s.file)}</li>" for s in result.unrecognised)
        sections.append(f"<section><h2>{escape(say('not_recognised'))}</h2><ul>{items}</ul></section>")
    return "\n".join(sections)


def _body_html(body: BodyComparison, result: Comparison, say: Words) -> str:
    rows = []
    for key, items in _change_groups(body):
        if items:
            cells = "、".join(_element_html(e, say) for e in items)
            rows.append(f"<tr class=\"{key}\"><th>{escape(say(key))}</th><td>{cells}</td></tr>")
    if body.still_missing:
        cells = "、".join(
            f"<code>{escape(s.id)}</code> <span title=\""
            f"{escape(say('rounds_running', n=s.rounds_missing))}\">×{s.rounds_missing}</span>"
            + (f" <span class=\"repeated\">{escape(say('repeated_shortfall'))}</span>" if s.repeated_shortfall
               else "")
            for s in body.still_missing)
        rows.append(f"<tr class=\"still_missing\"><th>{escape(say('still_missing'))}</th>"
                    f"<td>{cells}</td></tr>")
    state = {"did-not-submit": say("did_not_submit", round=result.round_b),
             "new": say("no_submission_in", round=result.round_a), "compared": ""}[body.state]
    timeliness = (f"<p class=\"timeliness t-{escape(body.b.timeliness or 'unknown')}\">"
                  f"{escape(_timeliness(body.b, say))}</p>") if body.b else ""
    return (f"<section class=\"body\" data-body=\"{escape(body.body)}\"><h2>{escape(body.name)} "
            f"<small>{escape(body.body)} · {escape(_scores(body, say))}</small></h2>"
            f"{_sparkline(body.trend, say)}<p class=\"state\">{escape(state)}</p>{timeliness}"
            f"<table class=\"changes\">{''.join(rows)}</table></section>")


def _element_html(element: ElementState, say: Words) -> str:
    decided = ""
    if element.decision:
        decided = (f" <span class=\"decided\" title=\"{escape(element.decision['reason'] or '')}\">"
                   f"({escape(say('decided_short', by=element.decision['by'], found=element.found))})</span>")
    return f"<code>{escape(element.id)}</code>{decided}"


def _sparkline(points: list[tuple[str, float | None]], say: Words) -> str:
    """The body's score round by round: a small SVG line with a labelled dot per round."""
    width, height, step = 60 + 70 * max(len(points) - 1, 0), 80, 70
    dots, path = [], []
    for number, (round_name, score) in enumerate(points):
        x = 30 + step * number
        if score is None:
            dots.append(f"<text x=\"{x}\" y=\"40\" text-anchor=\"middle\">–</text>")   # unreadable
        else:
            y = 60 - 44 * score / 100      # 0 at the bottom, 100 with room for its label
            path.append(f"{x},{y:.1f}")
            dots.append(f"<circle cx=\"{x}\" cy=\"{y:.1f}\" r=\"3\"><title>{escape(round_name)}: "
                        f"{score:g}</title></circle><text x=\"{x}\" y=\"{y - 6:.1f}\" "
                        f"text-anchor=\"middle\">{score:g}</text>")
        dots.append(f"<text x=\"{x}\" y=\"76\" text-anchor=\"middle\" class=\"round\">"
                    f"{escape(round_name)}</text>")
    line = f"<polyline points=\"{' '.join(path)}\" fill=\"none\" stroke=\"#446\"/>" if len(path) > 1 else ""
    return (f"<svg class=\"trend\" role=\"img\" aria-label=\"{escape(say('trend'))}\" width=\"{width}\" "
            f"height=\"{height}\" viewBox=\"0 0 {width} {height}\">{line}{''.join(dots)}</svg>")


PAGE_STYLE = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; margin: 1.5em; }
h1 small, h2 small { color: #777; font-weight: normal; font-size: .65em; }
section.body { border-top: 1px solid #ccc; margin-top: 1em; }
table.changes th { text-align: left; padding-right: 1em; vertical-align: top; font-weight: normal;
                   color: #555; }
table.grid td, table.grid th { border: 1px solid #ccc; padding: 2px 6px; }
.st-met { background: #cdeccd; } .st-partial { background: #fbe7a6; } .st-missing { background: #f6c1bd; }
.st-not-applicable { background: #e4e4e4; }
.decided { font-size: .8em; color: #264d8c; }
.repeated { color: #b00; } .absent { color: #b00; }
.t-late { color: #b00; } .t-on-time { color: #276b27; }
svg.trend text { font-size: 10px; fill: #333; } svg.trend text.round { fill: #777; }
"""


def _page(title: str, body: str, lang: str) -> str:
    return (f"<!DOCTYPE html>\n<html lang=\"{'zh-CN' if lang == 'zh' else lang}\"><head>"
            "<meta charset=\"utf-8\">"
            f"<title>{escape(title)}</title><style>{PAGE_STYLE}</style></head><body>{body}</body></html>\n")


# --- decisions ----------------------------------------------------------------------------

def decisions_view(records: list[DecisionRecord], fmt: str, say: Words) -> str:
    if fmt == "json":
        return _json("decisions", [asdict(r) | {"active": r.active} for r in records])
    if fmt == "csv":
        rows: list[list] = [["id", "sha256", "file", "element", "status", "reason", "by", "at",
                             "withdrawn_at", "withdrawn_by", "withdraw_reason"]]
        rows += [[r.id, r.sha256, r.file, r.element, r.status, r.reason, r.by, r.at, r.withdrawn_at,
                  r.withdrawn_by, r.withdraw_reason] for r in records]
        return _csv(rows)
    if fmt == "html":
        raise ValueError("decisions: text, json or csv")
    lines = []
    for r in records:
        state = "" if r.active else f"  [{say('withdrawn', at=r.withdrawn_at, by=printable(r.withdrawn_by))}]"
        lines.append(f"#{r.id}  {r.element} → {r.status}  by {printable(r.by)}  {r.at}{state}")
        lines.append(f"     {printable(r.file or '')}  sha256 {r.sha256[:12]}")
        lines.append(f"     {say('reason')}: {printable(r.reason)}")
    return "\n".join(lines or [say("no_decisions")]) + "\n"
