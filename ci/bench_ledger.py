#!/usr/bin/env python3
"""Benchmark the audit ledger: what recording costs an audit, and how fast it answers.

    python ci/bench_ledger.py [--reports N] [--repeats R]

Generates N distinct reports (ci/bench_audit.py's generator: every file differs, so no
cache or dedup flatters the figures), then audits them R times without and R times with
`--ledger` (a fresh ledger file each time), alternating so that load on a shared machine
hits both alike. Prints the median wall time of each, their ratio, the ledger's size per
report, and the median time of `fazhi ledger compare` and `history` on a two-round ledger
of those reports. Each measured command is a fresh process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ci"))
from bench_audit import generate  # noqa: E402  (a sibling script, not a package)


def timed(*args: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "checker", *args], env=env, cwd=ROOT,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    elapsed = time.perf_counter() - started
    if run.returncode not in (0, 1):
        raise SystemExit(f"fazhi {' '.join(args)} failed: {run.stderr.strip()}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-ledger-") as tmp:
        base = Path(tmp)
        folder = base / "reports"
        generate(folder, options.reports)
        plain, recorded = [], []
        for number in range(options.repeats):
            common = ["audit", str(folder), "--jobs", str(options.jobs), "--out", str(base / f"out{number}")]
            plain.append(timed(*common))
            ledger = base / f"ledger{number}.db"
            recorded.append(timed(*common, "--ledger", str(ledger), "--round", "2024年度"))
        ledger = base / "ledger0.db"
        size = sum(p.stat().st_size for p in base.glob("ledger0.db*"))
        timed("audit", str(folder), "--jobs", str(options.jobs), "--out", str(base / "out-b"),
              "--ledger", str(ledger), "--round", "2025年度")
        compare = [timed("ledger", "compare", "2024年度", "2025年度", "--ledger", str(ledger))
                   for _ in range(options.repeats)]
        history = [timed("ledger", "history", "武昌区", "--ledger", str(ledger))
                   for _ in range(options.repeats)]
    without, with_ledger = statistics.median(plain), statistics.median(recorded)
    print(f"reports: {options.reports}, jobs: {options.jobs}, repeats: {options.repeats} (medians)")
    print(f"audit without ledger: {without:.2f} s")
    print(f"audit with ledger:    {with_ledger:.2f} s   ratio {with_ledger / without:.3f}")
    print(f"ledger size: {size / options.reports / 1024:.1f} KiB per report")
    print(f"ledger compare (2 rounds, {2 * options.reports} submissions): {statistics.median(compare):.2f} s")
    print(f"ledger history (one body): {statistics.median(history):.2f} s")


if __name__ == "__main__":
    main()
