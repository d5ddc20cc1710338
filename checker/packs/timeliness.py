"""Load rules/timeliness.yaml (or the file FAZHI_TIMELINESS names): the deadline by which a
body of each level must make its report public, with its legal basis, and the reading
conventions for the date a file carries (labels of a web copy's information block, the
signature date, a site's stamp line).

A problem in the file is a PackError, reported as a broken pack is: `file:line: where:
what`, exit code 2.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from checker import __version__, cache
from checker.packs.load import read_pack_document
from checker.packs.validate import PackError, PackProblem
from checker.packs.yamlfile import format_path
from checker.paths import shipped_rules_dir

ENVIRONMENT = "FAZHI_TIMELINESS"
SCHEMA = shipped_rules_dir() / "timeliness.schema.json"
# the named groups the code reads from each date pattern
DATE_GROUPS = ("year", "month", "day")


@dataclass(frozen=True)
class Deadline:
    levels: tuple[str, ...]
    before: str                  # MM-DD of the year after the period: on or after it is late
    what: str                    # what must be done by then
    basis: str                   # the legal basis, one line: document, number, article

    def for_year(self, year: int) -> date:
        month, day = (int(n) for n in self.before.split("-"))
        return date(year + 1, month, day)


@dataclass(frozen=True)
class DateLabel:
    label: str
    source: str                  # web-metadata, ...
    means: str                   # published | signed


@dataclass(frozen=True)
class DateReading:
    labels: tuple[DateLabel, ...]
    label_line: re.Pattern       # (?P<label>…)(?P<rest>…) at a line's start
    value_lines: int
    top_lines: int
    numeric: re.Pattern
    stamp: re.Pattern
    signature: re.Pattern
    signature_lines: int
    chinese_digits: dict[str, int]

    def label(self, name: str) -> DateLabel:
        return next(item for item in self.labels if item.label == name)


@dataclass(frozen=True)
class Timeliness:
    deadlines: tuple[Deadline, ...]
    since: int
    dates: DateReading

    def deadline_for(self, level: str | None) -> Deadline | None:
        """The deadline of a level; with the level unknown, the one deadline every level
        shares, if they share one."""
        if level is not None:
            return next((d for d in self.deadlines if level in d.levels), None)
        return self.deadlines[0] if len({d.before for d in self.deadlines}) == 1 else None


def timeliness_file() -> Path:
    return Path(os.environ.get(ENVIRONMENT) or shipped_rules_dir() / "timeliness.yaml")


def load_timeliness() -> Timeliness:
    return _load(str(timeliness_file()))


@lru_cache(maxsize=4)
def _load(path: str) -> Timeliness:
    """The file validated and compiled once per content (and per compiling code): later
    starts take it from the cache, its patterns as compiled (checker/cache.py),
    without importing jsonschema (the pre-commit hook's cold start)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError([PackProblem(path, 0, "(file)", f"cannot read: {exc}")]) from None
    key = cache.key_for(__version__, text, SCHEMA.read_text(encoding="utf-8"),
                        Path(__file__).read_bytes())
    timeliness = cache.load("timeliness", key)
    if not isinstance(timeliness, Timeliness):
        timeliness = _compile(_validated_data(path))
        cache.store("timeliness", key, timeliness)
    return timeliness


def _validated_data(path: str):
    document = read_pack_document(Path(path))   # the size limit, safe YAML, dates kept as written
    problems = [PackProblem(path, document.line_of(where), format_path(where), message)
                for where, message in _problems(document.data)]
    if problems:
        raise PackError(problems)
    return document.data


def _problems(data: object) -> list[tuple[tuple, str]]:
    import jsonschema  # only when the file is loaded, never on import
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    found = [(tuple(e.absolute_path), e.message)
             for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    if found or not isinstance(data, dict):
        return found
    dates = data["dates"]
    for key in ("numeric", "stamp", "signature", "label_end"):
        try:
            pattern = re.compile(dates[key])
        except re.error as exc:
            found.append((("dates", key), f"not a regular expression: {exc}"))
            continue
        missing = [g for g in DATE_GROUPS if key != "label_end" and g not in pattern.groupindex]
        if missing:
            found.append((("dates", key), f"needs the named groups {', '.join(DATE_GROUPS)}"))
    return found


def _compile(data: dict) -> Timeliness:
    dates = data["dates"]
    labels = tuple(DateLabel(**item) for item in dates["labels"])
    names = "|".join(re.escape(item.label) for item in sorted(labels, key=lambda i: -len(i.label)))
    marks = re.escape(dates["label_marks"])
    label_line = re.compile(f"^[{marks}]*(?P<label>{names}){dates['label_end']}(?P<rest>.*)$")
    reading = DateReading(
        labels=labels, label_line=label_line, value_lines=dates["value_lines"],
        top_lines=dates["top_lines"], numeric=re.compile(dates["numeric"]),
        stamp=re.compile(dates["stamp"]), signature=re.compile(dates["signature"]),
        signature_lines=dates["signature_lines"], chinese_digits=dict(dates["chinese_digits"]))
    deadlines = tuple(Deadline(tuple(d["levels"]), d["before"], d["what"], _basis(d["basis"]))
                      for d in data["deadlines"])
    return Timeliness(deadlines, data["since"], reading)


def _basis(basis: dict) -> str:
    parts = [basis["document"], basis.get("number", ""), basis.get("article", "")]
    return " ".join(p for p in parts if p)
