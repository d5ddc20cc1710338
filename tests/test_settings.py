"""One project configuration, five commands: `check`, `explain`, `rules list`, `diff` and
`audit` resolve their settings the same way, so a pack added in `.fazhi.toml`, a `disable`
and a waiver reach every one of them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

SEED001 = SEEDS / "001_04b6fb7adc03cf2d.txt"   # leader-in-court and study-sessions missing
SEED002 = SEEDS / "002_976bef6feeda2d83.txt"   # mentions 法律援助

LOCAL_PACK = """\
pack: local
title: 本地补充要求
elements:
  - id: local.legal-aid
    title: 法律援助
    severity: recommended
    weight: 1
    basis:
      - document: 《中华人民共和国法律援助法》
        date: 2022-01-01
    claims:
      - any: [法律援助]
    met: 写明法律援助工作。
    hint: 写明法律援助的受理和办结情况。
"""

CONFIG = """\
rules = ["packs/local.yaml"]
disable = ["study-sessions"]

[[waivers]]
element = "leader-in-court"
reason = "本级无行政诉讼案件"
"""


def fazhi(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=180, check=False)


@pytest.fixture
def project(tmp_path):
    """A repository with `.fazhi.toml` at its root, a local pack, and two reports."""
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "local.yaml").write_text(LOCAL_PACK, encoding="utf-8")
    (tmp_path / ".fazhi.toml").write_text(CONFIG, encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(SEED001, reports / "2022.txt")
    shutil.copy(SEED002, reports / "2023.txt")
    return tmp_path


def element_ids(report: dict) -> list[str]:
    return [e["id"] for e in report["elements"]]


def test_check_uses_the_extra_pack_the_disable_and_the_waiver(project):
    run = fazhi("check", "--format", "json", "reports/2022.txt", "reports/2023.txt", cwd=project)
    reports = json.loads(run.stdout)["reports"]
    for report in reports:
        assert "local.legal-aid" in element_ids(report)
        assert "study-sessions" not in element_ids(report)
    court = next(e for e in reports[0]["elements"] if e["id"] == "leader-in-court")
    assert court["waived"] == "本级无行政诉讼案件"
    assert next(e for e in reports[1]["elements"] if e["id"] == "local.legal-aid")["status"] == "met"


def test_explain_knows_the_extra_pack_and_the_disabled_element(project):
    alone = fazhi("explain", "local.legal-aid", cwd=project)
    assert alone.returncode == 0, alone.stderr
    assert "《中华人民共和国法律援助法》" in alone.stdout
    on_file = fazhi("explain", "local.legal-aid", "reports/2023.txt", cwd=project)
    assert on_file.returncode == 0, on_file.stderr
    assert "counted as achieved" in on_file.stdout
    disabled = fazhi("explain", "study-sessions", cwd=project)
    assert disabled.returncode == 2
    assert "switched off" in disabled.stderr


def test_rules_list_shows_the_extra_pack_and_marks_the_disabled_element(project):
    run = fazhi("rules", "list", cwd=project)
    assert run.returncode == 0, run.stderr
    assert "local  本地补充要求" in run.stdout
    assert "local.legal-aid" in run.stdout
    study = next(line for line in run.stdout.splitlines() if "study-sessions" in line)
    assert study.endswith("(disabled)")


def test_diff_uses_the_same_packs_and_waivers(project):
    run = fazhi("diff", "--format", "json", "reports/2022.txt", "reports/2023.txt", cwd=project)
    assert run.returncode == 0, run.stderr
    diff = json.loads(run.stdout)
    assert "local.legal-aid" in [e["id"] for e in diff["gained"]]
    listed = {e["id"] for change in ("gained", "lost", "changed", "same") for e in diff[change]}
    assert "study-sessions" not in listed and "leader-in-court" in listed
    # scored as check scores them: the waived element leaves the old report's score
    check = fazhi("check", "--format", "json", "reports/2022.txt", cwd=project)
    assert diff["old"]["score"] == json.loads(check.stdout)["reports"][0]["score"]


def test_audit_uses_the_same_packs_and_waivers(project):
    run = fazhi("audit", "reports", "--out", "out", "--jobs", "1", cwd=project)
    assert run.returncode in (0, 1), run.stderr
    reports = json.loads((project / "out" / "results.json").read_text(encoding="utf-8"))["reports"]
    check = json.loads(fazhi("check", "--format", "json", "reports/2022.txt", "reports/2023.txt",
                             "--preset", "audit", cwd=project).stdout)["reports"]
    assert [(r["score"], element_ids(r)) for r in reports] == [(r["score"], element_ids(r)) for r in check]
    assert "local.legal-aid" in element_ids(reports[0])
