"""Check a loaded pack document: the JSON Schema (rules/pack.schema.json), then what a
schema cannot say (one matcher per claim, unique ids, and each matcher kind's own checks,
such as regular expressions that compile).

Every problem is a PackProblem with the file and the line of the YAML node concerned.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any, cast

from checker.packs.kinds import KINDS, kinds_in
from checker.packs.yamlfile import YamlDocument, format_path
from checker.paths import shipped_rules_dir


@dataclass(frozen=True)
class PackProblem:
    path: str
    line: int
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.where}: {self.message}"


class PackError(Exception):
    """One or more problems in rule packs; str() gives one line per problem."""

    def __init__(self, problems: list[PackProblem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.where))
        super().__init__("\n".join(str(p) for p in self.problems))


def validate_document(doc: YamlDocument) -> list[PackProblem]:
    """Schema errors first; semantic checks only on a document the schema accepts."""
    problems = _schema_problems(doc) + _non_finite_problems(doc)
    return problems or _semantic_problems(doc)


_VALIDATOR = None


def _validator():
    global _VALIDATOR
    if _VALIDATOR is None:
        import jsonschema  # imported here: a warm run with cached packs never needs it
        schema_file = shipped_rules_dir() / "pack.schema.json"
        schema = json.loads(schema_file.read_text(encoding="utf-8"))
        _VALIDATOR = jsonschema.Draft202012Validator(schema)
    return _VALIDATOR


def _schema_problems(doc: YamlDocument) -> list[PackProblem]:
    if not isinstance(doc.data, dict):
        return [PackProblem(doc.path, 1, "(top)", "a pack is a mapping with `pack`, `title`, `elements`")]
    problems = []
    for error in _validator().iter_errors(doc.data):
        if isinstance(error.instance, float) and not math.isfinite(error.instance):
            continue    # said once, by _non_finite_problems
        path = tuple(error.absolute_path)
        problems.append(PackProblem(doc.path, doc.line_of(path), format_path(path),
                                    _describe_schema_error(error)))
    return problems


def _non_finite_problems(doc: YamlDocument) -> list[PackProblem]:
    """YAML's .inf and .nan are numbers to JSON Schema (NaN even passes `minimum`), and a
    weight of .inf would make every score NaN."""
    problems: list[PackProblem] = []
    pending: list[tuple[tuple, object]] = [((), doc.data)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, float) and not math.isfinite(value):
            problems.append(problem_at(doc, path, f"expected a finite number, got {value}"))
        elif isinstance(value, dict):
            pending.extend((path + (key,), item) for key, item in value.items())
        elif isinstance(value, list):
            pending.extend((path + (index,), item) for index, item in enumerate(value))
    return sorted(problems, key=lambda problem: problem.line)


def _describe_schema_error(error) -> str:
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        return f"{error.message}; allowed keys: {', '.join(allowed)}"
    if error.validator == "anyOf" and error.schema.get("anyOf", [{}])[0].get("required"):
        return "a claim needs one matcher: " + ", ".join(KINDS)
    if error.validator == "type":
        return f"expected {error.validator_value}, got {error.instance!r}"
    return error.message


def pack_data(doc: YamlDocument) -> dict[str, Any]:
    """The data of a document the schema accepted: a mapping."""
    return cast("dict[str, Any]", doc.data)


def _semantic_problems(doc: YamlDocument) -> list[PackProblem]:
    problems: list[PackProblem] = []
    seen: dict[str, int] = {}
    for index, element in enumerate(pack_data(doc).get("elements", [])):
        where = ("elements", index)
        if element["id"] in seen:
            problems.append(problem_at(doc, where + ("id",), f"duplicate element id {element['id']!r} "
                                     f"(first at line {seen[element['id']]})"))
        seen.setdefault(element["id"], doc.line_of(where))
        problems.extend(_claim_problems(doc, where + ("claims",), element["claims"]))
        for p_index, part in enumerate(element.get("parts", [])):
            problems.extend(_claim_problems(doc, where + ("parts", p_index, "claims"), part["claims"]))
    for element_id, changes in pack_data(doc).get("overrides", {}).items():
        for key in ("claims", "add_claims"):
            problems.extend(_claim_problems(doc, ("overrides", element_id, key), changes.get(key, [])))
    return problems


def _claim_problems(doc: YamlDocument, where: tuple, claims: list[dict]) -> list[PackProblem]:
    problems = []
    for index, claim in enumerate(claims):
        kinds = kinds_in(claim)
        if len(kinds) > 1:
            problems.append(problem_at(doc, where + (index,), "a claim has exactly one matcher, "
                                     f"found {', '.join(k.name for k in kinds)}"))
        for kind in kinds:
            problems.extend(problem_at(doc, where + (index, kind.name) + below, message)
                            for below, message in kind.check(claim[kind.name]))
    return problems


def problem_at(doc: YamlDocument, path: tuple, message: str) -> PackProblem:
    return PackProblem(doc.path, doc.line_of(path), format_path(path), message)
