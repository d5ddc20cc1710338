"""A report checks the same whatever format it comes in.

For copies of the seed reports in other formats and encodings (tests/fixtures/formats,
see its README.md), every element's status, stance and sub-part stances equal those found
in the plain .txt seed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.packs.load import load_packs
from checker.run import Settings, check_path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ROOT / "tests" / "fixtures" / "formats"
SEED001 = ROOT / "seeds" / "001_04b6fb7adc03cf2d.txt"
SEED002 = ROOT / "seeds" / "002_976bef6feeda2d83.txt"
COPIES = [
    (SEED001, "seed001.docx"), (SEED001, "seed001.pdf"), (SEED001, "seed001.gbk.txt"),
    (SEED001, "seed001.utf16.txt"), (SEED001, "seed001.html"), (SEED001, "seed001.trad.txt"),
    (SEED002, "seed002.docx"), (SEED002, "seed002.pdf"),
]


@pytest.fixture(scope="module")
def packs():
    return load_packs()


def verdicts(path: Path, packs) -> dict[str, tuple]:
    """element id -> (status, stance, ((part id, part stance), ...))."""
    result = check_path(str(path), packs, Settings())
    assert not result.errors, result.errors
    return {e.id: (e.status, e.stance, tuple((p.id, p.stance) for p in e.parts or ()))
            for e in result.elements}


@pytest.mark.parametrize("seed, copy", COPIES, ids=[copy for _, copy in COPIES])
def test_every_format_gives_the_same_verdicts(seed, copy, packs):
    expected = verdicts(seed, packs)
    found = verdicts(FORMATS / copy, packs)
    assert found == expected
