"""Inspectors' decisions: an element's status as an inspector decided it for one report.

A decision is kept in the audit ledger (checker.ledger) against the report's content (its
SHA-256), so it holds for that exact file in every later check or audit run with the
ledger, and for no other version of it. The element keeps what fazhi found beside the
decision (`decision.found`), and the score and the gate follow the decision.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from checker.judge.results import ElementResult
from checker.judge.scoring import STATUS_SCORE

DECIDABLE = ("met", "partial", "missing")


@dataclass(frozen=True)
class Decision:
    """One decision as recorded: what the inspector said, who, when and why."""

    element: str
    status: str               # met | partial | missing
    reason: str
    by: str
    at: str                   # ISO date and time, UTC
    id: int = 0               # its number in the ledger


@dataclass(frozen=True)
class Decided:
    """The decision beside an element's result (`decision` in the JSON)."""

    status: str               # the inspector's status, now the element's
    found: str                # the status fazhi found
    reason: str
    by: str
    at: str
    id: int = 0


def apply_decisions(results: list[ElementResult], decisions: tuple[Decision, ...]
                    ) -> tuple[list[ElementResult], list[str]]:
    """(results with decided elements changed, a warning for a decision that matches no element)."""
    latest = {d.element: d for d in sorted(decisions, key=lambda d: (d.at, d.id))}
    ids = {r.id for r in results}
    warnings = [f"inspector's decision #{d.id} on {d.element} matches no element in force"
                for d in latest.values() if d.element not in ids]
    return [_decide(r, latest[r.id]) if r.id in latest else r for r in results], warnings


def _decide(result: ElementResult, decision: Decision) -> ElementResult:
    counts = result.applicable and result.waived is None
    decided = Decided(decision.status, result.status, decision.reason, decision.by, decision.at, decision.id)
    return replace(result, status=decision.status,
                   score=STATUS_SCORE[decision.status] if counts else None, decision=decided)
