"""The kind of a document: annual-report, implementation-plan or other."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from checker.language.model import Language


def document_kind(title: str, lines, language: Language, parts: AbstractSet[str] = frozenset()) -> str:
    """By the title's wording (a notice issuing a document, by that document's title); else
    by the opening sentences; else a document laid out in a report's parts is a report."""
    carried = language.carried_title.search(title)
    if carried:
        title = carried.group("inner")
    for kind, words in language.kinds.items():
        if any(w in title for w in words):
            return kind
    opening = "".join(t for t in lines[:language.top_lines] if t)
    if any(w in opening for w in language.report_openers):
        return "annual-report"
    if any(w in opening for w in language.plan_openers):
        return "implementation-plan"
    if language.report_marking_parts & parts:
        return "annual-report"
    return "other"
