"""The kind of a document (annual-report, implementation-plan or other), what it looks
like when it is not an annual report (its genre), and the signals that decided.

Signals are tried in a fixed order (rules/language.yaml `kinds` describes it): the title,
the opening lines, the register of the body, its structure. Every signal is kept, the
first that names a kind decides, and `fazhi explain --kind` shows them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cached_property

from checker.language.model import Genre, KindRules, Language
from checker.understand.records import DocumentGenre, KindSignal

REPORT = "annual-report"
PLAN = "implementation-plan"
OTHER = "other"


@dataclass(frozen=True)
class KindDecision:
    kind: str
    genre: DocumentGenre | None
    signals: tuple[KindSignal, ...]


@dataclass(frozen=True)
class BodyText:
    """The text after the title, noise blanked, and what the signals read in it."""

    lines: tuple[str, ...]           # non-empty lines
    language: Language

    @cached_property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def opening(self) -> tuple[str, ...]:
        return self.lines[: self.language.kind_rules.opening_zone]

    @property
    def top(self) -> str:
        return "".join(self.lines[: self.language.top_lines])

    @cached_property
    def sentences(self) -> tuple[str, ...]:
        ends = re.escape(self.language.terminators)
        pattern = re.compile(f"[^{ends}]+[{ends}]*")
        return tuple(s.strip() for line in self.lines for s in pattern.findall(line) if s.strip())

    @property
    def first_sentence(self) -> str:
        return self.sentences[0] if self.sentences else ""

    def count(self, pattern: re.Pattern | None) -> int:
        return len(pattern.findall(self.text)) if pattern else 0

    def per_mille(self, count: int) -> float:
        return 1000 * count / max(1, sum(len(t.strip()) for t in self.lines))


def decide_kind(title: str, lines, language: Language, parts: AbstractSet[str] = frozenset()) -> KindDecision:
    """The kind of a document from its title and its body (`lines`: the text after the
    title, noise blanked); `parts`: the parts its headings name."""
    body = BodyText(tuple(t for t in lines if t.strip()), language)
    signals = [*_title_signals(title, body, language), *_opening_signals(body, language),
               _register_signal(body, language.kind_rules), *_structure_signals(body, language, parts)]
    chosen = next((i for i, s in enumerate(signals) if s.says), None)
    if chosen is None:
        return KindDecision(OTHER, None, tuple(signals))
    signals[chosen] = replace(signals[chosen], decided=True)
    decided = signals[chosen]
    genre = language.kind_rules.genre_by_id(decided.genre) if decided.genre else None
    return KindDecision(decided.says, DocumentGenre(genre.id, genre.name) if genre else None, tuple(signals))


# --- the title --------------------------------------------------------------------------

def unspaced(title: str, language: Language) -> str:
    """政 府 工 作 报 告 -> 政府工作报告: a title spelled out with spaces is read without them."""
    title = title.strip()
    return "".join(title.split()) if language.title_spaced.match(title) else title


def names_a_kind(text: str, language: Language) -> bool:
    """Whether a title-like line names a kind of document (a title, not a heading)."""
    rules = language.kind_rules
    return (any(w in text for w in rules.report_words) or _title_genre(text, rules, OTHER) is not None
            or _title_genre(text, rules, PLAN) is not None)


def _title_signals(title: str, body: BodyText, language: Language) -> list[KindSignal]:
    """A notice that issues a document is read by that document's title first."""
    rules = language.kind_rules
    if not title:
        return [KindSignal("title", "", "no title found")]
    title = unspaced(title, language)
    carried = rules.carried_title.search(title)
    if carried:
        signal = _title_signal(carried.group("inner"), body, language)
        if signal:
            return [replace(signal, signal="carried-" + signal.signal,
                            evidence=f"issues 《{carried.group('inner')}》: {signal.evidence}")]
    signal = _title_signal(title, body, language)
    return [signal or KindSignal("title", "", f"the title names no kind of document: {title}")]


