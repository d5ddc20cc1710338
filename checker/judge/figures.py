"""Key figures: the numbers inspectors compare across reports (出庭率, 受理复议案件数, 学法次数),
read from the sentences that report the year's work.

Each element of a pack declares the figures it carries (checker.packs.model.Figure): a
title, a unit, the wordings the number follows (出庭率达100%, 审结45件) and the wordings it
comes right before (40多名律师作为政府法律顾问). A figure is read, in a report only
(language.yaml `figures.read_in`), when:

- the number is the first one after the wording, in its clause, close enough
  (language.yaml `figures.within`), or the one right before a counted wording; the wording
  is not negated (不予受理) and, for a generic one (审核, 受理), names the figure's object
  before the number (`between`: 审核区政府规范性文件14件);
- the number is in the figure's unit (a count of 人次 is not a count of 名);
- the sentence names the figure's context, itself or in the sentence before it in its
  paragraph (审结45件 after a sentence on 行政复议), and none of its `unless` wordings;
- no standing rule governs it (每年学法不少于2次 is a rule, not a result);
- the sentence reports work done: its stance (checker.judge.stance, the stance the judge
  gives evidence) is achieved, and the number is not in a clause that turns to a gap after
  a contrast. A figure in a plan, a requirement or an admitted gap is not a result.

The period a figure refers to is the one the sentence names before it (全年, 2019年,
2012年以来), when it names one. The number keeps how it was written (40多名) and its
approximation (more-than), as checker.understand.numbers reads them.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace

from checker.judge.evidence import one_paragraph, paragraph_before
from checker.judge.results import ElementResult, KeyFigure
from checker.judge.stance import sentence_stances
from checker.match.matchers import Sentence, term_automaton
from checker.packs.model import Element, Figure
from checker.readers.source import SourceText
from checker.understand.document import Document
from checker.understand.language import FigureReading, Language
from checker.understand.numbers import Number, find_numbers


@dataclass(frozen=True)
class Binding:
    """A wording of a figure and the number it introduces or counts, in one sentence."""

    offset: int               # where the wording starts
    wording: str
    number: Number


class _View:
    """What reading figures looks up in one sentence, found once: its numbers, where its
    clauses break, the periods it names and where it turns to a contrast. A report copied
    without sentence ends is one sentence of a megabyte: every lookup is a bisection."""

    def __init__(self, sentence: Sentence, language: Language):
        text, reading = sentence.text, language.figures
        self.sentence, self.text = sentence, text
        self.numbers = find_numbers(text, language.numbers)
        self.starts = [n.start for n in self.numbers]
        self.ends = [n.end for n in self.numbers]
        self.breaks = [m.end() for m in reading.clause_break.finditer(text)]
        periods = list(reading.period.finditer(text))
        self.period_ends = [m.end() for m in periods]
        self.periods = [m.group(0).strip() for m in periods]
        contrasts = [m for m in language.clause_break.finditer(text)
                     if text.startswith(tuple(language.contrast_markers), m.end())]
        self.contrast_starts = [m.start() for m in contrasts]
        self.contrast_ends = [m.end() for m in contrasts]
        self.stances: dict[tuple, list[tuple[str, str]]] = {}

    def number_after(self, position: int) -> Number | None:
        index = bisect_left(self.starts, position)
        return self.numbers[index] if index < len(self.numbers) else None

    def number_before(self, position: int) -> Number | None:
        index = bisect_right(self.ends, position)
        return self.numbers[index - 1] if index else None

    def clause_start(self, position: int) -> int:
        index = bisect_right(self.breaks, position)
        return self.breaks[index - 1] if index else 0

    def claim_end(self, offset: int) -> int:
        """Where the claim a wording at `offset` makes ends: at the first clause after it
        that opens with a contrast (checker.understand.cues.split_at_contrast)."""
        index = bisect_left(self.contrast_starts, offset)
        return self.contrast_ends[index] if index < len(self.contrast_ends) else len(self.text)

    def period_before(self, position: int) -> str | None:
        """The nearest period the sentence names before `position`."""
        index = bisect_right(self.period_ends, position)
        return self.periods[index - 1] if index else None


class _Sentences:
    """The report's sentences, each looked at (_View) once, when first asked for, and which
    of them hold which figure wording: one Aho-Corasick pass over each sentence finds every
    wording of every figure, so each figure visits only the sentences that name it."""

    def __init__(self, sentences: list[Sentence], language: Language, words: frozenset[str]):
        self.items, self.language = sentences, language
        self._views: dict[int, _View] = {}
        self._where: dict[str, list[int]] = {}      # wording -> indexes of the sentences holding it
        automaton = term_automaton(words)
        if automaton is not None:
            for sentence in sentences:
                for word in {word for _, word in automaton.iter(sentence.text)}:
                    self._where.setdefault(word, []).append(sentence.index)

    def holding(self, words: tuple[str, ...]) -> list[Sentence]:
        """The sentences holding one of the words, in text order."""
        indexes = sorted({i for word in words for i in self._where.get(word, ())})
        return [self.items[i] for i in indexes]

    def view(self, sentence: Sentence) -> _View:
        found = self._views.get(sentence.index)
        if found is None:
            found = self._views[sentence.index] = _View(sentence, self.language)
        return found

    def before(self, sentence: Sentence) -> Sentence | None:
        """The sentence before this one, when it is in the same paragraph."""
        if sentence.index == 0:
            return None
        previous = self.items[sentence.index - 1]
        return previous if one_paragraph(previous, sentence) else None


def read_figures(elements: tuple[Element, ...], document: Document, sentences: list[Sentence],
                 source: SourceText, language: Language) -> tuple[KeyFigure, ...]:
    """Every key figure the report states as a result, in text order; none in a document
    that is not a report (language.yaml `figures.read_in`)."""
    if document.info.kind not in language.figures.read_in:
        return ()
    words = frozenset(w for e in elements for f in e.figures for w in f.wordings + f.counted)
    indexed = _Sentences(sentences, language, words)
    found: dict[tuple, KeyFigure] = {}
    for element in elements:
        for figure in element.figures:
            for view, binding in _readings(element, figure, document, indexed):
                sentence = view.sentence
                # one number, once (a numbered item can be read as a heading and a sentence)
                key = (element.id, figure.id, sentence.line, sentence.start + binding.number.start)
                found.setdefault(key, _key_figure(element, figure, view, binding, source))
    return tuple(sorted(found.values(), key=lambda f: (f.line, f.column, f.element, f.figure)))


def _readings(element: Element, figure: Figure, document: Document,
              sentences: _Sentences) -> Iterator[tuple[_View, Binding]]:
    for sentence in sentences.holding(figure.wordings + figure.counted):
        if any(u in sentence.text for u in figure.unless):
            continue
        if figure.context and not _in_context(sentence, figure, sentences):
            continue
        view = sentences.view(sentence)
        for binding in _bindings(figure, _siblings(element, figure), view, sentences.language):
            if _reports_it(view, binding, element, figure, document, sentences):
                yield view, binding


def _in_context(sentence: Sentence, figure: Figure, sentences: _Sentences) -> bool:
    previous = sentences.before(sentence)
    texts = (sentence.text,) + ((previous.text,) if previous else ())
    return any(c in t for c in figure.context for t in texts)


def _siblings(element: Element, figure: Figure) -> tuple[str, ...]:
    """The wordings of the element's other figures."""
    return tuple(w for f in element.figures if f is not figure for w in f.wordings + f.counted)


