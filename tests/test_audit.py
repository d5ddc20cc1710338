"""`fazhi audit` as an inspector meets it: every file under the folders checked, bad files
listed with their reason, spreadsheet and dashboard outputs, and the same bytes every run."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import jsonschema
import pytest
from conftest import ROOT, SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def fazhi(*args):
    # a fixed audit date: two audits either side of midnight would differ in it
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", SOURCE_DATE_EPOCH="1767225600")
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                          text=True, check=False, encoding="utf-8", cwd=ROOT, env=env, timeout=180)


@pytest.fixture()
def submissions(tmp_path):
    """A folder as an inspector receives it: reports in sub-folders, a broken .docx, an empty
    file, a file type we do not read, and a symlink that points back up (a loop)."""
    root = tmp_path / "submissions"
    for number, seed in enumerate(SEED_FILES):
        folder = root / f"county-{number % 2}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, folder / seed.name)
    (root / "county-0" / "broken.docx").write_bytes(b"this is not a zip file")
    (root / "county-1" / "empty.txt").write_text("  \n", encoding="utf-8")
    (root / "county-1" / "notes.xlsx").write_bytes(b"ignored")
    os.symlink(root, root / "county-1" / "loop")
    return root


def _audit(folder, out, *extra):
    run = fazhi("audit", str(folder), "--out", str(out), *extra)
    assert run.returncode in (0, 1), run.stderr
    return run


def test_audit_checks_every_report_and_lists_bad_files_with_their_reason(submissions, tmp_path):
    run = _audit(submissions, tmp_path / "out", "--jobs", "2")
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    names = [r["file"].rsplit("/", 1)[-1] for r in data["reports"]]
    assert sorted(names) == sorted([p.name for p in SEED_FILES] + ["broken.docx", "empty.txt"])
    errors = {r["file"].rsplit("/", 1)[-1]: r["errors"] for r in data["reports"] if r["errors"]}
    assert set(errors) == {"broken.docx", "empty.txt"}
    assert errors["empty.txt"][0]["code"] == "empty"
    assert run.returncode == 1          # the broken files and the plan do not pass
    assert "7 份报告" in run.stdout and "2 份无法读取" in run.stdout     # in the reader's language


def test_results_json_follows_the_published_contract(submissions, tmp_path):
    _audit(submissions, tmp_path / "out")
    data = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "checker" / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)


def test_two_runs_give_byte_identical_outputs(submissions, tmp_path):
    _audit(submissions, tmp_path / "one", "--jobs", "2")
    _audit(submissions, tmp_path / "two", "--jobs", "1")
    pages = sorted(os.listdir(tmp_path / "one" / "report-details"))
    assert pages == sorted(os.listdir(tmp_path / "two" / "report-details")) and "00001.html" in pages
    for name in ("summary.csv", "summary.xlsx", "results.json", "report.html", *(f"report-details/{p}" for p in pages)):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes(), name


def test_summary_csv_opens_in_excel_one_row_per_report(submissions, tmp_path):
    _audit(submissions, tmp_path / "out")
    raw = (tmp_path / "out" / "summary.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")) and b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 7
    report = next(r for r in rows if r["文件"].endswith("001_04b6fb7adc03cf2d.txt"))
    assert report["标题"] == "武昌区关于2024年推进法治政府建设工作情况的报告"
    assert report["类型"] == "年度报告"
    assert report["报告期"] == "2024—2024" and report["得分"] == "75"
    assert report["是否通过"] == "否"         # the audit preset's bar is 80
    assert report["三项制度"] == "部分达标" and report["法律顾问"] == "达标"
    assert report["缺失要素"].split("、")[:2] == ["出庭应诉", "领导学法"]
    broken = next(r for r in rows if r["文件"].endswith("broken.docx"))
    assert broken["是否通过"] == "否" and broken["读取错误"].startswith("无法作为 Word 文档读取（")


def test_summary_csv_in_english_keeps_the_ids_as_headings(submissions, tmp_path):
    _audit(submissions, tmp_path / "out", "--lang", "en")
    raw = (tmp_path / "out" / "summary.csv").read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    report = next(r for r in rows if r["file"].endswith("001_04b6fb7adc03cf2d.txt"))
    assert report["kind"] == "annual-report" and report["passed"] == "no"
    assert report["three-systems"] == "partial" and report["counsel-coverage"] == "met"


def test_a_cell_that_looks_like_a_formula_stays_text():
    from checker.audit.pool import failed_result
    from checker.render.csv_out import render
    text = render([failed_result("=HYPERLINK(\"http://x\").txt", "empty", "no text")])
    row = next(csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    assert row["文件"] == "'=HYPERLINK(\"http://x\").txt"


def test_unreadable_folder_is_recorded_and_the_rest_goes_on(submissions, monkeypatch):
    from checker.audit import walk
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("county-1"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(walk.os, "scandir", scandir)
    found = walk.find_reports([str(submissions)])
    assert [p.code for p in found.problems] == ["unreadable-folder"]
    assert found.problems[0].path.endswith("county-1")
    assert len(found.files) == 4            # county-0: three seeds and broken.docx


def test_symlinked_folders_are_not_followed(submissions):
    from checker.audit.walk import find_reports
    found = find_reports([str(submissions)])
    assert not any("/loop/" in f for f in found.files)
    assert len(found.files) == 7


def test_an_unexpected_exception_is_one_error_entry_not_an_abort(packs, submissions, monkeypatch):
    from checker.audit import pool as audit

    real_check = audit.check_path

    def check_path(path, *args):
        if path.endswith("002_976bef6feeda2d83.txt"):
            raise ValueError("boom")
        return real_check(path, *args)

    monkeypatch.setattr(audit, "check_path", check_path)
    results = audit.audit([str(submissions)], audit.AuditJob(packs, jobs=1))
    failed = [r for r in results if r.errors and r.errors[0].code == "internal-error"]
    assert [r.file.rsplit("/", 1)[-1] for r in failed] == ["002_976bef6feeda2d83.txt"]
    assert "ValueError: boom" in failed[0].errors[0].message
    assert sum(1 for r in results if r.score is not None) == 4


@pytest.mark.skipif(sys.platform != "linux", reason="workers inherit the patched checker by fork")
def test_a_worker_that_dies_costs_only_its_own_file(packs, submissions, monkeypatch):
    from checker.audit import pool as audit

    real_check = audit.check_path

    def check_path(path, *args):
        if path.endswith("003_66c256f8f78a155c.txt"):
            os._exit(9)                       # a crash in a native library, say
        return real_check(path, *args)

    monkeypatch.setattr(audit, "check_path", check_path)
    results = audit.audit([str(submissions)], audit.AuditJob(packs, jobs=2))
    crashed = [r.file for r in results if r.errors and r.errors[0].code == "worker-crashed"]
    assert [f.rsplit("/", 1)[-1] for f in crashed] == ["003_66c256f8f78a155c.txt"]
    assert sum(1 for r in results if r.score is not None) == 4


def test_a_missing_folder_is_a_usage_error_naming_it(tmp_path):
    run = fazhi("audit", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [f"fazhi: {tmp_path / 'nowhere'}: no such folder or file"]


def test_progress_bar_only_on_a_terminal():
    from checker.audit.pool import ProgressBar

    class Stream(io.StringIO):
        def __init__(self, tty):
            super().__init__()
            self.tty = tty

        def isatty(self):
            return self.tty

    quiet, shown = Stream(False), Stream(True)
    for stream in (quiet, shown):
        bar = ProgressBar(4, stream)
        bar(1)
        bar(3)
        bar.close()
    assert quiet.getvalue() == ""
    assert "4/4 reports" in shown.getvalue() and "\r" in shown.getvalue()


def test_html_escapes_report_text(tmp_path):
    from checker.audit.pool import failed_result
    from checker.render import RenderOptions
    from checker.render.html import render
    page = render([failed_result("<img src=x onerror=alert(1)>.txt", "empty",
                                 "<script>alert(2)</script>")], RenderOptions())
    assert "<img src=x" not in page and "<script>alert(2)" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;.txt" in page
    assert "http://" not in page and "https://" not in page   # nothing fetched from the network


def test_streamed_results_json_is_the_same_as_format_json(seed_results):
    from checker.audit.outputs import results_json_pieces
    from checker.render.json_out import render
    reports = list(seed_results.values())
    assert "".join(results_json_pieces(reports)) == render(reports)
    assert "".join(results_json_pieces([])) == render([])


def test_a_folder_without_reports_is_a_usage_error_not_a_pass(tmp_path):
    (tmp_path / "empty").mkdir()
    run = fazhi("audit", str(tmp_path / "empty"), "--out", str(tmp_path / "out"))
    assert run.returncode == 2 and "no report files found" in run.stderr


def test_an_output_folder_that_cannot_be_made_fails_before_the_audit(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    run = fazhi("audit", str(SEEDS), "--out", str(tmp_path / "a-file" / "out"))
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [
        f"fazhi: {tmp_path / 'a-file' / 'out'}: cannot create the output folder: Not a directory"]


@pytest.mark.skipif(sys.platform != "linux", reason="sends SIGINT to a process group")
def test_ctrl_c_stops_the_audit_at_once_and_leaves_no_workers(tmp_path):
    import signal
    import time
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(3000):      # over ten seconds of work, even on a fast machine
        shutil.copy(SEED_FILES[number % len(SEED_FILES)], folder / f"report-{number:04d}.txt")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # a CI runner may start us with Ctrl-C ignored, which a child inherits; a terminal does not
    as_from_a_terminal = ("import signal, runpy, sys; "
                          "signal.signal(signal.SIGINT, signal.default_int_handler); "
                          "sys.argv[0] = 'fazhi'; runpy.run_module('checker', run_name='__main__')")
    run = subprocess.Popen([sys.executable, "-c", as_from_a_terminal, "audit", str(folder),
                            "--jobs", "2", "--out", str(tmp_path / "out")], env=env,
                           start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    time.sleep(1.5)
    os.killpg(run.pid, signal.SIGINT)           # what the terminal does on Ctrl-C
    started = time.monotonic()
    assert run.wait(timeout=30) == 130
    assert time.monotonic() - started < 8    # the running chunks end; the queued ones are dropped
    time.sleep(0.2)
    left = subprocess.run(["pgrep", "-g", str(run.pid)], capture_output=True, text=True, check=False)
    assert left.stdout == ""
    assert not (tmp_path / "out" / "results.json").exists()


def test_check_can_write_the_dashboard_and_the_table_too(tmp_path):
    page, table = tmp_path / "one.html", tmp_path / "one.csv"
    run = fazhi("check", str(SEED_FILES[1]), "-f", "html", "-o", str(page), "--report", f"csv={table}")
    assert run.returncode == 0, run.stderr
    assert page.read_text(encoding="utf-8").startswith("<!doctype html>")
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == 2 and rows[1][0].endswith("001_04b6fb7adc03cf2d.txt")


def test_lock_files_resource_forks_and_hidden_folders_are_not_reports(tmp_path):
    from checker.audit.walk import find_reports
    shutil.copy(SEED_FILES[0], tmp_path / "报告.docx.txt")
    (tmp_path / "~$报告.docx").write_bytes(b"\x05owner")         # Word/WPS lock file
    (tmp_path / "._报告.docx").write_bytes(b"\x00\x05\x16\x07")  # macOS resource fork
    (tmp_path / ".git").mkdir()
    shutil.copy(SEED_FILES[0], tmp_path / ".git" / "old.txt")
    found = find_reports([str(tmp_path)])
    assert [os.path.basename(f) for f in found.files] == ["报告.docx.txt"]
    assert find_reports([str(tmp_path / "._报告.docx")]).files == [str(tmp_path / "._报告.docx")]


def test_audit_takes_the_gate_options_check_takes(tmp_path):
    """--fail-under, --fail-on, --disable, --pack and --max-bytes work as in `check`."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEEDS / "001_04b6fb7adc03cf2d.txt", folder)
    assert fazhi("audit", str(folder), "--out", str(tmp_path / "a")).returncode == 1   # audit preset
    run = fazhi("audit", str(folder), "--out", str(tmp_path / "b"), "--fail-under", "60",
                "--fail-on", "required", "--disable", "mediation")
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads((tmp_path / "b" / "results.json").read_text(encoding="utf-8"))["reports"]
    assert "mediation" not in {e["id"] for e in results[0]["elements"]}
    small = fazhi("audit", str(folder), "--out", str(tmp_path / "c"), "--max-bytes", "100")
    assert small.returncode == 1
    errors = json.loads((tmp_path / "c" / "results.json").read_text(encoding="utf-8"))["reports"][0]["errors"]
    assert errors and "100" in errors[0]["message"]
    for option in ("--fail-under", "--fail-on", "--disable", "--pack", "--rules", "--preset", "--config",
                   "--encoding", "--max-bytes"):
        assert option in fazhi("audit", "--help").stdout


