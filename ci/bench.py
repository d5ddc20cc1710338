#!/usr/bin/env python3
"""Benchmark `fazhi check`: cold start, batch throughput against a bare jieba pass over the
same text, whether the cost per character stays flat for a big report, and how often the
small cached dictionary's word boundaries differ from jieba's full one.

    python ci/bench.py [--chars N] [--rounds R] [--big-chars N] [--many-reports N] [--no-cache]
                       [--against DIR]

The corpus is real report sentences recombined, every sentence distinct (ci/bench_corpus.py),
with page noise; each round checks fresh text (no sentence of one round is in another), as
files read from disk in one process, and times a bare `jieba.lcut` over exactly the same
text right after. Figures are medians over the rounds, with their spread, and the ratio is
the median of each round's own ratio, so both sides of it saw the same machine load.
`--no-cache` turns off fazhi's segmentation caches shared between reports (the clauses
that recur from report to report), to show what they save. `--against DIR` also checks each
round with the fazhi of another checkout (the main one, say), in a process of its own, so
a change is measured against what it changes under the same load. The cold start is shown
beside the interpreter's own start measured in the same run.

The cost per character (a 3 M-character report against 100 k ones) and per report (a batch of
10,000 reports against batches of 100) are measured on one shuffled pool of generated
reports, the small ones drawn from the big one, each checked in a fresh process, in CPU
time: sizes differ, the mix of text does not.

Targets (issue 13): batch >= 2x bare jieba; cold single report <= 0.12 s; per-character time
of a 3 M-character report within 10 % of a 100 k one; per-report time of a batch of 10,000
reports within 10 % of a batch of 100.
"""

from __future__ import annotations

import argparse
import os
import random
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
sys.path.insert(0, str(ROOT / "ci"))

from bench_corpus import Corpus, sentences_of  # noqa: E402

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
RATIO_TARGET, COLD_TARGET, LINEAR_TARGET = 2.0, 0.12, 0.10
WARM_UP_CHARS = 300_000     # what a measuring process checks before its clock starts


def fazhi_command() -> list[str]:
    """The console script of this interpreter's environment, else one on PATH (what a user
    runs), else -m."""
    beside = Path(sys.executable).parent / "fazhi"
    script = str(beside) if beside.is_file() else shutil.which("fazhi")
    return [script] if script else [sys.executable, "-m", "checker"]


def installed_env(checkout: Path, bytecode: Path) -> dict[str, str]:
    """The environment of a cold run as after `pip install`, which compiles every module to
    bytecode: Python writes .pyc files on the first run and reads them after, in a folder of
    the bench's own (PYTHONDONTWRITEBYTECODE, set in some development shells, would make
    every run compile all the sources again; 75 ms)."""
    env = dict(os.environ, PYTHONPATH=str(checkout), PYTHONPYCACHEPREFIX=str(bytecode))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cold_runs(runs: int, against: Path | None) -> dict[str, list[float]]:
    """Seconds of `fazhi check` of one report, of a bare interpreter start and (with
    `against`) of the other checkout's `python -m checker check`, taken in turns, each
    with its bytecode compiled first (installed_env)."""
    seed = str(SEEDS[1])
    commands = {"fazhi": (fazhi_command() + ["check", seed], ROOT),
                "python": ([sys.executable, "-c", "pass"], ROOT)}
    if against:
        commands["against"] = ([sys.executable, "-m", "checker", "check", seed], against)
    envs = {name: installed_env(checkout, Path(tempfile.mkdtemp(prefix=f"fazhi-bench-{name}-pyc-")))
            for name, (_, checkout) in commands.items()}
    # each in its own checkout: `python -m` puts the working directory first on the path
    for name, (command, checkout) in commands.items():   # compile the bytecode, fill the caches
        subprocess.run(command, capture_output=True, env=envs[name], cwd=checkout)
    times: dict[str, list[float]] = {name: [] for name in commands}
    times |= {f"{name} cpu": [] for name in commands}
    for _ in range(runs):
        for name, (command, checkout) in commands.items():
            used, start = _children_cpu(), time.perf_counter()
            subprocess.run(command, capture_output=True, env=envs[name], cwd=checkout)
            times[name].append(time.perf_counter() - start)
            times[f"{name} cpu"].append(_children_cpu() - used)
    return times


