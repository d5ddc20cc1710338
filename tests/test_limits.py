"""The reading limits (checker/readers/limits.py) hold in every format: a file past one is
refused with one line naming it and the limit, before the work that grows with it, and in
an audit it is one entry of `errors` beside the others' results. The time and memory these
limits keep a check within are measured by `python ci/bench_limits.py`, not here."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEEDS
from pdfwriter import write_text_pdf
from test_cli import fazhi
from test_hostile import assert_one_line_per_problem

from checker.readers.limits import LIMITS

REPORT = SEEDS / "001_04b6fb7adc03cf2d.txt"


def _words(count: int, word: bytes = b"(law) Tj") -> bytes:
    """A page of `count` words, each moved and shown: three operators a word."""
    return b"BT /F1 10 Tf 50 800 Td\n" + b"1 -1 Td %s\n" % word * count + b"ET\n"


def _check(*paths: Path):
    return fazhi("check", "--format", "json", *map(str, paths), str(REPORT))


def _checked_report_kept(run) -> None:
    """The good report beside the refused file still has its result."""
    reports = {r["file"]: r for r in json.loads(run.stdout)["reports"]}
    assert reports[str(REPORT)]["score"] > 0 and len(reports) == 2


def test_a_small_pdf_with_a_page_of_too_many_operators_is_refused(tmp_path):
    pdf = write_text_pdf(tmp_path / "ops.pdf", [_words(LIMITS.pdf_page_operators // 3 + 1)])
    assert pdf.stat().st_size < 10_000       # it compresses: small on disk, huge to interpret
    run = _check(pdf)
    assert_one_line_per_problem(run, [(str(pdf), f"page 1 has over {LIMITS.pdf_page_operators} operators")])
    _checked_report_kept(run)


def test_a_pdf_whose_pages_together_pass_the_operator_limit_is_refused(tmp_path):
    per_page = LIMITS.pdf_page_operators // 3 - 10
    pages = LIMITS.pdf_operators // (per_page * 3) + 1
    pdf = write_text_pdf(tmp_path / "pages.pdf", [_words(per_page)] * pages)
    run = _check(pdf)
    assert_one_line_per_problem(run, [(str(pdf), f"have over {LIMITS.pdf_operators} operators")])


def test_a_pdf_content_stream_that_inflates_past_the_limit_is_refused(tmp_path):
    pdf = write_text_pdf(tmp_path / "inflates.pdf", [b" " * (LIMITS.pdf_content_bytes + 1)])
    run = _check(pdf)
    assert_one_line_per_problem(run, [(str(pdf), f"inflates past {LIMITS.pdf_content_bytes} bytes")])


def test_a_pdf_within_the_operator_limits_is_read(tmp_path):
    pdf = write_text_pdf(tmp_path / "words.pdf", [_words(LIMITS.pdf_page_operators // 3 - 10)] * 2)
    run = fazhi("check", "--format", "json", str(pdf))
    assert run.returncode in (0, 1) and run.stderr == ""
    assert json.loads(run.stdout)["reports"][0]["document"]["chars"] > 0


def test_a_web_page_of_too_many_tags_is_refused_before_it_is_parsed(tmp_path):
    page = tmp_path / "tags.html"
    page.write_text("<html><body>" + "\n".join(f"<p>{n}</p>" for n in range(LIMITS.html_tags + 1))
                    + "</body></html>", encoding="utf-8")
    run = _check(page)
    assert_one_line_per_problem(run, [(str(page), f"tags, over the limit of {LIMITS.html_tags}")])
    _checked_report_kept(run)


def test_a_web_page_of_too_many_lines_is_refused(tmp_path):
    page = tmp_path / "lines.html"
    page.write_text("<html><body><p>" + "<br>".join(f"第{n}项" for n in range(LIMITS.lines + 1))
                    + "</p></body></html>", encoding="utf-8")
    run = _check(page)
    assert_one_line_per_problem(run, [(str(page), f"lines, over the limit of {LIMITS.lines}")])


def test_a_text_of_too_many_characters_on_one_line_is_refused(tmp_path):
    """18 MB on one line took 26 s and 2.6 GB; past the limit it is refused unread."""
    text = tmp_path / "one-line.txt"
    line = REPORT.read_text(encoding="utf-8").replace("\n", "，")
    text.write_text(line * (LIMITS.chars // len(line) + 1), encoding="utf-8")
    run = _check(text)
    assert_one_line_per_problem(run, [(str(text), f"characters, over the limit of {LIMITS.chars}")])


def test_max_chars_lets_an_inspector_check_a_report_past_the_character_limit(tmp_path):
    """A long report refused by default says how to check it anyway; with --max-chars it is
    checked and scored, the line and sentence limits rising with the character limit."""
    text = tmp_path / "long.txt"
    report = REPORT.read_text(encoding="utf-8")
    counted = len("".join(report.split()))      # blanks are not counted
    text.write_text(report * (LIMITS.chars // counted + 1), encoding="utf-8")
    refused = _check(text)
    assert refused.returncode == 2 and "--max-chars raises it" in refused.stderr
    run = fazhi("check", "--format", "json", "--max-chars", str(LIMITS.chars * 2), str(text))
    assert run.returncode in (0, 1), run.stderr
    assert json.loads(run.stdout)["reports"][0]["score"] > 0


def test_too_many_sentences_on_one_line_are_refused(tmp_path):
    text = tmp_path / "sentences.txt"
    text.write_text("法治。" * (LIMITS.sentences + 1), encoding="utf-8")
    run = _check(text)
    assert_one_line_per_problem(run, [(str(text), f"sentences, over the limit of {LIMITS.sentences}")])


def test_the_character_limit_holds_for_docx(tmp_path):
    import docx
    document = docx.Document()
    line = REPORT.read_text(encoding="utf-8").replace("\n", "")
    for _ in range(LIMITS.chars // len(line) + 1):
        document.add_paragraph(line)
    path = tmp_path / "long.docx"
    document.save(str(path))
    run = _check(path)
    assert_one_line_per_problem(run, [(str(path), f"characters, over the limit of {LIMITS.chars}")])


def test_an_audit_lists_each_file_past_a_limit_and_keeps_the_others(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_bytes(REPORT.read_bytes())
    write_text_pdf(folder / "ops.pdf", [_words(LIMITS.pdf_page_operators // 3 + 1)])
    (folder / "sentences.txt").write_text("法治。" * (LIMITS.sentences + 1), encoding="utf-8")
    run = fazhi("audit", str(folder), "--out", str(tmp_path / "out"))
    assert run.returncode in (0, 1), run.stderr
    reports = {Path(r["file"]).name: r for r in
               json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["reports"]}
    assert reports["good.txt"]["score"] > 0 and not reports["good.txt"]["errors"]
    assert "operators" in reports["ops.pdf"]["errors"][0]["message"]
    assert "sentences" in reports["sentences.txt"]["errors"][0]["message"]
