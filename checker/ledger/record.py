"""Recording an audit: one run, and each report in its own transaction as it is checked.

A run killed at any moment leaves every report recorded before it whole and nothing of
the one being written (SQLite rolls an unfinished transaction back when the file is next
opened); the run itself stays without `finished_at`, which says it was interrupted.

The same file (same content) audited again in the same round is the same submission: its
results are replaced (the rules may have changed) and it keeps its place. A different file
of the same body in the same round is a resubmission: both are kept, and the one received
last stands for the body (the `current_submissions` view).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime, timezone

from checker import __version__
from checker.judge.results import ReportResult
from checker.ledger.bodies import BodyMap, remember_body
from checker.ledger.store import Transaction


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def start_run(connection: sqlite3.Connection, round_name: str, folders: list[str]) -> int:
    with Transaction(connection):
        cursor = connection.execute(
            "INSERT INTO runs (round, started_at, fazhi_version, folders) VALUES (?, ?, ?, ?)",
            (round_name, now(), __version__, "\n".join(folders)))
    return int(cursor.lastrowid or 0)


def finish_run(connection: sqlite3.Connection, run_id: int) -> None:
    with Transaction(connection):
        connection.execute("UPDATE runs SET finished_at = ?, reports = (SELECT COUNT(*) FROM "
                           "submissions WHERE last_run = ?) WHERE id = ?", (now(), run_id, run_id))


class Recorder:
    """Records each report of one run as it comes (the audit's per-result callback)."""

    def __init__(self, connection: sqlite3.Connection, round_name: str, run_id: int, body_map: BodyMap):
        self.connection, self.round, self.run_id, self.body_map = connection, round_name, run_id, body_map

    def __call__(self, report: ReportResult) -> None:
        record_report(self.connection, self.round, self.run_id, report, self.body_map)


def record_report(connection: sqlite3.Connection, round_name: str, run_id: int, report: ReportResult,
                  body_map: BodyMap) -> int:
    """One report in one transaction; returns its submission id."""
    sha = report.sha256 or _file_sha256(report.file)
    content_key = sha or f"unreadable:{os.path.abspath(report.file)}"
    body = _body_of(report)
    key, how = body_map.key_for(body.get("name"), body.get("short"), report.file)
    with Transaction(connection):
        if key is not None:
            remember_body(connection, key, body.get("name") or key, body.get("level"))
        row = _submission_row(report, round_name, run_id, content_key, sha, key, body, how)
        submission_id = _upsert(connection, row)
        connection.execute("DELETE FROM element_results WHERE submission_id = ?", (submission_id,))
        connection.execute("DELETE FROM evidence WHERE submission_id = ?", (submission_id,))
        _insert_elements(connection, submission_id, report)
    return submission_id


def _body_of(report: ReportResult) -> dict:
    """document.body as a dict ({} when fazhi could not tell)."""
    body = report.document.body if report.document else None
    if body is None:
        return {}
    return {"name": body.name or None, "short": body.short or None, "level": body.level,
            "source": body.source}


def _file_sha256(path: str) -> str:
    """An unreadable report's bytes, when they can be had at all: its decisions and
    resubmissions are then told apart like any other's."""
    try:
        with open(path, "rb") as handle:
            digest = hashlib.sha256()
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
            return digest.hexdigest()
    except OSError:   # no such file, a folder, no permission
        return ""


def _received(path: str) -> str:
    try:
        stamp = os.stat(path).st_mtime
    except OSError:
        return now()
    return datetime.fromtimestamp(stamp, timezone.utc).isoformat(timespec="microseconds")


def _submission_row(report: ReportResult, round_name: str, run_id: int, content_key: str, sha: str,
                    key: str | None, body: dict, how: str) -> dict:
    doc = report.document
    published = doc.published if doc else None
    timeliness = doc.timeliness if doc else None
    verdict = "unreadable" if report.errors else ("pass" if report.passed else "fail")
    return {
        "round": round_name, "content_key": content_key, "sha256": sha or None, "body_key": key,
        "body_name": body.get("name"), "body_short": body.get("short"), "body_level": body.get("level"),
        "body_source": body.get("source"), "body_key_from": how if key is not None else None,
        "file": report.file, "received_at": _received(report.file), "run": run_id, "checked_at": now(),
        "title": doc.title if doc else None, "kind": doc.kind if doc else None,
        "period_from": doc.period[0] if doc and doc.period else None,
        "period_to": doc.period[1] if doc and doc.period else None,
        "score": report.score, "passed": int(report.passed), "verdict": verdict,
        "missing": " ".join(report.missing),
        "error": "; ".join(f"{e.code}: {e.message}" for e in report.errors) or None,
        "published_on": published.date if published else None,
        "published_means": published.means if published else None,
        "published_source": published.source if published else None,
        "published_weak": int(published.weak) if published else None,
        "timeliness": timeliness.status if timeliness else None,
        "deadline": timeliness.deadline if timeliness else None,
    }


def _upsert(connection: sqlite3.Connection, row: dict) -> int:
    columns = [c for c in row if c != "run"]
    names = ", ".join(columns)
    values = ", ".join(f":{c}" for c in columns)
    # same content in the same round: the same submission, checked again (it keeps first_run)
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("round", "content_key",
                                                                             "received_at"))
    connection.execute(
        f"INSERT INTO submissions ({names}, first_run, last_run) VALUES ({values}, :run, :run) "
        f"ON CONFLICT (round, content_key) DO UPDATE SET {updates}, last_run = excluded.last_run", row)
    found = connection.execute("SELECT id FROM submissions WHERE round = ? AND content_key = ?",
                               (row["round"], row["content_key"])).fetchone()
    return int(found[0])


def _insert_elements(connection: sqlite3.Connection, submission_id: int, report: ReportResult) -> None:
    for place, element in enumerate(report.elements, start=1):
        found = element.decision.found if element.decision else element.status
        connection.execute(
            "INSERT INTO element_results (submission_id, element_id, seq, pack, title, severity, "
            "found_status, status, stance, also, score, waived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (submission_id, element.id, place, element.pack, element.title, element.severity, found,
             element.status, element.stance, " ".join(element.also), element.score, element.waived))
        connection.executemany(
            "INSERT INTO evidence (submission_id, element_id, seq, line, location, section, role, stance, "
            "term, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(submission_id, element.id, seq, item.line, item.where or f"line {item.line}", item.section,
              item.role, item.stance, item.term, item.text)
             for seq, item in enumerate(element.evidence, start=1)])
