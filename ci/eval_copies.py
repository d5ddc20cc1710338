#!/usr/bin/env python3
"""How well copies of one report are told from other reports, on every fixture text.

    python ci/eval_copies.py

Checks every text of seeds/, tests/fixtures/{unseen,heldout,real,unseen-formats} and the
seed copies of tests/fixtures/formats (.docx, .pdf, .html, .doc, .wps, .rtf, .odt, GBK,
UTF-16, Traditional), groups them as `fazhi audit` does (checker/judge/submissions.py) and
prints: the pairs of copies (the same report in two files) with the lowest similarity, the
pairs of different reports with the highest, and every group of more than one file. A copy
is one file made from another (same stem in tests/fixtures/formats, same rNN prefix in
unseen-formats and its src/ folder); every other pair is two different reports.
"""

from __future__ import annotations

import itertools
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.judge.submissions import SIMILAR, group_submissions  # noqa: E402
from checker.packs.load import load_packs  # noqa: E402
from checker.run import check_path  # noqa: E402

PATTERNS = ["seeds/*.txt", "tests/fixtures/unseen/*.txt", "tests/fixtures/heldout/*.txt",
            "tests/fixtures/real/*/*.txt", "tests/fixtures/unseen-formats/*.*",
            "tests/fixtures/unseen-formats/src/*.html", "tests/fixtures/unseen-formats/src/*.txt",
            "tests/fixtures/formats/seed00*.*"]
NOT_TEXTS = (".md", ".yaml", ".py")


def report_of(path: Path) -> str:
    """Which report a file is a copy of (files made from one another share it)."""
    name = path.name
    for seed in ("001", "002"):
        if name.startswith((f"seed{seed}", f"{seed}_")):
            return f"seed{seed}"
    match = re.match(r"(r\d\d)_", name)
    if "unseen-formats" in path.parts and match:
        return "unseen-formats " + match.group(1)
    return str(path)


def main() -> None:
    files = sorted({p for pattern in PATTERNS for p in ROOT.glob(pattern)
                    if p.is_file() and p.suffix not in NOT_TEXTS})
    packs = load_packs()
    reports = [check_path(str(f), packs) for f in files]
    readable = [(Path(r.file), r.document.fingerprint) for r in reports if not r.errors]
    started = time.perf_counter()
    submissions = group_submissions(reports)
    grouping = time.perf_counter() - started
    same, different = [], []
    for (a, fa), (b, fb) in itertools.combinations(readable, 2):
        (same if report_of(a) == report_of(b) else different).append((fa.similarity(fb), a, b))
    print(f"{len(files)} files, {len(readable)} read; {len(submissions)} submissions, grouped in "
          f"{grouping * 1000:.0f} ms; threshold {SIMILAR}")
    print(f"copies: {len(same)} pairs, lowest similarity "
          f"{min(s for s, _, _ in same):.2f}" if same else "copies: none")
    for score, a, b in sorted(same)[:3]:
        print(f"  {score:.2f}  {a.relative_to(ROOT)}  {b.relative_to(ROOT)}")
    print(f"different reports: {len(different)} pairs, highest similarity "
          f"{max(s for s, _, _ in different):.2f}")
    for score, a, b in sorted(different, reverse=True)[:3]:
        print(f"  {score:.2f}  {a.relative_to(ROOT)}  {b.relative_to(ROOT)}")
    wrong = [s for s in submissions if len({report_of(Path(c.report.file)) for c in s.copies}) > 1]
    print(f"groups of more than one file: {sum(1 for s in submissions if len(s.copies) > 1)}; "
          f"holding different reports: {len(wrong)}")


if __name__ == "__main__":
    main()
