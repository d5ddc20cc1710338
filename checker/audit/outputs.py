"""The files an audit leaves for the inspector: summary.csv, summary.xlsx, results.json,
report.html, and report-details/ (a page per report, linked from report.html's table).

All of them are written into a hidden staging folder first, so a full disk or a crash while
writing leaves the previous outputs as they were. When `--out` holds only an audit's files
(or is new), the staging folder then takes its place whole: a reader sees one run's files
or the other's, never a mix. When it also holds files of the user's, those stay, and the
four are renamed into it one after the other. A lock on `--out` makes a second audit into
the same folder refuse at once instead of mixing its files in. Every file is streamed one
report at a time: a thousand reports turned into one dict would cost a few hundred MB at
the moment of writing, and the page of 20,000 reports built whole, gigabytes.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from checker.audit import beside
from checker.judge.results import ReportResult
from checker.packs.model import PackSet
from checker.render.html import DETAILS
from checker.render.json_out import result_pieces
from checker.settings import Settings

OUTPUT_NAMES = ("summary.csv", "summary.xlsx", "results.json", "report.html")
DETAILS_FOLDER = DETAILS          # report-details/: a page per report, linked from report.html
FEEDBACK_FOLDER = "feedback"     # `audit --feedback`: the letters (checker/audit/feedback.py)
OUTPUT_FOLDERS = (DETAILS_FOLDER, FEEDBACK_FOLDER)
CANNOT_CREATE = "cannot create the output folder"
FLUSHERS = 4          # threads flushing detail pages to disk at once (_UnseenFiles)
FLUSHING = 64         # detail pages written and not yet on disk, at most (each an open file)


class OutputProblem(Exception):
    """--out cannot take the audit's outputs; the message names the folder and why."""


class OutputFolder:
    """`--out` made ready before the audit runs (so a folder that cannot be written is
    refused before the work, not after it), then filled in one step by `publish`."""

    def __init__(self, out: Path):
        self.out = Path(os.path.abspath(out))
        self._lock: int | None = None
        self._shared = False      # --out holds files of the user's too
        self._staging: Path | None = None

    def __enter__(self) -> OutputFolder:
        try:
            self.out.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:     # a file stands where a folder on the way should be
            raise OutputProblem(f"{self.out}: {CANNOT_CREATE}: Not a directory") from None
        except OSError as exc:
            raise OutputProblem(f"{self.out}: {CANNOT_CREATE}: {exc.strerror or exc}") from None
        try:
            self._shared = self._holds_other_files()
            self.out.mkdir(exist_ok=True)
            self._lock = _locked(self.out)
            # beside --out to swap it whole; inside it (same file system) to rename file by file
            where = self.out if self._shared else self.out.parent
            self._staging = Path(tempfile.mkdtemp(dir=where, prefix=f".{self.out.name}.", suffix=".tmp"))
        except OSError as exc:
            self.__exit__()
            raise OutputProblem(f"{self.out}: cannot write the audit here: {exc.strerror or exc}") from None
        return self

    def _holds_other_files(self) -> bool:
        if self.out.exists() and not self.out.is_dir():
            raise OutputProblem(f"{self.out}: is a file; --out names a folder")
        return self.out.is_dir() and bool(set(os.listdir(self.out)) - set(OUTPUT_NAMES) - set(OUTPUT_FOLDERS))

    def publish(self, reports: Sequence[ReportResult], also: Callable[[Path], list[Path]] | None = None,
                settings: Settings = Settings(), packs: PackSet | None = None) -> list[Path]:
        """Write the outputs into the staging folder (and what `also` writes there, given
        the folder), in the run's language, then put it in place of --out."""
        assert self._staging is not None
        try:
            write_outputs(reports, self._staging, settings, packs)
            more = also(self._staging) if also is not None else []
            shareable(self._staging, 0o777)
            self._swap_in(self._staging)
        except OSError as exc:
            raise OutputProblem(f"{self.out}: cannot write the audit: {exc.strerror or exc} "
                                "(the previous outputs, if any, are unchanged)") from None
        staging, self._staging = self._staging, None
        return ([self.out / name for name in OUTPUT_NAMES] + [self.out / DETAILS_FOLDER]
                + [self.out / p.relative_to(staging) for p in more])

    def _swap_in(self, staging: Path) -> None:
        if self._shared:    # the user's own files stay: ours replace theirs one by one
            for name in OUTPUT_NAMES:
                os.replace(staging / name, self.out / name)
            for folder in OUTPUT_FOLDERS:
                if (staging / folder).is_dir():
                    _replace_folder(staging / folder, self.out / folder)
            shutil.rmtree(staging, ignore_errors=True)
            return
        if not self.out.exists():
            os.rename(staging, self.out)
            return
        previous = Path(tempfile.mkdtemp(dir=self.out.parent, prefix=f".{self.out.name}.", suffix=".old"))
        os.rename(self.out, previous / "out")
        os.rename(staging, self.out)
        shutil.rmtree(previous, ignore_errors=True)

    def __exit__(self, *exc) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None


def _replace_folder(new: Path, old: Path) -> None:
    """`new` takes the place of `old` (a folder of an earlier audit's letters), renamed aside
    first so the place is never empty of a whole set."""
    if old.exists():
        aside = Path(tempfile.mkdtemp(dir=old.parent, prefix=f".{old.name}.", suffix=".old"))
        os.rename(old, aside / old.name)
        os.rename(new, old)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.rename(new, old)