def test_a_figure_chart_of_many_reports_draws_the_ends_and_every_outlier(packs, tmp_path):
    """70 reports state a rate: the chart draws 60 bars (the highest, the lowest and the
    flagged one, wherever it falls) and counts the rest, not one bar per report."""
    from checker.render import RenderOptions
    from checker.render.html import render
    from checker.run import check_path
    reports = []
    for number in range(70):
        rate = 20 if number == 33 else 90 + number % 10 / 2       # 33: far below the others
        text = (f"第{number:02d}县2023年度法治政府建设工作情况的报告\n一、主要举措和成效\n"
                f"严格落实行政机关负责人出庭应诉制度。全县行政机关负责人出庭应诉率达{rate}%。\n"
                "二、存在的问题\n队伍建设有待加强。\n三、2024年工作安排\n继续推进。\n")
        path = tmp_path / f"r{number:02d}.txt"
        path.write_text(text, encoding="utf-8")
        reports.append(check_path(str(path), packs))
    page = render(reports, RenderOptions())
    chart = page[page.index('data-figure="leader-in-court.appearance-rate"'):]
    chart = chart[:chart.index("</figure>")]
    assert chart.count('<g class="bar') == 60 and "70 份报告" in chart
    assert chart.count("flagged") >= 1 and "20% ⚠ 异常" in chart
    assert "… 另有 10 份报告" in chart


def test_results_json_writes_every_value_as_the_standard_json_module_does(seed_results):
    """results.json is written by orjson, quicker; an undecodable file name, a tiny or
    non-finite figure and a score with decimals still come out exactly as Python's json
    module writes them (1e-05, not 0.00001; NaN, not null)."""
    import json
    from dataclasses import replace

    from checker.render.json_out import report_piece, report_to_dict
    report = next(r for r in seed_results.values() if r.figures)
    odd = replace(report, file="上报/\udcb1\udca8告.txt", score=62.5,
                  figures=(replace(report.figures[0], value=1e-05, high=float("nan")),))
    for result in (report, odd):
        expected = "    " + json.dumps(report_to_dict(result), ensure_ascii=False, indent=2).replace("\n", "\n    ")
        assert report_piece(result) == expected
    assert '"value": 1e-05' in report_piece(odd) and '"high": NaN' in report_piece(odd)
    assert '"score": 62.5' in report_piece(odd)
