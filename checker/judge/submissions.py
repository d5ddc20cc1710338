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

An audit's results may be spooled on disk (checker.audit.spool), 100,000 of them: grouping
reads them once, keeps of each only a `ReportRef` (its place in the results, file, format,
score, verdict, body, text digest), and puts the MinHash sketches and the index of sketch
hashes in a private temporary SQLite file (64 hashes a report, held in a dict, would be
a few hundred MB at national scale); a hash found in many groups' sketches lists only the
first HOLDERS of them. A renderer that needs a primary's full results reads
it back by its place (`primary_reports`).
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import PurePath

from checker.judge.results import ReadError, ReportResult
from checker.language.load import load_language
from checker.language.model import BodyRules
from checker.understand.body import body_from_path
from checker.understand.fingerprint import Fingerprint
from checker.understand.records import Body

SIMILAR = 0.8        # share of shingles two copies of one report have in common, at least
# (two different reports share well under half: tests/test_submissions.py measures both)
SHARED_FOR_CANDIDATE = 8   # sketch hashes two texts share before they are compared at all
# (copies at SIMILAR share about 57 of 64)
COMPARED = 8         # candidates compared at most, most shared hashes first (a copy shares the most)
HOLDERS = 32         # groups listed under one sketch hash at most: a hash in every report's
# sketch (a stock phrase that hashes low) tells nothing, and listing every group under it
# made grouping quadratic (5,000 reports: minutes); a copy still shares its other hashes
# The formats a report's text is read from most faithfully, best first
FAITHFUL = ("docx", "doc", "wps", "wpt", "odt", "rtf", "dot", "docm", "dotx", "md", "txt",
            "pdf", "html", "htm")
VERDICTS = ("passed", "failed", "unreadable")


@dataclass(frozen=True)
class ReportRef:
    """What grouping keeps of one report: where it is in the results (`index`), and what a
    submission's row and copies show of it; `file`, `format`, `score`, `passed` and `errors`
    as on ReportResult."""

    index: int
    file: str
    format: str
    score: float | None
    passed: bool
    errors: tuple[ReadError, ...]
    body: Body | None           # the body its text names
    digest: str | None          # its text's fingerprint digest; None: no text


@dataclass(frozen=True)
class Copy:
    report: ReportRef
    matched: str              # primary | identical | similar | same-name
    similarity: float | None = None


@dataclass(frozen=True)
class Submission:
    copies: tuple[Copy, ...]  # the primary first
    body: Body | None

    @property
    def primary(self) -> ReportRef:
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


# The last grouping and the results it was made of: an audit's JSON, CSV, page and summary
# each ask for the same grouping of the same results (a spooled sequence, or a list's items).
_LAST: list = [None, ()]


def group_submissions(reports: Sequence[ReportResult], body_rules: BodyRules | None = None
                      ) -> list[Submission]:
    """One Submission per report sent, in the order of their primary files."""
    key = _cache_key(reports)
    if body_rules is None and _LAST[0] is not None and _same_key(_LAST[0], key):
        return list(_LAST[1])
    submissions = _grouped(reports, body_rules or load_language().body_rules)
    if body_rules is None:
        _LAST[:] = [key, submissions]
    return list(submissions)


def primary_reports(submissions: Sequence[Submission], reports: Sequence[ReportResult]
                    ) -> Iterator[tuple[Submission, ReportResult]]:
    """Each submission with its primary copy's full results, read back one at a time."""
    for submission in submissions:
        yield submission, reports[submission.primary.index]


def _cache_key(reports: Sequence[ReportResult]) -> object:
    """A spooled sequence is its own key (its records do not change); a list is keyed by
    the very objects in it."""
    return reports if not isinstance(reports, list | tuple) else tuple(reports)


def _same_key(old: object, new: object) -> bool:
    if isinstance(old, tuple) and isinstance(new, tuple):
        return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))
    return old is new


def _grouped(reports: Sequence[ReportResult], body_rules: BodyRules) -> list[Submission]:
    with _SketchIndex() as index:
        refs, groups = _text_groups(reports, index)
        by_name = {_name_key(refs[i].file): g for g in groups for i in g}
        alone: list[list[int]] = []
        for ref in refs:
            if ref.digest is not None:
                continue
            group = by_name.get(_name_key(ref.file))
            if group is None:
                alone.append([ref.index])
            else:
                group.append(ref.index)
        submissions = [_submission([refs[i] for i in g], body_rules, index) for g in groups + alone]
    return sorted(submissions, key=lambda s: s.primary.file)


def _readable_fingerprint(report: ReportResult) -> Fingerprint | None:
    """The fingerprint of a report read without error; None for one that has no text."""
    if report.errors or report.document is None:
        return None
    return report.document.fingerprint


def _ref(index: int, report: ReportResult, fp: Fingerprint | None) -> ReportRef:
    doc = report.document
    return ReportRef(index, report.file, report.format, report.score, report.passed, report.errors,
                     doc.body if doc is not None else None, fp.digest if fp is not None else None)


