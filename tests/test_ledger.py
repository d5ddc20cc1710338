"""The audit ledger as an inspector uses it, on real SQLite files: two rounds of the seeds
and fixtures, a resubmission, a decision that survives a re-run, an audit killed mid-run,
two audits writing one ledger at once, and a ledger from a newer fazhi."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEEDS

FORMATS = ROOT / "tests" / "fixtures" / "formats"
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
WUCHANG, WUCHENG, LANZHOU = (SEEDS / "001_04b6fb7adc03cf2d.txt", SEEDS / "002_976bef6feeda2d83.txt",
                             SEEDS / "003_66c256f8f78a155c.txt")


def fazhi(*args, cwd=ROOT, timeout=300):
    env = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1")
    env.pop("FAZHI_LEDGER", None)
    return subprocess.run([sys.executable, "-m", "checker", *map(str, args)], capture_output=True,
                          text=True, check=False, encoding="utf-8", cwd=cwd, env=env, timeout=timeout)


def audit(folder, ledger, round_name, *extra):
    run = fazhi("audit", folder, "--out", Path(ledger).parent / f"out-{round_name}", "--ledger", ledger,
                "--round", round_name, *extra)
    assert run.returncode in (0, 1), run.stderr
    return run


def rows(ledger, sql, *args):
    with closing(sqlite3.connect(ledger)) as connection:
        connection.row_factory = sqlite3.Row
        return [dict(r) for r in connection.execute(sql, args)]


def rectified(seed: Path, target: Path, add: str | None = None, drop: tuple[str, ...] = ()) -> Path:
    """A report as its body sends it again: a sentence added after the opening, or lines dropped."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    lines = [line for line in lines if not any(word in line for word in drop)]
    if add:
        lines.insert(4, add)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines), encoding="utf-8")
    return target


ADDS_COURT = "严格落实行政机关负责人出庭应诉制度，全年行政机关负责人出庭应诉率达100%。"


@pytest.fixture(scope="module")
def two_rounds(tmp_path_factory):
    """Round 2023年度: three seeds and the .docx and PDF of seed 002 (婺城区 again: the files
    received last stand for it). Round 2024年度: 武昌区 has added the leader-in-court it
    lacked, 婺城区 sends the .docx and PDF again and then a text without its legal-counsel
    passages, 兰州市 did not submit."""
    base = tmp_path_factory.mktemp("ledger")
    first, second = base / "2023", base / "2024"
    first.mkdir()
    for seed in (WUCHANG, WUCHENG, LANZHOU):
        shutil.copy(seed, first / seed.name)
    for name in ("seed002.docx", "seed002.pdf"):
        shutil.copy(FORMATS / name, first / name)
    second.mkdir()
    for name in ("seed002.docx", "seed002.pdf"):
        shutil.copy(FORMATS / name, second / name)
    later = time.time() + 60     # received after the .docx and PDF: it stands for 婺城区 this round
    for path in (rectified(WUCHANG, second / "武昌区-整改.txt", add=ADDS_COURT),
                 rectified(WUCHENG, second / "婺城区.txt", drop=("法律顾问", "公职律师"))):
        os.utime(path, (later, later))
    ledger = base / "audit.db"
    audit(first, ledger, "2023年度")
    audit(second, ledger, "2024年度")
    return ledger


def test_the_ledger_is_a_plain_sqlite_file_in_wal_mode_at_the_current_schema(two_rounds):
    from checker.ledger.store import SCHEMA_VERSION
    with closing(sqlite3.connect(two_rounds)) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    recorded = rows(two_rounds, "SELECT * FROM submissions WHERE round = '2023年度' ORDER BY file")
    assert len(recorded) == 5
    wuchang = next(r for r in recorded if r["file"].endswith(WUCHANG.name))
    assert wuchang["body_key"] == "武昌区" and wuchang["verdict"] in ("pass", "fail")
    assert len(wuchang["sha256"]) == 64 and wuchang["score"] is not None
    elements = rows(two_rounds, "SELECT * FROM element_results WHERE submission_id = ?", wuchang["id"])
    assert {"leader-in-court", "three-systems", "counsel-coverage"} <= {e["element_id"] for e in elements}
    court = next(e for e in elements if e["element_id"] == "leader-in-court")
    assert (court["status"], court["stance"]) == ("missing", "problem")
    evidence = rows(two_rounds, "SELECT * FROM evidence WHERE submission_id = ? AND element_id = "
                    "'leader-in-court'", wuchang["id"])
    assert evidence and "出庭应诉" in evidence[0]["text"] and evidence[0]["role"] == "shortcomings"


