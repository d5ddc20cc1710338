"""Reading a report like an inspector: headings at every level, parts, kind, period,
applicability and noise, on small made-up reports."""

from __future__ import annotations

from conftest import warnings_of

from checker.readers.source import SourceText
from checker.run import check_source
from checker.understand.document import understand
from checker.understand.language import load_language


def read(text: str, this_year: int = 2026):
    return understand(SourceText.from_text("t.txt", text), load_language(), this_year=this_year)


OUTLINE = """某县2023年法治政府建设工作情况的报告
一、主要举措和成效
（一）深化执法改革
1.规范执法行为。一是推行持证上岗；二是开展案卷评查。
2、完善制度。
(1)健全规范性文件审核。
①清理文件12件。
二、存在的不足和原因
一是力量薄弱。
三、下一年度主要安排
四、其他需要报告的情况
"""


def test_heading_tree_at_every_level_with_roles():
    info = read(OUTLINE).info
    levels = [(h.label, h.level, h.role) for h in info.headings]
    assert ("一、", 2, "achievements") in levels and ("（一）", 3, "achievements") in levels
    assert ("1.", 4, "achievements") in levels and ("2、", 4, "achievements") in levels
    assert ("(1)", 5, "achievements") in levels and ("①", 6, "achievements") in levels
    assert ("一是", 7, "achievements") in levels and ("二是", 7, "achievements") in levels
    assert ("二、", 2, "shortcomings") in levels and ("三、", 2, "next-steps") in levels
    assert ("四、", 2, "other") in levels


def test_parts_numbered_di_x_bufen_hold_their_numbered_items():
    info = read("某局2019年法治政府建设工作报告\n第一部分 主要工作\n一、推行执法公示。\n"
                "第二部分 存在的问题\n一、法制审核覆盖面不广。\n第三部分 2020年工作计划\n一、配备执法记录仪。\n").info
    roles = [(h.label, h.role) for h in info.headings]
    assert roles == [("第一部分", "achievements"), ("一、", "achievements"), ("第二部分", "shortcomings"),
                     ("一、", "shortcomings"), ("第三部分", "next-steps"), ("一、", "next-steps")]


def test_lines_take_the_role_of_their_part():
    document = read(OUTLINE)
    assert document.roles[3] == "achievements"      # 1.规范执法行为
    assert document.roles[8] == "shortcomings"      # 一是力量薄弱
    assert document.sections[3].startswith("一、主要举措和成效 / （一）深化执法改革 / 1.规范执法行为")


def test_period_from_the_opening_sentence_when_the_title_has_none():
    info = read("某区法治政府建设工作情况的报告\n现将我区2023年度法治政府建设情况报告如下：\n一、主要工作\n").info
    assert info.period == (2023, 2023) and info.kind == "annual-report"


def test_year_in_chinese_numerals():
    assert read("某区关于二〇二三年法治政府建设情况的报告\n").info.period == (2023, 2023)


def test_five_year_report_period_is_a_range():
    assert read("某市2016—2020年法治政府建设工作总结\n").info.period == (2016, 2020)


def test_no_period_and_no_year_is_judged_by_current_rules_and_says_so():
    info = read("某局法治政府建设工作情况的报告\n一、主要工作\n开展普法。\n", this_year=2026).info
    assert info.period is None and info.as_of == 2026 and info.as_of_source == "current rules"
    assert any("current rules" in w for w in warnings_of(info))


