"""Hostile input, second round (issue 12): what fazhi prints or writes cannot be turned
against its reader, a strange file name or zip never costs a result, a pack cannot make a
score NaN or lose a value, fazhi never writes over what it reads, an audit's outputs never
mix two runs, and text built to make a step superlinear is checked in bounded time.

Every input is built here, small, and goes through the real command line; each test
asserts what the user sees (the parsed Markdown, the XML a CI server reads, the terminal's
bytes, the files left on disk)."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from test_cli import fazhi
from test_hostile import _element, _pack, assert_one_line_per_problem, run_in_process

from checker.readers.limits import LIMITS

REPORT = SEEDS / "001_04b6fb7adc03cf2d.txt"
OTHER = SEEDS / "002_976bef6feeda2d83.txt"
FORMATS = ROOT / "tests" / "fixtures" / "formats"
ESC = "\x1b"
# a title (as fazhi finds it) with a live link and a mention in it, and a sentence that
# tries every other trick a pull-request comment or a terminal falls for
HOSTILE_TITLE = "[点击查看](//evil.example/x)@admin关于2024年法治政府建设情况的报告"
HOSTILE_SENTENCE = ("图示 ![i](//evil.example/i.png) <b>粗</b> `code` https://evil.example www.evil.example "
                    f"{ESC}[2J{ESC}[8m隐藏 全区法律顾问覆盖率达100%。")


def _report_text(title: str = HOSTILE_TITLE) -> str:
    lines = REPORT.read_text(encoding="utf-8").splitlines()
    return "\n".join([title, *lines[2:]]) + "\n"      # the seed's title runs over two lines


def _hostile_report(folder: Path, name: str = "report.txt", title: str = HOSTILE_TITLE) -> Path:
    path = folder / name
    path.write_text(_report_text(title), encoding="utf-8")
    return path


# --- Markdown -------------------------------------------------------------------------

def _markdown_tokens(text: str) -> list:
    from markdown_it import MarkdownIt
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = []
    for token in parser.parse(text):
        tokens.append(token)
        tokens.extend(token.children or [])
    return tokens


def _assert_inert_markdown(text: str) -> list:
    """No link, image, raw HTML or autolink; no bare @mention or URL GitHub would link."""
    tokens = _markdown_tokens(text)
    live = [t.type for t in tokens if t.type in ("link_open", "image", "html_inline", "html_block")]
    assert live == [], live
    plain = "".join(t.content for t in tokens if t.type == "text")   # code spans notify no one
    assert "@admin" not in plain and "https://evil" not in plain and "www.evil" not in plain
    assert ESC not in text
    return tokens


def test_markdown_shows_a_hostile_title_and_file_name_as_text(tmp_path):
    """A backtick in the file name once closed its code span; a carriage return split the row."""
    name = "a`[x](evil.example)`@admin\rb.txt"
    path = _hostile_report(tmp_path, name)
    run = fazhi("check", "--format", "markdown", "--fail-under", "100", str(path))
    assert run.returncode == 1, run.stderr
    tokens = _assert_inert_markdown(run.stdout)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 2                      # the header and the report's one row
    cells = [t.content for t in tokens if t.type == "inline" and t.level >= 0]
    assert any("`[x](evil.example)`@admin\\rb.txt" in c for c in cells)


def test_diff_markdown_keeps_hostile_evidence_as_text(tmp_path):
    """The newer report gains counsel coverage in a sentence full of markup: the table shows it."""
    without_counsel = _report_text().replace("法律顾问", "某某").replace("律师", "某某")
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(without_counsel, encoding="utf-8")
    new.write_text(without_counsel + HOSTILE_SENTENCE + "\n", encoding="utf-8")
    run = fazhi("diff", "--format", "markdown", str(old), str(new))
    assert run.returncode == 0, run.stderr
    tokens = _assert_inert_markdown(run.stdout)
    text = "".join(t.content for t in tokens if t.type == "text")
    assert "[点击查看](//evil.example/x)@\u2060admin关于" in text        # the title, as written
    # the new evidence (its sentence starts after the `!`, a sentence end)
    assert "[i](//evil.example/i.png) <b>粗</b> `code`" in text


# --- terminal, annotations, stderr -------------------------------------------------------

@pytest.mark.parametrize("command", [("check",), ("check", "--verbose"), ("check", "--format", "github"),
                                     ("explain", "counsel-coverage")])
def test_no_escape_sequence_reaches_the_terminal(tmp_path, command):
    path = _hostile_report(tmp_path, f"evil{ESC}]0;title{ESC}\\.txt",
                           title=f"{ESC}[2J关于2024年法治政府建设情况的报告")
    evidence = path.read_text(encoding="utf-8").replace("法律顾问", f"法律{ESC}[8m顾问{ESC}[0m法律顾问")
    path.write_text(evidence, encoding="utf-8")
    run = fazhi(*command, "--no-color", str(path)) if command[0] == "check" else fazhi(*command, str(path))
    assert run.returncode in (0, 1), run.stderr
    assert ESC not in run.stdout and ESC not in run.stderr
    assert "\\x1b" in run.stdout                # shown, escaped, where it was


def test_a_zip_entry_name_cannot_forge_a_line_on_stderr(tmp_path):
    """An entry named with ESC and a line break, in a .docx refused as a zip bomb: the reason
    names the entry, on one line, without the forged `fazhi: other.docx: ok`."""
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr(f"x{ESC}[2K\nfazhi: other.docx: ok", b"\0" * (3 * 1024 * 1024))
    run = fazhi("check", str(bomb), str(REPORT))
    lines = assert_one_line_per_problem(run, [(str(bomb), "zip bomb")])
    assert ESC not in run.stderr and "\\nfazhi: other.docx: ok" in lines[0]


# --- XML and JSON ------------------------------------------------------------------------

def test_junit_parses_with_control_characters_in_names(tmp_path):
    path = _hostile_report(tmp_path, "ctl\x01\x02\x1b\x7f.txt")
    broken = tmp_path / "zip\x03.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    run = fazhi("check", "--format", "junit", str(path), str(broken))
    assert run.returncode == 2
    suites = ET.fromstring(run.stdout.encode("utf-8")).findall("testsuite")
    assert [Path(s.get("name")).name for s in suites] == ["ctl\\x01\\x02\\x1b\\x7f.txt", "zip\\x03.docx"]


@pytest.mark.parametrize("format", ["sarif", "json", "junit", "csv", "html", "markdown", "github", "text"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped_in_every_format(tmp_path, format):
    folder = os.fsencode(tmp_path)
    raw = folder + b"/bad\xff\xfe.txt"
    with open(raw, "wb") as out:
        out.write(REPORT.read_bytes())
    name = os.fsdecode(raw)
    output = tmp_path / f"out.{format}"
    run = fazhi("check", "--format", format, "--output", str(output), name)
    assert run.returncode == 0, run.stderr
    written = output.read_bytes().decode("utf-8")   # valid UTF-8, whatever the name
    shown = ("bad%5Cxff%5Cxfe.txt",) if format == "sarif" else ("bad\\xff\\xfe.txt", "bad\\\\xff\\\\xfe.txt")
    assert any(name in written for name in shown)   # a URI in SARIF; JSON doubles the backslash
    if format in ("sarif", "json"):
        json.loads(written)


def test_an_audit_of_a_file_name_that_is_not_utf8_keeps_every_result(tmp_path):
    submissions = tmp_path / "in"
    submissions.mkdir()
    with open(os.fsencode(submissions) + b"/bad\xff.txt", "wb") as out:
        out.write(REPORT.read_bytes())
    (submissions / "good.txt").write_bytes(OTHER.read_bytes())
    run = fazhi("audit", str(submissions), "--out", str(tmp_path / "out"))
    assert run.returncode in (0, 1), run.stderr
    reports = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["reports"]
    assert sorted(Path(r["file"]).name for r in reports) == ["bad\\xff.txt", "good.txt"]
    assert all(r["score"] is not None for r in reports)


# --- zips that zipfile cannot read ---------------------------------------------------------

def _docx_needing_zip_version(path: Path, version: int) -> Path:
    data = bytearray((FORMATS / "seed001.docx").read_bytes())
    for signature, offset in ((b"PK\x01\x02", 6), (b"PK\x03\x04", 4)):
        start = data.find(signature)
        while start != -1:
            data[start + offset:start + offset + 2] = version.to_bytes(2, "little")
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def test_a_docx_needing_an_unsupported_zip_version_is_one_unreadable_report(tmp_path):
    path = _docx_needing_zip_version(tmp_path / "new-zip.docx", 99)
    run = fazhi("check", str(path), str(REPORT))
    assert_one_line_per_problem(run, [(str(path), "unsupported zip")])
    assert "得分：75/100" in run.stdout          # the good file beside it is still checked


# --- packs ---------------------------------------------------------------------------------



BAD_PACKS = {
    "infinite weight": (_pack("p", _element("x").replace("weight: 1", "weight: .inf")),
                        [("p.yaml:4:", "elements[0].weight: expected a finite number, got inf")]),
    "weight not a number": (_pack("p", _element("x").replace("weight: 1", "weight: .nan")),
                            [("p.yaml:4:", "elements[0].weight: expected a finite number, got nan")]),
    "duplicate key": ("pack: p\ntitle: t\ntitle: u\n", [("p.yaml:3:", "duplicate key 'title' (first at line 2)")]),
    "id ending in a line break": (_pack("p", _element('"x\\n"')), [("p.yaml:4:", "elements[0].id:")]),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKS))
def test_a_pack_that_would_make_a_nan_score_or_lose_a_value_is_refused(tmp_path, case):
    text, problems = BAD_PACKS[case]
    (tmp_path / "p.yaml").write_text(text, encoding="utf-8")
    for command in (("rules", "validate", str(tmp_path / "p.yaml")), ("check", "--rules", str(tmp_path), str(REPORT))):
        run = fazhi(*command)
        assert_one_line_per_problem(run, [(str(tmp_path / w), r) for w, r in problems])
        assert "nan" not in run.stdout.lower()


# --- never writing over what it reads --------------------------------------------------------

def _own_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "mine.yaml"
    pack.write_text(_pack("mine", _element("mine.legal-aid")), encoding="utf-8")
    return pack


@pytest.mark.parametrize("option", ["--output", "--report"])
def test_an_output_naming_a_pack_or_the_config_in_use_is_refused(tmp_path, option):
    pack = _own_pack(tmp_path)
    config = tmp_path / ".fazhi.toml"
    config.write_text('fail-under = 50\nrules = ["mine.yaml"]\n', encoding="utf-8")
    before = {p: p.read_bytes() for p in (pack, config)}
    for target, what in ((pack, "a rule pack in use"), (config, "the config file in use")):
        value = str(target) if option == "--output" else f"junit={target}"
        run = fazhi("check", "--format", "json", option, value, str(REPORT), cwd=tmp_path)
        assert_one_line_per_problem(run, [(str(target), what)])
    assert {p: p.read_bytes() for p in before} == before
    after = fazhi("check", str(REPORT), cwd=tmp_path)      # and the next run still works
    assert after.returncode in (0, 1) and after.stderr == ""


# --- audit outputs --------------------------------------------------------------------------

def _submissions(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for seed in (REPORT, OTHER):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def _full_disk_at_the_page(monkeypatch):
    """report.html, the last file the parent writes, meets a full disk."""
    from checker.audit import outputs
    real = outputs._write_streamed

    def fill_up(path, pieces):
        if path.name == "report.html":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, pieces)
    monkeypatch.setattr(outputs, "_write_streamed", fill_up)


def _full_disk_in_the_workbook(monkeypatch):
    """summary.xlsx, written by a forked process beside the parent, meets a full disk half
    way (the forked writer inherits the patch)."""
    from checker.render import excel

    def fill_up(reports, options, path):
        path.write_bytes(b"PK half a workbook")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
    monkeypatch.setattr(excel, "save_workbook", fill_up)


@pytest.mark.parametrize("full_disk", [_full_disk_at_the_page, _full_disk_in_the_workbook])
def test_a_full_disk_while_writing_leaves_the_previous_audit_whole(tmp_path, monkeypatch, capsys, full_disk):
    folder, out = _submissions(tmp_path), tmp_path / "out"
    assert fazhi("audit", str(folder), "--out", str(out)).returncode in (0, 1)
    before = _files_in(out)
    assert "report-details/00001.html" in before
    (folder / REPORT.name).unlink()          # the second run would give other results
    full_disk(monkeypatch)
    code, _, err = run_in_process(monkeypatch, capsys, "audit", str(folder), "--out", str(out), "--jobs", "1")
    assert code == 2
    assert err.strip().splitlines() == [f"fazhi: {out}: cannot write the audit: No space left on device "
                                        "(the previous outputs, if any, are unchanged)"]
    assert _files_in(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def _files_in(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (the detail pages' folder too), by its path in it."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_second_audit_into_the_same_folder_refuses_while_the_first_runs(tmp_path):
    folder, out = _submissions(tmp_path), tmp_path / "out"
    out.mkdir()
    held = os.open(out, os.O_RDONLY | os.O_DIRECTORY)      # what a running audit holds
    try:
        fcntl.flock(held, fcntl.LOCK_EX)
        run = fazhi("audit", str(folder), "--out", str(out))
    finally:
        os.close(held)
    assert_one_line_per_problem(run, [(str(out), "another audit is writing into this folder")])
    assert list(out.iterdir()) == []
    assert fazhi("audit", str(folder), "--out", str(out)).returncode in (0, 1)   # once it is done


def test_an_out_folder_holding_other_files_keeps_them_and_gets_all_three_outputs(tmp_path):
    folder, out = _submissions(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "notes.docx").write_bytes(b"mine")
    for _ in range(2):
        run = fazhi("audit", str(folder), "--out", str(out))
        assert run.returncode in (0, 1), run.stderr
    assert sorted(p.name for p in out.iterdir()) == ["notes.docx", "report-details", "report.html", "results.json",
                                                    "summary.csv", "summary.xlsx"]
    assert (out / "notes.docx").read_bytes() == b"mine"


def test_an_audit_skips_its_own_output_folder_and_lists_every_file_named_like_a_report(tmp_path):
    folder = _submissions(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.docx").symlink_to(tmp_path / "nowhere.docx")
    out = folder / "audit"
    for _ in range(2):                      # the second run finds the first one's report.html
        run = fazhi("audit", str(folder), "--out", str(out))
        assert run.returncode == 1, run.stderr
    reports = json.loads((out / "results.json").read_text(encoding="utf-8"))["reports"]
    reasons = {Path(r["file"]).name: [e["message"] for e in r["errors"]] for r in reports}
    assert sorted(reasons) == sorted([REPORT.name, OTHER.name, "pipe.txt", "zero.txt", "gone.docx"])
    assert "not a regular file" in reasons["pipe.txt"][0] and "not a regular file" in reasons["zero.txt"][0]
    assert "link to nothing" in reasons["gone.docx"][0]


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc to find the workers")
def test_the_workers_end_when_the_audit_is_killed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = REPORT.read_text(encoding="utf-8")
    for number in range(200):
        (folder / f"{number:03}.txt").write_text(text + f"\n{number}\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    audit = subprocess.Popen([sys.executable, "-m", "checker", "audit", str(folder), "--out",
                              str(tmp_path / "out"), "--jobs", "2"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline and audit.poll() is None:
        time.sleep(0.2)
        workers = _children(audit.pid)
    assert len(workers) >= 2, "the audit never started its workers"
    audit.send_signal(signal.SIGKILL)
    audit.wait()
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers):
        assert time.monotonic() < deadline, "a worker outlived the killed audit"
        time.sleep(0.2)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "Z"


# --- time on text built to be slow -----------------------------------------------------------

TITLE = "关于2024年法治政府建设情况的报告\n"
SLOW_TEXTS = {
    # each once took 11-40 s: a step that restarted at every character, or backtracked
    "20,000 unclosed 《 after a term": TITLE + "法律顾问" + "《" * 20_000 + "全覆盖。\n",
    "20,000 digits between two terms": TITLE + "法律顾问" + "1" * 20_000 + "全覆盖律师。\n",
    "20,000 numerals between two terms": TITLE + "法律顾问" + "一" * 20_000 + "名律师。\n",
    "a menu-like line of 40 bars": TITLE + "|" * 40 + " x y\n法律顾问全覆盖。\n",
    # (15,000 clauses of 8 characters: as many as the character limit lets in)
    "a sentence of 15,000 clauses": TITLE + "法律顾问全覆盖，" * 15_000 + "但仍有不足。\n",
}


@pytest.mark.parametrize("case", sorted(SLOW_TEXTS))
def test_text_built_to_be_slow_is_checked_in_bounded_time(tmp_path, case):
    path = tmp_path / "slow.txt"
    path.write_text(SLOW_TEXTS[case], encoding="utf-8")
    started = time.monotonic()
    run = fazhi("check", "--format", "json", str(path))
    elapsed = time.monotonic() - started
    assert run.returncode in (0, 1) and run.stderr == "", run.stderr
    assert json.loads(run.stdout)["reports"][0]["score"] is not None
    assert elapsed < 10, f"{case}: {elapsed:.1f} s"


# --- settings files that never end -----------------------------------------------------------

@pytest.mark.parametrize("option", ["--rules", "--config"])
@pytest.mark.parametrize("kind", ["device", "pipe"])
def test_a_pack_or_config_that_is_a_device_or_a_pipe_is_refused_at_once(tmp_path, option, kind):
    path = tmp_path / ("endless.yaml" if option == "--rules" else "endless.toml")
    if kind == "device":
        path.symlink_to("/dev/zero")
    else:
        os.mkfifo(path)
    started = time.monotonic()
    run = fazhi("check", option, str(path), str(REPORT))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.count("\n") == 1 and "not a regular file" in run.stderr
    assert time.monotonic() - started < 30


def test_a_pack_pattern_that_backtracks_without_bound_costs_one_report_not_the_run(tmp_path):
    """`(a|aa)+$` takes exponential time on a run of a's with Python's `re`."""
    (tmp_path / "evil.yaml").write_text(_pack("evil", _element("evil.x", "[{pattern: ['(a|aa)+$']}]")),
                                        encoding="utf-8")
    slow = tmp_path / "slow.txt"
    slow.write_text(TITLE + "a" * 60 + "b。\n", encoding="utf-8")
    started = time.monotonic()
    run = fazhi("check", "--format", "json", "--rules", str(tmp_path / "evil.yaml"), str(slow), str(REPORT))
    assert time.monotonic() - started < 30
    assert_one_line_per_problem(run, [(str(slow), "pattern '(a|aa)+$' took over")])
    reports = json.loads(run.stdout)["reports"]
    assert reports[0]["errors"][0]["code"] == "pattern-timeout" and reports[1]["score"] > 50


def test_a_pack_pattern_the_engine_cannot_take_is_refused_with_its_line(tmp_path):
    (tmp_path / "p.yaml").write_text(_pack("p", _element("p.x", "[{pattern: ['(unclosed']}]")), encoding="utf-8")
    run = fazhi("rules", "validate", str(tmp_path / "p.yaml"))
    assert_one_line_per_problem(run, [(f"{tmp_path / 'p.yaml'}:4:", "invalid regular expression")])


# --- the line limit holds for every format ------------------------------------------------------

def _docx_of_paragraphs(path: Path, count: int) -> Path:
    """A real .docx (the seed's) with `count` short numbered paragraphs added to its body:
    numbers, so it does not compress like a zip bomb."""
    with zipfile.ZipFile(FORMATS / "seed001.docx") as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                at = data.index(b"<w:body>") + len(b"<w:body>")
                extra = b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % (n * 7919) for n in range(count))
                data = data[:at] + extra + data[at:]
            out.writestr(item.filename, data)
    return path


def test_the_line_limit_holds_for_docx_and_html(tmp_path):
    docx = _docx_of_paragraphs(tmp_path / "many.docx", LIMITS.lines + 1)
    page = tmp_path / "many.html"
    page.write_text("<html><body>" + "<br>".join(f"{n}" for n in range(LIMITS.lines + 1)) + "</body></html>",
                    encoding="utf-8")
    run = fazhi("check", str(docx), str(page), str(REPORT))
    assert_one_line_per_problem(run, [(str(docx), f"paragraphs, over the limit of {LIMITS.lines}"),
                                      (str(page), f"lines, over the limit of {LIMITS.lines}")])


# --- HTML, in a real browser ---------------------------------------------------------------------

def test_the_dashboard_shows_markup_from_reports_and_names_as_text_in_a_browser(tmp_path):
    """A file name and a sentence that carry markup and script: the page shows them as text
    and runs none of it (headless Chromium, as an inspector opens the page)."""
    from test_browser import CHROMIUM, LAUNCH_ARGS
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium browser at {CHROMIUM} (apt-get install chromium)")
    folder = tmp_path / "in"
    folder.mkdir()
    attack = "<img src=x onerror=\"window.pwned=1\"><script>window.pwned=2</script>"
    name = "x\"><svg onload=window.pwned=3>.txt"
    (folder / name).write_text(_report_text("关于2024年法治政府建设情况的报告").replace(
        "法律顾问", f"{attack}法律顾问", 1), encoding="utf-8")
    run = fazhi("audit", str(folder), "--out", str(tmp_path / "out"))
    assert run.returncode in (0, 1), run.stderr
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page()
        page.goto((tmp_path / "out" / "report.html").as_uri())
        seen = [_attacks(page)]                     # the table, its row built from the page's data
        page.click("#matrix tbody tr a")            # open the report's details, with its evidence
        seen.append(_attacks(page))
        browser.close()
    for pwned, injected, shown in seen:
        assert pwned is None
        assert injected == 0
        assert name in shown
    assert "<img src=x onerror=" in seen[1][2]


def _attacks(page) -> tuple:
    """What a page let through: window.pwned, elements a report's markup would have made,
    and the text shown."""
    pwned = page.evaluate("window.pwned")
    # the table's data block (inert JSON, its < written \u003c) holds the name: not a script
    injected = page.evaluate("""[...document.querySelectorAll('[onerror], [onload], img[src="x"], script')]
                                .filter(e => e.tagName !== 'SCRIPT' || (e.textContent.includes('pwned')
                                             && e.type !== 'application/json'))
                                .length""")
    return pwned, injected, page.evaluate("document.body.innerText")
