"""Review in Word: `fazhi annotate` (a copy with 批注 on the evidence, the title and the
parts), `fazhi feedback` and `fazhi audit --feedback` (反馈意见 letters and a 汇总).

Every written .docx is opened with python-docx and its comments, their anchors and texts,
and the letters' tables are checked against the JSON result of the same report. With
LibreOffice installed, the documents are converted to PDF: the annotated copy of a .docx
keeps the original's page count, the PDF holds the comments' text, and PNG pages are saved
(pdftoppm) into FAZHI_REVIEW_PNG (or the test's temporary folder) to be looked at.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT, SEEDS
from docx.oxml.ns import qn
from docx.shared import RGBColor
from opencc import OpenCC

FORMATS = ROOT / "tests" / "fixtures" / "formats"
UNSEEN = ROOT / "tests" / "fixtures" / "unseen-formats"
SEED = SEEDS / "001_04b6fb7adc03cf2d.txt"
TEMPLATE = ROOT / "rules" / "feedback" / "zh.yaml"


def fazhi(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd or ROOT, env=env, timeout=300)


def result_of(path, *options):
    run = fazhi("check", "--format", "json", *options, str(path))
    assert run.returncode in (0, 1), run.stderr
    return json.loads(run.stdout)["reports"][0]


def annotate(source, out, *options):
    """Run `fazhi annotate`; every comment it says it wrote is in the file, on some words."""
    run = fazhi("annotate", str(source), "--output", str(out), *options)
    assert run.returncode in (0, 1), run.stderr
    said = int(run.stdout.split(" comments")[0].rsplit(" ", 1)[1])
    found = comments(out)
    assert len(found) == said and all(anchor.strip() for _, anchor in found)
    return run


def reviewed(source, tmp_path, *options):
    """(comments with their anchors, the JSON result) of one report's annotated copy."""
    out = tmp_path / "reviewed.docx"
    annotate(source, out, *options)
    return comments(out), result_of(source)


# --- reading comments back --------------------------------------------------------------

def comments(path) -> list[tuple[str, str]]:
    """(comment text, the text it is anchored on) for every comment, in document order; a
    text box in the range reads as [text box]."""
    document = docx.Document(str(path))
    texts = {c.comment_id: c.text for c in document.comments}
    anchored: dict[int, list[str]] = {}
    open_ids: list[int] = []
    order: list[int] = []
    for node in document.element.body.iter():
        if node.tag == qn("w:commentRangeStart"):
            open_ids.append(int(node.get(qn("w:id"))))
            order.append(open_ids[-1])
            anchored[open_ids[-1]] = []
        elif node.tag == qn("w:commentRangeEnd"):
            open_ids.remove(int(node.get(qn("w:id"))))
        elif node.tag == qn("w:t") and not _in_text_box(node):
            for comment_id in open_ids:
                anchored[comment_id].append(node.text or "")
        elif node.tag == qn("w:txbxContent") and not _in_text_box(node):
            for comment_id in open_ids:
                anchored[comment_id].append("[text box]")
    assert set(order) == set(texts), "every comment has one anchor"
    return [(texts[i], "".join(anchored[i])) for i in order]


def _in_text_box(node) -> bool:
    return any(a.tag == qn("w:txbxContent") for a in node.iterancestors())


def on(found, anchor: str) -> list[str]:
    return [text for text, at in found if at == anchor]


def status_word(element) -> str:
    if element["status"] == "missing" and element["stance"] in ("planned", "problem"):
        return {"planned": "仅为计划", "problem": "自述问题"}[element["stance"]]
    return {"met": "达标", "partial": "部分达标", "missing": "缺失"}[element["status"]]


def shown_evidence(element, limit=3):
    """The evidence a comment is put on: the first three of each part, as `check` shows."""
    seen: dict[str, int] = {}
    for item in element["evidence"]:
        seen[item["role"]] = seen.get(item["role"], 0) + 1
        if seen[item["role"]] <= limit:
            yield item


def assert_evidence_commented(found, report, minimum=5):
    """Each shown evidence sentence carries a comment naming the element and its status;
    for an element not met, what is still to write."""
    checked = 0
    for element in report["elements"]:
        if element["id"].startswith("section.") or element.get("waived"):
            continue
        for item in shown_evidence(element):
            texts = [t for t in on(found, item["text"]) if element["title"] in t]
            assert texts, f"no comment on {item['text']!r} for {element['id']}"
            assert any(f"{element['title']}：{status_word(element)}" in t for t in texts)
            if element["status"] != "met":
                assert any(element["hint"] in t for t in texts)
            checked += 1
    assert checked >= minimum


