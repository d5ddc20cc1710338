"""What a document says about an element, beyond one sentence's cue words: how the stances of
its sentences combine by document kind, and what `fazhi explain` says of a requirement under
a lead-in, a sentence that claims nothing and a gap admitted by reference. The cue
conventions themselves are rule cases (tests/cases/stance-*.yaml)."""

from __future__ import annotations

from checker.explain import candidates_text
from checker.judge.evidence import Found, main_stance
from checker.match.matchers import Hit, Sentence
from checker.readers.source import SourceText
from checker.run import check_source
from checker.understand.language import load_language

NEWS = "某县召开法治政府建设工作推进会\n5月8日，某县召开法治政府建设工作推进会。\n{text}\n"
REPORT = ("某区2024年度法治政府建设工作情况的报告\n一、主要举措和成效\n{text}\n二、存在的问题\n无。\n"
          "三、2025年工作安排\n无。\n")


def _found(*stances: str) -> list[Found]:
    """One piece of evidence per stance, each in a sentence of its own."""
    def one(index: int, stance: str) -> Found:
        sentence = Sentence(index, index, 0, "句。", "other", "")
        return Found(Hit(sentence, 0, "词"), None, None, stance, "")  # type: ignore[arg-type]
    return [one(i, s) for i, s in enumerate(stances)]


def _rule(kind: str):
    return load_language().stance_rule(kind)


def test_a_report_is_judged_by_what_it_claims_and_carrying_on_is_not_a_plan():
    found = _found("problem", "problem", "planned", "achieved")
    assert main_stance(found, _rule("annual-report")) == ("achieved", ("problem",))


def test_a_plan_is_judged_by_what_it_plans():
    assert main_stance(_found("problem", "problem", "planned"), _rule("implementation-plan")) == \
        ("planned", ("problem",))
    assert main_stance(_found("problem"), _rule("implementation-plan")) == ("problem", ())


def test_other_documents_by_what_most_sentences_say_ties_to_the_claim():
    rule = _rule("other")
    assert main_stance(_found("achieved", "problem", "problem"), rule) == ("problem", ("achieved",))
    assert main_stance(_found("achieved", "planned"), rule) == ("achieved", ("planned",))
    # a closing 将继续 beside much work done is not listed; demands as many as the work are
    assert main_stance(_found("achieved", "achieved", "achieved", "planned"), rule) == ("achieved", ())
    assert main_stance(_found(), rule) == ("absent", ())


def test_a_kind_the_rules_do_not_name_is_judged_as_other_documents():
    assert _rule("government-work-report") == _rule("other")


def _explain(tmp_path, packs, element_id: str, text: str) -> str:
    path = tmp_path / "news.txt"
    path.write_text(NEWS.format(text=text), encoding="utf-8")
    return candidates_text(element_id, str(path), packs)


def test_explain_names_the_lead_in_a_requirement_comes_under(tmp_path, packs):
    text = _explain(tmp_path, packs, "first-responsible-person",
                    "会议强调，要以更高标准推进依法行政。严格落实党政主要负责人履行推进法治建设第一责任人职责。")
    assert "counted as planned: under a requirement lead-in (会议强调，)" in text


def test_explain_says_why_a_sentence_claims_nothing_and_shows_the_gap_after_it(tmp_path, packs):
    text = _explain(tmp_path, packs, "leader-in-court",
                    "行政机关负责人出庭应诉制度是推进依法行政的重要制度安排。但这一制度在不少地方并未真正落实。")
    assert "rejected: describes a regulation or a system, claims nothing (制度是)" in text
    assert "counted as problem: admits a gap in it in the sentence after its wording (这一制度 … 并未)" in text


def _report(packs, text: str):
    return check_source(SourceText.from_text("t.txt", REPORT.format(text=text)), packs)


def test_a_gap_by_reference_is_evidence_with_its_reason(packs):
    text = "行政机关负责人出庭应诉制度推行多年。这一制度在一些乡镇并未真正落实。"
    element = _report(packs, text).element("leader-in-court")
    assert (element.stance, element.also) == ("achieved", ("problem",))
    gap = element.evidence[-1]
    assert (gap.line, gap.stance, gap.term) == (3, "problem", "这一制度")
    assert gap.why == "admits a gap in it in the sentence after its wording (这一制度 … 并未)"


def test_a_contrast_about_everything_adds_no_gap_to_the_element_before_it(packs):
    text = "实现政府法律顾问全覆盖。但是，我们也清醒地看到，依法行政水平与群众期盼相比还有差距。"
    element = _report(packs, text).element("counsel-coverage")
    assert (element.stance, element.also) == ("achieved", ())


def test_a_paragraph_ends_at_a_heading_inside_a_running_line():
    from checker.judge.evidence import paragraph_before
    line = [Sentence(0, 0, 0, "会议要求，各部门要提高认识。", "other", "一、会议要求"),
            Sentence(1, 0, 14, "要加强统筹。", "other", "一、会议要求"),
            Sentence(2, 0, 20, "二、法律顾问工作 全县法律顾问实现全覆盖。", "other", "二、法律顾问工作")]
    assert paragraph_before(line, line[1], 12) == ("会议要求，各部门要提高认识。",)
    assert paragraph_before(line, line[2], 12) == ()


def test_explain_says_an_element_was_only_a_topic_someone_reported_on(tmp_path, packs):
    text = _explain(tmp_path, packs, "admin-reconsideration",
                    "座谈中，县司法局从依法决策、行政复议、普法宣传等方面，介绍了全年工作情况。")
    assert "rejected: named only as a topic someone spoke or reported on" in text


def test_a_gap_in_the_clause_of_the_element_is_its_own_whatever_else_that_clause_names(packs):
    # 公开 (another element's word) in the procedures' clause does not take the gap from them;
    # 述法 in the clause before does not take the gap of the next clause's 合法性审核
    text = ("重大决策的专家论证意见和听证记录公开还不够及时。"
            "各部门主要负责人在述法中坦言，规范性文件合法性审核还不够规范。")
    result = _report(packs, text)
    assert result.element("major-decision-procedures").stance == "problem"
    assert result.element("leader-law-report").stance == "achieved"
    assert result.element("normative-docs-review").stance == "problem"
