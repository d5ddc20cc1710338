"""An audit's results on disk as they arrive, so the parent's memory does not grow with the
number of reports: 100,000 results held until the end would be gigabytes, and even a small
row per report held to the end grows the parent by a few hundred MB at national scale.

Each result goes into a private SQLite database (in a temporary folder) the moment a
worker hands it back, with what the audit counts and groups by: the file, whether it
passed, its error codes, and what grouping into submissions needs (checker.judge.submissions:
`grouping_facts`, the fingerprint included). Nothing per report stays in Python memory.
`SpooledResults` reads the records back in file-name order, a batch at a time, as often as
a writer iterates it: it is a read-only sequence of ReportResult, so every writer of
checker.audit.outputs takes it as it would take a list; grouping and counting read only
the small columns (`rows`, `grouping_facts`, `files`).

The records are pickles (compressed): the exact ReportResult objects the renderers take,
with no second serialisation to keep in step with the JSON contract. The database is a
private temporary file that fazhi writes and reads back itself; it never reads one it did
not write, and removes it when the audit's outputs are written (or the audit stops).
"""

from __future__ import annotations

import pickle
import shutil
import sqlite3
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import overload

from checker.judge.results import ReportResult
from checker.judge.submissions import GroupingFacts, grouping_facts, stored_position

BATCH = 256          # records read back per query: a few MB at most, however many reports
ERROR_SEPARATOR = "\n"


def file_key(file: str) -> bytes:
    """A file name as the database stores and sorts it: UTF-8 bytes compare in the order of
    Python's str (code point order), and `surrogatepass` keeps an undecodable name's
    escapes (which SQLite's TEXT would refuse) in that same order."""
    return file.encode("utf-8", "surrogatepass")


def file_name(key: bytes) -> str:
    return key.decode("utf-8", "surrogatepass")


@dataclass(frozen=True)
class ResultRow:
    """What a count over the audit reads per report; `passed` and `errors` as on
    ReportResult (errors as their codes), so a count over rows reads like one over results."""

    file: str
    passed: bool
    errors: tuple[str, ...]


