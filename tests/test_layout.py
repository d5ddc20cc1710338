"""The package shows the pipeline: one subpackage per stage, and imports that run one way
(docs/design.md, "The pipeline"). A stage may import an earlier stage, never a later one,
and never the command line or the orchestration at the top."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import ROOT

CHECKER = ROOT / "checker"
STAGES = ("packs", "language", "readers", "understand", "match", "judge", "render", "ledger", "review")
# modules every stage may use: they belong to no stage
SHARED = {"checker", "checker.paths", "checker.cache", "checker.code_cache", "checker.exitcodes"}


def checker_imports(path: Path) -> set[str]:
    """Every checker module the file imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {m for m in found if m == "checker" or m.startswith("checker.")}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in STAGES else None


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_earlier_stages(stage):
    allowed = set(STAGES[:STAGES.index(stage) + 1])
    wrong = []
    for path in sorted((CHECKER / stage).rglob("*.py")):
        for module in checker_imports(path):
            if module in SHARED:
                continue
            if stage_of(module) not in allowed:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not wrong, "\n".join(wrong)


def test_every_module_sits_in_a_stage_or_at_the_top():
    top = {p.stem for p in CHECKER.glob("*.py")}
    assert top <= {"__init__", "__main__", "cli", "run", "settings", "explain",
                   "paths", "cache", "code_cache", "exitcodes"}
    packages = {p.parent.name for p in CHECKER.glob("*/__init__.py")}
    assert packages == set(STAGES) | {"audit", "config", "schemas", "rules"} - {"rules"}
