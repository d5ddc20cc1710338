"""checker.readers: every format a report comes in, read from real fixture files.

The .docx and .pdf fixtures were made by LibreOffice from the seed reports (see
tests/fixtures/formats/README.md); bad files are made here, at run time, in tmp_path.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text
from pdfwriter import pdf_bytes

from checker.language.load import load_language
from checker.readers import SUPPORTED_SUFFIXES, is_supported, read_report, traditional
from checker.readers.pdflines import PdfLine, join_broken_lines
from checker.readers.source import ReportReadError
from checker.readers.traditional import simplify_line

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ROOT / "tests" / "fixtures" / "formats"
SEEDS = {"seed001": ROOT / "seeds" / "001_04b6fb7adc03cf2d.txt",
         "seed002": ROOT / "seeds" / "002_976bef6feeda2d83.txt"}
KEY_TERMS = ("法律顾问", "第一责任人", "三项制度", "重大行政决策")


def squeeze(text: str) -> str:
    """Text with all whitespace removed: layout differs between formats, words do not."""
    return re.sub(r"\s+", "", text)


def seed_lines(name: str) -> list[str]:
    return SEEDS[name].read_text(encoding="utf-8").split("\n")


def key_sentences(name: str) -> list[str]:
    sentences = re.split(r"(?<=[。；])", SEEDS[name].read_text(encoding="utf-8"))
    return [squeeze(s) for s in sentences if any(term in s for term in KEY_TERMS)]


# --- text of every format --------------------------------------------------------------

@pytest.mark.parametrize("fixture", ["seed001.docx", "seed001.pdf", "seed002.docx",
                                     "seed002.pdf", "seed001.html"])
def test_key_sentences_survive_every_format(fixture):
    source = read_report(FORMATS / fixture)
    extracted = squeeze(source.text)
    sentences = key_sentences(fixture.split(".")[0])
    assert any("法律顾问" in s for s in sentences)
    for sentence in sentences:
        assert sentence in extracted


@pytest.mark.parametrize("fixture", ["seed001.docx", "seed001.pdf", "seed002.docx", "seed002.pdf"])
def test_office_formats_keep_the_whole_text(fixture):
    source = read_report(FORMATS / fixture)
    assert squeeze(source.text) == squeeze(SEEDS[fixture.split(".")[0]].read_text(encoding="utf-8"))
    assert [loc.line for loc in source.locations] == list(range(1, len(source.lines) + 1))


def test_pdf_rejoins_lines_broken_mid_sentence():
    source = read_report(FORMATS / "seed001.pdf")
    assert list(source.lines) == seed_lines("seed001")
    assert source.format == "pdf"


# --- locations -------------------------------------------------------------------------

def test_pdf_location_is_the_page_and_line_it_is_printed_on():
    source = read_report(FORMATS / "seed002.pdf")
    pages = {loc.page for loc in source.locations}
    assert len(pages) >= 2
    for line, loc in zip(source.lines, source.locations, strict=False):
        page_text = extract_text(str(FORMATS / "seed002.pdf"), page_numbers=[loc.page - 1])
        assert squeeze(line)[:12] in squeeze(page_text)
        assert loc.page_line >= 1
    counsel = next(loc for line, loc in zip(source.lines, source.locations, strict=False) if "法律顾问" in line)
    assert counsel.describe().startswith(f"page {counsel.page}, line ")


def test_pdf_page_lines_count_from_one_on_each_page():
    source = read_report(FORMATS / "seed001.pdf")
    first = source.locations[0]
    assert (first.page, first.page_line) == (1, 1)
    by_page: dict[int, list[int]] = {}
    for loc in source.locations:
        by_page.setdefault(loc.page, []).append(loc.page_line)
    for page_lines in by_page.values():
        assert page_lines == sorted(page_lines) and page_lines[0] >= 1


def test_docx_paragraph_numbers_are_body_paragraphs():
    # LibreOffice makes one paragraph per line of the .txt, blank lines included.
    lines = seed_lines("seed002")
    source = read_report(FORMATS / "seed002.docx")
    for line, loc in zip(source.lines, source.locations, strict=False):
        assert lines[loc.paragraph - 1].strip() == line.strip()
        assert loc.describe() == f"paragraph {loc.paragraph}"


def test_docx_headings_tables_and_text_boxes():
    source = read_report(FORMATS / "structured.docx")
    where = dict(zip(source.lines, source.locations, strict=False))
    levels = {source.lines[line - 1]: level for line, level in source.heading_levels.items()}
    assert levels == {"一、主要举措和成效": 1, "（一）健全法律顾问制度": 2, "二、存在的不足和原因": 1}
    cell = where["法制审核率100%"]
    assert (cell.table, cell.row, cell.cell) == (1, 3, 2)
    assert where["事前公开、事中公示、事后公开"].describe() == "table 1, row 2, cell 2"
    assert where["文本框：全县公职律师38名。"].paragraph == where[
        "县政府聘请常年法律顾问，实现县乡两级法律顾问全覆盖。"].paragraph
    assert source.lines.count("文本框：全县公职律师38名。") == 1   # not again from the VML copy


def test_docx_keeps_tables_in_document_order():
    lines = read_report(FORMATS / "structured.docx").lines
    assert lines.index("表1 行政执法三项制度落实情况") < lines.index("制度") \
        < lines.index("二、存在的不足和原因")


# --- encodings -------------------------------------------------------------------------

@pytest.mark.parametrize("fixture, encoding", [
    ("seed001.gbk.txt", "gb18030"), ("seed001.utf16.txt", "utf-16"), ("seed001.trad.txt", "utf-8")])
def test_text_encodings_are_detected(fixture, encoding):
    source = read_report(FORMATS / fixture)
    assert source.encoding == encoding
    assert list(source.match_lines) == seed_lines("seed001")


@pytest.mark.parametrize("codec, expected", [
    ("utf-8-sig", "utf-8-sig"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
    ("gbk", "gb18030"), ("utf-8", "utf-8")])
def test_encodings_with_and_without_bom(tmp_path, codec, expected):
    path = tmp_path / "report.txt"
    path.write_bytes(SEEDS["seed001"].read_text(encoding="utf-8").encode(codec))
    source = read_report(path)
    assert source.encoding == expected
    assert list(source.lines) == seed_lines("seed001")


def test_forced_encoding_is_used(tmp_path):
    source = read_report(FORMATS / "seed001.gbk.txt", encoding="gbk")
    assert source.encoding == "gbk"
    assert list(source.lines) == seed_lines("seed001")
    with pytest.raises(ReportReadError) as caught:
        read_report(FORMATS / "seed001.gbk.txt", encoding="utf-8")
    assert caught.value.code == "bad-encoding"


def test_markdown_is_read_as_text(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text("# 报告\n\n法律顾问全覆盖。\n", encoding="utf-8")
    source = read_report(path)
    assert source.format == "md" and source.lines[2] == "法律顾问全覆盖。"


# --- Traditional characters -------------------------------------------------------------

def test_traditional_input_gets_simplified_match_lines_of_equal_length():
    source = read_report(FORMATS / "seed001.trad.txt")
    written = (FORMATS / "seed001.trad.txt").read_text(encoding="utf-8").split("\n")
    assert list(source.lines) == written
    assert any("顧問" in line for line in source.lines)
    assert source.simplified is not None
    assert [len(s) for s in source.simplified] == [len(line) for line in source.lines]
    assert list(source.match_lines) == seed_lines("seed001")


def test_simplified_text_has_no_simplified_copy():
    assert read_report(SEEDS["seed002"]).simplified is None


@pytest.mark.parametrize("line", ["這個軟體的記憶體", "乾隆皇帝與頭髮", "法律顧問覆蓋"])
def test_simplify_line_keeps_length(line):
    assert len(simplify_line(line)) == len(line)


def test_phrase_conversion_that_changes_length_falls_back_to_characters(monkeypatch):
    real = traditional._t2s()

    class LengthChanging:
        def convert(self, text):
            return real.convert(text).replace("法律顾问", "律师") if len(text) > 1 else real.convert(text)
    monkeypatch.setattr(traditional, "_t2s", lambda: LengthChanging())
    assert simplify_line("聘請法律顧問") == "聘请法律顾问"


# --- HTML -------------------------------------------------------------------------------

def test_html_article_without_site_chrome():
    source = read_report(FORMATS / "seed001.html")
    assert list(source.lines) == [line for line in seed_lines("seed001") if line.strip()]
    text = source.text
    for chrome in ("首页", "当前位置", "版权所有", "相关新闻", "索 引 号", "doZoom", "分享到",
                   "统计代码", "请输入关键词", "打印本页"):
        assert chrome not in text


def test_html_deeply_nested_page(tmp_path):
    depth = 10_000
    page = "<html><body>" + "<div>" * depth + "<p>法律顾问全覆盖。</p>" + "</div>" * depth
    path = tmp_path / "deep.html"
    path.write_text(page + "</body></html>", encoding="utf-8")
    assert read_report(path).lines == ("法律顾问全覆盖。",)


def test_html_unclosed_deep_tags(tmp_path):
    path = tmp_path / "unclosed.html"
    path.write_text("<body>" + "<span><b>" * 10_000 + "全面落实行政执法三项制度", encoding="utf-8")
    assert read_report(path).lines == ("全面落实行政执法三项制度",)


def test_html_without_named_container_takes_the_richest_block(tmp_path):
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
            "</head><body><div><a href='/'>首页</a> <a href='/x'>机构概况</a></div>"
            "<div><p>一、主要举措和成效</p><p>聘请常年法律顾问，实现法律顾问全覆盖。</p></div>"
            "<div>联系我们 网站地图</div></body></html>")
    path = tmp_path / "plain.htm"
    path.write_bytes(page.encode("gbk"))
    source = read_report(path)
    assert source.encoding == "gb18030"
    assert source.lines == ("一、主要举措和成效", "聘请常年法律顾问，实现法律顾问全覆盖。")


# --- PDF line joining -------------------------------------------------------------------

def _pdf_lines(*texts: str, gap: float = 0.0) -> list[PdfLine]:
    return [PdfLine(text, 1, i, gap) for i, text in enumerate(texts, start=1)]


def _join(lines: list[PdfLine]) -> list[PdfLine]:
    return join_broken_lines(lines, load_language().own_line_starts)


def test_join_continuation_keeps_first_location():
    joined = _join(_pdf_lines("县政府聘请常年法律", "顾问，实现全覆盖。", "一、存在的不足"))
    assert [(line.text, line.page_line) for line in joined] == [
        ("县政府聘请常年法律顾问，实现全覆盖。", 1), ("一、存在的不足", 3)]


@pytest.mark.parametrize("first, second", [
    ("全面落实三项制度。", "法律顾问全覆盖"), ("主要做法如下", "（一）加强领导"),
    ("主要做法如下", "1.加强领导"), ("主要做法如下", "二、存在问题"), ("主要做法如下", ""),
    ("主要做法如下", "3.2021年工作计划"), ("主要做法如下", "附件1"), ("主要做法如下", "第三条 规定")])
def test_no_join_after_sentence_end_or_before_heading(first, second):
    assert len(_join(_pdf_lines(first, second))) == 2


def test_no_join_after_a_short_line():
    lines = [PdfLine("一、主要举措和成效", 1, 1, gap=20.0), PdfLine("县政府高度重视", 1, 2, 0.0)]
    assert len(_join(lines)) == 2


def test_latin_hyphen_and_word_joins():
    joined = _join(_pdf_lines("the legal coun-", "sel system and", "more words."))
    assert joined[0].text == "the legal counsel system and more words."


# --- bad files --------------------------------------------------------------------------

def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _garbage(size: int = 4096) -> bytes:
    return bytes((i * 7919 + 13) % 256 for i in range(size))


def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as entry:
            for _ in range(10):
                entry.write(b"\0" * (1024 * 1024))
    return path


def _many_entries(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(2100):
            archive.writestr(f"word/media/{i}.xml", "")
    return path


def _encrypted_pdf(path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter
    writer = PdfWriter()
    for page in PdfReader(FORMATS / "seed001.pdf").pages:
        writer.add_page(page)
    writer.encrypt("secret")
    with path.open("wb") as out:
        writer.write(out)
    return path


def _image_only_pdf(path: Path) -> Path:
    """A one-page PDF whose only content is a small grey image, as a scanner makes."""
    content = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
         b"/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        (b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
         b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x40\x40\x80\nendstream"),
    ]
    return _write(path, pdf_bytes(objects))


BAD_FILES = {
    "empty": lambda d: _write(d / "empty.txt", b""),
    "whitespace": lambda d: _write(d / "blank.txt", " \n\t\r\n\u3000\n".encode("utf-8")),
    "whitespace html": lambda d: _write(d / "blank.html", b"<html><body> </body></html>"),
    "binary": lambda d: _write(d / "garbage.txt", _garbage()),
    "binary html": lambda d: _write(d / "garbage.html", _garbage()),
    "nul bytes": lambda d: _write(d / "nul.txt", b"\x00\x01\x02\x03" * 300 + b"abc"),
    "broken zip": lambda d: _write(d / "broken.docx", b"PK\x03\x04" + _garbage(500)),
    "garbage docx": lambda d: _write(d / "garbage.docx", _garbage()),
    "zip without document": lambda d: _write(d / "other.docx", _zip_of({"a.txt": "hello"})),
    "zip bomb": lambda d: _zip_bomb(d / "bomb.docx"),
    "too many entries": lambda d: _many_entries(d / "many.docx"),
    "encrypted pdf": lambda d: _encrypted_pdf(d / "locked.pdf"),
    "image-only pdf": lambda d: _image_only_pdf(d / "scan.pdf"),
    "broken pdf": lambda d: _write(d / "broken.pdf", b"%PDF-1.4\n" + _garbage(800)),
    "garbage wps": lambda d: _write(d / "report.wps", _garbage()),
    "ofd": lambda d: _write(d / "report.ofd", b"PK\x03\x04"),
    "missing": lambda d: d / "nowhere.txt",
    "directory": lambda d: _mkdir(d / "folder.txt"),
    "unsupported": lambda d: _write(d / "sheet.xlsx", b"PK\x03\x04"),
    "no suffix": lambda d: _write(d / "README", b"text"),
}
EXPECTED_CODE = {
    "empty": "empty", "whitespace": "empty", "whitespace html": "empty",
    "binary": "binary", "binary html": "binary", "nul bytes": "binary",
    "broken zip": "bad-docx", "garbage docx": "bad-docx", "zip without document": "bad-docx",
    "zip bomb": "bad-docx", "too many entries": "bad-docx", "encrypted pdf": "encrypted-pdf",
    "image-only pdf": "no-text-layer", "broken pdf": "bad-pdf",
    "garbage wps": "bad-document", "ofd": "unsupported", "missing": "not-found", "directory": "unreadable",
    "unsupported": "unsupported", "no suffix": "unsupported",
}


def _zip_of(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _mkdir(path: Path) -> Path:
    path.mkdir()
    return path


def _assert_refused(path: Path, code: str, **options) -> ReportReadError:
    with pytest.raises(ReportReadError) as caught:
        read_report(path, **options)
    error = caught.value
    assert error.code == code, error.message
    assert error.message and "\n" not in error.message
    assert error.path == str(path) and str(path) in str(error)
    return error


@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_bad_files_are_refused_with_a_code(tmp_path, kind):
    _assert_refused(BAD_FILES[kind](tmp_path), EXPECTED_CODE[kind])


def test_a_document_format_no_reader_reads_says_what_to_do(tmp_path):
    error = _assert_refused(BAD_FILES["ofd"](tmp_path), "unsupported")
    assert "PDF" in error.message


def test_no_text_layer_suggests_ocr(tmp_path):
    error = _assert_refused(_image_only_pdf(tmp_path / "scan.pdf"), "no-text-layer")
    assert "OCR" in error.message


def test_over_the_size_limit(tmp_path):
    _assert_refused(SEEDS["seed001"], "too-large", max_bytes=1000)
    _assert_refused(FORMATS / "seed001.pdf", "too-large", max_bytes=1000)


def test_no_permission(tmp_path, monkeypatch):
    path = _write(tmp_path / "secret.txt", "法律顾问".encode())

    def refuse(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", refuse)
    error = _assert_refused(path, "unreadable")
    assert "Permission denied" in error.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_no_permission_on_disk(tmp_path):
    path = _write(tmp_path / "secret.txt", "法律顾问".encode())
    path.chmod(0)
    try:
        _assert_refused(path, "unreadable")
    finally:
        path.chmod(0o600)


# --- suffixes ---------------------------------------------------------------------------

def test_supported_suffixes():
    assert {".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".doc", ".wps", ".wpt", ".rtf",
            ".odt"} <= set(SUPPORTED_SUFFIXES)
    assert is_supported("a/报告.DOCX") and is_supported(Path("x.htm")) and is_supported("x.WPS")
    assert not is_supported("report.ofd") and not is_supported("report.xlsx")


def test_docx_over_the_inflated_size_limit_is_refused_before_opening(monkeypatch):
    from checker.readers import zipguard
    monkeypatch.setattr(zipguard, "MAX_UNCOMPRESSED", 10_000)
    error = _assert_refused(FORMATS / "seed001.docx", "bad-docx")
    assert "inflates" in error.message
