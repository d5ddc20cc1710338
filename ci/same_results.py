#!/usr/bin/env python3
"""Record or compare `fazhi check --format json` over the seeds and every fixture report, so
a change meant only to make fazhi faster can be shown to change no result.

    python ci/same_results.py record BEFORE.json [--checkout DIR]   # the code as it was
    python ci/same_results.py compare BEFORE.json   # after the change: exit 1 on any difference

`--checkout DIR` runs the fazhi of another checkout (the main one, say) over its own copy of
the same files, with this Python.

The results carry no timing fields, so the JSON is compared as it is, report by report.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = {
    "seeds": "seeds/*.txt",
    "real": "tests/fixtures/real/texts/*",
    "heldout": "tests/fixtures/heldout/texts/*",
    "unseen": "tests/fixtures/unseen/*.txt",
    "unseen-formats": "tests/fixtures/unseen-formats/r*",
    "formats": "tests/fixtures/formats/seed*",
    "reports": "tests/fixtures/reports/*",
}


def results(checkout: Path = ROOT) -> dict[str, dict]:
    """{file: its result} for every report in every group, from one `fazhi check` per group."""
    found: dict[str, dict] = {}
    env = dict(os.environ, PYTHONPATH=str(checkout))
    for pattern in GROUPS.values():
        files = sorted(str(p.relative_to(checkout)) for p in checkout.glob(pattern) if p.is_file())
        run = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", *files],
                             cwd=checkout, env=env, capture_output=True, text=True, encoding="utf-8")
        if run.returncode not in (0, 1, 2):
            sys.exit(f"fazhi check failed on {pattern}: {run.stderr.strip()}")
        for report in json.loads(run.stdout)["reports"]:
            found[report["file"]] = report
    return found


def main(argv: list[str]) -> int:
    checkout = ROOT
    if len(argv) == 4 and argv[2] == "--checkout":
        checkout, argv = Path(argv[3]).resolve(), argv[:2]
    if len(argv) != 2 or argv[0] not in ("record", "compare"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    mode, path = argv[0], Path(argv[1])
    now = results(checkout)
    if mode == "record":
        path.write_text(json.dumps(now, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
        print(f"recorded {len(now)} reports in {path}")
        return 0
    before = json.loads(path.read_text(encoding="utf-8"))
    changed = sorted(f for f in before.keys() | now.keys() if before.get(f) != now.get(f))
    for name in changed:
        print(f"differs: {name}")
    print(f"{len(before)} reports recorded, {len(now)} now, {len(changed)} differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
