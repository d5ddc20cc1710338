#!/usr/bin/env python3
"""Does segmenting only a window around a term occurrence give the same word-boundary
verdict as segmenting its whole sentence? Counts the agreements over every pack-term
occurrence in the seeds, tests/fixtures/real and tests/fixtures/heldout.

    python ci/segment_windows.py          # exit 1 if the block fazhi segments ever disagrees

fazhi segments the block around an occurrence (the run of Han characters, letters and digits
jieba would segment on its own): that must agree on every occurrence. Narrower windows of
a few characters either side are counted too, to show what they would cost in exactness.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SOURCES = ("seeds/*.txt", "tests/fixtures/real/texts/*.txt", "tests/fixtures/heldout/texts/*.txt")
WINDOWS = (2, 4, 8)      # characters either side of the term, inside its block


def sentences() -> list[str]:
    from checker.match.matchers import split_sentences
    from checker.readers import read_report
    from checker.understand.document import understand
    from checker.understand.language import load_language
    language = load_language()
    found = []
    for pattern in SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            document = understand(read_report(path), language)
            found += [s.text for s in split_sentences(document, language)]
    return found


def main() -> int:
    from checker.match.matchers import term_automaton
    from checker.match.segment import segmenter_for
    from checker.packs.load import load_packs
    terms = frozenset(load_packs().terms())
    automaton, segmenter = term_automaton(terms), segmenter_for(terms)
    checked, block_agrees = 0, 0
    window_agrees = dict.fromkeys(WINDOWS, 0)
    for sentence in sentences():
        for last, term in automaton.iter(sentence):
            start, end = last - len(term) + 1, last + 1
            whole = segmenter.on_word_boundaries_whole(sentence, start, end)
            checked += 1
            block_agrees += segmenter.on_word_boundaries(sentence, start, end) == whole
            for width in WINDOWS:
                window_agrees[width] += _window_verdict(segmenter, sentence, start, end, width) == whole
    print(f"{checked:,} term occurrences in {len(SOURCES)} sets of reports")
    print(f"  the block around the term (what fazhi segments): {block_agrees:,} agree "
          f"with the whole sentence")
    for width, agrees in window_agrees.items():
        print(f"  {width} characters either side: {agrees:,} agree")
    return 0 if block_agrees == checked else 1


def _window_verdict(segmenter, sentence: str, start: int, end: int, width: int) -> bool:
    """The verdict from segmenting sentence[start - width:end + width] (inside the block)."""
    block = segmenter.block_around(sentence, start, end) or (0, len(sentence))
    low, high = max(block[0], start - width), min(block[1], end + width)
    return segmenter.on_word_boundaries_whole(sentence[low:high], start - low, end - low)


if __name__ == "__main__":
    sys.exit(main())
