"""`fazhi diff OLD NEW`: what a second draft (or next year's report) gained and lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

OLD = SEEDS / "001_04b6fb7adc03cf2d.txt"
ADDED = "全区行政机关负责人出庭应诉率达到100%,组织领导干部旁听庭审2次,开展会前学法12次。"


def fazhi(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                          text=True, check=False, encoding="utf-8", cwd=ROOT, env=env, timeout=120)


@pytest.fixture(scope="module")
def new_draft(tmp_path_factory):
    """The 2024 report redrafted: a sentence on 出庭应诉 and 学法 added, the paragraphs on
    复议/调解 (line 10) and on 法律顾问 (line 12) cut (调解 is still named on line 8)."""
    lines = OLD.read_text(encoding="utf-8").split("\n")
    kept = [line for number, line in enumerate(lines, 1) if number not in (10, 12)]
    kept.insert(8, ADDED)
    path = tmp_path_factory.mktemp("drafts") / "second-draft.txt"
    path.write_text("\n".join(kept), encoding="utf-8")
    return path


def test_diff_names_gained_and_lost_elements_and_the_score_change(packs, new_draft):
    from checker.judge.compare import diff_reports
    from checker.run import check_path
    diff = diff_reports(check_path(str(OLD), packs), check_path(str(new_draft), packs))
    assert [e.id for e in diff.of("gained")] == ["leader-in-court", "study-sessions"]
    assert [e.id for e in diff.of("lost")] == ["counsel-coverage", "admin-reconsideration"]
    lost = diff.of("lost")[0]
    assert (lost.old_status, lost.new_status) == ("met", "missing")
    assert diff.score_change == pytest.approx(diff.new_score - diff.old_score, abs=0.05)
    assert diff.score_change < 0


def test_a_requirement_that_did_not_apply_is_neither_gained_nor_lost(seed_results):
    from checker.judge.compare import diff_reports
    later, earlier = seed_results["001_04b6fb7adc03cf2d.txt"], seed_results["000_ac4e17fc9cb3faab.txt"]
    diff = diff_reports(later, earlier)     # 2024 report against a 2012—2016 one
    catalogue = next(e for e in diff.elements if e.id == "major-decision-catalogue")
    assert (catalogue.new_status, catalogue.change) == ("not-applicable", "changed")


def test_text_output(new_draft):
    run = fazhi("diff", str(OLD), str(new_draft))
    assert run.returncode == 0, run.stderr
    assert "得分：75 → " in run.stdout and "新增达标（2 项）：" in run.stdout
    assert "  - counsel-coverage  政府法律顾问、公职律师覆盖  达标 → 缺失" in run.stdout
    run = fazhi("diff", "--lang", "en", str(OLD), str(new_draft))
    assert "score: 75 → " in run.stdout
    assert "  + leader-in-court" in run.stdout and "  - admin-reconsideration" in run.stdout
    assert "met → missing" in run.stdout


def test_json_output(new_draft):
    data = json.loads(fazhi("diff", "--format", "json", str(OLD), str(new_draft)).stdout)
    assert data["schema"] == "fazhi.diff/1"
    assert data["old"]["score"] == 75 and data["score_change"] < 0
    assert [e["id"] for e in data["gained"]] == ["leader-in-court", "study-sessions"]
    lost = data["lost"][0]
    assert (lost["new"]["status"], lost["new"]["stance"], lost["new"]["evidence"]) == ("missing", "absent", [])
    assert lost["old"]["evidence"][0]["line"] == 12 and "法律顾问" in lost["old"]["evidence"][0]["text"]
    assert data["old"]["period"] == [2024, 2024] and data["warnings"] == []


def test_markdown_output(new_draft):
    text = fazhi("diff", "-f", "markdown", str(OLD), str(new_draft)).stdout
    assert text.startswith("## fazhi diff")
    assert "| `admin-reconsideration` | 行政复议 | met → missing; stance achieved → planned |" in text


def test_fail_on_loss_gates_a_regressing_draft(new_draft):
    assert fazhi("diff", "--fail-on-loss", str(OLD), str(new_draft)).returncode == 1
    assert fazhi("diff", "--fail-on-loss", str(new_draft), str(new_draft)).returncode == 0


def test_an_unreadable_report_is_a_usage_error_naming_the_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    run = fazhi("diff", str(OLD), str(empty))
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1 and str(empty) in run.stderr


def test_an_unknown_format_lists_the_valid_ones(new_draft):
    run = fazhi("diff", "-f", "sarif", str(OLD), str(new_draft))
    assert run.returncode == 2 and "valid formats: text, json, markdown" in run.stderr


def test_text_shows_each_period_and_the_evidence_of_every_change(new_draft):
    out = fazhi("diff", "--lang", "en", str(OLD), str(new_draft)).stdout
    assert "(period 2024)" in out.splitlines()[0] and "(period 2024)" in out.splitlines()[1]
    assert "warning:" not in out
    lost = out[out.index("  - counsel-coverage"):]
    assert lost.splitlines()[1].startswith("      old: line 12 [achieved]") and "法律顾问" in lost.splitlines()[1]
    assert lost.splitlines()[2] == "      new: no evidence"
    gained = out[out.index("  + leader-in-court"):]
    assert gained.splitlines()[2].startswith("      new: line 9 [achieved]") and "出庭应诉" in gained.splitlines()[2]


def test_markdown_shows_periods_and_evidence(new_draft):
    text = fazhi("diff", "-f", "markdown", str(OLD), str(new_draft)).stdout
    assert "(period 2024)" in text and "| old evidence | new evidence |" in text
    row = next(line for line in text.splitlines() if line.startswith("| `counsel-coverage`"))
    assert "line 12 [achieved]" in row and row.endswith("| no evidence |")


def test_the_older_report_second_is_warned_about():
    later, earlier = SEEDS / "001_04b6fb7adc03cf2d.txt", SEEDS / "000_ac4e17fc9cb3faab.txt"
    chinese = fazhi("diff", str(later), str(earlier)).stdout
    assert "注意：较早的报告放在了后面：旧报告的报告期是 2024，新报告的是 2012—2016" in chinese
    run = fazhi("diff", "--lang", "en", str(later), str(earlier))
    assert run.returncode == 0
    assert ("warning: the older report comes second: OLD covers 2024, NEW covers 2012—2016; "
            "give the earlier report first") in run.stdout
    assert "different governments" not in run.stdout      # 武昌区 is 武汉市武昌区人民政府
    data = json.loads(fazhi("diff", "-f", "json", str(later), str(earlier)).stdout)
    assert data["new"]["period"] == [2012, 2016] and len(data["warnings"]) == 1
    assert "较早的报告放在了后面" in fazhi("diff", "-f", "json", str(later), str(earlier)).stderr
    assert "注意" not in fazhi("diff", str(earlier), str(later)).stdout


def test_two_governments_are_warned_about(tmp_path):
    text = OLD.read_text(encoding="utf-8")
    title = text.splitlines()[0]
    other = tmp_path / "other.txt"
    other.write_text(text.replace(title, title.replace("武昌区", "另一县人民政府"), 1), encoding="utf-8")
    same = tmp_path / "same.txt"
    same.write_text(text.replace(title, title.replace("武昌区", "武汉市武昌区人民政府"), 1), encoding="utf-8")
    warned = fazhi("diff", "--lang", "en", str(OLD), str(other)).stdout
    assert "warning: the two reports seem to be of different governments: 武昌区 (old) and 另一县人民政府 (new)" in warned
    assert "注意" not in fazhi("diff", str(OLD), str(same)).stdout


def test_issuer_of_a_title():
    from checker.judge.compare import issuer
    assert issuer("某某县人民政府关于2023年度法治政府建设情况的报告") == "某某县人民政府"
    assert issuer("临江市市场监督管理局2022年法治政府建设年度报告") == "临江市市场监督管理局"
    assert issuer("2023年法治政府建设年度报告") == ""
