"""The CI templates in ci/ as a team adopting them meets them.

Each is valid against its CI system's schema (the GitHub workflow and GitLab CI schemas that
check-jsonschema ships, so no network is needed), installs fazhi from a git URL and tag held
in variables, and its check script, run here by bash with this checkout as `fazhi`, checks
.html reports too, passes with a notice when no report matches, and exits with the gate.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS

GITHUB = ROOT / "ci" / "github-actions.yml"
GITLAB = ROOT / "ci" / "gitlab-ci.yml"
PASSING = SEEDS / "001_04b6fb7adc03cf2d.txt"
PLAN = SEEDS / "004_d6586b12e3beefb6.txt"          # fails the gate
WEB_COPY = ROOT / "tests" / "fixtures" / "formats" / "seed001.html"


def check_jsonschema(schema: str, path: Path):
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def github_steps() -> dict[str, dict]:
    return {step.get("name", step.get("uses")): step for step in load(GITHUB)["jobs"]["gate"]["steps"]}


def gitlab_script() -> list[str]:
    return load(GITLAB)["fazhi"]["script"]


@pytest.mark.parametrize("schema, path", [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)],
                         ids=["github", "gitlab"])
def test_the_template_is_valid_against_its_ci_schema(schema, path, tmp_path):
    run = check_jsonschema(schema, path)
    assert run.returncode == 0, run.stdout + run.stderr
    broken = tmp_path / path.name      # the validator has teeth: a job that cannot run fails
    data = load(path)
    if "jobs" in data:
        del data["jobs"]["gate"]["runs-on"]
    else:
        data["fazhi"]["artifacts"]["when"] = "sometimes"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert check_jsonschema(schema, broken).returncode != 0


def test_fazhi_is_installed_from_a_git_url_and_tag_held_in_variables():
    github_env, gitlab_vars = load(GITHUB)["env"], load(GITLAB)["fazhi"]["variables"]
    install = github_steps()["Install fazhi"]["run"]
    for variables, command in ((github_env, install), (gitlab_vars, gitlab_script()[0])):
        assert variables["FAZHI_GIT"].startswith("https://") and variables["FAZHI_REF"]
        assert '"git+${FAZHI_GIT}@${FAZHI_REF}"' in command
        assert "pip install fazhi" not in command


def test_sarif_is_uploaded_only_when_the_check_wrote_it():
    upload = github_steps()["Upload SARIF"]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif")
    assert "always()" in upload["if"] and "hashFiles('fazhi.sarif') != ''" in upload["if"]


def test_the_readme_documents_the_variables():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "FAZHI_GIT" in readme and "FAZHI_REF" in readme


@pytest.fixture
def workspace(tmp_path):
    """A drafts repository's checkout, with this project's fazhi on PATH."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "fazhi"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m checker "$@"\n', encoding="utf-8")
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", PYTHONPATH=str(ROOT), NO_COLOR="1",
               REPORTS="drafts", GITHUB_STEP_SUMMARY=str(tmp_path / "summary.md"))
    return repo, env


def run_script(script: str, repo: Path, env: dict):
    return subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300, check=False)


SCRIPTS = {"github": lambda: github_steps()["Check the reports"]["run"],
           "gitlab": lambda: next(line for line in gitlab_script() if "fazhi check" in line)}
OUTPUT = {"github": "fazhi.sarif", "gitlab": "fazhi.xml"}


@pytest.mark.parametrize("ci", list(SCRIPTS))
@pytest.mark.parametrize("layout", ["empty folder", "no folder", "other files only"])
def test_no_matching_report_passes_with_a_notice(ci, layout, workspace):
    repo, env = workspace
    if layout != "no folder":
        (repo / "drafts").mkdir()
    if layout == "other files only":
        (repo / "drafts" / "notes.odt").write_bytes(b"")
    run = run_script(SCRIPTS[ci](), repo, env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no reports" in run.stdout and "'drafts'" in run.stdout
    assert not (repo / OUTPUT[ci]).exists()


@pytest.mark.parametrize("ci", list(SCRIPTS))
def test_reports_in_subfolders_and_html_are_checked_and_the_gate_decides(ci, workspace):
    repo, env = workspace
    (repo / "drafts" / "2024").mkdir(parents=True)
    shutil.copy(PASSING, repo / "drafts" / "2024" / "report.txt")
    shutil.copy(WEB_COPY, repo / "drafts" / "web copy.html")
    run = run_script(SCRIPTS[ci](), repo, env)
    assert run.returncode == 0, run.stdout + run.stderr
    written = (repo / OUTPUT[ci]).read_text(encoding="utf-8")
    assert "drafts/2024/report.txt" in written
    assert "web%20copy.html" in written or "web copy.html" in written
    shutil.copy(PLAN, repo / "drafts" / "plan.md")
    assert run_script(SCRIPTS[ci](), repo, env).returncode == 1
    if ci == "github":
        assert "plan.md" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
