"""The command line as a user meets it: output, JSON contract, exit codes, pack errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import jsonschema
from conftest import ROOT, SEEDS

REPORT = str(SEEDS / "001_04b6fb7adc03cf2d.txt")
PLAN = str(SEEDS / "004_d6586b12e3beefb6.txt")


def fazhi(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd or ROOT, env=env, timeout=120)


def result_schema():
    path = ROOT / "checker" / "schemas" / "result.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_json_output_follows_the_published_schema():
    run = fazhi("check", "--format", "json", *sorted(str(p) for p in SEEDS.glob("*.txt")))
    data = json.loads(run.stdout)
    jsonschema.validate(data, result_schema())
    assert [r["file"].rsplit("/", 1)[-1][:3] for r in data["reports"]] == ["000", "001", "002", "003", "004"]
    three = next(e for e in data["reports"][1]["elements"] if e["id"] == "three-systems")
    assert three["status"] == "partial" and [p["id"] for p in three["parts"]] == ["publicity", "full-record", "legal-review"]


def test_text_output_shows_missing_first_with_hints_and_evidence_lines():
    run = fazhi("check", REPORT)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "得分：75/100  通过" in out and "类型：年度报告" in out
    assert out.index("✗ 缺失") < out.index("◐ 部分达标") < out.index("✓ 达标")
    assert "提示：写明行政机关负责人出庭应诉" in out
    assert "第6行：[已落实]" in out and "重大行政决策事项目录" in out
    assert "\033[" not in out  # no colour when not on a terminal


def test_lang_en_gives_the_same_output_in_english():
    run = fazhi("check", "--lang", "en", REPORT)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "score: 75/100  PASS" in out and "kind: annual-report" in out
    assert out.index("✗ missing") < out.index("◐ partial") < out.index("✓ met")
    assert "hint: 写明行政机关负责人出庭应诉" in out
    assert "line 6: [achieved]" in out and "重大行政决策事项目录" in out
    assert not any(word in out for word in ("得分", "达标", "缺失", "提示", "类型", "已落实", "第6行"))


def test_json_is_the_same_in_both_languages():
    chinese, english = (fazhi("check", "--format", "json", "--lang", lang, REPORT, PLAN).stdout
                        for lang in ("zh", "en"))
    assert chinese == english
    assert '"status": "met"' in chinese and "this document is not an annual report" in chinese


def test_an_unknown_language_is_refused():
    run = fazhi("check", "--lang", "fr", REPORT)
    assert run.returncode == 2 and "unknown language 'fr'; valid: zh, en" in run.stderr


def test_plan_fails_the_gate_and_warns_it_is_not_a_report():
    run = fazhi("check", PLAN)
    assert run.returncode == 1
    assert "注意：这份文件不是法治政府建设年度报告（类型：实施方案）" in run.stdout
    assert "not an annual report (kind: implementation-plan)" in fazhi("check", "--lang", "en", PLAN).stdout


def test_fail_under_changes_the_verdict():
    assert fazhi("check", "--fail-under", "99", REPORT).returncode == 1
    assert fazhi("check", "--fail-under", "10", REPORT).returncode == 0


def test_unreadable_file_is_exit_2_with_one_line_and_others_still_checked(tmp_path):
    run = fazhi("check", "--format", "json", str(tmp_path / "nope.txt"), REPORT)
    assert run.returncode == 2
    data = json.loads(run.stdout)
    assert data["reports"][0]["errors"][0]["code"] == "not-found"
    assert data["reports"][1]["score"] > 0
    assert run.stderr.strip().count("\n") == 0 and "nope.txt" in run.stderr
    assert "Traceback" not in run.stderr


def test_unknown_format_lists_valid_ones():
    run = fazhi("check", "--format", "yaml", REPORT)
    assert run.returncode == 2 and "valid formats:" in run.stderr and "json" in run.stderr


def test_explain_element_shows_basis_from_pack_data():
    run = fazhi("explain", "major-decision-catalogue")
    assert run.returncode == 0
    assert "国务院令第713号" in run.stdout and "第三条第三款" in run.stdout and "hint:" in run.stdout


def test_explain_with_a_file_lists_counted_and_rejected_candidates():
    run = fazhi("explain", "leader-law-report", str(SEEDS / "001_04b6fb7adc03cf2d.txt"))
    assert run.returncode == 0 and "counted as achieved" in run.stdout
    run = fazhi("check", "--explain", "counsel-coverage", str(SEEDS / "000_ac4e17fc9cb3faab.txt"))
    assert "counted as problem" in run.stdout and "rejected" not in run.stdout.split("顾问作用")[0][-5:]


def test_unknown_element_is_a_usage_error():
    run = fazhi("explain", "no-such-element")
    assert run.returncode == 2 and "known:" in run.stderr


def test_rules_list_names_every_pack_and_element():
    out = fazhi("rules", "list").stdout
    for name in ("core", "annual-report", "practice", "three-systems", "section.next-steps", "mediation"):
        assert name in out


def test_python_dash_m_and_console_script_agree():
    run = fazhi("--help")
    assert run.returncode == 0 and "check" in run.stdout


def test_brief_text_lists_only_what_fails_with_hints():
    run = fazhi("check", "--brief", REPORT)
    assert "✗ 缺失     leader-in-court" in run.stdout and "提示：" in run.stdout
    assert "✓ 达标" not in run.stdout and "第6行" not in run.stdout
    run = fazhi("check", "--brief", "--lang", "en", REPORT)
    assert "✗ missing        leader-in-court" in run.stdout and "hint:" in run.stdout
    assert "✓ met" not in run.stdout and "line 6: [achieved]" not in run.stdout


def test_version_is_the_package_version():
    try:
        import tomllib
    except ImportError:       # Python 3.10
        import tomli as tomllib
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    run = fazhi("--version")
    assert (run.returncode, run.stdout) == (0, f"fazhi {version}\n")


def test_check_on_a_folder_points_to_audit():
    run = fazhi("check", str(SEEDS))
    assert run.returncode == 2 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    assert "is a directory, not a report file" in run.stderr and f"`fazhi audit {SEEDS}`" in run.stderr


def test_help_texts_are_whole():
    """[tool.fazhi] survives (no markup eats it) and no command summary is cut short."""
    assert "[tool.fazhi]" in fazhi("check", "--help").stdout
    top = fazhi("--help").stdout
    commands = top[top.index("Commands:"):]
    assert "..." not in commands
    for name in ("check", "explain", "audit", "annotate", "feedback", "diff", "rules", "config"):
        assert f"  {name} " in commands
    for command in ("check", "explain", "audit", "diff"):
        assert "[tool.fazhi]" in fazhi(command, "--help").stdout


def test_explain_knows_an_element_by_its_title_or_a_unique_part_of_either():
    for name in ("三项制度", '行政执法"三项制度"', "three", "THREE-SYSTEMS"):
        run = fazhi("explain", name)
        assert run.returncode == 0, (name, run.stderr)
        assert run.stdout.startswith("three-systems  行政执法")
    assert fazhi("explain", "政府法律顾问").stdout.startswith("counsel-coverage")


def test_explain_lists_the_candidates_of_an_ambiguous_name():
    run = fazhi("explain", "党政主要负责人")
    assert run.returncode == 2 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1
    for element in ("first-responsible-person", "section.leader-duty", "leader-law-report"):
        assert element in run.stderr


def test_explain_with_a_file_ends_with_the_final_status():
    run = fazhi("explain", "出庭应诉", REPORT)
    assert run.returncode == 0, run.stderr
    assert run.stdout.rstrip().splitlines()[-1] == "  status: missing (stance problem)"
    last = fazhi("explain", "三项制度", str(SEEDS / "000_ac4e17fc9cb3faab.txt")).stdout.rstrip().splitlines()[-1]
    assert last.startswith("  status: not-applicable") and "applies from 2019" in last
    plan = fazhi("explain", "section.achievements", PLAN).stdout.rstrip().splitlines()[-1]
    assert plan == "  status: missing (stance absent; required: fails the gate)"


def test_check_of_many_reports_ends_naming_the_failed_and_the_unreadable(tmp_path):
    run = fazhi("check", REPORT, PLAN, str(tmp_path / "nope.txt"))
    assert run.returncode == 2
    tail = run.stdout.rstrip().splitlines()[-3:]
    assert tail == ["共 3 份报告，1 份通过", f"  未通过：{PLAN}", f"  无法读取：{tmp_path / 'nope.txt'}"]
    assert "nope.txt: 文件不存在（no such file）" in run.stderr
    run = fazhi("check", "--lang", "en", REPORT, PLAN, str(tmp_path / "nope.txt"))
    tail = run.stdout.rstrip().splitlines()[-3:]
    assert tail == ["1 of 3 reports passed", f"  failed: {PLAN}", f"  could not be read: {tmp_path / 'nope.txt'}"]


def test_full_text_says_why_a_report_fails_the_gate():
    out = fazhi("check", PLAN).stdout
    assert ("  未通过审查标准：得分 7.7 低于 60 分（合格线）; 缺少必备要素：section.achievements、"
            "section.shortcomings、section.next-steps") in out
    out = fazhi("check", "--lang", "en", PLAN).stdout
    assert ("  fails the gate: score 7.7 is under 60 (fail-under); missing required: section.achievements, "
            "section.shortcomings, section.next-steps") in out


def test_a_folder_among_files_is_one_unreadable_report_pointing_to_audit():
    run = fazhi("check", "--lang", "en", str(SEEDS), REPORT)
    assert run.returncode == 2
    assert run.stderr.strip() == (f"fazhi: {SEEDS}: is a directory, not a report file; "
                                  f"`fazhi audit {SEEDS}` checks every report in a folder")
    assert "score: 75/100  PASS" in run.stdout
