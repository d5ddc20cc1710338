"""Output formats for `fazhi diff`: text for a terminal, JSON for tools, Markdown for a
review comment. Chosen by name from DIFF_RENDERERS. Each shows the period of both reports,
the warnings (two governments, the older report second) and, for every element that moved,
the evidence on each side."""

from __future__ import annotations

import json
from collections.abc import Callable

from checker.judge.compare import ReportDiff, diff_to_dict, period_text
from checker.render.escape import escaped_reports, markdown_code, visible
from checker.render.escape import markdown as md_text

SECTIONS = (("gained", "+", "Gained 新增达标"), ("lost", "-", "Lost 不再达标"),
            ("changed", "~", "Changed 状态或表述变化"))
EVIDENCE_SHOWN = 2      # per side and element; JSON has all of it


def _score(score) -> str:
    return "–" if score is None else f"{score:g}"


def _score_line(diff: ReportDiff) -> str:
    change = diff.score_change
    delta = "" if change is None else f" ({change:+g})"
    return f"score: {_score(diff.old_score)} → {_score(diff.new_score)}{delta}"


def _movement(change) -> str:
    status = f"{change.old_status or 'not checked'} → {change.new_status or 'not checked'}"
    if change.old_stance != change.new_stance:
        status += f"; stance {change.old_stance or '–'} → {change.new_stance or '–'}"
    return status


def _quote(text: str) -> str:
    return text if len(text) <= 80 else text[:78] + "…"


def _evidence_lines(evidence) -> list[str]:
    """`line 12 [achieved] 全区…` for the first pieces of one side's evidence."""
    if not evidence:
        return ["no evidence"]
    lines = [f"{item.where or 'line ' + str(item.line)} [{item.stance}] {_quote(item.text)}"
             for item in evidence[:EVIDENCE_SHOWN]]
    if len(evidence) > EVIDENCE_SHOWN:
        lines.append(f"… {len(evidence) - EVIDENCE_SHOWN} more (--format json has all)")
    return lines


def _sides(change) -> list[tuple[str, list[str]]]:
    return [("old", _evidence_lines(change.old_evidence)), ("new", _evidence_lines(change.new_evidence))]


def render_text(diff: ReportDiff) -> str:
    [diff] = escaped_reports([diff], visible)
    lines = [f"old: {diff.old_file}  {diff.old_title}  (period {period_text(diff.old_period)})",
             f"new: {diff.new_file}  {diff.new_title}  (period {period_text(diff.new_period)})"]
    lines += [f"warning: {w}" for w in diff.warnings]
    lines.append(_score_line(diff))
    for change, mark, heading in SECTIONS:
        items = diff.of(change)
        if items:
            lines += ["", f"{heading} ({len(items)}):"]
            for e in items:
                lines.append(f"  {mark} {e.id}  {e.title}  {_movement(e)}")
                for side, evidence in _sides(e):
                    lines += [f"      {side}: {evidence[0]}"] + [f"           {x}" for x in evidence[1:]]
    lines += ["", f"unchanged: {len(diff.of('same'))} elements"]
    return "\n".join(lines) + "\n"


def render_json(diff: ReportDiff) -> str:
    return json.dumps(diff_to_dict(diff), ensure_ascii=False, indent=2) + "\n"


def render_markdown(diff: ReportDiff) -> str:
    lines = ["## fazhi diff", ""]
    for side, file, title, period in (("old", diff.old_file, diff.old_title, diff.old_period),
                                      ("new", diff.new_file, diff.new_title, diff.new_period)):
        lines.append(f"- {side}: {markdown_code(file)} {md_text(title)} (period {period_text(period)})")
    lines.append(f"- {_score_line(diff)}")
    if diff.warnings:
        lines += [""] + [f"> ⚠️ {md_text(w)}" for w in diff.warnings]
    for change, _, heading in SECTIONS:
        items = diff.of(change)
        if items:
            lines += ["", f"### {heading} ({len(items)})", "",
                      "| element | title | change | old evidence | new evidence |", "|---|---|---|---|---|"]
            lines += [f"| {markdown_code(e.id, in_table=True)} | {md_text(e.title)} | {_movement(e)} | "
                      + " | ".join("<br>".join(md_text(x) for x in evidence) for _, evidence in _sides(e))
                      + " |" for e in items]
    lines += ["", f"Unchanged: {len(diff.of('same'))} elements."]
    return "\n".join(lines) + "\n"


DIFF_RENDERERS: dict[str, Callable[[ReportDiff], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}
