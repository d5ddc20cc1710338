"""Waivers: an element a report may lack, for a stated reason, until an optional date.

Declared in configuration (any report format) or in a Markdown draft as an HTML comment
`<!-- fazhi: waive ELEMENT 理由 -->`. A waiver names an element id, a pack name
(`practice`) or a glob (`section.*`), and applies only to an element found missing or
partial: the result keeps its status and evidence, is marked waived with the reason, and
leaves the score as a not-applicable element does, so it neither blocks the gate nor drags
the score down. An expired waiver no longer applies, and the report says so.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from datetime import date
from fnmatch import fnmatchcase
from pathlib import Path

from checker.understand.records import Notice

INLINE = re.compile(r"<!--\s*fazhi:\s*waive\s+(\S+)\s*(.*?)\s*-->")
WAIVABLE = ("missing", "partial")


@dataclass(frozen=True)
class Waiver:
    element: str                 # element id, pack name, or a glob such as section.*
    reason: str
    files: str = "*"             # glob on the report path, relative to `base`
    expires: date | None = None  # last day the waiver applies
    source: str = ""             # where it was declared: a config file, or draft.md:12
    base: str = ""               # the config file's folder; "" means the current directory

    def covers(self, element) -> bool:
        return (self.element in (element.id, element.pack)
                or fnmatchcase(element.id, self.element))

    def applies_to_file(self, path: str) -> bool:
        relative = Path(os.path.relpath(os.path.abspath(path), self.base or os.getcwd()))
        return fnmatchcase(relative.as_posix(), self.files)

    def expired(self, today: date) -> bool:
        return self.expires is not None and today > self.expires


def inline_waivers(source) -> tuple[list[Waiver], list[Notice]]:
    """Waivers written into a Markdown draft, and a warning for each one without a reason."""
    if source.format != "md":
        return [], []
    found, warnings = [], []
    for number, line in enumerate(source.lines, start=1):
        for match in INLINE.finditer(line):
            where = f"{source.path}:{number}"
            if not match.group(2):
                warnings.append(Notice.of("waiver-no-reason", where=where, element=match.group(1)))
                continue
            found.append(Waiver(element=match.group(1), reason=match.group(2), source=where))
    return found, warnings


def apply_waivers(results, source, configured=(), today: date | None = None):
    """(results with waived elements marked, warnings about expired or unused waivers)."""
    today = today or date.today()
    inline, warnings = inline_waivers(source)
    waivers = [w for w in list(configured) + inline if w.applies_to_file(source.path)]
    for waiver in waivers:
        if waiver.expired(today):
            warnings.append(Notice.of("waiver-expired", element=waiver.element, source=waiver.source,
                                      expires=waiver.expires.isoformat() if waiver.expires else ""))
        elif not any(waiver.covers(r) for r in results):
            warnings.append(Notice.of("waiver-unused", element=waiver.element, source=waiver.source))
    active = [w for w in waivers if not w.expired(today)]
    return [_waive(result, active) for result in results], warnings


def _waive(result, waivers):
    if result.status not in WAIVABLE or result.waived is not None:
        return result
    for waiver in waivers:
        if waiver.covers(result):
            return replace(result, waived=waiver.reason, score=None)
    return result
