"""An audit's results on disk as they arrive, so the parent's memory does not grow with the
number of reports: 100,000 results held until the end would be gigabytes.

Each result is appended to a spool file (in the temporary folder) the moment a worker
hands it back; only a compact row per report (file, passed, error codes, where its record is) stays
in memory. `SpooledResults` reads the records back one at a time, in file-name order, as
often as a writer iterates it: it is a read-only sequence of ReportResult, so every writer
of checker.audit.outputs takes it as it would take a list.

The records are pickles (compressed): the exact ReportResult objects the renderers take,
with no second serialisation to keep in step with the JSON contract. The spool is a private
temporary file that fazhi writes and reads back itself; it never reads one it did not write,
and removes it when the audit's outputs are written (or the audit stops).
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from checker.judge.results import ReportResult


@dataclass(frozen=True)
class ResultRow:
    """What the audit keeps in memory per report; `passed` and `errors` as on ReportResult
    (errors as their codes), so a count over rows reads like a count over results."""

    file: str
    passed: bool
    errors: tuple[str, ...]
    offset: int
    size: int


class ResultSpool:
    """Results appended to a temporary file (in `folder`, or the system's temporary folder)
    as they come (`add`), read back in
    file-name order (`results`). Use as a context manager: the file goes when it closes."""

    def __init__(self, folder: Path | None = None):
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=folder, prefix=".fazhi-results.", suffix=".spool")
        self.path = Path(name)
        self._handle = os.fdopen(fd, "w+b")
        self._rows: dict[str, ResultRow] = {}
        self._end = 0

    def add(self, result: ReportResult) -> None:
        """Write one result; a later result for the same file replaces the earlier one."""
        record = zlib.compress(pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._handle.seek(self._end)
        self._handle.write(record)
        self._rows[result.file] = ResultRow(result.file, result.passed, tuple(e.code for e in result.errors),
                                            self._end, len(record))
        self._end += len(record)

    def results(self) -> SpooledResults:
        self._handle.flush()
        return SpooledResults(self, sorted(self._rows.values(), key=lambda r: r.file))

    def read(self, row: ResultRow) -> ReportResult:
        self._handle.seek(row.offset)
        return pickle.loads(zlib.decompress(self._handle.read(row.size)))  # our own record

    def close(self) -> None:
        self._handle.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> ResultSpool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class SpooledResults(Sequence[ReportResult]):
    """The spool's results sorted by file name, read from disk each time they are needed."""

    def __init__(self, spool: ResultSpool, rows: list[ResultRow]):
        self._spool, self.rows = spool, rows

    def __len__(self) -> int:
        return len(self.rows)

    @overload
    def __getitem__(self, index: int) -> ReportResult: ...
    @overload
    def __getitem__(self, index: slice) -> list[ReportResult]: ...

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._spool.read(row) for row in self.rows[index]]
        return self._spool.read(self.rows[index])

    def __iter__(self) -> Iterator[ReportResult]:
        for row in self.rows:
            yield self._spool.read(row)


def result_rows(reports: Sequence[ReportResult]) -> Sequence[ResultRow] | Sequence[ReportResult]:
    """The compact rows of spooled results, or the results themselves: either has `file`,
    `passed` and `errors`, enough to count an audit without reading every result back."""
    return reports.rows if isinstance(reports, SpooledResults) else reports