def _bindings(figure: Figure, siblings: tuple[str, ...], view: _View,
              language: Language) -> Iterator[Binding]:
    reading, text = language.figures, view.text
    for wording, offset in _occurrences(figure.wordings, siblings, text):
        if reading.negation.search(text, max(0, offset - reading.negation_reach), offset):
            continue
        end = offset + len(wording)
        number = view.number_after(end)
        if (number is not None and _close(text, end, number.start, reading.within, language)
                and _names_between(figure, text[offset:number.start], number.start == end)
                and not _shared(text, offset, end, number.start, siblings, language)):
            yield Binding(offset, wording, number)
    for wording, offset in _occurrences(figure.counted, siblings, text):
        number = view.number_before(offset)
        if number is not None and _close(text, number.end, offset, _counted_reach(number, reading), language):
            yield Binding(offset, wording, number)


def _counted_reach(number: Number, reading: FigureReading) -> int:
    """How far before a counted wording its number may stand: further for a count of times,
    which comes before the verb phrase it counts (先后6次组织全体人员集中学习)."""
    return reading.times_within if number.unit in reading.times_units else reading.counted_within


def _occurrences(wordings: tuple[str, ...], siblings: tuple[str, ...],
                 text: str) -> Iterator[tuple[str, int]]:
    """Where each of `wordings` stands. A wording inside a longer one's place (one of these
    or of the `siblings`) is that one, not another: 审查规范性文件 inside 备案审查规范性文件
    introduces the documents filed (a sibling figure's wording), not the documents reviewed."""
    ours = set(wordings)
    places = sorted((start, -len(wording), wording) for wording in ours | set(siblings)
                    for start in _starts(wording, text))
    reach = -1        # the furthest end of a place taken so far, all starting at or before this one
    for start, negative_length, wording in places:
        end = start - negative_length
        if end <= reach:
            continue
        reach = end
        if wording in ours:
            yield wording, start


