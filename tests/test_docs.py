"""docs/rules.md is generated from the shipped packs and must match them."""

from __future__ import annotations

from checker.render.rules_doc import DOCS_PATH, REGENERATE, rules_markdown


def test_rules_page_is_up_to_date(packs):
    current = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.is_file() else ""
    assert current == rules_markdown(packs), f"docs/rules.md is out of date; run `{REGENERATE}`"


def test_rules_page_lists_every_element_with_its_basis_and_hint(packs):
    page = rules_markdown(packs)
    for element in packs.elements:
        assert f"### {element.id}\n" in page
        assert element.hint in page
        assert all(b.document in page for b in element.basis)
