"""One output written by a process of its own while the parent writes the others.

Writing an audit's outputs runs after the checking, in one process, and at national scale
it takes longer than the checking on all the workers: summary.xlsx alone is about a third of
it. Written by a forked process beside the parent it costs no time on a machine with a core
to spare. The forked process reads the spooled results through a connection of its own
(an SQLite connection must not cross a fork), writes its file, and tells the parent through
a pipe that it finished or why it failed; the parent waits for it before it publishes
anything, so the outputs still appear all together or not at all.

Where the results are not spooled (a list: a few reports), or off Linux (see `_can_fork`),
the output is written in the parent, as before.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from checker.audit.spool import SpooledResults
from checker.judge.results import ReportResult

Writer = Callable[[Sequence[ReportResult], Path], None]     # (reports, the file to write)


class WrittenBeside:
    """An output being written (`start`); `finish` waits for it, and raises what stopped it."""

    def __init__(self, path: Path, process=None, reader=None):
        self.path, self._process, self._reader = path, process, reader

    def finish(self) -> None:
        if self._process is None:
            return
        try:
            outcome = self._reader.recv()
        except EOFError:                         # it died without a word (killed, out of memory)
            outcome = ("error", f"the process writing it stopped (exit code {self._process.exitcode})")
        finally:
            self._process.join()
            self._reader.close()
            self._process = None
        _raise(outcome, self.path)

    def abandon(self) -> None:
        """Stop it, when the parent fails first (its staging folder goes anyway)."""
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._reader.close()
            self._process = None


def start(write: Writer, reports: Sequence[ReportResult], path: Path) -> WrittenBeside:
    """`write(reports, path)` in a forked process when the reports are spooled, else now."""
    if not isinstance(reports, SpooledResults) or not _can_fork():
        write(reports, path)
        return WrittenBeside(path)
    context = multiprocessing.get_context("fork")
    reader, sender = context.Pipe(duplex=False)
    process = context.Process(target=_write_forked, args=(write, reports, path, sender), daemon=True)
    process.start()
    sender.close()
    return WrittenBeside(path, process, reader)


def _can_fork() -> bool:
    """Linux forks a process safely; macOS offers fork but its system libraries may not
    survive it (Python's documentation calls it unsafe there), Windows has none."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def _write_forked(write: Writer, reports: SpooledResults, path: Path, sender) -> None:
    own = reports.reopened()
    try:
        write(own, path)
        outcome: tuple = ("done",)
    except OSError as exc:
        outcome = ("os-error", exc.errno, exc.strerror or str(exc), exc.filename)
    except BaseException as exc:               # reported to the parent, which decides
        outcome = ("error", f"{type(exc).__name__}: {exc}")
    finally:
        own.close_reader()
    sender.send(outcome)
    sender.close()


def _raise(outcome: tuple, path: Path) -> None:
    """The forked writer's failure as the parent's: an OSError stays one (a full disk is
    said as such), anything else is an internal error naming the output."""
    if outcome[0] == "os-error":
        _, number, text, filename = outcome
        raise OSError(number, text, filename) if filename else OSError(number, text)
    if outcome[0] == "error":
        raise RuntimeError(f"writing {path.name}: {outcome[1]}")
