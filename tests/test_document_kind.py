"""What a document is, its title, its period and the noise around it, on short made-up
texts: each convention with cases that must and must not trigger it."""

from __future__ import annotations

from checker.readers.source import SourceText
from checker.readers.traditional import simplify_lines
from checker.run import check_source
from checker.understand.document import understand
from checker.understand.language import load_language


def read(text: str, this_year: int = 2026):
    return understand(SourceText.from_text("t.txt", text), load_language(), this_year=this_year)


def traditional(text: str) -> SourceText:
    source = SourceText.from_text("t.txt", text)
    return SourceText(source.path, source.format, source.lines, source.locations,
                      simplified=simplify_lines(source.lines))


REPORT_BODY = ("一、主要举措和成效\n全年办理行政复议案件36件，纠错率8.3%。\n"
               "二、存在的问题\n执法力量较为薄弱。\n三、2025年工作安排\n深化执法改革。\n")


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
