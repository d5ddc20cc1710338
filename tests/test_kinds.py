"""The matcher kinds (checker/packs/kinds): one registry, each kind a whole unit, the defaults
in its spec, and what explain prints for it."""

from __future__ import annotations

from typing import get_args

import pytest

from checker.match.matchers import MatchContext, Sentence
from checker.match.segment import segmenter_for
from checker.packs.kinds import KINDS, Spec, claim_schema, kinds_in
from checker.packs.kinds.near import NearSpec
from checker.packs.kinds.quantity import QuantitySpec
from checker.packs.kinds.section import SectionSpec, asked_roles
from checker.understand.language import load_language


def test_the_registry_and_the_spec_union_name_the_same_kinds():
    assert list(KINDS) == ["any", "all", "near", "count", "quantity", "section", "pattern"]
    assert set(get_args(Spec)) == {kind.spec for kind in KINDS.values()}
    assert all(name == kind.name for name, kind in KINDS.items())


def test_the_claim_schema_has_a_branch_and_a_requirement_per_kind():
    schema = claim_schema()
    assert [r["required"] for r in schema["anyOf"]] == [[name] for name in KINDS]
    assert set(KINDS) <= set(schema["properties"])


def test_defaults_live_in_the_specs():
    assert KINDS["near"].parse({"terms": ["a"], "with": ["b"]}) == NearSpec(("a",), ("b",), 20)
    assert KINDS["quantity"].parse({"terms": ["a"]}) == QuantitySpec(("a",), 6)
    assert KINDS["near"].parse({"terms": ["a"], "with": ["b"], "within": 0}).within == 0


@pytest.mark.parametrize("kind, raw, terms, text", [
    ("any", ["法律顾问", "公职律师"], ("法律顾问", "公职律师"), "any of: 法律顾问、公职律师"),
    ("all", [["学法"], ["常务会议", "党组会"]], ("学法", "常务会议", "党组会"),
     "all in one sentence: (学法) + (常务会议|党组会)"),
    ("near", {"terms": ["述法"], "with": ["考核"]}, ("述法", "考核"), "述法 within 20 characters of 考核"),
    ("count", {"at_least": 2, "of": ["a", "b"], "with": ["c"]}, ("a", "b", "c"),
     "at least 2 of: a、b (with c)"),
    ("count", {"at_least": 2, "of": ["a", "b"]}, ("a", "b"), "at least 2 of: a、b"),
    ("quantity", {"terms": ["覆盖率"], "within": 3}, ("覆盖率",), "a number or rate next to 覆盖率"),
    ("section", "leader-duty", (), "a part of the report with the role leader-duty"),
    ("pattern", ["第[一二]", "x+"], (), "text matching: 第[一二]  x+"),
])
def test_each_kind_gives_its_terms_and_its_description(kind, raw, terms, text):
    spec = KINDS[kind].parse(raw)
    assert KINDS[kind].terms(spec) == terms
    assert KINDS[kind].describe(spec) == text


def _sentence(text: str) -> Sentence:
    return Sentence(0, 0, 0, text, "achievements", "")


def _context(*terms: str) -> MatchContext:
    return MatchContext(segmenter_for(frozenset(terms)), load_language())


@pytest.mark.parametrize("kind, raw, text, spot", [
    ("any", ["法律顾问"], "全面推行法律顾问制度。", (4, "法律顾问")),
    ("all", [["法律顾问"], ["公职律师"]], "法律顾问和公职律师全覆盖。", (0, "法律顾问+公职律师")),
    ("near", {"terms": ["法律顾问"], "with": ["全覆盖"]}, "法律顾问实现全覆盖。", (0, "法律顾问…全覆盖")),
    ("count", {"at_least": 2, "of": ["公示", "记录", "审核"]}, "执法公示、全过程记录和法制审核。",
     (2, "公示、记录、审核")),
    ("quantity", {"terms": ["法律顾问"]}, "聘请法律顾问12名。", (2, "法律顾问12名")),
    ("pattern", ["顾问\\d+"], "顾问12名", (0, "顾问12")),
])
def test_each_kind_finds_where_its_claim_holds(kind, raw, text, spot):
    spec = KINDS[kind].parse(raw)
    assert KINDS[kind].find(spec, _sentence(text), _context(*KINDS[kind].terms(spec))) == spot


def test_a_section_claim_names_its_role_and_never_matches_a_sentence():
    spec = KINDS["section"].parse("leader-duty")
    assert not KINDS["section"].matches_sentences
    assert KINDS["section"].find(spec, _sentence("第一责任人职责。"), _context()) is None
    assert asked_roles([spec, KINDS["any"].parse(["x"])]) == {"leader-duty"}
    assert isinstance(spec, SectionSpec)


def test_only_pattern_checks_beyond_the_schema():
    assert KINDS["pattern"].check(["ok", "(", "[a"]) == [
        ((1,), "invalid regular expression: missing ), unterminated subpattern at position 0"),
        ((2,), "invalid regular expression: unterminated character set at position 0")]
    assert all(kind.check(["("]) == [] for name, kind in KINDS.items() if name != "pattern")


def test_kinds_in_a_claim():
    assert [k.name for k in kinds_in({"label": "x", "pattern": ["a"], "any": ["b"]})] == ["any", "pattern"]
    assert kinds_in({"label": "x"}) == []
