"""Rule packs: the shipped ones are complete; user packs extend them; every error is
reported at once as file:line: path: what, exit code 2, never a traceback."""

from __future__ import annotations

import pytest
from test_cli import REPORT, fazhi

from checker.packs.load import PackError, load_packs

CORE_IDS = ["first-responsible-person", "three-systems", "major-decision-catalogue", "counsel-coverage"]
PRACTICE_IDS = ["major-decision-procedures", "admin-reconsideration", "leader-in-court",
                "normative-docs-review", "study-sessions", "leader-law-report",
                "enforcement-credentials", "discretion-benchmarks", "open-government",
                "law-popularisation", "mediation"]


def test_shipped_packs_have_the_fixed_element_ids(packs):
    by_pack = {p.name: [e.id for e in p.elements] for p in packs.packs}
    assert by_pack["core"] == CORE_IDS
    assert by_pack["practice"] == PRACTICE_IDS
    assert by_pack["annual-report"][:4] == ["section.achievements", "section.leader-duty",
                                            "section.shortcomings", "section.next-steps"]
    assert [p.id for p in packs.element("three-systems").parts] == ["publicity", "full-record", "legal-review"]


def test_every_element_cites_a_dated_basis_and_a_hint(packs):
    for element in packs.elements:
        assert element.basis and all(b.document for b in element.basis), element.id
        assert any(b.date for b in element.basis), element.id
        assert element.hint and element.met, element.id


def test_every_shipped_element_has_a_short_chinese_name_for_tables(packs):
    shorts = [e.short for e in packs.elements]
    assert all(shorts) and len(set(shorts)) == len(shorts)
    assert all(len(s) <= 8 and all("\u4e00" <= c <= "\u9fff" for c in s) for s in shorts), shorts


def test_a_short_name_over_eight_characters_is_refused_with_its_line(tmp_path):
    path = write(tmp_path, "long.yaml", "pack: a\ntitle: t\nelements:\n  - id: x\n    title: t\n"
                 "    short: 一个过长的要素简称名字\n    severity: required\n    weight: 1\n"
                 "    basis: [{document: d}]\n    claims: [{any: [词]}]\n    met: m\n    hint: h\n")
    with pytest.raises(PackError) as caught:
        load_packs([str(path)])
    assert f"{path}:6: elements[0].short:" in str(caught.value)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_pack_extends_core_overrides_disables_and_adds(tmp_path):
    write(tmp_path, "hubei.yaml", """
pack: hubei
title: 湖北省补充要求
extends: core
disable: [major-decision-catalogue]
overrides:
  counsel-coverage: {weight: 5, severity: recommended}
elements:
  - id: hubei.legal-aid
    title: 法律援助
    severity: recommended
    weight: 1
    basis: [{document: 《法律援助法》, date: 2022-01-01}]
    claims: [{any: [法律援助]}]
    met: 写到法律援助。
    hint: 写明法律援助案件数。
""")
    packs = load_packs([str(tmp_path)])
    names = [p.name for p in packs.packs]
    assert "core" not in names and "hubei" in names
    ids = [e.id for e in packs.elements]
    assert "major-decision-catalogue" not in ids and "hubei.legal-aid" in ids
    assert packs.element("counsel-coverage").weight == 5
    assert packs.element("counsel-coverage").severity == "recommended"


BROKEN = """pack: broken
title: 坏包
elements:
  - id: one
    title: 一
    severity: mandatory
    weight: high
    basis: [{document: x}]
    claims: [{any: [法律]}]
    met: m
    hint: h
    colour: red
"""


def test_all_schema_errors_are_reported_with_lines(tmp_path):
    path = write(tmp_path, "broken.yaml", BROKEN)
    with pytest.raises(PackError) as caught:
        load_packs([str(path)])
    lines = str(caught.value).splitlines()
    assert f"{path}:6: elements[0].severity: 'mandatory' is not one of ['required', 'recommended']" in lines
    assert any(line.startswith(f"{path}:7: elements[0].weight: expected number") for line in lines)
    assert any(line.startswith(f"{path}:4: elements[0]:") and "colour" in line for line in lines)


@pytest.mark.parametrize("text, expected", [
    ("pack: a\ntitle: t\nelements: [\n", ":4: (yaml)"),
    ("pack: a\ntitle: !!python/object/apply:os.system ['true']\n", ":2: (yaml)"),
    ("pack: a\ntitle: t\nextends: nowhere\n", "extends unknown pack 'nowhere'"),
    ("pack: a\ntitle: t\nelements:\n  - {id: x, title: t, severity: required, weight: 1, basis: [{document: d}], claims: [], met: m, hint: h}\n",
     "elements[0].claims: [] should be non-empty"),
])
def test_bad_packs_name_file_and_line(tmp_path, text, expected):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(PackError) as caught:
        load_packs([str(path)])
    assert expected in str(caught.value)


def test_extends_cycle_and_duplicate_ids(tmp_path):
    write(tmp_path, "a.yaml", "pack: a\ntitle: t\nextends: b\n")
    write(tmp_path, "b.yaml", "pack: b\ntitle: t\nextends: a\n")
    with pytest.raises(PackError, match="`extends` cycle"):
        load_packs([str(tmp_path)])