def assert_title_commented(found, report):
    title_comments = [t for t, _ in found if t.startswith("fazhi 审查：")]
    assert len(title_comments) == 1
    text = title_comments[0]
    score = f"{report['score']:g}"
    assert f"得分 {score}/100" in text
    assert ("结论：通过" if report["passed"] else "结论：未通过") in text
    required_missing = [e for e in report["elements"] if e["severity"] == "required"
                        and e["status"] == "missing" and not e.get("waived")]
    for element in required_missing:
        assert element["title"] in text
    if not required_missing:
        assert "必备要素齐全" in text


# --- annotate: text, .docx and other inputs -----------------------------------------------

def test_annotated_text_report_has_comments_on_evidence_title_and_parts(tmp_path):
    out = tmp_path / "reviewed.docx"
    run = annotate(SEED, out)
    report = result_of(SEED)
    found = comments(out)
    assert f"{len(found)} comments" in run.stdout
    assert_title_commented(found, report)
    assert on(found, "武昌区关于2024年推进法治政府")[0].startswith("fazhi 审查：")   # the title line
    assert_evidence_commented(found, report)
    # elements missing from a report that has the part where they belong: on its heading
    heading = on(found, "一、2024年工作情况")
    assert len(heading) == 1
    missing = [e for e in report["elements"] if e["status"] == "missing"]
    assert missing
    for element in missing:
        assert f"缺少「{element['title']}」" in heading[0] and element["hint"] in heading[0]
    assert "依据：《中华人民共和国行政诉讼法》第三条第三款" in heading[0]
    assert SEED.read_bytes() == (ROOT / "seeds" / SEED.name).read_bytes()


def test_the_plain_copy_has_one_paragraph_per_line_as_read(tmp_path):
    out = tmp_path / "reviewed.docx"
    annotate(SEED, out)
    document = docx.Document(str(out))
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert [p.text for p in document.paragraphs] == lines
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[3].style.name == "Heading 1"      # 一、2024年工作情况


def _formatted_report(path: Path) -> None:
    """A .docx whose evidence sentences start and end inside runs of differing formats."""
    document = docx.Document()
    document.add_heading("某区2023年法治政府建设年度报告", 0)
    document.add_heading("一、主要举措和成效", 1)
    paragraph = document.add_paragraph()
    paragraph.add_run("全年组织学习12次。区政府聘请常年")
    bold = paragraph.add_run("法律顾问")
    bold.bold = True
    red = paragraph.add_run("，实现区镇两级法律顾问全覆盖。严格落实行政执法")
    red.font.color.rgb = RGBColor(0xC0, 0, 0)
    paragraph.add_run("公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年公示执法信息300条。")
    document.add_heading("二、存在的不足和原因", 1)
    document.add_paragraph("一是部分单位重视不够。")
    document.add_heading("三、下一年度工作安排", 1)
    document.add_paragraph("2024年，我区将持续深化法治政府建设。")
    document.save(str(path))


def test_a_docx_keeps_its_formatting_and_comments_sit_on_the_exact_runs(tmp_path):
    original = tmp_path / "report.docx"
    _formatted_report(original)
    before = original.read_bytes()
    out = tmp_path / "reviewed.docx"
    annotate(original, out)
    assert original.read_bytes() == before
    found = comments(out)
    report = result_of(original)
    counsel = report["elements"][[e["id"] for e in report["elements"]].index("counsel-coverage")]
    sentence = "区政府聘请常年法律顾问，实现区镇两级法律顾问全覆盖。"
    assert counsel["evidence"][0]["text"] == sentence
    assert any("政府法律顾问、公职律师覆盖：达标" in t for t in on(found, sentence))
    assert_evidence_commented(found, report, minimum=2)
    assert _formatted_text(before) == _formatted_text(out.read_bytes())
    assert _other_parts(before) == _other_parts(out.read_bytes())


