"""The audit dashboard in a real browser: headless Chromium opens report.html from disk —
the matrix of reports and elements (a page of rows at a time: tests/test_paged.py has an
audit of hundreds), each report's detail on a page of its own in report-details/, and the
key figures compared across reports (a sorted bar chart per figure, an outlier flagged, the
reports claiming an element without any of its figures, a bar leading to its report's
figures).

Skipped, with the reason, when Chromium or Playwright's Python package is not installed
(.ci/run installs Debian's chromium when it can). The tests save screenshots and a printed
PDF under tests/output/browser/ (FAZHI_TEST_OUTPUT moves it) and print their paths, for a
person to look at.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

CHROMIUM = os.environ.get("FAZHI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright's Python package is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium browser at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

SHOTS = Path(os.environ.get("FAZHI_TEST_OUTPUT") or ROOT / "tests" / "output") / "browser"


@pytest.fixture(scope="module")
def shots() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS


@pytest.fixture(scope="module")
def dashboard(tmp_path_factory) -> Path:
    """The seeds plus a corrupt .docx, audited into a temporary folder."""
    submissions = tmp_path_factory.mktemp("submissions")
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, submissions / seed.name)
    (submissions / "broken.docx").write_bytes(b"not a zip file")
    return _audited(submissions, tmp_path_factory)


def _audited(submissions: Path, tmp_path_factory) -> Path:
    """`fazhi audit` of the folder; its report.html."""
    out = tmp_path_factory.mktemp("audit") / "out"     # --out holds only the audit's files
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "checker", "audit", str(submissions), "--out", str(out)],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=180,
                         check=False)
    assert run.returncode in (0, 1), run.stderr
    return out / "report.html"


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


def _opened(browser, html: Path, width: int = 1400):
    """A new page on `html`, keeping the script errors it raises."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.script_errors = []
    page.on("pageerror", lambda error: page.script_errors.append(str(error)))
    page.goto(html.as_uri())
    return page


@pytest.fixture(scope="module")
def page(browser, dashboard):
    return _opened(browser, dashboard)


def _row_files(page) -> list[str]:
    return page.eval_on_selector_all("#matrix tbody tr", "rows => rows.map(r => r.dataset.file)")


def _row_scores(page) -> list[float]:
    return page.eval_on_selector_all("#matrix tbody tr:not(.hidden)",
                                     "rows => rows.map(r => parseFloat(r.dataset.score))")


def test_the_matrix_lists_every_report(page):
    names = [f.rsplit("/", 1)[-1] for f in _row_files(page)]
    assert names == sorted([p.name for p in SEEDS.glob("*.txt")] + ["broken.docx"])
    assert page.inner_text("#shown") == "显示 6 / 6 份报告"
    assert page.script_errors == []


def test_sorting_by_score_reorders_the_rows(page):
    before = _row_files(page)
    page.click("#sort-score")
    scores = _row_scores(page)           # the unreadable file has no score: it sorts last
    assert scores[:-1] == sorted(scores[:-1], reverse=True) and _row_files(page) != before
    assert _row_files(page)[-1].endswith("broken.docx")
    page.click("#sort-score")
    assert _row_files(page)[0].endswith("broken.docx")


def test_sorting_by_an_element_puts_the_reports_missing_it_first(page):
    page.click("th[data-el='mediation']")
    statuses = page.eval_on_selector_all(
        "#matrix tbody tr td[data-el='mediation']", "cells => cells.map(c => c.dataset.status)")
    rank = {"missing": 0, "error": 0, "partial": 1, "met": 2, "not-applicable": 3}
    assert [rank[s] for s in statuses] == sorted(rank[s] for s in statuses)
    assert statuses[0] in ("missing", "error") and "met" in statuses
    assert page.get_attribute("#matrix", "data-sorted") == "mediation-asc"


def test_filtering_by_kind_hides_other_kinds(page):
    page.select_option("#f-kind", "implementation-plan")
    assert page.inner_text("#shown") == "显示 1 / 6 份报告"
    assert page.inner_text("#matrix tbody tr:not(.hidden) td.kind") == "实施方案"
    page.select_option("#f-kind", "")


def test_filtering_by_status_and_element_hides_rows(page):
    page.select_option("#f-element", "mediation")
    page.select_option("#f-status", "missing")
    visible = page.eval_on_selector_all("#matrix tbody tr:not(.hidden)", "rows => rows.length")
    assert 0 < visible < 5
    assert page.inner_text("#shown") == f"显示 {visible} / 6 份报告"
    page.select_option("#f-element", "")
    page.select_option("#f-status", "error")
    assert page.inner_text("#shown") == "显示 1 / 6 份报告"
    page.select_option("#f-status", "")


