"""Hostile and broken input through the real command line: nothing crashes, nothing is lost.

The contract (docs/design.md, exit codes): a bad report or pack ends with exit code 2 and exactly
one line on stderr per problem, naming the file (and the line, for a pack) and the reason;
never a traceback. A bug in fazhi itself is exit code 3 with one short line, and --debug
shows the traceback. The readers' own refusal codes are tested in test_readers.py; here
every case goes through `fazhi check` (or `fazhi audit`) as a user meets it.
"""

from __future__ import annotations

import json
import os
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from test_cli import fazhi
from test_readers import _encrypted_pdf, _garbage, _image_only_pdf, _many_entries, _zip_bomb

from checker.readers.limits import LIMITS

REPORT = SEEDS / "001_04b6fb7adc03cf2d.txt"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
MB = 1024 * 1024


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _report_text() -> str:
    return REPORT.read_text(encoding="utf-8")


def assert_one_line_per_problem(run, problems: list[tuple[str, str]], code: int = 2) -> list[str]:
    """Exit `code`; stderr has exactly one line per (file, reason) pair, in any order."""
    assert run.returncode == code, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == len(problems), lines
    for where, reason in problems:
        assert any(where in line and reason in line for line in lines), (where, reason, lines)
    return lines


# --- reports --------------------------------------------------------------------------

def _deeply_nested_html(path: Path) -> Path:
    paragraphs = "".join(f"<p>{line}</p>" for line in _report_text().splitlines() if line.strip())
    script = "<script>var 法律顾问 = '全覆盖'; document.write('重大行政决策事项目录');</script>"
    page = (f"<html><head><title>报告</title>{script}</head><body>{'<div>' * 10_000}"
            f"{script}{paragraphs}{'</div>' * 10_000}{script}</body></html>")
    return _write(path, page.encode("utf-8"))


def _no_permission(path: Path) -> Path:
    """Tests run as root, who reads any file; a directory with a report's name is a path
    whose read fails with an OSError just as a file without read permission does."""
    path.mkdir()
    return path


def _device(path: Path) -> Path:
    """A report name pointing at /dev/zero: endless bytes, though stat says size 0."""
    path.symlink_to("/dev/zero")
    return path


def _named_pipe(path: Path) -> Path:
    """Reading a pipe nobody writes to would wait forever."""
    os.mkfifo(path)
    return path


def _entity_bomb_docx(path: Path) -> Path:
    """A real .docx whose document.xml declares nine levels of ten nested entities."""
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10 if i else "lol"}">' for i in range(10))
    with zipfile.ZipFile(FORMATS / "seed001.docx") as source, zipfile.ZipFile(path, "w") as bomb:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                body = data[data.index(b"<w:document"):].replace(b"<w:t>", b"<w:t>&e9;", 1)
                data = f"<?xml version='1.0'?><!DOCTYPE d [{entities}]>".encode() + body
            bomb.writestr(item, data)
    return path


BAD_REPORTS = {
    # name: (make the file in a folder, a fragment of the one-line reason)
    "empty file": (lambda d: _write(d / "empty.txt", b""), "file is empty"),
    "whitespace only": (lambda d: _write(d / "blank.txt", " \n\t\r\n\u3000\n".encode()), "no text"),
    "binary garbage named .txt": (lambda d: _write(d / "garbage.txt", _garbage()), "binary"),
    "two million short lines": (lambda d: _write(d / "lines.txt", "法治\n".encode() * (2 * MB)),
                                f"lines, over the limit of {LIMITS.lines}"),
    "broken zip named .docx": (lambda d: _write(d / "broken.docx", b"PK\x03\x04" + _garbage(500)),
                               "not a valid .docx"),
    "zip bomb named .docx": (lambda d: _zip_bomb(d / "bomb.docx"), "zip bomb"),
    "zip with too many entries": (lambda d: _many_entries(d / "many.docx"), "entries, over"),
    "xml entity bomb in a .docx": (lambda d: _entity_bomb_docx(d / "laughs.docx"), "cannot open as .docx"),
    "encrypted pdf": (lambda d: _encrypted_pdf(d / "locked.pdf"), "password-protected"),
    "pdf without a text layer": (lambda d: _image_only_pdf(d / "scan.pdf"), "OCR"),
    "no read permission": (lambda d: _no_permission(d / "secret.txt"), "is a directory"),  # and
    # test_a_read_permission_error_in_process_is_one_line raises a real PermissionError
    "device named .txt": (lambda d: _device(d / "zero.txt"), "not a regular file"),
    "named pipe named .txt": (lambda d: _named_pipe(d / "pipe.txt"), "not a regular file"),
    "path that does not exist": (lambda d: d / "nowhere.txt", "no such file"),
}