def test_compare_lists_fixed_newly_missing_still_missing_and_who_did_not_submit(two_rounds):
    run = fazhi("ledger", "compare", "2023年度", "2024年度", "--ledger", two_rounds, "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)["comparison"]
    bodies = {b["body"]: b for b in data["bodies"]}
    assert [e["id"] for e in bodies["武昌区"]["fixed"]] == ["leader-in-court"]
    assert "counsel-coverage" in [e["id"] for e in bodies["婺城区"]["newly_missing"]]
    still = {s["id"]: s for s in bodies["武昌区"]["still_missing"]}
    assert still["open-government"]["rounds_missing"] == 2
    assert data["did_not_submit"] == ["兰州市"]
    assert [t["round"] for t in bodies["武昌区"]["trend"]] == ["2023年度", "2024年度"]
    text = fazhi("ledger", "compare", "2023年度", "2024年度", "--ledger", two_rounds, "--lang", "en").stdout
    assert "fixed: leader-in-court" in text and "did not submit in 2024年度: 兰州市" in text
    chinese = fazhi("ledger", "compare", "2023年度", "2024年度", "--ledger", two_rounds).stdout   # the default
    assert "已整改: leader-in-court" in chinese and "2024年度未报送：兰州市" in chinese


def test_a_shortfall_the_body_admits_in_both_rounds_is_flagged(tmp_path):
    """武昌区 says in its 存在的不足 both years that 出庭应诉 is lacking, and fixes nothing."""
    ledger = tmp_path / "audit.db"
    for round_name in ("2023年度", "2024年度"):
        folder = tmp_path / round_name
        rectified(WUCHANG, folder / "武昌区.txt", add=f"（{round_name}报送）")
        audit(folder, ledger, round_name)
    data = json.loads(fazhi("ledger", "compare", "2023年度", "2024年度", "--ledger", ledger,
                            "-f", "json").stdout)["comparison"]
    still = {s["id"]: s for s in data["bodies"][0]["still_missing"]}
    assert still["leader-in-court"]["repeated_shortfall"] is True
    assert still["open-government"]["repeated_shortfall"] is False
    text = fazhi("ledger", "compare", "2023年度", "2024年度", "--ledger", ledger, "--lang", "en").stdout
    assert "leader-in-court (missing 2 rounds running)  ⚠ repeated shortfall" in text


def test_compare_csv_and_html_show_the_same_changes_safely(two_rounds, tmp_path):
    sheet = fazhi("ledger", "compare", "2023年度", "2024年度", "--ledger", two_rounds, "-f", "csv").stdout
    assert sheet.startswith("\ufeff")
    table = list(csv.DictReader(io.StringIO(sheet.lstrip("\ufeff"))))
    assert {"body": "武昌区", "change": "fixed", "element": "leader-in-court"}.items() <= \
        next(r for r in table if r["change"] == "fixed").items()
    assert any(r["body"] == "兰州市" and r["state"] == "did-not-submit" for r in table)
    page = tmp_path / "compare.html"
    run = fazhi("ledger", "compare", "2023年度", "2024年度", "--ledger", two_rounds, "-f", "html", "-o", page,
                "--lang", "en")
    assert run.returncode == 0, run.stderr
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg class=\"trend\"") == 3 and "did not submit in 2024年度" in html


def test_history_shows_each_round_with_its_elements(two_rounds):
    run = fazhi("ledger", "history", "武汉市武昌区人民政府", "--ledger", two_rounds, "-f", "json")
    assert run.returncode == 0, run.stderr
    history = json.loads(run.stdout)["history"]
    assert history["body"] == "武昌区"
    statuses = {r["round"]: {e["id"]: e["status"] for e in r["submissions"][-1]["elements"]}
                for r in history["rounds"]}
    assert statuses["2023年度"]["leader-in-court"] == "missing"
    assert statuses["2024年度"]["leader-in-court"] == "met"
    unknown = fazhi("ledger", "history", "洪山区", "--ledger", two_rounds)
    assert unknown.returncode == 2 and "武昌区" in unknown.stderr and "Traceback" not in unknown.stderr


