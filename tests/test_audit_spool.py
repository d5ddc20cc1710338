"""An audit streams its results through a spool on disk: what it writes is what an audit
holding every result in memory writes, and the spool leaves nothing behind."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT, SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))
OUTPUTS = ("summary.csv", "summary.xlsx", "results.json", "report.html")
DETAILS = "report-details"


def test_spooled_results_come_back_sorted_and_whole(packs, tmp_path):
    from checker.audit.pool import failed_result
    from checker.audit.spool import ResultSpool, result_rows
    from checker.run import check_path
    results = [check_path(str(p), packs) for p in reversed(SEED_FILES)]
    with ResultSpool(tmp_path) as spool:
        for result in results:
            spool.add(result)
        spool.add(failed_result(results[0].file, "worker-crashed", "died"))   # replaces the first
        spooled = spool.results()
        assert len(spooled) == len(results)
        expected = sorted([failed_result(results[0].file, "worker-crashed", "died"), *results[1:]],
                          key=lambda r: r.file)
        assert list(spooled) == expected and list(spooled) == expected   # read back every pass
        assert spooled[1] == expected[1] and spooled[-2:] == expected[-2:]
        rows = result_rows(spooled)
        assert [r.file for r in rows] == [r.file for r in expected]
        assert [bool(r.errors) for r in rows] == [bool(r.errors) for r in expected]
        assert [r.passed for r in rows] == [r.passed for r in expected]
        path = spool.path
        assert path.exists()
    assert not path.exists()


def test_an_audit_writes_from_the_spool_what_it_would_write_from_memory(packs, tmp_path):
    from checker.audit.outputs import write_outputs
    from checker.audit.pool import AuditJob, audit
    from checker.settings import CommandLine, resolve
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in SEED_FILES:
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / "empty.txt").write_text(" \n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    run = subprocess.run([sys.executable, "-m", "checker", "audit", str(folder), "-o", str(tmp_path / "out"),
                          "-j", "2"], capture_output=True, text=True, encoding="utf-8", env=env, timeout=180)
    assert run.returncode == 1, run.stderr
    assert "6 份报告：2 份通过，3 份未通过，1 份无法读取" in run.stdout       # the audit preset's gate
    assert sorted(os.listdir(tmp_path / "out")) == sorted([*OUTPUTS, DETAILS])   # no spool left behind
    resolved = resolve(CommandLine(preset="audit"))
    in_memory = audit([str(folder)], AuditJob(resolved.packs, resolved.settings, jobs=1))
    write_outputs(in_memory, tmp_path / "memory", resolved.settings, resolved.packs)
    pages = sorted(os.listdir(tmp_path / "out" / DETAILS))
    assert pages == sorted(os.listdir(tmp_path / "memory" / DETAILS)) and len(pages) == 7   # 6 and style.css
    for name in [*OUTPUTS, *(f"{DETAILS}/{page}" for page in pages)]:
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "memory" / name).read_bytes(), name


def test_results_json_keeps_line_separators_in_a_report_text_as_written(tmp_path):
    """A report whose text holds U+2028 and U+0085 (pasted from web pages): results.json
    reads back with the quote and the file name exactly as written, no indent put inside."""
    import json
    body = ("某县2023年法治政府建设工作情况报告\n一、主要举措\n"
            "县政府主要负责人切实履行推进法治建设第一责任人职责\u2028全年召开常务会议专题研究法治工作4次\x85。\n")
    report = tmp_path / "sub" / "县\u2028报告.txt"
    report.parent.mkdir()
    report.write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "checker", "audit", str(report.parent), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert run.returncode in (0, 1), run.stderr
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    [found] = results["reports"]
    assert found["file"].endswith("县\u2028报告.txt")
    line = "县政府主要负责人切实履行推进法治建设第一责任人职责\u2028全年召开常务会议专题研究法治工作4次\x85。"
    quotes = [e["text"] for el in found["elements"] for e in el.get("evidence", []) if "第一责任人" in e["text"]]
    assert quotes and all(q == line for q in quotes), quotes
