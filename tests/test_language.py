"""rules/language.yaml: checked against its schema when loaded, a mistake reported as
`file:line: where: what` with exit code 2; the parts of a report declared there once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT, SEEDS

from checker.language.load import ENVIRONMENT, LanguageError, load_language, part_ids
from checker.language.validate import problems_in
from checker.packs.kinds.section import SectionSpec
from checker.paths import shipped_rules_dir

SHIPPED = shipped_rules_dir() / "language.yaml"
REPORT = str(sorted(SEEDS.glob("000_*.txt"))[0])


def _line_of(text: str, wording: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if wording in line)


def _broken(tmp_path, old: str, new: str):
    """The shipped file with one line changed: (its path, the number of that line)."""
    text = SHIPPED.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path = tmp_path / "language.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, _line_of(text, old)


def _load(monkeypatch, path):
    monkeypatch.setenv(ENVIRONMENT, str(path))
    return load_language()


def test_shipped_language_file_is_valid():
    assert problems_in(yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))) == []


BROKEN = [
    # (line changed, changed to, where, what) — the line of the problem is that line
    ("    account: true", "    acount: true", "parts[0].acount",
     "Additional properties are not allowed ('acount' was unexpected); allowed keys: account, "
     "default, first, headings, id, marks_report, name, place, stance, sub_heading"),
    ("  opening_lines: 6", "  opening_lines: six", "period.opening_lines", "expected integer, got 'six'"),
    ("  clause_end: '[，,。；;！？!?]'", "  clause_end: '[，,。'", "stance.clause_end",
     "not a regular expression: unterminated character set at position 0"),
    ("  year: '(?P<year>", "  year: '(?P<y>", "period.year", "needs the named group (?P<year>...)"),
    ("    stance: problem", "    stance: planned", "parts[3].stance",
     "exactly one part has `stance: planned` (2 have)"),
    ("    place: 3", "    place: 2", "parts[3].place", "place 2 is also 'leader-duty''s"),
    ("    default: {by: most,", "    default: {by: mostly,", "stance.main_stance.default.by",
     "'mostly' is not one of ['first', 'most']"),
    ("(?P<noun>要求)'", "(?P<thing>要求)'", "stance.requirement_nouns",
     "needs the named group (?P<noun>...)"),
]


@pytest.mark.parametrize("old, new, where, what", BROKEN, ids=[b[2] for b in BROKEN])
def test_a_mistake_is_reported_with_its_line(tmp_path, monkeypatch, old, new, where, what):
    path, line = _broken(tmp_path, old, new)
    with pytest.raises(LanguageError) as raised:
        _load(monkeypatch, path)
    assert str(raised.value) == f"{path}:{line}: {where}: {what}"


def test_a_yaml_syntax_error_is_reported_with_its_line(tmp_path, monkeypatch):
    path, line = _broken(tmp_path, "  opening_lines: 6", "  opening_lines: [6")
    with pytest.raises(LanguageError) as raised:
        _load(monkeypatch, path)
    assert str(raised.value).startswith(f"{path}:")
    assert raised.value.problems[0].where == "(yaml)" and raised.value.problems[0].line >= line


def test_a_missing_file_is_reported(tmp_path, monkeypatch):
    with pytest.raises(LanguageError, match="no such file"):
        _load(monkeypatch, tmp_path / "nowhere.yaml")


@pytest.mark.parametrize("command", [["check", REPORT], ["audit", str(SEEDS), "--out", "{out}"]],
                         ids=["check", "audit"])
def test_a_command_reading_reports_exits_2_with_one_line_per_problem(tmp_path, command):
    path, line = _broken(tmp_path, "  clause_end: '[，,。；;！？!?]'", "  clause_end: '[，,。'")
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", **{ENVIRONMENT: str(path)})
    args = [a.format(out=tmp_path / "audit") for a in command]
    run = subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True,
                         text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=120)
    assert run.returncode == 2
    assert run.stderr.splitlines() == [f"{path}:{line}: stance.clause_end: not a regular "
                                       "expression: unterminated character set at position 0"]


def test_a_valid_file_is_validated_once_then_taken_from_the_cache(tmp_path, monkeypatch):
    import checker.language.load as load
    path = tmp_path / "language.yaml"
    path.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    first = _load(monkeypatch, path)
    load._load.cache_clear()
    monkeypatch.setattr(load, "problems_in", lambda data: pytest.fail("validated again"))
    assert _load(monkeypatch, path).parts == first.parts


def test_a_cached_language_is_the_compiled_one_without_compiling_a_pattern(tmp_path, monkeypatch):
    """The cold start of `fazhi check`: the language's ~250 patterns come back from the cache
    as sre compiled them, equal to the patterns compiled from the file (same code)."""
    import re

    import checker.language.load as load
    path = tmp_path / "language.yaml"
    path.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    first = _load(monkeypatch, path)
    load._load.cache_clear()
    with monkeypatch.context() as patched:
        patched.setattr(re, "compile", lambda *args: pytest.fail(f"compiled again: {args}"))
        cached = _load(monkeypatch, path)
    assert cached is not first
    assert cached == first    # field by field; a pattern equals another only with the same code
    assert cached.numbers.pattern.search("约 3.5 万人次").group("number") == "3.5"


def test_a_pattern_kept_by_another_python_or_damaged_is_compiled_from_its_text():
    import re

    from checker import cache
    pattern = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年")
    arguments = cache._compile_arguments(pattern)
    assert cache.restore(cache.INTERPRETER, arguments) == pattern
    assert cache.restore(("another python",), arguments) == pattern
    damaged = (*arguments[:2], [999999] * len(arguments[2]), *arguments[3:])
    assert cache.restore(cache.INTERPRETER, damaged) == pattern


# --- the parts of a report, declared once ---------------------------------------------------

def test_the_pack_schema_allows_exactly_the_declared_parts_as_section():
    schema = json.loads((shipped_rules_dir() / "pack.schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["claim"]["properties"]["section"]["enum"]) == set(part_ids())


def test_every_section_element_names_a_declared_part(packs):
    sections = {c.spec.role for e in packs.elements for c in e.claims if isinstance(c.spec, SectionSpec)}
    assert sections <= set(part_ids())


def test_parts_keep_their_order_names_and_places():
    language = load_language()
    assert part_ids() == ("leader-duty", "other", "next-steps", "shortcomings", "achievements")
    assert language.report_parts == ("achievements", "leader-duty", "shortcomings", "next-steps")
    assert language.role_names["achievements"] == "主要举措和成效"
    assert (language.default_part, language.planned_part) == ("other", "next-steps")