def _formatted_text(data: bytes) -> list[list[tuple[str, str]]]:
    """Each paragraph as (character, its run's formatting) pairs: splitting a run at a
    sentence must change neither."""
    document = docx.Document(io.BytesIO(data))
    out = []
    for paragraph in document.element.body.iter(qn("w:p")):
        if any(a.tag == qn("w:comment") for a in paragraph.iterancestors()):
            continue
        chars = []
        for run in paragraph.iter(qn("w:r")):
            if run.find(qn("w:commentReference")) is not None:
                continue     # the comment mark itself
            props = run.find(qn("w:rPr"))
            style = "" if props is None else _xml(props)
            chars += [(ch, style) for t in run.iter(qn("w:t")) for ch in t.text or ""]
        p_props = paragraph.find(qn("w:pPr"))
        out.append([("¶", "" if p_props is None else _xml(p_props))] + chars)
    return out


def _xml(node) -> str:
    from lxml import etree
    return etree.tostring(node, encoding="unicode")


def _other_parts(data: bytes) -> dict[str, bytes]:
    """Every part of the package but the body, the comments and what lists them."""
    changed = {"word/document.xml", "word/comments.xml", "[Content_Types].xml",
               "word/_rels/document.xml.rels", "docProps/core.xml"}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {n: package.read(n) for n in package.namelist() if n not in changed}


def test_tables_and_text_boxes_in_a_docx_are_commented(tmp_path):
    source = FORMATS / "structured.docx"
    found, report = reviewed(source, tmp_path)
    assert_title_commented(found, report)
    assert any("行政执法\"三项制度\"：部分达标" in t for t in on(found, "行政执法公示制度"))  # a table cell
    # the text box line (文本框：全县公职律师38名。) is commented on the run holding the box
    box = next(e for e in report["elements"] if e["id"] == "counsel-coverage")["evidence"]
    assert any(item["text"].startswith("文本框") for item in box)
    assert any("政府法律顾问、公职律师覆盖：达标" in t and "[text box]" in a for t, a in found)
    assert sum("政府法律顾问、公职律师覆盖" in t for t, _ in found) == len(list(shown_evidence(
        next(e for e in report["elements"] if e["id"] == "counsel-coverage"))))


@pytest.mark.parametrize("name", ["seed001.pdf", "seed001.html", "seed001.gbk.txt"])
def test_pdf_web_page_and_gbk_inputs_become_annotated_word_files(tmp_path, name):
    source = FORMATS / name
    found, report = reviewed(source, tmp_path)
    assert_title_commented(found, report)
    assert_evidence_commented(found, report)


def test_a_traditional_report_gets_comments_in_simplified(tmp_path):
    source = FORMATS / "seed001.trad.txt"
    found, report = reviewed(source, tmp_path)
    assert_evidence_commented(found, report)            # anchors: the Traditional sentences
    to_simplified = OpenCC("t2s")
    for text, _ in found:
        assert to_simplified.convert(text) == text, text
    assert any(to_simplified.convert(a) != a for _, a in found)


def _report_without(tmp_path: Path, parts: list[tuple[str, str]]) -> Path:
    lines = ["某县2023年法治政府建设工作情况的报告", ""]
    for heading, body in parts:
        lines += [heading, body, ""]
    path = tmp_path / "report.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_file_with_no_title_found_has_its_title_comment_on_its_first_words(tmp_path):
    source = tmp_path / "news.txt"
    source.write_text("\n\n近日，某县政府常务会议专题听取法治政府建设工作汇报。\n会议强调，要落实行政执法“三项制度”。\n",
                      encoding="utf-8")
    found, report = reviewed(source, tmp_path)
    assert report["document"]["title"] == ""
    first = on(found, "近日，某县政府常务会议专题听取法治政府建设工作汇报。")
    assert first and first[0].startswith("fazhi 审查：") and "缺少「行政执法\"三项制度\"」" in first[0]


def test_a_missing_part_is_commented_where_it_belongs(tmp_path):
    source = _report_without(tmp_path, [
        ("一、主要举措和成效", "县政府聘请常年法律顾问，实现县乡两级法律顾问全覆盖。"),
        ("二、存在的不足和原因", "一是部分单位重视不够，行政执法“三项制度”落实还不够到位。"),
    ])
    out = tmp_path / "reviewed.docx"
    annotate(source, out)
    found = comments(out)
    # leader duty comes after the achievements; next steps after the shortcomings, the last part
    achievements = " ".join(on(found, "一、主要举措和成效"))
    shortcomings = " ".join(on(found, "二、存在的不足和原因"))
    assert "没有「党政主要负责人履行推进法治建设第一责任人职责情况」部分" in achievements
    assert "应在本部分之后增加" in achievements
    assert "没有「下一年度推进法治政府建设的主要安排」部分" in shortcomings
    assert "厅字〔2019〕28号" in shortcomings