def _title_signal(title: str, body: BodyText, language: Language) -> KindSignal | None:
    """A genre of another kind; else a report's words (with its subject); else a plan's.
    Genres are looked for without asides ((征求意见稿)) and the names of documents cited."""
    rules = language.kind_rules
    plain = language.document_names.sub("", language.title_asides.sub("", title))
    genre = _title_genre(plain, rules, OTHER)
    if genre:
        return KindSignal("title-genre", genre.kind, f"{genre.name}: {_found(genre.title, plain)}", genre.id)
    word = next((w for w in rules.report_words if w in title), None)
    if word:
        return _report_title(title, word, body, rules)
    genre = _title_genre(plain, rules, PLAN)
    if genre:
        return KindSignal("title-plan", genre.kind, f"{genre.name}: {_found(genre.title, plain)}", genre.id)
    return None


def _title_genre(title: str, rules: KindRules, kind: str) -> Genre | None:
    """The first genre of this kind its title wordings name (those of kind other are looked
    for before the report's words, those of kind implementation-plan after them)."""
    for genre in rules.genres:
        if genre.kind != kind or not any(p.search(title) for p in genre.title):
            continue
        if genre.without_subject and rules.subject.search(title):
            continue
        return genre
    return None


def _report_title(title: str, word: str, body: BodyText, rules: KindRules) -> KindSignal:
    subject = rules.subject.search(title)
    if subject:
        return KindSignal("title-report", REPORT, f"{word} with {subject.group(0)}")
    reading = _subject_reading(body, rules)
    if reading.about:
        return KindSignal("title-report", REPORT, f"{word}, with no subject in the title; the body is "
                                                  f"about it ({reading.text})")
    other = rules.genre("other-subject")
    return KindSignal("title-report", other.kind, f"{word}, but neither the title nor the body is about "
                                                  f"the report's subject ({reading.text})", other.id)


def _found(patterns, text: str) -> str:
    return next((m.group(0) for p in patterns for m in [p.search(text)] if m), "")


# --- the subject ------------------------------------------------------------------------

@dataclass(frozen=True)
class SubjectReading:
    count: int
    per_mille: float
    in_first_sentence: bool
    rival: Genre | None              # a genre whose own subject the text names more often
    rival_count: int
    rules: KindRules

    @property
    def about(self) -> bool:
        """About the report's subject: named often enough, or in the first sentence, and
        not less often than another genre's subject."""
        often = self.count >= self.rules.subject_min and self.per_mille >= self.rules.subject_per_mille
        return (often or self.in_first_sentence) and self.rival is None

    @property
    def text(self) -> str:
        found = f"subject named {self.count} times, {self.per_mille:.1f} per 1000 characters"
        if self.in_first_sentence:
            found += ", in the opening sentence"
        if self.rival:
            found += f"; {self.rival.name}'s subject {self.rival_count} times"
        return found


def _subject_reading(body: BodyText, rules: KindRules, opening: str = "") -> SubjectReading:
    """How much the body is about the report's subject; `opening`: the sentence that makes
    it look like a report (现将我县…法治政府建设情况报告如下), which counts as its first."""
    count = body.count(rules.subject)
    rivals = [(body.count(g.subject), g) for g in rules.genres if g.subject is not None]
    rival_count, rival = max(rivals, key=lambda r: r[0], default=(0, None))
    first = any(rules.subject.search(s) for s in (body.first_sentence, opening) if s)
    return SubjectReading(count, body.per_mille(count), first,
                          rival if rival_count > count else None, rival_count, rules)


def _report_if_about(signal: str, evidence: str, body: BodyText, rules: KindRules,
                     opening: str = "") -> KindSignal:
    """A report, when the text is about the report's subject; else a report on another."""
    reading = _subject_reading(body, rules, opening)
    if reading.about:
        return KindSignal(signal, REPORT, f"{evidence} ({reading.text})")
    other = reading.rival or rules.genre("other-subject")
    return KindSignal(signal, other.kind, f"{evidence}, but not about the report's subject ({reading.text})",
                      other.id)


