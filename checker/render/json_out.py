"""The `fazhi.result/1` JSON contract (docs/design.md); schema in checker/schemas/."""

from __future__ import annotations

import json
from dataclasses import asdict

from checker.judge.results import ReportResult
from checker.render.words import english_words

RESULT_SCHEMA_ID = "fazhi.result/1"


def render(reports, options=None) -> str:
    return json.dumps(results_to_dict(reports), ensure_ascii=False, indent=2) + "\n"

def report_to_dict(report: ReportResult) -> dict:
    """The `fazhi.result/1` form of one report (lists, not tuples; period as [from, to])."""
    data = asdict(report)
    if report.document is not None:
        doc = data["document"]
        doc["period"] = list(report.document.period) if report.document.period else None
        english = english_words()   # warnings are text; tools have always read them in English
        doc["warnings"] = [english.notice(n) for n in report.document.warnings]
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


def results_to_dict(reports: list[ReportResult]) -> dict:
    return {"schema": RESULT_SCHEMA_ID, "reports": [report_to_dict(r) for r in reports]}
