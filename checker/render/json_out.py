"""The `fazhi.result/1` JSON contract (docs/design.md); schema in checker/schemas/."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, fields, is_dataclass

import orjson

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
    text = json_text(head)
    yield text[:-2] + ',\n  "reports": ['
    # spooled results keep each report's piece as its worker wrote it (checker.audit.spool)
    pieces = reports.json_pieces() if hasattr(reports, "json_pieces") else map(report_piece, reports)
    for number, piece in enumerate(pieces):
        yield ("\n" if number == 0 else ",\n") + piece
    yield ("\n  ]" if reports else "]") + ',\n  "submissions": '
    submissions = group_submissions(reports)   # one at a time too: 20,000 of them are tens of MB
    for number, submission in enumerate(submissions):
        data = submission_to_dict(submission)
        piece = _indented(json_text(data))
        yield ("[\n" if number == 0 else ",\n") + piece
    yield ("\n  ]" if submissions else "[]") + "\n}\n"


def report_piece(report: ReportResult) -> str:
    """One report as it stands in the `reports` list of the JSON document, indented."""
    return _indented(json_text(report_to_dict(report)))


def json_text(data) -> str:
    """`json.dumps(data, ensure_ascii=False, indent=2)`, the same text, written by orjson:
    the standard library writes indented JSON in pure Python, and a report's piece was
    three quarters of what a worker spends packing a result, a third as much as checking
    it. orjson writes the same characters for every string, integer and container, and
    for every float Python writes without an exponent; what it would write otherwise is
    refused (`_Exact`, a lone surrogate of an undecodable file name, an integer past 64
    bits) and written by the standard library instead."""
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2, default=_refused).decode("utf-8")
    except TypeError:      # orjson.JSONEncodeError is one
        return json.dumps(data, ensure_ascii=False, indent=2)


def _refused(value):
    raise TypeError(f"not written by orjson: {type(value).__name__}")


class _Exact(float):
    """A float Python writes with an exponent (1e-05) or as NaN/Infinity, where orjson
    writes 0.00001 or null: handed to orjson as this, it refuses it (a subclass of float
    is not one of its own types), so the standard library writes it."""


def _indented(text: str) -> str:
    """JSON text indented four spaces. Every line break json.dumps writes is its own (a
    string's are escaped), so each gets the indent; textwrap.indent would also break after
    a U+2028 or U+0085 left in a quote or a file name and put four spaces into it."""
    return "    " + text.replace("\n", "\n    ")


def report_to_dict(report: ReportResult) -> dict:
    """The `fazhi.result/1` form of one report (lists, not tuples; period as [from, to])."""
    data = _plain(report)
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


_FIELDS: dict[type, tuple[str, ...]] = {}


def _plain(value):
    """dataclasses.asdict, quicker: a report is thousands of values, and asdict deep-copies
    each string and number. The same dicts, lists and tuples, the leaves as they are (they
    are immutable); anything else is copied as asdict would."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        text = repr(value)
        return _Exact(value) if "e" in text or "n" in text else value     # 1e-05, nan, inf
    if kind is tuple or kind is list:
        return kind(_plain(item) for item in value)
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(kind):
        names = _FIELDS[kind] = tuple(f.name for f in fields(kind))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    return asdict(value) if is_dataclass(value) else copy.deepcopy(value)


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
