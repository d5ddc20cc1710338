"""Key figures: read from the seeds exactly as seeds/figures.yaml lists them (checked by
hand), the rule cases of tests/figure_cases.yaml, `requires_figure`, the pack checks, and
the figures in the JSON, text and CSV outputs."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, SEEDS

CASES = yaml.safe_load((Path(__file__).parent / "figure_cases.yaml").read_text(encoding="utf-8"))
EXPECTED = yaml.safe_load((SEEDS / "figures.yaml").read_text(encoding="utf-8"))


def _reading(figure) -> dict:
    found = {"figure": f"{figure.element}.{figure.figure}", "text": figure.text,
             "value": figure.value, "line": figure.line}
    if figure.approx:
        found["approx"] = figure.approx
    if figure.period:
        found["period"] = figure.period
    return found


def _key(item: dict) -> tuple:
    return (item["figure"], item["line"], item["text"])


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_figure_a_seed_states_is_read_and_nothing_else(name, seed_results):
    read = [_reading(f) for f in seed_results[name].figures]
    expected = EXPECTED[name]["figures"]
    assert sorted(read, key=_key) == sorted(({**e, "value": float(e["value"])} for e in expected), key=_key)


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if EXPECTED[n].get("missed")))
def test_the_figures_still_missed_are_listed_with_their_reason(name, seed_results):
    """When fazhi learns to read one, it moves from `missed` to `figures` in seeds/figures.yaml."""
    read = {(f"{f.element}.{f.figure}", f.line, f.text) for f in seed_results[name].figures}
    for missed in EXPECTED[name]["missed"]:
        assert missed["why"]
        assert (missed["figure"], missed["line"], missed["text"]) not in read


def test_every_seed_is_in_the_expectations():
    assert sorted(EXPECTED) == sorted(p.name for p in SEEDS.glob("*.txt"))


# --- rule cases ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def language():
    from checker.understand.language import load_language
    return load_language()


@pytest.mark.parametrize("case", CASES["numbers"], ids=[c["text"] for c in CASES["numbers"]])
def test_a_number_is_read_with_its_unit_and_approximation(case, language):
    from checker.understand.numbers import find_numbers
    numbers = find_numbers(case["text"], language.numbers)
    assert len(numbers) == 1, numbers
    number = numbers[0]
    assert (number.text, number.value, number.high, number.unit, number.approx) == (
        case["text"], case["value"], case.get("high"), case["unit"], case.get("approx"))


@pytest.mark.parametrize("text", CASES["none"])
def test_ordinals_and_numerals_without_a_unit_are_no_numbers(text, language):
    from checker.understand.numbers import find_numbers
    assert find_numbers(text, language.numbers) == []


def _figures_of(snippet: str, packs):
    from checker.readers.source import SourceText
    from checker.run import check_source
    report = check_source(SourceText.from_text("case.txt", CASES["wrapper"].format(text=snippet)), packs)
    return report.figures


@pytest.mark.parametrize("case", CASES["read"], ids=[c["text"][:20] for c in CASES["read"]])
def test_a_figure_stated_as_a_result_is_read(case, packs):
    read: dict[str, list[str]] = {}
    for figure in _figures_of(case["text"], packs):
        read.setdefault(f"{figure.element}.{figure.figure}", []).append(figure.text)
    expected = {k: v if isinstance(v, list) else [v] for k, v in case["figures"].items()}
    assert read == expected


@pytest.mark.parametrize("text", CASES["not_read"])
def test_no_figure_is_read_from_a_plan_a_gap_a_rule_or_another_count(text, packs):
    assert [(f.element, f.figure, f.text) for f in _figures_of(text, packs)] == []


@pytest.mark.parametrize("case", CASES["period"], ids=[c["text"][:16] for c in CASES["period"]])
def test_the_period_a_sentence_names_is_kept(case, packs):
    figures = [f for f in _figures_of(case["text"], packs)
               if f"{f.element}.{f.figure}" == case["figure"]]
    assert [f.period for f in figures] == [case["period"]]


@pytest.mark.parametrize("text", CASES["not_a_report"])
def test_a_document_that_is_not_a_report_yields_no_figures(text, packs):
    from checker.readers.source import SourceText
    from checker.run import check_source
    report = check_source(SourceText.from_text("news.txt", text), packs)
    assert report.document.kind == "other" and report.figures == ()


def test_a_plan_yields_no_figures(seed_results):
    plan = seed_results["004_d6586b12e3beefb6.txt"]
    assert plan.document.kind == "implementation-plan" and plan.figures == ()


# --- requires_figure ----------------------------------------------------------------------

REQUIRING_PACK = """\
pack: strict-practice
title: 要求写明出庭率
extends: practice
overrides:
  leader-in-court: {requires_figure: [appearance-rate]}
