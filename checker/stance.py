"""What a sentence says about an element: done (achieved), future work (planned) or an
admitted gap (problem), decided from the part it sits in and from cue words."""

from __future__ import annotations

import re

from checker.language import Language

# a year on its own, not a date (2024年1月 in a report on 2023 is when work was done)
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
CLAUSE_END = re.compile(r"[，,。；;！？!?]")


def sentence_stance(text: str, role: str, kind: str, language: Language, *,
                    gaps: tuple[str, ...] = (), plans: tuple[str, ...] = (),
                    period_end: int | None = None) -> tuple[str, str]:
    """(stance, why) for one sentence of evidence."""
    if kind == "implementation-plan":
        return "planned", "the document is an implementation plan"
    if role == "shortcomings":
        return "problem", "in the shortcomings part"
    if role == "next-steps":
        return "planned", "in the next-steps part"
    cue = problem_cue(text, language, gaps)
    if cue:
        return "problem", f"admits a gap ({cue})"
    cue = plan_cue(text, role, language, plans, period_end, weak=kind != "annual-report")
    if cue:
        return "planned", f"states future work ({cue})"
    return "achieved", f"states work done (in the {role} part)" if role != "other" else "states work done"


def problem_cue(text: str, language: Language, gaps: tuple[str, ...] = ()) -> str | None:
    if any(u.search(text) for u in language.problem_unless):
        return None
    return next((c for c in gaps + language.problem if c in text), None)


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
    if period_end and any(int(y) > period_end for y in YEAR.findall(text)):
        return "a year after the period"
    if weak and role not in ("achievements", "leader-duty"):
        stripped = text.lstrip(" \u3000一二三四五六七八九十是、.．(（)）0123456789")
        return next((c for c in language.plan_weak if stripped.startswith(c)), None)
    return None


def _ba_construction(text: str, match: re.Match, language: Language) -> bool:
    """将 used as 把 (将X纳入考核): a marker later in the same clause."""
    if not match.group(0).startswith("将") and "将" not in match.group(0):
        return False
    rest = CLAUSE_END.split(text[match.end():], maxsplit=1)[0]
    return any(marker in rest for marker in language.ba_markers)
