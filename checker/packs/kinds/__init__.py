"""The matcher kinds a pack's claim can use, one module each; KINDS lists them.

Everything about a kind lives in its module (see base.MatcherKind): its typed spec with its
defaults, how the spec is read from a validated pack, the wordings it feeds the dictionary,
how `fazhi explain` describes it, where it holds in a sentence (the match stage runs it),
its JSON Schema branch and any check the schema cannot make. The `claim` branch of rules/pack.schema.json is
generated from this list (`python -m checker.packs.kinds --write-schema`). Adding a kind is a
new module here and a line in KINDS and in Spec.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

from checker.packs.kinds import all_of, any_of, count, near, pattern, quantity, section
from checker.packs.kinds.all_of import AllSpec
from checker.packs.kinds.any_of import AnySpec
from checker.packs.kinds.base import MatcherKind
from checker.packs.kinds.count import CountSpec
from checker.packs.kinds.near import NearSpec
from checker.packs.kinds.pattern import PatternSpec
from checker.packs.kinds.quantity import QuantitySpec
from checker.packs.kinds.section import SectionSpec

# in the order the schema's error message names them ("a claim needs one matcher: any, ...")
KINDS: dict[str, MatcherKind[Any]] = {kind.name: kind for kind in (
    any_of.KIND, all_of.KIND, near.KIND, count.KIND, quantity.KIND, section.KIND, pattern.KIND)}

Spec: TypeAlias = AnySpec | AllSpec | NearSpec | CountSpec | QuantitySpec | SectionSpec | PatternSpec

__all__ = ["KINDS", "AllSpec", "AnySpec", "CountSpec", "MatcherKind", "NearSpec", "PatternSpec",
           "QuantitySpec", "SectionSpec", "Spec", "claim_schema", "kinds_in"]


def kinds_in(claim: Mapping[str, Any]) -> list[MatcherKind[Any]]:
    """The kinds a claim of a pack uses (exactly one, once the pack is validated)."""
    return [kind for name, kind in KINDS.items() if name in claim]


def claim_schema() -> dict[str, Any]:
    """$defs/claim of rules/pack.schema.json: what every claim may have, and one branch per kind."""
    properties: dict[str, Any] = {
        "label": {"type": "string"},
        "partial": {"type": "boolean"},
        "unless": {"$ref": "#/$defs/terms"},
    }
    properties.update({name: kind.schema() for name, kind in KINDS.items()})
    return {"type": "object", "additionalProperties": False, "properties": properties,
            # checker.packs.validate words a failure of this anyOf from KINDS
            "anyOf": [{"required": [name]} for name in KINDS]}
