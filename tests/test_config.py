"""Configuration as a project sets it up: discovery walking up, presets, command-line
overrides, `fazhi config show`, and one clear line for a bad file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

SEED000 = str(SEEDS / "000_ac4e17fc9cb3faab.txt")   # scores 93.3; mediation missing


def fazhi(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=120, check=False)


@pytest.fixture
def project(tmp_path):
    """A drafts repository with a config at its root; commands run from a subfolder."""
    (tmp_path / "drafts").mkdir()
    return tmp_path


def write(path, text):
    path.write_text(text, encoding="utf-8")


def test_fazhi_toml_is_found_walking_up_and_show_names_the_sources(project):
    write(project / ".fazhi.toml", 'extends = "audit"\nfail-under = 70\nrules = ["packs"]\n')
    run = fazhi("config", "show", cwd=project / "drafts")
    assert run.returncode == 0, run.stderr
    assert f"config file: {project / '.fazhi.toml'}" in run.stdout
    assert f"fail-under = 70    # from {project / '.fazhi.toml'}" in run.stdout
    assert "fail-on = ['required', 'recommended']    # from preset audit" in run.stdout
    assert f"rules = ['{project / 'packs'}']" in run.stdout
    assert "packs = []    # from default" in run.stdout


def test_pyproject_tool_table_is_read(project):
    write(project / "pyproject.toml", '[project]\nname = "drafts"\n\n[tool.fazhi]\nfail-under = 95\n')
    run = fazhi("check", SEED000, cwd=project / "drafts")
    assert run.returncode == 1 and "/100  未通过" in run.stdout


def test_command_line_overrides_the_config(project):
    write(project / ".fazhi.toml", "fail-under = 95\n")
    assert fazhi("check", SEED000, "--fail-under", "50", cwd=project).returncode == 0
    assert fazhi("check", SEED000, "--fail-on", "recommended", "--fail-under", "50", cwd=project).returncode == 1


def test_preset_option_sits_under_the_project_config(project):
    write(project / ".fazhi.toml", "fail-under = 50\n")
    run = fazhi("config", "show", "--preset", "audit", cwd=project)
    assert "fail-under = 50" in run.stdout and "fail-on = ['required', 'recommended']    # from preset audit" in run.stdout


def test_disabled_elements_and_config_waivers_reach_the_results(project):
    write(project / ".fazhi.toml", 'disable = ["leader-law-report"]\n\n[[waivers]]\n'
          'element = "mediation"\nfiles = "*"\nreason = "区级报告不统计调解"\nexpires = 2999-12-31\n')
    run = fazhi("check", SEED000, "--format", "json", cwd=project)
    elements = {e["id"]: e for e in json.loads(run.stdout)["reports"][0]["elements"]}
    assert "leader-law-report" not in elements
    assert elements["mediation"]["waived"] == "区级报告不统计调解"
    assert "（已豁免：区级报告不统计调解）" in fazhi("check", SEED000, cwd=project).stdout


@pytest.mark.parametrize("text, problem", [
    ("fail-under = 'high'\n", "fail-under: expected a number from 0 to 100, got 'high'"),
    ("colour = true\n", "unknown setting 'colour'; valid settings: extends, packs"),
    ('extends = "strict"\n', "extends: unknown preset 'strict'; valid presets: audit, gate, hook"),
    ('fail-on = ["fatal"]\n', "fail-on: unknown severity 'fatal'; valid: required, recommended"),
    ("[[waivers]]\nelement = 'mediation'\n", "waivers: every waiver needs 'reason'"),
    ('disable = ["no-such-element"]\n', "disable: unknown element 'no-such-element'"),
    ("fail-under = \n", "invalid TOML"),
])
def test_a_bad_config_is_one_line_naming_the_file(project, text, problem):
    write(project / ".fazhi.toml", text)
    run = fazhi("check", SEED000, cwd=project)
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
    assert run.stderr.startswith(f"{project / '.fazhi.toml'}: ") and problem in run.stderr