def test_every_piece_of_evidence_of_a_report_is_commented(tmp_path):
    source = SEEDS / "002_976bef6feeda2d83.txt"
    default, verbose = tmp_path / "default.docx", tmp_path / "all.docx"
    annotate(source, default)
    annotate(source, verbose, "--verbose")
    report = result_of(source)
    sentences = {(i["line"], i["text"]) for e in report["elements"] if not e["id"].startswith("section.")
                 for i in e["evidence"]}
    assert len(sentences) > 3 * 4            # more than `check` shows per element and part
    for copy in (default, verbose):
        assert {text for _, text in sentences} <= {a for _, a in comments(copy)}


def test_annotate_refuses_to_write_over_its_input_and_bad_outputs(tmp_path):
    source = tmp_path / "report.docx"
    shutil.copy(FORMATS / "seed001.docx", source)
    before = source.read_bytes()
    run = fazhi("annotate", str(source), "--output", str(source))
    assert run.returncode == 2 and "is one of the reports being checked" in run.stderr
    link = tmp_path / "link.docx"
    link.symlink_to(source)
    assert fazhi("annotate", str(source), "-o", str(link)).returncode == 2
    run = fazhi("annotate", str(source), "-o", str(tmp_path / "out.pdf"))
    assert run.returncode == 2 and "*.docx" in run.stderr
    assert source.read_bytes() == before


