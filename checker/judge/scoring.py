"""Score a report: applicability by date, element scores, pack and report scores, the gate.

met 1, partial 0.5, missing 0, weighted; an element whose requirement did not yet apply to
the period (its `since` year) leaves the score, whatever the report says about it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from checker.judge.results import ElementResult
from checker.packs.model import Element

STATUS_SCORE = {"met": 1.0, "partial": 0.5, "missing": 0.0}


@dataclass(frozen=True)
class Gate:
    fail_under: float = 60.0
    fail_on: tuple[str, ...] = ("required",)   # severities whose missing elements fail
    preset: str | None = None                  # the bundled preset it started from, if any


def apply_applicability(result: ElementResult, element: Element, as_of: int | None) -> ElementResult:
    applicable = element.since is None or as_of is None or element.since <= as_of
    if not applicable:
        status = "not-applicable" if result.status == "missing" else result.status
        return replace(result, applicable=False, status=status, score=None)
    score = STATUS_SCORE[result.status]
    # judging gives each result its status's score: a copy only when a later step changed it
    return result if result.score == score and result.applicable else replace(result, score=score)


def weighted_score(elements) -> float | None:
    counted = [e for e in elements if e.score is not None]
    total = sum(e.weight for e in counted)
    if not counted or total == 0:
        return None
    return round(100.0 * sum(e.weight * e.score for e in counted) / total, 1)


def pack_scores(elements) -> dict[str, float]:
    packs: dict[str, list[ElementResult]] = {}
    for element in elements:
        packs.setdefault(element.pack, []).append(element)
    return {name: score for name, items in packs.items()
            if (score := weighted_score(items)) is not None}


def missing_ids(elements) -> tuple[str, ...]:
    return tuple(e.id for e in elements if e.status == "missing" and e.waived is None)


def passes(score: float | None, elements, gate: Gate) -> bool:
    blocking = [e for e in elements if e.status == "missing" and e.waived is None
                and e.severity in gate.fail_on]
    return (score is None or score >= gate.fail_under) and not blocking
