"""Output formats, chosen by name from an explicit registry.

Every renderer takes the list of ReportResult and RenderOptions and returns the text to
write. An unknown name is an error that lists the valid ones. A renderer's module is
imported when its format is first asked for: `fazhi check` of one draft (a pre-commit hook)
pays only for the text renderer.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from checker.judge.scoring import Gate
from checker.render.about import run_date
from checker.render.words import Words, words

Renderer = Callable[[Sequence, "RenderOptions"], str]


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    verbose: bool = False
    brief: bool = False            # text: only what fails, with hints (for a commit hook)
    max_evidence: int = 3          # evidence lines per element in human formats
    packs: object | None = None    # the PackSet in force: SARIF rules carry each element's basis
    role_names: Mapping[str, str] = field(default_factory=dict)  # part role -> the name people know
    # the run's gate (fail-under, fail-on): JUnit failures, SARIF and GitHub levels and the
    # text's "blocks" follow it, so every format agrees with the exit code (render/verdict.py)
    gate: Gate = field(default_factory=Gate)
    words: Words = field(default_factory=words)   # the reader's language (zh unless --lang en)
    date: str = field(default_factory=run_date)   # the day of the run, stated in every output

    def role_name(self, role: str) -> str:
        return self.role_names.get(role, role)


def without_evidence(reports: Sequence):
    """The results for a pass that reads no evidence (the tables' rows, the columns, the
    charts, the counts): spooled results (checker.audit.spool) read back without their
    evidence and document layout, a quarter as costly; results in memory as they are."""
    light = getattr(reports, "without_evidence", None)
    return light() if light is not None else reports


def table_cells(report, words) -> dict[str, dict]:
    """What each table row (summary.csv's, report.html's) says of one report alone, by
    output: an audit's worker makes them as it packs the result (checker.audit.spool), so
    the parent reads these instead of the whole result for each row."""
    from checker.render import csv_out, html
    return {"csv": csv_out.report_cells(report, words), "html": html.row_cells(report, words)}


def primary_cells(submissions, reports: Sequence, output: str, cells_of: Callable[[object], dict]
                  ) -> Iterator[tuple[object, dict]]:
    """Each submission with what `output`'s row says of its primary report (`cells_of` of
    it): for spooled results, as the worker that checked it made them (`table_cells`)."""
    stored = getattr(reports, "table_cells", None)
    for submission in submissions:
        number = submission.primary.index
        cells = None if stored is None else stored(number, output)
        yield submission, cells if cells is not None else cells_of(reports[number])


# format name -> the module under checker.render whose `render` writes it
RENDERERS: dict[str, str] = {
    "text": "text",
    "json": "json_out",
    "sarif": "sarif",
    "junit": "junit",
    "github": "github",
    "markdown": "markdown",
    "html": "html",
    "csv": "csv_out",
}


class UnknownFormat(ValueError):
    def __init__(self, name: str):
        super().__init__(f"unknown format {name!r}; valid formats: {', '.join(sorted(RENDERERS))}")


def renderer(name: str) -> Renderer:
    if name not in RENDERERS:
        raise UnknownFormat(name)
    return importlib.import_module(f"checker.render.{RENDERERS[name]}").render
