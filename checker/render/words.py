"""The words people read, from one catalogue per language: rules/catalogue/zh.yaml (the
default) and en.yaml (`--lang en`, or `lang = "en"` in the config).

Every renderer a person reads (text, HTML, CSV, Excel) asks a `Words` for its wording by key
(`words("text.score", score=75, verdict=...)`) or for the name of a contract value
(`words.status("met")` → 达标). Machine output (JSON keys and values, element ids, SARIF
rule ids) never goes through here. The catalogue is checked against
rules/catalogue/catalogue.schema.json when first loaded; tests/test_words.py checks that
both languages have the same keys and placeholders.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache as memoised
from pathlib import Path

from checker import cache
from checker.paths import shipped_rules_dir
from checker.understand.records import Notice

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
MACHINE_LANGUAGE = "en"   # the wording JSON carries for tools (warnings), unchanged across versions


def catalogue_dir() -> Path:
    return shipped_rules_dir() / "catalogue"


@dataclass(frozen=True)
class Words:
    lang: str
    table: dict[str, str]           # "status.met" -> "达标"

    def __call__(self, key: str, **params: object) -> str:
        return self.table[key].format(**params)

    def has(self, key: str) -> bool:
        return key in self.table

    # --- names of the result contract's values ---------------------------------------
    def status(self, status: str) -> str:
        return self._value("status", status)

    def stance(self, stance: str) -> str:
        return self._value("stance", stance)

    def evidence_stance(self, stance: str) -> str:
        return self._value("evidence-stance", stance)

    def kind(self, kind: str) -> str:
        return self._value("kind", kind)

    def level(self, level: str | None) -> str:
        return self._value("level", level or "unknown")

    def verdict(self, verdict: str) -> str:
        return self._value("verdict", verdict)

    def severity(self, severity: str) -> str:
        return self._value("severity", severity)

    def answer(self, yes: bool) -> str:
        return self("answer.yes" if yes else "answer.no")

    def as_of_source(self, source: str) -> str:
        return self._value("as-of", source.replace(" ", "-"))

    def noise(self, what: str) -> str:
        return self._value("noise", what)

    def _value(self, section: str, value: str) -> str:
        """The word for a contract value; a value the catalogue does not know (a newer
        reader's, a user pack's) is shown as it is rather than lost."""
        return self.table.get(f"{section}.{value}", value)

    # --- composite wordings -------------------------------------------------------------
    def join(self, items) -> str:
        return self("text.list-separator").join(items)

    def stances(self, stances) -> str:
        return self.join(self.stance(s) for s in stances)

    def error(self, code: str, message: str) -> str:
        """Why a file could not be read: the catalogue's reason for the code, then the
        reader's detail (which names sizes, encodings, the library's own words)."""
        if self.lang == MACHINE_LANGUAGE:
            return message
        reason = self.table.get(f"error.{code}", self("error.other"))
        return f"{reason}（{message}）" if message else reason

    def place(self, where: str, line: int) -> str:
        """'page 3, line 7' (Location.describe, the JSON `where`) in this language."""
        for key, pattern in _place_patterns():
            match = pattern.fullmatch(where or "")
            if match:
                return self(key, **match.groupdict())
        return self("place.line", line=line)

    def notice(self, notice: Notice) -> str:
        """A warning about a report (document.warnings) in this language."""
        params = dict(notice.params)
        if notice.key == "not-annual-report":
            genre = params.pop("genre", "")
            params["looks"] = self("warning.looks-like", genre=genre) if genre else ""
            params["kind"] = self.kind(params["kind"])
            params["judged"] = self(f"warning.judged-{params['judged']}")
        return self(f"warning.{notice.key}", **params)


@memoised
def _place_patterns() -> list[tuple[str, re.Pattern]]:
    """Regular expressions reading the English place templates back (what readers'
    Location.describe writes): one wording, kept in en.yaml."""
    english = _table(MACHINE_LANGUAGE)
    patterns = []
    for key in ("place.page", "place.table", "place.paragraph", "place.line"):
        regex = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>\\d+)", re.escape(english[key]))
        patterns.append((key, re.compile(regex)))
    return patterns


@memoised
def words(lang: str = DEFAULT_LANGUAGE) -> Words:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; valid: {', '.join(LANGUAGES)}")
    return Words(lang, _table(lang))


def english_words() -> Words:
    """The wording of machine-facing text (JSON warnings, the CI formats)."""
    return words(MACHINE_LANGUAGE)


@memoised
def _table(lang: str) -> dict[str, str]:
    """The checked catalogue, flattened; cached by the content of the file and its schema,
    since every run that shows a person anything needs it."""
    text = (catalogue_dir() / f"{lang}.yaml").read_text(encoding="utf-8")
    schema_text = (catalogue_dir() / "catalogue.schema.json").read_text(encoding="utf-8")
    key = cache.key_for(text, schema_text)
    table = cache.load("catalogue", key)
    if isinstance(table, dict):
        return table
    import jsonschema  # only when the catalogue changed: most runs never import it
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml: a quarter of the time
    data = yaml.load(text, Loader=loader)  # a safe loader
    # the shipped schema is known good: validating it too (jsonschema.validate) costs 50 ms
    jsonschema.Draft202012Validator(json.loads(schema_text)).validate(data)
    table = dict(flatten(data))
    cache.store("catalogue", key, table)
    return table


def flatten(data: dict, prefix: str = ""):
    """("status.met", "达标") for every word of a catalogue."""
    for key, value in data.items():
        if isinstance(value, dict):
            yield from flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def display_width(text: str) -> int:
    """Columns a terminal gives the text: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))