def test_kinds():
    assert read("某区法治政府建设实施方案\n").info.kind == "implementation-plan"
    assert read("2024年法治政府建设工作要点\n").info.kind == "implementation-plan"
    assert read("某区2024年法治政府建设工作情况的报告（征求意见稿）\n").info.kind == "annual-report"
    assert read("某局2023年法治政府建设工作情况\n一、主要工作\n").info.kind == "annual-report"
    assert read("某局法治政府建设\n一、主要做法和成效\n二、存在的问题\n").info.kind == "annual-report"
    assert read("我区召开法治政府建设工作会议\n会议强调依法行政。\n").info.kind == "other"
    assert read("县政府常务会议专题听取2023年度法治政府建设工作情况汇报\n").info.kind == "other"
    assert read("关于印发《某市2024年法治政府建设工作要点》的通知\n").info.kind == "implementation-plan"
    assert read("关于转发《某区2023年法治政府建设年度报告》的通知\n").info.kind == "annual-report"
    news = read("《某市法治政府建设实施纲要》政策解读\n")
    assert news.info.kind == "other" and any("not an annual report" in w for w in warnings_of(news.info))


def test_watermarks_urls_and_stamps_are_noise_and_never_match(packs):
    text = ("某区2024年法治政府建设工作情况的报告\n"
            "23.01.2025  13:33\n"
            "一、主要举措和成效\n"
            "https://www.example.gov.cn/fazhi/falvguwen.html\n"
            "开展普法活动（来源：某某法治网）。\n")
    result = check_source(SourceText.from_text("t.txt", text), packs)
    assert [n.what for n in result.document.noise] == ["stamp-or-url", "stamp-or-url"]
    assert result.element("law-popularisation").status == "met"


def test_trailing_news_after_the_report_is_noise(packs):
    text = ("某区2024年法治政府建设工作情况的报告\n一、主要举措和成效\n开展普法活动。\n"
            "全省举办档案业务培训班\n7月25日至26日，为持续学习宣传贯彻会议精神，动员全省档案系统抓好整改落实，举办培训班。\n"
            "市档案馆关于实体档案暂停提供利用的公告\n")
    result = check_source(SourceText.from_text("t.txt", text), packs)
    assert result.document.noise[-1].what == "trailing-news"
    assert result.document.noise[-1].start == 4


def test_stance_cues_in_an_achievements_part(packs):
    def stance(sentence: str) -> str:
        text = f"某区2024年法治政府建设工作情况的报告\n一、主要举措和成效\n{sentence}\n"
        return check_source(SourceText.from_text("t.txt", text), packs).element("law-popularisation").stance
    assert stance("将普法工作纳入绩效考核。") == "achieved"          # 将 as 把, not a future
    assert stance("查摆问题，补齐短板，深化普法。") == "achieved"     # fixing a gap is work done
    assert stance("2025年将全面完成八五普法验收。") == "planned"      # a year after the period
    assert stance("普法宣传的针对性有待加强。") == "problem"


def test_a_claim_and_an_admitted_gap_are_both_shown(packs):
    text = ("某区2024年法治政府建设工作情况的报告\n一、主要举措和成效\n实现政府法律顾问全覆盖。\n"
            "二、存在的问题\n部分单位法律顾问作用发挥不充分。\n")
    element = check_source(SourceText.from_text("t.txt", text), packs).element("counsel-coverage")
    assert element.stance == "achieved" and element.also == ("problem",)
    assert [(e.line, e.stance) for e in element.evidence] == [(3, "achieved"), (5, "problem")]


def test_a_requirement_claimed_before_it_applied_is_shown_but_not_counted(packs):
    text = "某区2015年依法行政工作情况的报告\n一、主要工作\n全面落实行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度。\n"
    result = check_source(SourceText.from_text("t.txt", text), packs)
    element = result.element("three-systems")
    assert element.status == "met" and not element.applicable and element.score is None


def test_title_after_an_issuer_line_or_a_document_number():
    assert read("某某县人民政府\n关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n").info.title == \
        "某某县人民政府关于2023年度法治政府建设情况的报告"
    info = read("某政发〔2024〕5号\n某县人民政府关于2023年度法治政府建设情况的报告\n一、主要举措和成效\n").info
    assert info.title == "某县人民政府关于2023年度法治政府建设情况的报告"
    assert [(n.start, n.end, n.what) for n in info.noise] == [(1, 1, "before-title")]


