"""Output formats for `fazhi diff`: text for a terminal, JSON for tools, Markdown for a
review comment. Chosen by name from DIFF_RENDERERS. Each shows the period of both reports,
the warnings (two governments, the older report second) and, for every element that moved,
the evidence on each side."""

from __future__ import annotations

import json
from collections.abc import Callable

from checker.judge.compare import ReportDiff, diff_to_dict
from checker.render.escape import escaped_reports, markdown_code, visible
from checker.render.escape import markdown as md_text
from checker.render.words import Words, display_width, english_words, words

SECTIONS = (("gained", "+"), ("lost", "-"), ("changed", "~"))
EVIDENCE_SHOWN = 2      # per side and element; JSON has all of it


def _score(score) -> str:
    return "–" if score is None else f"{score:g}"


def _period(period, words: Words) -> str:
    if period is None:
        return words("diff.no-period")
    return str(period[0]) if period[0] == period[1] else f"{period[0]}—{period[1]}"


def _score_line(diff: ReportDiff, words: Words) -> str:
    change = diff.score_change
    delta = "" if change is None else f" ({change:+g})"
    return words("diff.score", old=_score(diff.old_score), new=_score(diff.new_score), delta=delta)


def _status(status, words: Words) -> str:
    return words.status(status) if status else words("diff.not-checked")


def _movement(change, words: Words) -> str:
    status = f"{_status(change.old_status, words)} → {_status(change.new_status, words)}"
    if change.old_stance != change.new_stance:
        status += words("diff.stance-moved", old=words.stance(change.old_stance or "–"),
                        new=words.stance(change.new_stance or "–"))
    return status


def _quote(text: str) -> str:
    return text if len(text) <= 80 else text[:78] + "…"


def _evidence_lines(evidence, words: Words) -> list[str]:
    """`line 12 [achieved] 全区…` for the first pieces of one side's evidence."""
    if not evidence:
        return [words("diff.no-evidence")]
    lines = [f"{words.place(item.where, item.line)} [{words.evidence_stance(item.stance)}] "
             f"{_quote(item.text)}" for item in evidence[:EVIDENCE_SHOWN]]
    if len(evidence) > EVIDENCE_SHOWN:
        lines.append(words("diff.more", count=len(evidence) - EVIDENCE_SHOWN))
    return lines


def _sides(change, words: Words) -> list[tuple[str, list[str]]]:
    return [(words("diff.old"), _evidence_lines(change.old_evidence, words)),
            (words("diff.new"), _evidence_lines(change.new_evidence, words))]


def render_text(diff: ReportDiff, words: Words | None = None) -> str:
    words = words or english_words()
    [diff] = escaped_reports([diff], visible)
    lines = [words("diff.side", side=words("diff.old"), file=diff.old_file, title=diff.old_title,
                   period=_period(diff.old_period, words)),
             words("diff.side", side=words("diff.new"), file=diff.new_file, title=diff.new_title,
                   period=_period(diff.new_period, words))]
    lines += [words("text.warning", text=words.notice(w)) for w in diff.warnings]
    lines.append(_score_line(diff, words))
    for change, mark in SECTIONS:
        items = diff.of(change)
        if items:
            lines += ["", words("diff.heading", heading=words(f"diff.{change}"), count=len(items))]
            for e in items:
                lines.append(f"  {mark} {e.id}  {e.title}  {_movement(e, words)}")
                for side, evidence in _sides(e, words):
                    label = words("diff.evidence-side", side=side)
                    indent = " " * (6 + display_width(label))
                    lines += [f"      {label}{evidence[0]}"] + [f"{indent}{x}" for x in evidence[1:]]
    lines += ["", words("diff.unchanged", count=len(diff.of("same")))]
    return "\n".join(lines) + "\n"


def render_json(diff: ReportDiff, words: Words | None = None) -> str:
    english = english_words()      # JSON is for tools: its warnings keep their English wording
    data = diff_to_dict(diff, [english.notice(w) for w in diff.warnings])
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_markdown(diff: ReportDiff, words: Words | None = None) -> str:
    """For a review comment, in English like the other CI formats."""
    words = english_words()
    lines = ["## fazhi diff", ""]
    for side, file, title, period in (("old", diff.old_file, diff.old_title, diff.old_period),
                                      ("new", diff.new_file, diff.new_title, diff.new_period)):
        lines.append(f"- {side}: {markdown_code(file)} {md_text(title)} (period {_period(period, words)})")
    lines.append(f"- {_score_line(diff, words)}")
    if diff.warnings:
        lines += [""] + [f"> ⚠️ {md_text(words.notice(w))}" for w in diff.warnings]
    for change, _ in SECTIONS:
        items = diff.of(change)
        if items:
            heading = words("diff.heading", heading=words(f"diff.{change}"), count=len(items)).rstrip(":")
            lines += ["", f"### {heading}", "", "| element | title | change | old evidence | new evidence |",
                      "|---|---|---|---|---|"]
            lines += [f"| {markdown_code(e.id, in_table=True)} | {md_text(e.title)} | "
                      f"{_movement(e, words)} | {_evidence_cells(e, words)} |" for e in items]
    lines += ["", f"Unchanged: {len(diff.of('same'))} elements."]
    return "\n".join(lines) + "\n"


def _evidence_cells(change, words: Words) -> str:
    return " | ".join("<br>".join(md_text(x) for x in evidence) for _, evidence in _sides(change, words))


DIFF_RENDERERS: dict[str, Callable[..., str]] = {
    "text": render_text,
    "json": render_json,
    "markdown": render_markdown,
}


def warning_lines(diff: ReportDiff, lang: str) -> list[str]:
    """The warnings, in the reader's language, for the command line's stderr."""
    return [words(lang).notice(w) for w in diff.warnings]
