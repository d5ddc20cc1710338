"""Check language.yaml data: the JSON Schema (rules/language.schema.json), then what a
schema cannot say (unique part ids, one default part, the named groups the code reads).

A problem is (path of keys, message); the loader adds the file and line only when there
is one, so a valid file never pays for line numbers.
"""

from __future__ import annotations

import json
import re

from checker.paths import shipped_rules_dir

Problem = tuple[tuple, str]

SCHEMA_FILE = "language.schema.json"

# The named groups the code reads from a pattern's match.
NAMED_GROUPS = {
    ("kinds", "carried_title"): ("inner",),
    ("kinds", "carried_body"): ("inner",),
    ("period", "range"): ("from", "to"),
    ("period", "year"): ("year",),
    ("period", "mentioned_year"): ("year",),
    ("period", "opening_year"): ("year",),
    ("period", "dated"): ("year", "month"),
    ("stance", "later_year"): ("year",),
    ("stance", "requirement_nouns"): ("noun",),
    ("headings", "inline_pattern"): ("label",),
    ("headings", "markdown"): ("marks",),
    ("noise", "watermark"): ("slogan", "address"),
    ("noise", "page_number"): ("number",),
}


def schema_path():
    return shipped_rules_dir() / SCHEMA_FILE


def problems_in(data: object) -> list[Problem]:
    """Schema problems first; the other checks only on data the schema accepts."""
    if not isinstance(data, dict):
        return [((), "language.yaml is a mapping with " + ", ".join(_schema()["required"]))]
    problems = _schema_problems(data)
    return problems or (_part_problems(data["parts"]) + _genre_problems(data["kinds"]["genres"])
                        + _genre_use_problems(data["kinds"]) + _respelling_problems(data["noise"])
                        + _pattern_problems(data) + _shape_problems(data))


_SCHEMA: dict | None = None


def _schema() -> dict:
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = json.loads(schema_path().read_text(encoding="utf-8"))
    return _SCHEMA


def _schema_problems(data: dict) -> list[Problem]:
    import jsonschema  # here: a run whose language.yaml was validated before never needs it

    validator = jsonschema.Draft202012Validator(
        _schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return [(_where(e), _describe(e)) for e in validator.iter_errors(data)]


def _where(error) -> tuple:
    """The path of the value at fault; for one unexpected key, that key (its own line)."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        unexpected = [k for k in error.instance if k not in error.schema.get("properties", {})]
        if len(unexpected) == 1:
            return path + (unexpected[0],)
    return path


def _describe(error) -> str:
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        return f"{error.message}; allowed keys: {', '.join(allowed)}"
    if error.validator == "type":
        return f"expected {error.validator_value}, got {error.instance!r}"
    if error.validator == "format" and error.validator_value == "regex":
        return f"not a regular expression: {_regex_error(error.instance)}"
    return error.message


def _regex_error(pattern: str) -> str:
    try:
        re.compile(pattern)
    except re.error as exc:
        return str(exc)
    return "rejected"


def _part_problems(parts: list[dict]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, part in enumerate(parts):
        if part["id"] in first:
            problems.append((("parts", index, "id"), f"part {part['id']!r} is declared twice "
                             f"(first as parts[{first[part['id']]}])"))
        first.setdefault(part["id"], index)
    problems += _exactly_one(parts, "default", lambda p: p.get("default", False), "default: true")
    problems += _exactly_one(parts, "stance", lambda p: p.get("stance") == "planned", "stance: planned")
    places: dict[int, str] = {}
    for index, part in enumerate(parts):
        place = part.get("place")
        if place in places:
            problems.append((("parts", index, "place"), f"place {place} is also {places[place]!r}'s"))
        elif place is not None:
            places[place] = part["id"]
    return problems


def _genre_problems(genres: list[dict]) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for index, genre in enumerate(genres):
        if genre["id"] in first:
            problems.append((("kinds", "genres", index, "id"), f"genre {genre['id']!r} is declared twice "
                             f"(first as kinds.genres[{first[genre['id']]}])"))
        first.setdefault(genre["id"], index)
    return problems


def _genre_use_problems(kinds: dict) -> list[Problem]:
    declared = {g["id"] for g in kinds["genres"]}
    return [(("kinds", "genre_for", use), f"no genre {genre_id!r} in kinds.genres")
            for use, genre_id in kinds["genre_for"].items() if genre_id not in declared]


def _respelling_problems(noise: dict) -> list[Problem]:
    """A respelling is put back in place, so both wordings are as long (columns stay true)."""
    return [(("noise", table, old), f"{old!r} and {new!r} differ in length")
            for table in ("traditional_phrases", "respelled") for old, new in noise[table].items()
            if len(old) != len(new)]


def _exactly_one(parts: list[dict], key: str, has, wording: str) -> list[Problem]:
    marked = [i for i, p in enumerate(parts) if has(p)]
    if len(marked) == 1:
        return []
    where = ("parts", marked[1], key) if marked else ("parts",)
    return [(where, f"exactly one part has `{wording}` ({len(marked)} have)")]


def _pattern_problems(data: dict) -> list[Problem]:
    problems: list[Problem] = []
    for (section, key), groups in NAMED_GROUPS.items():
        names = re.compile(data[section][key]).groupindex
        problems += [((section, key), f"needs the named group (?P<{g}>...)")
                     for g in groups if g not in names]
    problems += [(("sentences", "frames", i, "pattern"), "needs the named group (?P<span>...)")
                 for i, frame in enumerate(data["sentences"]["frames"])
                 if "span" not in re.compile(frame["pattern"]).groupindex]
    for key in ("document_name", "year_as_object"):
        if re.compile(data["stance"][key]).groupindex:
            problems.append((("stance", key), "must not name groups: it is combined with "
                             "period.range"))
    return problems


def _shape_problems(data: dict) -> list[Problem]:
    shapes = {("title",): data["title"], ("noise", "news_title"): data["noise"]["news_title"]}
    return [(where + ("min_chars",),
             f"min_chars {shape['min_chars']} is more than max_chars {shape['max_chars']}")
            for where, shape in shapes.items() if shape["min_chars"] > shape["max_chars"]]
