"""Timeliness as an inspector reads it: the date the file carries (a web copy's
information block, the date under the signature, a site's stamp, a .docx or PDF's own
properties as weak evidence) against the deadline for the body's level in
rules/timeliness.yaml, shown as on-time, late or unknown."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
REPORT_BODY = ("一、主要举措和成效\n区政府主要负责同志认真履行推进法治建设第一责任人职责，全面落实行政执法三项制度。\n"
               "二、存在的不足和原因\n法治队伍力量薄弱。\n三、下一年度主要安排\n2021年将持续推进法治政府建设。\n")


def checked(path, packs, **settings):
    from checker.run import Settings, check_path
    return check_path(str(path), packs, Settings(**settings)).document


def report(tmp_path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_web_copys_publication_time_is_read_although_the_line_is_noise(packs):
    doc = checked(UNSEEN / "r2_09_web_xiangzhou_2019.txt", packs)
    assert any(n.start <= 3 <= n.end for n in doc.noise)          # the line is blanked for matching
    assert (doc.published.date, doc.published.label, doc.published.line) == ("2020-03-27", "发布时间", 3)
    assert (doc.timeliness.status, doc.timeliness.deadline) == ("on-time", "2020-04-01")
    assert "厅字〔2019〕28号" in doc.timeliness.basis


def test_a_label_whose_date_stands_lines_below_it(packs, tmp_path):
    path = report(tmp_path, "page.txt", "• 信息索引号:\n\n    11330702/2021-1\n\n  • 成文日期:\n\n    2021-04-06\n\n"
                  "  • 公开方式:\n\n    主动公开\n\n某某县人民政府关于2020年法治政府建设工作情况的报告\n" + REPORT_BODY)
    doc = checked(path, packs)
    assert (doc.published.date, doc.published.means, doc.published.label) == ("2021-04-06", "signed", "成文日期")
    assert doc.timeliness.status == "late"
    assert "on or after 2021-04-01" in doc.timeliness.why


@pytest.mark.parametrize("signature, status", [("二〇二一年三月二十九日", "on-time"), ("2021年4月1日", "late"),
                                               ("2021年3月31日", "on-time")])
def test_the_date_under_the_signature(packs, tmp_path, signature, status):
    path = report(tmp_path, "r.txt", "某某县人民政府关于2020年法治政府建设工作情况的报告\n" + REPORT_BODY
                  + f"某某县人民政府\n{signature}\n")
    doc = checked(path, packs)
    assert (doc.published.source, doc.published.means) == ("signature", "signed")
    assert doc.timeliness.status == status


def test_a_rehosting_sites_stamp_line(packs, seed_results):
    doc = seed_results["000_ac4e17fc9cb3faab.txt"].document
    assert (doc.published.date, doc.published.source) == ("2017-01-23", "web-stamp")
    assert doc.timeliness.status == "unknown"                   # a 2016 report: before the rule
    assert "2019 and later" in doc.timeliness.why


def test_no_date_in_the_file_is_unknown_not_a_guess(packs, tmp_path):
    path = report(tmp_path, "r.txt", "某某县人民政府关于2020年法治政府建设工作情况的报告\n" + REPORT_BODY)
    doc = checked(path, packs)
    assert doc.published is None
    assert (doc.timeliness.status, doc.timeliness.deadline) == ("unknown", "2021-04-01")


def test_a_docx_saved_date_is_weak_evidence(packs, tmp_path):
    import docx
    document = docx.Document()
    for line in ("某某县人民政府关于2020年法治政府建设工作情况的报告", *REPORT_BODY.splitlines()):
        document.add_paragraph(line)
    document.core_properties.created = datetime(2021, 3, 2, 9, 0)
    document.core_properties.modified = datetime(2021, 3, 20, 9, 0)
    path = tmp_path / "r.docx"
    document.save(str(path))
    doc = checked(path, packs)
    assert (doc.published.date, doc.published.source, doc.published.weak) == ("2021-03-20", "docx-properties", True)
    assert doc.timeliness.status == "on-time" and "weak evidence" in doc.timeliness.why


def test_a_pdfs_own_dates_are_read_from_its_document_information():
    from pypdf import PdfWriter

    from checker.readers.filedates import pdf_dates
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/CreationDate": "D:20210302090000+08'00'", "/ModDate": "D:20210320090000+08'00'"})
    buffer = io.BytesIO()
    writer.write(buffer)
    assert pdf_dates(buffer.getvalue()) == {"created": "2021-03-02", "modified": "2021-03-20"}
    assert pdf_dates(b"%PDF-1.4 broken") == {}


def test_the_deadline_follows_the_bodys_level_in_the_rule_file(packs, tmp_path, monkeypatch):
    """A province's own rules can set another deadline for departments (data, not code)."""
    from checker.packs import timeliness
    shipped = (ROOT / "rules" / "timeliness.yaml").read_text(encoding="utf-8")
    own = shipped.replace("  - levels: [province, city, county, township, department]\n",
                          "  - levels: [department]\n    before: \"03-01\"\n    what: 向本级政府报告\n"
                          "    basis: {document: 本省实施办法}\n  - levels: [province, city, county, township]\n")
    rules = tmp_path / "timeliness.yaml"
    rules.write_text(own, encoding="utf-8")
    monkeypatch.setenv("FAZHI_TIMELINESS", str(rules))
    timeliness._load.cache_clear()
    try:
        department = checked(UNSEEN / "q02_sfj_2019.txt", packs)     # 临江市司法局, signed 2020-02-26
        assert (department.timeliness.level, department.timeliness.deadline) == ("department", "2020-03-01")
        assert department.timeliness.status == "on-time" and department.timeliness.basis == "本省实施办法"
        late = report(tmp_path, "r.txt", "临江市司法局关于2019年度法治政府建设工作情况的报告\n" + REPORT_BODY
                      + "临江市司法局\n2020年3月15日\n")
        assert checked(late, packs).timeliness.status == "late"
    finally:
        timeliness._load.cache_clear()


