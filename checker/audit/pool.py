"""An inspector's audit: every report under some folders, checked in parallel.

Each worker process loads the packs and the segmentation dictionary once (the pool's
initializer), then checks chunks of files. A file that cannot be read, or that trips an
unexpected exception, becomes a result with `errors`; a worker that dies takes only its
own files down, and the audit carries on. Results come back sorted by file name, so an
audit of the same folders twice gives byte-identical outputs (written by checker.audit.outputs).
With a ResultSpool, each result goes to disk as it arrives, with its piece of results.json
and the body of its detail page written by the worker (checker.audit.spool): the parent
holds nothing per report.
"""

from __future__ import annotations

import math
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from checker.audit.spool import PackedResult, ResultSpool, pack
from checker.audit.walk import WalkResult, find_reports
from checker.judge.results import ReadError, ReportResult
from checker.language.load import load_language
from checker.packs.model import PackSet
from checker.run import Settings, check_path

CHUNKS_PER_WORKER = 8     # enough chunks that a slow file does not leave a worker idle
MAX_CHUNK = 16            # small enough that the progress bar moves
PR_SET_PDEATHSIG = 1      # prctl(2)
WAKE_UP_SECONDS = 0.2     # how soon Ctrl-C is noticed while waiting on the workers


def failed_result(path: str, code: str, message: str) -> ReportResult:
    """A report that could not be checked: listed with its reason, never dropped."""
    return ReportResult(file=str(path), document=None, score=None, passed=False,
                        missing=(), elements=(), errors=(ReadError(code, message),))


def check_one(path: str, packs: PackSet, settings: Settings) -> ReportResult:
    try:
        return check_path(path, packs, settings)
    except Exception as exc:  # a bug on one file must not stop the audit
        return failed_result(path, "internal-error", f"{type(exc).__name__}: {exc}")


# --- worker side: state set once per process by the pool's initializer --------------------

Checked = ReportResult | PackedResult      # packed by the worker for a spooled audit

_WORKER: dict = {}


def _init_worker(packs: PackSet, settings: Settings, parent: int = 0, spooled: bool = False) -> None:
    from checker.match.segment import segmenter_for
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C is the parent's to handle
    _end_with_parent(parent)
    segmenter_for(frozenset(packs.terms()))   # the dictionary, loaded once per worker
    _WORKER.update(packs=packs, settings=settings, spooled=spooled,
                   options=_pack_options(settings, packs) if spooled else None)


def _pack_options(settings: Settings, packs: PackSet):
    """The words the audit's pages are written in, for the part of them a result's packer
    writes (checker.audit.spool.pack)."""
    from checker.audit.outputs import audit_options
    return audit_options(settings, packs)


