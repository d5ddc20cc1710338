"""Every expectation in seeds/expected.yaml (a copy of ../shared/seeds/expected.yaml) holds."""

from __future__ import annotations

import pytest
import yaml
from conftest import SEEDS

EXPECTED = yaml.safe_load((SEEDS / "expected.yaml").read_text(encoding="utf-8"))
SECTION_STATUS = {True: "present", "partial": "folded", False: "absent"}


def _element_cases():
    for name, report in EXPECTED.items():
        for element_id, facts in report["elements"].items():
            yield pytest.param(name, element_id, facts, id=f"{name[:3]}-{element_id}")


def test_every_seed_is_expected():
    assert sorted(EXPECTED) == sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_title_kind_period(name, seed_results):
    expected, document = EXPECTED[name], seed_results[name].document
    assert document.title == expected["title"]
    assert document.kind == expected["kind"]
    assert document.period == (tuple(expected["period"]) if expected["period"] else None)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sections(name, seed_results):
    expected = {k: SECTION_STATUS[v] for k, v in EXPECTED[name]["sections"].items()}
    assert seed_results[name].document.sections == expected


@pytest.mark.parametrize("name", [n for n in sorted(EXPECTED) if "noise" in EXPECTED[n]])
def test_noise_is_found_and_not_matched(name, seed_results):
    result = seed_results[name]
    assert result.document.noise, "expected noise to be reported"
    noisy = {i for r in result.document.noise for i in range(r.start, r.end + 1)}
    assert not [e for el in result.elements for e in el.evidence if e.line in noisy]


@pytest.mark.parametrize("name, element_id, facts", list(_element_cases()))
def test_element(name, element_id, facts, seed_results):
    result = seed_results[name].element(element_id)
    assert result.stance == facts["stance"]
    if "also" in facts:
        assert set(result.also) == set(facts["also"])
    if "in_force" in facts:
        assert result.applicable == facts["in_force"]
        if not facts["in_force"] and facts["stance"] in ("absent", "planned", "problem"):
            assert result.status == "not-applicable"
    if "named" in facts:
        named = {p.id for p in result.parts if p.stance != "absent"}
        assert named == set(facts["named"])
        if facts["stance"] == "achieved":
            assert result.status == ("met" if len(named) == len(result.parts) else "partial")
    if facts.get("level") in ("coverage", "named"):
        assert result.status == "met" and result.level == facts["level"]
    if facts.get("level") in ("mentioned", "generic"):
        assert result.status == "partial" and result.level == facts["level"]
    if facts["stance"] == "achieved":
        assert result.evidence and result.status in ("met", "partial")
    if facts["stance"] == "absent":
        assert not result.evidence


def test_plan_is_never_credited(seed_results):
    plan = seed_results["004_d6586b12e3beefb6.txt"]
    assert plan.document.kind == "implementation-plan"
    assert all(e.status in ("missing", "not-applicable") for e in plan.elements
               if e.id != "draft.placeholders")
    assert not plan.passed
