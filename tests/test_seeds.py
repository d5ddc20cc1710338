"""Every expectation in seeds/expected.yaml (a copy of ../shared/seeds/expected.yaml) holds,
and so does every one for the realistic reports written in three QA rounds
(tests/fixtures/unseen, tests/fixtures/unseen-formats), so that the rules are held to text
they were not tuned on, in every format a report arrives in."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import SEEDS

UNSEEN = Path(__file__).parent / "fixtures" / "unseen"
FORMATS = Path(__file__).parent / "fixtures" / "unseen-formats"   # docx, pdf, html, GBK, Traditional
CORPORA = {"seeds": SEEDS, "unseen": UNSEEN, "formats": FORMATS}
EXPECTED = {corpus: yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
            for corpus, folder in CORPORA.items()}
SECTION_STATUS = {True: "present", "partial": "folded", False: "absent"}


@pytest.fixture(scope="module")
def results(packs):
    """Every report of both corpora checked once: {(corpus, file name): ReportResult}."""
    from checker.run import check_path
    return {(corpus, name): check_path(str(CORPORA[corpus] / name), packs)
            for corpus, reports in EXPECTED.items() for name in reports}


def _reports(only_with: str | None = None):
    return [pytest.param(corpus, name, id=f"{corpus}-{name[:6]}")
            for corpus, reports in EXPECTED.items() for name in sorted(reports)
            if only_with is None or only_with in reports[name]]


def _element_cases():
    for corpus, reports in EXPECTED.items():
        for name, report in reports.items():
            for element_id, facts in report["elements"].items():
                marks = [pytest.mark.xfail(reason=facts["known_limitation"], strict=True)] \
                    if "known_limitation" in facts else []
                yield pytest.param(corpus, name, element_id, facts, marks=marks,
                                   id=f"{corpus}-{name[:6]}-{element_id}")


@pytest.mark.parametrize("corpus", sorted(CORPORA))
def test_every_report_is_expected(corpus):
    reports = [p.name for p in CORPORA[corpus].iterdir()
               if p.is_file() and p.suffix in (".txt", ".docx", ".pdf", ".html")]
    assert sorted(EXPECTED[corpus]) == sorted(reports)


@pytest.mark.parametrize("corpus, name", _reports())
def test_title_kind_period(corpus, name, results):
    expected, document = EXPECTED[corpus][name], results[corpus, name].document
    titles = expected["title"] if isinstance(expected["title"], list) else [expected["title"]]
    assert document.title in titles       # a list: either reading of the title is right
    assert document.kind == expected["kind"]
    if "period" in expected:
        assert document.period == (tuple(expected["period"]) if expected["period"] else None)


@pytest.mark.parametrize("corpus, name", _reports(only_with="sections"))
def test_sections(corpus, name, results):
    expected = {k: SECTION_STATUS[v] for k, v in EXPECTED[corpus][name]["sections"].items()}
    assert results[corpus, name].document.sections == expected


@pytest.mark.parametrize("corpus, name", _reports(only_with="noise"))
def test_noise_is_found_and_not_matched(corpus, name, results):
    result = results[corpus, name]
    if result.format != "html":     # a web page's chrome is already dropped by the HTML reader
        assert result.document.noise, "expected noise to be reported"
    noisy = {i for r in result.document.noise for i in range(r.start, r.end + 1)}
    assert not [e for el in result.elements for e in el.evidence if e.line in noisy]


@pytest.mark.parametrize("corpus, name, element_id, facts", list(_element_cases()))
def test_element(corpus, name, element_id, facts, results):
    result = results[corpus, name].element(element_id)
    assert result.stance == facts["stance"]
    if "also" in facts:
        assert set(result.also) == set(facts["also"])
    if "in_force" in facts:
        _check_in_force(result, facts)
    if "named" in facts:
        _check_named_parts(result, facts)
    _check_level(result, facts.get("level"))
    if facts["stance"] == "achieved":
        assert result.evidence and result.status in ("met", "partial")
    if facts["stance"] == "absent":
        assert not result.evidence


def _check_in_force(result, facts):
    assert result.applicable == facts["in_force"]
    if not facts["in_force"] and facts["stance"] in ("absent", "planned", "problem"):
        assert result.status == "not-applicable"


def _check_named_parts(result, facts):
    """`named`: the parts the text names with the element's own stance (done parts of a
    claimed element, planned parts of a planned one)."""
    named = {p.id for p in result.parts if p.stance == result.stance}
    assert named == set(facts["named"])
    if facts["stance"] == "achieved":
        assert result.status == ("met" if len(named) == len(result.parts) else "partial")


def _check_level(result, level):
    if level in ("coverage", "named"):
        assert result.status == "met" and result.level == level
    if level in ("mentioned", "generic"):
        assert result.status == "partial" and result.level == level


def test_plan_is_never_credited(results):
    plan = results["seeds", "004_d6586b12e3beefb6.txt"]
    assert plan.document.kind == "implementation-plan"
    assert all(e.status in ("missing", "not-applicable") for e in plan.elements
               if e.id != "draft.placeholders")
    assert not plan.passed
