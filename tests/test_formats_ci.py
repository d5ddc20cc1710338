"""CI formats as a CI system reads them: SARIF against the official 2.1.0 schema, JUnit
through junitparser, GitHub workflow commands, the Markdown comment, and where the CLI
writes each of them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date

import jsonschema
import pytest
from conftest import ROOT, SEEDS, warnings_of
from junitparser import Failure, JUnitXml, Skipped

from checker.judge.scoring import Gate
from checker.judge.waivers import Waiver
from checker.render import RenderOptions, renderer
from checker.render.github import escape_data, escape_property
from checker.render.words import words
from checker.run import Settings, check_path

SEED000 = str(SEEDS / "000_ac4e17fc9cb3faab.txt")   # mediation missing, leader-duty partial
PLAN = str(SEEDS / "004_d6586b12e3beefb6.txt")      # a plan: the report's parts are missing


def fazhi(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                          text=True, encoding="utf-8", cwd=cwd, env=env, timeout=120, check=False)


@pytest.fixture(scope="module")
def reports(packs, seed_results):
    return list(seed_results.values()) + [check_path("no-such-report.txt", packs)]


def render(name, reports, packs, lang="zh"):
    return renderer(name)(reports, RenderOptions(packs=packs, words=words(lang)))


def sarif_results(reports, packs):
    return json.loads(render("sarif", reports, packs))["runs"][0]["results"]


def test_sarif_is_valid_2_1_0(reports, packs):
    schema = json.loads((ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    sarif = json.loads(render("sarif", reports, packs))
    jsonschema.validate(sarif, schema)
    notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert "no-such-report.txt" in notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]


def test_sarif_rules_carry_title_basis_and_hint(packs, seed_results):
    rules = json.loads(render("sarif", list(seed_results.values()), packs))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [e.id for e in packs.elements] + ["fazhi.gate"]
    three = next(r for r in rules if r["id"] == "three-systems")
    assert "国办发〔2018〕118号" in three["help"]["text"]
    assert packs.element("three-systems").hint in three["help"]["text"]
    assert three["shortDescription"]["text"] == packs.element("three-systems").title


def test_sarif_kinds_levels_and_locations(packs, seed_results):
    """Levels follow the gate: missing recommended and partial required elements are advice
    (warning), not errors; an element whose requirement did not yet apply is notApplicable
    even where the report has it (partial or met); a missing element is located at the part
    where it belongs."""
    report = seed_results["000_ac4e17fc9cb3faab.txt"]
    results = sarif_results([report], packs)
    by_id = {r["ruleId"]: r for r in results}
    assert (by_id["mediation"]["kind"], by_id["mediation"]["level"]) == ("fail", "warning")
    assert report.element("section.leader-duty").status == "partial"     # found, but from 2017
    assert (by_id["section.leader-duty"]["kind"], by_id["section.leader-duty"]["level"]) == (
        "notApplicable", "none")
    assert by_id["counsel-coverage"]["kind"] == "notApplicable"
    assert by_id["counsel-coverage"]["properties"]["applicable"] is False
    assert by_id["three-systems"]["kind"] == "notApplicable"
    partial = {r["ruleId"]: r for r in sarif_results([seed_results["001_04b6fb7adc03cf2d.txt"]], packs)}
    assert (partial["three-systems"]["kind"], partial["three-systems"]["level"]) == ("fail", "warning")
    assert (by_id["fazhi.gate"]["kind"], by_id["fazhi.gate"]["level"]) == ("pass", "none")
    where = by_id["mediation"]["locations"][0]["physicalLocation"]
    assert where["artifactLocation"]["uri"] == "seeds/000_ac4e17fc9cb3faab.txt"
    achievements = min((h for h in report.document.headings if h.role == "achievements"),
                       key=lambda h: (h.level, h.line))
    assert where["region"] == {"startLine": achievements.line, "startColumn": 1}
    assert by_id["counsel-coverage"]["locations"][0]["physicalLocation"]["region"]["startLine"] == 13


def test_sarif_missing_required_element_is_an_error(packs, seed_results):
    results = sarif_results([seed_results["004_d6586b12e3beefb6.txt"]], packs)
    section = next(r for r in results if r["ruleId"] == "section.achievements")
    assert (section["kind"], section["level"]) == ("fail", "error")
    gate = next(r for r in results if r["ruleId"] == "fazhi.gate")
    assert (gate["kind"], gate["level"]) == ("fail", "error") and "section.achievements" in gate["message"]["text"]


def test_sarif_levels_follow_fail_on(packs, seed_results):
    """Under the audit gate (fail-on required and recommended) a missing recommended element
    is an error; under the default gate it is a warning."""
    report = seed_results["000_ac4e17fc9cb3faab.txt"]
    audit = RenderOptions(packs=packs, gate=Gate(fail_under=80, fail_on=("required", "recommended")))
    results = json.loads(renderer("sarif")([report], audit))["runs"][0]["results"]
    assert next(r for r in results if r["ruleId"] == "mediation")["level"] == "error"


def test_a_waived_element_stays_in_sarif_with_its_reason(packs):
    waiver = Waiver(element="mediation", reason="区级报告不含调解数据", source="test")
    report = check_path(SEED000, packs, Settings(waivers=(waiver,)))
    mediation = next(r for r in sarif_results([report], packs) if r["ruleId"] == "mediation")
    assert (mediation["kind"], mediation["level"]) == ("fail", "note")
    assert mediation["suppressions"][0]["justification"] == "区级报告不含调解数据"


def test_junit_one_suite_per_report_a_gate_case_and_one_case_per_element(reports, packs, tmp_path):
    path = tmp_path / "fazhi.xml"
    path.write_text(render("junit", reports, packs), encoding="utf-8")
    suites = list(JUnitXml.fromfile(str(path)))
    assert len(suites) == len(reports)
    cases = {c.name: c for c in suites[0]}     # seed 000: passes the gate, mediation missing
    assert len(cases) == len(packs.elements) + 1 and cases["mediation"].classname == "practice"
    assert cases["gate"].is_passed
    advice = next(r for r in cases["mediation"].result if isinstance(r, Skipped))
    assert "does not fail the gate" in advice.message and packs.element("mediation").hint in advice.message
    assert any(isinstance(r, Skipped) for r in cases["three-systems"].result)
    # met in the text, but a requirement only from 2017: not applicable to 2012-2016, skipped
    assert any(isinstance(r, Skipped) and "not applicable" in r.message
               for r in cases["counsel-coverage"].result)
    plan = {c.name: c for c in suites[4]}      # seed 004: a plan, its required parts missing
    gate = next(r for r in plan["gate"].result if isinstance(r, Failure))
    assert "section.achievements" in gate.message and "score 7.7 is under 60" in gate.message
    failure = next(r for r in plan["section.achievements"].result if isinstance(r, Failure))
    assert failure.message == packs.element("section.achievements").hint
    assert not any(isinstance(r, Failure) for r in plan["mediation"].result)
    unreadable = {c.name: c for c in suites[-1]}
    assert unreadable["gate"].result and unreadable["gate"].result[0]._tag == "error"


def test_junit_failures_follow_fail_on(packs, seed_results, tmp_path):
    path = tmp_path / "audit.xml"
    audit = RenderOptions(packs=packs, gate=Gate(fail_under=80, fail_on=("required", "recommended")))
    path.write_text(renderer("junit")([seed_results["000_ac4e17fc9cb3faab.txt"]], audit), encoding="utf-8")
    cases = {c.name: c for c in next(iter(JUnitXml.fromfile(str(path))))}
    assert any(isinstance(r, Failure) for r in cases["mediation"].result)


def test_github_annotations_one_per_level_with_escaping(packs, seed_results):
    lines = render("github", [seed_results["004_d6586b12e3beefb6.txt"]], packs).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning"]
    error, warning = lines
    assert error.startswith("::error file=seeds/004_d6586b12e3beefb6.txt,line=1,title=fazhi%3A 未通过审查标准::")
    assert "section.achievements" in error and "得分 7.7 低于 60 分" in error and "mediation" not in error
    assert "mediation" in warning and "6 项建议补充（不影响审查结果）" in warning
    error, warning = render("github", [seed_results["004_d6586b12e3beefb6.txt"]], packs, "en").splitlines()
    assert error.startswith("::error file=seeds/004_d6586b12e3beefb6.txt,line=1,title=fazhi%3A fails the gate::")
    assert "section.achievements" in error and "score 7.7 is under 60" in error and "mediation" not in error
    assert "mediation" in warning and "does not fail the gate" in warning
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a,b: c%") == "a%2Cb%3A c%25"


def test_markdown_table_for_a_pull_request(packs, seed_results):
    text = render("markdown", [seed_results["004_d6586b12e3beefb6.txt"]], packs)
    assert text.startswith("| 报告 | 得分 | 结果 | 未通过的原因 | 建议 |")
    assert "| `seeds/004_d6586b12e3beefb6.txt` | 7.7 | ❌ 未通过 |" in text
    details = text[text.index("未通过审查标准的原因："):]
    assert details.index("`section.achievements`") < details.index("建议补充（不影响") < details.index("`mediation`")
    assert "`mediation` 矛盾纠纷调解化解：缺失（建议）。" in text
    text = render("markdown", [seed_results["004_d6586b12e3beefb6.txt"]], packs, "en")
    assert text.startswith("| Report | Score | Result | Fails the gate | Advice |")
    assert "| `seeds/004_d6586b12e3beefb6.txt` | 7.7 | ❌ fail |" in text
    assert packs.element("section.achievements").hint in text
    details = text[text.index("Fails the gate:"):]
    assert details.index("`section.achievements`") < details.index("Advice (does not") < details.index("`mediation`")


def test_output_file_gets_the_format_and_stdout_the_text_summary(tmp_path):
    run = fazhi("check", PLAN, "--format", "sarif", "--output", str(tmp_path / "x.sarif"),
                "--report", f"junit={tmp_path / 'x.xml'}", cwd=ROOT)
    assert run.returncode == 1
    assert "得分：7.7/100  未通过" in run.stdout
    assert json.loads((tmp_path / "x.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert JUnitXml.fromfile(str(tmp_path / "x.xml")).failures > 0


def test_unknown_format_lists_the_valid_ones():
    run = fazhi("check", PLAN, "--report", "yaml=out.yaml", cwd=ROOT)
    assert run.returncode == 2
    assert "unknown format 'yaml'" in run.stderr and "sarif" in run.stderr and "junit" in run.stderr


def test_expired_waiver_is_reported_and_not_applied(packs):
    waiver = Waiver(element="mediation", reason="旧理由", expires=date(2020, 1, 1), source=".fazhi.toml")
    report = check_path(SEED000, packs, Settings(waivers=(waiver,)))
    assert report.element("mediation").waived is None
    assert any("expired on 2020-01-01" in w for w in warnings_of(report.document))
