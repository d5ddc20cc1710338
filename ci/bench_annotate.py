#!/usr/bin/env python3
"""Benchmark `fazhi annotate` on a report of 10,000 paragraphs (.docx).

    python ci/bench_annotate.py [--paragraphs N] [--runs R]

The report is built from the paragraphs of the seed, held-out and unseen reports (real
and realistic text, about 70 characters a paragraph, as reports have), each copy edited
(a different number in every paragraph) so that no sentence repeats and no cache can
serve one from another; each paragraph is written as three runs of different formatting, so comments
split runs as they do in real files. Every run is a fresh `fazhi annotate` process (what a
user waits for, start-up included); the pack and dictionary caches are warm, as after
any first use. Prints the median wall time and, from one run in this process, how it
splits between reading, checking and writing the comments. Target (issue 16): < 5 s.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = [ROOT / "seeds", ROOT / "tests" / "fixtures" / "heldout", ROOT / "tests" / "fixtures" / "unseen"]
TARGET_SECONDS = 5.0


def build_report(path: Path, paragraphs: int) -> int:
    """A .docx of `paragraphs` paragraphs under a title and the four parts' headings;
    returns its number of characters."""
    import docx
    from docx.shared import RGBColor
    body = [line.strip() for folder in CORPUS for text in sorted(folder.glob("*.txt"))
            for line in text.read_text(encoding="utf-8").split("\n")[1:] if len(line.strip()) > 20]
    headings = ["一、主要举措和成效", "二、党政主要负责人履行推进法治建设第一责任人职责情况",
                "三、存在的不足和原因", "四、2025年工作安排"]
    document = docx.Document()
    document.add_heading("某市2024年法治政府建设年度报告", 0)
    chars, per_part = 0, paragraphs // len(headings)
    for number in range(paragraphs):
        if number % per_part == 0 and number // per_part < len(headings):
            document.add_heading(headings[number // per_part], 1)
        text = f"{body[number % len(body)]}（{number}）"
        third = len(text) // 3
        paragraph = document.add_paragraph()
        paragraph.add_run(text[:third])
        paragraph.add_run(text[third:2 * third]).bold = True
        paragraph.add_run(text[2 * third:]).font.color.rgb = RGBColor(0x1F, 0x3A, 0x93)
        chars += len(text)
    document.save(str(path))
    return chars


def fazhi_command() -> list[str]:
    script = shutil.which("fazhi")
    return [script] if script else [sys.executable, "-m", "checker"]


def timed_run(report: Path, out: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one `fazhi annotate` process (on a machine shared with
    other work, the wall time also holds the time others had the CPU)."""
    started, cpu = time.perf_counter(), _children_cpu()
    run = subprocess.run(fazhi_command() + ["annotate", str(report), "-o", str(out)],
                         capture_output=True, text=True, encoding="utf-8")
    elapsed = time.perf_counter() - started
    if run.returncode not in (0, 1):
        raise SystemExit(f"fazhi annotate failed: {run.stderr}")
    return elapsed, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def stages(report: Path) -> dict[str, float]:
    """Reading, checking, deciding and placing the comments, in this process."""
    from checker.judge.scoring import Gate
    from checker.packs.load import load_packs
    from checker.readers import open_docx_report
    from checker.review.annotate import annotated_docx
    from checker.review.notes import NoteContext, review_notes
    from checker.review.template import load_template
    from checker.run import check_source
    from checker.understand.language import load_language
    packs, words = load_packs(), load_template()
    times, started = {}, time.perf_counter()
    source, document, lines = open_docx_report(report)
    times["read"], started = time.perf_counter() - started, time.perf_counter()
    result = check_source(source, packs)
    times["check"], started = time.perf_counter() - started, time.perf_counter()
    notes = review_notes(result, NoteContext(source.lines, packs, words, Gate(),
                                             load_language().report_parts))
    annotated_docx(source, (document, lines), result.document, notes, words)
    times["comments"] = time.perf_counter() - started
    times["notes"] = len(notes)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-annotate-") as tmp:
        report = Path(tmp) / "report.docx"
        chars = build_report(report, args.paragraphs)
        timed_run(report, Path(tmp) / "warm.docx")           # caches filled, as after first use
        runs = [timed_run(report, Path(tmp) / f"out{n}.docx") for n in range(args.runs)]
        split = stages(report)
    times = [wall for wall, _ in runs]
    median = statistics.median(times)
    print(f"report: {args.paragraphs} paragraphs, {chars:,} characters (.docx, 3 runs a paragraph)")
    print(f"fazhi annotate: median {median:.2f} s over {args.runs} runs "
          f"(min {min(times):.2f}, max {max(times):.2f}), CPU median "
          f"{statistics.median(c for _, c in runs):.2f} s; target < {TARGET_SECONDS:g} s")
    print(f"in one process: read {split['read']:.2f} s, check {split['check']:.2f} s, "
          f"{split['notes']:.0f} comments placed and saved {split['comments']:.2f} s")
    met = median < TARGET_SECONDS
    print("target met" if met else "TARGET MISSED")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
