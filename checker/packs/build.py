"""From validated pack documents to typed packs: resolve `extends` (a pack that extends
another replaces it), apply `disable` and `overrides`, and check ids are unique across packs."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from typing import Any

from checker.packs.kinds import kinds_in
from checker.packs.model import Basis, Claim, Element, Figure, Pack, Part
from checker.packs.validate import PackError, PackProblem, pack_data, problem_at
from checker.packs.yamlfile import YamlDocument


def resolve(documents: list[YamlDocument]) -> tuple[Pack, ...]:
    """Apply `extends`: a pack that extends another replaces it in the set it runs with."""
    by_name: dict[str, YamlDocument] = {}
    problems: list[PackProblem] = []
    for doc in documents:
        name = pack_data(doc)["pack"]
        if name in by_name:
            problems.append(problem_at(doc, ("pack",), f"pack {name!r} is defined twice "
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


def _build(name: str, docs: dict[str, YamlDocument], built: dict[str, Pack], chain: tuple) -> Pack:
    if name in built:
        return built[name]
    doc = docs[name]
    if name in chain:
        cycle = " -> ".join(chain + (name,))
        raise PackError([problem_at(doc, ("extends",), f"`extends` cycle: {cycle}")])
    base_name = pack_data(doc).get("extends")
    base = None
    if base_name is not None:
        if base_name not in docs:
            raise PackError([problem_at(doc, ("extends",), f"extends unknown pack {base_name!r}; "
                                      "known: " + ", ".join(sorted(docs)))])
        base = _build(base_name, docs, built, chain + (name,))
    built[name] = _pack_from(doc, base)
    return built[name]


def _pack_from(doc: YamlDocument, base: Pack | None) -> Pack:
    data = pack_data(doc)
    name = data["pack"]
    own = [_element(doc, i, e, name) for i, e in enumerate(data.get("elements", []))]
    inherited = list(base.elements) if base else []
    problems = _unknown_refs(doc, inherited, data)
    if problems:
        raise PackError(problems)
    disabled = set(data.get("disable", []))
    overrides = data.get("overrides", {})
    elements = [_override(replace(e, pack=name), overrides.get(e.id, {}))
                for e in inherited if e.id not in disabled]
    problems = _figure_problems(doc, elements, own, overrides)
    if problems:
        raise PackError(problems)
    return Pack(name=name, title=data["title"], elements=tuple(elements + own),
                description=data.get("description", ""), source=doc.path,
                extends=data.get("extends"), version=str(data.get("version", "")),
                digest=_digest(data, base))


def _digest(data: dict[str, Any], base: Pack | None) -> str:
    """A digest of the pack's rules (and of the pack it extends): comments and layout
    leave it alone, any change to a rule changes it."""
    canonical = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256((canonical + (base.digest if base else "")).encode("utf-8")).hexdigest()[:12]


def _unknown_refs(doc: YamlDocument, inherited: list[Element], data: dict[str, Any]) -> list[PackProblem]:
    known = {e.id for e in inherited}
    problems = [problem_at(doc, ("disable", i), f"cannot disable {eid!r}: not in the extended pack")
                for i, eid in enumerate(data.get("disable", [])) if eid not in known]
    problems += [problem_at(doc, ("overrides", eid), f"cannot override {eid!r}: not in the extended pack")
                 for eid in data.get("overrides", {}) if eid not in known]
    return problems


def _figure_problems(doc: YamlDocument, inherited: list[Element], own: list[Element],
                     overrides: dict[str, Any]) -> list[PackProblem]:
    """Figure ids unique within an element, and every figure `requires_figure` names is one
    of the element's (its own, inherited or added by an override)."""
    problems = []
    places: list[tuple[Element, tuple | None]] = [
        (e, ("overrides", e.id) if e.id in overrides else None) for e in inherited]
    places += [(e, ("elements", i)) for i, e in enumerate(own)]
    for element, where in places:
        if where is None:
            continue
        ids = [f.id for f in element.figures]
        problems += [problem_at(doc, where + ("figures",), f"figure {fid!r} is declared twice in "
                                f"{element.id}") for fid in sorted({i for i in ids if ids.count(i) > 1})]
        problems += [problem_at(doc, where + ("requires_figure",),
                                f"{element.id} has no figure {fid!r}; its figures: "
                                + (", ".join(ids) or "none"))
                     for fid in element.requires_figure if fid not in ids]
    return problems
OVERRIDDEN = ("title", "short", "severity", "weight", "since", "hint", "met", "partial")


def _override(element: Element, changes: dict) -> Element:
    if not changes:
        return element
    fields = {k: changes[k] for k in OVERRIDDEN if k in changes}
    if "claims" in changes:
        fields["claims"] = tuple(_claim(c) for c in changes["claims"])
    if "add_claims" in changes:
        added = tuple(_claim(c) for c in changes["add_claims"])
        fields["claims"] = fields.get("claims", element.claims) + added
    for key in ("plans", "gaps", "requires_figure"):
        if key in changes:
            fields[key] = tuple(changes[key])
    if "add_figures" in changes:
        fields["figures"] = element.figures + tuple(_figure(f) for f in changes["add_figures"])
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
        source=f"{doc.path}:{doc.line_of(('elements', index))}",
        figures=tuple(_figure(f) for f in data.get("figures", [])),
        requires_figure=tuple(data.get("requires_figure", [])), short=data.get("short", ""))


def _figure(data: dict[str, Any]) -> Figure:
    return Figure(id=data["id"], title=data["title"], unit=data["unit"],
                  wordings=tuple(data.get("wordings", ())), counted=tuple(data.get("counted", ())),
                  units=tuple(data.get("units", ())), context=tuple(data.get("context", ())),
                  between=tuple(data.get("between", ())), adjacent=bool(data.get("adjacent", False)),
                  unless=tuple(data.get("unless", ())))


def _claim(data: dict[str, Any]) -> Claim:
    kind = kinds_in(data)[0]   # validated: exactly one
    return Claim(kind=kind.name, spec=kind.parse(data[kind.name]), label=data.get("label", kind.name),
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
