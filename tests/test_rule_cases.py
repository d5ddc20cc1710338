"""Rule cases as data: tests/cases/<pack>.yaml holds snippets that must and must not satisfy
each element; one parametrised test runs them all, and a meta-test fails when a shipped
element has no cases."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CASES_DIR = Path(__file__).parent / "cases"
STATUS_OF = {"met": "met", "partial": "partial", "not": "missing"}


def _load_cases() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CASES_DIR.glob("*.yaml"))}


CASES = _load_cases()


def _params():
    for pack, data in CASES.items():
        for element_id, kinds in data.items():
            if element_id == "wrapper":
                continue
            for kind, snippets in kinds.items():
                for number, snippet in enumerate(snippets):
                    yield pytest.param(pack, element_id, kind, snippet,
                                       id=f"{element_id}-{kind}-{number}")


def _check(pack: str, snippet: str, packs):
    from checker.readers.source import SourceText
    from checker.run import check_source
    text = CASES[pack]["wrapper"].format(text=snippet)
    return check_source(SourceText.from_text("case.txt", text), packs)


@pytest.mark.parametrize("pack, element_id, kind, snippet", list(_params()))
def test_rule_case(pack, element_id, kind, snippet, packs):
    element = _check(pack, snippet, packs).element(element_id)
    if kind in STATUS_OF:
        assert element.status == STATUS_OF[kind], [(e.text, e.stance, e.why) for e in element.evidence]
    else:
        assert element.stance == kind, [(e.text, e.stance, e.why) for e in element.evidence]


def test_every_shipped_element_has_cases(packs):
    covered = {eid for data in CASES.values() for eid in data if eid != "wrapper"}
    uncovered = [e.id for e in packs.elements if e.id not in covered]
    assert not uncovered, f"elements without rule cases in tests/cases/: {uncovered}"


def test_every_element_has_cases_that_must_not_match(packs):
    lacking = [eid for data in CASES.values() for eid, kinds in data.items()
               if eid != "wrapper" and "not" not in kinds]
    assert not lacking, f"elements without `not` cases: {lacking}"
