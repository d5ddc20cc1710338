"""docs/rules.md: every element of every shipped pack, generated from the packs themselves
(the same text `fazhi explain ID` prints), so the page cannot drift from the rules.

    python -m checker.render.rules_doc            # rewrite docs/rules.md
    python -m checker.render.rules_doc --check    # exit 1 when docs/rules.md is out of date
"""

from __future__ import annotations

import sys

from checker.paths import PACKAGE_DIR

DOCS_PATH = PACKAGE_DIR.parent / "docs" / "rules.md"
REGENERATE = "python -m checker.render.rules_doc"


def rules_markdown(packs) -> str:
    from checker.render.element_text import element_text
    lines = ["# Rule elements", "",
             f"Generated from the shipped rule packs by `{REGENERATE}`; do not edit by hand.",
             "`fazhi explain ID` prints the same text for one element.", ""]
    for pack in packs.packs:
        lines += [f"## {pack.name} — {pack.title}", ""]
        lines += [pack.description.strip(), ""] if pack.description.strip() else []
        lines += [f"- [`{e.id}`](#{_anchor(e.id)}) {e.title}" for e in pack.elements] + [""]
        for element in pack.elements:
            lines += [f"### {element.id}", "", "```text", element_text(element), "```", ""]
    return "\n".join(lines)


def _anchor(element_id: str) -> str:
    """GitHub's heading anchor for `### element.id`: dots dropped."""
    return element_id.replace(".", "")


def main(argv: list[str]) -> int:
    from checker.packs.load import load_packs
    text = rules_markdown(load_packs())
    if "--check" in argv:
        current = DOCS_PATH.read_text(encoding="utf-8") if DOCS_PATH.is_file() else ""
        if current != text:
            print(f"{DOCS_PATH}: out of date; run `{REGENERATE}`", file=sys.stderr)
            return 1
        return 0
    DOCS_PATH.parent.mkdir(parents=True, exist_ok=True)
    DOCS_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {DOCS_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