def test_annotate_an_unreadable_report_is_one_line_and_exit_2(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    run = fazhi("annotate", str(broken), "-o", str(tmp_path / "out.docx"))
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "broken.docx" in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out.docx").exists()


# --- feedback letters -------------------------------------------------------------------

def letters(folder: Path) -> dict[str, docx.document.Document]:
    return {p.name: docx.Document(str(p)) for p in sorted(folder.glob("*.docx"))}


def texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def required_lacking(report):
    return [e for e in report["elements"] if e["severity"] == "required" and not e.get("waived")
            and e["status"] in ("missing", "partial")]


def test_one_letter_per_body_with_the_table_of_what_is_lacking(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    out = tmp_path / "letters"
    run = fazhi("feedback", *map(str, seeds), "--output", str(out), "--date", "2025-03-31")
    assert run.returncode == 1, run.stderr          # the plan fails the gate
    reports = json.loads(fazhi("check", "--format", "json", *map(str, seeds)).stdout)["reports"]
    bodies: dict[str, str] = {}       # short -> the name the body's first report gives it
    for report in reports:
        bodies.setdefault(report["document"]["body"]["short"], report["document"]["body"]["name"])
    written = letters(out)
    assert len(written) == len(bodies) + 1 and "汇总.docx" in written
    for report in reports:
        name = bodies[report["document"]["body"]["short"]]
        letter = written[f"{name}-反馈意见.docx"]
        paragraphs = texts(letter)
        assert paragraphs[0] == f"关于{name}法治政府建设年度报告的反馈意见"
        assert "2025年3月31日" in paragraphs[1] and "fazhi 0.1.0" in paragraphs[1]
        assert any(f"《{report['document']['title']}》" in p for p in paragraphs)
        _check_table(letter, report)
    wuchang = written["武汉市武昌区人民政府-反馈意见.docx"]     # 000 and 001: one body, two reports
    assert sum(p.style.name == "fazhi 一级标题" and p.text.startswith(("一、《", "二、《"))
               for p in wuchang.paragraphs) == 2


def _check_table(letter, report) -> None:
    """The table of one report against its JSON result: one row per required element
    missing or partial, with its status, basis and hint."""
    lacking = required_lacking(report)
    tables = [t for t in letter.tables if t.rows[0].cells[0].text == "序号"]
    rows = [[c.text for c in row.cells] for t in tables for row in t.rows[1:]]
    for element in lacking:
        row = next((r for r in rows if r[1] == element["title"]), None)
        assert row is not None, f"{element['id']} not in the letter's table"
        assert row[2].startswith(status_word(element))
        assert row[4] == element["hint"]
        assert row[3].startswith("《")
    if not lacking:
        assert any(p.text == "必备要素均已写明。" for p in letter.paragraphs)


def test_the_letter_is_laid_out_as_an_official_letter(tmp_path):
    out = tmp_path / "letters"
    fazhi("feedback", str(SEEDS / "004_d6586b12e3beefb6.txt"), "-o", str(out))
    letter = next(d for f, d in letters(out).items() if f != "汇总.docx")
    section = letter.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)
    fonts = {s.name: s.element.rPr.rFonts.get(qn("w:eastAsia")) for s in letter.styles
             if s.name.startswith("fazhi")}
    assert fonts["fazhi 正文"] == "仿宋_GB2312" and fonts["fazhi 一级标题"] == "黑体"
    headings = [p.text for p in letter.paragraphs if p.style.name == "fazhi 一级标题"]
    assert headings[:2] == ["一、总体情况", "二、必备要素缺失或不完整的情况"]
    footer = section.footer.paragraphs[0]
    assert "PAGE" in "".join(n.text or "" for n in footer._p.iter(qn("w:instrText")))
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    recommended = [p.text for p in letter.paragraphs if p.text[:2] in ("1.", "2.", "3.")]
    assert recommended, "the recommended elements are a numbered list"


def test_the_summary_lists_every_body_and_the_weakest_elements(tmp_path):
    seeds = sorted(SEEDS.glob("*.txt"))
    folder = tmp_path / "batch"
    folder.mkdir()
    for seed in seeds:
        shutil.copy(seed, folder / seed.name)
    (folder / "broken.docx").write_bytes(b"not a zip")
    out = tmp_path / "letters"
    assert fazhi("feedback", str(folder), "-o", str(out)).returncode == 1
    summary = letters(out)["汇总.docx"]
    assert "本次共审查6份报告" in texts(summary)[2] and "1份无法读取" in texts(summary)[2]
    bodies, weakest = summary.tables
    assert len(bodies.rows) == 1 + 6
    assert any(row.cells[4].text == "无法读取" for row in bodies.rows[1:])
    reports = json.loads(fazhi("check", "--format", "json", *map(str, seeds)).stdout)["reports"]
    lacking = {}
    for report in reports:
        for e in report["elements"]:
            if e["status"] in ("missing", "partial"):
                lacking[e["title"]] = lacking.get(e["title"], 0) + 1
    top = weakest.rows[1].cells
    assert int(top[2].text) + int(top[3].text) == max(lacking.values())
    broken_letter = next(d for f, d in letters(out).items() if f.startswith("broken"))
    assert any("无法读取" in t for t in texts(broken_letter))


def test_a_replaced_template_words_the_letters_and_a_broken_one_is_refused(tmp_path):
    own = tmp_path / "hubei.yaml"
    own.write_text(TEMPLATE.read_text(encoding="utf-8").replace(
        'closing: "请对照上述意见修改完善报告，按照规定的时限和方式向社会公开。"',
        'closing: "请于30日内将修改后的报告报送省司法厅。"').replace(
        "issuer: （审查机关）", "issuer: 湖北省司法厅"), encoding="utf-8")
    out = tmp_path / "letters"
    fazhi("feedback", str(SEED), "-o", str(out), "--template", str(own))
    letter = next(d for f, d in letters(out).items() if f != "汇总.docx")
    assert "请于30日内将修改后的报告报送省司法厅。" in texts(letter)
    assert "湖北省司法厅" in texts(letter)
    broken = tmp_path / "broken.yaml"
    broken.write_text(TEMPLATE.read_text(encoding="utf-8").replace(
        'title: "关于{body}法治政府建设年度报告的反馈意见"', 'title: "关于{organ}的反馈意见"'), encoding="utf-8")
    run = fazhi("feedback", str(SEED), "-o", str(tmp_path / "x"), "--template", str(broken))
    assert run.returncode == 2
    line = TEMPLATE.read_text(encoding="utf-8").split("\n").index(
        '  title: "关于{body}法治政府建设年度报告的反馈意见"') + 1
    assert f"broken.yaml:{line}: letter.title: unknown placeholder {{organ}}" in run.stderr
    missing = tmp_path / "missing.yaml"
    missing.write_text(TEMPLATE.read_text(encoding="utf-8").replace("  closing_heading: 整改要求\n", ""),
                       encoding="utf-8")
    run = fazhi("annotate", str(SEED), "-o", str(tmp_path / "a.docx"), "--template", str(missing))
    assert run.returncode == 2 and "letter.closing_heading: missing" in run.stderr


def test_letter_file_names_cannot_escape_the_folder_or_collide():
    from checker.review.bodies import file_names
    names = file_names(["../../etc/passwd", "武昌区", "武昌区", "a\x1b[31mb", "x\u202egpj.exe", ""], ".docx")
    assert names == ["etc_passwd.docx", "武昌区.docx", "武昌区-2.docx", "a_[31mb.docx", "x_gpj.exe.docx",
                     "report.docx"]


def test_hostile_text_in_a_report_stays_plain_text_in_the_copy(tmp_path):
    source = tmp_path / "report.txt"
    source.write_text(SEED.read_text(encoding="utf-8").replace(
        "区司法局", "区司\x0b法\u202e局\x1b[31m", 1), encoding="utf-8")
    out = tmp_path / "reviewed.docx"
    annotate(source, out)
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "\u202e" not in text and "\x0b" not in text and "\x1b" not in text
    assert "区司 法 局 [31m" in text


def test_audit_feedback_writes_the_letters_beside_the_audit(tmp_path):
    out = tmp_path / "audit"
    run = fazhi("audit", str(SEEDS), "--out", str(out), "--feedback", "--jobs", "2")
    assert run.returncode == 1, run.stderr
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))["reports"]
    written = letters(out / "feedback")
    assert len(written) == len({r["document"]["body"]["short"] for r in results}) + 1
    assert f"feedback letters with a 汇总 in {out / 'feedback'}" in run.stdout
    again = fazhi("audit", str(SEEDS), "--out", str(out), "--feedback")   # the same folder again
    assert again.returncode == 1, again.stderr
    assert letters(out / "feedback").keys() == written.keys()


