"""What a sentence says about an element: done (achieved), future work (planned) or an
admitted gap (problem), decided from the part it sits in and from cue words."""

from __future__ import annotations

import re

from checker.understand.language import Language

# a year on its own, not a date (2024年1月 in a report on 2023 is when work was done)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
CLAUSE_END = re.compile(r"[，,。；;！？!?]")
CLAUSE_START = re.compile(r"[，,；;]\s*")
# a document's name or a planning range (《…规划（2021—2035年）》) is not a date of future work
NAMES_AND_RANGES = re.compile(r"《[^》]*》|(?:19|20)\d{2}\s*[—–\-－~～至到]\s*(?:19|20)\d{2}\s*年")


def sentence_stances(text: str, offset: int, role: str, kind: str, language: Language, *,
                     gaps: tuple[str, ...] = (), plans: tuple[str, ...] = (),
                     period_end: int | None = None,
                     foreign=None) -> list[tuple[str, str]]:
    """[(stance, why)] for one sentence of evidence whose wording starts at `offset`: one
    stance, or two when the sentence claims the thing and then admits a gap in it after
    a contrast (…覆盖率100%，但归档管理仍有待规范). `foreign(low, high)`: whether another
    element's wording starts between two offsets; a gap cue after one is about that one."""
    if kind == "implementation-plan":
        return [("planned", "the document is an implementation plan")]
    if role == "shortcomings":
        return [("problem", "in the shortcomings part")]
    if role == "next-steps":
        return [("planned", "in the next-steps part")]
    claim, after = split_at_contrast(text, offset, language)
    cue = problem_cue(claim, language, gaps, offset=offset, foreign=foreign)
    if cue:
        return [("problem", f"admits a gap ({cue})")]
    stance = [_claim_stance(claim, role, kind, language, plans, period_end)]
    cue = problem_cue(after, language, gaps) if after else None
    if cue and stance[0][0] != "problem":
        stance.append(("problem", f"admits a gap after a contrast ({cue})"))
    return stance


def _claim_stance(text, role, kind, language, plans, period_end) -> tuple[str, str]:
    cue = plan_cue(text, role, language, plans, period_end, weak=kind != "annual-report")
    if cue:
        return "planned", f"states future work ({cue})"
    return "achieved", f"states work done (in the {role} part)" if role != "other" else "states work done"


def split_at_contrast(text: str, offset: int, language: Language) -> tuple[str, str]:
    """The sentence up to the first clause after the wording that opens with 但/然而/不过,
    and the rest ('' when there is none)."""
    for match in CLAUSE_START.finditer(text, offset):
        clause = text[match.end():]
        if any(clause.startswith(m) for m in language.contrast_markers):
            return text[:match.end()], clause
    return text, ""


def problem_cue(text: str, language: Language, gaps: tuple[str, ...] = (), *,
                offset: int | None = None, foreign=None) -> str | None:
    """The first gap cue in `text` that is about the wording at `offset`: not one that
    follows another element's wording (在述法中坦言，法制审核还不够规范)."""
    if any(u.search(text) for u in language.problem_unless):
        return None
    for cue in gaps + language.problem:
        start = text.find(cue)
        while start != -1:
            if offset is None or foreign is None or start <= offset or not foreign(offset + 1, start):
                return cue
            start = text.find(cue, start + 1)
    return None


def plan_cue(text: str, role: str, language: Language, plans: tuple[str, ...] = (),
             period_end: int | None = None, weak: bool = True) -> str | None:
    """A cue of future work. Weak cues (持续, 坚持, 要 at the start of a clause) describe
    ongoing work as often as plans, so they count only outside a report's account of the
    year (`weak`) and outside its achievements."""
    cue = next((c for c in plans + language.plan_strong if c in text), None)
    if cue:
        return cue
    match = next((m for p in language.plan_strong_patterns for m in p.finditer(text)
                  if not _ba_construction(text, m, language)), None)
    if match:
        return match.group(0)
    if period_end and any(int(y) > period_end for y in YEAR.findall(NAMES_AND_RANGES.sub("", text))):
        return "a year after the period"
    if weak:
        requirement = next((c for c in language.plan_requirement if c in text), None)
        if requirement:
            return requirement
    if weak and role not in ("achievements", "leader-duty"):
        stripped = text.lstrip(" \u3000一二三四五六七八九十是、.．(（)）0123456789")
        return next((c for c in language.plan_weak if stripped.startswith(c)), None)
    return None


def _ba_construction(text: str, match: re.Match, language: Language) -> bool:
    """将 used as 把 (将X纳入考核): a marker later in the same clause."""
    if "将" not in match.group(0):
        return False
    rest = CLAUSE_END.split(text[match.end():], maxsplit=1)[0]
    return any(marker in rest for marker in language.ba_markers)
