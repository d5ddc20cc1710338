"""A fingerprint of a report's text, to tell copies of one report apart from other reports.

Copies of one report come as .docx, .pdf and a web page: the PDF breaks lines and adds page
numbers, the page adds a menu and a footer. So the fingerprint is taken from the lines
understanding leaves (noise blanked, page numbers masked, Simplified characters) with every
character that is not a letter or a digit removed: `digest` is equal for texts that differ
only in layout, whitespace and punctuation, and `sketch` (a bottom-k MinHash of character
shingles) estimates how much two texts share when a few lines differ.

crc32 rather than Python's hash(): reports are fingerprinted in worker processes, and
hash() of a string differs from one process to the next.
"""

from __future__ import annotations

import hashlib
import heapq
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE = 5        # characters per shingle: a few Chinese words, rare enough to tell texts apart
SKETCH_SIZE = 64   # hashes kept; the similarity estimate's error is about 1/sqrt(64)


@dataclass(frozen=True)
class Fingerprint:
    digest: str                 # sha256 of the letters and digits of the text (16 hex digits)
    sketch: tuple[int, ...]     # the SKETCH_SIZE smallest crc32 values of its shingles (UTF-32), sorted
    letters: int                # how many letters and digits it has

    def similarity(self, other: Fingerprint) -> float:
        """The share of shingles the two texts have in common (Jaccard), estimated from
        their sketches: 1.0 for the same text."""
        if self.digest == other.digest:
            return 1.0
        mine, theirs = set(self.sketch), set(other.sketch)
        union = sorted(mine | theirs)[:SKETCH_SIZE]
        if not union:
            return 0.0
        return sum(1 for h in union if h in mine and h in theirs) / len(union)


# what is not a letter or a digit: re's \w is str.isalnum() and the underscore
_NOT_ALNUM = re.compile(r"[\W_]+")


def fingerprint(lines: Iterable[str]) -> Fingerprint:
    text = _NOT_ALNUM.sub("", "".join(lines))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    # each shingle as its UTF-32 bytes, sliced from one encoding of the text: four bytes a
    # character, so no shingle is made a string and encoded on its own (a third faster)
    data, width = text.encode("utf-32-le"), 4 * SHINGLE
    stop = 4 * max(len(text) - SHINGLE + 1, 0)
    shingles = map(data.__getitem__, map(slice, range(0, stop, 4), range(width, stop + width, 4)))
    hashes = heapq.nsmallest(SKETCH_SIZE, set(map(zlib.crc32, shingles)))
    return Fingerprint(digest=digest, sketch=tuple(hashes), letters=len(text))
