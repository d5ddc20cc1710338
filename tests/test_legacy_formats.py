""".doc, .wps, .rtf and .odt submissions, read through LibreOffice as an inspector's folder
brings them: the same statuses and locations as the .docx they were made from, every file
accounted for, and a clear reason with what to do when LibreOffice is not installed.

The fixtures were made by LibreOffice from seed001.docx and structured.docx
(tests/fixtures/formats/README.md)."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import time

import pytest
from conftest import ROOT

from checker.readers import read_report
from checker.readers.source import ReportReadError

FORMATS = ROOT / "tests" / "fixtures" / "formats"
LEGACY = (".doc", ".wps", ".rtf", ".odt")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None,
                                   reason="LibreOffice (soffice) is not installed; .ci/run installs it")


def fazhi(*args, env=None, cwd=ROOT):
    env = dict(env or os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    return subprocess.run([sys.executable, "-m", "checker", *args], capture_output=True, text=True,
                          check=False, encoding="utf-8", cwd=cwd, env=env, timeout=300)


def _statuses(report: dict) -> dict:
    return {e["id"]: (e["status"], e["stance"], [x["where"] for x in e["evidence"]])
            for e in report["elements"]}


@needs_soffice
@pytest.mark.parametrize("suffix", LEGACY)
def test_a_word_processor_copy_scores_as_the_docx_it_was_made_from(suffix):
    run = fazhi("check", "--format", "json", str(FORMATS / "seed001.docx"),
                str(FORMATS / f"seed001{suffix}"))
    assert run.returncode == 0, run.stderr
    docx, legacy = json.loads(run.stdout)["reports"]
    assert legacy["errors"] == [] and legacy["format"] == suffix[1:]
    assert legacy["document"]["title"] == docx["document"]["title"]
    assert (legacy["score"], legacy["passed"]) == (docx["score"], docx["passed"])
    assert _statuses(legacy) == _statuses(docx)     # statuses, stances and where the evidence is


@needs_soffice
@pytest.mark.parametrize("suffix", LEGACY)
def test_paragraphs_table_cells_and_headings_keep_their_places(suffix):
    docx = read_report(FORMATS / "structured.docx")
    legacy = read_report(FORMATS / f"structured{suffix}")
    # (LibreOffice's RTF import starts a table cell with a tab)
    assert [line.strip() for line in legacy.lines] == [line.strip() for line in docx.lines]
    assert legacy.locations == docx.locations
    assert legacy.heading_levels == docx.heading_levels
    assert any(loc.table is not None for loc in legacy.locations)


@needs_soffice
def test_check_of_a_doc_prints_the_report_like_any_other():
    run = fazhi("check", "--lang", "en", str(FORMATS / "seed001.doc"))
    assert run.returncode == 0, run.stderr
    assert "score: 75/100" in run.stdout and "paragraph" in run.stdout


@needs_soffice
def test_an_audit_converts_in_parallel_and_leaves_the_folder_as_it_was(tmp_path):
    folder = tmp_path / "submissions"
    for number, suffix in enumerate(LEGACY * 2):   # eight conversions over two workers
        (folder / f"dept-{number}").mkdir(parents=True)
        shutil.copy(FORMATS / f"seed001{suffix}", folder / f"dept-{number}" / f"报告{suffix}")
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    run = fazhi("audit", str(folder), "--out", str(tmp_path / "out"), "--jobs", "2")
    assert run.returncode in (0, 1), run.stderr
    reports = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["reports"]
    assert len(reports) == 8 and all(r["errors"] == [] for r in reports)
    assert {r["score"] for r in reports} == {75.0}
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before   # no lock files


@needs_soffice
def test_a_damaged_doc_is_refused_not_read_as_garbage(tmp_path):
    path = tmp_path / "damaged.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000))
    with pytest.raises(ReportReadError) as caught:
        read_report(path)
    assert caught.value.code == "conversion-failed" and ".docx" in caught.value.message


def test_bytes_that_are_no_word_processor_file_never_reach_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_SOFFICE", str(tmp_path / "must-not-run"))
    path = tmp_path / "report.wps"
    path.write_bytes(b"\x01" + random.Random(7).randbytes(3000))   # no signature, not even "<"
    with pytest.raises(ReportReadError) as caught:
        read_report(path)
    assert caught.value.code == "bad-document"


def _path_without_libreoffice(tmp_path) -> dict:
    """An environment in which `soffice` is not on PATH (fazhi is started by absolute path)."""
    empty = tmp_path / "bin"
    empty.mkdir()
    return dict(os.environ, PATH=str(empty))


def test_without_libreoffice_every_such_file_is_unreadable_with_what_to_do(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    for suffix in LEGACY:
        shutil.copy(FORMATS / f"seed001{suffix}", folder / f"seed001{suffix}")
    shutil.copy(FORMATS / "seed001.docx", folder)
    run = fazhi("audit", str(folder), "--out", str(tmp_path / "out"),
                env=_path_without_libreoffice(tmp_path))
    assert run.returncode == 1, run.stderr
    reports = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["reports"]
    errors = {r["file"].rsplit("/", 1)[-1]: r["errors"] for r in reports}
    assert errors["seed001.docx"] == []
    for suffix in LEGACY:
        (error,) = errors[f"seed001{suffix}"]
        assert error["code"] == "needs-libreoffice"
        assert "LibreOffice" in error["message"] and "save it as .docx" in error["message"]


def test_check_without_libreoffice_says_so_in_one_line(tmp_path):
    run = fazhi("check", str(FORMATS / "seed001.doc"), env=_path_without_libreoffice(tmp_path))
    assert run.returncode == 2
    (line,) = run.stderr.splitlines()
    assert "seed001.doc" in line and "LibreOffice" in line and "Traceback" not in run.stderr


def test_a_conversion_that_hangs_is_ended_after_the_time_limit(tmp_path, monkeypatch):
    from checker.readers import legacy
    hung = tmp_path / "soffice"
    pid_file = tmp_path / "pid"
    hung.write_text(f"#!/bin/sh\necho $$ > {pid_file}\nexec sleep 60\n")
    hung.chmod(0o755)
    monkeypatch.setenv("FAZHI_SOFFICE", str(hung))
    monkeypatch.setattr(legacy, "CONVERT_SECONDS", 1)
    started = time.monotonic()
    with pytest.raises(ReportReadError) as caught:
        read_report(FORMATS / "seed001.doc")
    assert caught.value.code == "conversion-timeout"
    assert time.monotonic() - started < 10
    pid = int(pid_file.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)      # the hung converter is gone, not left running


def test_every_document_like_file_in_the_folders_is_accounted_for(tmp_path):
    folder = tmp_path / "submissions"
    folder.mkdir()
    shutil.copy(FORMATS / "seed001.docx", folder)
    (folder / "某局报告.ofd").write_bytes(b"PK\x03\x04")
    (folder / "附件.zip").write_bytes(b"PK\x03\x04")
    (folder / "数据.xlsx").write_bytes(b"PK\x03\x04")          # a spreadsheet is not a report
    run = fazhi("audit", str(folder), "--out", str(tmp_path / "out"))
    reports = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["reports"]
    errors = {r["file"].rsplit("/", 1)[-1]: r["errors"] for r in reports}
    assert set(errors) == {"seed001.docx", "某局报告.ofd", "附件.zip"}, run.stderr
    assert "PDF" in errors["某局报告.ofd"][0]["message"]
    assert "unpack" in errors["附件.zip"][0]["message"]
