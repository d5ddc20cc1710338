"""Compare two reports of the same government (two years, or two drafts of one report).

An element is *gained* when the new report meets it at least in part and the old one did
not, *lost* the other way round, *changed* when it stays on the same side but its status or
stance moved (partial -> met, or achieved -> also admitted as a problem), else *same*.
An element that only one of the two checks has (a pack added in between) counts as absent
in the other; one that did not yet apply to either period is at most *changed*.
"""

from __future__ import annotations

from dataclasses import dataclass

from checker.judge.results import ReportResult

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


@dataclass(frozen=True)
class ReportDiff:
    old_file: str
    new_file: str
    old_title: str
    new_title: str
    old_score: float | None
    new_score: float | None
    elements: tuple[ElementChange, ...]

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
                      elements=changes)


def _title(report: ReportResult) -> str:
    return report.document.title if report.document else ""


def _element_change(old, new) -> ElementChange:
    either = new or old
    old_status, new_status = (old.status if old else None), (new.status if new else None)
    old_stance, new_stance = (old.stance if old else None), (new.stance if new else None)
    return ElementChange(id=either.id, title=either.title,
                         change=_classify(old_status, new_status, old_stance, new_stance),
                         old_status=old_status, new_status=new_status,
                         old_stance=old_stance, new_stance=new_stance)


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


def diff_to_dict(diff: ReportDiff) -> dict:
    """The JSON form (schema `fazhi.diff/1`)."""
    return {"schema": "fazhi.diff/1",
            "old": {"file": diff.old_file, "title": diff.old_title, "score": diff.old_score},
            "new": {"file": diff.new_file, "title": diff.new_title, "score": diff.new_score},
            "score_change": diff.score_change,
            **{change: [_change_dict(e) for e in diff.of(change)] for change in CHANGES}}


def _change_dict(change: ElementChange) -> dict:
    return {"id": change.id, "title": change.title,
            "old": {"status": change.old_status, "stance": change.old_stance},
            "new": {"status": change.new_status, "stance": change.new_stance}}
