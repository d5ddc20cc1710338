#!/usr/bin/env python3
"""Benchmark fazhi: cold single-report start, batch throughput against a bare jieba pass,
and how often the small cached dictionary's word boundaries differ from jieba's full one.

    python ci/bench.py            # prints the figures; runs in well under a minute

Targets (issue 2): cold single report <= 0.25 s; batch >= 0.8x the bare jieba.lcut pass.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TARGET_CHARS = 1_000_000


def fazhi_command() -> list[str]:
    """The installed console script when there is one (what a user runs), else -m."""
    script = shutil.which("fazhi")
    return [script] if script else [sys.executable, "-m", "checker"]


def cold_runs(runs: int = 5) -> list[float]:
    seed = str(SEEDS[1])
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    subprocess.run(fazhi_command() + ["check", seed], capture_output=True, env=env)  # fill the cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(fazhi_command() + ["check", seed], capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return times


def batch_texts() -> list[str]:
    """The seeds repeated to ~1 M characters, each copy edited a little (a different
    number on every line) so no cache can serve a copy from an earlier one."""
    originals = [p.read_text(encoding="utf-8") for p in SEEDS]
    texts, total, copy = [], 0, 0
    while total < TARGET_CHARS:
        for text in originals:
            edited = "\n".join(f"{line}（{copy}）" if line.strip() else line for line in text.split("\n"))
            texts.append(edited)
            total += len(edited)
        copy += 1
    return texts


def batch_throughput(texts: list[str]) -> tuple[float, float]:
    from checker.match.segment import _import_jieba
    from checker.packs.load import load_packs
    from checker.readers.source import SourceText
    from checker.run import check_source

    packs = load_packs()
    chars = sum(len(t) for t in texts)
    check_source(SourceText.from_text("warm.txt", texts[0]), packs)  # dictionary loaded once
    start = time.perf_counter()
    for number, text in enumerate(texts):
        check_source(SourceText.from_text(f"r{number}.txt", text), packs)
    fazhi_rate = chars / (time.perf_counter() - start)
    jieba = _import_jieba()
    jieba.initialize()
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return fazhi_rate, chars / (time.perf_counter() - start)


def dictionary_agreement(texts: list[str]) -> tuple[int, int]:
    """Pack-term occurrences whose word-boundary verdict differs between the small cached
    dictionary and jieba's full default dictionary (same user terms in both)."""
    from checker.match.segment import Segmenter
    from checker.packs.load import load_packs

    terms = frozenset(load_packs().terms())
    small, full = Segmenter(terms), Segmenter(terms, full_dictionary=True)
    checked = differ = 0
    for text in texts:
        for sentence in text.replace("。", "。\n").split("\n"):
            for term in (t for t in terms if t in sentence):
                start = sentence.find(term)
                while start != -1:
                    end = start + len(term)
                    checked += 1
                    differ += small.on_word_boundaries(sentence, start, end) != \
                        full.on_word_boundaries(sentence, start, end)
                    start = sentence.find(term, start + 1)
    return checked, differ


def main() -> None:
    os.environ.setdefault("FAZHI_CACHE_DIR", tempfile.mkdtemp(prefix="fazhi-bench-"))
    times = cold_runs()
    median = statistics.median(times)
    print(f"cold single report (median of {len(times)}): {median:.3f} s   "
          f"[{', '.join(f'{t:.3f}' for t in times)}]   target <= 0.25 s   "
          f"{'OK' if median <= 0.25 else 'MISSED'}")
    texts = batch_texts()
    chars = sum(len(t) for t in texts)
    fazhi_rate, jieba_rate = batch_throughput(texts)
    ratio = fazhi_rate / jieba_rate
    print(f"batch over {len(texts)} reports, {chars:,} chars: fazhi {fazhi_rate:,.0f} chars/s, "
          f"bare jieba.lcut {jieba_rate:,.0f} chars/s, ratio {ratio:.2f}x   target >= 0.8x   "
          f"{'OK' if ratio >= 0.8 else 'MISSED'}")
    checked, differ = dictionary_agreement([p.read_text(encoding="utf-8") for p in SEEDS])
    print(f"small vs full dictionary on the seeds: {differ} of {checked} term occurrences "
          f"get a different word-boundary verdict")


if __name__ == "__main__":
    main()
