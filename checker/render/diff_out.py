"""Output formats for `fazhi diff`: text for a terminal, JSON for tools, Markdown for a
review comment. Chosen by name from DIFF_RENDERERS."""

from __future__ import annotations

import json
from collections.abc import Callable

from checker.judge.compare import ReportDiff, diff_to_dict

SECTIONS = (("gained", "+", "Gained 新增达标"), ("lost", "-", "Lost 不再达标"),
            ("changed", "~", "Changed 状态或表述变化"))


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


def render_text(diff: ReportDiff) -> str:
    lines = [f"old: {diff.old_file}  {diff.old_title}",
             f"new: {diff.new_file}  {diff.new_title}", _score_line(diff)]
    for change, mark, heading in SECTIONS:
        items = diff.of(change)
        if items:
            lines += ["", f"{heading} ({len(items)}):"]
            lines += [f"  {mark} {e.id}  {e.title}  {_movement(e)}" for e in items]
    lines += ["", f"unchanged: {len(diff.of('same'))} elements"]
    return "\n".join(lines) + "\n"


def render_json(diff: ReportDiff) -> str:
    return json.dumps(diff_to_dict(diff), ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    """Report text inside a Markdown table cell: no pipes or line breaks to break the row."""
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(diff: ReportDiff) -> str:
    lines = ["## fazhi diff", "",
             f"- old: `{_cell(diff.old_file)}` {_cell(diff.old_title)}",
             f"- new: `{_cell(diff.new_file)}` {_cell(diff.new_title)}",
             f"- {_score_line(diff)}"]
    for change, _, heading in SECTIONS:
        items = diff.of(change)
        if items:
            lines += ["", f"### {heading} ({len(items)})", "", "| element | title | change |",
                      "|---|---|---|"]
            lines += [f"| `{e.id}` | {_cell(e.title)} | {_movement(e)} |" for e in items]
    lines += ["", f"Unchanged: {len(diff.of('same'))} elements."]
    return "\n".join(lines) + "\n"


DIFF_RENDERERS: dict[str, Callable[[ReportDiff], str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}