class ResultSpool:
    """Results stored in a temporary database (in `folder`, or the system's temporary
    folder) as they come (`add`), read back in file-name order (`results`). Use as a
    context manager: the database goes when it closes."""

    def __init__(self, folder: Path | None = None):
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self.path = Path(tempfile.mkdtemp(dir=folder, prefix=".fazhi-results.", suffix=".spool"))
        self._db = sqlite3.connect(self.path / "results.sqlite", isolation_level=None)
        # a scratch file, rebuilt by a new audit: no journal, no waiting on the disk
        self._db.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                               "CREATE TABLE report (file BLOB PRIMARY KEY, place INTEGER, passed INTEGER,"
                               " errors TEXT, facts BLOB, record BLOB, light BLOB, json BLOB, detail BLOB,"
                               " cells BLOB);"
                               "BEGIN;")
        self._placed = True     # no report yet: nothing to place
        self._owner = True      # this object made the database, and removes it

    @classmethod
    def reading(cls, path: Path) -> ResultSpool:
        """Another connection, read-only, to the spool database in `path` (what `results`
        committed): for a process forked to write an output beside the parent, since an
        SQLite connection must not be used across a fork. Closing it leaves the database."""
        spool = cls.__new__(cls)
        spool.path, spool._placed, spool._owner = path, True, False
        spool._db = sqlite3.connect(f"{(path / 'results.sqlite').as_uri()}?mode=ro", uri=True,
                                    isolation_level=None)
        return spool

    def add(self, result: ReportResult | PackedResult) -> None:
        """Store one result (packed by its worker, or here without its detail page's body:
        the page is then made from the result); a later result for the same file replaces
        the earlier one."""
        if not self._db.in_transaction:     # after `results`, which committed
            self._db.execute("BEGIN")
        packed = result if isinstance(result, PackedResult) else pack(result)
        self._db.execute("INSERT OR REPLACE INTO report VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (file_key(packed.file), packed.passed, packed.errors, packed.facts, packed.record,
                          packed.light, packed.json, packed.detail, packed.cells))
        self._placed = False

    def results(self) -> SpooledResults:
        """The results so far, in file-name order (each numbered by its place in it)."""
        if not self._placed:
            self._place()
        if self._db.in_transaction:     # what another connection (`reading`) will see
            self._db.execute("COMMIT")
        count = self._db.execute("SELECT COUNT(*) FROM report").fetchone()[0]
        return SpooledResults(self, count)

    def _place(self) -> None:
        """Number the reports in file-name order, a batch at a time (keyed on the last file
        numbered, so no query stays open while the numbers are written)."""
        self._db.execute("DROP INDEX IF EXISTS report_by_place")
        place, last = 0, b""
        while True:
            batch = self._db.execute("SELECT rowid, file FROM report WHERE file > ? ORDER BY file LIMIT ?",
                                     (last, BATCH)).fetchall()
            if not batch:
                break
            self._db.executemany("UPDATE report SET place = ? WHERE rowid = ?",
                                 [(place + n, rowid) for n, (rowid, _) in enumerate(batch)])
            place, last = place + len(batch), batch[-1][1]
        self._db.execute("CREATE INDEX report_by_place ON report (place)")
        self._placed = True


    def column(self, expression: str, start: int = 0, stop: int | None = None) -> Iterator[tuple]:
        """Rows of `expression` (columns of `report`) in file-name order, from place `start`
        to `stop`, queried a batch at a time (a query is not left open between batches, so
        a reader may store things in the meantime)."""
        end = stop if stop is not None else self._db.execute("SELECT COUNT(*) FROM report").fetchone()[0]
        for first in range(start, end, BATCH):
            yield from self._db.execute(f"SELECT {expression} FROM report WHERE place >= ? AND place < ? "
                                        "ORDER BY place", (first, min(first + BATCH, end))).fetchall()

    def file_at(self, place: int) -> bytes:
        row = self._db.execute("SELECT file FROM report WHERE place = ?", (place,)).fetchone()
        if row is None:
            raise IndexError(place)
        return row[0]

    def read(self, place: int, column: str = "record") -> ReportResult:
        data = self.stored(place, column)
        assert data is not None     # every result is stored with its record and its light one
        return _record(data)

    def stored(self, place: int, column: str) -> bytes | None:
        """What the report at `place` has in `column`."""
        row = self._db.execute(f"SELECT {column} FROM report WHERE place = ?", (place,)).fetchone()
        if row is None:
            raise IndexError(place)
        return row[0]

    def close(self) -> None:
        self._db.close()
        if self._owner:
            shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> ResultSpool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


@dataclass(frozen=True)
class PackedResult:
    """A result as the spool stores it, made in the worker that checked it: the work of
    writing the outputs spreads over the workers (a report's JSON is most of it), and the
    parent only copies bytes into place, however many workers feed it."""

    file: str
    passed: bool
    errors: str        # the error codes, one a line
    facts: bytes       # grouping_facts, pickled
    record: bytes      # the ReportResult, pickled and compressed
    light: bytes       # the same without its evidence (`without_evidence`), for the passes that read none
    json: bytes        # its piece of results.json (checker.render.json_out.report_piece), compressed
    detail: bytes | None = None   # its detail page's body (checker.render.html.detail_body), compressed
    cells: bytes | None = None    # what its table rows say of it (checker.render.table_cells), pickled

    def result(self) -> ReportResult:
        return _record(self.record)


def pack(result: ReportResult, options=None) -> PackedResult:
    """The result as the spool stores it; with the audit's RenderOptions, its detail page's
    body and its table rows' cells too (checker.audit.outputs.audit_options: the words the
    parent writes the outputs in)."""
    from checker.render.json_out import report_piece
    light = without_evidence(result)
    detail = cells = None
    if options is not None:
        from checker.render import table_cells
        from checker.render.html import detail_body
        detail = _compressed(detail_body(result, options))
        cells = zlib.compress(_pickled(table_cells(light, options.words)), 1)  # the tables read no evidence
    return PackedResult(result.file, result.passed, ERROR_SEPARATOR.join(e.code for e in result.errors),
                        _pickled(grouping_facts(result)), zlib.compress(_pickled(result), 1),
                        zlib.compress(_pickled(light), 1), _compressed(report_piece(result)), detail, cells)


