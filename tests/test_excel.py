"""audit/summary.xlsx as an inspector opens it in Excel or WPS: a summary sheet of every
report with coloured status cells, a frozen header and filters; a sheet per element with its
evidence; nothing in it a spreadsheet would run as a formula. Read back with openpyxl and
checked against results.json of the same audit."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import SEEDS, run_fazhi

openpyxl = pytest.importorskip("openpyxl")

GREEN, YELLOW, RED, GREY = "CDECCD", "FBE7A6", "F6C1BD", "E4E4E4"     # RGB (the alpha byte varies by writer)
HOSTILE_NAME = '=HYPERLINK("evil.example","点我")+1.txt'


def fazhi(*args):
    return run_fazhi(*args)


@pytest.fixture(scope="module")
def audit(tmp_path_factory):
    """The seeds, a report whose file name is a formula, and a corrupt .docx, audited once."""
    root = tmp_path_factory.mktemp("excel")
    folder = root / "submissions"
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    shutil.copy(SEEDS / "001_04b6fb7adc03cf2d.txt", folder / HOSTILE_NAME)
    (folder / "broken.docx").write_bytes(b"not a zip file")
    run = fazhi("audit", str(folder), "--out", str(root / "out"))
    assert run.returncode == 1, run.stderr
    results = json.loads((root / "out" / "results.json").read_text(encoding="utf-8"))["reports"]
    return openpyxl.load_workbook(root / "out" / "summary.xlsx"), results, root


def rows_by_file(sheet, header_row=1):
    rows = list(sheet.iter_rows(min_row=header_row, values_only=True))
    return {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}


def row_holding(rows, file):
    """The summary row of the submission `file` belongs to, as its primary or as a copy."""
    return next(row for name, row in rows.items()
                if name == file or file in (row["其他副本"] or "").split("\n"))


def test_the_summary_has_one_row_per_submission_with_the_results(audit):
    book, results, _ = audit
    sheet = book["汇总"]
    rows = rows_by_file(sheet)
    copies = [c for row in rows.values() for c in (row["其他副本"] or "").split("\n") if c]
    assert sorted([*rows, *copies]) == sorted(r["file"] for r in results)   # every file, once
    assert len(copies) == 1                     # the seed sent again under another name
    headers = [c.value for c in sheet[1]]
    assert headers[:10] == ["文件", "报送单位", "层级", "标题", "类型", "报告期", "得分", "审查结果", "缺失要素", "读取错误"]
    assert "三项制度" in headers and "法律顾问" in headers       # the elements' short names
    for result in results:
        row = row_holding(rows, result["file"])
        assert row["得分"] == result["score"]
        assert row["审查结果"] == ("无法读取" if result["errors"] else "通过" if result["passed"] else "未通过")
    wuchang = next(r for r in results if r["file"].endswith("001_04b6fb7adc03cf2d.txt"))
    row = row_holding(rows, wuchang["file"])
    assert row["报送单位"] == wuchang["document"]["body"]["name"] and row["层级"] == "县区"
    assert row["类型"] == "年度报告" and row["报告期"] == "2024—2024"
    statuses = {e["id"]: e["status"] for e in wuchang["elements"]}
    assert (statuses["three-systems"], row["三项制度"]) == ("partial", "部分达标")
    assert (statuses["counsel-coverage"], row["法律顾问"]) == ("met", "达标")
    broken = next(v for k, v in rows.items() if k.endswith("broken.docx"))
    assert broken["读取错误"].startswith("无法作为 Word 文档读取")


def test_status_cells_are_coloured_and_the_header_frozen_and_filtered(audit):
    book, results, _ = audit
    sheet = book["汇总"]
    assert sheet.freeze_panes == "B2"
    # printed on landscape A4, one page wide, the header on every page
    assert sheet.page_setup.orientation == "landscape" and str(sheet.page_setup.paperSize) == "9"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"
    submissions = len(results) - 1               # one seed is sent twice
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{submissions + 1}"
    colour = {"达标": GREEN, "部分达标": YELLOW, "缺失": RED, "不适用": GREY}
    seen = set()
    for row in sheet.iter_rows(min_row=2, min_col=11):
        for cell in row:
            if cell.value in colour:
                assert cell.fill.fgColor.rgb[-6:] == colour[cell.value], cell.coordinate
                seen.add(cell.value)
    assert seen == set(colour)
    verdicts = {c.value: c.fill.fgColor.rgb[-6:] for c in sheet["H"][1:]}
    assert verdicts["通过"] == GREEN and verdicts["未通过"] == RED


def test_each_element_has_a_sheet_with_its_evidence(audit):
    book, results, _ = audit
    sheet = book["三项制度"]
    assert sheet["A1"].value.startswith('行政执法"三项制度"（three-systems')
    assert [c.value for c in sheet[2]] == ["文件", "报送单位", "状态", "表述", "位置", "所在部分", "原文", "提示", "豁免理由"]
    assert sheet.freeze_panes == "B3" and sheet.auto_filter.ref.startswith("A2:I")
    wuchang = next(r for r in results if r["file"].endswith("001_04b6fb7adc03cf2d.txt"))
    element = next(e for e in wuchang["elements"] if e["id"] == "three-systems")
    rows = [r for r in sheet.iter_rows(min_row=3, values_only=True) if r[0] == wuchang["file"]]
    assert [r[6] for r in rows] == [e["text"] for e in element["evidence"]]
    assert rows[0][2] == "部分达标" and rows[0][4] == f"第{element['evidence'][0]['line']}行"
    assert rows[0][7] == element["hint"]           # what to add, beside a partial element
    # a report that lacks the element still has its row, saying so, with the hint
    court = book["出庭应诉"]
    missing = [r for r in court.iter_rows(min_row=3, values_only=True) if r[2] == "缺失"]
    assert missing and all(r[7] for r in missing)


def test_no_cell_is_a_formula_and_report_text_stays_text(audit):
    book, _, _ = audit
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and c.value.endswith(HOSTILE_NAME)]
    assert len(cells) > 3                           # the summary and every element's sheet
    for cell in cells:
        assert cell.data_type == "s"


def test_a_cell_starting_like_a_formula_is_marked_as_text(tmp_path):
    from checker.audit.pool import failed_result
    from checker.render import RenderOptions
    from checker.render.excel import workbook
    reports = [failed_result(start + "cmd|' /C calc'!A0", "empty", start + "1+1")
               for start in ("=", "+", "-", "@")]
    path = tmp_path / "x.xlsx"
    path.write_bytes(workbook(reports, RenderOptions()))
    book = openpyxl.load_workbook(path)
    cells = [c for row in book["汇总"].iter_rows(min_row=2, max_col=1) for c in row]
    assert sorted(c.value[0] for c in cells) == sorted(["=", "+", "-", "@"])
    assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    errors = [c.value for row in book["无法读取"].iter_rows(min_row=2, min_col=2) for c in row]
    assert sorted(errors) == sorted(f"没有正文（{s}1+1） [empty]" for s in "=+-@")


def test_unreadable_files_have_a_sheet_of_their_own(audit):
    book, _, _ = audit
    rows = list(book["无法读取"].iter_rows(values_only=True))
    assert rows[0] == ("文件", "读取错误") and len(rows) == 2 and rows[1][0].endswith("broken.docx")


def test_in_english_the_workbook_speaks_english(audit):
    _, _, root = audit
    run = fazhi("audit", str(root / "submissions"), "--out", str(root / "en"), "--lang", "en")
    assert run.returncode == 1, run.stderr
    book = openpyxl.load_workbook(root / "en" / "summary.xlsx")
    assert book.sheetnames[0] == "Summary" and "Unreadable" in book.sheetnames
    assert [c.value for c in book["Summary"][1]][:3] == ["file", "body", "level"]
    assert {c.value for c in book["Summary"]["H"][1:]} == {"PASS", "FAIL", "UNREADABLE"}


def test_each_key_figure_has_a_column_with_the_number_the_report_states(audit):
    book, results, _ = audit
    rows = rows_by_file(book["汇总"])
    wuchang = next(r for r in results if r["file"].endswith("001_04b6fb7adc03cf2d.txt"))
    stated = {}
    for figure in wuchang["figures"]:
        stated.setdefault(figure["title"], figure)
    assert stated, "the seed states key figures"
    row = row_holding(rows, wuchang["file"])
    for title, figure in stated.items():
        exact = figure["approx"] is None and figure.get("high") is None
        assert row[title] == (f"{figure['value']:g}" if exact else figure["text"]), title
    others = [r for r in results if not r["errors"] and not r["figures"]]
    for result in others:                     # a report that states none leaves them empty
        assert all(row_holding(rows, result["file"])[title] in (None, "") for title in stated)
