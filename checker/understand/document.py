"""Understand a report before matching: noise, title, kind, period, headings and parts.

Input: a SourceText and the reading cues (rules/language.yaml). Output: a Document whose
lines have noise blanked out, with the role (achievements, shortcomings, ...) and heading
path of every line, and the DocumentInfo that goes into the result.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from checker.language.model import Language
from checker.packs.timeliness import DateReading, load_timeliness
from checker.readers.source import SourceText
from checker.understand.body import submitting_body
from checker.understand.fingerprint import fingerprint
from checker.understand.headings import INLINE_LEVEL, heading_lines, with_roles
from checker.understand.kind import KindDecision, decide_kind
from checker.understand.noise import clean_lines, find_noise, find_watermarks, mask_page_numbers
from checker.understand.parts import assign_parts, carry_lead_ins
from checker.understand.period import applicable_year, find_period
from checker.understand.published import find_published
from checker.understand.records import DocumentInfo, Notice
from checker.understand.title import find_title, noise_before_title


@dataclass(frozen=True)
class Document:
    info: DocumentInfo
    lines: tuple[str, ...]          # match lines, noise blanked (same lengths as the file's)
    roles: tuple[str, ...]          # role of the part each line sits in
    sections: tuple[str, ...]       # heading path of each line
    title_lines: frozenset[int]     # 0-based indexes of the title line(s)
    # where a heading inside a running line changes the part: line -> ((column, role, path), ...)
    changes: dict[int, tuple[tuple[int, str, str], ...]] = field(default_factory=dict)

    def role_at(self, line: int, column: int) -> str:
        """The part of the report at a place in the text (0-based line and column)."""
        return self._at(line, column, 1, self.roles[line])

    def section_at(self, line: int, column: int) -> str:
        """The heading path at a place in the text (0-based line and column)."""
        return self._at(line, column, 2, self.sections[line])

    def _at(self, line: int, column: int, which: int, at_start: str) -> str:
        """The last change at or before `column` (a line's changes are in column order:
        a search, since a huge line holds thousands of both sentences and headings)."""
        changes = self.changes.get(line, ())
        before = bisect.bisect_right(changes, column, key=lambda change: change[0])
        return changes[before - 1][which] if before else at_start  # type: ignore[return-value]


def understand(source: SourceText, language: Language, *, this_year: int | None = None,
               dates: DateReading | None = None) -> Document:
    """Noise and injected text first (the title is looked for in clean lines), then the
    title; the body is what follows it, and period, headings and kind are read there."""
    raw = source.match_lines
    watermarks = find_watermarks(raw, language)
    traditional = source.simplified is not None
    cleaned = clean_lines(raw, language, watermarks, traditional)
    cleaned = mask_page_numbers(cleaned, language)
    noise = find_noise(raw, language)
    title = find_title(cleaned, noise, language)
    noise = noise_before_title(noise, title.lines, raw)
    noisy = {i for r in noise for i in range(r.start - 1, r.end)}
    lines = tuple("" if i in noisy else t for i, t in enumerate(cleaned))
    body = title.blanked(lines)
    period = find_period(title.text, body, language)
    as_of, as_of_source = applicable_year(period, lines, language, this_year)
    whole_title_lines = frozenset(() if title.span else title.lines)
    found = heading_lines(body, whole_title_lines, source.heading_levels, language)
    headings = with_roles(found, language, period)
    present = {h.role for h in headings if h.level < INLINE_LEVEL}
    decision = decide_kind(title.text, body, language, present)
    if decision.kind == "annual-report":   # its parts before the problems and plans are its account
        headings = with_roles(found, language, period, in_report=True)
    parts = assign_parts(lines, headings, language.default_part)
    roles = carry_lead_ins(lines, parts.roles, language)
    info = DocumentInfo(
        title=title.text, kind=decision.kind, period=period, chars=sum(len(t) for t in lines),
        as_of=as_of, as_of_source=as_of_source, noise=tuple(noise), headings=tuple(headings),
        warnings=_warnings(decision, period, as_of_source), genre=decision.genre,
        kind_signals=decision.signals,
        body=submitting_body(title.text, body, source.path, language.body_rules),
        published=find_published(source, noise, lines, dates or load_timeliness().dates),
        fingerprint=fingerprint(lines))
    return Document(info, lines, roles, parts.sections, frozenset(title.lines), parts.changes)


def _warnings(decision: KindDecision, period, as_of_source: str) -> tuple[Notice, ...]:
    warnings = []
    if decision.kind != "annual-report":
        warnings.append(Notice.of("not-annual-report", kind=decision.kind,
                                  genre=decision.genre.name if decision.genre else "",
                                  judged="plans" if decision.kind == "implementation-plan" else "found"))
    if period is None:
        warnings.append(Notice.of("no-period-current" if as_of_source == "current rules"
                                  else "no-period-latest"))
    return tuple(warnings)
