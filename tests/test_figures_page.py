"""The audit page's comparison of key figures, in a real browser (headless Chromium): one
sorted bar chart per figure, an outlier flagged, the reports that claim an element without
any of its figures listed, and a bar leading to its report's figures.

Skipped, with the reason, when Chromium or Playwright's Python package is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

CHROMIUM = os.environ.get("FAZHI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]

sync_api = pytest.importorskip("playwright.sync_api",
                               reason="Playwright's Python package is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip(f"no Chromium browser at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)

REPORT = ("{county}2023年度法治政府建设工作情况的报告\n一、主要举措和成效\n"
          "严格落实行政机关负责人出庭应诉制度。{sentence}\n"
          "全年受理行政复议申请{cases}件。\n二、存在的问题\n队伍建设有待加强。\n三、2024年工作安排\n继续推进。\n")
RATES = {"a_east.txt": ("东山县", 95), "b_west.txt": ("西山县", 98), "c_north.txt": ("北山县", 40),
         "d_south.txt": ("南山县", 96), "e_middle.txt": ("中山县", 97)}


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("audit")
    folder = out / "submissions"
    folder.mkdir()
    for number, (name, (county, rate)) in enumerate(RATES.items()):
        sentence = f"全县行政机关负责人出庭应诉率达{rate}%。"
        (folder / name).write_text(REPORT.format(county=county, sentence=sentence, cases=10 + number),
                                   encoding="utf-8")
    (folder / "f_silent.txt").write_text(REPORT.format(county="静水县", sentence="县长带头出庭应诉。", cases=3),
                                         encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "checker", "audit", str(folder), "--out", str(out)],
                         capture_output=True, text=True, encoding="utf-8", env=env, timeout=180, check=False)
    assert run.returncode in (0, 1), run.stderr
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.script_errors = []
        page.on("pageerror", lambda error: page.script_errors.append(str(error)))
        page.goto((out / "report.html").as_uri())
        yield page
        browser.close()


RATE_CHART = 'figure[data-figure="leader-in-court.appearance-rate"]'


def test_each_figure_has_a_bar_chart_sorted_by_value(page):
    values = page.eval_on_selector_all(f"{RATE_CHART} g.bar", "bars => bars.map(b => b.dataset.value)")
    assert values == ["98", "97", "96", "95", "40"]
    assert page.is_visible(f"{RATE_CHART} svg")
    assert "负责人出庭应诉率（%） · 5 reports · 1 flagged" in page.inner_text(f"{RATE_CHART} figcaption")
    assert page.script_errors == []


def test_the_outlier_is_flagged(page):
    flagged = page.eval_on_selector_all(f"{RATE_CHART} g.bar.flagged",
                                        "bars => bars.map(b => b.textContent)")
    assert len(flagged) == 1 and "北山县" in flagged[0] and "40% ⚠ outlier" in flagged[0]


def test_reports_claiming_the_element_without_its_figures_are_listed(page):
    block = '.figure-element[data-el="leader-in-court"] .no-figures'
    assert page.inner_text(f"{block} li") == "f_silent.txt"


def test_a_bar_leads_to_its_report_and_its_figures(page):
    page.click(f"{RATE_CHART} g.bar.flagged")
    detail = page.locator(".detail:target")
    assert detail.is_visible()
    assert "c_north.txt" in detail.locator("h2").inner_text()
    cells = detail.locator("table.figures tbody tr").all_inner_texts()
    assert any("负责人出庭应诉率" in row and "40%" in row for row in cells)
