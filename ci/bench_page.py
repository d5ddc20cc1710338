#!/usr/bin/env python3
"""Is the audit page usable at N submissions? An audit's report.html with its table's rows
repeated (each copy under a file name of its own) up to N, opened in headless Chromium from
disk: the page's size, the time to load it and show the first page of rows, to turn a page,
sort, search and filter, and the script's heap. Medians over the runs, with their spread.

    python ci/bench_page.py AUDIT/report.html [--rows 20000] [--runs 3]

The rows are an audit's real rows (their cells, copies and names), repeated: what the
browser handles is the same amount of data as an audit of N reports gives.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

DATA = re.compile(r'(<script type="application/json" id="matrix-rows">)(.*?)(</script>)', re.S)


def grown(page: str, rows: int) -> str:
    """The page with its table's rows repeated up to `rows`, each copy renamed."""
    found = DATA.search(page)
    data = json.loads(found.group(2))
    at = {name: place for place, name in enumerate(data["fields"])}
    own = data["rows"]
    more = []
    for number in range(rows):
        row = list(own[number % len(own)])
        copy = f"-{number // len(own):03d}"
        row[at["index"]] = number
        for field in ("file", "name"):
            stem, dot, suffix = row[at[field]].rpartition(".")
            row[at[field]] = f"{stem}{copy}{dot}{suffix}"
        more.append(row)
    data["rows"] = more
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return page[:found.start(2)] + text + page[found.end(2):]


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def one_run(browser, path: Path, search: str) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    figures = {"load": timed(lambda: page.goto(path.as_uri()))}
    figures["dom_rows"] = page.locator("#matrix tbody tr").count()
    figures["next page"] = timed(lambda: page.click("#page-next"))
    figures["sort by score"] = timed(lambda: page.click("#sort-score"))
    figures["search"] = timed(lambda: page.fill("#f-search", search))
    figures["found"] = page.locator("#matrix tbody tr").count()
    page.fill("#f-search", "")
    figures["filter"] = timed(lambda: page.select_option("#f-verdict", "failed"))
    figures["heap_mb"] = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize / 1e6 : -1")
    figures["errors"] = errors
    page.close()
    return figures


def main() -> int:
    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, LAUNCH_ARGS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", type=Path, help="an audit's report.html")
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fazhi-page-") as tmp:
        path = Path(tmp) / "report.html"
        path.write_text(grown(args.page.read_text(encoding="utf-8"), args.rows), encoding="utf-8")
        data = json.loads(DATA.search(path.read_text(encoding="utf-8")).group(2))
        search = data["rows"][-1][data["fields"].index("name")]        # on the last page
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            runs = [one_run(browser, path, search) for _ in range(args.runs)]
            browser.close()
        size = path.stat().st_size / 1e6
    print(f"{args.rows:,} rows: report.html {size:.1f} MB; rows in the DOM {runs[0]['dom_rows']}; "
          f"a search for the last row finds {runs[0]['found']}")
    for step in ("load", "next page", "sort by score", "search", "filter"):
        values = [r[step] for r in runs]
        print(f"  {step}: median {statistics.median(values):.2f} s "
              f"(range {min(values):.2f}–{max(values):.2f})")
    print(f"  script heap: {statistics.median(r['heap_mb'] for r in runs):.0f} MB; "
          f"script errors: {sum(len(r['errors']) for r in runs)}")
    return 0 if all(not r["errors"] for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
