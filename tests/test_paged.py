"""An audit of hundreds of reports in a real browser: report.html shows its table a page of
rows at a time (the rows are data in the page, not thousands of DOM rows), the next page
shows other rows, sorting and searching span every page, a row's link opens that report's
own detail page, back from it the table is as it was left, and report text with markup is
shown as text on both pages.

Skipped, with the reason, when Chromium or Playwright's Python package is not installed.
"""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS, matrix_rows
from test_browser import CHROMIUM, LAUNCH_ARGS

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright's Python package is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium browser at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

REPORTS = 250                 # two and a half pages of 100
SPECIAL = 217                 # on the third page in file order
ATTACK = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>"
SENTENCE = re.compile(r"[^。！？]+[。！？]")


def _sentences() -> list[str]:
    return [s for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()[2:]
            for s in SENTENCE.findall(line) if len(s) > 12]


def _report(county: str, pool: list[str], rng: random.Random, extra: str = "") -> str:
    """A short annual report of its own: a dozen seed sentences drawn at random, so no two
    reports are copies of each other."""
    picked = rng.sample(pool, 14)
    return "\n".join([f"{county}关于2024年法治政府建设工作情况的报告", "一、2024年工作情况", *picked[:8], extra,
                      "二、存在的问题", *picked[8:11], "三、下一步工作打算", *picked[11:], f"{county}人民政府",
                      "2025年2月27日"]) + "\n"


@pytest.fixture(scope="module")
def audited(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    pool, rng = _sentences(), random.Random(13)
    for number in range(REPORTS):
        county, extra = f"第{number:03d}试点县", ""
        if number == SPECIAL:
            county, extra = "青山湖区", f"深入推进党政机关{ATTACK}法律顾问和社区律师全覆盖。"
        (folder / f"report-{number:03d}.txt").write_text(_report(county, pool, rng, extra), encoding="utf-8")
    out = tmp_path_factory.mktemp("audit") / "out"
    run = subprocess.run([sys.executable, "-m", "checker", "audit", str(folder), "--out", str(out), "--jobs", "2"],
                         capture_output=True, text=True, encoding="utf-8", timeout=900, check=False,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert run.returncode in (0, 1), run.stderr
    return out


@pytest.fixture(scope="module")
def page(audited):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        opened = browser.new_page(viewport={"width": 1400, "height": 900})
        opened.script_errors = []
        opened.on("pageerror", lambda error: opened.script_errors.append(str(error)))
        opened.goto((audited / "report.html").as_uri())
        yield opened
        browser.close()


def _files(page) -> list[str]:
    return page.eval_on_selector_all("#matrix tbody tr", "rows => rows.map(r => r.dataset.file.split('/').pop())")


def test_every_submission_is_a_row_of_the_data_and_a_page_of_its_own(audited):
    rows = matrix_rows((audited / "report.html").read_text(encoding="utf-8"))
    assert len(rows) == REPORTS                      # no two of them taken for copies
    details = sorted(p.name for p in (audited / "report-details").glob("*.html"))
    assert len(details) == REPORTS and [r["href"] for r in rows][:2] == ["report-details/00001.html",
                                                                         "report-details/00002.html"]


def test_the_table_shows_one_page_and_the_next_page_shows_the_next_rows(page):
    assert page.script_errors == []
    first = _files(page)
    assert first == [f"report-{n:03d}.txt" for n in range(100)]      # file order, 100 a page
    assert page.inner_text("#shown") == f"显示 {REPORTS} / {REPORTS} 份报告"
    assert page.inner_text("#page-at") == "第 1 / 3 页" and page.is_disabled("#page-prev")
    page.click("#page-next")
    assert _files(page) == [f"report-{n:03d}.txt" for n in range(100, 200)]
    assert page.inner_text("#page-at") == "第 2 / 3 页"
    page.click("#page-last")
    assert _files(page) == [f"report-{n:03d}.txt" for n in range(200, REPORTS)]
    assert page.is_disabled("#page-next")
    page.click("#page-first")
    assert _files(page) == first


def test_sorting_orders_every_page_not_only_the_one_shown(page):
    page.click("#sort-score")                        # highest first
    scores = page.eval_on_selector_all("#matrix tbody tr", "rows => rows.map(r => parseFloat(r.dataset.score))")
    page.click("#page-next")
    later = page.eval_on_selector_all("#matrix tbody tr", "rows => rows.map(r => parseFloat(r.dataset.score))")
    assert scores == sorted(scores, reverse=True) and later == sorted(later, reverse=True)
    assert min(scores) >= max(later)
    page.click("th[data-sort='file']")               # back to file order
    assert _files(page)[0] == "report-000.txt"


def test_a_search_finds_a_row_of_a_later_page_and_its_link_opens_its_detail(page, audited):
    assert "report-217.txt" not in _files(page)
    page.fill("#f-search", "青山湖")
    assert _files(page) == ["report-217.txt"]
    assert page.inner_text("#shown") == f"显示 1 / {REPORTS} 份报告"
    assert page.inner_text("#page-at") == "第 1 / 1 页"
    page.click("#matrix tbody tr a")
    assert page.url == (audited / "report-details" / f"{SPECIAL + 1:05d}.html").as_uri()
    detail = page.locator("section.detail")
    assert "青山湖区关于2024年法治政府建设工作情况的报告" in detail.inner_text()
    assert "counsel-coverage" in detail.inner_text()
    page.go_back()                                   # the table as it was left
    assert page.input_value("#f-search") == "青山湖" and _files(page) == ["report-217.txt"]
    page.fill("#f-search", "")
    assert len(_files(page)) == 100


def test_report_text_with_markup_is_text_on_the_table_and_on_the_detail_page(page, audited):
    for url in ((audited / "report.html").as_uri(), (audited / "report-details" / f"{SPECIAL + 1:05d}.html").as_uri()):
        page.goto(url)
        assert page.evaluate("window.pwned") is None
        made = page.evaluate("""[...document.querySelectorAll('img[src="x"], [onerror], script')]
                                .filter(e => e.tagName !== 'SCRIPT' || e.textContent.includes('pwned'))
                                .length""")
        assert made == 0
    quoted = page.locator("section.detail q", has_text="法律顾问和社区律师全覆盖").first.inner_text()
    assert ATTACK in quoted                          # shown as written, the markup as text
    assert page.script_errors == []