def _end_with_parent(parent: int) -> None:
    """A worker whose audit was killed (SIGKILL leaves no chance to stop the pool) would
    run on: Linux ends it when its parent dies (PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if parent and os.getppid() != parent:    # the parent died before the call
        os._exit(1)


def _check_chunk(files: list[str]) -> list[Checked]:
    """Each file's result; for a spooled audit packed as the spool stores it (its piece of
    results.json and its detail page written here), so that the work spreads over the
    workers instead of waiting for the parent, and the parent unpacks nothing it does not need."""
    results = [check_one(f, _WORKER["packs"], _WORKER["settings"]) for f in files]
    if not _WORKER["spooled"]:
        return list(results)
    return [pack(result, _WORKER["options"]) for result in results]


# --- parent side -----------------------------------------------------------------------

def _ignore(result: ReportResult) -> None:
    return None


@dataclass(frozen=True)
class AuditJob:
    packs: PackSet
    settings: Settings = field(default_factory=Settings)
    jobs: int = 1
    # called in the parent with each result as soon as it is in (the ledger records it
    # there, so a run killed later keeps what was finished); never sent to the workers
    on_result: Callable[[ReportResult], None] = _ignore


def audit(roots: list[str], job: AuditJob) -> list[ReportResult]:
    """Check every supported file under `roots`; one result per file or unreadable folder."""
    return list(audit_walk(find_reports(roots), job, lambda n: None))


def audit_walk(walk: WalkResult, job: AuditJob, progress: Callable[[int], None],
               spool: ResultSpool | None = None) -> Sequence[ReportResult]:
    """One result per file and per unreadable folder, sorted by file name: a list, or with
    a spool the spooled results (written to disk as they came)."""
    kept: dict[str, ReportResult] = {}
    # the parent's own results (an unreadable folder, a lone file) are packed as a worker's
    options = _pack_options(job.settings, job.packs) if spool is not None else None

    def collect(checked: Checked) -> None:
        if spool is not None:
            spool.add(pack(checked, options) if isinstance(checked, ReportResult) else checked)
        elif isinstance(checked, ReportResult):
            kept[checked.file] = checked
        if job.on_result is not _ignore:   # the audit's listeners see each result as it is stored
            job.on_result(checked.result() if isinstance(checked, PackedResult) else checked)

    for problem in walk.problems:
        collect(failed_result(problem.path, problem.code, problem.message))
    check_files(walk.files, job, progress, collect, spooled=spool is not None)
    if spool is not None:
        return spool.results()
    return sorted(kept.values(), key=lambda r: r.file)


Collect = Callable[[Checked], None]


def check_files(files: list[str], job: AuditJob, progress: Callable[[int], None], collect: Collect,
                spooled: bool = False) -> None:
    """Check the files, handing each result to `collect` as soon as its chunk is back (a
    later result for a file replaces an earlier one)."""
    load_language()   # a broken language file stops the audit (exit 2), not each file's check
    if len(files) <= 1:    # one file: not worth a process; more: a crash costs one file
        for file in files:
            collect(check_one(file, job.packs, job.settings))
            progress(1)
        return
    pending, workers = _chunks(files, job.jobs), job.jobs
    while pending:
        broken = _run_round(pending, workers, job, collect, progress, spooled)
        stalled = workers == 1 and len(broken) == sum(map(len, pending))
        pending, workers = _retry_plan(broken, stalled, job, collect, progress)


def _chunks(files: list[str], jobs: int) -> list[list[str]]:
    size = max(1, min(MAX_CHUNK, math.ceil(len(files) / (jobs * CHUNKS_PER_WORKER))))
    return [files[i:i + size] for i in range(0, len(files), size)]


def _run_round(chunks: list[list[str]], workers: int, job: AuditJob, collect: Collect, progress,
               spooled: bool = False) -> list[str]:
    """One pool over `chunks`; returns the files left unchecked because a worker died (a
    dead worker breaks the whole pool, so its neighbours' files come back too)."""
    pool = ProcessPoolExecutor(min(workers, len(chunks)), initializer=_init_worker,
                               initargs=(job.packs, job.settings, os.getpid(), spooled))
    try:
        with CtrlC() as ctrl_c:
            futures, broken = _submit(pool, chunks)
            for future, chunk in _as_completed(futures, ctrl_c):
                try:
                    _collect(future.result(), collect, progress)
                except BrokenProcessPool:
                    broken += chunk
                del futures[future]    # a done future holds its results: not until the round ends
    except BaseException:   # Ctrl-C: drop the queued chunks, let the running ones end
        # wait=True: the pool cancels only while it is alive; dropped, it checks them all
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return sorted(broken)


class CtrlC:
    """Ctrl-C while the pool runs is noted, and acted on between waits for results.

    Raised anywhere, KeyboardInterrupt can leave the pool's internals half-updated, and a
    worker killed while it sends a result leaves the result pipe stuck; so the workers
    ignore Ctrl-C and end their current chunk. A second Ctrl-C interrupts at once.
    """

    def __init__(self):
        self.pressed = False
        self.previous = None

    def __enter__(self):
        ours_to_handle = (threading.current_thread() is threading.main_thread()
                          and signal.getsignal(signal.SIGINT) is signal.default_int_handler)
        if ours_to_handle:   # not when Ctrl-C is ignored, or someone else handles it
            self.previous = signal.signal(signal.SIGINT, self._note)
        return self

    def _note(self, signum, frame) -> None:
        self.pressed = True
        signal.signal(signal.SIGINT, self.previous)

    def check(self) -> None:
        if self.pressed:
            raise KeyboardInterrupt

    def __exit__(self, exc_type, *exc) -> None:
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)
        if exc_type is None:
            self.check()    # pressed after the last wait: still honoured


def _submit(pool: ProcessPoolExecutor, chunks: list[list[str]]) -> tuple[dict, list[str]]:
    futures = {}
    for number, chunk in enumerate(chunks):
        try:
            futures[pool.submit(_check_chunk, chunk)] = chunk
        except BrokenProcessPool:   # a worker died while we were still handing out work
            return futures, [f for rest in chunks[number:] for f in rest]
    return futures, []


def _as_completed(futures: dict, ctrl_c: CtrlC) -> Iterable:
    remaining = set(futures)
    while remaining:
        ctrl_c.check()
        # a timeout, so that Ctrl-C is seen soon, whichever thread the signal landed on
        done, remaining = wait(remaining, timeout=WAKE_UP_SECONDS, return_when=FIRST_COMPLETED)
        for future in sorted(done, key=lambda f: futures[f][0]):
            yield future, futures[future]


def _collect(chunk_results: list[Checked], collect: Collect, progress) -> None:
    for result in chunk_results:
        collect(result)
    progress(len(chunk_results))


def _retry_plan(broken: list[str], stalled: bool, job: AuditJob, collect: Collect, progress
                ) -> tuple[list[list[str]], int]:
    """After a crash, retry file by file on one worker: files run in order there, so when
    such a round finishes nothing, its first file is the one that kills the worker."""
    if not broken:
        return [], job.jobs
    if not stalled:
        return [[f] for f in broken], 1
    culprit, rest = broken[0], broken[1:]
    collect(failed_result(culprit, "worker-crashed", "the checker's worker process died on this file"))
    progress(1)
    return _chunks(rest, job.jobs), job.jobs


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class ProgressBar:
    """A one-line bar on stderr, only on a terminal (a CI log gets no carriage returns)."""

    WIDTH = 30

    def __init__(self, total: int, stream=None):
        self.stream = stream or sys.stderr
        self.total, self.done = total, 0
        self.enabled = total > 0 and self.stream.isatty()

    def __call__(self, count: int) -> None:
        self.done += count
        if self.enabled:
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {self.done}/{self.total} reports")
            self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