@pytest.mark.parametrize("case", sorted(BAD_REPORTS))
def test_bad_report_is_exit_2_with_one_line_naming_file_and_reason(tmp_path, case):
    make, reason = BAD_REPORTS[case]
    path = make(tmp_path)
    started = time.monotonic()
    run = fazhi("check", str(path))
    assert_one_line_per_problem(run, [(str(path), reason)])
    assert time.monotonic() - started < 30


def test_a_line_break_in_a_file_name_does_not_split_its_line(tmp_path):
    run = fazhi("check", str(tmp_path / "bad\nname.txt"))
    assert_one_line_per_problem(run, [(str(tmp_path / "bad\\nname.txt"), "no such file")])


@pytest.mark.parametrize("command", [("explain", "counsel-coverage"), ("check", "--explain", "counsel-coverage")])
def test_explaining_a_bad_report_is_exit_2_with_one_line(tmp_path, command):
    missing = tmp_path / "nowhere.txt"
    run = fazhi(*command, str(missing), str(REPORT))
    assert_one_line_per_problem(run, [(str(missing), "no such file")])
    assert "candidate sentences" in run.stdout   # the readable report is still explained


def test_every_bad_report_is_listed_and_the_good_one_still_checked(tmp_path):
    paths = [make(tmp_path) for make, _ in BAD_REPORTS.values()]
    run = fazhi("check", "--format", "json", *map(str, paths), str(REPORT))
    assert_one_line_per_problem(run, [(str(p), r) for p, (_, r) in zip(paths, BAD_REPORTS.values(), strict=False)])
    reports = json.loads(run.stdout)["reports"]
    assert [r["file"] for r in reports] == [*map(str, paths), str(REPORT)]
    assert all(len(r["errors"]) == 1 and r["score"] is None for r in reports[:-1])
    assert reports[-1]["errors"] == [] and reports[-1]["score"] > 50


