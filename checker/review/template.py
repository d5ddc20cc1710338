"""The review wording: rules/feedback/zh.yaml, or a province's own file (`--template`).

A replacement is checked against the shipped file, which is the reference: it must hold
every key, each value of the same type, and a phrase may use only the {placeholders} the
shipped phrase offers. Problems come as `file:line: key: what` (a PackError, so every
command reports them as it reports a broken pack: exit code 2).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.packs.load import read_pack_document
from checker.packs.validate import PackError, PackProblem
from checker.packs.yamlfile import YamlDocument, format_path
from checker.paths import shipped_rules_dir


def shipped_template() -> Path:
    return shipped_rules_dir() / "feedback" / "zh.yaml"


@dataclass(frozen=True)
class Template:
    """Phrases looked up by dotted key (`comment.evidence`) and filled in."""

    path: str
    data: dict

    def raw(self, key: str):
        value: object = self.data
        for step in key.split("."):
            value = value[step]  # type: ignore[index]   # the keys were checked on loading
        return value

    def say(self, key: str, **values: object) -> str:
        return str(self.raw(key)).format(**values)

    def word(self, group: str, name: str) -> str:
        """A word of a closed list (status, stance, severity, verdict); the name itself
        when a pack brings a value the template does not know."""
        return str(self.data[group].get(name, name))


def load_template(path: str | Path | None = None) -> Template:
    return _load(str(path or shipped_template()))


@lru_cache(maxsize=4)
def _load(path: str) -> Template:
    document = _read(path)
    reference = _read(str(shipped_template())) if Path(path) != shipped_template() else document
    problems = _differences(reference.data, document.data, (), document)
    if problems:
        raise PackError(problems)
    return Template(path, document.data)  # type: ignore[arg-type]   # a mapping, as checked


def _read(path: str) -> YamlDocument:
    document = read_pack_document(Path(path))    # read as a pack is: size limit, safe YAML, lines
    if not isinstance(document.data, dict):
        raise PackError([PackProblem(path, 1, "(top)", "a template is a mapping of phrases")])
    return document


def _differences(reference, given, where: tuple, document: YamlDocument) -> list[PackProblem]:
    def problem(message: str, at: tuple = where) -> PackProblem:
        return PackProblem(document.path, document.line_of(at), format_path(at), message)

    if isinstance(reference, dict):
        if not isinstance(given, dict):
            return [problem("expected a mapping of phrases")]
        found = [problem("missing", where + (key,)) for key in reference if key not in given]
        found += [problem("unknown key (not in the shipped template)", where + (key,))
                  for key in given if key not in reference]
        for key in reference.keys() & given.keys():
            found += _differences(reference[key], given[key], where + (key,), document)
        return found
    if isinstance(reference, list):
        if not isinstance(given, list) or len(given) != len(reference):
            return [problem(f"expected a list of {len(reference)} items")]
        return [p for i, (r, g) in enumerate(zip(reference, given, strict=True))
                for p in _differences(r, g, where + (i,), document)]
    if isinstance(reference, (int, float)) and not isinstance(reference, bool):
        ok = isinstance(given, (int, float)) and not isinstance(given, bool) and given > 0
        return [] if ok else [problem("expected a positive number")]
    if not isinstance(given, str):
        return [problem("expected a phrase (a string)")]
    return _placeholder_problems(str(reference), given, problem)


def _placeholder_problems(reference: str, given: str, problem) -> list[PackProblem]:
    try:
        used = _placeholders(given)
    except ValueError as exc:
        return [problem(f"not a phrase with {{placeholders}}: {exc}")]
    offered = _placeholders(reference)
    unknown = sorted(used - offered)
    if unknown:
        allowed = ", ".join(f"{{{name}}}" for name in sorted(offered)) or "none"
        return [problem(f"unknown placeholder {', '.join('{' + u + '}' for u in unknown)}; "
                        f"allowed: {allowed}")]
    return []


def _placeholders(phrase: str) -> set[str]:
    names = set()
    for _, field, spec, _ in string.Formatter().parse(phrase):
        if field is not None:
            if not field.isidentifier() or spec:
                raise ValueError(f"{{{field}}} is not a plain placeholder name")
            names.add(field)
    return names
