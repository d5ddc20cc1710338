"""Inspectors' decisions kept in the ledger: made, listed, exported, withdrawn.

A decision is on a report's content (SHA-256 of the file) and one element. It applies in
every later check or audit run with the ledger (checker.judge.decisions), and in the
ledger's own history and comparisons, until it is withdrawn; a withdrawn decision is kept,
with who withdrew it, when and why. A later decision on the same element replaces the
earlier one in effect; both stay listed.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from checker.judge.decisions import DECIDABLE, Decision
from checker.ledger.record import now
from checker.ledger.store import Transaction

MIN_PREFIX = 8     # a report named by its hash: at least this many hex digits


class DecisionError(Exception):
    """A decision that cannot be made or withdrawn: one line, exit code 2."""


@dataclass(frozen=True)
class DecisionRecord:
    id: int
    sha256: str
    element: str
    status: str
    reason: str
    by: str
    at: str
    file: str | None
    withdrawn_at: str | None
    withdrawn_by: str | None
    withdraw_reason: str | None

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


def report_hash(connection: sqlite3.Connection, report: str) -> tuple[str, str | None]:
    """(the SHA-256, a file name) of REPORT: a file's path, or the beginning of the hash of a
    report in the ledger."""
    path = Path(report)
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest(), str(path)
    prefix = report.lower()
    if len(prefix) < MIN_PREFIX or any(c not in "0123456789abcdef" for c in prefix):
        raise DecisionError(f"{report}: no such file, nor the hash of a report in the ledger "
                            f"(give the file, or at least {MIN_PREFIX} hex digits of its sha256)")
    rows = connection.execute("SELECT DISTINCT sha256, file FROM submissions WHERE sha256 LIKE ? "
                              "GROUP BY sha256", (prefix + "%",)).fetchall()
    if not rows:
        raise DecisionError(f"{report}: no report in the ledger has a sha256 starting so")
    if len(rows) > 1:
        raise DecisionError(f"{report}: {len(rows)} reports' sha256 start so; give more digits")
    return rows[0]["sha256"], rows[0]["file"]


def decide(connection: sqlite3.Connection, sha256: str, element: str, status: str, reason: str,
           by: str, file: str | None = None) -> int:
    if status not in DECIDABLE:
        raise DecisionError(f"--status {status!r}: expected one of {', '.join(DECIDABLE)}")
    if not reason.strip():
        raise DecisionError("--reason: say why (it is shown beside the decision in every output)")
    if not by.strip():
        raise DecisionError("--by: name who decides")
    with Transaction(connection):
        cursor = connection.execute(
            "INSERT INTO decisions (sha256, element_id, status, reason, decided_by, decided_at, file) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (sha256, element, status, reason.strip(), by.strip(), now(), file))
    return int(cursor.lastrowid or 0)


def withdraw(connection: sqlite3.Connection, decision_id: int, by: str, reason: str) -> DecisionRecord:
    if not by.strip():
        raise DecisionError("--by: name who withdraws the decision")
    with Transaction(connection):
        row = connection.execute("SELECT * FROM decisions WHERE id = ?", (decision_id,)).fetchone()
        if row is None:
            raise DecisionError(f"no decision #{decision_id} in the ledger")
        if row["withdrawn_at"] is not None:
            raise DecisionError(f"decision #{decision_id} was withdrawn already, on {row['withdrawn_at']} "
                                f"by {row['withdrawn_by']}")
        connection.execute("UPDATE decisions SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? "
                           "WHERE id = ?", (now(), by.strip(), reason.strip() or None, decision_id))
    return list_decisions(connection, include_withdrawn=True, decision_id=decision_id)[0]


def list_decisions(connection: sqlite3.Connection, include_withdrawn: bool = False,
                   decision_id: int | None = None) -> list[DecisionRecord]:
    where, args = [], []
    if not include_withdrawn:
        where.append("withdrawn_at IS NULL")
    if decision_id is not None:
        where.append("id = ?")
        args.append(decision_id)
    sql = "SELECT * FROM decisions" + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY id"
    return [_record(row) for row in connection.execute(sql, args)]


def active_decisions(connection: sqlite3.Connection) -> dict[str, tuple[Decision, ...]]:
    """Decisions in force, by the report's sha256: what a check or audit applies."""
    found: dict[str, list[Decision]] = {}
    for record in list_decisions(connection):
        found.setdefault(record.sha256, []).append(
            Decision(record.element, record.status, record.reason, record.by, record.at, record.id))
    return {sha: tuple(items) for sha, items in found.items()}


def _record(row: sqlite3.Row) -> DecisionRecord:
    return DecisionRecord(row["id"], row["sha256"], row["element_id"], row["status"], row["reason"],
                          row["decided_by"], row["decided_at"], row["file"], row["withdrawn_at"],
                          row["withdrawn_by"], row["withdraw_reason"])