def _starts(wording: str, text: str) -> Iterator[int]:
    start = text.find(wording)
    while start != -1:
        yield start
        start = text.find(wording, start + 1)


def _names_between(figure: Figure, span: str, adjacent: bool) -> bool:
    """A generic wording (审核, 受理, 备案) introduces the figure only with its object before
    the number (审核区政府及办公室规范性文件14件, not 备案政府合同122件), or, when the figure
    allows it, right before the number (报送备案14件)."""
    return (not figure.between or any(b in span for b in figure.between)
            or (adjacent and figure.adjacent))


def _shared(text: str, offset: int, end: int, number_start: int, siblings: tuple[str, ...],
            language: Language) -> bool:
    """The wording at text[offset:end] is joined to another figure's wording (和, 及, 并),
    after it and before the number or right before it: 审查和备案规范性文件54件, 受理并审结
    复议案件50件. The number then counts both things together, and is neither figure."""
    joined = language.figures.joined
    for sibling in siblings:
        after = text.find(sibling, end, number_start)
        if after != -1 and joined.match(text[end:after]):
            return True
        before = text.rfind(sibling, max(0, offset - len(sibling) - 2), offset)
        if before != -1 and joined.match(text[before + len(sibling):offset]):
            return True
    return False


def _close(text: str, start: int, end: int, within: int, language: Language) -> bool:
    """Nothing but a few characters of the same clause in text[start:end], between a wording
    and its number (measured before anything is looked at: the number may be far away). An
    enumeration closed by 等 (人事、财政、政务等各类信息) is one phrase: its 、 break nothing."""
    if end - start > within:
        return False
    reading = language.figures
    return not reading.clause_break.search(reading.enumeration.sub("", text[start:end]))


def _reports_it(view: _View, binding: Binding, element: Element, figure: Figure,
                document: Document, sentences: _Sentences) -> bool:
    """The number is in the figure's unit, no standing rule gives it, and the sentence
    reports it as work done."""
    number, language = binding.number, sentences.language
    if number.unit not in figure.accepted_units:
        return False
    first = min(binding.offset, number.start)
    if language.figures.standing_rule.search(view.text, view.clause_start(first), number.end):
        return False
    claim_end = view.claim_end(first)
    stances = _stances(view, element, first, claim_end, document, sentences)
    if stances[0][0] != "achieved":
        return False
    return len(stances) == 1 or number.start < claim_end


def _stances(view: _View, element: Element, offset: int, claim_end: int, document: Document,
             sentences: _Sentences) -> list[tuple[str, str]]:
    """The stances the judge gives the sentence for a wording at `offset`. They depend on
    the offset only through where its claim ends, and on the element only through its own
    gap and plan wordings, so they are worked out once per claim and such wordings."""
    key = (element.gaps, element.plans, claim_end)
    found = view.stances.get(key)
    if found is None:
        language, sentence, period = sentences.language, view.sentence, document.info.period
        before = paragraph_before(sentences.items, sentence, language.requirement_reach)
        found = view.stances[key] = sentence_stances(
            view.text, offset, sentence.role, document.info.kind, language, gaps=element.gaps,
            plans=element.plans, period_end=period[1] if period else None, before=before)
    return found


def _key_figure(element: Element, figure: Figure, view: _View, binding: Binding,
                source: SourceText) -> KeyFigure:
    number, sentence = binding.number, view.sentence
    line = source.lines[sentence.line]
    quote = sentence.text if sentence.listing else line[sentence.start:sentence.start + len(sentence.text)]
    return KeyFigure(
        element=element.id, figure=figure.id, title=figure.title, value=number.value,
        unit=figure.unit, text=number.text, approx=number.approx, high=number.high,
        period=view.period_before(number.start),
        line=sentence.line + 1, column=sentence.start + number.start + 1,
        where=source.locations[sentence.line].describe(), section=sentence.section,
        role=sentence.role, wording=binding.wording, sentence=quote.strip())


# --- an element that must state a figure -------------------------------------------------

def require_figures(result: ElementResult, element: Element, figures: tuple[KeyFigure, ...],
                    language: Language) -> ElementResult:
    """A claimed element that `requires_figure` and states none of a required figure is
    partial, its hint naming the numbers to add."""
    if not element.requires_figure or result.status not in ("met", "partial"):
        return result
    stated = {f.figure for f in figures if f.element == element.id}
    missing = [element.figure(fid) for fid in element.requires_figure if fid not in stated]
    if not missing:
        return result
    reading = language.figures
    items = reading.missing_separator.join(reading.missing_item.format(title=f.title, unit=f.unit)
                                           for f in missing)
    hint = f"{result.hint} {reading.missing_hint.format(figures=items)}".strip()
    return replace(result, status="partial", level=result.level if result.status == "partial"
                   else "without-figure", hint=hint)
