#!/usr/bin/env python3
"""Benchmark `fazhi audit`: generated reports (real sentences recombined, every sentence
distinct: ci/bench_corpus.py) checked with 1 and with 2 worker processes, and the parent's
memory as the number of reports grows.

    python ci/bench_audit.py [--reports N] [--repeats R] [--memory-sizes 1000,5000]

Each measured audit is a fresh process doing what `fazhi audit` does (results streamed to a
spool, the outputs written from it): its parent's peak memory from /proc/self/status
(VmHWM), the largest worker's from RUSAGE_CHILDREN. The 2-worker speed-up is judged against the machine's own
ceiling at that moment: how much faster a plain CPU loop runs on 2 processes than on 1,
measured right before each pair of runs (other work on a shared machine lowers both).
Figures are medians over the repeats, with their spread.

Targets (issue 13): the speed-up reaches >= 90 % of the ceiling; the parent's peak memory
<= 200 MB and flat in the number of reports; <= 150 MB per worker.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "ci"))

from bench_corpus import Corpus  # noqa: E402

CEILING_SHARE_TARGET = 0.90
PARENT_TARGET_MB = 200
WORKER_TARGET_MB = 150


def generate(folder: Path, count: int, corpus: Corpus) -> int:
    """`count` distinct reports in 10 county folders; returns their characters."""
    chars = 0
    for number in range(count):
        text = corpus.report(corpus.sources[number % len(corpus.sources)])
        target = folder / f"county-{number % 10}" / f"report-{number:05d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


HALVES_BASE = 6000    # distinct generated reports whose halves --halves joins


def generate_halves(folder: Path, count: int, base: list[str]) -> int:
    """`count` reports, each the first half of one distinct generated report and the second
    half of another (no pair twice), in 10 county folders: quick to make at 20,000, where
    the corpus slows down finding sentences it has not had. Their sentences recur, so the
    time per report is flattered; the memory and the sizes are what they are for."""
    chars, total = 0, len(base)
    step = next(s for s in range(7, total) if total % s)            # coprime-ish: the pairs differ
    for number in range(count):
        # the second half's report moves on by `step` each time round, so no pair comes twice
        first, second = base[number % total], base[(number // total * step + number * step + 1) % total]
        lines_a, lines_b = first.split("\n"), second.split("\n")
        text = "\n".join(lines_a[:len(lines_a) // 2] + lines_b[len(lines_b) // 2:])
        target = folder / f"county-{number % 10}" / f"report-{number:05d}.txt"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def child(folder: str, jobs: int) -> None:
    """One measured audit in this process, as `fazhi audit` runs it: prints its figures."""
    from checker.audit.outputs import write_outputs
    from checker.audit.pool import AuditJob, audit_walk
    from checker.audit.spool import ResultSpool, result_rows
    from checker.audit.walk import find_reports
    from checker.settings import CommandLine, resolve
    resolved = resolve(CommandLine(preset="audit"))
    job = AuditJob(resolved.packs, resolved.settings, jobs=jobs)
    out = Path(folder).parent / f"out-{jobs}"
    started, cpu_before = time.perf_counter(), _cpu_seconds()
    with ResultSpool(out) as spool:
        reports = audit_walk(find_reports([folder]), job, lambda n: None, spool)
        elapsed, check_cpu = time.perf_counter() - started, _cpu_seconds() - cpu_before
        write_started = time.perf_counter()
        write_outputs(reports, out)
        rows = result_rows(reports)
        count, errors = len(rows), sum(1 for r in rows if r.errors)    # read while the spool is open
    details = [p.stat().st_size for p in (out / "report-details").glob("*.html")]
    print(json.dumps({"jobs": jobs, "reports": count, "seconds": elapsed,
                      "page_mb": (out / "report.html").stat().st_size / 1e6,
                      "largest_detail_kb": max(details, default=0) / 1e3,
                      "results_mb": (out / "results.json").stat().st_size / 1e6,
                      "write_seconds": time.perf_counter() - write_started,
                      "errors": errors, "check_cpu_seconds": check_cpu,
                      "parent_mb": _own_peak_mb(),
                      "workers_mb": _peak_mb(resource.RUSAGE_CHILDREN)}))


def _cpu_seconds() -> float:
    usage = [resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def _own_peak_mb() -> float:
    """This process's peak resident memory. Not RUSAGE_SELF: Linux carries the peak of the
    process that forked this one across exec, so it would count the benchmark's own corpus."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return _peak_mb(resource.RUSAGE_SELF)


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024     # ru_maxrss is in KiB on Linux


def _burn(count: int) -> int:
    total = 0
    for number in range(count):
        total += number * number
    return total


def machine_ceiling() -> float:
    """How much faster 2 processes run a plain CPU loop than 1, on this machine, right now."""
    from concurrent.futures import ProcessPoolExecutor
    started = time.perf_counter()
    for _ in range(4):
        _burn(3_000_000)
    one = time.perf_counter() - started
    with ProcessPoolExecutor(2) as pool:
        list(pool.map(_burn, [1, 1]))          # workers started before the clock
        started = time.perf_counter()
        list(pool.map(_burn, [3_000_000] * 4))
        two = time.perf_counter() - started
    return one / two


def measure(folder: Path, jobs: int) -> dict:
    run = subprocess.run([sys.executable, __file__, "--child", str(folder), "--jobs", str(jobs)],
                         capture_output=True, text=True, encoding="utf-8", check=True)
    return json.loads(run.stdout)