def test_duplicate_element_id_across_packs(tmp_path):
    write(tmp_path, "dup.yaml", """pack: dup
title: t
elements:
  - {id: mediation, title: t, severity: required, weight: 1, basis: [{document: d}], claims: [{any: [调解]}], met: m, hint: h}
""")
    with pytest.raises(PackError, match="element id also defined in pack 'practice'"):
        load_packs([str(tmp_path)])


def test_rules_validate_cli_exit_codes(tmp_path):
    good = write(tmp_path, "good.yaml", "pack: good\ntitle: t\nextends: core\n")
    assert fazhi("rules", "validate", str(good)).returncode == 0
    bad = write(tmp_path, "bad.yaml", BROKEN)
    run = fazhi("rules", "validate", str(bad))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert len(run.stderr.strip().splitlines()) == 3
    assert all(line.startswith(str(bad) + ":") for line in run.stderr.strip().splitlines())
    run = fazhi("check", "--rules", str(bad), REPORT)
    assert run.returncode == 2


def test_shipped_packs_validate_with_the_product():
    from conftest import ROOT
    run = fazhi("rules", "validate", str(ROOT / "rules"))
    assert run.returncode == 0, run.stderr


def test_pack_schema_claim_branch_is_generated_from_the_matcher_kinds():
    from checker.packs.kinds.schemafile import REGENERATE, generated_text, schema_path
    current = schema_path().read_text(encoding="utf-8")
    assert current == generated_text(current), f"rules/pack.schema.json is out of date; run `{REGENERATE}`"


def _one_claim_pack(claim: str) -> str:
    return ("pack: c\ntitle: t\nelements:\n  - id: c.one\n    title: t\n    severity: required\n"
            "    weight: 1\n    basis: [{document: d}]\n    met: m\n    hint: h\n"
            f"    claims:\n      - {claim}\n")


@pytest.mark.parametrize("claim, expected", [
    ("{label: none}", ":12: elements[0].claims[0]: a claim needs one matcher: "
                      "any, all, near, count, quantity, section, pattern"),
    ("{any: [法律], pattern: ['法律']}", ":12: elements[0].claims[0]: a claim has exactly one matcher, "
                                      "found any, pattern"),
    ("{pattern: ['法律(']}", ":12: elements[0].claims[0].pattern[0]: invalid regular expression: "
                            "missing ), unterminated subpattern at position 2"),
    ("{near: {terms: [a], with: [b], within: 201}}", ":12: elements[0].claims[0].near.within: "
                                                     "201 is greater than the maximum of 200"),
    ("{quantity: {terms: [a], within: 51}}", ":12: elements[0].claims[0].quantity.within: "
                                             "51 is greater than the maximum of 50"),
    ("{count: {of: [a]}}", ":12: elements[0].claims[0].count: 'at_least' is a required property"),
    ("{section: preface}", ":12: elements[0].claims[0].section: 'preface' is not one of"),
    ("{all: [[]]}", ":12: elements[0].claims[0].all[0]: [] should be non-empty"),
])
def test_a_bad_claim_is_one_problem_at_its_line(tmp_path, claim, expected):
    path = write(tmp_path, "c.yaml", _one_claim_pack(claim))
    with pytest.raises(PackError) as caught:
        load_packs([str(path)])
    assert [line for line in str(caught.value).splitlines() if expected in line], str(caught.value)


def test_a_cached_pack_set_of_an_older_shape_is_never_loaded(tmp_path, monkeypatch):
    """Before Claim.spec was typed, the cache key was the version and the files alone: an
    entry stored under that key must not come back (it would hold raw YAML specs)."""
    from checker import __version__, cache
    from checker.packs import load
    from checker.packs.model import Pack
    monkeypatch.setenv("FAZHI_CACHE_DIR", str(tmp_path))
    files = load.shipped_pack_files()
    old_key = cache.key_for(__version__, [(str(f), load._fingerprint(f)) for f in files])
    cache.store("packs", old_key, ("a pack set pickled by older code",))
    packs = load.load_packs()
    assert packs.packs and all(isinstance(p, Pack) for p in packs.packs)
    assert cache.load("packs", old_key) == ("a pack set pickled by older code",)  # stored, not used


def test_the_pack_cache_key_follows_the_spec_defaults():
    from checker.packs.load import compiled_shape
    names, classes = compiled_shape()
    assert names == ("any", "all", "near", "count", "quantity", "section", "pattern")
    assert ("within", "int", "20") in dict(classes)["NearSpec"]
    assert ("within", "int", "6") in dict(classes)["QuantitySpec"]


def test_claims_in_overrides_get_the_same_checks(tmp_path):
    """A bad expression added by an override was accepted, then failed the check as an
    internal error."""
    path = write(tmp_path, "o.yaml", "pack: o\ntitle: t\nextends: core\noverrides:\n  counsel-coverage:\n"
                 "    add_claims: [{pattern: ['法律顾问(']}, {any: [a], all: [[b]]}]\n")
    with pytest.raises(PackError) as caught:
        load_packs([str(path)])
    assert str(caught.value).splitlines() == [
        f"{path}:6: overrides.counsel-coverage.add_claims[0].pattern[0]: invalid regular expression: "
        "missing ), unterminated subpattern at position 4",
        f"{path}:6: overrides.counsel-coverage.add_claims[1]: a claim has exactly one matcher, found any, all"]
    assert fazhi("check", "--rules", str(path), REPORT).returncode == 2
