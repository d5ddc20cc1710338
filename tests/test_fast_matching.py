"""The fast paths of matching give exactly the results of the plain ones they replace: the
Aho-Corasick term index finds what a search for each term finds, and segmenting only the
block around an occurrence gives the verdict of segmenting its whole sentence — on every
report of the seeds and fixtures, down to the JSON result."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REPORTS = sorted([*ROOT.glob("seeds/*.txt"), *ROOT.glob("tests/fixtures/real/texts/*.txt"),
                  *ROOT.glob("tests/fixtures/heldout/texts/*.txt"), *ROOT.glob("tests/fixtures/unseen/*.txt")])


@pytest.fixture(scope="module")
def sentences(packs):
    from checker.match.matchers import split_sentences
    from checker.readers import read_report
    from checker.understand.document import understand
    from checker.understand.language import load_language
    language = load_language()
    return [s.text for p in REPORTS for s in split_sentences(understand(read_report(p), language), language)]


def _every_occurrence(text: str, terms) -> list[tuple[int, str]]:
    found = []
    for term in terms:
        start = text.find(term)
        while start != -1:
            found.append((start, term))
            start = text.find(term, start + 1)
    return sorted(found, key=lambda p: (p[0], -len(p[1]), p[1]))


def test_the_term_index_finds_every_occurrence_of_every_term(packs, sentences):
    from checker.match.matchers import TermIndex
    terms = packs.terms()
    index = TermIndex([], terms)
    assert len(sentences) > 3000
    for text in sentences:
        assert index.positions(text) == _every_occurrence(text, terms), text


def test_overlapping_and_nested_terms_are_all_found(packs):
    from checker.match.matchers import TermIndex
    index = TermIndex([], {"法律顾问", "顾问", "政府法律顾问", "律师"})
    assert index.positions("政府法律顾问和公职律师") == [(0, "政府法律顾问"), (2, "法律顾问"), (4, "顾问"), (9, "律师")]


def test_the_block_around_a_term_gives_the_whole_sentence_verdict(packs, sentences):
    from checker.match.matchers import term_automaton
    from checker.match.segment import segmenter_for
    terms = frozenset(packs.terms())
    segmenter = segmenter_for(terms)
    checked = rejected = 0
    for text in sentences:
        for last, term in term_automaton(terms).iter(text):
            start, end = last - len(term) + 1, last + 1
            verdict = segmenter.on_word_boundaries(text, start, end)
            assert verdict == segmenter.on_word_boundaries_whole(text, start, end), (text, term)
            checked, rejected = checked + 1, rejected + (not verdict)
    assert checked > 5000 and rejected > 100    # both verdicts were exercised


def test_a_term_reaching_past_a_block_is_judged_on_its_whole_sentence(packs):
    from checker.match.segment import segmenter_for
    segmenter = segmenter_for(frozenset(packs.terms()))
    sentence = "全面落实“三项制度”，推行行政 执法公示。"
    assert segmenter.block_around(sentence, 5, 9) == (5, 9)          # inside the quotes
    start = sentence.index("行政 执法")
    assert segmenter.block_around(sentence, start, start + 5) is None   # holds a space
    assert segmenter.on_word_boundaries(sentence, start, start + 5) == \
        segmenter.on_word_boundaries_whole(sentence, start, start + 5)


def test_results_are_the_same_when_every_sentence_is_segmented_whole(packs, monkeypatch):
    """End to end: the JSON result of every report, with the block fast path and without it."""
    from checker.match.segment import Segmenter
    from checker.render.json_out import report_to_dict
    from checker.run import check_path
    fast = [report_to_dict(check_path(str(p), packs)) for p in REPORTS]
    monkeypatch.setattr(Segmenter, "on_word_boundaries", Segmenter.on_word_boundaries_whole)
    whole = [report_to_dict(check_path(str(p), packs)) for p in REPORTS]
    assert fast == whole


def _pack_patterns(packs) -> list[str]:
    return [p for e in packs.elements for c in [*e.claims, *(c for part in e.parts for c in part.claims)]
            if c.kind == "pattern" for p in c.spec.patterns]


def test_what_an_expression_needs_every_match_of_it_holds(packs, sentences):
    """The strings read from a pack's or a frame's expression are in every sentence it
    matches, so passing over the sentences without them loses no match."""
    import regex

    from checker.packs.literals import holds, needed
    from checker.understand.language import load_language
    patterns = _pack_patterns(packs) + [f.pattern.pattern for f in load_language().frames]
    matched = 0
    for pattern in patterns:
        groups, compiled = needed(pattern), regex.compile(pattern, regex.VERSION0)
        assert groups, pattern            # each of them can filter
        for text in sentences:
            if compiled.search(text):
                matched += 1
                assert holds(text, groups), (pattern, text)
    assert matched > 100


def test_look_arounds_and_case_insensitive_parts_need_nothing():
    from checker.packs.literals import needed, needed_any
    assert needed("(?<!甲)乙(?=丙)") == (("乙",),)
    assert needed("(?i)abc") == () and needed("a(?i:b)c") == (("a",), ("c",))
    assert needed("(甲|)乙") == (("乙",),) and needed("[^甲]") == () and needed("[\u4e00-\u9fff]") == ()
    assert needed_any(("甲乙", "丙+")) == (("甲乙", "丙"),) and needed_any(("甲", ".")) == ()


def test_results_are_the_same_when_every_expression_is_tried_everywhere(packs, monkeypatch):
    """End to end: the JSON result of every report, with the sentences and lines lacking
    what a claim, a frame or a reading pattern needs passed over, and with every one tried."""
    import dataclasses

    from checker.match import matchers
    from checker.render.json_out import report_to_dict
    from checker.run import check_path
    from checker.understand import headings, noise
    fast = [report_to_dict(check_path(str(p), packs)) for p in REPORTS]
    monkeypatch.setattr(matchers, "holds", lambda text, groups: True)
    monkeypatch.setattr(matchers, "KINDS", {n: dataclasses.replace(k, needs=None)
                                            for n, k in matchers.KINDS.items()})
    for module in (noise, headings):
        monkeypatch.setattr(module, "possible", lambda patterns, text: tuple(patterns))
    every = [report_to_dict(check_path(str(p), packs)) for p in REPORTS]
    assert fast == every


def test_the_fingerprint_is_the_letters_and_digits_hashed_shingle_by_shingle():
    """The fingerprint of every report is the one its definition gives, computed plainly."""
    import hashlib
    import zlib

    from checker.readers import read_report
    from checker.understand.fingerprint import SHINGLE, SKETCH_SIZE, fingerprint
    for path in REPORTS:
        lines = read_report(path).lines
        text = "".join(ch for line in lines for ch in line if ch.isalnum())
        shingles = {text[i:i + SHINGLE] for i in range(max(len(text) - SHINGLE + 1, 0))}
        sketch = tuple(sorted({zlib.crc32(s.encode("utf-32-le")) for s in shingles})[:SKETCH_SIZE])
        found = fingerprint(lines)
        assert (found.digest, found.sketch, found.letters) == \
            (hashlib.sha256(text.encode("utf-8")).hexdigest()[:16], sketch, len(text))
