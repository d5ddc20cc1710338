"""Load rule packs: YAML -> JSON Schema validation -> `extends` resolution -> typed PackSet.

Every problem in every file is collected and reported at once as `file:line: path: what`,
the line taken from the YAML node. Compiled pack sets are cached by file content (and by the
shape of the classes they are made of), so a warm run skips YAML parsing and schema
validation entirely.
"""

from __future__ import annotations

from dataclasses import MISSING, Field, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from checker import __version__, cache
from checker.packs import model
from checker.packs.build import resolve
from checker.packs.kinds import KINDS
from checker.packs.model import Pack, PackSet
from checker.packs.validate import PackError, PackProblem, validate_document
from checker.packs.yamlfile import YamlDocument, YamlError, load_yaml
from checker.paths import TooLarge, read_settings_file, shipped_rules_dir

__all__ = ["PackError", "PackProblem", "load_packs", "read_pack_document",
           "shipped_pack_files", "validate_document"]

MAX_PACK_BYTES = 1024 * 1024
NOT_PACKS = ("language.yaml", "timeliness.yaml", "ledger-words.yaml")


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
    key = cache.key_for(__version__, compiled_shape(), [(str(f), _fingerprint(f)) for f in files])
    packs = cache.load("packs", key)
    if packs is None:
        packs = _load_and_resolve(files)
        cache.store("packs", key, packs)
    if only:
        packs = _select(packs, only)
    return PackSet(packs=packs, disabled=frozenset(disabled))


def _fingerprint(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
        return (stat.st_size, stat.st_mtime_ns)
    except OSError:
        return None


@lru_cache(maxsize=1)
def compiled_shape() -> tuple:
    """What a cached PackSet is made of: the matcher kinds' names, and every class of a
    compiled pack with its fields' names, types and defaults. It is part of the cache key, so
    a PackSet pickled by code of another shape (Claim.spec as the pack's raw YAML, or another
    default `within`) is never loaded, whatever the version says."""
    classes = (model.Basis, model.Claim, model.Part, model.Figure, model.Element, model.Pack, model.PackSet,
               *(kind.spec for kind in KINDS.values()))
    return tuple(KINDS), tuple(_fields_of(c) for c in classes)


def _fields_of(cls: type) -> tuple:
    return cls.__qualname__, tuple((f.name, str(f.type), _default(f)) for f in fields(cls))


def _default(field: Field[Any]) -> str:
    return "" if field.default is MISSING else repr(field.default)


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
        text = read_settings_file(path, MAX_PACK_BYTES).decode("utf-8")
    except TooLarge:
        too_large = f"pack is larger than {MAX_PACK_BYTES} bytes"
        raise PackError([PackProblem(where, 1, "(file)", too_large)]) from None
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