# --- the opening lines ------------------------------------------------------------------

def _opening_signals(body: BodyText, language: Language) -> Iterator[KindSignal]:
    rules = language.kind_rules
    carried = next((m for t in body.opening for m in [rules.carried_body.search(t)] if m), None)
    if carried:
        signal = _title_signal(carried.group("inner"), body, language)
        if signal:
            yield replace(signal, signal="carried-body", evidence=f"issues 《{carried.group('inner')}》: "
                                                                  f"{signal.evidence}")
    for genre in rules.genres:
        found = next((m.group(0) for p in genre.body for t in body.opening for m in [p.search(t)] if m), None)
        if found:
            yield KindSignal("opening-genre", genre.kind, f"{genre.name}: {found}", genre.id)
    opener = next((w for w in rules.report_openers if w in body.top), None)
    if opener:
        sentence = next((s for s in body.sentences if opener in s), "")
        yield _report_if_about("opener", opener, body, rules, sentence)
    opener = next((w for w in rules.plan_openers if w in body.top), None)
    if opener:
        plan = rules.genre("plan")
        yield KindSignal("opener", plan.kind, opener, plan.id)
    yield from _first_sentence_signals(body, rules)


def _first_sentence_signals(body: BodyText, rules: KindRules) -> Iterator[KindSignal]:
    first = body.first_sentence
    found = rules.report_opening.search(first)
    if found:
        evidence = f"a report's first sentence: {found.group(0)[:40]}"
        yield _report_if_about("opening-sentence", evidence, body, rules)
    found = rules.plan_opening.search(first)
    if found:
        plan = rules.genre("plan")
        evidence = f"a plan's first sentence: {found.group(0)[:40]}"
        yield KindSignal("opening-sentence", plan.kind, evidence, plan.id)


# --- the register and the structure -----------------------------------------------------

def _register_signal(body: BodyText, rules: KindRules) -> KindSignal:
    """Requirement sentences (要, 应当, 不得, a deadline, 建立…制度 items reporting nothing)
    against sentences reporting work done (了, 已, 全年, counts)."""
    register = rules.register
    requirements = reporting = 0
    for sentence in body.sentences:
        reports = bool(register.reporting.search(sentence))
        if register.requirement.search(sentence) or (register.task_item.match(sentence) and not reports):
            requirements += 1
        elif reports:
            reporting += 1
    counts = f"{requirements} requirement sentences, {reporting} reporting ones"
    if requirements >= register.min_requirements and reporting <= requirements * register.max_reporting_share:
        plan = rules.genre("plan")
        return KindSignal("register", plan.kind, f"requirements, not reporting: {counts}", plan.id)
    return KindSignal("register", "", counts)


def _structure_signals(body: BodyText, language: Language, parts: AbstractSet[str]) -> Iterator[KindSignal]:
    rules = language.kind_rules
    table = _found(rules.register.plan_structure, body.text)
    if table:
        plan = rules.genre("plan")
        yield KindSignal("structure", plan.kind, f"a task table or list: {table}", plan.id)
    report_parts = sorted(language.report_marking_parts & parts)
    if report_parts:
        yield _report_structure(", ".join(report_parts), body, rules)


def _report_structure(parts: str, body: BodyText, rules: KindRules) -> KindSignal:
    """A report's parts make a report when a body that did the work writes them: a text
    about the country (我国, 各地) is an essay."""
    national, reporting = body.count(rules.national_body), body.count(rules.reporting_body)
    if national >= rules.national_min and national > reporting:
        essay = rules.genre("national-subject")
        evidence = (f"a report's parts ({parts}), but about the country: {national} national "
                    f"mentions, {reporting} of a reporting body")
        return KindSignal("structure", essay.kind, evidence, essay.id)
    return _report_if_about("structure", f"a report's parts ({parts})", body, rules)
