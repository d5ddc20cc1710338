"""The `fazhi.result/1` JSON contract (docs/design.md); schema in checker/schemas/."""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import asdict

from checker.judge.results import ReportResult
from checker.judge.submissions import Submission, group_submissions
from checker.render.about import run_facts
from checker.render.words import english_words

RESULT_SCHEMA_ID = "fazhi.result/1"


def render(reports, options=None) -> str:
    return "".join(result_pieces(reports, options))


def result_pieces(reports: Sequence[ReportResult], options=None) -> Iterable[str]:
    """The JSON document one report at a time (an audit of a thousand reports turned into
    one dict would cost a few hundred MB at the moment of writing): the schema, the run
    (gate, date, versions), the reports, then the submissions they make up."""
    head: dict[str, object] = {"schema": RESULT_SCHEMA_ID}
    if options is not None:
        head["run"] = run_facts(options)
    text = json.dumps(head, ensure_ascii=False, indent=2)
    yield text[:-2] + ',\n  "reports": ['
    for number, report in enumerate(reports):
        piece = textwrap.indent(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2), "    ")
        yield ("\n" if number == 0 else ",\n") + piece
    yield ("\n  ]" if reports else "]") + ',\n  "submissions": '
    submissions = group_submissions(reports)   # one at a time too: 20,000 of them are tens of MB
    for number, submission in enumerate(submissions):
        data = submission_to_dict(submission)
        piece = textwrap.indent(json.dumps(data, ensure_ascii=False, indent=2), "    ")
        yield ("[\n" if number == 0 else ",\n") + piece
    yield ("\n  ]" if submissions else "[]") + "\n}\n"


def report_to_dict(report: ReportResult) -> dict:
    """The `fazhi.result/1` form of one report (lists, not tuples; period as [from, to])."""
    data = asdict(report)
    if report.document is not None:
        doc = data["document"]
        doc["period"] = list(report.document.period) if report.document.period else None
        english = english_words()   # warnings are text; tools have always read them in English
        doc["warnings"] = [english.notice(n) for n in report.document.warnings]
        if doc.get("fingerprint") is not None:   # the sketch is for grouping, not for reading
            del doc["fingerprint"]["sketch"]
    for figure in data["figures"]:      # 50, not 50.0: a count is written as one
        for key in ("value", "high"):
            if isinstance(figure[key], float) and figure[key].is_integer():
                figure[key] = int(figure[key])
    for element in data["elements"]:
        element["also"] = list(element["also"])
        element["figures_declared"] = list(element["figures_declared"])
        if element["parts"] is None:
            del element["parts"]
    return data


def submission_to_dict(submission: Submission) -> dict:
    """One report as sent: its body and level, the primary file that gives the verdict, and
    the other copies of it with how each was recognised."""
    primary, body = submission.primary, submission.body
    return {"body": asdict(body) if body is not None else None,
            "level": body.level if body is not None else None,
            "primary": primary.file, "verdict": submission.verdict, "score": primary.score,
            "copies": [{"file": c.report.file, "format": c.report.format, "matched": c.matched,
                        "similarity": c.similarity, "score": c.report.score,
                        "passed": c.report.passed, "unreadable": bool(c.report.errors)}
                       for c in submission.others]}


def results_to_dict(reports: list[ReportResult], options=None) -> dict:
    return json.loads(render(reports, options))