def test_a_broken_rule_file_is_one_line_naming_file_and_line(tmp_path):
    rules = tmp_path / "timeliness.yaml"
    rules.write_text((ROOT / "rules" / "timeliness.yaml").read_text(encoding="utf-8")
                     .replace('before: "04-01"', 'before: "April 1"'), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT), FAZHI_TIMELINESS=str(rules))
    run = subprocess.run([sys.executable, "-m", "checker", "check", str(SEEDS / "001_04b6fb7adc03cf2d.txt")],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert f"{rules}:" in run.stderr and "deadlines[0].before" in run.stderr


def test_every_output_shows_timeliness(packs):
    from checker.render import RenderOptions, renderer
    from checker.run import check_path
    result = check_path(str(SEEDS / "002_976bef6feeda2d83.txt"), packs)
    from checker.render.words import words
    english = RenderOptions(words=words("en"))
    text = renderer("text")([result], english)
    assert "timeliness: on-time: published 2020-03-11 (日期), before 2020-04-01" in text
    chinese = renderer("text")([result], RenderOptions())
    assert "报送时效：按时：发布于 2020-03-11（日期），早于截止日期 2020-04-01" in chinese
    assert "on-time" not in chinese and "published" not in chinese   # no English in a Chinese report
    assert "timeliness: on-time" in renderer("html")([result], english)
    assert "报送时效：按时" in renderer("html")([result], RenderOptions())
    sheet = renderer("csv")([result], english)
    header, row = sheet.lstrip("\ufeff").splitlines()[:2]
    # after the element and figure columns (the gate, date and versions come last)
    assert header.endswith("timeliness,published,decisions,gate,date,fazhi,packs")
    assert ",on-time,2020-03-11 web-metadata," in row


def test_a_report_older_than_the_rule_says_why_its_timeliness_is_unknown_in_chinese(packs):
    """The 2012-2016 seed predates the rule: the Chinese text says so in Chinese."""
    from checker.render import RenderOptions, renderer
    from checker.run import check_path
    result = check_path(str(SEEDS / "000_ac4e17fc9cb3faab.txt"), packs)
    assert result.document.timeliness.status == "unknown"
    text = renderer("text")([result], RenderOptions())
    assert "报送时效：不明：报告期早于公开时限规定适用的年份" in text
