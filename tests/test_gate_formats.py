"""JUnit, SARIF and GitHub annotations agree with the gate and with the exit code.

One run writes all of them (and the JSON) for passing and failing drafts under each preset:
the report's JUnit `gate` case fails, its SARIF `fazhi.gate` result is an error and it has a
`::error` annotation exactly when the report fails the gate, and the exit code is 1 exactly
when one does; an element is a JUnit failure, a SARIF error and part of the `::error`
exactly when it blocks (missing, of a severity in fail-on, not waived). GitHub gets at most
one annotation per report and level, and the details go to $GITHUB_STEP_SUMMARY.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT, SEEDS

COMPLETE = SEEDS / "003_66c256f8f78a155c.txt"      # passes; counsel-coverage partial
REPORT = SEEDS / "001_04b6fb7adc03cf2d.txt"        # passes at 60 with recommended ones missing
PLAN = SEEDS / "004_d6586b12e3beefb6.txt"          # a plan: the required parts are missing


def fazhi(*args, cwd, env=None):
    base = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}   # tests run in CI too
    env = dict(base, PYTHONPATH=str(ROOT), NO_COLOR="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=300, check=False)


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    folder = tmp_path_factory.mktemp("drafts")
    lines = COMPLETE.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if "二、存在的问题" in line)
    lacking = "\n".join(lines[:cut] + lines[cut + 2:]) + "\n"
    (folder / "complete.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "no-shortcomings.md").write_text(lacking, encoding="utf-8")
    (folder / "waived.md").write_text(lacking + "\n<!-- fazhi: waive section.shortcomings 摘要稿 -->\n",
                                      encoding="utf-8")
    return folder


CASES = {   # name: (files, extra options)
    "passing, with advice": (["complete.md", str(REPORT)], ["--preset", "gate"]),
    "a required element missing": (["no-shortcomings.md"], ["--preset", "gate"]),
    "waived": (["waived.md"], ["--preset", "hook"]),
    "the score alone": ([str(REPORT)], ["--fail-under", "90"]),
    "a plan and a passing report": ([str(PLAN), "complete.md"], ["--preset", "gate"]),
    "audit preset: recommended ones block": ([str(REPORT), "complete.md"], ["--preset", "audit"]),
    "hook preset: no threshold": ([str(PLAN)], ["--preset", "hook"]),
}


@pytest.fixture(scope="module", params=list(CASES))
def run(request, drafts):
    files, options = CASES[request.param]
    out = drafts / f"out-{list(CASES).index(request.param)}"
    out.mkdir()
    summary = out / "summary.md"
    result = fazhi("check", *options, "--format", "github", "--report", f"junit={out / 'x.xml'}",
                   "--report", f"sarif={out / 'x.sarif'}", "--report", f"json={out / 'x.json'}",
                   *files, cwd=drafts, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode in (0, 1), result.stderr
    reports = json.loads((out / "x.json").read_text(encoding="utf-8"))["reports"]
    return {"exit": result.returncode, "github": result.stdout.splitlines(), "reports": reports,
            "junit": ET.parse(out / "x.xml").getroot(),
            "sarif": json.loads((out / "x.sarif").read_text(encoding="utf-8"))["runs"][0],
            "summary": summary.read_text(encoding="utf-8") if summary.exists() else "",
            "gate": gate_of(options)}


def gate_of(options) -> tuple[float, tuple[str, ...]]:
    presets = {"gate": (60, ("required",)), "hook": (0, ("required",)),
               "audit": (80, ("required", "recommended"))}
    fail_under, fail_on = presets[options[1]] if options[0] == "--preset" else (60, ("required",))
    if "--fail-under" in options:
        fail_under = float(options[options.index("--fail-under") + 1])
    return fail_under, fail_on


def blocking(report, fail_on) -> set[str]:
    return {e["id"] for e in report["elements"]
            if e["status"] == "missing" and not e["waived"] and e["severity"] in fail_on}


def test_the_exit_code_is_1_exactly_when_a_report_fails(run):
    assert (run["exit"] == 1) == any(not r["passed"] for r in run["reports"])


def test_junit_gate_case_fails_exactly_when_the_report_fails(run):
    suites = run["junit"].findall("testsuite")
    assert len(suites) == len(run["reports"])
    for suite, report in zip(suites, run["reports"], strict=True):
        gate = suite.find("testcase[@name='gate']")
        assert (gate.find("failure") is not None) == (not report["passed"]), suite.get("name")
    failed = int(run["junit"].get("failures"))
    assert (failed > 0) == (run["exit"] == 1)


def test_junit_elements_fail_only_when_they_block(run):
    _, fail_on = run["gate"]
    for suite, report in zip(run["junit"].findall("testsuite"), run["reports"], strict=True):
        failed = {c.get("name") for c in suite.findall("testcase")
                  if c.find("failure") is not None and c.get("name") != "gate"}
        assert failed == blocking(report, fail_on)
        for element in report["elements"]:
            case = suite.find(f"testcase[@name='{element['id']}']")
            lacking = element["status"] in ("missing", "partial")
            if lacking and element["id"] not in failed:
                assert case.find("skipped") is not None, element["id"]


def test_sarif_errors_are_the_failing_reports_and_the_blocking_elements(run):
    _, fail_on = run["gate"]
    results = run["sarif"]["results"]
    for index, report in enumerate(run["reports"]):
        uri = os.path.relpath(report["file"], ROOT) if os.path.isabs(report["file"]) else report["file"]
        mine = [r for r in results
                if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
                    os.path.basename(uri))]
        gate = [r for r in mine if r["ruleId"] == "fazhi.gate"]
        assert len(gate) == 1 and (gate[0]["level"] == "error") == (not report["passed"])
        errors = {r["ruleId"] for r in mine if r["level"] == "error" and r["ruleId"] != "fazhi.gate"}
        assert errors == blocking(report, fail_on), index
    assert any(r["level"] == "error" for r in results) == (run["exit"] == 1)


def test_github_one_annotation_per_report_and_level_errors_for_failing_reports(run):
    annotations = [line for line in run["github"] if line.startswith("::")]
    for report in run["reports"]:
        name = os.path.basename(report["file"])
        mine = [a for a in annotations if f"file={name}" in a or f"/{name}," in a]
        kinds = [a.split(" ", 1)[0] for a in mine]
        assert len(kinds) == len(set(kinds)), mine
        assert ("::error" in kinds) == (not report["passed"])
        _, fail_on = run["gate"]
        error = next((a for a in mine if a.startswith("::error")), "")
        for element in blocking(report, fail_on):
            assert element in error
    assert any(a.startswith("::error") for a in annotations) == (run["exit"] == 1)


def test_github_job_summary_has_every_finding(run):
    assert run["summary"].startswith("## fazhi")
    for report in run["reports"]:
        assert os.path.basename(report["file"]) in run["summary"]
        for element in report["elements"]:
            if element["status"] in ("missing", "partial") and element["applicable"]:
                assert f"`{element['id']}`" in run["summary"]


def test_annotations_are_anchored_at_the_part_or_the_title(drafts):
    """counsel-coverage is partial in the achievements part: the advice points at its
    heading; a missing part (section.shortcomings) is anchored at the title line. (The
    report is dated 2024 here: in its own year, 2014, counsel coverage was not yet required,
    and an element not yet required is never advice.)"""
    text = (drafts / "no-shortcomings.md").read_text(encoding="utf-8")
    (drafts / "no-shortcomings-2024.md").write_text(text.replace("2014年", "2024年", 1), encoding="utf-8")
    out = fazhi("check", "--format", "github", "no-shortcomings-2024.md", cwd=drafts).stdout.splitlines()
    data = json.loads(fazhi("check", "--format", "json", "no-shortcomings-2024.md", cwd=drafts).stdout)
    headings = data["reports"][0]["document"]["headings"]
    achievements = min((h for h in headings if h["role"] == "achievements"), key=lambda h: (h["level"], h["line"]))
    warning = next(line for line in out if line.startswith("::warning"))
    assert f"line={achievements['line']}," in warning and "counsel-coverage" in warning
    error = next(line for line in out if line.startswith("::error"))
    assert "line=1," in error and "section.shortcomings" in error


def test_without_github_step_summary_nothing_is_written(drafts, tmp_path):
    run = fazhi("check", "--format", "github", str(REPORT), cwd=tmp_path)
    assert run.returncode == 0 and list(tmp_path.iterdir()) == []