def _children_cpu() -> float:
    """CPU seconds (user and system) of the finished child processes: on a busy machine less
    swayed than the wall time by waiting for a CPU."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def other_checkout_seconds(checkout: Path, folder: Path) -> float:
    """Seconds another checkout's fazhi takes over the files of `folder`, timed in its own
    process after its packs and dictionary are loaded."""
    run = subprocess.run([sys.executable, __file__, "--child-check", str(checkout), str(folder)],
                         capture_output=True, text=True, encoding="utf-8", check=True,
                         env=dict(os.environ, PYTHONPATH=str(checkout)))
    return float(run.stdout)


def command_pace() -> None:
    """The garbage collector's pace the `fazhi` command sets (checker/__main__.py), when the
    checkout has one: a batch is timed as `fazhi check` over many files runs it."""
    import gc

    from checker import __main__ as command
    thresholds = getattr(command, "GC_THRESHOLDS", None)
    if thresholds:
        gc.set_threshold(*thresholds)


def child_check(checkout: str, folder: str) -> None:
    sys.path[:2] = [checkout]
    command_pace()
    from checker.packs.load import load_packs
    from checker.run import check_path
    paths = sorted(str(p) for p in Path(folder).glob("*.txt"))
    packs = load_packs()
    check_path(paths[0], packs)
    start = time.perf_counter()
    for path in paths:
        check_path(path, packs)
    print(time.perf_counter() - start)


def spread(values: list[float], unit: str = "", digits: int = 0) -> str:
    def shown(value: float) -> str:
        return f"{value:,.{digits}f}"
    low, high = shown(min(values)), shown(max(values))
    return f"median {shown(statistics.median(values))}{unit} (range {low}–{high})"


def write_files(texts: list[str], folder: Path) -> list[str]:
    folder.mkdir(parents=True)
    paths = []
    for number, text in enumerate(texts):
        path = folder / f"report-{number:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


class Checker:
    """fazhi in this process: packs and dictionary loaded once, as in an audit's worker,
    at the garbage collector's pace of the `fazhi` command."""

    def __init__(self, shared_caches: bool):
        command_pace()    # for the bare jieba pass timed in this process too
        from checker.match.segment import segmenter_for
        from checker.packs.load import load_packs
        from checker.readers.limits import ReadingLimits
        from checker.run import Settings, check_path
        self.packs, self.check_path = load_packs(), check_path
        # the per-character run reads reports far past the reading limits on purpose
        self.settings = Settings(limits=ReadingLimits(lines=10**9, sentences=10**9, chars=10**9))
        segmenter = segmenter_for(frozenset(self.packs.terms()))
        if not shared_caches:
            for name in ("block_words", "blocks_of", "sentence_words"):
                setattr(segmenter, name, getattr(segmenter, name).__wrapped__)
        self.segmenter = segmenter

    def seconds(self, paths: list[str], clock=time.perf_counter) -> float:
        start = clock()
        for path in paths:
            result = self.check_path(path, self.packs, self.settings)
            if result.errors:
                sys.exit(f"{path}: {result.errors[0].message}")
        return clock() - start


def jieba_seconds(texts: list[str]) -> float:
    from checker.match.segment import _import_jieba
    jieba = _import_jieba()
    jieba.initialize()
    start = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return time.perf_counter() - start