def test_a_resubmission_in_the_same_round_supersedes_and_both_are_kept(tmp_path):
    ledger = tmp_path / "audit.db"
    (tmp_path / "first").mkdir()
    shutil.copy(WUCHANG, tmp_path / "first")
    audit(tmp_path / "first", ledger, "2024年度")
    rectified(WUCHANG, tmp_path / "again" / "武昌区-整改后.txt", add=ADDS_COURT)
    audit(tmp_path / "again", ledger, "2024年度")
    kept = rows(ledger, "SELECT id, file FROM submissions WHERE body_key = '武昌区' ORDER BY id")
    assert len(kept) == 2
    current = rows(ledger, "SELECT file FROM current_submissions WHERE body_key = '武昌区'")
    assert [Path(c["file"]).name for c in current] == ["武昌区-整改后.txt"]
    history = fazhi("ledger", "history", "武昌区", "--ledger", ledger, "--lang", "en").stdout
    assert "superseded by a later submission" in history and "[current]" in history
    audit(tmp_path / "first", ledger, "2024年度")      # the first file audited again: not a new submission
    assert len(rows(ledger, "SELECT id FROM submissions WHERE body_key = '武昌区'")) == 2
    current = rows(ledger, "SELECT file FROM current_submissions WHERE body_key = '武昌区'")
    assert [Path(c["file"]).name for c in current] == ["武昌区-整改后.txt"]