"""


@pytest.fixture(scope="module")
def strict_packs(tmp_path_factory):
    from checker.packs.load import load_packs
    folder = tmp_path_factory.mktemp("packs")
    (folder / "strict.yaml").write_text(REQUIRING_PACK, encoding="utf-8")
    return load_packs([str(folder / "strict.yaml")])


def _leader_in_court(snippet: str, packs):
    from checker.readers.source import SourceText
    from checker.run import check_source
    report = check_source(SourceText.from_text("case.txt", CASES["wrapper"].format(text=snippet)), packs)
    return report.element("leader-in-court")


def test_a_claim_without_the_required_figure_is_partial_with_a_hint_naming_it(strict_packs, packs):
    snippet = "严格落实行政机关负责人出庭应诉制度，县长带头出庭应诉。"
    element = _leader_in_court(snippet, strict_packs)
    assert element.status == "partial" and element.score == 0.5
    assert "负责人出庭应诉率（%）" in element.hint
    assert _leader_in_court(snippet, packs).status == "met"      # the shipped pack does not require it


def test_a_claim_with_the_required_figure_is_met(strict_packs):
    element = _leader_in_court("行政机关负责人出庭应诉18件，出庭应诉率100%。", strict_packs)
    assert element.status == "met" and "补充数字" not in element.hint


def test_a_figure_in_a_plan_does_not_satisfy_the_requirement(strict_packs):
    element = _leader_in_court("严格落实负责人出庭应诉制度。下一步，力争出庭应诉率达到100%。", strict_packs)
    assert element.status == "partial"


def test_requires_figure_must_name_a_figure_of_the_element(tmp_path):
    from checker.packs.load import PackError, load_packs
    pack = tmp_path / "bad.yaml"
    pack.write_text(REQUIRING_PACK.replace("appearance-rate", "attendance"), encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_packs([str(pack)])
    assert f"{pack}:5: overrides.leader-in-court.requires_figure" in str(error.value)
    assert "no figure 'attendance'; its figures: appearance-rate, appearances" in str(error.value)


def test_a_figure_needs_a_wording_and_a_unit(tmp_path):
    from checker.packs.load import PackError, load_packs
    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: extra\ntitle: 补充\nextends: practice\noverrides:\n"
                    "  mediation: {add_figures: [{id: mediators, title: 调解员人数}]}\n", encoding="utf-8")
    with pytest.raises(PackError) as error:
        load_packs([str(pack)])
    message = str(error.value)
    assert f"{pack}:5: overrides.mediation.add_figures[0]" in message and "'unit' is a required property" in message


def test_a_pack_can_add_a_figure_to_an_element(tmp_path, packs):
    from checker.packs.load import load_packs
    from checker.readers.source import SourceText
    from checker.run import check_source
    pack = tmp_path / "extra.yaml"
    pack.write_text("pack: extra\ntitle: 补充\nextends: practice\noverrides:\n  mediation:\n"
                    "    add_figures: [{id: mediators, title: 人民调解员人数, unit: 名, units: [人],\n"
                    "                   wordings: [人民调解员, 专职调解员]}]\n", encoding="utf-8")
    extended = load_packs([str(pack)])
    text = CASES["wrapper"].format(text="全县现有人民调解员1702人，其中专职调解员45名。")
    report = check_source(SourceText.from_text("case.txt", text), extended)
    assert [(f.figure, f.text) for f in report.figures] == [("mediators", "1702人"), ("mediators", "45名")]


# --- outputs ------------------------------------------------------------------------------

def _fazhi(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=180, check=False)


def test_the_json_result_carries_the_figures_and_validates(tmp_path):
    import jsonschema
    run = _fazhi("check", str(SEEDS / "002_976bef6feeda2d83.txt"), "--format", "json")
    data = json.loads(run.stdout)
    schema = json.loads((ROOT / "checker" / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    figures = {(f["element"], f["figure"]): f for f in data["reports"][0]["figures"]}
    rate = figures[("admin-reconsideration", "correction-rate")]
    assert (rate["value"], rate["unit"], rate["text"], rate["line"]) == (24.5, "%", "24.5%", 79)
    assert "纠错率为24.5%" in rate["sentence"]
    element = next(e for e in data["reports"][0]["elements"] if e["id"] == "leader-in-court")
    assert element["figures_declared"] == ["appearance-rate", "appearances"]


def test_the_text_output_lists_the_figures_of_each_report():
    run = _fazhi("check", str(SEEDS / "000_ac4e17fc9cb3faab.txt"))
    assert "  主要数据：" in run.stdout
    assert "counsel-coverage  法律顾问人数: 40多名（第13行）" in run.stdout
    assert "admin-reconsideration  受理（办理）行政复议案件: 103起（2012年以来，第51行）" in run.stdout
    english = _fazhi("check", "--lang", "en", str(SEEDS / "000_ac4e17fc9cb3faab.txt"))
    assert "  key figures:" in english.stdout
    assert "counsel-coverage  法律顾问人数: 40多名 (line 13)" in english.stdout
    assert "admin-reconsideration  受理（办理）行政复议案件: 103起 (2012年以来, line 51)" in english.stdout


def test_the_csv_has_a_column_per_figure():
    run = _fazhi("check", *(str(p) for p in sorted(SEEDS.glob("*.txt"))), "--format", "csv", "--lang", "en")
    rows = list(csv.DictReader(io.StringIO(run.stdout.lstrip("\ufeff"))))
    by_file = {Path(r["file"]).name: r for r in rows}
    assert by_file["002_976bef6feeda2d83.txt"]["admin-reconsideration.correction-rate"] == "24.5"
    assert by_file["000_ac4e17fc9cb3faab.txt"]["counsel-coverage.counsel"] == "40多名"   # approximate: as written
    assert by_file["001_04b6fb7adc03cf2d.txt"]["mediation.mediated"] == "4711"          # the first one stated
    assert by_file["004_d6586b12e3beefb6.txt"]["leader-in-court.appearance-rate"] == ""


def test_explain_lists_the_figures_of_an_element():
    run = _fazhi("explain", "admin-reconsideration")
    assert run.returncode == 0
    assert "key figures" in run.stdout
    assert "correction-rate  行政复议纠错率 (%): the number after 纠错率" in run.stdout


def test_the_evaluation_puts_fazhi_ahead_of_a_regular_expression_search():
    run = subprocess.run([sys.executable, str(ROOT / "ci" / "eval_figures.py"), "--json"],
                         capture_output=True, text=True, encoding="utf-8", timeout=180, check=True)
    result = json.loads(run.stdout)
    fazhi, regex = result["fazhi"], result["regex search"]
    assert fazhi["precision"] >= 0.95 and fazhi["recall"] >= 0.85
    assert fazhi["f1"] > regex["f1"]


def test_explain_of_a_file_lists_the_figures_read_for_the_element():
    run = _fazhi("explain", "admin-reconsideration", str(SEEDS / "002_976bef6feeda2d83.txt"))
    assert "    correction-rate 行政复议纠错率: 24.5% (截至12月份, line 79)  ← 纠错率" in run.stdout
    silent = _fazhi("explain", "leader-in-court", str(SEEDS / "000_ac4e17fc9cb3faab.txt"))
    assert "  key figures: none stated as a result" in silent.stdout

