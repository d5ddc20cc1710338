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
reads of each only its `grouping_facts` (a `ReportRef`: its place in the results, file,
format, score, verdict, body, text digest; and its fingerprint), which the spool stored as
the report came in, and works in a private temporary SQLite file: the refs and their groups,
the MinHash sketches, the index of sketch hashes (a hash found in many groups' sketches lists
only the first HOLDERS of them) and the submissions made, so nothing per report is held in
memory (a ref and 64 hashes a report would be a few hundred MB at national scale). For
spooled results the submissions are a sequence read back from that file as it is iterated;
for results in memory, a list. A renderer that needs a primary's full results reads it back
by its place (`primary_reports`).
"""

from __future__ import annotations

import pickle
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Sequence
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
# What grouping reads of one report: its ref (index -1 until it has its place) and its
# fingerprint when it has text. A spool (checker.audit.spool) stores these as reports come
# in and hands them back (`grouping_facts()`) without reading the results again.
GroupingFacts = tuple[ReportRef, Fingerprint | None]
BATCH = 256          # rows read from the grouping's database per query


def group_submissions(reports: Sequence[ReportResult], body_rules: BodyRules | None = None
                      ) -> Sequence[Submission]:
    """One Submission per report sent, in the order of their primary files: a list for
    results in memory; for spooled results a sequence read from a temporary database (the
    grouping of 100,000 reports is not held in memory)."""
    key = _cache_key(reports)
    if body_rules is None and _LAST[0] is not None and _same_key(_LAST[0], key):
        return _LAST[1]
    stored = _grouped(reports, body_rules or load_language().body_rules)
    submissions: Sequence[Submission] = stored if _spooled(reports) else stored.taken()
    if body_rules is None:
        _LAST[:] = [key, submissions]
    return submissions


def primary_reports(submissions: Sequence[Submission], reports: Sequence[ReportResult]
                    ) -> Iterator[tuple[Submission, ReportResult]]:
    """Each submission with its primary copy's full results, read back one at a time."""
    for submission in submissions:
        yield submission, reports[submission.primary.index]


def grouping_facts(report: ReportResult) -> GroupingFacts:
    fp = _readable_fingerprint(report)
    return _ref(-1, report, fp), fp


def _spooled(reports: Sequence[ReportResult]) -> bool:
    return hasattr(reports, "grouping_facts")


def _facts(reports: Sequence[ReportResult]) -> Iterable[GroupingFacts]:
    if _spooled(reports):
        return reports.grouping_facts()  # type: ignore[attr-defined]
    return map(grouping_facts, reports)


def _cache_key(reports: Sequence[ReportResult]) -> object:
    """A spooled sequence is its own key (its records do not change); a list is keyed by
    the very objects in it."""
    return reports if not isinstance(reports, list | tuple) else tuple(reports)


def _same_key(old: object, new: object) -> bool:
    if isinstance(old, tuple) and isinstance(new, tuple):
        return len(old) == len(new) and all(a is b for a, b in zip(old, new, strict=True))
    return old is new


def _grouped(reports: Sequence[ReportResult], body_rules: BodyRules) -> _StoredSubmissions:
    """The reports grouped, a report at a time, in a temporary database: each report's ref
    and group (joined when their texts are the same or similar), then an unreadable report
    joined to the readable group of its name, then each group made a Submission."""
    store = _GroupingStore()
    try:
        for number, (ref, fp) in enumerate(_facts(reports)):
            ref = replace(ref, index=number)
            store.keep(ref, None if fp is None else _text_group(number, fp, store))
        store.join_by_name()
        for refs in store.groups():
            store.submit(_submission(refs, body_rules, store))
    except BaseException:
        store.close()
        raise
    return _StoredSubmissions(store)


def _readable_fingerprint(report: ReportResult) -> Fingerprint | None:
    """The fingerprint of a report read without error; None for one that has no text."""
    if report.errors or report.document is None:
        return None
    return report.document.fingerprint


def _ref(index: int, report: ReportResult, fp: Fingerprint | None) -> ReportRef:
    doc = report.document
    return ReportRef(index, report.file, report.format, report.score, report.passed, report.errors,
                     doc.body if doc is not None else None, fp.digest if fp is not None else None)


