#!/usr/bin/env python3
"""Benchmark the letters of `fazhi audit --feedback`: 1,000 反馈意见 letters and the 汇总,
written with 1 and with 2 worker processes.

    python ci/bench_feedback.py [--bodies N]

The results are those of the seed reports, each given a body and a file of its own
(武昌区-0001 …), so every letter is a different document; checking is left out (ci/bench_audit.py
measures it), this measures laying out and writing the Word files. Prints the median of
three runs for each number of workers, the CPU seconds they took (parent and workers: on
a machine shared with other work the wall time is only what was left over) and the speed-up.
"""

from __future__ import annotations

import argparse
import dataclasses
import resource
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPEATS = 3


def results(count: int) -> list:
    from checker.packs.load import load_packs
    from checker.run import check_path
    from checker.understand.records import Body
    packs = load_packs()
    seeds = [check_path(str(p), packs) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    out = []
    for number in range(count):
        result = seeds[number % len(seeds)]
        body = Body(name=f"某市第{number:04d}区人民政府", short=f"第{number:04d}区", level="county",
                    source="title")
        document = dataclasses.replace(result.document, body=body)
        out.append(dataclasses.replace(result, file=f"r{number:04d}.txt", document=document))
    return out


def cpu_seconds() -> float:
    usage = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def timed(reports: list, jobs: int, folder: Path) -> tuple[float, float]:
    from checker.audit.feedback import write_feedback
    from checker.judge.scoring import Gate
    from checker.packs.load import load_packs
    from checker.review.letter import LetterContext
    from checker.review.template import load_template
    context = LetterContext(load_packs(), load_template(), Gate(), date(2025, 3, 31))
    started, cpu = time.perf_counter(), cpu_seconds()
    written = write_feedback(reports, context, folder, jobs)
    elapsed = time.perf_counter() - started
    assert len(written) == len(reports) + 1
    return elapsed, cpu_seconds() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=1000)
    args = parser.parse_args()
    reports = results(args.bodies)
    medians = {}
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-feedback-") as tmp:
        for jobs in (1, 2):
            runs = [timed(reports, jobs, Path(tmp) / f"j{jobs}-{n}") for n in range(REPEATS)]
            medians[jobs] = statistics.median(t for t, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            print(f"{jobs} worker(s): {args.bodies} letters and the 汇总 in {medians[jobs]:.2f} s "
                  f"(median of {REPEATS}) = {args.bodies / medians[jobs]:.0f} letters/s; "
                  f"CPU {cpu:.1f} s")
    print(f"speed-up with 2 workers: {medians[1] / medians[2]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
