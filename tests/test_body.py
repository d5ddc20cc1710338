"""The submitting body (报送单位) of a report: from the title, a signature, the folder or the
file name, with its level and a short name that is the same however the body is named."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checker.language.load import load_language
from checker.understand.body import submitting_body

RULES = load_language().body_rules


def body(title, lines=(), path="reports/r.txt"):
    found = submitting_body(title, list(lines), path, RULES)
    return found and (found.name, found.short, found.level, found.source)


@pytest.mark.parametrize("title, expected", [
    ("东湖区人民政府关于2023年度法治政府建设情况的报告", ("东湖区人民政府", "东湖区", "county")),
    ("2022年南山区法治政府建设情况报告", ("南山区", "南山区", "county")),
    ("江汉市南湖区人民政府2021年法治政府建设年度报告", ("江汉市南湖区人民政府", "南湖区", "county")),
    ("青州市2019年度依法行政工作情况汇报", ("青州市", "青州市", "city")),
    ("云岭省人民政府关于2020年法治政府建设工作的报告", ("云岭省人民政府", "云岭省", "province")),
    ("天津市人民政府关于2022年法治政府建设情况的报告", ("天津市人民政府", "天津市", "province")),
    ("西藏自治区人民政府关于2018年法治政府建设的报告", ("西藏自治区人民政府", "西藏自治区", "province")),
    ("黔南布依族苗族自治州2020年法治政府建设情况报告", ("黔南布依族苗族自治州", "黔南布依族苗族自治州", "city")),
    ("长江市生态环境局2022年法治政府建设工作情况的报告", ("长江市生态环境局", "长江市生态环境局", "department")),
    ("某县人民政府办公室2023年度法治政府建设情况报告", ("某县人民政府办公室", "某县人民政府办公室", "department")),
    ("清河镇2025年法治政府建设年度报告", ("清河镇", "清河镇", "township")),
    ("西城街道2021年度法治政府建设工作报告", ("西城街道", "西城街道", "township")),
    ("中共安平县委 安平县人民政府关于2023年法治政府建设情况的报告", ("安平县人民政府", "安平县", "county")),
    ("关于印发东平县2020年度法治政府建设工作安排的通知", ("东平县", "东平县", "county")),
    ("××县2024年度法治政府建设情况报告", ("××县", "××县", "county")),
])
def test_the_body_is_read_from_the_start_of_the_title(title, expected):
    assert body(title)[:3] == expected
    assert body(title)[3] == "title"


@pytest.mark.parametrize("title", [
    "法治政府建设情况年度报告",              # no body named
    "2023年度乡镇法治政府建设情况报告",       # 乡镇: a template for any township
    "基层乡镇执法队伍建设中存在的困难和建议",
    "2023年依法治镇工作",                  # 治镇 is not a town
    "开展行政执法三项制度工作推进会",
])
def test_no_body_is_made_up_from_words_that_are_not_a_name(title):
    assert body(title) is None


@pytest.mark.parametrize("title, lines, level", [
    ("区政府2014年依法行政年度报告", [], "county"),
    ("法治政府建设工作情况报告", ["2024年，我局坚持以习近平法治思想为指导，推进依法行政。"], "department"),
    ("法治政府建设工作情况报告", ["2022年，全市司法行政系统在市委领导下，我局始终把法治建设放在首位。"],
     "department"),
    ("法治政府建设年度报告", ["根据安排，现将全县法治政府建设情况报告如下。"], "county"),
    ("法治政府建设年度报告", ["2021年，在县委、县政府的正确领导下，我镇深入推进依法行政。"], "township"),
])
def test_a_body_named_only_by_its_level_gives_the_level_and_no_name(title, lines, level):
    found = submitting_body(title, lines, "r.txt", RULES)
    assert (found.name, found.short, found.level) == ("", "", level)


def test_an_untitled_report_names_its_body_in_its_first_sentence():
    lines = ["2019年，在省委、省政府的正确领导下，清江县全面贯彻落实法治政府建设实施纲要。"]
    assert body("", lines) == ("清江县", "清江县", "county", "opening")
    lines = ["2022年，江南市教育委员会以习近平法治思想为指导，依法治教。"]
    assert body("", lines) == ("江南市教育委员会", "江南市教育委员会", "department", "opening")


def test_a_government_work_report_is_its_congress_place_government():
    lines = ["——2025年1月10日在云岭省第十四届人民代表大会第三次会议上"]
    assert body("政府工作报告", lines)[:3] == ("云岭省人民政府", "云岭省", "province")


def test_a_signature_at_the_end_names_the_body_when_the_title_does_not():
    lines = ["一、主要举措和成效", "……", "二、存在的不足", "……", "平安县人民政府", "2024年3月20日"]
    assert body("2023年法治政府建设情况报告", lines) == ("平安县人民政府", "平安县", "county", "signature")


def test_the_folder_or_the_file_name_names_the_body_last():
    assert body("法治政府建设年度报告", path="submissions/03_平湖区/report.docx") == (
        "平湖区", "平湖区", "county", "folder")
    assert body("法治政府建设年度报告", path="in/2-东城区人民政府报告.pdf") == (
        "东城区人民政府", "东城区", "county", "file")


def test_one_body_has_one_short_name_however_it_is_named():
    names = ["江汉市南湖区人民政府关于2023年度法治政府建设情况的报告",
             "南湖区人民政府2022年度法治政府建设情况报告", "南湖区2021年法治政府建设年度报告"]
    assert {body(t)[1] for t in names} == {"南湖区"}


def test_the_json_result_carries_the_body(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("江汉市南湖区人民政府关于2023年度法治政府建设情况的报告\n"
                      "2023年，南湖区坚持以习近平法治思想为指导，推进法治政府建设。\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", str(report)],
                         capture_output=True, text=True)
    document = json.loads(out.stdout)["reports"][0]["document"]
    assert document["body"] == {"name": "江汉市南湖区人民政府", "short": "南湖区", "level": "county",
                                "source": "title"}


@pytest.mark.parametrize("title, level", [
    ("市司法局2023年法治政府建设年度报告", "department"),
    ("区市场监管局关于2022年度法治政府建设情况的报告", "department"),
    ("自治区民政厅2021年度法治政府建设工作报告", "department"),
    ("县人民政府办公室2024年法治政府建设情况报告", "department"),
    ("省人民政府关于2020年法治政府建设情况的报告", "province"),
    ("自治区人民政府2019年法治政府建设年度报告", "province"),
    ("县人民政府关于2023年度法治政府建设工作的报告", "county"),
])
def test_a_body_named_by_its_bare_unit_has_the_units_level_and_no_name(title, level):
    # every city has a 市司法局: without its place the name says which body it is not
    assert body(title) == ("", "", level, "title")


def test_a_ministry_is_named_by_its_function_alone():
    lines = ["2023年，自然资源部深入学习贯彻习近平法治思想，推进依法行政。"]
    assert body("", lines) == ("自然资源部", "自然资源部", "department", "opening")
    assert body("审计署2022年法治政府建设情况报告")[2:] == ("department", "title")


def test_a_government_named_without_a_unit_is_no_body():
    assert body("人民政府关于法治政府建设的报告") is None


def test_a_province_named_by_its_short_name_is_the_province():
    assert body("江西2020年度法治政府建设情况报告") == ("江西", "江西省", "province", "title")
    lines = ["一、广西法治政府建设的主要成效", "我区坚持依法行政。"]
    assert body("", lines) == ("广西", "广西壮族自治区", "province", "opening")
    # a city that carries a province's name is still the city
    assert body("吉林市2021年法治政府建设年度报告")[2] == "city"


def test_the_opening_sentence_may_follow_a_heading_and_a_numbered_lead_in():
    lines = ["一、总体情况", "本报告依据《政府信息公开条例》编制。",
             "（一）主动公开情况。2023年江北区财政局坚持依法公开，全年公开信息88条。"]
    assert body("", lines) == ("江北区财政局", "江北区财政局", "department", "opening")


def test_a_news_item_is_about_the_body_its_dated_first_sentence_opens_with():
    lines = ["3月12日，桃源县青山乡召开法治政府建设推进会，全乡机关干部参加。"]
    assert body("", lines) == ("桃源县青山乡", "青山乡", "township", "opening")
    assert body("鹿城区举行2024年度述法评议会")[:3] == ("鹿城区", "鹿城区", "county")


def test_a_visit_is_about_the_body_visited_not_the_visitor():
    lines = ["4月2日，江州市政府法制办主任一行到平阳县督导依法行政工作。平阳县副县长陪同。"]
    assert body("", lines)[:3] == ("平阳县", "平阳县", "county")


def test_a_list_of_a_places_party_and_government_leaders_is_the_places():
    title = "临川市党政主要负责人履行推进法治建设第一责任人职责清单"
    assert body(title) == ("临川市", "临川市", "city", "title")


@pytest.mark.parametrize("lines, level", [
    # the addressee a report opens with is the body above, not the one reporting
    (["区政府：根据区委部署，现将本镇2023年法治政府建设情况报告如下。"], "township"),
    (["县人民政府:", "现将我乡一年来依法行政工作情况报告如下。"], "township"),
    # 各县政府 are the bodies below, not the writer
    (["督促各县政府落实法治建设责任，全市法治政府建设取得新进展。"], "city"),
    # a 街道 names itself by its bare unit, and so does an autonomous region
    (["2023年以来，街道按照区委部署，扎实推进依法行政。"], "township"),
    (["为推进依法行政，结合自治区实际，制定本方案。"], "province"),
])
def test_the_words_a_body_names_itself_by_are_its_own(lines, level):
    found = submitting_body("法治政府建设情况报告", lines, "r.txt", RULES)
    assert (found.name, found.short, found.level) == ("", "", level)


def test_a_page_from_inside_a_text_takes_the_level_its_own_words_name_most_often():
    lines = ["（三）执法程序不规范", "部分执法人员程序意识不强，案卷制作不规范。", "（四）履行复议决定不到位",
             "有的单位对复议决定不予重视。如申请人不服东城区政府作出的决定，申请复议。",
             "全市执法案卷评查发现问题较多，全市各部门应当引以为戒。"]
    found = submitting_body("", lines, "r.txt", RULES)
    # 东城区政府 is a party to a case; the writer's own words are 全市
    assert (found.name, found.level, found.source) == ("", "city", "text")