def _compressed(text: str) -> bytes:
    """Text for the spool: `surrogatepass` keeps an undecodable file name's escapes."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def _text(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8", "surrogatepass")


def without_evidence(result: ReportResult) -> ReportResult:
    """The result with no evidence quoted and no document layout (noise ranges, headings,
    kind signals): what the tables, charts and counts read, a quarter as costly to read back."""
    doc = result.document
    return replace(result, elements=tuple(replace(e, evidence=()) for e in result.elements),
                   document=None if doc is None else replace(doc, noise=(), headings=(), kind_signals=()))


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _record(data: bytes) -> ReportResult:
    return pickle.loads(zlib.decompress(data))  # our own record


class SpooledResults(Sequence[ReportResult]):
    """The spool's results sorted by file name, read from disk each time they are needed
    (`column`: "light" for them without their evidence)."""

    def __init__(self, spool: ResultSpool, count: int, column: str = "record"):
        self._spool, self._count, self._column = spool, count, column

    def without_evidence(self) -> SpooledResults:
        """The same results without their evidence (checker.render.without_evidence)."""
        return SpooledResults(self._spool, self._count, "light")

    def reopened(self) -> SpooledResults:
        """The same results through a connection of their own (ResultSpool.reading), for a
        forked process; close it with `close_reader`."""
        return SpooledResults(ResultSpool.reading(self._spool.path), self._count, self._column)

    def close_reader(self) -> None:
        """Close the connection `reopened` made (never the spool's own: that removes it)."""
        if not self._spool._owner:
            self._spool.close()

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> ReportResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[ReportResult]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return [_record(data) for data, in self._spool.column(self._column, start, max(start, stop))]
        return self._spool.read(stored_position(index, self._count), self._column)

    def __iter__(self) -> Iterator[ReportResult]:
        for data, in self._spool.column(self._column, 0, self._count):
            yield _record(data)

    @property
    def rows(self) -> _Rows:
        return _Rows(self._spool, self._count)

    def file_at(self, place: int) -> str:
        return file_name(self._spool.file_at(place))

    def files(self) -> Iterator[str]:
        """Every report's file, in order, without reading the records."""
        for key, in self._spool.column("file", 0, self._count):
            yield file_name(key)

    def json_pieces(self) -> Iterator[str]:
        """Each report's piece of results.json, in order (checker.render.json_out)."""
        for data, in self._spool.column("json", 0, self._count):
            yield _text(data)

    def table_cells(self, index: int, output: str) -> dict | None:
        """What `output`'s table row says of the report at `index`, as its worker made it
        (checker.render.table_cells); None for a result stored without it."""
        data = self._spool.stored(stored_position(index, self._count), "cells")
        return None if data is None else pickle.loads(zlib.decompress(data))[output]   # our own record

    def detail_bodies(self) -> Iterator[tuple[str, str | None]]:
        """Each report's file and its detail page's body as its worker wrote it, in order;
        None for a result stored without it (checker.render.html.detail_body)."""
        for key, data in self._spool.column("file, detail", 0, self._count):
            yield file_name(key), None if data is None else _text(data)

    def grouping_facts(self) -> Iterator[GroupingFacts]:
        """What grouping reads of each report, in order, without reading the records."""
        for facts, in self._spool.column("facts", 0, self._count):
            yield pickle.loads(facts)   # our own record


class _Rows(Sequence[ResultRow]):
    """The spooled results' rows, read from the database as they are iterated."""

    def __init__(self, spool: ResultSpool, count: int):
        self._spool, self._count = spool, count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        place = stored_position(index, self._count)
        return next(_Rows._from(self._spool, place, place + 1))

    def __iter__(self) -> Iterator[ResultRow]:
        return _Rows._from(self._spool, 0, self._count)

    @staticmethod
    def _from(spool: ResultSpool, start: int, stop: int) -> Iterator[ResultRow]:
        for key, passed, errors in spool.column("file, passed, errors", start, stop):
            codes = tuple(errors.split(ERROR_SEPARATOR)) if errors else ()
            yield ResultRow(file_name(key), bool(passed), codes)


def result_rows(reports: Sequence[ReportResult]) -> Sequence[ResultRow] | Sequence[ReportResult]:
    """The compact rows of spooled results, or the results themselves: either has `file`,
    `passed` and `errors`, enough to count an audit without reading every result back."""
    return reports.rows if isinstance(reports, SpooledResults) else reports