def test_more_stance_cues(packs):
    def stance(element: str, sentence: str) -> str:
        text = f"某区2023年法治政府建设工作情况的报告\n一、主要举措和成效\n{sentence}\n"
        return check_source(SourceText.from_text("t.txt", text), packs).element(element).stance
    assert stance("leader-law-report", "2024年1月，组织42个单位主要负责人开展2023年度述法。") == "achieved"
    assert stance("normative-docs-review", "坚持对拟出台的行政规范性文件一律进行合法性审核。") == "achieved"
    assert stance("normative-docs-review", "拟于明年开展规范性文件清理。") == "planned"
    assert stance("mediation", "积极争取上级支持，设立人民调解委员会。") == "achieved"
    assert stance("mediation", "争取年内建成人民调解委员会。") == "planned"
    assert stance("first-responsible-person",
                  "将推进法治建设第一责任人职责落实情况纳入年度目标考核。") == "achieved"
    assert stance("first-responsible-person", "将推进落实法治建设第一责任人职责。") == "planned"
    assert stance("counsel-coverage",
                  "针对部分村尚未签订法律顾问协议的问题，统一签约，实现法律顾问全覆盖。") == "achieved"


def test_a_web_page_tail_after_the_report_is_noise_even_with_domain_words(packs):
    text = ("某区2024年法治政府建设工作情况的报告\n一、主要举措和成效\n开展普法活动。\n"
            "二、存在的问题\n力量薄弱。\n某区人民政府\n2025年3月1日\n"
            "相关新闻\n市场监管局执法人员全程亮证执法，持证上岗率100%。\n主办：某区人民政府办公室\n")
    result = check_source(SourceText.from_text("t.txt", text), packs)
    assert [(n.start, n.what) for n in result.document.noise] == [(8, "page-footer")]
    assert result.element("enforcement-credentials").status == "missing"


def test_a_claim_then_a_gap_after_a_contrast_in_one_sentence(packs):
    text = ("某省交通运输厅2024年法治政府建设年度报告\n一、主要举措和成效\n"
            "执法记录仪配备率达到100%，执法全过程记录覆盖全部环节，但音像记录资料归档管理仍有待规范。\n")
    element = check_source(SourceText.from_text("t.txt", text), packs).element("three-systems")
    full_record = next(p for p in element.parts if p.id == "full-record")
    assert full_record.stance == "achieved" and element.also == ("problem",)
    assert [(e.line, e.stance) for e in element.evidence if e.part == "full-record"] == \
        [(3, "achieved"), (3, "problem")]


def test_a_planning_range_in_a_document_name_is_not_future_work(packs):
    text = ("某市2022年法治政府建设年度报告\n一、主要举措和成效\n"
            "将《某市国土空间总体规划（2021—2035年）》编制纳入2022年度重大行政决策事项目录。\n")
    element = check_source(SourceText.from_text("t.txt", text), packs).element("major-decision-catalogue")
    assert element.stance == "achieved"


def test_top_level_arabic_headings_with_a_year():
    info = read("某局2020年法治政府建设工作总结\n1.主要工作\n开展普法。\n2.存在的问题\n力量薄弱。\n3.2021年工作计划\n深化改革。\n").info
    assert [h.role for h in info.headings] == ["achievements", "shortcomings", "next-steps"]


def test_a_leaders_own_report_is_not_the_governments():
    assert read("某县县长2023年度述职述法报告\n").info.kind == "other"


def test_web_metadata_right_after_the_title_is_noise():
    info = read("某区2019年法治政府建设工作报告\n发布时间：2020-03-27 10:15:32  来源：区司法局  浏览次数：1286\n一、主要工作\n").info
    assert [(n.start, n.what) for n in info.noise] == [(2, "web-metadata")]


def test_requirements_in_a_policy_interpretation_are_not_work_done(packs):
    text = ("《某市法治政府建设示范创建指标体系》政策解读\n"
            "在指标中，要求党政主要负责人切实履行推进法治建设第一责任人职责，年终述法实现全覆盖。\n")
    result = check_source(SourceText.from_text("t.txt", text), packs)
    assert result.document.kind == "other"
    assert result.element("first-responsible-person").stance == "planned"