def batch(corpus: Corpus, checker: Checker, folder: Path, chars: int, rounds: int,
          against: Path | None) -> float:
    fazhi_rates, jieba_rates, ratios, gains = [], [], [], []
    sentences: list[str] = []
    checker.seconds(write_files(list(corpus.reports(chars // 10)), folder / "warm-up"))
    for number in range(rounds):
        texts = list(corpus.reports(chars))
        sentences += sentences_of(texts)
        paths = write_files(texts, folder / f"round-{number}")
        size = sum(len(t) for t in texts)
        fazhi_rate, jieba_rate = size / checker.seconds(paths), size / jieba_seconds(texts)
        fazhi_rates.append(fazhi_rate)
        jieba_rates.append(jieba_rate)
        ratios.append(fazhi_rate / jieba_rate)
        if against:
            gains.append(other_checkout_seconds(against, folder / f"round-{number}") * fazhi_rate / size)
    print(f"batch: {rounds} rounds of {chars:,} chars ({len(sentences):,} sentences, "
          f"{len(set(sentences)):,} distinct), "
          f"each new text, in one process")
    print(f"  fazhi check   {spread(fazhi_rates, ' chars/s')}")
    print(f"  bare jieba    {spread(jieba_rates, ' chars/s')}")
    ratio = statistics.median(ratios)
    print(f"  ratio         {spread(ratios, 'x', 2)}   target >= {RATIO_TARGET}x   "
          f"{'OK' if ratio >= RATIO_TARGET else 'MISSED'}")
    if gains:
        print(f"  against {against}: this checkout is {spread(gains, 'x', 2)} as fast")
    info = checker.segmenter.block_words.cache_info() if hasattr(checker.segmenter.block_words,
                                                                 "cache_info") else None
    if info:
        print(f"  shared block cache: {info.hits:,} hits, {info.misses:,} misses "
              f"({info.hits / max(1, info.hits + info.misses):.0%} of lookups; --no-cache turns it off)")
    return ratio


def timed_child(folder: Path, warm_up: Path) -> tuple[float, int, int]:
    """CPU seconds, reports and characters of checking every file of `folder` in a fresh
    process of this checkout, after it has checked the reports of `warm_up` (other text):
    each measurement starts from the same state, the packs loaded and the dictionary's
    groups read as a running audit has them, with no cache carried over from another
    measurement."""
    run = subprocess.run([sys.executable, __file__, "--child-time", str(folder), str(warm_up)],
                         capture_output=True, text=True, encoding="utf-8", check=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    seconds, reports, chars = run.stdout.split()
    return float(seconds), int(reports), int(chars)


def child_time(folder: str, warm_up: str) -> None:
    command_pace()
    checker = Checker(shared_caches=True)
    checker.seconds(sorted(str(p) for p in Path(warm_up).glob("*.txt")))
    paths = sorted(str(p) for p in Path(folder).glob("*.txt"))
    chars = sum(len(Path(p).read_text(encoding="utf-8")) for p in paths)
    print(checker.seconds(paths, clock=time.process_time), len(paths), chars)


def pool_of(corpus: Corpus, count: int) -> list[str]:
    """`count` new reports following the corpus's source reports spread evenly, shuffled: a
    sample of them has the mix of the whole, so a small and a big measurement drawn from one
    pool differ in size only (the corpus's later reports need more recombined sentences to
    stay distinct, so reports in generation order drift)."""
    cycle = len(corpus.sources)
    step = cycle / count if count < cycle else 1
    texts = [corpus.report(corpus.sources[int(i * step) % cycle]) for i in range(count)]
    random.Random(count).shuffle(texts)
    return texts


def linearity(corpus: Corpus, folder: Path, warm_up: Path, small: int, big: int, runs: int) -> float:
    """CPU time per character of a big report against small ones, all made of whole generated
    reports run together (one title, the rest as its body) from one shuffled pool: the big
    report is the whole pool, each small one a different slice of it. Each is checked in a
    fresh process (timed_child)."""
    pool = pool_of(corpus, max(2, big * len(corpus.sources) // sum(len(s) for s in corpus.sources)))
    per_char: dict[int, list[float]] = {small: [], big: []}
    starts = [0]
    while len(starts) < 5 * runs:        # small reports from different parts of the pool
        starts.append(starts[-1] + 1 + len(pool) // (5 * runs))
    for number in range(runs):
        picks = [(big, pool)] + [(small, _slice_of(pool, start, small)) for start in starts[number::runs]]
        for size, texts in picks:
            target = folder / f"linear-{size}-{number}-{len(per_char[size])}"
            write_files(["\n".join(texts)], target)
            seconds, _, chars = timed_child(target, warm_up)
            per_char[size].append(seconds / chars * 1e6)
    small_us, big_us = statistics.median(per_char[small]), statistics.median(per_char[big])
    change = big_us / small_us - 1
    print(f"per character (CPU time, each in a fresh process, one pool): {small:,}-char report "
          f"{spread(per_char[small], ' µs', 2)} ({len(per_char[small])} slices); {big:,}-char report "
          f"{spread(per_char[big], ' µs', 2)}: {change:+.0%}   "
          f"target within {LINEAR_TARGET:.0%}   {'OK' if abs(change) <= LINEAR_TARGET else 'MISSED'}")
    return change


def _slice_of(pool: list[str], start: int, chars: int) -> list[str]:
    """Reports of the pool from `start` on (wrapping round) until `chars` characters."""
    texts: list[str] = []
    while sum(len(t) for t in texts) < chars:
        texts.append(pool[(start + len(texts)) % len(pool)])
    return texts


def per_report(corpus: Corpus, folder: Path, warm_up: Path, small: int, big: int, runs: int) -> float:
    """CPU time per report of a batch of `big` reports against batches of `small` ones drawn
    from the same shuffled pool (so they have the same mix of report lengths), each batch in
    a fresh process (timed_child): the big batch five times the small batches' count in
    different samples, so a moment's load does not decide the small figure."""
    pool = pool_of(corpus, big)
    per_report: dict[int, list[float]] = {small: [], big: []}
    per_char: dict[int, list[float]] = {small: [], big: []}
    lengths: dict[int, list[float]] = {small: [], big: []}
    for number in range(runs):
        batches = [pool] + [pool[(number * 5 + k) * small:(number * 5 + k + 1) * small] for k in range(5)]
        for repeat, texts in enumerate(batches):
            count = len(texts)
            batch_folder = folder / f"reports-{count}-{number}-{repeat}"
            write_files(texts, batch_folder)
            seconds, reports, chars = timed_child(batch_folder, warm_up)
            per_report[count].append(seconds / reports * 1e3)
            per_char[count].append(seconds / chars * 1e6)
            lengths[count].append(chars / reports)
    change = statistics.median(per_report[big]) / statistics.median(per_report[small]) - 1
    print(f"per report (CPU time, each batch in a fresh process, one pool): {small:,} reports "
          f"{spread(per_report[small], ' ms', 2)} ({len(per_report[small])} batches); {big:,} reports "
          f"{spread(per_report[big], ' ms', 2)}: {change:+.0%}   "
          f"target within {LINEAR_TARGET:.0%}   {'OK' if abs(change) <= LINEAR_TARGET else 'MISSED'}")
    print(f"  per character: {spread(per_char[small], ' µs', 2)} and {spread(per_char[big], ' µs', 2)} "
          f"(reports of {statistics.median(lengths[small]):,.0f} and {statistics.median(lengths[big]):,.0f} "
          f"characters on average)")
    return change


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=1_000_000, help="characters per batch round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=7)
    parser.add_argument("--small-chars", type=int, default=100_000)
    parser.add_argument("--big-chars", type=int, default=3_000_000)
    parser.add_argument("--linear-runs", type=int, default=3, help="0: no big-report runs")
    parser.add_argument("--few-reports", type=int, default=100)
    parser.add_argument("--many-reports", type=int, default=10_000)
    parser.add_argument("--report-runs", type=int, default=1, help="0: no per-report runs")
    parser.add_argument("--no-cache", action="store_true", help="no segmentation cache shared by reports")
    parser.add_argument("--against", type=Path, help="another checkout to time on the same rounds")
    parser.add_argument("--child-check", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--child-time", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_check:
        child_check(*args.child_check)
        return 0
    if args.child_time:
        child_time(*args.child_time)
        return 0
    os.environ.setdefault("FAZHI_CACHE_DIR", tempfile.mkdtemp(prefix="fazhi-bench-"))
    times = cold_runs(args.cold_runs, args.against)
    cold = statistics.median(times["fazhi"])
    print(f"cold `fazhi check` of one report: {spread(times['fazhi'], ' s', 3)} over {args.cold_runs} "
          f"runs   target <= {COLD_TARGET} s   {'OK' if cold <= COLD_TARGET else 'MISSED'}")
    command = "python -m checker" if fazhi_command()[0] == sys.executable else "fazhi"
    print(f"  `{command} check seeds/{SEEDS[1].name}` as installed: bytecode compiled on a first "
          "run and read after, the dictionary and packs cached")
    print(f"  the interpreter alone (python -c pass), same moments: {spread(times['python'], ' s', 3)}")
    if args.against:
        against = spread(times['against'], ' s', 3)
        print(f"  {args.against} (python -m checker check), same moments: {against}")
    cpu = ", ".join(f"{name} {spread(times[f'{name} cpu'], ' s', 3)}" for name in
                    ("fazhi", "python", "against") if f"{name} cpu" in times)
    print(f"  CPU time (user + system) of the same runs: {cpu}")
    corpus, checker = Corpus(), Checker(shared_caches=not args.no_cache)
    with tempfile.TemporaryDirectory(prefix="fazhi-bench-") as tmp:
        ratio = batch(corpus, checker, Path(tmp), args.chars, args.rounds, args.against)
        warm_up = Path(tmp) / "child-warm-up"        # text no measured report holds
        if args.linear_runs > 0 or args.report_runs > 0:
            write_files(list(corpus.reports(WARM_UP_CHARS)), warm_up)
        change = linearity(corpus, Path(tmp), warm_up, args.small_chars, args.big_chars,
                           args.linear_runs) if args.linear_runs > 0 else None
        reports_change = per_report(corpus, Path(tmp), warm_up, args.few_reports, args.many_reports,
                                    args.report_runs) if args.report_runs > 0 else None
    checked, differ = dictionary_agreement([p.read_text(encoding="utf-8") for p in SEEDS])
    print(f"small vs full dictionary on the seeds: {differ} of {checked} term occurrences "
          f"get a different word-boundary verdict")
    met = cold <= COLD_TARGET and ratio >= RATIO_TARGET and all(
        abs(c) <= LINEAR_TARGET for c in (change, reports_change) if c is not None)
    unmeasured = [what for what, c in (("cost per character", change), ("cost per report", reports_change))
                  if c is None]
    print(("targets met" if met else "TARGETS MISSED")
          + (f" ({' and '.join(unmeasured)} not measured)" if unmeasured else ""))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