def test_an_unreadable_file_shows_its_reason(page):
    page.click("#matrix a:has-text('broken.docx')")
    assert "/report-details/" in page.url
    text = page.locator("section.detail").inner_text()
    assert "无法检查" in text and "broken.docx" in text
    assert "无法作为 Word 文档读取" in text
    assert page.locator("section.detail li.error").count() == 1
    assert page.script_errors == []
    page.go_back()
    assert page.url.endswith("/report.html")


def test_filtering_to_failing_reports_and_opening_one(page, dashboard, shots):
    """The inspector's first question: which reports fail, and why does this one?"""
    results = json.loads((dashboard.parent / "results.json").read_text(encoding="utf-8"))["reports"]
    failing = sorted(r["file"] for r in results if not r["passed"] and not r["errors"])
    page.select_option("#f-verdict", "failed")
    shown = page.eval_on_selector_all("#matrix tbody tr:not(.hidden)", "rows => rows.map(r => r.dataset.file)")
    assert sorted(shown) == failing and failing
    assert page.inner_text("#shown") == f"显示 {len(failing)} / 6 份报告"
    verdicts = page.eval_on_selector_all("#matrix tbody tr:not(.hidden) td.verdict",
                                         "cells => cells.map(c => c.innerText)")
    assert set(verdicts) == {"未通过"}
    page.screenshot(path=str(shots / "failing-reports.png"), full_page=True)

    plan = next(f for f in failing if "004_" in f)
    page.click(f"#matrix a:has-text('{Path(plan).name}')")
    detail = page.locator("section.detail")
    assert detail.is_visible()
    text = detail.inner_text()
    assert "荆门市东宝区法治政府建设实施方案" in text and "未通过" in text and "类型：实施方案" in text
    assert "这份文件不是法治政府建设年度报告" in text        # its warning, in Chinese
    result = next(r for r in results if r["file"] == plan)
    missing = [e for e in result["elements"] if e["status"] == "missing"]
    rows = detail.locator("table.elements tbody tr.st-missing")
    assert rows.count() == len(missing)
    assert "缺失" in rows.first.inner_text() and "缺什么：" in rows.first.inner_text()
    detail.screenshot(path=str(shots / "failing-report-detail.png"))
    page.go_back()                  # the table as it was left: still only the failing ones
    assert page.input_value("#f-verdict") == "failed"
    assert page.inner_text("#shown") == f"显示 {len(failing)} / 6 份报告"
    page.select_option("#f-verdict", "")
    print(f"\nscreenshots: {shots}")


def test_opening_a_report_shows_its_evidence(page, shots):
    page.click("#matrix a:has-text('001_04b6fb7adc03cf2d.txt')")
    detail = page.locator("section.detail")
    assert detail.is_visible()
    text = detail.inner_text()
    assert "武昌区关于2024年推进法治政府建设工作情况的报告" in text
    assert "counsel-coverage" in text and "第6行" in text and "[已落实]" in text
    assert "缺什么：" in text                   # what is missing, for the partial elements
    shot = shots / "report-detail.png"
    page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    page.click("a.close")                    # back to the table
    assert page.url.endswith("/report.html") and page.locator("#matrix tbody tr").count() == 6


def test_the_overview_charts_show_the_weakest_elements_first(page, dashboard, shots):
    page.goto(dashboard.as_uri())
    shares = page.eval_on_selector_all(".chart-elements g.share",
                                       "gs => gs.map(g => [g.dataset.el, parseFloat(g.dataset.share)])")
    values = [v for _, v in shares]
    assert values == sorted(values) and len(shares) == 20
    results = json.loads((dashboard.parent / "results.json").read_text(encoding="utf-8"))["reports"]
    weakest = shares[0][0]
    counted = [e for r in results for e in r["elements"]
               if e["id"] == weakest and e["applicable"] and e["status"] != "not-applicable" and not e["waived"]]
    met = sum(e["status"] == "met" for e in counted) + sum(e["status"] == "partial" for e in counted) / 2
    assert abs(shares[0][1] - met / len(counted)) < 0.001
    bands = page.eval_on_selector_all(".chart-scores g.band", "gs => gs.map(g => +g.dataset.count)")
    assert sum(bands) == sum(1 for r in results if r["score"] is not None)
    levels = page.eval_on_selector_all(".chart-levels g.level",
                                       "gs => gs.map(g => +g.dataset.passed + +g.dataset.failed)")
    assert sum(levels) == len(results)
    assert page.locator(".chart-levels text", has_text="县区").count() == 1
    page.locator(".charts").screenshot(path=str(shots / "charts.png"))
    page.screenshot(path=str(shots / "matrix.png"), full_page=False)


