"""Nothing is touched or half-written.

fazhi never writes to the files it reads: every command, run on the seeds and the fixtures,
leaves their bytes, their mtimes and the folders' listings exactly as they were. An output
file is written atomically: a failing or killed write leaves the old file (or none), never
a partial one.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS
from test_cli import fazhi
from test_hostile import run_in_process

FIXTURES = ROOT / "tests" / "fixtures"
RULES = ROOT / "rules"
REPORT = SEEDS / "001_04b6fb7adc03cf2d.txt"
LATER = SEEDS / "002_976bef6feeda2d83.txt"
WATCHED = (SEEDS, FIXTURES, RULES)


def snapshot(folders: tuple[Path, ...] = WATCHED) -> dict[str, tuple[str, int]]:
    """sha256 and mtime (ns) of every file under the folders, by path."""
    state = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                state[str(path)] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return state


def _formats() -> list[str]:
    from checker.render import RENDERERS
    return sorted(RENDERERS)


def _every_command(out: Path) -> list[tuple[str, ...]]:
    seeds = [str(p) for p in sorted(SEEDS.glob("*.txt"))]
    fixtures = [str(p) for p in sorted((FIXTURES / "formats").iterdir())
                if p.suffix in (".txt", ".docx", ".pdf", ".html")]
    checks = [("check", "--format", f, *seeds, *fixtures) for f in _formats()]
    return checks + [
        ("check", "--format", "json", "--output", str(out / "out.json"), "--report",
         f"sarif={out / 'out.sarif'}", *seeds),
        ("check", "--explain", "counsel-coverage", str(REPORT)),
        ("explain", "three-systems"),
        ("explain", "counsel-coverage", str(REPORT)),
        ("rules", "list"),
        ("rules", "validate", str(RULES)),
        ("audit", str(SEEDS), str(FIXTURES), "--out", str(out / "audit"), "--jobs", "2"),
        ("diff", str(REPORT), str(LATER)),
        ("config", "show"),
    ]


def test_no_command_writes_to_the_files_it_reads(tmp_path):
    """...nor anything in the folder it runs in: only the outputs it was asked for."""
    before = snapshot()
    workdir = tmp_path / "cwd"
    workdir.mkdir()
    for command in _every_command(tmp_path):
        run = fazhi(*command, cwd=workdir)
        assert run.returncode in (0, 1), (command, run.stderr)
        assert "Traceback" not in run.stderr, command
    assert snapshot() == before
    assert list(workdir.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit", "cwd", "out.json", "out.sarif"]


def _set_mtime(path: Path, mtime_ns: int) -> None:
    os.utime(path, ns=(path.stat().st_atime_ns, mtime_ns))


def test_the_snapshot_sees_a_changed_mtime_changed_bytes_and_a_new_file(tmp_path):
    """The check above can fail."""
    report = tmp_path / "report.txt"
    report.write_bytes(b"a")
    mtime = report.stat().st_mtime_ns
    before = snapshot((tmp_path,))
    _set_mtime(report, mtime + 1)
    assert snapshot((tmp_path,)) != before
    report.write_bytes(b"b")
    _set_mtime(report, mtime)
    assert snapshot((tmp_path,)) != before
    report.write_bytes(b"a")
    _set_mtime(report, mtime)
    assert snapshot((tmp_path,)) == before
    (tmp_path / ".report.txt.tmp").write_bytes(b"")
    assert snapshot((tmp_path,)) != before


@pytest.mark.parametrize("option", ["--output", "--report"])
def test_an_output_never_replaces_a_report_being_checked(tmp_path, option):
    draft = tmp_path / "draft.md"
    draft.write_bytes(REPORT.read_bytes())
    target = str(draft) if option == "--output" else f"json={tmp_path / '.' / 'draft.md'}"
    run = fazhi("check", "--format", "markdown", option, target, str(draft))
    assert run.returncode == 2 and "is one of the reports being checked" in run.stderr
    assert draft.read_bytes() == REPORT.read_bytes()


# --- atomic output ----------------------------------------------------------------------

OLD = b'{"old": "output, which must survive"}\n'


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_a_failed_write_keeps_the_old_output_and_leaves_no_temp_file(monkeypatch, capsys, tmp_path, broken):
    output = tmp_path / "result.json"
    output.write_bytes(OLD)

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, broken, fail)
    code, _, err = run_in_process(monkeypatch, capsys, "check", "--format", "json",
                                  "--output", str(output), str(REPORT))
    assert code == 2 and err.strip().splitlines() == [
        f"fazhi: {output}: cannot write: No space left on device"]
    assert output.read_bytes() == OLD
    assert _leftovers(tmp_path) == []


def test_a_write_that_fails_midway_leaves_no_output_at_all(monkeypatch, capsys, tmp_path):
    output = tmp_path / "new.json"
    real_fdopen = os.fdopen

    class HalfWriter:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(5, "Input/output error")
    monkeypatch.setattr(os, "fdopen", lambda *a, **k: HalfWriter(real_fdopen(*a, **k)))
    code, _, err = run_in_process(monkeypatch, capsys, "check", "--format", "json",
                                  "--output", str(output), str(REPORT))
    assert code == 2 and "cannot write: Input/output error" in err
    assert list(tmp_path.iterdir()) == []


def _start(output: Path) -> subprocess.Popen:
    """`fazhi check --output` writing a large JSON output (60 reports, all evidence)."""
    reports = [str(p) for p in sorted(SEEDS.glob("*.txt"))] * 12
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "checker", "check", "--format", "json",
                             "--verbose", "--output", str(output), *reports],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)


def _seconds_to_finish(output: Path) -> float:
    started = time.monotonic()
    _start(output).wait(timeout=300)
    return time.monotonic() - started


def _kill_after(output: Path, seconds: float) -> None:
    process = _start(output)
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)   # no-op when the run has already finished
    process.wait(timeout=60)


@pytest.mark.skipif(os.name != "posix", reason="needs SIGKILL")
def test_a_killed_run_leaves_the_old_output_or_the_whole_new_one(tmp_path):
    """Killed at moments spread over a whole run, around the end in particular (when the
    output is written): the file is always the old one or a complete new one."""
    whole_run = _seconds_to_finish(tmp_path / "baseline.json")
    output, replaced = tmp_path / "result.json", 0
    for share in (0.5, 0.95, 1.0, 1.05, 2.0):
        output.write_bytes(OLD)
        _kill_after(output, share * whole_run)
        data = output.read_bytes()
        if data != OLD:
            assert len(json.loads(data)["reports"]) == 60   # a partial file would not parse
            replaced += 1
    assert replaced, "no run got as far as writing its output; the test proved nothing"