def test_a_date_line_with_its_source_under_the_title_is_noise():
    info = read("某县2016年度法治政府建设情况的报告\n\n2017-03-28 09:41    来源:县政府办\n一、主要工作\n").info
    assert [(n.start, n.what) for n in info.noise] == [(3, "stamp-or-url")]


def test_a_gap_named_after_another_wording_belongs_to_that_one(packs):
    text = ("某区2023年法治政府建设工作情况的报告\n一、主要举措和成效\n"
            "城管局负责人在述法中坦言，局里重大执法决定法制审核还不够规范。\n")
    result = check_source(SourceText.from_text("t.txt", text), packs)
    assert result.element("leader-law-report").stance == "achieved"
    assert result.element("leader-law-report").also == ()
    legal_review = next(p for p in result.element("three-systems").parts if p.id == "legal-review")
    assert legal_review.stance == "problem"


def test_markdown_draft_headings():
    info = read("# 某区2025年法治政府建设工作情况的报告\n\n## 一、主要举措和成效\n### （一）深化普法\n"
                "- 开展普法。\n## 存在的不足和原因\n力量薄弱。\n## 三、2026年工作安排\n深化改革。\n").info
    assert info.title == "某区2025年法治政府建设工作情况的报告"
    assert [(h.level, h.role) for h in info.headings] == [(2, "achievements"), (3, "achievements"),
                                                         (2, "shortcomings"), (2, "next-steps")]


def test_site_headers_breadcrumbs_and_toolbars_are_never_the_title():
    text = ("中国法治资讯网 | 首页 > 法治政府 > 年度报告\n\n下载本文档 | 收藏 | 分享 | 举报\n"
            "青山区2022年法治政府建设年度报告\n一、主要举措和成效\n开展普法。\n"
            "中国法治资讯网 | 首页 > 法治政府 > 年度报告\n二、存在的问题\n力量薄弱。\n")
    info = read(text).info
    assert info.title == "青山区2022年法治政府建设年度报告" and info.period == (2022, 2022)
    assert 7 in {line for n in info.noise for line in range(n.start, n.end + 1)}


def test_a_lead_in_that_announces_plans_carries_to_its_items(packs):
    text = ("某镇2023年法治政府建设工作情况\n一、主要工作\n全年开展普法活动12场。\n"
            "下一步，我镇将重点做好以下工作：\n一是编制并公布镇重大行政决策事项目录；\n"
            "二是持续开展会前学法。\n")
    result = check_source(SourceText.from_text("t.txt", text), packs)
    assert result.element("major-decision-catalogue").stance == "planned"
    assert result.element("study-sessions").stance == "planned"
    assert result.element("law-popularisation").stance == "achieved"


RUNNING = ("某县2023年法治政府建设工作情况的报告\n"
           "现将有关情况报告如下：一、主要举措和成效 全年办理行政复议案件40件，纠错6件，"
           "组织执法人员培训8期，培训420人次，会前学法12次，主动公开政府信息900余条。"
           "全县村居法律顾问实现全覆盖，人民调解组织调处纠纷260件，重大决策均经合法性审查，"
           "规范性文件备案审查率100%。"
           "二、存在的问题 执法人员持证比例偏低，基层执法力量薄弱，行政复议人员不足。"
           "三、下一步工作安排 加强执法队伍建设，推进行政复议规范化，深化法律顾问工作。\n")


def test_a_line_that_runs_parts_together_changes_part_where_each_heading_starts():
    document = read(RUNNING)
    line = document.lines[1]
    roles = {text: document.role_at(1, line.index(text)) for text in ("全年办理", "执法人员持证", "加强执法队伍")}
    assert roles == {"全年办理": "achievements", "执法人员持证": "shortcomings", "加强执法队伍": "next-steps"}
    assert [h.column > 1 for h in document.info.headings if h.level == 2] == [True, True, True]
