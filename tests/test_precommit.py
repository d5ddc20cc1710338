"""The pre-commit hook as a drafting office meets it: the real `pre-commit` tool installs
this repository's hook and runs it on drafts in a temporary git repository.

pre-commit is the one of the project's own test environment (`python -m pre_commit` with
the interpreter running the tests), never whatever `pre-commit` is on PATH: the README's
test command runs the venv's python without activating the venv."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

COMPLETE = SEEDS / "003_66c256f8f78a155c.txt"
PROJECT = ("checker", "rules", "pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
GIT = ["git", "-c", "user.name=fazhi test", "-c", "user.email=test@example.invalid",
       "-c", "commit.gpgsign=false"]


def git(*args, cwd):
    subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """This project as committed files in a fresh repository: try-repo needs a commit, and a
    copy works the same from a clean clone in CI and from a checkout with edits in progress."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, repo / name)
    git("init", "-q", cwd=repo)
    git("add", ".", cwd=repo)
    git("commit", "-q", "-m", "fazhi", cwd=repo)
    return repo


@pytest.fixture(scope="module")
def run_hook(hook_repo, tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PRE_COMMIT_HOME=str(home), NO_COLOR="1")

    def run(draft_text: str, tmp_path):
        drafts = tmp_path / "drafts"
        drafts.mkdir()
        git("init", "-q", cwd=drafts)
        (drafts / "report.md").write_text(draft_text, encoding="utf-8")
        git("add", "report.md", cwd=drafts)
        return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook_repo), "fazhi",
                               "--files", "report.md", "--color", "never"], cwd=drafts, env=env,
                              capture_output=True, text=True, encoding="utf-8", timeout=900,
                              check=False)
    return run


def complete_draft() -> str:
    return COMPLETE.read_text(encoding="utf-8")


def draft_without_shortcomings() -> str:
    """The complete draft with its 存在的问题 part (heading and paragraph) cut out."""
    lines = complete_draft().splitlines()
    cut = next(i for i, line in enumerate(lines) if "二、存在的问题" in line)
    return "\n".join(lines[:cut] + lines[cut + 2:]) + "\n"


def test_a_draft_missing_a_required_element_is_blocked_with_its_hint(run_hook, tmp_path):
    run = run_hook(draft_without_shortcomings(), tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Failed" in run.stdout
    assert "缺失：不足原因" in run.stdout
    assert "提示：设一部分\"存在的不足和原因\"" in run.stdout


def test_the_message_says_first_what_blocks_the_commit_then_the_advice(run_hook, tmp_path):
    """section.shortcomings (required, missing) blocks; counsel-coverage (partial) does not.
    (Dated 2024: in the draft's own year, 2014, counsel coverage was not yet required, and
    an element not yet required is never advice.)"""
    out = run_hook(draft_without_shortcomings().replace("2014年", "2024年", 1), tmp_path).stdout
    blocks, advice = out.index("阻止提交："), out.index("建议补充（不阻止提交）：")
    assert blocks < out.index("section.shortcomings  存在的不足和原因") < advice
    assert advice < out.index("counsel-coverage")
    assert "counsel-coverage" not in out[blocks:advice]


def test_a_waiver_comment_at_the_end_unblocks_and_is_not_noise(run_hook, tmp_path):
    draft = draft_without_shortcomings() + "\n<!-- fazhi: waive section.shortcomings 摘要稿 -->\n"
    run = run_hook(draft, tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "附带的新闻" not in run.stdout and "阻止提交" not in run.stdout


def test_a_complete_draft_passes(run_hook, tmp_path):
    run = run_hook(complete_draft(), tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Passed" in run.stdout
