"""What a sentence says about an element: done (achieved), future work (planned) or an
admitted gap (problem), decided from the part it sits in and from cue words."""

from __future__ import annotations

from checker.language.model import Language
from checker.understand.cues import plan_cue, problem_cue, split_at_contrast

REPORT = "annual-report"
PLAN = "implementation-plan"


def sentence_stances(text: str, offset: int, role: str, kind: str, language: Language, *,
                     gaps: tuple[str, ...] = (), plans: tuple[str, ...] = (),
                     period_end: int | None = None,
                     foreign=None) -> list[tuple[str, str]]:
    """[(stance, why)] for one sentence of evidence whose wording starts at `offset`: one
    stance, or two when the sentence claims the thing and then admits a gap in it after
    a contrast (…覆盖率100%，但归档管理仍有待规范). `foreign(low, high)`: whether another
    element's wording starts between two offsets; a gap cue after one is about that one."""
    if kind == PLAN:
        return [_plan_stance(text, role, language, gaps)]
    if role in language.part_stances:
        return [(language.part_stances[role], f"in the {role} part")]
    claim, after = split_at_contrast(text, offset, language)
    cue = problem_cue(claim, language, gaps, offset=offset, foreign=foreign)
    if cue:
        return [("problem", f"admits a gap ({cue})")]
    stance = [_claim_stance(claim, role, kind, language, plans, period_end)]
    cue = problem_cue(after, language, gaps) if after else None
    if cue and stance[0][0] != "problem":
        stance.append(("problem", f"admits a gap after a contrast ({cue})"))
    return stance


def _plan_stance(text: str, role: str, language: Language, gaps) -> tuple[str, str]:
    """Everything in a plan is planned, except its own account of the problems it sets out
    to solve (当前…还存在一些问题：…程序不够完善)."""
    if language.part_stances.get(role) == "problem":
        return "problem", f"the plan's own account of a gap (in the {role} part)"
    cue = problem_cue(text, language, gaps)
    if cue:
        return "problem", f"the plan's own account of a gap ({cue})"
    return "planned", "the document is an implementation plan"


def _claim_stance(text, role, kind, language, plans, period_end) -> tuple[str, str]:
    cue = plan_cue(text, role, language, plans, period_end, weak=kind != REPORT)
    if cue:
        return "planned", f"states future work ({cue})"
    if role == language.default_part:
        return "achieved", "states work done"
    return "achieved", f"states work done (in the {role} part)"
