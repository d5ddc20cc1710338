"""Waivers as a drafter uses them: a reason in config or in a Markdown comment keeps a
lacking element visible but out of the gate and the score; expired ones stop applying."""

from __future__ import annotations

from datetime import date

from conftest import SEEDS, warnings_of

from checker.judge.waivers import Waiver
from checker.run import Settings, check_path

COMPLETE = SEEDS / "003_66c256f8f78a155c.txt"
SEED000 = str(SEEDS / "000_ac4e17fc9cb3faab.txt")   # mediation missing, leader-duty partial


def draft_without_shortcomings(tmp_path, comment: str = ""):
    lines = COMPLETE.read_text(encoding="utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if "二、存在的问题" in line)
    path = tmp_path / "draft.md"
    path.write_text("\n".join(lines[:cut] + lines[cut + 2:] + [comment]) + "\n", encoding="utf-8")
    return str(path)


def test_markdown_comment_waives_with_its_reason(packs, tmp_path):
    draft = draft_without_shortcomings(tmp_path, "<!-- fazhi: waive section.shortcomings 摘要稿，不足另行报送 -->")
    report = check_path(draft, packs)
    shortcomings = report.element("section.shortcomings")
    assert (shortcomings.status, shortcomings.waived) == ("missing", "摘要稿，不足另行报送")
    assert shortcomings.score is None
    assert report.passed and "section.shortcomings" not in report.missing


def test_without_the_waiver_the_draft_fails(packs, tmp_path):
    report = check_path(draft_without_shortcomings(tmp_path), packs)
    assert not report.passed and "section.shortcomings" in report.missing


def test_a_comment_without_a_reason_is_ignored_with_a_warning(packs, tmp_path):
    report = check_path(draft_without_shortcomings(tmp_path, "<!-- fazhi: waive section.shortcomings -->"), packs)
    assert report.element("section.shortcomings").waived is None
    assert any("has no reason" in w for w in warnings_of(report.document))


def test_waived_element_leaves_the_score_like_not_applicable(packs):
    plain = check_path(SEED000, packs)
    waived = check_path(SEED000, packs, Settings(waivers=(Waiver("mediation", "区级不统计", source="t"),)))
    assert plain.score < waived.score
    assert waived.element("mediation").score is None and waived.missing == ()


def test_pack_name_and_glob_cover_their_elements_only_when_lacking(packs):
    waivers = (Waiver("practice", "试点", source="t"), Waiver("section.*", "摘要稿", source="t"))
    report = check_path(SEED000, packs, Settings(waivers=waivers))
    assert report.element("mediation").waived == "试点"
    assert report.element("section.leader-duty").waived == "摘要稿"
    assert report.element("counsel-coverage").waived is None      # met: nothing to waive
    assert report.element("section.achievements").waived is None


def test_file_glob_limits_a_waiver(packs):
    waiver = Waiver("mediation", "只对草稿", files="drafts/*.md", source="t")
    assert check_path(SEED000, packs, Settings(waivers=(waiver,))).element("mediation").waived is None


def test_expired_waiver_stops_applying_and_says_so(packs):
    waiver = Waiver("mediation", "旧理由", expires=date(2020, 1, 1), source=".fazhi.toml")
    report = check_path(SEED000, packs, Settings(waivers=(waiver,)))
    assert report.element("mediation").waived is None and "mediation" in report.missing
    assert "waiver of mediation (.fazhi.toml) expired on 2020-01-01; no longer applied" in warnings_of(report.document)


def test_a_waiver_matching_no_element_is_reported(packs):
    report = check_path(SEED000, packs, Settings(waivers=(Waiver("mediaton", "typo", source="t"),)))
    assert any("mediaton" in w and "matches no element" in w for w in warnings_of(report.document))


def test_waiver_comments_at_the_end_are_never_noise(packs, tmp_path):
    """A short waiver comment ending a draft looked like appended news to the noise finder."""
    draft = draft_without_shortcomings(tmp_path, "\n<!-- fazhi: waive mediation 区级不统计 -->\n"
                                                 "<!-- fazhi: waive section.shortcomings 摘要稿 -->")
    report = check_path(draft, packs)
    assert [n.what for n in report.document.noise] == ["stamp-or-url"]
    assert report.element("section.shortcomings").waived == "摘要稿" and report.passed
