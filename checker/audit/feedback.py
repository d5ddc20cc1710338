"""The 反馈意见 letters of a batch, one per submitting body, and its 汇总, written into a
folder. Letters are built in worker processes (as many as the audit's `--jobs`): a
thousand letters are a thousand Word documents to lay out and zip."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from checker.audit.outputs import shareable
from checker.cache import write_atomically
from checker.judge.results import ReportResult
from checker.review.bodies import Submitter, by_submitter, file_names
from checker.review.letter import LetterContext, letter_docx
from checker.review.summary import summary_docx

IN_PROCESS_BELOW = 8      # fewer letters than this: starting workers costs more than it saves

_WORKER: dict = {}


def write_feedback(reports: list[ReportResult], context: LetterContext, out_dir: Path,
                   jobs: int = 1) -> list[Path]:
    """One letter per body and the 汇总; returns the files written, the 汇总 first."""
    out_dir.mkdir(parents=True, exist_ok=True)
    groups = by_submitter(reports)
    words = context.words
    names = file_names([words.say("letter.file_name", body=who.name) for who, _ in groups]
                       + [str(words.raw("summary.file_name"))], ".docx")
    summary = out_dir / names[-1]
    _write(summary, summary_docx(groups, context))
    tasks = [(who, items, str(out_dir / name)) for (who, items), name in zip(groups, names[:-1], strict=True)]
    if jobs <= 1 or len(tasks) < IN_PROCESS_BELOW:
        letters = [_write_letter(task, context) for task in tasks]
    else:
        with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(context,)) as pool:
            letters = list(pool.map(_write_in_worker, tasks, chunksize=max(1, len(tasks) // (jobs * 8))))
    return [summary, *letters]


def _init_worker(context: LetterContext) -> None:
    _WORKER["context"] = context


def _write_in_worker(task: tuple[Submitter, list[ReportResult], str]) -> Path:
    return _write_letter(task, _WORKER["context"])


def _write_letter(task: tuple[Submitter, list[ReportResult], str], context: LetterContext) -> Path:
    who, reports, path = task
    _write(Path(path), letter_docx(who, reports, context))
    return Path(path)


def _write(path: Path, data: bytes) -> None:
    write_atomically(path, data)
    shareable(path)
