"""Word segmentation with jieba, so that a pack term only matches on word boundaries.

jieba's default dictionary takes ~0.5 s to load, too slow for a pre-commit hook. We build a
smaller prefix dictionary once and cache it: the default dictionary's words down to a
frequency floor, every default word that shares a two-character run with a pack term (the
words that compete with a term at its edges), and the pack terms themselves. `ci/bench`
measures how often its word boundaries at pack-term occurrences differ from the full
dictionary's (zero on the sample reports).
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from functools import lru_cache

from checker import cache

FREQUENCY_FLOOR = 20


def _import_jieba():
    """Import jieba without pkg_resources, which jieba only uses as an optional helper and
    which costs ~60 ms to import; jieba falls back to plain file access without it."""
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(60)
    return jieba


class Segmenter:
    """Word boundaries of a sentence, from jieba with the packs' terms as user words."""

    def __init__(self, terms: set[str] | frozenset[str], *, full_dictionary: bool = False):
        jieba = _import_jieba()
        self._tokenizer = jieba.Tokenizer()
        freq, total = load_dictionary(frozenset(terms), full_dictionary)
        self._tokenizer.FREQ, self._tokenizer.total = freq, total
        self._tokenizer.initialized = True
        self._terms = frozenset(terms)
        self.words_of = lru_cache(maxsize=4096)(self._words_of)
        self.edges_of = lru_cache(maxsize=4096)(self._edges_of)

    def _words_of(self, sentence: str) -> tuple[tuple[int, int, bool], ...]:
        """(start, end, is_pack_term) of every word of `sentence`."""
        return tuple((start, end, word in self._terms)
                     for word, start, end in self._tokenizer.tokenize(sentence, HMM=False))

    def _edges_of(self, sentence: str) -> tuple[list[int], frozenset[int]]:
        """(sorted word starts, set of word ends): a lookup per occurrence, not a scan, so a
        long line with thousands of occurrences is not quadratic."""
        words = self.words_of(sentence)
        return [w[0] for w in words], frozenset(w[1] for w in words)

    def on_word_boundaries(self, sentence: str, start: int, end: int) -> bool:
        """True when sentence[start:end] starts and ends on word boundaries, lies inside a
        word that is itself a pack term (述法 inside 党政主要负责人述法 is still 述法), or
        begins a longer word that extends it (普法 in 普法教育读本, 宣传 in 宣传周): a term must
        start where a word starts (述法 is not in 陈述法律), but a compound may carry it on."""
        words = self.words_of(sentence)
        starts, ends = self.edges_of(sentence)
        index = bisect_right(starts, start) - 1   # the word holding `start` (words tile the sentence)
        if index >= 0 and (words[index][2] or starts[index] == start) and end <= words[index][1]:
            return True
        return (start == 0 or starts[index] == start) and (end == len(sentence) or end in ends)

    def words(self, sentence: str) -> list[str]:
        return [w for w, _, _ in self._tokenizer.tokenize(sentence, HMM=False)]


def load_dictionary(terms: frozenset[str], full: bool = False) -> tuple[dict, int]:
    jieba = _import_jieba()
    key = cache.key_for(jieba.__version__, sorted(terms), full, FREQUENCY_FLOOR)
    cached = cache.load("dictionary", key)
    if cached is None:
        cached = build_dictionary(terms, full)
        cache.store("dictionary", key, cached)
    return cached


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
