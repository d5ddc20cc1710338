"""Find the sentences that satisfy an element's wordings.

Each claim is tried by its matcher kind (checker.packs.kinds), on the sentences that hold one
of its wordings (TermIndex, one Aho-Corasick pass over each sentence); the kind is lent a MatchContext.
A term counts only where it starts and ends on a jieba word boundary, so 顾问 in
参谋、助手和顾问作用 is not 法律顾问 and 陈述法律 does not contain 述法. Only sentences
that contain a term at all are segmented, which gives the same result as segmenting
everything, many times faster.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import ahocorasick

from checker.match.segment import Segmenter
from checker.packs.kinds import KINDS
from checker.packs.literals import holds, needed
from checker.packs.model import Claim
from checker.understand.document import Document
from checker.understand.headings import INLINE_LEVEL
from checker.understand.language import Language
from checker.understand.records import Heading


@dataclass(frozen=True)
class Sentence:
    index: int          # position in the document's sentence list
    line: int           # 0-based line index
    start: int          # column of the sentence's first character in that line
    text: str           # match text (Simplified, noise masked)
    role: str
    section: str
    # a list of sibling headings read as one sentence ((十七)…、(十八)…): only a count
    # claim that asks for it reads one (`across_headings`)
    listing: bool = False


@dataclass(frozen=True)
class Hit:
    sentence: Sentence
    offset: int         # offset of the term in the sentence
    term: str


@dataclass(frozen=True)
class Rejection:
    sentence: Sentence
    term: str
    reason: str


class Enclosures:
    """Spans of a sentence (a law's name, a frame), each with why it rejects what lies
    inside: which span first holds an occurrence, in the order given. A lookup per
    occurrence, not a scan of every span, so a long sentence with thousands of titles and
    thousands of occurrences is not quadratic."""

    def __init__(self, spans: list[tuple[int, int, str]]):
        self._spans = spans
        by_start = sorted(spans, key=lambda span: span[0])
        self._starts = [low for low, _, _ in by_start]
        self._reach: list[int] = []          # the furthest end of the spans starting so far
        for _, high, _ in by_start:
            self._reach.append(max(high, self._reach[-1]) if self._reach else high)

    def holding(self, start: int, end: int) -> str | None:
        index = bisect_right(self._starts, start) - 1
        if index < 0 or self._reach[index] < end:
            return None
        # some span holds it: the first one in the given order says why
        return next(why for low, high, why in self._spans if low <= start and end <= high)


class MatchContext:
    """What the matchers need: the segmenter, the reading cues, and a rejection log for
    `fazhi explain` (why a sentence that contains a wording did not count)."""

    def __init__(self, segmenter: Segmenter, language: Language, trace: bool = False,
                 sentences: list[Sentence] | None = None):
        self.segmenter, self.language = segmenter, language
        self.rejections: list[Rejection] | None = [] if trace else None
        self._framed: dict[int, Enclosures] = {}   # sentence index -> its frames
        self._laws: dict[int, Enclosures] = {}     # sentence index -> its laws' names
        # each frame with what a sentence must hold for it to match there (literals.needed);
        # given the report's sentences, only the frames the report as a whole can hold
        frame_needs = [(f, needed(f.pattern.pattern, f.pattern.flags)) for f in language.frames]
        if sentences is not None:
            text = "\n".join(s.text for s in sentences)
            frame_needs = [(f, needs) for f, needs in frame_needs if holds(text, needs)]
        self._frame_needs = frame_needs
        # (sentence index, start, end) -> on word boundaries: kept for the whole report, so
        # however many claims look at an occurrence it is segmented once
        self._whole_word: dict[tuple[int, int, int], bool] = {}

    def occurrences(self, sentence: Sentence, term: str) -> list[int]:
        """Offsets where `term` stands as a word (or words) in the sentence, outside the
        name of a law or regulation."""
        found, start = [], sentence.text.find(term)
        laws = self._law_titles(sentence)
        frames = self._frames(sentence)
        while start != -1:
            end = start + len(term)
            reason = self._rejected(sentence, start, end, laws, frames)
            if reason is None:
                found.append(start)
            elif self.rejections is not None:
                self.rejections.append(Rejection(sentence, term, reason))
            start = sentence.text.find(term, start + 1)
        return found

    def _rejected(self, sentence: Sentence, start: int, end: int, laws: Enclosures,
                  frames: Enclosures) -> str | None:
        law = laws.holding(start, end)
        if law:
            return law
        framed = frames.holding(start, end)
        if framed:
            return framed
        if not self._on_word_boundaries(sentence, start, end):
            # the segmented neighbourhood is only worth computing when someone reads it
            return self._not_a_word(sentence, start, end) if self.rejections is not None else "not a word"
        return None

    def _on_word_boundaries(self, sentence: Sentence, start: int, end: int) -> bool:
        key = (sentence.index, start, end)
        verdict = self._whole_word.get(key)
        if verdict is None:
            verdict = self._whole_word[key] = self.segmenter.on_word_boundaries(sentence.text, start, end)
        return verdict

    def _frames(self, sentence: Sentence) -> Enclosures:
        """Spans of the sentence that name work only as the area or object of something
        else; found once per sentence, however many terms are looked up in it."""
        found = self._framed.get(sentence.index)
        if found is None:
            text = sentence.text
            found = Enclosures([(low, high, frame.why) for frame, needs in self._frame_needs
                                if holds(text, needs) for low, high in frame.spans(text)])
            self._framed[sentence.index] = found
        return found

    def _law_titles(self, sentence: Sentence) -> Enclosures:
        """The names of laws and regulations in the sentence, found once per sentence."""
        found = self._laws.get(sentence.index)
        if found is None:
            text = sentence.text
            found = self._laws[sentence.index] = Enclosures(
                [(*m.span(), "inside the name of a law or regulation")
                 for m in self.language.law_title.finditer(text)] if "《" in text else [])
        return found

    def _not_a_word(self, sentence: Sentence, start: int, end: int) -> str:
        around = sentence.text[max(0, start - 4):end + 4]
        return f"not a whole word here ({' / '.join(self.segmenter.words(around))})"

    def first(self, sentence: Sentence, terms: Iterable[str]) -> tuple[int, str] | None:
        """(offset, term) of the earliest whole-word occurrence of any of the terms."""
        best = None
        for term in terms:
            if term in sentence.text:
                offsets = self.occurrences(sentence, term)
                if offsets and (best is None or offsets[0] < best[0]):
                    best = (offsets[0], term)
        return best


def split_sentences(document: Document, language: Language) -> list[Sentence]:
    """Sentences of every non-blank line, cut after 。！？； (the terminator stays with it)."""
    pattern = re.compile(f"[^{re.escape(language.terminators)}]+[{re.escape(language.terminators)}]*")
    sentences: list[Sentence] = []
    for line_index, line in enumerate(document.lines):
        if not line.strip():
            continue
        for match in pattern.finditer(line):
            if match.group(0).strip():
                sentences.append(Sentence(len(sentences), line_index, match.start(), match.group(0),
                                          document.role_at(line_index, match.start()),
                                          document.section_at(line_index, match.start())))
    return sentences + heading_lists(document, len(sentences))


def heading_lists(document: Document, first_index: int) -> list[Sentence]:
    """Each run of two or more sibling headings (one parent, one level) as one sentence of
    their texts: a plan or report that names one item per heading ((十七)建立专家咨询论证制度
    / (十八)建立集体决策制度) names them together."""
    groups: dict[tuple[int, int], list[Heading]] = {}
    above: dict[int, int] = {}          # level -> line of the last heading at that level
    for heading in document.info.headings:
        if heading.level >= INLINE_LEVEL:
            continue
        parent = next((above[level] for level in range(heading.level - 1, 0, -1) if level in above), 0)
        groups.setdefault((parent, heading.level), []).append(heading)
        above = {level: line for level, line in above.items() if level < heading.level}
        above[heading.level] = heading.line
    lists = [g for g in groups.values() if len(g) >= 2]
    return [_listing(first_index + n, group, document) for n, group in enumerate(lists)]


def _listing(index: int, group: list[Heading], document: Document) -> Sentence:
    first = group[0]
    line, column = first.line - 1, first.column - 1
    return Sentence(index, line, column, "、".join(h.text for h in group),
                    document.role_at(line, column), document.section_at(line, column), listing=True)


@lru_cache(maxsize=8)
def term_automaton(terms: frozenset[str]) -> ahocorasick.Automaton | None:
    """An Aho-Corasick automaton over the terms: one pass over a text finds every occurrence
    of every term, overlapping ones and terms inside longer terms included. Built once per
    set of terms per process."""
    terms = frozenset(t for t in terms if t)
    if not terms:
        return None
    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term, term)
    automaton.make_automaton()
    return automaton


class TermIndex:
    """Which sentences contain which pack terms, found in one multi-pattern pass over each
    sentence, so each claim looks only at the sentences that can satisfy it."""

    def __init__(self, sentences: list[Sentence], terms: set[str] | frozenset[str]):
        self.sentences = sentences
        self._automaton = term_automaton(terms if isinstance(terms, frozenset) else frozenset(terms))
        self._where: dict[str, list[int]] = {}
        self._terms = terms
        self._held: dict[tuple[str, ...], set[int]] = {}
        self._text: str | None = None
        self._starts: list[int] = []
        if self._automaton is None:
            return
        for sentence in sentences:
            for term in {term for _, term in self._automaton.iter(sentence.text)}:
                self._where.setdefault(term, []).append(sentence.index)

    def positions(self, text: str) -> list[tuple[int, str]]:
        """(start, term) of every pack term in `text`, overlapping ones included: by start,
        the longer of two terms starting at one place first."""
        if self._automaton is None:
            return []
        found = [(end - len(term) + 1, term) for end, term in self._automaton.iter(text)]
        return sorted(found, key=lambda p: (p[0], -len(p[1]), p[1]))

    def holding(self, sentences: list[Sentence], groups: tuple[tuple[str, ...], ...]) -> list[Sentence]:
        """Those of the sentences that hold one string of each group."""
        held: set[int] | None = None
        for group in groups:
            found = self._holding_one(group)
            held = found if held is None else held & found
        return sentences if held is None else [s for s in sentences if s.index in held]

    def _holding_one(self, group: tuple[str, ...]) -> set[int]:
        """Indexes of the sentences holding one of the strings: a pack term's from the
        term pass, any other string's from one search of the whole document."""
        found = self._held.get(group)
        if found is None:
            found = {i for term in group if term in self._terms for i in self._where.get(term, ())}
            others = [s for s in group if s not in self._terms]
            if others:
                found |= self._search(others)
            self._held[group] = found
        return found

    def _search(self, strings: list[str]) -> set[int]:
        """Indexes of the sentences holding one of the strings, from one search of them all."""
        if self._text is None:     # the sentences joined by a character none of them holds
            self._text = "\n".join(s.text for s in self.sentences)
            self._starts = list(accumulate((len(s.text) + 1 for s in self.sentences[:-1]), initial=0))
        if any("\n" in s or not s for s in strings):
            return set(range(len(self.sentences)))
        pattern = re.compile("|".join(re.escape(s) for s in sorted(strings, key=len, reverse=True)))
        return {bisect_right(self._starts, m.start()) - 1 for m in pattern.finditer(self._text)}

    def candidates(self, claim: Claim) -> list[Sentence]:
        terms = claim.wordings
        if not terms:
            return self.sentences
        where = self._where
        indexes = sorted({i for t in terms if t in where for i in where[t]})
        return [self.sentences[i] for i in indexes]


def claim_hits(claim: Claim, index: TermIndex, ctx: MatchContext) -> list[Hit]:
    """Every sentence that satisfies the claim (one hit per sentence)."""
    kind = KINDS[claim.kind]
    hits = []
    sentences = index.candidates(claim)
    if sentences and kind.needs and ctx.rejections is None:    # `fazhi explain` logs why each one fails
        sentences = index.holding(sentences, kind.needs(claim.spec))
    for sentence in sentences:
        if sentence.listing and not getattr(claim.spec, "across_headings", False):
            continue
        found = kind.find(claim.spec, sentence, ctx)
        if found is None:
            continue
        hit = Hit(sentence, *found)
        blocker = next((u for u in claim.unless if u in sentence.text), None)
        if blocker:
            if ctx.rejections is not None:
                ctx.rejections.append(Rejection(sentence, hit.term, f"excluded by {blocker!r}"))
            continue
        hits.append(hit)
    return hits
