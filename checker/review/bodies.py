"""Who submitted a report: the submitting body fazhi read from it (`document.body`, from
checker/understand/body.py), or else its file name; and reports grouped by body, one
反馈意见 letter for each group."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from checker.judge.results import ReportResult

_NOT_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]+')
MAX_NAME = 60


@dataclass(frozen=True)
class Submitter:
    key: str        # groups a body's reports (武汉市武昌区人民政府, 武昌区 -> 武昌区)
    name: str       # as the letter addresses it


def submitter(report: ReportResult) -> Submitter:
    body = report.document.body if report.document is not None else None
    if body is not None and body.name:
        return Submitter(body.short or body.name, body.name)
    stem = Path(report.file).stem     # a body known only by its level (我局) is no name
    return Submitter(stem, stem)


def by_submitter(reports: list[ReportResult]) -> list[tuple[Submitter, list[ReportResult]]]:
    """Reports grouped by body, in the order of each body's first report (by file name)."""
    groups: dict[str, tuple[Submitter, list[ReportResult]]] = {}
    for report in sorted(reports, key=lambda r: r.file):
        who = submitter(report)
        groups.setdefault(who.key, (who, []))[1].append(report)
    return list(groups.values())


def file_names(names: list[str], suffix: str) -> list[str]:
    """Safe, distinct file names: no path separators, control or bidi characters, not too
    long, and a number added to repeats (武昌区-反馈意见.docx, 武昌区-反馈意见-2.docx)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        safe = _NOT_IN_FILE_NAMES.sub("_", name).strip(" ._")[:MAX_NAME] or "report"
        count = seen.get(safe.lower(), 0) + 1
        seen[safe.lower()] = count
        out.append(f"{safe}{'' if count == 1 else f'-{count}'}{suffix}")
    return out
