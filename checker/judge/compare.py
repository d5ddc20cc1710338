"""Compare two reports of the same government (two years, or two drafts of one report).

An element is *gained* when the new report meets it at least in part and the old one did
not, *lost* the other way round, *changed* when it stays on the same side but its status or
stance moved (partial -> met, or achieved -> also admitted as a problem), else *same*.
An element that only one of the two checks has (a pack added in between) counts as absent
in the other; one that did not yet apply to either period is at most *changed*. Every change
keeps the evidence of both sides. The diff warns when the two titles name different issuing
bodies (two governments) or when the older report comes second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.judge.results import Evidence, ReportResult
from checker.understand.records import Notice

CHANGES = ("gained", "lost", "changed", "same")
COUNTS_AS_PRESENT = ("met", "partial")


@dataclass(frozen=True)
class ElementChange:
    id: str
    title: str
    change: str                       # gained | lost | changed | same
    old_status: str | None            # None: the old check did not have this element
    new_status: str | None
    old_stance: str | None
    new_stance: str | None
    old_evidence: tuple[Evidence, ...] = ()
    new_evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class ReportDiff:
    old_file: str
    new_file: str
    old_title: str
    new_title: str
    old_score: float | None
    new_score: float | None
    elements: tuple[ElementChange, ...]
    old_period: tuple[int, int] | None = None
    new_period: tuple[int, int] | None = None
    warnings: tuple[Notice, ...] = ()    # worded by each output (render/words.py)

    @property
    def score_change(self) -> float | None:
        if self.old_score is None or self.new_score is None:
            return None
        return round(self.new_score - self.old_score, 1)

    def of(self, change: str) -> list[ElementChange]:
        return [e for e in self.elements if e.change == change]


def diff_reports(old: ReportResult, new: ReportResult) -> ReportDiff:
    old_by_id = {e.id: e for e in old.elements}
    new_by_id = {e.id: e for e in new.elements}
    ids = list(old_by_id) + [i for i in new_by_id if i not in old_by_id]
    changes = tuple(_element_change(old_by_id.get(i), new_by_id.get(i)) for i in ids)
    return ReportDiff(old_file=old.file, new_file=new.file, old_title=_title(old),
                      new_title=_title(new), old_score=old.score, new_score=new.score,
                      elements=changes, old_period=_period(old), new_period=_period(new),
                      warnings=tuple(_warnings(old, new)))


def _title(report: ReportResult) -> str:
    return report.document.title if report.document else ""


def _period(report: ReportResult) -> tuple[int, int] | None:
    return report.document.period if report.document else None


# The issuing body is what a title says before 关于 or before the first year it names:
# 武昌区关于2024年…, 某某县人民政府2023年度…; a title that opens with either names none.
ISSUER_END = re.compile(r"关于|(?:19|20)\d{2}")


def issuer(title: str) -> str:
    """The issuing body a title names, or "" when it names none."""
    match = ISSUER_END.search(title)
    return title[:match.start()].strip() if match else ""


def period_text(period: tuple[int, int] | None) -> str:
    if period is None:
        return "no period found"
    return str(period[0]) if period[0] == period[1] else f"{period[0]}—{period[1]}"


def _warnings(old: ReportResult, new: ReportResult) -> list[Notice]:
    """Two governments (neither issuing body contains the other: 武昌区 is 武汉市武昌区人民政府),
    or the older report given second."""
    warnings = []
    old_issuer, new_issuer = issuer(_title(old)), issuer(_title(new))
    if old_issuer and new_issuer and old_issuer not in new_issuer and new_issuer not in old_issuer:
        warnings.append(Notice.of("two-governments", old=old_issuer, new=new_issuer))
    old_period, new_period = _period(old), _period(new)
    if old_period and new_period and old_period[::-1] > new_period[::-1]:   # by the last year
        warnings.append(Notice.of("older-second", old=period_text(old_period), new=period_text(new_period)))
    return warnings


def _element_change(old, new) -> ElementChange:
    either = new or old
    old_status, new_status = (old.status if old else None), (new.status if new else None)
    old_stance, new_stance = (old.stance if old else None), (new.stance if new else None)
    return ElementChange(id=either.id, title=either.title,
                         change=_classify(old_status, new_status, old_stance, new_stance),
                         old_status=old_status, new_status=new_status,
                         old_stance=old_stance, new_stance=new_stance,
                         old_evidence=old.evidence if old else (),
                         new_evidence=new.evidence if new else ())


def _classify(old_status, new_status, old_stance, new_stance) -> str:
    was, now = old_status in COUNTS_AS_PRESENT, new_status in COUNTS_AS_PRESENT
    if "not-applicable" in (old_status, new_status):
        was = now = False   # a requirement that did not apply to one period is neither won nor lost
    if now and not was:
        return "gained"
    if was and not now:
        return "lost"
    if (old_status, old_stance) != (new_status, new_stance):
        return "changed"
    return "same"


def diff_to_dict(diff: ReportDiff, warnings: list[str]) -> dict:
    """The JSON form (schema `fazhi.diff/1`), with the warnings as worded for it."""
    return {"schema": "fazhi.diff/1",
            "old": _side(diff.old_file, diff.old_title, diff.old_score, diff.old_period),
            "new": _side(diff.new_file, diff.new_title, diff.new_score, diff.new_period),
            "score_change": diff.score_change,
            "warnings": warnings,
            **{change: [_change_dict(e, with_evidence=change != "same") for e in diff.of(change)]
               for change in CHANGES}}


def _side(file: str, title: str, score: float | None, period: tuple[int, int] | None) -> dict:
    return {"file": file, "title": title, "score": score, "period": list(period) if period else None}


def _change_dict(change: ElementChange, with_evidence: bool) -> dict:
    old: dict[str, object] = {"status": change.old_status, "stance": change.old_stance}
    new: dict[str, object] = {"status": change.new_status, "stance": change.new_stance}
    if with_evidence:   # what each report says, for every element that moved
        old["evidence"] = [_evidence_dict(e) for e in change.old_evidence]
        new["evidence"] = [_evidence_dict(e) for e in change.new_evidence]
    return {"id": change.id, "title": change.title, "old": old, "new": new}


def _evidence_dict(evidence: Evidence) -> dict:
    return {"line": evidence.line, "where": evidence.where, "role": evidence.role,
            "stance": evidence.stance, "text": evidence.text}
