"""An inspector's folder as it arrives: one report sent as .docx, .pdf and a web page, one
file sent twice, a plan sent by mistake, a file that cannot be read. Each report sent is one
submission, with its body, level, copies and verdict, in the JSON, the CSV, the page and
the terminal; every output states the gate, the date and the versions; elements whose
requirement did not yet apply look not-applicable everywhere."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import re
import shutil

import pytest
from conftest import ROOT, SEEDS, matrix_rows, run_fazhi

FORMATS = ROOT / "tests" / "fixtures" / "formats"
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
EPOCH = "1767225600"          # 2026-01-01 00:00 UTC: the audit date stated in every output
DAY = "2026-01-01"


def fazhi(*args, cwd=ROOT):
    return run_fazhi(*args, cwd=cwd, timeout=300, SOURCE_DATE_EPOCH=EPOCH, TZ="UTC")


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    root = tmp_path_factory.mktemp("inbox")
    wuchang = root / "武昌区"
    wuchang.mkdir()
    for suffix in (".docx", ".pdf", ".html"):          # one report, three formats
        shutil.copy(FORMATS / f"seed001{suffix}", wuchang / f"2024年报告{suffix}")
    for folder in ("第一批", "第二批"):                    # the same file sent twice
        (root / folder).mkdir()
        shutil.copy(SEEDS / "002_976bef6feeda2d83.txt", root / folder / "婺城区.txt")
    shutil.copy(SEEDS / "004_d6586b12e3beefb6.txt", root / "第一批" / "方案.txt")
    huangpi = root / "黄陂区人民政府"
    huangpi.mkdir()
    (huangpi / "报告.txt").write_text(" \n", encoding="utf-8")   # unreadable, no readable copy
    shutil.copy(SEEDS / "003_66c256f8f78a155c.txt", root / "第二批" / "兰州.txt")
    (root / "第二批" / "兰州.ofd").write_bytes(b"PK\x03\x04")    # its OFD copy cannot be read
    out = root.parent / "out"
    run = fazhi("audit", str(root), "--out", str(out), "--lang", "en")   # the English words
    data = json.loads((out / "results.json").read_text(encoding="utf-8"))
    return {"root": root, "out": out, "run": run, "data": data,
            "by_primary": {s["primary"].split(str(root) + "/")[-1]: s for s in data["submissions"]}}


def test_each_report_sent_is_one_submission_with_its_copies(audited):
    by_primary = audited["by_primary"]
    assert len(audited["data"]["reports"]) == 9             # every file is still a result
    assert sorted(by_primary) == sorted(["第一批/婺城区.txt", "第一批/方案.txt", "第二批/兰州.txt",
                                         "武昌区/2024年报告.docx", "黄陂区人民政府/报告.txt"])
    wuchang = by_primary["武昌区/2024年报告.docx"]           # the Word copy is the primary
    copies = {c["file"].rsplit("/", 1)[-1]: c for c in wuchang["copies"]}
    assert set(copies) == {"2024年报告.pdf", "2024年报告.html"}
    assert all(c["matched"] in ("identical", "similar") and c["similarity"] >= 0.8
               for c in copies.values())
    (twice,) = by_primary["第一批/婺城区.txt"]["copies"]
    assert twice["file"].endswith("第二批/婺城区.txt") and twice["matched"] == "identical"
    (ofd,) = by_primary["第二批/兰州.txt"]["copies"]
    assert ofd["matched"] == "same-name" and ofd["unreadable"] is True


def test_a_submission_has_its_body_level_and_verdict(audited):
    by_primary = audited["by_primary"]
    wuchang = by_primary["武昌区/2024年报告.docx"]
    assert (wuchang["body"]["short"], wuchang["level"]) == ("武昌区", "county")
    assert wuchang["verdict"] == "failed" and wuchang["score"] == 75      # the audit preset: under 80
    assert by_primary["第一批/婺城区.txt"]["verdict"] == "passed"
    huangpi = by_primary["黄陂区人民政府/报告.txt"]
    assert huangpi["verdict"] == "unreadable"
    assert (huangpi["body"]["short"], huangpi["body"]["source"], huangpi["level"]) == (
        "黄陂区", "folder", "county")                      # unreadable: the folder names the body


def test_the_terminal_summary_names_what_failed_and_what_could_not_be_read(audited):
    run = audited["run"]
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == ("audited 9 reports in 5 submissions (4 copies of another): "
                        "2 passed, 2 failed, 1 unreadable")
    assert lines[1].startswith("gate: preset audit: a report fails under 80")
    failed = lines[lines.index("failed:") + 1:lines.index("could not be read:")]
    assert sorted(line.split()[0].rsplit("/", 1)[-1] for line in failed) == ["2024年报告.docx", "方案.txt"]
    assert any("2024年报告.docx  score 75 is under 80" in line for line in failed)
    plan = next(line for line in failed if "方案.txt" in line)
    assert "not an annual report (implementation-plan" in plan and "recommended: 6 elements" in plan
    unreadable = lines[lines.index("could not be read:") + 1]
    assert "黄陂区人民政府/报告.txt" in unreadable and "no text" in unreadable


def test_the_csv_has_one_row_per_submission_with_body_level_verdict_and_copies(audited):
    text = (audited["out"] / "summary.csv").read_text(encoding="utf-8-sig")
    rows = {r["file"].rsplit("/", 1)[-1]: r for r in csv.DictReader(io.StringIO(text, newline=""))}
    assert len(rows) == 5
    row = rows["2024年报告.docx"]
    assert (row["body"], row["level"], row["result"]) == ("武昌区", "county", "failed")
    assert sorted(c.rsplit("/", 1)[-1] for c in row["copies"].split(" ")) == ["2024年报告.html", "2024年报告.pdf"]
    assert rows["报告.txt"]["result"] == "unreadable"
    assert row["date"] == DAY and row["fazhi"] and "preset audit" in row["gate"]
    assert re.search(r"core \S+ \([0-9a-f]{12}\)", row["packs"])


def test_the_page_has_a_row_per_submission_and_filters_by_body_level_and_verdict(audited):
    page = (audited["out"] / "report.html").read_text(encoding="utf-8")
    rows = matrix_rows(page)
    assert len(rows) == 5
    row = next(r for r in rows if r["file"].endswith("2024年报告.docx"))
    assert (row["verdict"], row["body"], row["level"]) == ("failed", "武昌区", "county")
    copies = sorted(name.rsplit("/", 1)[-1] for _, name, _, _ in row["copies"])
    assert copies == ["2024年报告.html", "2024年报告.pdf"]             # its copies, listed
    for select in ("f-verdict", "f-body", "f-level"):
        assert f'<select id="{select}">' in page
    assert '<option value="武昌区">' in page and '<option value="unreadable">' in page
    for sort in ("body", "level", "verdict"):
        assert f'data-sort="{sort}"' in page
    assert DAY in page and "preset audit" in page


# --- every output states the gate, the date, fazhi's version and the packs' versions ------

@pytest.mark.parametrize("format", ["text", "json", "sarif", "junit", "markdown", "github", "html", "csv"])
def test_every_output_states_the_gate_date_and_versions(format):
    from checker import __version__
    from checker.packs.load import load_packs
    run = fazhi("check", "--lang", "en", "--preset", "audit", "--format", format,
                str(SEEDS / "002_976bef6feeda2d83.txt"))
    assert run.returncode in (0, 1), run.stderr
    out = run.stdout
    if format == "github":        # annotations carry the gate; the summary carries the rest
        assert "fails under 80" in out or "passes the gate" in out
        return
    assert DAY in out and __version__ in out
    for pack in load_packs().packs:
        assert pack.digest in out and pack.version in out
    assert "audit" in out and "80" in out and "recommended" in out


def test_json_run_states_the_gate_as_data():
    run = fazhi("check", "--lang", "en", "--preset", "hook", "--fail-under", "70", "--format", "json",
                str(SEEDS / "002_976bef6feeda2d83.txt"))
    facts = json.loads(run.stdout)["run"]
    assert facts["gate"] == {"preset": "hook", "fail_under": 70.0, "fail_on": ["required"]}
    assert facts["date"] == DAY
    assert [p["name"] for p in facts["packs"]] == ["core", "annual-report", "practice"]


def test_github_annotations_name_the_gate_a_report_fails():
    run = fazhi("check", "--lang", "en", "--preset", "audit", "--format", "github",
                str(SEEDS / "001_04b6fb7adc03cf2d.txt"))
    error = next(line for line in run.stdout.splitlines() if line.startswith("::error"))
    assert "preset audit" in error and "fails under 80" in error


# --- not applicable looks not applicable everywhere --------------------------------------

OLD = SEEDS / "000_ac4e17fc9cb3faab.txt"     # 2012—2016: the leader-duty part is required from 2017


def test_an_element_not_yet_required_is_not_applicable_though_the_text_has_it():
    data = json.loads(fazhi("check", "--lang", "en", "--format", "json", str(OLD)).stdout)
    leader = next(e for e in data["reports"][0]["elements"] if e["id"] == "section.leader-duty")
    assert (leader["status"], leader["applicable"]) == ("partial", False)   # the contract keeps what was found
    text = fazhi("check", "--lang", "en", str(OLD)).stdout
    line = next(t for t in text.splitlines() if "section.leader-duty" in t)
    assert line.lstrip().startswith("– not-applicable") and "found: partial; not counted" in line
    after = text.splitlines()[text.splitlines().index(line) + 1]
    assert "hint:" not in after
    table = fazhi("check", "--lang", "en", "--format", "csv", str(OLD)).stdout
    rows = list(csv.DictReader(io.StringIO(table.lstrip("\ufeff"))))
    assert rows[0]["section.leader-duty"] == "not-applicable" and rows[0]["counsel-coverage"] == "not-applicable"
    page = fazhi("check", "--lang", "en", "--format", "html", str(OLD)).stdout
    assert matrix_rows(page)[0]["cells"]["section.leader-duty"] == "not-applicable"
    markdown = fazhi("check", "--lang", "en", "--format", "markdown", str(OLD)).stdout
    assert "`section.leader-duty`" not in markdown            # never advice


# --- copies are told from other reports by their text ------------------------------------

def test_copies_are_similar_and_different_reports_are_not(packs):
    from checker.run import check_path
    copies = [check_path(str(FORMATS / f"seed001{s}"), packs) for s in (".docx", ".pdf", ".html", ".trad.txt")]
    copies.append(check_path(str(SEEDS / "001_04b6fb7adc03cf2d.txt"), packs))
    prints = [r.document.fingerprint for r in copies]
    assert min(a.similarity(b) for a, b in itertools.combinations(prints, 2)) >= 0.8
    others = [check_path(str(p), packs).document.fingerprint for p in sorted(UNSEEN.glob("*.txt"))]
    closest = max(a.similarity(b) for a, b in itertools.combinations(others, 2))
    assert closest < 0.5, closest        # 40 different reports, some on one template


def test_a_copy_with_lines_more_or_less_is_the_same_submission_a_new_report_is_not(packs, tmp_path):
    """A web copy that keeps a site's footer, or a draft sent before the final with a line
    changed, is the same report; the body's report of another year is not."""
    from checker.judge.submissions import group_submissions
    from checker.run import check_path
    text = (SEEDS / "002_976bef6feeda2d83.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    (tmp_path / "final.txt").write_text(text, encoding="utf-8")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))     # a paragraph rewritten
    draft = lines[:longest] + ["（此段待补充）"] + lines[longest + 1:-3] + ["附件：相关数据表"]
    (tmp_path / "draft.txt").write_text("\n".join(draft) + "\n", encoding="utf-8")
    other_year = SEEDS / "000_ac4e17fc9cb3faab.txt"
    reports = [check_path(str(p), packs) for p in (tmp_path / "final.txt", tmp_path / "draft.txt", other_year)]
    submissions = group_submissions(reports)
    assert len(submissions) == 2
    grouped = next(s for s in submissions if len(s.copies) == 2)
    (copy,) = grouped.others
    assert copy.matched == "similar" and 0.8 <= copy.similarity <= 1.0


# --- the page's filters and sorting, in a real browser ------------------------------------

CHROMIUM = os.environ.get("FAZHI_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser_page(audited):
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="Playwright's Python package is not installed")
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium browser at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto((audited["out"] / "report.html").as_uri())
        yield page, errors, audited["out"]
        browser.close()


def _shown(page, attribute: str) -> list[str]:
    return page.eval_on_selector_all("#matrix tbody tr:not(.hidden)",
                                     f"rows => rows.map(r => r.dataset.{attribute})")


def test_in_a_browser_the_failing_submissions_of_one_level_are_one_filter_away(browser_page, audited):
    page, errors, out = browser_page
    counties = [s for s in audited["data"]["submissions"] if s["level"] == "county"]
    page.select_option("#f-verdict", "failed")
    assert sorted(_shown(page, "verdict")) == ["failed", "failed"]
    assert page.inner_text("#shown") == "2 of 5 submissions shown"
    page.select_option("#f-verdict", "")
    page.select_option("#f-level", "county")
    assert _shown(page, "level") == ["county"] * len(counties) and len(counties) >= 3
    page.select_option("#f-body", "武昌区")
    assert _shown(page, "body") == ["武昌区"]
    page.screenshot(path=str(out / "submissions-filtered.png"), full_page=True)
    page.select_option("#f-body", "")
    page.select_option("#f-level", "")
    assert errors == []


def test_in_a_browser_sorting_by_verdict_puts_the_failing_first_and_by_body_groups_them(browser_page):
    page, errors, _ = browser_page
    page.click("#matrix th[data-sort=verdict]")
    verdicts = _shown(page, "verdict")
    assert verdicts == sorted(verdicts, key=["failed", "unreadable", "passed"].index)
    page.click("#matrix th[data-sort=body]")
    bodies = _shown(page, "body")
    named = [b for b in bodies if b]
    assert named == sorted(named) and bodies[:len(named)] == named    # no body goes last
    assert errors == []