def _locked(out: Path) -> int:
    """An exclusive lock on the --out folder, held for the whole audit: a second audit into
    it refuses. (The folder a later audit swaps in is a new one, so a lock file is not needed.)"""
    handle = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(handle)
        raise OutputProblem(f"{out}: another audit is writing into this folder; "
                            "wait for it to finish or name another --out") from None
    return handle


def write_outputs(reports: Sequence[ReportResult], out_dir: Path, settings: Settings = Settings(),
                  packs: PackSet | None = None) -> list[Path]:
    """summary.csv, summary.xlsx, results.json, report.html and report-details/ in
    `out_dir`, each written atomically, in the run's language (settings.lang), each stating
    the gate, the date and the versions of fazhi and the packs. `reports` may be spooled
    results (checker.audit.spool), read back from disk on each pass: a writer iterates
    them, a report at a time, and keeps only what it must."""
    from checker.render import csv_out
    from checker.render.excel import save_workbook
    out_dir.mkdir(parents=True, exist_ok=True)
    options = audit_options(settings, packs)
    # the workbook, a third of the writing, by a process of its own while the rest is written
    def write_workbook(results: Sequence[ReportResult], path: Path) -> None:
        _write_file(path, lambda tmp: save_workbook(results, options, tmp))
    workbook = beside.start(write_workbook, reports, out_dir / "summary.xlsx")
    try:
        _write_streamed(out_dir / "results.json", results_json_pieces(reports, options))
        _write_streamed(out_dir / "summary.csv", csv_out.pieces(reports, options))
        _write_site(reports, out_dir, options)    # report.html last
    except BaseException:
        workbook.abandon()
        raise
    workbook.finish()
    written = [out_dir / name for name in OUTPUT_NAMES]
    for path in written:
        shareable(path)
    return written + [out_dir / DETAILS_FOLDER]


def audit_options(settings: Settings, packs: PackSet | None):
    """How an audit's outputs are rendered: by the parent, and by each worker for the parts
    it writes ahead (checker.audit.spool.pack), so that both write the same words."""
    from checker.render import RenderOptions
    from checker.render.words import words
    from checker.run import role_names
    return RenderOptions(role_names=role_names(), gate=settings.gate, words=words(settings.lang), packs=packs)


def _write_site(reports: Sequence[ReportResult], out_dir: Path, options) -> None:
    """The detail pages into a new folder that then takes the place of report-details/ whole,
    then report.html, whose links lead into it."""
    from checker.render import html
    overview, details = html.site(reports, options)
    folder = Path(tempfile.mkdtemp(dir=out_dir, prefix=f".{DETAILS_FOLDER}.", suffix=".tmp"))
    try:
        with _UnseenFiles() as pages:
            for name, pieces in details:
                pages.write(folder / name, pieces)
            pages.finish()
        shareable(folder, 0o777)
        _replace_folder(folder, out_dir / DETAILS_FOLDER)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _write_streamed(out_dir / "report.html", overview)


def results_json_pieces(reports: Sequence[ReportResult], options=None) -> Iterable[str]:
    """The same bytes as `--format json`, one report at a time."""
    return result_pieces(reports, options)


def _write_streamed(path: Path, pieces: Iterable[str]) -> None:
    """Like cache.write_atomically, from pieces: a temporary file beside `path`, renamed
    over it at the end, so a reader never sees half an output."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


class _UnseenFiles:
    """Writes new files into a folder no reader sees yet (made for this run, renamed into
    place whole once every file in it is written), a detail page each, 20,000 of them.

    A file is written in place, without the temporary name and rename of _write_streamed:
    no one can see it half-written, and the folder's rename publishes them all at once. It
    is created with the mode any new file gets under the user's umask (as `shareable` gives).
    Each is flushed to disk (so that a crash right after the rename cannot leave a page
    empty) by one of a few threads, while the next ones are written: an fsync waits for the
    disk's journal to commit, and the files of the threads waiting at once commit together,
    where one file a commit made the flushing most of the time of writing the pages. Every
    file is on disk when `finish` returns; use as a context manager (the threads end with it)."""

    def __init__(self) -> None:
        self._flushers = ThreadPoolExecutor(FLUSHERS, thread_name_prefix="fazhi-flush")
        self._flushing: deque[Future] = deque()

    def write(self, path: Path, pieces: Iterable[str]) -> None:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with open(handle, "w", encoding="utf-8", newline="", closefd=False) as file:
                file.writelines(pieces)
        except BaseException:
            os.close(handle)
            raise
        self._flushing.append(self._flushers.submit(_flushed, handle))
        if len(self._flushing) >= FLUSHING:    # as many files open at most
            self._flushing.popleft().result()

    def finish(self) -> None:
        """Wait until every file is on disk (an error flushing one is raised here)."""
        while self._flushing:
            self._flushing.popleft().result()

    def __enter__(self) -> _UnseenFiles:
        return self

    def __exit__(self, *exc) -> None:
        self._flushers.shutdown(wait=True)    # every file closed, whatever happened


def _flushed(handle: int) -> None:
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _write_file(path: Path, write: Callable[[Path], None]) -> None:
    """Like _write_streamed, for a writer that writes a file of its own (the workbook)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def shareable(path: Path, mode: int = 0o666) -> None:
    """The atomic write leaves a private (0600) file, and a temporary folder is 0700; an
    audit is meant to be passed on, so give it the permissions any new file would get
    under the user's umask."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, mode & ~umask)
