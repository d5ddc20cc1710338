"""A benchmark corpus no cache can flatter: real report sentences recombined, every sentence
distinct, with the page noise real submissions carry.

The sources are the sample and fixture reports (seeds/, tests/fixtures/real, tests/fixtures/
heldout). Each generated report follows one source report line by line, so it has a real
report's headings, parts and paragraph lengths. A sentence is used as written the first time
it comes up; after that one of its clauses is swapped for a clause of another report (a
heading keeps its numbering and gets another clause as its words), until the sentence is one
the corpus has not had yet. So term contexts stay real, and no two sentences are the same.
Web-page metadata before the title, page marks and a footer are added as noise, each with
its own numbers.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("seeds/*.txt", "tests/fixtures/real/texts/*.txt", "tests/fixtures/heldout/texts/*.txt")
SENTENCE = re.compile(r"[^。！？；]+[。！？；]*")
CLAUSE = re.compile(r"[^，、：]+[，、：]?")
NUMBERING = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")
PAGE_EVERY = 25          # lines between two page marks
LENGTHEN_AFTER = 8       # tries at a new one-clause sentence before it gets a second clause


def source_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for pattern in SOURCES for p in sorted(ROOT.glob(pattern))]


class Corpus:
    """Generates reports whose sentences are all distinct from every other one it made."""

    def __init__(self, seed: int = 0):
        self.rng = random.Random(seed)
        self.sources = source_texts()
        self.clauses = [c.rstrip("。！？；") for s in sentences_of(self.sources) for c in CLAUSE.findall(s)
                        if 4 <= len(c.strip("，、：。！？；")) <= 40]
        self.seen: set[str] = set()
        self.made = 0

    def reports(self, target_chars: int) -> Iterator[str]:
        """Reports until `target_chars` characters are reached."""
        total = 0
        while total < target_chars:
            text = self.report(self.sources[self.made % len(self.sources)])
            total += len(text)
            yield text

    def report(self, source: str) -> str:
        self.made += 1
        lines = [self._noise_header()]
        for number, line in enumerate(source.split("\n")):
            lines.append("".join(self._distinct(s) for s in SENTENCE.findall(line)) if line.strip() else line)
            if number % PAGE_EVERY == PAGE_EVERY - 1:
                lines.append(f"— {number // PAGE_EVERY + 1} —  {self.made:06d}")
        lines.append(self._distinct(f"上一篇：{self.rng.choice(self.clauses).strip('，、：')}"))
        site = self.rng.randrange(10**9, 10**10)
        lines.append(f"主办单位：{self.made}号人民政府办公室  网站标识码：{site}")
        return "\n".join(lines) + "\n"

    def _noise_header(self) -> str:
        rng = self.rng
        day = f"{rng.randrange(2016, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        return (f"发布时间：{day} {self.rng.randrange(24):02d}:{self.rng.randrange(60):02d}  "
                f"来源：第{self.made}司法局  浏览次数：{self.rng.randrange(10, 99999)}  【打印】【关闭】")

    def _distinct(self, sentence: str) -> str:
        candidate, tries = sentence, 0
        while candidate.strip() and candidate in self.seen:
            tries += 1
            candidate = self._recombined(candidate)
            if tries > LENGTHEN_AFTER and len(CLAUSE.findall(candidate)) < 2:
                # a one-clause sentence (a heading) has only as many variants as there are
                # clauses: after thousands of reports they are all taken, so it gets a second
                candidate = self._lengthened(candidate)
        self.seen.add(candidate)
        return candidate

    def _lengthened(self, sentence: str) -> str:
        ending = sentence[len(sentence.rstrip("。！？；")):]
        clause = self.rng.choice(self.clauses).strip("，、：")
        return sentence[:len(sentence) - len(ending)] + "，" + clause + ending

    def _recombined(self, sentence: str) -> str:
        clauses = CLAUSE.findall(sentence)
        other = self.rng.choice(self.clauses)
        numbering = NUMBERING.match(sentence)
        if len(clauses) < 2:
            prefix = numbering.group(0) if numbering else ""
            ending = sentence[len(sentence.rstrip("。！？；")):]
            return prefix + other.strip("，、：") + ending
        at = self.rng.randrange(len(clauses))
        ending = clauses[at][len(clauses[at].rstrip("，、：。！？；")):]
        clauses[at] = other.rstrip("，、：") + ending
        return "".join(clauses)


def sentences_of(texts: list[str]) -> list[str]:
    return [s for text in texts for line in text.split("\n") for s in SENTENCE.findall(line) if s.strip()]
