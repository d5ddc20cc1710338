"""rules/pack.schema.json with its `claim` branch generated from KINDS.

The rest of the schema (elements, parts, overrides, ...) is written by hand in the file; this
module replaces `$defs/claim` with what the kinds declare and writes the whole file in one
layout, so a test can tell when the file and the kinds disagree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from checker.packs.kinds import claim_schema
from checker.paths import shipped_rules_dir

WIDTH = 110          # the project's line length
REGENERATE = "python -m checker.packs.kinds --write-schema"


def schema_path() -> Path:
    return shipped_rules_dir() / "pack.schema.json"


def generated_text(current: str) -> str:
    """The schema file's text: `current` (the file as it is) with the claim branch the kinds
    declare, laid out by `layout`."""
    schema = json.loads(current)
    schema["$defs"]["claim"] = claim_schema()
    return layout(schema) + "\n"


def layout(value: Any, indent: int = 0, column: int = 0) -> str:
    """JSON with a value on one line when it fits in WIDTH from `column`, else one member per
    line, `indent` deeper than its opening line."""
    flat = json.dumps(value, ensure_ascii=False)
    if column + len(flat) <= WIDTH or not isinstance(value, (dict, list)) or not value:
        return flat
    inner = " " * (indent + 2)
    if isinstance(value, dict):
        members = [_member(f"{inner}{json.dumps(key, ensure_ascii=False)}: ", item, indent + 2)
                   for key, item in value.items()]
        opening, closing = "{", "}"
    else:
        members = [inner + layout(item, indent + 2, len(inner)) for item in value]
        opening, closing = "[", "]"
    return opening + "\n" + ",\n".join(members) + "\n" + " " * indent + closing


def _member(head: str, value: Any, indent: int) -> str:
    return head + layout(value, indent, len(head))
