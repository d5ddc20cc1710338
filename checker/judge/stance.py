"""What a sentence says about an element: done (achieved), future work (planned) or an
admitted gap (problem), decided from the part it sits in, from cue words, and from the
sentences before it in its paragraph (a requirement lead-in, the sentence an example
illustrates). Outside a report, a sentence that only describes a regulation or a system
says nothing of the kind (NO_CLAIM)."""

from __future__ import annotations

from checker.language.model import Language
from checker.understand.cues import (
    description_cue,
    is_example,
    lead_in_cue,
    plan_cue,
    preparation_cue,
    problem_cue,
    purpose_cue,
    split_at_contrast,
    stops_lead_in,
)

NO_CLAIM = "no-claim"      # not a stance: the sentence carries no claim for the element
REPORT = "annual-report"
PLAN = "implementation-plan"


def sentence_stances(text: str, offset: int, role: str, kind: str, language: Language, *,
                     gaps: tuple[str, ...] = (), plans: tuple[str, ...] = (),
                     period_end: int | None = None, foreign=None,
                     before: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """[(stance, why)] for one sentence of evidence whose wording starts at `offset`: one
    stance, or two when the sentence claims the thing and then admits a gap in it after
    a contrast (…覆盖率100%，但归档管理仍有待规范). `foreign(low, high)`: whether another
    element's wording starts between two offsets; a gap cue after one is about that one.
    `before`: the sentences before this one in its paragraph, nearest last."""
    if kind == PLAN:
        return [_plan_stance(text, role, language, gaps)]
    if role in language.part_stances:
        return [(language.part_stances[role], f"in the {role} part")]
    claim, after = split_at_contrast(text, offset, language)
    cue = problem_cue(claim, language, gaps, offset=offset, foreign=foreign)
    if cue:
        return [("problem", f"admits a gap ({cue})")]
    stance = [_claim_stance(claim, role, kind, language, plans, period_end, before)]
    cue = problem_cue(after, language, gaps) if after else None
    if cue and stance[0][0] != "problem":
        if stance[0][0] == NO_CLAIM:
            return [("problem", f"admits a gap after a contrast ({cue})")]
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


def _claim_stance(text, role, kind, language, plans, period_end, before) -> tuple[str, str]:
    weak = kind != REPORT
    if weak:
        cue = description_cue(text, language)
        if cue:
            return NO_CLAIM, f"describes a regulation or a system, claims nothing ({cue})"
    planned = _requirement(text, role, kind, language, plans, period_end, before)
    if planned:
        return "planned", planned
    if before and is_example(text, language):
        example = _example_of(before[-1], role, kind, language, plans, period_end)
        if example:
            return example
    if role == language.default_part:
        return "achieved", "states work done"
    return "achieved", f"states work done (in the {role} part)"


def _requirement(text, role, kind, language, plans, period_end, before) -> str | None:
    """Why the sentence states future work or a requirement, or None."""
    weak = kind != REPORT
    cue = plan_cue(text, role, language, plans, period_end, weak=weak)
    if cue:
        return f"states future work ({cue})"
    cue = purpose_cue(text, language)
    if cue:
        return f"states the document's own purpose ({cue})"
    if not weak:
        return None
    cue = preparation_cue(text, language)
    if cue:
        return f"rules still being studied or drafted ({cue})"
    if role not in language.account_parts:
        cue = _lead_in(before + (text,), language)
        if cue:
            return f"under a requirement lead-in ({cue})"
        cue = _clause_before(before, role, kind, language, plans, period_end)
        if cue:
            return f"goes on with the requirement before its semicolon ({cue})"
    return None


def _clause_before(before, role, kind, language, plans, period_end) -> str | None:
    """The requirement cue of the clauses this one continues: sentences are cut at ；, but
    要求A；B。 requires B too."""
    for sentence in reversed(before):
        if not sentence.rstrip().endswith(language.clause_continues):
            return None
        cue = plan_cue(sentence, role, language, plans, period_end, weak=kind != REPORT)
        if cue:
            return cue
    return None


def _lead_in(sentences: tuple[str, ...], language: Language) -> str | None:
    """The requirement lead-in (会议强调，/ 一要…) that opens this sentence (the last) or
    reaches it from the ones before it in its paragraph, unless a sentence between reports
    what happened."""
    for sentence in reversed(sentences[-language.requirement_reach - 1:]):
        cue = lead_in_cue(sentence, language)
        if cue:
            return cue
        if stops_lead_in(sentence, language):
            return None
    return None


def _example_of(previous: str, role, kind, language, plans, period_end) -> tuple[str, str] | None:
    """An example says what the sentence it illustrates says: a requirement or a gap."""
    cue = problem_cue(previous, language)
    if cue:
        return "problem", f"an example of the gap before it ({cue})"
    planned = plan_cue(previous, role, language, plans, period_end, weak=kind != REPORT)
    if planned:
        return "planned", f"an example of the requirement before it ({planned})"
    return None
