"""The compiled code a start keeps between runs (checker/code_cache.py): the same classes and
patterns with it as without it, and a damaged or foreign file is never trusted."""

import dataclasses
import re
from re import _compiler

import pytest

from checker import code_cache
from checker.code_cache import KeptCode
from tests.conftest import SEEDS, run_fazhi

SEED = str(sorted(SEEDS.glob("*.txt"))[1])
SOURCE = """
@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
    label: str = dataclasses.field(default="p", compare=False)
"""


def _point_class(kept: KeptCode, monkeypatch):
    """The class SOURCE defines, its methods made with `kept` as `dataclasses`' exec."""
    if code_cache._dataclasses_exec():
        monkeypatch.setattr(dataclasses, "exec", kept.exec, raising=False)
    namespace = {"dataclasses": dataclasses}
    exec(SOURCE, namespace)
    monkeypatch.delattr(dataclasses, "exec", raising=False)
    return namespace["Point"]


def _behaviour(cls) -> tuple:
    a, b = cls(1, 2, "a"), cls(1, 2, "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.x = 3   # type: ignore[misc]
    with pytest.raises(TypeError):
        cls()
    return (repr(a), a == b, hash(a) == hash(b), a == cls(2), cls.__doc__,
            [f.name for f in dataclasses.fields(cls)])


def test_a_second_run_makes_the_same_classes_from_the_kept_code(tmp_path, monkeypatch):
    path = tmp_path / "code.marshal"
    first = KeptCode(path)
    made = _behaviour(_point_class(first, monkeypatch))
    first.save()
    assert path.is_file()

    second = KeptCode(path)
    assert _behaviour(_point_class(second, monkeypatch)) == made
    if code_cache._dataclasses_exec():
        assert not second.compiled_new    # every method came from the file
    written = path.stat().st_mtime_ns
    second.save()                         # nothing new: the file is not written again
    assert path.stat().st_mtime_ns == written


def test_kept_patterns_are_the_patterns_re_compiles(tmp_path):
    path = tmp_path / "code.marshal"
    expressions = [(r"(?P<year>\d{4})年度?", 0), (r"^第[一二三四五六七八九十]+条", re.MULTILINE),
                   (rb"\xef\xbb\xbf", 0), (r"(?i)Fazhi", 0)]
    first = KeptCode(path)
    first._compile_pattern = _compiler.compile
    made = [first.compile_pattern(p, f) for p, f in expressions]
    first.save()

    second = KeptCode(path)
    second._compile_pattern = _compiler.compile
    restored = [second.compile_pattern(p, f) for p, f in expressions]
    assert not second.compiled_new
    assert restored == made == [_compiler.compile(p, f) for p, f in expressions]
    assert restored[0].search("2024年度报告").group("year") == "2024"
    assert restored[3].match("FAZHI")


@pytest.mark.parametrize("damage", ["truncated", "flipped", "other interpreter", "not marshal"])
def test_a_damaged_or_foreign_file_is_ignored(tmp_path, monkeypatch, damage):
    path = tmp_path / "code.marshal"
    kept = KeptCode(path)
    made = _behaviour(_point_class(kept, monkeypatch))
    kept.compiled_new = True
    kept.save()
    data = path.read_bytes()
    header, checksum, body = data.split(b"\n", 2)
    damaged = {"truncated": data[:len(data) // 2],
               "flipped": data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:],
               "other interpreter": header.replace(b"cpython", b"otherpy") + b"\n" + checksum + b"\n" + body,
               "not marshal": header + b"\n" + checksum + b"\nnot marshal at all"}[damage]
    path.write_bytes(damaged)

    again = KeptCode(path)
    assert again.methods == {} and again.patterns == {}
    assert _behaviour(_point_class(again, monkeypatch)) == made


def test_the_command_gives_the_same_results_with_and_without_its_kept_code(tmp_path):
    seed = SEED
    cache = tmp_path / "cache"
    first = run_fazhi("check", seed, "--format", "json", FAZHI_CACHE_DIR=str(cache))
    kept = list(cache.glob("compiled-code-*.marshal"))
    assert len(kept) == 1
    written = kept[0].stat().st_mtime_ns
    second = run_fazhi("check", seed, "--format", "json", FAZHI_CACHE_DIR=str(cache))
    assert kept[0].stat().st_mtime_ns == written     # nothing new compiled, nothing written
    kept[0].write_bytes(b"damaged")
    third = run_fazhi("check", seed, "--format", "json", FAZHI_CACHE_DIR=str(cache))
    for run in (second, third):
        assert (run.returncode, run.stdout, run.stderr) == (first.returncode, first.stdout, first.stderr)
    assert kept[0].read_bytes() != b"damaged"        # rewritten whole


def test_a_cache_folder_that_cannot_be_made_only_costs_speed(tmp_path):
    blocked = tmp_path / "a file"
    blocked.write_text("")
    result = run_fazhi("check", SEED, FAZHI_CACHE_DIR=str(blocked / "cache"))
    assert result.returncode in (0, 1) and result.stderr == ""


def test_what_the_literal_filter_reads_from_an_expression_is_kept_for_the_next_run(tmp_path, monkeypatch):
    """checker.packs.literals.needed parses each expression with sre's parser (Python, slow
    at a start): a second run takes the groups from the file, without parsing, and they
    are the groups the parser gives."""
    from checker.packs import literals
    pattern, flags = "在(?P<span>[^。]{2,40}?)等(工作|领域)中", 0
    parsed = literals.needed.__wrapped__(pattern, flags)
    assert parsed == (("在",), ("等",), ("工作", "领域"), ("中",))
    path = tmp_path / "code.marshal"

    def needed_in_a_new_process(kept):
        monkeypatch.setattr(code_cache, "_INSTALLED", kept)
        return code_cache.kept_results(literals.needed.__wrapped__)(pattern, flags)

    assert needed_in_a_new_process(KeptCode(path)) == parsed
    code_cache._INSTALLED.save()
    monkeypatch.setattr(literals.sre_parse, "parse", lambda *a: pytest.fail("parsed again"))
    again = KeptCode(path)
    assert needed_in_a_new_process(again) == parsed and not again.compiled_new