def _text_group(number: int, fp: Fingerprint, store: _GroupingStore) -> int:
    """The group of a readable report: that of the same text, else of a similar one, else a
    new one. Each report is compared only with the first report of each group so far that
    shares enough sketch hashes with it, so a thousand near-copies of five reports cost five
    comparisons each, not a thousand."""
    store.keep_sketch(number, fp)
    group = store.group_of_digest(fp.digest)
    if group is None:
        group = _similar_group(fp, store)
    if group is None:
        group = store.new_group(number, fp)
    store.note_digest(fp.digest, group)
    return group


def _similar_group(fp: Fingerprint, store: _GroupingStore) -> int | None:
    for group in store.candidates(fp, SHARED_FOR_CANDIDATE, COMPARED):
        if fp.similarity(store.fingerprint(store.lead(group))) >= SIMILAR:
            return group
    return None


class _GroupingStore:
    """Grouping's working tables, in a private temporary SQLite database (on disk once it
    outgrows SQLite's page cache; deleted when closed): each report's ref and group, each
    readable report's sketch, each group's first report, which groups' first reports hold
    each sketch hash, the group of each text digest, and the submissions made."""

    def __init__(self) -> None:
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
            "CREATE TABLE ref (report INTEGER PRIMARY KEY, grp INTEGER, name BLOB, data BLOB);"
            "CREATE TABLE sketch (report INTEGER PRIMARY KEY, digest TEXT, letters INTEGER, hashes BLOB);"
            "CREATE TABLE lead (grp INTEGER PRIMARY KEY, report INTEGER);"
            "CREATE TABLE digest (digest TEXT PRIMARY KEY, grp INTEGER);"
            "CREATE TABLE holder (hash INTEGER, grp INTEGER);"
            "CREATE INDEX holder_by_hash ON holder (hash);"
            "CREATE TABLE named (name BLOB PRIMARY KEY, grp INTEGER);"
            # in the order of their primary files; made: the order they were made in, for a
            # file named twice in a list of results
            "CREATE TABLE submission (primary_file BLOB, made INTEGER, data BLOB,"
            " PRIMARY KEY (primary_file, made));"
            "BEGIN;")
        self._groups = self._made = 0

    def keep(self, ref: ReportRef, group: int | None) -> None:
        self._db.execute("INSERT INTO ref VALUES (?, ?, ?, ?)",
                         (ref.index, group, _key("\0".join(_name_key(ref.file))), _pickled(ref)))

    def keep_sketch(self, number: int, fp: Fingerprint) -> None:
        self._db.execute("INSERT INTO sketch VALUES (?, ?, ?, ?)",
                         (number, fp.digest, fp.letters, array("I", fp.sketch).tobytes()))

    def group_of_digest(self, digest: str) -> int | None:
        row = self._db.execute("SELECT grp FROM digest WHERE digest = ?", (digest,)).fetchone()
        return None if row is None else row[0]

    def note_digest(self, digest: str, group: int) -> None:
        self._db.execute("INSERT OR IGNORE INTO digest VALUES (?, ?)", (digest, group))

    def new_group(self, number: int, fp: Fingerprint) -> int:
        """A group led by report `number` (its sketch `fp`), listed under each of its hashes
        that fewer than HOLDERS groups are listed under already."""
        group, self._groups = self._groups, self._groups + 1
        self._db.execute("INSERT INTO lead VALUES (?, ?)", (group, number))
        self._db.executemany("INSERT INTO holder SELECT ?1, ?2 WHERE "
                             "(SELECT COUNT(*) FROM holder WHERE hash = ?1) < ?3",
                             [(value, group, HOLDERS) for value in fp.sketch])
        return group

    def lead(self, group: int) -> int:
        return self._db.execute("SELECT report FROM lead WHERE grp = ?", (group,)).fetchone()[0]

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

    def join_by_name(self) -> None:
        """A report with no text joins the readable group holding a copy of its name beside
        it (the last such group, by group and place), else it is a group of its own."""
        self._db.execute("INSERT OR REPLACE INTO named SELECT name, grp FROM ref WHERE grp IS NOT NULL "
                         "ORDER BY grp, report")
        self._db.execute("UPDATE ref SET grp = (SELECT grp FROM named WHERE named.name = ref.name) "
                         "WHERE grp IS NULL")
        self._db.execute("UPDATE ref SET grp = ? + report WHERE grp IS NULL", (self._groups,))
        self._db.execute("CREATE INDEX ref_by_group ON ref (grp)")

    def groups(self) -> Iterator[list[ReportRef]]:
        """Each group's refs, a group at a time."""
        last = -1
        while True:
            batch = [g for g, in self._db.execute("SELECT DISTINCT grp FROM ref WHERE grp > ? ORDER BY grp "
                                                  "LIMIT ?", (last, BATCH))]
            if not batch:
                return
            for group in batch:
                yield [pickle.loads(data) for data, in   # our own record
                       self._db.execute("SELECT data FROM ref WHERE grp = ? ORDER BY report", (group,))]
            last = batch[-1]

    def submit(self, submission: Submission) -> None:
        self._db.execute("INSERT INTO submission VALUES (?, ?, ?)",
                         (_key(submission.primary.file), self._made, _pickled(submission)))
        self._made += 1

    def submissions(self, after: tuple[bytes, int], count: int) -> list[tuple[tuple[bytes, int], Submission]]:
        """`count` submissions from the one after `after` (its primary file and `made`) on."""
        rows = self._db.execute("SELECT primary_file, made, data FROM submission "
                                "WHERE (primary_file, made) > (?, ?) ORDER BY primary_file, made LIMIT ?",
                                (*after, count)).fetchall()
        return [((key, rowid), pickle.loads(data)) for key, rowid, data in rows]   # our own record

    def count(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM submission").fetchone()[0]

    def close(self) -> None:
        self._db.close()


def _key(text: str) -> bytes:
    """Text as the database stores and sorts it: UTF-8 bytes sort in the order of Python's
    str, and `surrogatepass` keeps an undecodable file name's escapes in that order."""
    return text.encode("utf-8", "surrogatepass")


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def stored_position(index: int, count: int) -> int:
    """The place `index` names in a sequence of `count` items kept on disk, as a list reads a
    negative index; IndexError outside it."""
    place = index + count if index < 0 else index
    if not 0 <= place < count:
        raise IndexError(index)
    return place


class _StoredSubmissions(Sequence[Submission]):
    """The submissions in the order of their primary files, read from the grouping's
    database a batch at a time as they are iterated (the database goes with this object)."""

    def __init__(self, store: _GroupingStore):
        self._store, self._count = store, store.count()

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Submission]:
        after = (b"", -1)
        while True:
            batch = self._store.submissions(after, BATCH)
            if not batch:
                return
            yield from (submission for _, submission in batch)
            after = batch[-1][0]

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        index = stored_position(index, self._count)
        for number, submission in enumerate(self):
            if number == index:
                return submission
        raise IndexError(index)

    def taken(self) -> list[Submission]:
        """Every submission in a list, the database closed (results held in memory)."""
        try:
            return list(self)
        finally:
            self._store.close()

    def __del__(self) -> None:
        self._store.close()


def _name_key(path: str) -> tuple[str, str]:
    """Copies of one report beside each other share folder and file stem."""
    pure = PurePath(path)
    return str(pure.parent), pure.stem.lower()


def _submission(group: list[ReportRef], body_rules: BodyRules, index: _GroupingStore) -> Submission:
    ordered = sorted(group, key=_faithfulness)
    primary = ordered[0]
    copies = [Copy(primary, "primary")] + [_copy(primary, r, index) for r in ordered[1:]]
    return Submission(tuple(copies), _body(ordered, body_rules))


def _faithfulness(report: ReportRef) -> tuple:
    fmt = report.format or PurePath(report.file).suffix.lstrip(".").lower()
    rank = FAITHFUL.index(fmt) if fmt in FAITHFUL else len(FAITHFUL)
    return bool(report.errors), rank, report.file


def _copy(primary: ReportRef, report: ReportRef, index: _GroupingStore) -> Copy:
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
