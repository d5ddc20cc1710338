"""Word segmentation with jieba, so that a pack term only matches on word boundaries.

jieba's default dictionary takes ~0.5 s to load, too slow for a pre-commit hook. We build a
smaller prefix dictionary once and cache it: the default dictionary's words down to a
frequency floor, every default word that shares a two-character run with a pack term (the
words that compete with a term at its edges), and the pack terms themselves. `ci/bench`
measures how often its word boundaries at pack-term occurrences differ from the full
dictionary's (zero on the sample reports). A process reads from that cache only the words
it can need (`Dictionary`).
"""

from __future__ import annotations

import importlib
import sys
import types
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from checker import cache

FREQUENCY_FLOOR = 20


def _import_jieba():
    """Import jieba without pkg_resources, which jieba only uses as an optional helper and
    which costs ~60 ms to import; jieba falls back to plain file access without it. Its HMM
    tables for unknown words (jieba.finalseg, ~10 ms) are imported only if something uses
    them: fazhi segments with HMM=False."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    if "jieba" not in sys.modules:
        sys.modules.setdefault("jieba.finalseg", _Deferred("jieba.finalseg"))
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(60)
    return jieba


class _Deferred(types.ModuleType):
    """Stands in for a module until one of its attributes is asked for, then imports it."""

    def __getattr__(self, name: str):
        real = self.__dict__.get("_real")
        if real is None:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = self.__dict__["_real"] = importlib.import_module(self.__name__)
        return getattr(real, name)


LONGEST_BLOCK = 256     # a longer run is segmented with its whole sentence (see block_around)


@dataclass(frozen=True)
class Words:
    """The words of a text as jieba cuts it: where each starts and ends, and whether it is
    a pack term. Lookups by bisection, so a long text with thousands of occurrences is not
    quadratic."""

    starts: list[int]
    ends: list[int]
    is_term: list[bool]
    end_set: frozenset[int]

    @classmethod
    def of(cls, tokens: Iterable[tuple[str, int, int]], terms: frozenset[str]) -> Words:
        words = list(tokens)
        return cls([w[1] for w in words], [w[2] for w in words], [w[0] in terms for w in words],
                   frozenset(w[2] for w in words))

    def holds_term(self, start: int, end: int) -> bool:
        """True when text[start:end] starts and ends on word boundaries, lies inside a word
        that is itself a pack term, or begins a longer word that extends it."""
        index = bisect_right(self.starts, start) - 1   # the word holding `start` (words tile the text)
        if (self.is_term[index] or self.starts[index] == start) and end <= self.ends[index]:
            return True
        return self.starts[index] == start and end in self.end_set


class Segmenter:
    """Word boundaries of a sentence, from jieba with the packs' terms as user words.

    jieba cuts a sentence into blocks first (runs of Han characters, letters and digits,
    `jieba.re_han_default`) and segments each block on its own; everything between blocks
    is one word per character. So a term inside one block has the same word boundaries in
    that block as in the whole sentence, and only the block around an occurrence is
    segmented (`ci/segment_windows.py` counts the agreement over the seeds and fixtures).
    """

    def __init__(self, terms: set[str] | frozenset[str], *, full_dictionary: bool = False):
        jieba = _import_jieba()
        self._tokenizer = jieba.Tokenizer()
        self._dictionary = load_dictionary(frozenset(terms), full_dictionary)
        self._tokenizer.FREQ, self._tokenizer.total = self._dictionary.freq, self._dictionary.total
        self._tokenizer.initialized = True
        self._terms = frozenset(terms)
        self._block = jieba.re_han_default
        # Keyed by text, shared by all reports of a process: a clause such as
        # 全面推行行政执法三项制度 recurs across reports. Within one report every verdict is
        # kept by the caller (MatchContext), so these caches only save work, never thrash.
        self.block_words = lru_cache(maxsize=16384)(self._words)
        self.blocks_of = lru_cache(maxsize=1024)(self._blocks_of)
        self.sentence_words = lru_cache(maxsize=64)(self._words)

    def _tokens(self, text: str) -> Iterable[tuple[str, int, int]]:
        self._dictionary.cover(text)
        return self._tokenizer.tokenize(text, HMM=False)

    def _words(self, text: str) -> Words:
        return Words.of(self._tokens(text), self._terms)

    def _blocks_of(self, sentence: str) -> tuple[list[int], list[int]]:
        """(starts, ends) of the blocks jieba segments one by one."""
        spans = [m.span() for m in self._block.finditer(sentence)]
        return [low for low, _ in spans], [high for _, high in spans]

    def block_around(self, sentence: str, start: int, end: int) -> tuple[int, int] | None:
        """The block holding sentence[start:end], or None when the term reaches past one
        block (it holds a character jieba splits on) or the block is too long to be worth
        slicing out of the sentence."""
        starts, ends = self.blocks_of(sentence)
        index = bisect_right(starts, start) - 1
        if index < 0 or end > ends[index] or ends[index] - starts[index] > LONGEST_BLOCK:
            return None
        return starts[index], ends[index]

    def on_word_boundaries(self, sentence: str, start: int, end: int) -> bool:
        """True when sentence[start:end] starts and ends on word boundaries, lies inside a
        word that is itself a pack term (述法 inside 党政主要负责人述法 is still 述法), or
        begins a longer word that extends it (普法 in 普法教育读本, 宣传 in 宣传周): a term must
        start where a word starts (述法 is not in 陈述法律), but a compound may carry it on."""
        block = self.block_around(sentence, start, end)
        if block is None:
            return self.sentence_words(sentence).holds_term(start, end)
        low, high = block
        if (low, high) == (start, end):     # the whole block: it starts a word and ends one
            return True
        return self.block_words(sentence[low:high]).holds_term(start - low, end - low)

    def on_word_boundaries_whole(self, sentence: str, start: int, end: int) -> bool:
        """The same verdict from segmenting the whole sentence (for ci/segment_windows.py)."""
        return self._words(sentence).holds_term(start, end)

    def words(self, sentence: str) -> list[str]:
        return [w for w, _, _ in self._tokens(sentence)]


class PackedWords(NamedTuple):
    """A prefix dictionary as the cache keeps it: its words grouped by first character, so
    the words of one character are one slice of one string, with no object per word."""

    firsts: str           # the first characters, one per group
    words: str            # every word followed by a line break, group after group
    text_ends: bytes      # array("q"): where each group ends in `words`
    word_ends: bytes      # array("q"): where each group ends in `frequencies`
    frequencies: bytes    # array("q"): the frequency of each word, in the order of `words`
    total: int            # the sum of the frequencies of jieba's whole dictionary

    @classmethod
    def of(cls, freq: dict[str, int], total: int) -> PackedWords:
        groups: dict[str, list[str]] = {}
        for word in freq:
            if "\n" not in word:     # a word holding a line break is never in a line of text
                groups.setdefault(word[0], []).append(word)
        words = [w for group in groups.values() for w in group]
        text_ends, word_ends, text_end, word_end = [], [], 0, 0
        for group in groups.values():
            text_end, word_end = text_end + sum(len(w) + 1 for w in group), word_end + len(group)
            text_ends.append(text_end)
            word_ends.append(word_end)
        return cls("".join(groups), "".join(w + "\n" for w in words), array("q", text_ends).tobytes(),
                   array("q", word_ends).tobytes(), array("q", (freq[w] for w in words)).tobytes(), total)


class Dictionary:
    """The prefix dictionary {word: frequency} a jieba Tokenizer segments with, read from
    PackedWords a first character at a time. jieba only looks up runs of the text it
    segments, so a text needs only the words that begin with one of its characters: one
    report needs about a third of the ~110,000, and making all of them at every start was
    most of the dictionary's share of a cold `fazhi check`. `cover` a text before
    segmenting it."""

    def __init__(self, packed: PackedWords):
        self.freq: dict[str, int] = {}
        self.total = packed.total
        self._words = packed.words
        self._text_ends = memoryview(packed.text_ends).cast("q")
        self._word_ends = memoryview(packed.word_ends).cast("q")
        self._frequencies = memoryview(packed.frequencies).cast("q")
        self._unread = dict(zip(packed.firsts, range(len(packed.firsts)), strict=True))

    def cover(self, text: str) -> None:
        """Read the words that begin with a character of `text`, if not read yet."""
        if not self._unread:
            return
        for char in set(text):
            group = self._unread.pop(char, None)
            if group is not None:
                self._read(group)

    def _read(self, group: int) -> None:
        start, first = (self._text_ends[group - 1], self._word_ends[group - 1]) if group else (0, 0)
        words = self._words[start:self._text_ends[group] - 1].split("\n")
        self.freq.update(zip(words, self._frequencies[first:self._word_ends[group]], strict=True))


def load_dictionary(terms: frozenset[str], full: bool = False) -> Dictionary:
    jieba = _import_jieba()
    key = cache.key_for(jieba.__version__, sorted(terms), full, FREQUENCY_FLOOR, PackedWords._fields)
    packed = cache.load("dictionary-by-first-character", key)
    if not isinstance(packed, PackedWords):
        packed = PackedWords.of(*build_dictionary(terms, full))
        cache.store("dictionary-by-first-character", key, packed)
    return Dictionary(packed)


def default_words() -> dict[str, int]:
    """jieba's default dictionary as {word: frequency}."""
    jieba = _import_jieba()
    words: dict[str, int] = {}
    with jieba.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split(" ")
            if len(parts) >= 2 and parts[1].strip().isdigit():
                words[parts[0]] = int(parts[1])
    return words


