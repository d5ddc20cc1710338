"""rules/language.yaml: the parts of a report declared there once."""

from __future__ import annotations

import json

from checker.language.load import load_language, part_ids
from checker.paths import shipped_rules_dir

# --- the parts of a report, declared once ---------------------------------------------------

def test_the_pack_schema_allows_exactly_the_declared_parts_as_section():
    schema = json.loads((shipped_rules_dir() / "pack.schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["claim"]["properties"]["section"]["enum"]) == set(part_ids())


def test_every_section_element_names_a_declared_part(packs):
    sections = {c.spec for e in packs.elements for c in e.claims if c.kind == "section"}
    assert sections <= set(part_ids())


def test_parts_keep_their_order_names_and_places():
    language = load_language()
    assert part_ids() == ("leader-duty", "other", "next-steps", "shortcomings", "achievements")
    assert language.report_parts == ("achievements", "leader-duty", "shortcomings", "next-steps")
    assert language.role_names["achievements"] == "主要举措和成效"
    assert (language.default_part, language.planned_part) == ("other", "next-steps")