def _warm_caches() -> None:
    """Build the cached dictionary and packs once, so no timed run pays for it."""
    from checker.match.segment import segmenter_for
    from checker.packs.load import load_packs
    segmenter_for(frozenset(load_packs().terms()))


def spread(values: list[float], digits: int = 2) -> str:
    return (f"median {statistics.median(values):,.{digits}f} "
            f"(range {min(values):,.{digits}f}–{max(values):,.{digits}f})")


def speed_up(folder: Path, chars: int, repeats: int) -> tuple[float, float]:
    """Pairs of 1- and 2-worker audits, each pair next to the ceiling measured just before."""
    ones, twos, ceilings, shares = [], [], [], []
    for _ in range(repeats):
        ceiling = machine_ceiling()
        one, two = measure(folder, 1), measure(folder, 2)
        ones.append(one)
        twos.append(two)
        ceilings.append(ceiling)
        shares.append(one["seconds"] / two["seconds"] / ceiling)
    for runs in (ones, twos):
        seconds = [r["seconds"] for r in runs]
        print(f"{runs[0]['jobs']} worker(s): {runs[0]['reports']} reports ({chars:,} chars), "
              f"{spread(seconds)} s = {statistics.median(r['reports'] / r['seconds'] for r in runs):.1f} "
              f"reports/s, {statistics.median(chars / r['seconds'] for r in runs):,.0f} chars/s; "
              f"peak per worker {max(r['workers_mb'] for r in runs):.0f} MB, parent "
              f"{max(r['parent_mb'] for r in runs):.0f} MB; writing the outputs "
              f"{statistics.median(r['write_seconds'] for r in runs):.1f} s; {runs[0]['errors']} errors")
    speed_ups = [o["seconds"] / t["seconds"] for o, t in zip(ones, twos, strict=True)]
    print(f"speed-up with 2 workers: {spread(speed_ups)}x; the machine's ceiling at the same moments "
          f"(a CPU loop on 2 processes against 1): {spread(ceilings)}x")
    share = statistics.median(shares)
    print(f"speed-up as a share of the ceiling: {spread([s * 100 for s in shares], 0)} %   "
          f"target >= {CEILING_SHARE_TARGET:.0%}   {'OK' if share >= CEILING_SHARE_TARGET else 'MISSED'}")
    return share, max(r["workers_mb"] for r in ones + twos)


def memory_growth(sizes: list[int], corpus: Corpus, tmp: Path, halves: bool = False) -> list[dict]:
    """The parent's peak memory and the time per report, 2 workers, at each audit size."""
    figures = []
    base = ([corpus.report(corpus.sources[n % len(corpus.sources)]) for n in range(HALVES_BASE)]
            if halves else [])
    for size in sizes:
        folder = tmp / f"size-{size}" / "submissions"
        if halves:
            generate_halves(folder, size, base)
        else:
            generate(folder, size, corpus)
        figures.append(measure(folder, 2))
        print(f"{size:,} reports, 2 workers: parent peak {figures[-1]['parent_mb']:.0f} MB, "
              f"largest worker {figures[-1]['workers_mb']:.0f} MB, "
              f"{figures[-1]['seconds'] / size * 1000:.1f} ms per report "
              f"(+ {figures[-1]['write_seconds']:.1f} s writing the outputs); report.html "
              f"{figures[-1]['page_mb']:.1f} MB, largest detail page "
              f"{figures[-1]['largest_detail_kb']:.0f} KB, "
              f"results.json {figures[-1]['results_mb']:.0f} MB")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--memory-sizes", default="1000,5000",
                        help="audit sizes (comma-separated) whose parent memory is measured")
    parser.add_argument("--memory-only", action="store_true",
                        help="only the audits of --memory-sizes (no 1- against 2-worker runs)")
    parser.add_argument("--halves", action="store_true",
                        help="the --memory-sizes audits of reports joined from halves of 6,000 distinct "
                             "ones (quick to make; sentences recur: read the memory, not the speed)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.jobs)
        return 0
    if (os.cpu_count() or 1) < 2:
        print("note: this machine has one CPU; the 2-worker run cannot be faster")
    os.environ.setdefault("FAZHI_CACHE_DIR", tempfile.mkdtemp(prefix="fazhi-bench-cache-"))
    corpus = Corpus()
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
        _warm_caches()
        share: float | None = None      # not measured with --memory-only
        worker_mb = 0.0
        if not args.memory_only:
            folder = Path(tmp) / "speed" / "submissions"
            chars = generate(folder, args.reports, corpus)
            share, worker_mb = speed_up(folder, chars, args.repeats)
        sizes = [int(s) for s in args.memory_sizes.split(",") if s.strip()]
        growth = memory_growth(sizes, corpus, Path(tmp), args.halves)
    parent_mb = max(f["parent_mb"] for f in growth)
    worker_mb = max([worker_mb] + [f["workers_mb"] for f in growth])
    flat = len(growth) < 2 or growth[-1]["parent_mb"] <= growth[0]["parent_mb"] * 1.1
    print(f"parent peak memory: {parent_mb:.0f} MB at most (target <= {PARENT_TARGET_MB} MB, flat: "
          f"{'yes' if flat else 'NO'}); per worker {worker_mb:.0f} MB (target <= {WORKER_TARGET_MB} MB)")
    met = (parent_mb <= PARENT_TARGET_MB and flat and worker_mb <= WORKER_TARGET_MB
           and (share is None or share >= CEILING_SHARE_TARGET))
    print(("targets met" if met else "TARGETS MISSED")
          + (" (the 2-worker speed-up not measured: --memory-only)" if share is None else ""))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
