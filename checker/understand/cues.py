"""Cue words and patterns in a sentence (rules/language.yaml `stance`): of future work or a
requirement, of an admitted gap, of a contrast, of a sentence that only describes a rule.
Understanding uses them for lead-ins that announce plans; the judge step decides a
sentence's stance from them and from the part it sits in."""

from __future__ import annotations

import re

from checker.language.model import Language


def split_at_contrast(text: str, offset: int, language: Language) -> tuple[str, str]:
    """The sentence up to the first clause after the wording that opens with 但/然而/不过,
    and the rest ('' when there is none)."""
    for match in language.clause_break.finditer(text, offset):
        # startswith at an offset, not on a slice: a slice per clause copies the rest of
        # the sentence each time, quadratic in a sentence of many thousand clauses
        if text.startswith(language.contrast_markers, match.end()):
            return text[:match.end()], text[match.end():]
    return text, ""


def problem_cue(text: str, language: Language, gaps: tuple[str, ...] = (), *,
                offset: int | None = None, foreign=None) -> str | None:
    """The first gap cue in `text` that is about the wording at `offset`: not one that
    follows another element's wording in a later clause (在述法中坦言，法制审核还不够规范).
    Another element's wording in the wording's own clause does not take the gap from it:
    one clause has one subject, and what the other wording names there is a part or an
    aspect of it (对专家论证意见、听证记录等公开力度不足 is about the procedures)."""
    if any(u.search(text) for u in language.problem_unless):
        return None
    text = _masked(text, language.problem_masks)
    own_clause_end = _clause_end(text, offset, language) if offset is not None else 0
    def about_it(start: int) -> bool:
        if offset is None or foreign is None or start <= own_clause_end:
            return True
        return not foreign(own_clause_end, start)
    for cue in gaps + language.problem:
        start = text.find(cue)
        while start != -1:
            if about_it(start):
                return cue
            start = text.find(cue, start + 1)
    return next((m.group(0) for p in language.problem_patterns for m in p.finditer(text)
                 if about_it(m.start())), None)


def plan_cue(text: str, role: str, language: Language, plans: tuple[str, ...] = (),
             period_end: int | None = None, weak: bool = True) -> str | None:
    """A cue of future work. Weak cues (持续, 坚持, 要 at the start of a clause) describe
    ongoing work as often as plans, so they count only outside a report's account of the
    year (`weak`) and outside the parts that account for the year's work; so does a modal
    anywhere in a clause (各部门要…), the register of requirements."""
    cue = next((c for c in plans + language.plan_strong if c in text), None)
    if cue:
        return cue
    match = next((m for p in language.plan_strong_patterns for m in p.finditer(text)
                  if not _ba_construction(text, m, language)), None)
    if match:
        return match.group(0)
    if period_end and _later_year(text, period_end, language):
        return "a year after the period"
    if weak:
        verbs = without_nouns(text, language)
        requirement = next((c for c in language.plan_requirement if c in verbs), None)
        if requirement:
            return requirement
    if weak and role not in language.account_parts:
        stripped = text.lstrip(language.item_numbering)
        opening = next((c for c in language.plan_weak if stripped.startswith(c)), None)
        return opening or modal_cue(text, language)
    return None


def modal_cue(text: str, language: Language) -> str | None:
    """A modal before a verb anywhere in the sentence (我县要持续…, 需要进一步明确…)."""
    match = language.requirement_modals.search(without_nouns(text, language))
    return match.group(0) if match else None


def without_nouns(text: str, language: Language) -> str:
    """The text with 要求 used as a noun blanked, every offset kept."""
    def blank(match: re.Match) -> str:
        start, end = match.span("noun")
        whole = match.group(0)
        return whole[:start - match.start()] + "\u3000" * (end - start) + whole[end - match.start():]
    return language.requirement_nouns.sub(blank, text)


def lead_in_cue(text: str, language: Language) -> str | None:
    """The opening that announces requirements for the rest of a paragraph (会议强调，/ 一要),
    with its item numbering or without ((二)会议要求：)."""
    openings = (text.strip(), text.lstrip(language.item_numbering))
    match = next((m for o in openings for p in language.requirement_lead_ins for m in [p.match(o)] if m),
                 None)
    return match.group(0) if match else None


def stops_lead_in(text: str, language: Language) -> bool:
    """A sentence that opens as a report of what happened (会议还…), ending a lead-in's reach."""
    return any(p.match(text.strip()) for p in language.requirement_carry_stops)


def is_example(text: str, language: Language) -> bool:
    """An example of the sentence before it (如…, 比如…)."""
    return bool(language.example_opening.match(text.lstrip(language.item_numbering)))


def purpose_cue(text: str, language: Language) -> str | None:
    """The document's own purpose (为…，制定本方案 / 制定…如下)."""
    match = language.purpose_clause.match(text.strip())
    return match.group(0)[:24] + "…" if match else None


def preparation_cue(text: str, language: Language) -> str | None:
    """Rules being studied or drafted, not yet in force (研究…的实施细则)."""
    match = language.preparation.search(text)
    return match.group(0) if match else None


def description_cue(text: str, language: Language) -> str | None:
    """A sentence about a regulation or a system itself (《规定》列出…, X制度是…)."""
    stripped = text.strip()
    match = next((m for p in language.descriptions for m in [p.search(stripped)] if m), None)
    return match.group(0) if match else None


def refers_back(text: str, language: Language) -> tuple[str, bool] | None:
    """How a sentence goes on about what the sentence before it named: (the words, whether
    they point back explicitly). 这一制度, 该项工作 do; an opening contrast (然而, 但) with
    the system named again (…制度…) refers back only loosely."""
    stripped = text.strip()
    match = language.reference.search(stripped)
    if match:
        return match.group(0), True
    opening = next((m for m in language.contrast_markers if stripped.startswith(m)), None)
    again = language.reference_after_contrast.search(stripped) if opening else None
    return (f"{opening}…{again.group(0)}", False) if again else None


def _clause_end(text: str, offset: int, language: Language) -> int:
    """Where the clause holding `offset` ends: the next clause break after it, or the end."""
    match = language.clause_break.search(text, offset)
    return match.start() if match else len(text)


def _masked(text: str, patterns) -> str:
    """The text with what the patterns match blanked out, every offset kept."""
    for pattern in patterns:
        text = pattern.sub(lambda m: "\u3000" * len(m.group(0)), text)
    return text


def _later_year(text: str, period_end: int, language: Language) -> bool:
    """A year after the period, outside document names and planning ranges."""
    text = language.names_and_ranges.sub("", text)
    return any(int(m.group("year")) > period_end for m in language.later_year.finditer(text))


def _ba_construction(text: str, match: re.Match, language: Language) -> bool:
    """将 used as 把 (将X纳入考核): a marker later in the same clause."""
    if language.ba_word not in match.group(0):
        return False
    rest = language.clause_end.split(text[match.end():], maxsplit=1)[0]
    return any(marker in rest for marker in language.ba_markers)
