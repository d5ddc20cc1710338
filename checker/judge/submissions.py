"""Submissions: the reports of an audit grouped into what each body actually sent.

A body often sends one report several times: as .docx, .pdf and a web copy, or the same file
twice. Counted file by file, that report would pass (or fail) three times. Copies are found
by their text (understand/fingerprint.py): the same letters and digits once layout and
punctuation are gone, or, for a PDF or web copy with a few lines more or less, most of their
shingles in common. A file that could not be read has no text; it joins the readable copy
of the same name beside it (报告.wps next to 报告.pdf), else it is a submission of its own,
unreadable, with its body told from its folder or file name.

The primary copy is the one read most faithfully (a Word file over a PDF over a web page)
and gives the submission its verdict: passed, failed or unreadable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from checker.judge.results import ReportResult
from checker.language.load import load_language
from checker.language.model import BodyRules
from checker.understand.body import body_from_path
from checker.understand.records import Body

SIMILAR = 0.8        # share of shingles two copies of one report have in common, at least
# (two different reports share well under half: tests/test_submissions.py measures both)
SHARED_FOR_CANDIDATE = 8   # sketch hashes two texts share before they are compared at all
# (copies at SIMILAR share about 57 of 64)
# The formats a report's text is read from most faithfully, best first
FAITHFUL = ("docx", "doc", "wps", "wpt", "odt", "rtf", "dot", "docm", "dotx", "md", "txt",
            "pdf", "html", "htm")
VERDICTS = ("passed", "failed", "unreadable")


@dataclass(frozen=True)
class Copy:
    report: ReportResult
    matched: str              # primary | identical | similar | same-name
    similarity: float | None = None


@dataclass(frozen=True)
class Submission:
    copies: tuple[Copy, ...]  # the primary first
    body: Body | None

    @property
    def primary(self) -> ReportResult:
        return self.copies[0].report

    @property
    def others(self) -> tuple[Copy, ...]:
        return self.copies[1:]

    @property
    def verdict(self) -> str:
        primary = self.primary
        if primary.errors:
            return "unreadable"
        return "passed" if primary.passed else "failed"


# The last grouping and the very report objects it was made of: an audit's JSON, CSV, page
# and summary each ask for the same grouping of the same results.
_LAST: list = [(), []]


def group_submissions(reports: Sequence[ReportResult], body_rules: BodyRules | None = None
                      ) -> list[Submission]:
    """One Submission per report sent, in the order of their primary files. Spooled results
    (checker.audit.spool) are read back whole here: grouping compares every pair's text."""
    reports = list(reports)
    last_reports, last_submissions = _LAST
    if body_rules is None and len(last_reports) == len(reports) and all(
            a is b for a, b in zip(last_reports, reports, strict=True)):
        return list(last_submissions)
    submissions = _grouped(reports, body_rules or load_language().body_rules)
    if body_rules is None:
        _LAST[:] = [tuple(reports), submissions]
    return list(submissions)


def _grouped(reports: list[ReportResult], body_rules: BodyRules) -> list[Submission]:
    readable = [r for r in reports if not r.errors and _fingerprint(r) is not None]
    groups = _text_groups(readable)
    by_name = {_name_key(r.file): g for g in groups for r in g}
    alone: list[list[ReportResult]] = []
    taken = {id(r) for r in readable}
    for report in (r for r in reports if id(r) not in taken):
        group = by_name.get(_name_key(report.file))
        if group is None:
            alone.append([report])
        else:
            group.append(report)
    submissions = [_submission(g, body_rules) for g in groups + alone]
    return sorted(submissions, key=lambda s: s.primary.file)


def _fingerprint(report: ReportResult):
    return report.document.fingerprint if report.document is not None else None


def _text_groups(reports: list[ReportResult]) -> list[list[ReportResult]]:
    """Reports joined when their texts are the same or similar. Each report is compared
    only with the first report of each group so far that shares enough sketch hashes with
    it, so a thousand near-copies of five reports cost five comparisons each, not a
    thousand."""
    groups: list[list[ReportResult]] = []
    by_digest: dict[str, int] = {}
    holders: dict[int, list[int]] = {}     # sketch hash -> groups whose first report has it
    for report in reports:
        fp = _fingerprint(report)
        group = by_digest.get(fp.digest)
        if group is None:
            group = _similar_group(fp, groups, holders)
        if group is None:
            group = len(groups)
            groups.append([])
            for value in fp.sketch:
                holders.setdefault(value, []).append(group)
        groups[group].append(report)
        by_digest.setdefault(fp.digest, group)
    return groups


def _similar_group(fp, groups: list[list[ReportResult]], holders: dict[int, list[int]]) -> int | None:
    shared = Counter(g for value in fp.sketch for g in holders.get(value, ()))
    for group, count in shared.most_common():
        if count < SHARED_FOR_CANDIDATE:
            break
        if fp.similarity(_fingerprint(groups[group][0])) >= SIMILAR:
            return group
    return None


def _name_key(path: str) -> tuple[str, str]:
    """Copies of one report beside each other share folder and file stem."""
    pure = PurePath(path)
    return str(pure.parent), pure.stem.lower()


def _submission(group: list[ReportResult], body_rules: BodyRules) -> Submission:
    ordered = sorted(group, key=_faithfulness)
    primary = ordered[0]
    copies = [Copy(primary, "primary")] + [_copy(primary, r) for r in ordered[1:]]
    return Submission(tuple(copies), _body(ordered, body_rules))


def _faithfulness(report: ReportResult) -> tuple:
    fmt = report.format or PurePath(report.file).suffix.lstrip(".").lower()
    rank = FAITHFUL.index(fmt) if fmt in FAITHFUL else len(FAITHFUL)
    return bool(report.errors), rank, report.file


def _copy(primary: ReportResult, report: ReportResult) -> Copy:
    mine, theirs = _fingerprint(primary), _fingerprint(report)
    if report.errors or mine is None or theirs is None:
        return Copy(report, "same-name")
    if mine.digest == theirs.digest:
        return Copy(report, "identical", 1.0)
    return Copy(report, "similar", round(mine.similarity(theirs), 2))


def _body(reports: list[ReportResult], body_rules: BodyRules) -> Body | None:
    """The body a copy names (the primary's first), else the one a copy's folder or file
    name names (with the level a copy gives itself, 我局 / 区政府, when the name has none),
    else that level alone."""
    found = [r.document.body for r in reports if r.document is not None and r.document.body]
    named = next((b for b in found if b.name), None)
    if named is not None:
        return named
    level_only = found[0] if found else None
    from_path = next((b for r in reports if (b := body_from_path(r.file, body_rules)) is not None), None)
    if from_path is None:
        return level_only
    if from_path.level is None and level_only is not None:
        return replace(from_path, level=level_only.level)
    return from_path
