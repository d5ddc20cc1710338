"""What a document is, its title, its period and the noise around it, on short made-up
texts: each convention with cases that must and must not trigger it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, warnings_of

from checker.readers.source import SourceText
from checker.readers.traditional import simplify_lines
from checker.run import check_source
from checker.understand.document import understand
from checker.understand.language import load_language


def read(text: str, this_year: int = 2026):
    return understand(SourceText.from_text("t.txt", text), load_language(), this_year=this_year)


def kind_of(text: str) -> tuple[str, str | None]:
    info = read(text).info
    return info.kind, info.genre.id if info.genre else None


def decided_by(text: str) -> str:
    return next(s.signal for s in read(text).info.kind_signals if s.decided)


def traditional(text: str) -> SourceText:
    source = SourceText.from_text("t.txt", text)
    return SourceText(source.path, source.format, source.lines, source.locations,
                      simplified=simplify_lines(source.lines))


REPORT_BODY = ("一、主要举措和成效\n全年办理行政复议案件36件，纠错率8.3%。\n"
               "二、存在的问题\n执法力量较为薄弱。\n三、2025年工作安排\n深化执法改革。\n")


# --- the title decides, by genre, subject and kind words ---------------------------------

def test_a_report_whose_body_mentions_the_government_work_report_is_a_report():
    text = ("青禾县2024年法治政府建设情况报告\n"
            "2024年，县政府把法治政府建设任务写入政府工作报告，逐项分解落实。\n" + REPORT_BODY)
    assert kind_of(text) == ("annual-report", None)


def test_a_government_work_report_that_mentions_the_rule_of_law_is_not_a_report():
    text = ("政 府 工 作 报 告\n——2025年1月10日在南岭市第九届人民代表大会第四次会议上\n各位代表：\n"
            "一、2024年工作回顾\n坚持依法行政，深入推进法治政府建设，全年制定规范性文件8件。\n"
            "二、2025年主要任务\n（一）持续优化营商环境。\n")
    info = read(text).info
    assert info.title == "政府工作报告" and info.kind == "other"
    assert info.genre.id == "government-work-report" and info.genre.name == "政府工作报告"
    assert any("政府工作报告" in w and "not an annual report" in w for w in warnings_of(info))
    assert info.period == (2024, 2024)          # delivered in January: it reports on the year before
    assert [h.role for h in info.headings if h.level == 2] == ["achievements", "next-steps"]


def test_a_rule_of_law_work_report_is_a_report_not_a_government_work_report():
    assert kind_of("某市司法局2023年法治政府工作报告\n" + REPORT_BODY) == ("annual-report", None)


@pytest.mark.parametrize("title, genre", [
    ("县人大常委会听取和审议县政府2023年度法治政府建设情况报告", "news"),
    ("市政府召开常务会议 研究2024年度法治政府建设情况报告", "news"),
    ("关于县人民政府2023年度法治政府建设情况报告的审议意见", "deliberation-opinion"),
    ("关于提请审议《青禾县2023年法治政府建设情况报告》的议案", "motion"),
    ("云溪县人民政府2022年政府信息公开工作年度报告", "open-government-report"),
    ("东湖区“八五”普法中期评估报告", "law-popularisation-report"),
    ("2023年度副县长述职述廉述法报告", "leader-duty-report"),
    ("关于召开2024年全县依法行政工作会议的通知", "notice"),
    ("《云溪区2023年法治政府建设年度报告》解读", "policy-interpretation"),
    ("关于反馈2024年法治督察发现问题的函", "inspection-feedback"),
    ("青禾县关于法治政府建设情况的调研报告", "research-report"),
    ("法治政府建设年度报告编写工作指引", "standard"),
    ("青禾县重大行政决策程序规定", "regulation"),
])
def test_a_title_of_another_genre_is_not_a_report(title, genre):
    assert kind_of(f"{title}\n{REPORT_BODY}") == ("other", genre)


@pytest.mark.parametrize("title", [
    "云溪区人民政府关于2023年度法治政府建设情况的报告（2024年3月在区人大常委会第十五次会议上）",
    "青禾县贯彻落实《关于加强法治政府建设的通知》情况的报告",
    "青禾县2023年法治政府建设情况报告（提请审议稿）",
    "青禾市2023年法治政府建设工作总结及2024年工作计划",
    "青禾镇2023年度依法治镇工作总结",
])
def test_a_report_keeps_its_kind_whatever_its_title_cites_or_adds(title):
    assert kind_of(f"{title}\n{REPORT_BODY}") == ("annual-report", None)


def test_a_report_on_another_subject_is_not_a_rule_of_law_report():
    text = ("青禾县应急管理局2023年工作总结\n2023年，在县政府领导下，我局全年开展安全生产检查120次，"
            "整改隐患860处。\n一、主要工作\n二、存在的问题\n")
    assert kind_of(text) == ("other", "other-subject-report")


def test_a_title_without_the_subject_is_a_report_when_the_body_is_about_it():
    text = ("某局2023年工作总结\n2023年，我局坚持依法行政，扎实推进法治政府建设，法治建设取得新成效。\n"
            + REPORT_BODY)
    assert kind_of(text) == ("annual-report", None)


@pytest.mark.parametrize("title, kind", [
    ("东湖街道办事处关于印发东湖街道2024年法治政府建设工作要点的通知", "implementation-plan"),
    ("关于印发石岭县提升行政执法质量三年行动方案（2023—2025年）的通知", "implementation-plan"),
    ("关于印发《青禾县法治政府建设责任清单》的通知", "implementation-plan"),
    ("关于印发2023年度法治政府建设情况报告的通知", "annual-report"),
    ("关于转发《某区2023年法治政府建设年度报告》的通知", "annual-report"),
])
def test_a_notice_that_issues_a_document_has_that_documents_kind(title, kind):
    text = f"{title}\n各乡镇人民政府：\n"
    assert kind_of(text)[0] == kind and decided_by(text).startswith("carried")


def test_a_cover_letter_issuing_a_plan_makes_a_plan():
    text = ("各乡镇人民政府，县直各部门：\n《青禾县法治政府建设实施方案》已经县政府同意，现印发给你们，"
            "请认真贯彻执行。\n")
    assert kind_of(text) == ("implementation-plan", "plan")


# --- with no title: the opening, the register, the structure -----------------------------

def test_an_untitled_report_opening_is_a_report():
    text = ("2023年，在市委、市政府的坚强领导下，东湖街道深入学习贯彻习近平法治思想，扎实推进法治政府建设。\n"
            "一、依法全面履行政府职能\n（一）深化“放管服”改革。全年办理政务服务事项3200余件。\n")
    assert kind_of(text) == ("annual-report", None) and decided_by(text) == "opening-sentence"


def test_a_report_read_to_the_standing_committee_is_a_report():
    text = "主任、各位副主任、各位委员：\n现将我县2023年法治政府建设情况报告如下，请予审议。\n" + REPORT_BODY
    assert kind_of(text) == ("annual-report", None) and decided_by(text) == "opener"


def test_an_untitled_page_of_a_government_work_report_is_not_a_report():
    text = ("2023年，全县坚持稳中求进工作总基调，地区生产总值增长6.5%，一般公共预算收入增长8%。\n"
            "一、2023年工作回顾\n（一）经济运行稳中向好。\n二、2024年主要任务\n")
    assert kind_of(text) == ("other", "other-subject-report")
    assert kind_of("各位代表：\n现在，我代表县人民政府，向大会报告工作。\n" + REPORT_BODY) == \
        ("other", "government-work-report")


def test_a_news_item_with_a_dateline_is_news():
    text = ("5月12日，南岭市召开2023年法治政府建设推进会，总结2022年度法治政府建设工作。\n"
            "会议强调，各部门要落实行政执法三项制度。\n")
    assert kind_of(text) == ("other", "news")


def test_an_untitled_plan_opening_is_a_plan():
    assert kind_of("为深入推进依法行政，结合我县实际，制定本方案。\n一、总体要求\n") == ("implementation-plan", "plan")


PLAN_PAGE = ("（五）健全行政执法监督机制。各部门要建立执法案卷评查制度，每年至少评查一次。\n"
             "（六）推行执法公示。2024年6月底前，各执法机关应在门户网站公开执法主体、依据和程序。\n"
             "（七）完善行政裁量权基准。\n（八）建立执法人员培训制度。\n"
             "（九）严格执法资格管理，未取得执法证件的人员不得从事执法活动。\n")


def test_an_untitled_page_of_requirements_is_a_plan():
    assert kind_of(PLAN_PAGE) == ("implementation-plan", "plan") and decided_by(PLAN_PAGE) == "register"


def test_an_untitled_page_reporting_work_is_not_a_plan():
    text = ("（五）健全行政执法监督机制。全年开展执法案卷评查2次，评查案卷126卷，发现问题17个，已全部整改。\n"
            "（六）推行执法公示。各执法机关已在门户网站公开执法主体、依据和程序，累计公示信息2300条。\n"
            "（七）完善行政裁量权基准。修订裁量基准5项。\n（八）加强执法培训。举办培训班4期。\n")
    assert read(text).info.kind != "implementation-plan"


def test_a_task_table_is_a_plan():
    text = "序号\t重点任务\t牵头单位\t责任单位\t完成时限\n1\t编制重大行政决策事项目录\t县司法局\t各部门\t2024年3月\n"
    assert kind_of(text) == ("implementation-plan", "plan")


def test_a_sentence_naming_units_and_deadlines_is_no_task_table():
    text = ("青禾县2023年法治政府建设工作报告\n一、主要工作\n"
            "对督察发现的问题逐项明确责任单位和完成时限，全年整改问题23个。\n")
    assert kind_of(text) == ("annual-report", None)


def test_an_essay_laid_out_with_a_problems_part_is_an_essay():
    text = ("二、当前我国行政执法存在的主要问题\n1.执法理念相对滞后。我国一些地方仍重处罚轻服务。\n"
            "2.各地执法标准不一。全国范围内尚未形成统一规范。\n")
    assert kind_of(text) == ("other", "essay")


def test_a_paper_with_an_abstract_is_an_essay():
    text = "基层法律顾问制度的困境与出路\n摘要：本文考察了县级政府法律顾问制度的运行。\n一、问题的提出\n"
    assert kind_of(text) == ("other", "essay")


def test_a_report_on_law_popularisation_laid_out_as_a_report_is_that_report():
    text = ("三年来，我县普法工作扎实推进，普法宣传深入人心，全县开展普法活动120场。\n"
            "二、存在的问题\n普法宣传的针对性不强，普法阵地建设滞后，部分单位普法责任落实不到位。\n")
    assert kind_of(text) == ("other", "law-popularisation-report")


def test_the_json_carries_the_genre_and_the_kind_signals(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text("县人大常委会审议县政府2023年度法治政府建设情况报告\n本报讯（记者 李某）6月18日，……\n",
                    encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", str(path)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    document = json.loads(proc.stdout)["reports"][0]["document"]
    assert document["kind"] == "other" and document["genre"] == {"id": "news", "name": "新闻报道"}
    decided = [s for s in document["kind_signals"] if s["decided"]]
    assert len(decided) == 1 and decided[0]["signal"] == "title-genre"


# --- the title: found where a page puts it -----------------------------------------------

def test_a_title_glued_to_a_watermark_and_the_body():
    text = ("文档下载站—每日精选www.wdxz.cn青禾县人民政府关于2022年度法治政府建设情况的报告2022年，"
            "县政府坚持以习近平法治思想为指导，扎实推进法治政府建设。一是扛牢第一文档下载站—每日精选www.wdxz.cn"
            "责任人职责。\n")
    info = read(text).info
    assert info.title == "青禾县人民政府关于2022年度法治政府建设情况的报告"
    assert (info.kind, info.period) == ("annual-report", (2022, 2022))


def test_a_title_glued_to_the_body_after_a_space_or_before_an_addressee():
    info = read("石屏镇2021年依法行政工作总结 2021年以来，镇党委、政府坚持依法行政。\n").info
    assert info.title == "石屏镇2021年依法行政工作总结" and info.kind == "annual-report"
    info = read("1、某镇2023年度法治政府建设情况报告区政府：现将我镇2023年度法治政府建设情况报告如下。\n").info
    assert info.title == "某镇2023年度法治政府建设情况报告"


def test_a_report_opener_is_no_glued_title():
    info = read("按照市委部署，现将我局2022年法治政府建设情况报告如下：一、主要工作\n").info
    assert info.title == "" and info.kind == "annual-report" and info.period == (2022, 2022)


def test_a_site_name_over_a_breadcrumb_is_not_joined_to_the_title():
    info = read("法规查询\n首页→ 网站公告\n\n青禾县人民政府关于2016年度法治政府建设情况的报告\n").info
    assert info.title == "青禾县人民政府关于2016年度法治政府建设情况的报告"


def test_an_issuer_line_is_joined_to_the_title_below_it():
    info = read("中共青禾县委 青禾县人民政府\n关于2023年度法治政府建设情况的报告\n" + REPORT_BODY).info
    assert info.title == "中共青禾县委 青禾县人民政府关于2023年度法治政府建设情况的报告"


def test_a_date_line_a_phone_number_and_a_subtitle_are_not_joined_to_a_title():
    assert read("二00五年三月三日\n青禾市全面推进依法行政五年规划（2004—2008年）\n").info.title == \
        "青禾市全面推进依法行政五年规划（2004—2008年）"
    assert read("服务热线：\n0722-1234567\n市司法局莅临律师事务所调研法律顾问工作\n").info.title == \
        "市司法局莅临律师事务所调研法律顾问工作"
    info = read("地方法治政府建设的困境\n——基于若干份年度报告的考察\n摘要：本文……\n").info
    assert info.title == "地方法治政府建设的困境" and info.genre.id == "essay"


def test_a_table_header_is_no_title():
    assert read("序号\t重点任务\t牵头单位\t完成时限\n1\t编制目录\t县司法局\t2024年3月\n").info.title == ""


# --- the period ---------------------------------------------------------------------------

def test_an_untitled_report_opening_gives_the_period():
    text = "2019年，在省委、省政府的正确领导下，南岭县全面推进依法行政，法治政府建设迈上新台阶。\n"
    assert read(text).info.period == (2019, 2019)


def test_the_outline_a_report_cites_is_not_its_period():
    text = ("根据《法治政府建设实施纲要（2021—2025年）》要求，现将法治政府建设工作情况报告如下。\n"
            "一、总体情况\n2023年，我局坚持以习近平法治思想为指导，全面推进依法行政。\n")
    assert read(text).info.period == (2023, 2023)


def test_a_year_an_essay_starts_with_is_not_a_period():
    text = "1978年，党的十一届三中全会开启了改革开放新时期。\n此后，依法行政逐步推进。\n"
    assert read(text).info.period is None


def test_a_report_dated_later_in_the_year_covers_that_year():
    assert read("某县法治政府建设情况报告\n（2024年9月）\n一、主要工作\n").info.period == (2024, 2024)
    assert read("某县法治政府建设情况报告\n（2024年3月）\n一、主要工作\n").info.period == (2023, 2023)


def test_a_year_with_ascii_zeros():
    assert read("某市人民政府关于二0二三年度法治政府建设情况的报告\n").info.period == (2023, 2023)


def test_a_heading_naming_the_next_planning_period_is_the_planned_part():
    text = ("某市2025年法治政府建设情况报告\n一、主要举措和成效\n二、“十五五”时期目标任务\n（一）深化改革。\n"
            "三、“十四五”以来的主要成效\n")
    roles = [h.role for h in read(text).info.headings]
    assert roles == ["achievements", "next-steps", "next-steps", "achievements"]


def test_a_heading_of_the_coming_years_tasks_is_the_planned_part():
    text = ("政府工作报告\n各位代表：\n一、过去一年工作回顾\n全年制定规范性文件8件。\n二、今年重点工作\n"
            "（一）深化法治政府建设。\n")
    info = read(text).info
    assert [h.role for h in info.headings] == ["achievements", "next-steps", "next-steps"]
    assert read("某局2023年法治政府建设工作总结\n一、今年重点工作完成情况\n").info.headings[0].role == "achievements"


# --- noise around the report: navigation, buttons, host lines ----------------------------

def test_breadcrumbs_menus_and_column_names_are_never_the_title():
    text = ("首   页 走进青禾 新闻中心 政府信息公开 政务服务 互动交流\n年度报告\n"
            "您当前所在的位置是：首页 → 政务公开 → 年度报告\n\n青禾县2022年法治政府建设年度报告\n" + REPORT_BODY)
    info = read(text).info
    assert info.title == "青禾县2022年法治政府建设年度报告"
    assert info.noise[0].start == 1 and info.noise[0].end == 4


def test_a_breadcrumb_is_noise_but_a_sentence_about_the_home_page_is_not():
    info = read("青禾县2022年法治政府建设年度报告\n网站首页 > 法治政府 > 工作动态\n"
                "在区政府门户网站首页开设法治政府建设专栏，集中公开年度报告。\n").info
    assert [(n.start, n.end) for n in info.noise] == [(2, 2)]


def test_a_menu_of_short_words_is_noise_but_a_sentence_with_menu_words_is_not(packs):
    text = ("青禾县2022年法治政府建设年度报告\n首页 走进青禾 新闻中心 政府信息公开 互动交流\n一、主要举措和成效\n"
            "完善政府信息公开平台，全年主动公开信息1200条。\n")
    result = check_source(SourceText.from_text("t.txt", text), packs)
    assert [(n.start, n.what) for n in result.document.noise] == [(2, "navigation")]
    assert [e.line for e in result.element("open-government").evidence] == [4]


def test_buttons_and_host_lines_are_noise():
    info = read("【字号 大 中 小】【打印】【关闭】\n(上接第一版)\n打开某某新闻 查看精彩图片\n"
                "青禾县2022年法治政府建设年度报告\n").info
    assert info.title == "青禾县2022年法治政府建设年度报告"
    assert [(n.start, n.end) for n in info.noise] == [(1, 3)]


def test_a_paywall_note_inside_a_line_is_masked_not_the_line():
    line = read("某县2014年依法行政年度报告\n开展普法12场。……(某某文库www.xx.cn省略767字，会员可阅读)……健全制度。\n").lines[1]
    assert line.startswith("开展普法12场。") and line.rstrip().endswith("健全制度。") and "省略" not in line


# --- text injected inside words -----------------------------------------------------------

def test_a_repeated_watermark_is_removed_even_inside_a_word():
    text = ("文档下载站—每日精选www.wdxz.cn某县2022年法治政府建设工作报告\n"
            "一是扛牢第一文档下载站—每日精选www.wdxz.cn责任人职责。二是健全制度。\n")
    line = read(text).lines[1]
    assert "第一责任人职责" in line and len(line) == len(text.splitlines()[1])
    assert line.index("二是健全制度。") == text.splitlines()[1].index("二是健全制度。")


def test_a_url_quoted_once_is_only_masked():
    line = read("某县2023年法治政府建设工作报告\n在中国政府网www.gov.cn公开。\n").lines[1]
    assert line.startswith("在中国政府网") and "www" not in line


def test_pinyin_after_characters_is_removed_and_the_sentence_keeps_its_place(packs):
    line = "縣長認真履行推進法治建設(shè)第一責(zé)任人職責(zé)，全年主持專題會議4次。其他工作。"
    source = traditional(f"某縣2023年法治政府建設工作報告\n一、主要工作\n{line}\n")
    cleaned = understand(source, load_language()).lines[2]
    assert "第一责任人职责" in cleaned and len(cleaned) == len(line)
    assert cleaned.index("其他工作。") == line.index("其他工作。")
    evidence = check_source(source, packs).element("first-responsible-person").evidence[0]
    assert evidence.stance == "achieved" and "責(zé)任人" in evidence.text   # quoted as written


def test_latin_in_brackets_without_tone_marks_stays():
    assert "(gps)" in read("某县2023年法治政府建设工作报告\n依托全球定位系统(gps)开展巡查。\n").lines[1]


def test_page_numbers_injected_at_line_starts_are_masked():
    text = ("1、某镇2023年法治政府建设情况报告2023年，我镇坚持依法行政，紧紧围绕中心工作，推进政府职能转变，推进依\n"
            "2、法决策机制，规范重大行政决策程序，全面推行行政执法公示制度，不断提高依法行政水平，切实提\n"
            "3、升行政执法质量。\n")
    document = read(text)
    assert not document.info.headings and document.lines[1].startswith("  法决策机制")
    assert document.info.title == "某镇2023年法治政府建设情况报告"


def test_numbered_short_items_are_not_page_numbers():
    text = "某镇2023年法治政府建设情况报告\n一、主要工作\n1、健全制度\n2、完善机制\n3、强化监督\n"
    assert [h.label for h in read(text).info.headings] == ["一、", "1、", "2、", "3、"]


def test_respelled_words_are_put_back():
    document = read("某镇2023年依法行政工作报告\n加强村级法制宣扬栏建设，完成文书档案数字化。\n")
    assert "法制宣传栏" in document.lines[1] and "档案数字化" in document.lines[1]


def test_taiwan_phrasing_is_put_back_only_in_a_traditional_text():
    source = traditional("某縣2023年法治政府建設工作報告\n加強規範性檔案制定和備案審查，規範檔案管理。\n")
    line = understand(source, load_language()).lines[1]
    assert "规范性文件" in line and "档案管理" in line
    assert "资讯" in read("某县2023年法治政府建设工作报告\n发布政务资讯。\n").lines[1]


def test_explain_kind_lists_the_signals_and_marks_the_one_that_decided(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN_PAGE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "checker", "explain", "--kind", str(path)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert "kind implementation-plan, looks like" in proc.stdout
    assert any(line.lstrip().startswith("→ register") for line in proc.stdout.splitlines())
    proc = subprocess.run([sys.executable, "-m", "checker", "explain", "counsel-coverage", str(path)],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert "kind: implementation-plan" in proc.stdout and "decided by register" in proc.stdout


def test_explain_kind_of_an_unreadable_file_exits_2(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "checker", "explain", "--kind", str(tmp_path / "none.txt")],
                          cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 2 and "none.txt" in proc.stderr