def test_an_inspectors_decision_applies_to_that_content_in_later_runs_until_withdrawn(tmp_path):
    ledger, report = audited_copy(tmp_path, name="武昌区.txt")
    folder = report.parent
    decided = fazhi("ledger", "decide", report, "出庭应诉", "--status", "met", "--reason",
                    "应诉台账另附，出庭率100%", "--by", "张三", "--ledger", ledger)
    assert decided.returncode == 0, decided.stderr
    assert "decision #1: leader-in-court is met" in decided.stdout

    checked = json.loads(fazhi("check", report, "--ledger", ledger, "-f", "json").stdout)["reports"][0]
    court = next(e for e in checked["elements"] if e["id"] == "leader-in-court")
    assert court["status"] == "met" and court["decision"]["found"] == "missing"
    assert court["decision"]["by"] == "张三" and "leader-in-court" not in checked["missing"]
    text = fazhi("check", report, "--ledger", ledger).stdout
    assert "检查人员 张三 于" in text and "认定：应诉台账另附，出庭率100%；fazhi 原判断为“缺失”" in text
    english = fazhi("check", report, "--ledger", ledger, "--lang", "en").stdout
    assert "decided by the inspector 张三" in english and "fazhi found missing" in english
    plain = json.loads(fazhi("check", report, "-f", "json").stdout)["reports"][0]
    assert checked["score"] > plain["score"]

    audit(folder, ledger, "2024年度")      # a re-run: the decision holds and is recorded
    recorded = rows(ledger, "SELECT status, found_status FROM element_results WHERE element_id = "
                    "'leader-in-court'")
    assert recorded == [{"status": "met", "found_status": "missing"}]
    changed = rectified(WUCHANG, tmp_path / "other" / "武昌区.txt", add="（另一版本）")
    other = json.loads(fazhi("check", changed, "--ledger", ledger, "-f", "json").stdout)["reports"][0]
    assert next(e for e in other["elements"] if e["id"] == "leader-in-court")["status"] == "missing"

    exported = fazhi("ledger", "decisions", "--ledger", ledger, "-f", "csv", "-o", tmp_path / "d.csv")
    assert exported.returncode == 0
    sheet = list(csv.DictReader(io.StringIO((tmp_path / "d.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["element"], r["status"], r["by"]) for r in sheet] == [("leader-in-court", "met", "张三")]
    withdrawn = fazhi("ledger", "withdraw", "1", "--by", "李四", "--reason", "台账未见", "--ledger", ledger)
    assert withdrawn.returncode == 0, withdrawn.stderr
    again = json.loads(fazhi("check", report, "--ledger", ledger, "-f", "json").stdout)["reports"][0]
    assert next(e for e in again["elements"] if e["id"] == "leader-in-court")["status"] == "missing"
    listed = fazhi("ledger", "decisions", "--all", "--ledger", ledger, "--lang", "en").stdout
    assert "withdrawn" in listed and "李四" in listed
    assert fazhi("ledger", "decisions", "--ledger", ledger, "--lang", "en").stdout.strip() == "no decisions"


def audited_copy(tmp_path, seed: Path = WUCHANG, name: str = "r.txt") -> tuple[Path, Path]:
    """(a ledger, a report) after one audit of a folder holding a copy of `seed`."""
    ledger, folder = tmp_path / "audit.db", tmp_path / "in"
    folder.mkdir()
    report = Path(shutil.copy(seed, folder / name))
    audit(folder, ledger, "2024年度")
    return ledger, report


def test_a_decision_needs_a_known_element_a_status_and_a_reason(tmp_path):
    ledger, report = audited_copy(tmp_path)
    for args, says in ((["no-such-element", "--status", "met"], "unknown element"),
                       (["leader-in-court", "--status", "done"], "expected one of met, partial, missing")):
        run = fazhi("ledger", "decide", report, *args, "--reason", "x", "--by", "张三", "--ledger", ledger)
        assert run.returncode == 2 and says in run.stderr and "Traceback" not in run.stderr


def test_an_audit_killed_mid_run_leaves_a_ledger_holding_every_finished_report(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(400):    # distinct contents: every file is its own submission
        rectified(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[number % 5],
                  folder / f"report-{number:03d}.txt", add=f"（第{number}份）")
    ledger = tmp_path / "audit.db"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.Popen([sys.executable, "-m", "checker", "audit", str(folder), "--jobs", "2",
                            "--out", str(tmp_path / "out"), "--ledger", str(ledger), "--round", "2024年度"],
                           env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and _recorded(ledger) < 20:
        time.sleep(0.2)
    os.killpg(run.pid, signal.SIGKILL)       # no chance to clean up: the power cut, the OOM killer
    run.wait(timeout=30)
    assert not (tmp_path / "out" / "results.json").exists()
    with closing(sqlite3.connect(ledger)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finished = rows(ledger, "SELECT id FROM submissions")
    assert 20 <= len(finished) < 400
    per_report = rows(ledger, "SELECT COUNT(*) AS n FROM element_results GROUP BY submission_id")
    assert len(per_report) == len(finished) and len({r["n"] for r in per_report}) == 1   # none half-written
    assert rows(ledger, "SELECT finished_at FROM runs") == [{"finished_at": None}]
    assert "1 interrupted" in fazhi("ledger", "rounds", "--ledger", ledger).stdout
    audit(folder, ledger, "2024年度", "--jobs", "2")      # the next run completes the round
    assert len(rows(ledger, "SELECT id FROM submissions")) == 400


def _recorded(ledger: Path) -> int:
    if not ledger.exists():
        return 0
    try:
        return len(rows(ledger, "SELECT id FROM submissions"))
    except sqlite3.OperationalError:     # not made yet, or locked for a moment
        return 0


def test_two_audits_writing_one_ledger_at_once_both_land(tmp_path):
    ledger = tmp_path / "audit.db"
    folders = []
    for side in ("a", "b"):
        folder = tmp_path / side
        for number in range(30):
            rectified(SEEDS / sorted(p.name for p in SEEDS.glob("*.txt"))[number % 5],
                      folder / f"{side}-{number:02d}.txt", add=f"（{side}{number}）")
        folders.append(folder)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    runs = [subprocess.Popen([sys.executable, "-m", "checker", "audit", str(folder), "--jobs", "1",
                              "--out", str(tmp_path / f"out-{folder.name}"), "--ledger", str(ledger),
                              "--round", f"round-{folder.name}"], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for folder in folders]
    for run in runs:
        _, err = run.communicate(timeout=400)
        assert run.returncode in (0, 1), err
    with closing(sqlite3.connect(ledger)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = rows(ledger, "SELECT round, COUNT(*) AS n FROM submissions GROUP BY round ORDER BY round")
    assert counts == [{"round": "round-a", "n": 30}, {"round": "round-b", "n": 30}]
    assert all(r["finished_at"] for r in rows(ledger, "SELECT finished_at FROM runs"))


def test_a_ledger_from_a_newer_fazhi_is_refused_and_left_alone(two_rounds, tmp_path):
    newer = tmp_path / "newer.db"
    shutil.copy(two_rounds, newer)
    with closing(sqlite3.connect(newer)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("PRAGMA user_version = 99")
    before = newer.read_bytes()
    for args in (["ledger", "rounds"], ["ledger", "bodies"]):
        run = fazhi(*args, "--ledger", newer)
        assert run.returncode == 2 and "newer fazhi" in run.stderr and "version 99" in run.stderr
        assert len(run.stderr.strip().splitlines()) == 1
    run = fazhi("audit", SEEDS, "--ledger", newer, "--round", "x", "--out", tmp_path / "o")
    assert run.returncode == 2 and "newer fazhi" in run.stderr
    assert newer.read_bytes() == before


@pytest.mark.parametrize("content", [b"not a database at all, just text\n", b""])
def test_a_file_that_is_not_a_ledger_is_a_one_line_error(tmp_path, content):
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(content)
    if not content:       # an empty file is a new SQLite database: refuse any other tables instead
        with closing(sqlite3.connect(bogus)) as connection:
            connection.execute("CREATE TABLE t (x)")
    run = fazhi("ledger", "rounds", "--ledger", bogus)
    assert run.returncode == 2 and str(bogus) in run.stderr and "Traceback" not in run.stderr
    missing = fazhi("ledger", "rounds", "--ledger", tmp_path / "nope.db")
    assert missing.returncode == 2 and "no such ledger" in missing.stderr
    assert not (tmp_path / "nope.db").exists()


def test_the_mapping_file_names_bodies_fazhi_cannot_tell(tmp_path):
    ledger = tmp_path / "audit.db"
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(LANZHOU, folder / "兰州.txt")
    (folder / "untitled.txt").write_text(
        "2024年法治政府建设工作情况\n一、主要举措和成效\n全面落实行政执法三项制度，执法全过程记录。\n", encoding="utf-8")
    audit(folder, ledger, "2024年度")
    listed = json.loads(fazhi("ledger", "bodies", "--ledger", ledger, "-f", "json").stdout)["bodies"]
    mapping = tmp_path / "bodies.yaml"      # beside the ledger: used without --bodies
    mapping.write_text("aliases:\n  兰州市: 兰州市人民政府\nfiles:\n  \"*/untitled.txt\": 七里河区\n",
                       encoding="utf-8")
    mapped = json.loads(fazhi("ledger", "bodies", "--ledger", ledger, "-f", "json").stdout)["bodies"]
    keys = {b["key"]: b for b in mapped["bodies"]}
    assert {"兰州市人民政府", "七里河区"} <= set(keys) and "mapping" in keys["七里河区"]["sources"]
    assert not mapped["unrecognised"] and len(listed["bodies"]) + len(listed["unrecognised"]) == 2
    assert rows(ledger, "SELECT body_key FROM submissions WHERE file LIKE '%兰州.txt'") == \
        [{"body_key": "兰州市人民政府"}]
    mapping.write_text("aliases:\n  兰州市: [not, a, name]\n", encoding="utf-8")
    broken = fazhi("ledger", "bodies", "--ledger", ledger)
    assert broken.returncode == 2 and f"{mapping}:2:" in broken.stderr


def test_round_and_ledger_go_together(tmp_path):
    run = fazhi("audit", SEEDS, "--ledger", tmp_path / "a.db", "--out", tmp_path / "o")
    assert run.returncode == 2 and "--round" in run.stderr and not (tmp_path / "a.db").exists()
    run = fazhi("audit", SEEDS, "--round", "2024年度", "--out", tmp_path / "o")
    assert run.returncode == 2 and "--ledger" in run.stderr


def test_the_ledger_keeps_each_reports_timeliness(two_rounds):
    kept = {Path(r["file"]).name: r for r in rows(two_rounds, "SELECT * FROM submissions WHERE round = "
                                                  "'2023年度'")}
    assert (kept[WUCHANG.name]["timeliness"], kept[WUCHANG.name]["published_on"]) == ("on-time", "2025-02-27")
    assert kept[WUCHANG.name]["published_source"] == "signature"
    assert (kept[WUCHENG.name]["timeliness"], kept[WUCHENG.name]["deadline"]) == ("on-time", "2020-04-01")
    assert kept[LANZHOU.name]["timeliness"] == "unknown"    # a 2014 report: before the rule


def test_names_from_submitted_files_stay_inert_in_every_ledger_output(tmp_path):
    ledger, _ = audited_copy(tmp_path, name="=HYPERLINK(1)<img src=x onerror=alert(1)>\x1b[31m.txt")
    html = fazhi("ledger", "history", "武昌区", "--ledger", ledger, "-f", "html").stdout
    assert "<img" not in html
    text = fazhi("ledger", "history", "武昌区", "--ledger", ledger).stdout
    assert "\x1b" not in text
    sheet = fazhi("ledger", "history", "武昌区", "--ledger", ledger, "-f", "csv").stdout
    assert not any(cell.startswith("=") for row in csv.reader(io.StringIO(sheet.lstrip("\ufeff")))
                   for cell in row)


def test_json_with_decisions_and_timeliness_follows_the_result_schema(tmp_path):
    ledger, report = audited_copy(tmp_path)
    fazhi("ledger", "decide", report, "leader-in-court", "--status", "partial", "--reason", "部分",
          "--by", "张三", "--ledger", ledger)
    data = json.loads(fazhi("check", report, "--ledger", ledger, "-f", "json").stdout)
    schema = json.loads((ROOT / "checker" / "schemas" / "result.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["reports"][0]["document"]["timeliness"]["status"] == "on-time"


def test_the_schema_in_docs_is_the_one_fazhi_makes(tmp_path):
    """docs/ledger.md shows the SQL as run: a database built from it has the same tables,
    columns and views as a ledger fazhi made."""
    from checker.ledger.store import open_ledger
    page = (ROOT / "docs" / "ledger.md").read_text(encoding="utf-8")
    documented = page.split("## Schema\n\n```sql\n", 1)[1].split("\n```", 1)[0]
    with closing(sqlite3.connect(":memory:")) as connection:
        connection.executescript(documented)
        from_docs = _shape(connection)
    made = open_ledger(tmp_path / "new.db", create=True)
    try:
        assert _shape(made) == from_docs
    finally:
        made.close()


def _shape(connection) -> dict:
    names = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                              "ORDER BY name")]
    return {name: [r[1] for r in connection.execute(f"PRAGMA table_info('{name}')")] for name in names}


def test_the_ledger_commands_summaries_are_whole():
    commands = fazhi("ledger", "--help").stdout
    assert "compare" in commands and "..." not in commands[commands.index("Commands:"):]


def test_an_older_ledger_is_migrated_in_place_keeping_its_rounds(two_rounds, tmp_path, monkeypatch):
    """A later fazhi adds a migration: opening a ledger of the version before runs it once,
    and every recorded submission is still there."""
    from checker.ledger import store
    older = tmp_path / "older.db"
    shutil.copy(two_rounds, older)
    before = len(rows(older, "SELECT id FROM submissions"))
    monkeypatch.setattr(store, "MIGRATIONS", store.MIGRATIONS + (
        "ALTER TABLE submissions ADD COLUMN note TEXT;\nCREATE INDEX submissions_by_file ON submissions (file);",))
    monkeypatch.setattr(store, "SCHEMA_VERSION", len(store.MIGRATIONS))
    for _ in range(2):             # the second open finds it up to date
        connection = store.open_ledger(older)
        connection.close()
    assert rows(older, "PRAGMA user_version")[0]["user_version"] == store.SCHEMA_VERSION
    assert "note" in [c["name"] for c in rows(older, "PRAGMA table_info(submissions)")]
    assert len(rows(older, "SELECT id FROM submissions")) == before
