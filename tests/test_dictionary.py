"""The segmentation dictionary read from the cache a first character at a time (for a quick
cold start) cuts text exactly as the whole dictionary does."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from checker.match.segment import Dictionary, PackedWords, Segmenter, _import_jieba, build_dictionary
from checker.packs.load import load_packs


@pytest.fixture(scope="module")
def terms():
    return frozenset(load_packs().terms())


def test_read_group_by_group_the_dictionary_is_the_whole_one(terms):
    freq, total = build_dictionary(terms)
    dictionary = Dictionary(PackedWords.of(freq, total))
    assert dictionary.freq == {}
    dictionary.cover("法治")
    assert dictionary.freq and {w[0] for w in dictionary.freq} == {"法", "治"}
    dictionary.cover("".join({w[0] for w in freq}))
    assert dictionary.freq == freq and dictionary.total == total


def test_the_seeds_are_cut_as_with_the_whole_dictionary_loaded(terms):
    jieba = _import_jieba()
    whole = jieba.Tokenizer()
    whole.FREQ, whole.total = build_dictionary(terms)
    whole.initialized = True
    segmenter = Segmenter(terms)
    sentences = [s for path in sorted(SEEDS.glob("*.txt"))[:3]
                 for line in path.read_text(encoding="utf-8").splitlines() for s in line.split("。") if s]
    assert len(sentences) > 100
    for sentence in sentences:
        assert segmenter.words(sentence) == [w for w, _, _ in whole.tokenize(sentence, HMM=False)]
    assert len(segmenter._dictionary.freq) < len(whole.FREQ)   # read only as far as needed