# --- LibreOffice: PDF pages and what they show -----------------------------------------

def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.skip("LibreOffice (soffice) is not installed: .ci/run installs libreoffice-writer-nogui")
    return found


# comments become PDF annotations (this LibreOffice, 7.4, has no "comments in margin")
WITH_COMMENTS = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'


def _to_pdf(soffice: str, source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    profile = folder / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", WITH_COMMENTS, "--outdir", str(folder), str(source)],
                   capture_output=True, timeout=180, check=True)
    return folder / (source.stem + ".pdf")


def _png_pages(pdf: Path, name: str, tmp_path: Path) -> list[Path]:
    if not shutil.which("pdftoppm"):
        return []
    folder = Path(os.environ.get("FAZHI_REVIEW_PNG") or tmp_path / "png")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(folder / name)], check=True,
                   capture_output=True, timeout=120)
    return sorted(folder.glob(f"{name}*.png"))


def _annotations(pdf: Path) -> list[str]:
    from pypdf import PdfReader
    found = []
    for page in PdfReader(str(pdf)).pages:
        for annotation in page.get("/Annots") or []:
            contents = annotation.get_object().get("/Contents")
            if contents:
                found.append(str(contents))
    return found


def test_libreoffice_shows_the_annotated_copy_and_the_letter(tmp_path):
    soffice = _soffice()
    source = UNSEEN / "r06_district2023.docx"
    out = tmp_path / "r06-reviewed.docx"
    annotate(source, out)
    before = _to_pdf(soffice, source, tmp_path / "pdf-original")
    after = _to_pdf(soffice, out, tmp_path / "pdf-reviewed")
    from pypdf import PdfReader
    assert len(PdfReader(str(after)).pages) == len(PdfReader(str(before)).pages)
    shown = " ".join(_annotations(after)).replace("\r", "\n")
    for text, _ in comments(out):
        assert text.split("\n")[0] in shown
    assert _png_pages(after, "r06-reviewed", tmp_path) or not shutil.which("pdftoppm")
    letters_out = tmp_path / "letters"
    fazhi("feedback", str(source), str(SEEDS / "004_d6586b12e3beefb6.txt"), "-o", str(letters_out))
    for path in sorted(letters_out.glob("*.docx")):
        pdf = _to_pdf(soffice, path, tmp_path / "pdf-letters")
        pages = PdfReader(str(pdf)).pages
        assert 1 <= len(pages) <= 6
        text = "".join("".join(page.extract_text() for page in pages).split())
        document = docx.Document(str(path))
        for table in document.tables:
            for row in table.rows[1:]:
                assert "".join(row.cells[1].text.split())[:6] in text
        assert "—1—" in text and f"—{len(pages)}—" in text      # the page numbers
        _png_pages(pdf, path.stem, tmp_path)
