"""Property-based tests: random Unicode text through the whole pipeline.

Whatever the text (CJK punctuation, full-width digits, control characters, very long lines,
mixed scripts, fragments of real report wording and headings), `check_source` returns a
result: the score stays within 0-100, every piece of evidence quotes its own line of the
input, and a second run gives the same result (in another process too, whatever its hash
seed). Derandomized, so CI sees the same examples.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.readers.source import SourceText
from checker.run import Settings, check_source

PROFILE = settings(max_examples=150, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SETTINGS = Settings(this_year=2025)

REPORT_WORDING = (
    "武昌区关于2024年推进法治政府建设工作情况的报告", "2023年度法治政府建设情况报告",
    "党政主要负责人切实履行推进法治建设第一责任人职责", "严格落实行政执法“三项制度”",
    "行政执法公示制度", "执法全过程记录制度", "重大执法决定法制审核制度",
    "编制并公布重大行政决策事项目录", "政府法律顾问、公职律师实现全覆盖", "法律顾问覆盖率达100%",
    "行政机关负责人出庭应诉率", "行政复议", "规范性文件合法性审核", "开展学法活动12次",
    "存在的不足和原因", "下一年度主要安排", "主要举措和成效", "有待进一步加强", "下一步，我们将",
    "【此处填写】", "XX县", "〔2013〕", "现将2024年度法治政府建设情况报告如下",
)
PAGE_NOISE = (
    "索引号：", "发布机构：", "来源：某某网", "2024-03-01 10:00", "https://www.gov.cn/a?b=1", "打印本页",
    "<!-- fazhi: waive counsel-coverage 本年度未聘请 -->", "<!-- fazhi: waive section.* x -->",
    "2019—2024年", "2025年重点任务", "武昌区人民政府", "2025年2月27日",
)
HEADINGS = ("一、", "二、", "三、", "四、", "(一)", "（二）", "1.", "2、", "①", "一是", "第一章", "# ", "## ")
CJK_PUNCTUATION = "，。；：！？、“”‘’《》〈〉【】〔〕（）—…·　「」『』﹏～"
FULL_WIDTH_DIGITS = "０１２３４５６７８９％"
CONTROLS = "".join(map(chr, range(32))) + "\x7f\x85\u2028\u2029\ufeff\u200b\u200e\ufffd"


def _chars(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=1, max_size=8)


FRAGMENTS = st.one_of(
    st.sampled_from(REPORT_WORDING),
    st.sampled_from(HEADINGS),
    st.sampled_from(PAGE_NOISE),
    _chars(CJK_PUNCTUATION),
    _chars(FULL_WIDTH_DIGITS + "0123456789年月日"),
    _chars(CONTROLS),
    st.text(max_size=20),                                     # any Unicode, mixed scripts
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=20),
    st.builds(lambda s, n: s * n, st.sampled_from(REPORT_WORDING + ("x", "。")),
              st.integers(50, 400)),                          # very long lines
)
LINE = st.lists(FRAGMENTS, max_size=6).map("".join)
TEXT = st.lists(LINE, max_size=25).map("\n".join)


def _check(text: str, packs, fmt: str = "txt"):
    source = SourceText.from_text(f"random.{fmt}", text, fmt)
    return source, check_source(source, packs, SETTINGS)


@PROFILE
@given(text=TEXT, fmt=st.sampled_from(["txt", "md"]))
def test_any_text_gets_a_score_within_0_to_100(packs, text, fmt):
    _, result = _check(text, packs, fmt)
    assert result.score is None or 0 <= result.score <= 100
    assert all(0 <= s <= 100 for s in result.pack_scores.values())
    assert {e.status for e in result.elements} <= {"met", "partial", "missing", "not-applicable"}


@PROFILE
@given(text=TEXT, fmt=st.sampled_from(["txt", "md"]))
def test_every_evidence_quotes_its_own_line_of_the_input(packs, text, fmt):
    source, result = _check(text, packs, fmt)
    for element in result.elements:
        for evidence in element.evidence:
            assert 1 <= evidence.line <= len(source.lines), (element.id, evidence)
            line = source.lines[evidence.line - 1]
            assert evidence.text and evidence.text in line, (element.id, evidence.text, line)
            assert 1 <= evidence.column <= len(line), (element.id, evidence.column, line)


@PROFILE
@given(text=TEXT)
def test_a_second_run_gives_the_same_result(packs, text):
    _, first = _check(text, packs)
    _, second = _check(text, packs)
    assert first == second


@PROFILE
@given(text=TEXT)
def test_line_numbers_follow_the_input_lines(packs, text):
    """Evidence of a line that is only a known wording points at that very line."""
    lines = text.split("\n") + ["严格落实行政执法“三项制度”。"]
    source, result = _check("\n".join(lines), packs)
    three = result.element("three-systems")
    assert any(e.line == len(source.lines) for e in three.evidence), three.evidence


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_two_processes_with_different_hash_seeds_give_the_same_output(fmt):
    """Set and dict order differ between processes; the output must not."""
    def run(seed: str) -> str:
        env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONHASHSEED=seed)
        reports = sorted(str(p) for p in SEEDS.glob("*.txt"))
        return subprocess.run([sys.executable, "-m", "checker", "check", "--format", fmt, *reports],
                              capture_output=True, text=True, encoding="utf-8", env=env,
                              cwd=ROOT, timeout=120).stdout
    first = run("1")
    assert first and first == run("2")