def test_the_page_prints_on_a4_with_the_matrix_on_landscape_pages(page, dashboard, shots):
    """Printed: no filters or pager; the overview and the matrix (every submission, whatever
    the filter or page) on landscape A4; a report's detail page upright."""
    page.goto(dashboard.as_uri())
    page.select_option("#f-verdict", "passed")
    page.emulate_media(media="print")
    assert page.locator(".filters").is_hidden() and page.locator(".pager").is_hidden()
    assert page.locator("#matrix tbody tr").count() == 6
    assert page.eval_on_selector("#matrix", "t => getComputedStyle(t).page") == "matrix"
    pdf = shots / "report.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    page.emulate_media(media="screen")
    assert page.locator("#matrix tbody tr").count() < 6      # the filter again on screen
    page.select_option("#f-verdict", "")
    sizes = _pdf_page_sizes(pdf)
    assert [w > h for w, h in sizes][0]                      # overview and matrix wide
    detail = _opened(page.context.browser, dashboard.parent / "report-details" / "00002.html")
    detail.emulate_media(media="print")
    one = shots / "report-detail.pdf"
    detail.pdf(path=str(one), prefer_css_page_size=True, print_background=True)
    detail.close()
    upright = _pdf_page_sizes(one)
    assert all(w < h for w, h in upright)                    # a report's detail upright
    assert all(abs(max(w, h) - 842) < 2 and abs(min(w, h) - 595) < 2
               for w, h in sizes + upright)                  # A4 in points
    print(f"\nprinted: {pdf} ({len(sizes)} pages), {one} ({len(upright)} pages)")


def _pdf_page_sizes(path: Path) -> list[tuple[float, float]]:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(str(path))
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]


# --- the key figures compared across reports ---------------------------------------------

REPORT = ("{county}2023年度法治政府建设工作情况的报告\n一、主要举措和成效\n"
          "严格落实行政机关负责人出庭应诉制度。{sentence}\n"
          "全年受理行政复议申请{cases}件。\n二、存在的问题\n队伍建设有待加强。\n三、2024年工作安排\n继续推进。\n")
RATES = {"a_east.txt": ("东山县", 95), "b_west.txt": ("西山县", 98), "c_north.txt": ("北山县", 40),
         "d_south.txt": ("南山县", 96), "e_middle.txt": ("中山县", 97)}


@pytest.fixture(scope="module")
def figures_page(browser, tmp_path_factory):
    folder = tmp_path_factory.mktemp("figures")
    for number, (name, (county, rate)) in enumerate(RATES.items()):
        sentence = f"全县行政机关负责人出庭应诉率达{rate}%。"
        (folder / name).write_text(REPORT.format(county=county, sentence=sentence, cases=10 + number),
                                   encoding="utf-8")
    (folder / "f_silent.txt").write_text(REPORT.format(county="静水县", sentence="县长带头出庭应诉。", cases=3),
                                         encoding="utf-8")
    return _opened(browser, _audited(folder, tmp_path_factory), width=1200)


RATE_CHART = 'figure[data-figure="leader-in-court.appearance-rate"]'


def test_each_figure_has_a_bar_chart_sorted_by_value(figures_page):
    values = figures_page.eval_on_selector_all(f"{RATE_CHART} g.bar", "bars => bars.map(b => b.dataset.value)")
    assert values == ["98", "97", "96", "95", "40"]
    assert figures_page.is_visible(f"{RATE_CHART} svg")
    assert "负责人出庭应诉率（%） · 5 份报告 · 1 份需留意" in figures_page.inner_text(f"{RATE_CHART} figcaption")
    assert figures_page.script_errors == []


def test_the_outlier_is_flagged(figures_page):
    flagged = figures_page.eval_on_selector_all(f"{RATE_CHART} g.bar.flagged",
                                        "bars => bars.map(b => b.textContent)")
    assert len(flagged) == 1 and "北山县" in flagged[0] and "40% ⚠ 异常" in flagged[0]


def test_reports_claiming_the_element_without_its_figures_are_listed(figures_page):
    block = '.figure-element[data-el="leader-in-court"] .no-figures'
    assert figures_page.inner_text(f"{block} li") == "f_silent.txt"


def test_a_bar_leads_to_its_report_and_its_figures(figures_page):
    figures_page.click(f"{RATE_CHART} g.bar.flagged")
    detail = figures_page.locator(".detail")
    assert detail.is_visible()
    assert "c_north.txt" in detail.locator("h2").inner_text()
    cells = detail.locator("table.figures tbody tr").all_inner_texts()
    assert any("负责人出庭应诉率" in row and "40%" in row for row in cells)