def build_dictionary(terms: frozenset[str], full: bool = False) -> tuple[dict, int]:
    words = default_words()
    total = sum(words.values())
    if not full:
        term_pairs = {t[i:i + 2] for t in terms for i in range(len(t) - 1)}
        words = {w: f for w, f in words.items()
                 if f >= FREQUENCY_FLOOR or _shares_pair(w, term_pairs)}
    for term in terms:
        # a term must win against the chance of its pieces, as jieba.suggest_freq would make it
        words[term] = max(words.get(term, 0), _winning_frequency(term, words, total))
    return _prefix_dictionary(words), total


def _shares_pair(word: str, pairs: set[str]) -> bool:
    return any(word[i:i + 2] in pairs for i in range(len(word) - 1))


def _winning_frequency(term: str, words: dict[str, int], total: int) -> int:
    """The frequency jieba's suggest_freq gives a word so that it is not cut into characters."""
    probability = 1.0
    for char in term:
        probability *= words.get(char, 1) / total
    return max(int(probability * total) + 1, 1)


def _prefix_dictionary(words: dict[str, int]) -> dict[str, int]:
    freq: dict[str, int] = {}
    for word, count in words.items():
        freq[word] = count
        for end in range(1, len(word)):
            freq.setdefault(word[:end], 0)
    return freq


@lru_cache(maxsize=4)
def segmenter_for(terms: frozenset[str]) -> Segmenter:
    """One segmenter per set of terms per process (a worker loads its dictionary once)."""
    return Segmenter(terms)