def _text_groups(reports: Sequence[ReportResult], index: _SketchIndex
                 ) -> tuple[list[ReportRef], list[list[int]]]:
    """Every report's ref, and the readable reports (by place) joined when their texts are
    the same or similar. Each report is compared only with the first report of each group
    so far that shares enough sketch hashes with it, so a thousand near-copies of five
    reports cost five comparisons each, not a thousand."""
    refs: list[ReportRef] = []
    groups: list[list[int]] = []
    by_digest: dict[str, int] = {}
    for number, report in enumerate(reports):
        fp = _readable_fingerprint(report)
        refs.append(_ref(number, report, fp))
        if fp is None:
            continue
        index.keep(number, fp)
        group = by_digest.get(fp.digest)
        if group is None:
            group = _similar_group(fp, groups, index)
        if group is None:
            group = len(groups)
            groups.append([])
            index.lead(group, fp)
        groups[group].append(number)
        by_digest.setdefault(fp.digest, group)
    return refs, groups


def _similar_group(fp: Fingerprint, groups: list[list[int]], index: _SketchIndex) -> int | None:
    for group in index.candidates(fp, SHARED_FOR_CANDIDATE, COMPARED):
        if fp.similarity(index.fingerprint(groups[group][0])) >= SIMILAR:
            return group
    return None


class _SketchIndex:
    """Each readable report's sketch by its place, and which groups' first reports hold
    each sketch hash: in a private temporary SQLite database (on disk once it outgrows
    SQLite's page cache; deleted when closed)."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("")
        self._db.executescript("CREATE TABLE sketch (report INTEGER PRIMARY KEY, digest TEXT, "
                               "letters INTEGER, hashes BLOB);"
                               "CREATE TABLE holder (hash INTEGER, grp INTEGER);"
                               "CREATE INDEX holder_by_hash ON holder (hash);")

    def keep(self, number: int, fp: Fingerprint) -> None:
        self._db.execute("INSERT INTO sketch VALUES (?, ?, ?, ?)",
                         (number, fp.digest, fp.letters, array("I", fp.sketch).tobytes()))

    def lead(self, group: int, fp: Fingerprint) -> None:
        """`group` (its first report's sketch is `fp`) listed under each of its hashes that
        fewer than HOLDERS groups are listed under already."""
        self._db.executemany("INSERT INTO holder SELECT ?1, ?2 WHERE "
                             "(SELECT COUNT(*) FROM holder WHERE hash = ?1) < ?3",
                             [(value, group, HOLDERS) for value in fp.sketch])

    def candidates(self, fp: Fingerprint, shared: int, most: int) -> list[int]:
        """The `most` groups whose first report shares the most sketch hashes with `fp`, at
        least `shared` of them, most shared first."""
        if not fp.sketch:
            return []
        marks = ",".join("?" * len(fp.sketch))
        rows = self._db.execute(f"SELECT grp, COUNT(*) AS n FROM holder WHERE hash IN ({marks}) "
                                "GROUP BY grp HAVING n >= ? ORDER BY n DESC, grp LIMIT ?",
                                (*fp.sketch, shared, most))
        return [group for group, _ in rows]

    def fingerprint(self, number: int) -> Fingerprint:
        digest, letters, hashes = self._db.execute(
            "SELECT digest, letters, hashes FROM sketch WHERE report = ?", (number,)).fetchone()
        return Fingerprint(digest=digest, sketch=tuple(array("I", hashes)), letters=letters)

    def __enter__(self) -> _SketchIndex:
        return self

    def __exit__(self, *exc) -> None:
        self._db.close()


def _name_key(path: str) -> tuple[str, str]:
    """Copies of one report beside each other share folder and file stem."""
    pure = PurePath(path)
    return str(pure.parent), pure.stem.lower()


def _submission(group: list[ReportRef], body_rules: BodyRules, index: _SketchIndex) -> Submission:
    ordered = sorted(group, key=_faithfulness)
    primary = ordered[0]
    copies = [Copy(primary, "primary")] + [_copy(primary, r, index) for r in ordered[1:]]
    return Submission(tuple(copies), _body(ordered, body_rules))


def _faithfulness(report: ReportRef) -> tuple:
    fmt = report.format or PurePath(report.file).suffix.lstrip(".").lower()
    rank = FAITHFUL.index(fmt) if fmt in FAITHFUL else len(FAITHFUL)
    return bool(report.errors), rank, report.file


def _copy(primary: ReportRef, report: ReportRef, index: _SketchIndex) -> Copy:
    if report.errors or primary.digest is None or report.digest is None:
        return Copy(report, "same-name")
    if primary.digest == report.digest:
        return Copy(report, "identical", 1.0)
    similarity = index.fingerprint(primary.index).similarity(index.fingerprint(report.index))
    return Copy(report, "similar", round(similarity, 2))


def _body(reports: list[ReportRef], body_rules: BodyRules) -> Body | None:
    """The body a copy names (the primary's first), else the one a copy's folder or file
    name names (with the level a copy gives itself, 我局 / 区政府, when the name has none),
    else that level alone."""
    found = [r.body for r in reports if r.body]
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