def _fifty_megabytes(path: Path) -> Path:
    line = "本年度，我区持续推进法治政府建设。\n".encode()
    with path.open("wb") as out:
        for _ in range(50 * MB // (len(line) * 1024) + 1):
            out.write(line * 1024)
    return path


def test_a_50_mb_report_is_refused_by_the_size_limit_without_reading_it(tmp_path):
    path = _fifty_megabytes(tmp_path / "huge.txt")
    started = time.monotonic()
    run = fazhi("check", str(path))
    assert_one_line_per_problem(run, [(str(path), "over the limit of 20971520")])
    assert time.monotonic() - started < 10


def test_max_bytes_lowers_the_size_limit():
    run = fazhi("check", "--max-bytes", "1000", str(REPORT))
    assert_one_line_per_problem(run, [(str(REPORT), "over the limit of 1000")])
    assert fazhi("check", "--max-bytes", str(REPORT.stat().st_size), str(REPORT)).returncode == 0


def test_max_bytes_raises_the_size_limit(tmp_path):
    """Just over 20 MB: the report, then a run of blanks (cheap to check)."""
    path = _write(tmp_path / "padded.txt", (_report_text() + "\n" + " " * (20 * MB) + "\n").encode())
    assert fazhi("check", str(path)).returncode == 2
    run = fazhi("check", "--format", "json", "--max-bytes", str(30 * MB), str(path))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["reports"][0]["score"] > 50


def test_max_bytes_must_be_positive():
    run = fazhi("check", "--max-bytes", "0", str(REPORT))
    assert_one_line_per_problem(run, [("--max-bytes 0", "expected 1 or more")])


def test_a_report_on_one_huge_line_is_checked_and_scored(tmp_path):
    """One line with no sentence end, as long as the character limit allows, holding
    thousands of occurrences of each term (word boundaries and `near`/`quantity` distances
    were once compared pairwise, which took minutes here). Its time and memory are measured
    by ci/bench_limits.py ("one huge sentence")."""
    body = _report_text().replace("。", "，").replace("\n", "，")
    path = _write(tmp_path / "one-line.txt", (body * (LIMITS.chars // len(body))).encode("utf-8"))
    run = fazhi("check", "--format", "json", str(path))
    assert run.returncode in (0, 1) and run.stderr == "", run.stderr
    assert json.loads(run.stdout)["reports"][0]["score"] > 0


def test_invalid_utf8_bytes_are_replaced_and_the_report_still_checked(tmp_path):
    """Documented in checker/readers/decoding.py: a UTF-8 file with a few damaged bytes
    (up to 1% of its characters) is read as UTF-8, each damaged byte becoming U+FFFD."""
    raw = REPORT.read_bytes()
    middle = raw.index(b"\n", len(raw) // 2)
    path = _write(tmp_path / "damaged.txt", raw[:middle] + b"\xff\xfe\x80" + raw[middle:])
    run = fazhi("check", "--format", "json", str(path))
    assert run.returncode == 0 and run.stderr == ""
    damaged = json.loads(run.stdout)["reports"][0]
    clean = json.loads(fazhi("check", "--format", "json", str(REPORT)).stdout)["reports"][0]
    assert damaged["score"] == clean["score"] and damaged["missing"] == clean["missing"]


def test_a_codec_that_refuses_to_decode_is_a_bad_encoding(tmp_path):
    """Python's 'undefined' codec raises a bare UnicodeError, once an internal error."""
    run = fazhi("check", "--encoding", "undefined", str(REPORT))
    assert_one_line_per_problem(run, [(str(REPORT), "cannot decode with 'undefined'")])
    page = f'<html><head><meta charset="undefined"></head><body><p>{_report_text()}</p></body></html>'
    run = fazhi("check", str(_write(tmp_path / "page.html", page.encode("utf-8"))))
    assert run.returncode in (0, 1) and run.stderr == ""   # the page's own charset is not believed


def test_html_with_scripts_and_10000_nested_tags_is_read_without_the_scripts(tmp_path):
    path = _deeply_nested_html(tmp_path / "deep.html")
    run = fazhi("check", "--format", "json", str(path))
    assert run.returncode == 0 and run.stderr == ""
    report = json.loads(run.stdout)["reports"][0]
    assert report["score"] > 50
    quotes = [e["text"] for element in report["elements"] for e in element["evidence"]]
    assert quotes and not any("document.write" in q or "var " in q for q in quotes)


def test_audit_survives_a_symlink_loop_and_lists_each_bad_report(tmp_path):
    folder = tmp_path / "submissions"
    (folder / "county").mkdir(parents=True)
    (folder / "county" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "county" / "report.txt").write_text(_report_text(), encoding="utf-8")
    bad = [make(folder) for make, _ in BAD_REPORTS.values()]
    # a folder is walked; a pipe or a device named like a report is listed with its reason
    bad = [p for p in bad if os.path.lexists(p) and not p.is_dir()]
    run = fazhi("audit", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert run.returncode in (0, 1) and "Traceback" not in run.stderr, run.stderr
    reports = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["reports"]
    by_file = {r["file"]: r for r in reports}
    assert sorted(by_file) == sorted([str(folder / "county" / "report.txt"), *map(str, bad)])
    assert all(len(by_file[str(p)]["errors"]) == 1 for p in bad)
    good = by_file[str(folder / "county" / "report.txt")]
    assert good["errors"] == [] and good["score"] > 50


# --- packs ----------------------------------------------------------------------------

ELEMENT = ("{{id: {id}, title: t, severity: required, weight: 1, basis: [{{document: d}}], "
           "claims: {claims}, met: m, hint: h}}")


def _pack(name: str, *elements: str, extra: str = "") -> str:
    listed = "".join(f"\n  - {e}" for e in elements)
    return f"pack: {name}\ntitle: t\n{extra}" + (f"elements:{listed}\n" if elements else "")


def _element(element_id: str, claims: str = "[{any: [法律援助]}]") -> str:
    return ELEMENT.format(id=element_id, claims=claims)


def _alias_bomb() -> str:
    """Nine levels of nine aliases: 9**10 nodes once expanded, a few hundred bytes on disk."""
    levels = ["x0: &a0 [x, x, x, x, x, x, x, x, x]"]
    levels += [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    return "pack: p\ntitle: t\n" + "\n".join(levels) + "\n"


BAD_PACKS = {
    # name: ({file: text}, [(file:line, reason) per problem])
    "invalid yaml": ({"p.yaml": "pack: p\ntitle: t\nelements: [\n"}, [("p.yaml:4:", "(yaml)")]),
    "python tag": ({"p.yaml": "pack: p\ntitle: !!python/object/apply:os.system ['touch PWNED']\n"},
                   [("p.yaml:2:", "could not determine a constructor")]),
    "schema invalid": ({"p.yaml": _pack("p", _element("x").replace("weight: 1", "weight: high"))},
                       [("p.yaml:4:", "elements[0].weight: expected number")]),
    "duplicate element ids": ({"p.yaml": _pack("p", _element("x"), _element("x"))},
                              [("p.yaml:5:", "duplicate element id 'x' (first at line 4)")]),
    "extends cycle": ({"a.yaml": _pack("a", extra="extends: b\n"), "b.yaml": _pack("b", extra="extends: a\n")},
                      [("a.yaml:3:", "`extends` cycle: a -> b -> a"),
                       ("b.yaml:3:", "`extends` cycle: b -> a -> b")]),
    "extends unknown pack": ({"p.yaml": _pack("p", extra="extends: nowhere\n")},
                             [("p.yaml:3:", "extends unknown pack 'nowhere'")]),
    "element without claims": ({"p.yaml": _pack("p", _element("x", claims="[]"))},
                               [("p.yaml:4:", "claims: [] should be non-empty")]),
    "claim with no wordings": ({"p.yaml": _pack("p", _element("x", claims="[{any: []}]"))},
                               [("p.yaml:4:", "any: [] should be non-empty")]),
    "yaml alias bomb": ({"p.yaml": _alias_bomb()}, [("p.yaml:8:", "a YAML bomb?")]),
    "recursive alias": ({"p.yaml": "pack: p\ntitle: t\ndescription: &a [x, *a]\n"},
                        [("p.yaml:3:", "an alias refers to itself")]),
    "nested too deeply": ({"p.yaml": "pack: p\ntitle: t\ndescription: " + "[" * 5000 + "]" * 5000 + "\n"},
                          [("p.yaml:1:", "nested too deeply")]),
    "oversized pack": ({"p.yaml": _pack("p", extra=f"description: {'长' * (MB // 3 + 10)}\n")},
                       [("p.yaml:1:", "larger than 1048576 bytes")]),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKS))
def test_bad_pack_is_exit_2_with_one_file_and_line_per_problem(tmp_path, case):
    files, problems = BAD_PACKS[case]
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    run = fazhi("check", "--rules", str(tmp_path), str(REPORT), cwd=tmp_path)
    lines = assert_one_line_per_problem(run, [(str(tmp_path / w), r) for w, r in problems])
    assert all(line.startswith(str(tmp_path)) for line in lines)
    assert not (tmp_path / "PWNED").exists()


def test_bad_pack_fails_rules_validate_the_same_way(tmp_path):
    files, problems = BAD_PACKS["duplicate element ids"]
    path = tmp_path / "p.yaml"
    path.write_text(files["p.yaml"], encoding="utf-8")
    run = fazhi("rules", "validate", str(path))
    assert_one_line_per_problem(run, [(str(tmp_path / w), r) for w, r in problems])


# --- internal errors ------------------------------------------------------------------

def run_in_process(monkeypatch, capsys, *args) -> tuple[int, str, str]:
    """checker.cli.main as the console script runs it: (exit code, stdout, stderr)."""
    from checker import cli
    monkeypatch.setattr(sys, "argv", ["fazhi", *args])
    with pytest.raises(SystemExit) as caught:
        cli.main()
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def _break_the_any_matcher(monkeypatch) -> None:
    from dataclasses import replace

    from checker.packs.kinds import KINDS

    def broken(spec, sentence, ctx):
        raise ZeroDivisionError("simulated bug in a matcher")
    monkeypatch.setitem(KINDS, "any", replace(KINDS["any"], find=broken))


def test_an_internal_error_is_exit_3_with_one_short_line(monkeypatch, capsys):
    _break_the_any_matcher(monkeypatch)
    code, _, err = run_in_process(monkeypatch, capsys, "check", str(REPORT))
    assert code == 3
    assert err.strip().splitlines() == [
        "fazhi: internal error: ZeroDivisionError: simulated bug in a matcher (run with --debug for details)"]


def test_debug_shows_the_traceback_of_an_internal_error(monkeypatch, capsys):
    _break_the_any_matcher(monkeypatch)
    code, _, err = run_in_process(monkeypatch, capsys, "check", "--debug", str(REPORT))
    assert code == 3
    assert "Traceback (most recent call last)" in err and "in broken" in err


def test_a_read_permission_error_in_process_is_one_line(monkeypatch, capsys, tmp_path):
    """A real PermissionError from the read itself (root cannot be refused by chmod)."""
    path = _write(tmp_path / "secret.txt", REPORT.read_bytes())

    def refuse(self):
        raise PermissionError(13, "Permission denied", str(self))
    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, _, err = run_in_process(monkeypatch, capsys, "check", str(path))
    assert code == 2
    assert err.strip().splitlines() == [f"fazhi: {path}: 无法打开（Permission denied）"]
