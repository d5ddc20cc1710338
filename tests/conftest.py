"""Shared fixtures. Tests run against the source checkout (or an installed fazhi)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Each test session builds its own dictionary and pack cache, so tests never depend on
    (or disturb) the user's ~/.cache/fazhi."""
    os.environ["FAZHI_CACHE_DIR"] = str(tmp_path_factory.mktemp("fazhi-cache"))
    yield


@pytest.fixture(scope="session")
def packs(_private_cache):
    from checker.packs.load import load_packs
    return load_packs()


@pytest.fixture(scope="session")
def seed_results(packs):
    """Every seed report checked once per session: {file name: ReportResult}."""
    from checker.run import check_path
    return {p.name: check_path(str(p), packs) for p in sorted(SEEDS.glob("*.txt"))}


def warnings_of(info) -> list[str]:
    """A document's warnings as JSON carries them (English): what tools read."""
    from checker.render.words import english_words
    return [english_words().notice(w) for w in info.warnings]


def run_fazhi(*args, cwd=ROOT, timeout=180, **env_extra):
    """`python -m checker ARGS` in a subprocess with this checkout on the path and no colour;
    `env_extra` adds environment variables (SOURCE_DATE_EPOCH for a fixed audit date)."""
    import os
    import subprocess
    import sys
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", **env_extra)
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          check=False, encoding="utf-8", cwd=cwd, env=env, timeout=timeout)


def matrix_rows(page: str) -> list[dict]:
    """The rows of an audit page's table, as the script reads them from the page's data:
    one dict per submission, its `cells` as {element id: shown status}."""
    import json
    import re
    block = re.search(r'<script type="application/json" id="matrix-rows">(.*?)</script>', page, re.S)
    data = json.loads(block.group(1))
    columns = re.findall(r'<th class="el" data-sort="el" data-el="([^"]+)"', page)
    rows = [dict(zip(data["fields"], row, strict=True)) for row in data["rows"]]
    for row in rows:
        row["cells"] = {el: data["cells"][look][0] for el, look in zip(columns, row["cells"], strict=True)}
    return rows
