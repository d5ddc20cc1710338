"""Load rule packs: YAML -> JSON Schema validation -> `extends` resolution -> typed PackSet.

Every problem in every file is collected and reported at once as `file:line: path: what`,
the line taken from the YAML node. Compiled pack sets are cached by file content, so a
warm run skips YAML parsing and schema validation entirely.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from pathlib import Path

from checker import __version__, cache
from checker.packmodel import Basis, Claim, Element, Pack, PackSet, Part
from checker.paths import shipped_rules_dir
from checker.yamlfile import YamlDocument, YamlError, format_path, load_yaml

MATCHER_KINDS = ("any", "all", "near", "count", "quantity", "section", "pattern")
MAX_PACK_BYTES = 1024 * 1024
NOT_PACKS = ("language.yaml",)


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


SHIPPED_ORDER = ("core.yaml", "annual-report.yaml", "practice.yaml")


def shipped_pack_files() -> list[Path]:
    """The shipped packs, the three fixed ones first, any further ones by name."""
    files = [p for p in shipped_rules_dir().glob("*.yaml") if p.name not in NOT_PACKS]
    rank = {name: i for i, name in enumerate(SHIPPED_ORDER)}
    return sorted(files, key=lambda p: (rank.get(p.name, len(rank)), p.name))


def pack_files_in(path: Path) -> list[Path]:
    """A file, or every .yaml/.yml file in a folder (sorted, so runs are reproducible)."""
    if path.is_dir():
        return sorted(p for p in path.iterdir()
                      if p.suffix in (".yaml", ".yml") and p.is_file() and p.name not in NOT_PACKS)
    return [path]


def load_packs(extra: list[str] | tuple[str, ...] = (), *, only: list[str] | None = None,
               disabled: list[str] | tuple[str, ...] = ()) -> PackSet:
    """The shipped packs plus user packs from `extra` (files or folders)."""
    files = shipped_pack_files() + [f for p in extra for f in pack_files_in(Path(p))]
    files = list({f.resolve(): f for f in files}.values())  # a file named twice counts once
    key = cache.key_for(__version__, [(str(f), _fingerprint(f)) for f in files])
    packs = cache.load("packs", key)
    if packs is None:
        packs = _load_and_resolve(files)
        cache.store("packs", key, packs)
    if only:
        packs = _select(packs, only)
    return PackSet(packs=packs, disabled=frozenset(disabled))


def _fingerprint(path: Path) -> tuple:
    try:
        stat = path.stat()
        return (stat.st_size, stat.st_mtime_ns)
    except OSError:
        return None


def _select(packs: tuple[Pack, ...], only: list[str]) -> tuple[Pack, ...]:
    names = {p.name for p in packs}
    unknown = [n for n in only if n not in names]
    if unknown:
        raise PackError([PackProblem("--pack", 0, "pack", f"unknown pack {n!r}; known: "
                                     + ", ".join(sorted(names))) for n in unknown])
    return tuple(p for p in packs if p.name in only)


def _load_and_resolve(files: list[Path]) -> tuple[Pack, ...]:
    documents, problems = [], []
    for path in files:
        try:
            documents.append(read_pack_document(path))
        except PackError as exc:
            problems.extend(exc.problems)
    for doc in documents:
        problems.extend(validate_document(doc))
    if problems:
        raise PackError(problems)
    return resolve(documents)


def read_pack_document(path: Path) -> YamlDocument:
    where = str(path)
    try:
        if path.stat().st_size > MAX_PACK_BYTES:
            raise PackError([PackProblem(where, 1, "(file)",
                                         f"pack is larger than {MAX_PACK_BYTES} bytes")])
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError([PackProblem(where, 0, "(file)", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError([PackProblem(where, 0, "(file)", f"cannot read: {exc}")]) from None
    try:
        doc = load_yaml(where, text)
    except YamlError as exc:
        raise PackError([PackProblem(where, exc.line, "(yaml)", exc.message)]) from None
    return YamlDocument(doc.path, _dates_as_text(doc.data), doc.lines)


def _dates_as_text(value):
    """YAML reads 2019-04-15 as a date; the packs keep dates as the text that was written."""
    import datetime
    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def validate_document(doc: YamlDocument) -> list[PackProblem]:
    """Schema errors first; semantic checks only on a document the schema accepts."""
    problems = _schema_problems(doc)
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
        path = tuple(error.absolute_path)
        problems.append(PackProblem(doc.path, doc.line_of(path), format_path(path),
                                    _describe_schema_error(error)))
    return problems


def _describe_schema_error(error) -> str:
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        return f"{error.message}; allowed keys: {', '.join(allowed)}"
    if error.validator == "anyOf" and error.schema.get("anyOf", [{}])[0].get("required"):
        return "a claim needs one matcher: " + ", ".join(MATCHER_KINDS)
    if error.validator == "type":
        return f"expected {error.validator_value}, got {error.instance!r}"
    return error.message


def _semantic_problems(doc: YamlDocument) -> list[PackProblem]:
    problems, seen = [], {}
    for index, element in enumerate(doc.data.get("elements", [])):
        where = ("elements", index)
        if element["id"] in seen:
            problems.append(_problem(doc, where + ("id",), f"duplicate element id {element['id']!r} "
                                     f"(first at line {seen[element['id']]})"))
        seen.setdefault(element["id"], doc.line_of(where))
        problems.extend(_claim_problems(doc, where + ("claims",), element["claims"]))
        for p_index, part in enumerate(element.get("parts", [])):
            problems.extend(_claim_problems(doc, where + ("parts", p_index, "claims"), part["claims"]))
    return problems


def _claim_problems(doc: YamlDocument, where: tuple, claims: list[dict]) -> list[PackProblem]:
    problems = []
    for index, claim in enumerate(claims):
        kinds = [k for k in MATCHER_KINDS if k in claim]
        if len(kinds) > 1:
            problems.append(_problem(doc, where + (index,), "a claim has exactly one matcher, "
                                     f"found {', '.join(kinds)}"))
        for p_index, pattern in enumerate(claim.get("pattern", [])):
            try:
                re.compile(pattern)
            except re.error as exc:
                problems.append(_problem(doc, where + (index, "pattern", p_index),
                                         f"invalid regular expression: {exc}"))
    return problems


def _problem(doc: YamlDocument, path: tuple, message: str) -> PackProblem:
    return PackProblem(doc.path, doc.line_of(path), format_path(path), message)


# --- from validated documents to typed packs -------------------------------------------

def resolve(documents: list[YamlDocument]) -> tuple[Pack, ...]:
    """Apply `extends`: a pack that extends another replaces it in the set it runs with."""
    by_name, problems = {}, []
    for doc in documents:
        name = doc.data["pack"]
        if name in by_name:
            problems.append(_problem(doc, ("pack",), f"pack {name!r} is defined twice "
                                     f"(also in {by_name[name].path})"))
        by_name[name] = doc
    built: dict[str, Pack] = {}
    for name in by_name:
        try:
            _build(name, by_name, built, ())
        except PackError as exc:
            problems.extend(exc.problems)
    if problems:
        raise PackError(problems)
    extended = {p.extends for p in built.values() if p.extends}
    packs = tuple(p for p in built.values() if p.name not in extended)
    _check_unique_ids(packs, by_name)
    return packs


def _build(name: str, docs: dict, built: dict, chain: tuple) -> Pack:
    if name in built:
        return built[name]
    doc = docs[name]
    if name in chain:
        cycle = " -> ".join(chain + (name,))
        raise PackError([_problem(doc, ("extends",), f"`extends` cycle: {cycle}")])
    base_name = doc.data.get("extends")
    base = None
    if base_name is not None:
        if base_name not in docs:
            raise PackError([_problem(doc, ("extends",), f"extends unknown pack {base_name!r}; "
                                      "known: " + ", ".join(sorted(docs)))])
        base = _build(base_name, docs, built, chain + (name,))
    built[name] = _pack_from(doc, base)
    return built[name]


def _pack_from(doc: YamlDocument, base: Pack | None) -> Pack:
    data, name = doc.data, doc.data["pack"]
    own = [_element(doc, i, e, name) for i, e in enumerate(data.get("elements", []))]
    inherited = list(base.elements) if base else []
    problems = _unknown_refs(doc, inherited, data)
    if problems:
        raise PackError(problems)
    disabled = set(data.get("disable", []))
    overrides = data.get("overrides", {})
    elements = [_override(replace(e, pack=name), overrides.get(e.id, {}))
                for e in inherited if e.id not in disabled]
    return Pack(name=name, title=data["title"], elements=tuple(elements + own),
                description=data.get("description", ""), source=doc.path,
                extends=data.get("extends"))


def _unknown_refs(doc: YamlDocument, inherited: list[Element], data: dict) -> list[PackProblem]:
    known = {e.id for e in inherited}
    problems = [_problem(doc, ("disable", i), f"cannot disable {eid!r}: not in the extended pack")
                for i, eid in enumerate(data.get("disable", [])) if eid not in known]
    problems += [_problem(doc, ("overrides", eid), f"cannot override {eid!r}: not in the extended pack")
                 for eid in data.get("overrides", {}) if eid not in known]
    return problems


def _override(element: Element, changes: dict) -> Element:
    if not changes:
        return element
    fields = {k: changes[k] for k in ("title", "severity", "weight", "since", "hint", "met", "partial")
              if k in changes}
    if "claims" in changes:
        fields["claims"] = tuple(_claim(c) for c in changes["claims"])
    if "add_claims" in changes:
        fields["claims"] = fields.get("claims", element.claims) + tuple(_claim(c) for c in changes["add_claims"])
    for key in ("plans", "gaps"):
        if key in changes:
            fields[key] = tuple(changes[key])
    return replace(element, **fields)


def _element(doc: YamlDocument, index: int, data: dict, pack: str) -> Element:
    return Element(
        id=data["id"], pack=pack, title=data["title"], severity=data["severity"],
        weight=float(data["weight"]), since=data.get("since"),
        basis=tuple(Basis(**{k: str(v) for k, v in b.items()}) for b in data["basis"]),
        claims=tuple(_claim(c) for c in data["claims"]),
        parts=tuple(Part(p["id"], p["title"], tuple(_claim(c) for c in p["claims"]))
                    for p in data.get("parts", [])),
        plans=tuple(data.get("plans", [])), gaps=tuple(data.get("gaps", [])),
        folded_from=tuple(data.get("folded_from", [])), met_when=data.get("met_when", "found"),
        hint=data["hint"], met=data["met"], partial=data.get("partial", ""),
        source=f"{doc.path}:{doc.line_of(('elements', index))}")


def _claim(data: dict) -> Claim:
    kind = next(k for k in MATCHER_KINDS if k in data)
    spec = data[kind]
    return Claim(kind=kind, spec=spec, label=data.get("label", kind),
                 partial=bool(data.get("partial", False)), unless=tuple(data.get("unless", ())))


def _check_unique_ids(packs: tuple[Pack, ...], docs: dict) -> None:
    seen: dict[str, str] = {}
    problems = []
    for pack in packs:
        for element in pack.elements:
            if element.id in seen and seen[element.id] != pack.name:
                path, _, line = element.source.rpartition(":")
                problems.append(PackProblem(path, int(line or 0), f"element {element.id}",
                                            f"element id also defined in pack {seen[element.id]!r}"))
            seen.setdefault(element.id, pack.name)
    if problems:
        raise PackError(problems)
