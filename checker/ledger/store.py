"""The ledger file: an SQLite database, opened in WAL mode, its schema brought up to date.

The schema is plain SQL (docs/ledger.md), so any SQLite tool can query it and it can be
moved to a server database. Its version is kept in `PRAGMA user_version`; each migration
takes the file from one version to the next in one transaction, so a file is always at a
whole version. A file made by a newer fazhi (a version above ours) is refused, never
changed. WAL lets a reader run while an audit writes; a busy timeout lets two audits
writing one ledger take turns instead of failing.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from checker import __version__

BUSY_TIMEOUT_MS = 60_000    # a second audit waits this long for the other's transaction

# Migration n takes a ledger from version n to n + 1. Never edit a released one: add another.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id            INTEGER PRIMARY KEY,
        round         TEXT NOT NULL,            -- the inspection round: 2024年度
        started_at    TEXT NOT NULL,            -- ISO 8601, UTC
        finished_at   TEXT,                     -- NULL: the run was interrupted
        fazhi_version TEXT NOT NULL,
        folders       TEXT NOT NULL,            -- what was audited, one per line
        reports       INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE bodies (
        key           TEXT PRIMARY KEY,         -- one body across rounds: 武昌区
        name          TEXT NOT NULL,            -- its fullest name seen: 武汉市武昌区人民政府
        level         TEXT                      -- province | city | county | department | township
    );
    CREATE TABLE submissions (
        id            INTEGER PRIMARY KEY,
        round         TEXT NOT NULL,
        content_key   TEXT NOT NULL,            -- the file's SHA-256 (unreadable:PATH without one)
        sha256        TEXT,
        body_key      TEXT REFERENCES bodies(key),  -- NULL: the body could not be told
        body_key_from TEXT,                     -- read (from the report) | mapping (the inspector's file)
        body_name     TEXT,                     -- as fazhi read it
        body_short    TEXT,
        body_level    TEXT,
        body_source   TEXT,                     -- where fazhi read it: title | signature | folder | …
        file          TEXT NOT NULL,
        received_at   TEXT NOT NULL,            -- the file's modification time: orders resubmissions
        first_run     INTEGER NOT NULL REFERENCES runs(id),
        last_run      INTEGER NOT NULL REFERENCES runs(id),
        checked_at    TEXT NOT NULL,
        title         TEXT,
        kind          TEXT,
        period_from   INTEGER,
        period_to     INTEGER,
        score         REAL,
        passed        INTEGER NOT NULL,         -- 0 | 1
        verdict       TEXT NOT NULL,            -- pass | fail | unreadable
        missing       TEXT NOT NULL DEFAULT '', -- element ids, space-separated
        error         TEXT,
        published_on  TEXT,                     -- the date the file carries (ISO)
        published_means  TEXT,                  -- published | signed | saved
        published_source TEXT,                  -- web-metadata | web-stamp | signature |
                                                -- docx-properties | pdf-metadata
        published_weak   INTEGER,
        timeliness    TEXT,                     -- on-time | late | unknown
        deadline      TEXT,
        UNIQUE (round, content_key)
    );
    CREATE INDEX submissions_by_body ON submissions (body_key, round);
    CREATE TABLE element_results (
        submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        element_id    TEXT NOT NULL,
        seq           INTEGER NOT NULL,         -- its place in the packs' order
        pack          TEXT NOT NULL,
        title         TEXT NOT NULL,
        severity      TEXT NOT NULL,
        found_status  TEXT NOT NULL,            -- what fazhi found
        status        TEXT NOT NULL,            -- what counted in that run (an inspector's decision, if any)
        stance        TEXT NOT NULL,
        also          TEXT NOT NULL DEFAULT '',
        score         REAL,
        waived        TEXT,
        PRIMARY KEY (submission_id, element_id)
    );
    CREATE TABLE evidence (
        submission_id INTEGER NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
        element_id    TEXT NOT NULL,
        seq           INTEGER NOT NULL,
        line          INTEGER NOT NULL,
        location      TEXT NOT NULL,            -- page 2, line 5 | paragraph 7 | line 12
        section       TEXT NOT NULL,
        role          TEXT NOT NULL,
        stance        TEXT NOT NULL,
        term          TEXT NOT NULL,
        text          TEXT NOT NULL,
        PRIMARY KEY (submission_id, element_id, seq)
    );
    CREATE TABLE decisions (
        id            INTEGER PRIMARY KEY,
        sha256        TEXT NOT NULL,            -- the report's content it applies to
        element_id    TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('met', 'partial', 'missing')),
        reason        TEXT NOT NULL,
        decided_by    TEXT NOT NULL,
        decided_at    TEXT NOT NULL,
        file          TEXT,                     -- the file it was decided on, for reference
        withdrawn_at  TEXT,
        withdrawn_by  TEXT,
        withdraw_reason TEXT
    );
    CREATE INDEX decisions_by_report ON decisions (sha256, element_id);
    -- The submission that stands for a body in a round: the latest received. Earlier ones
    -- (superseded by a resubmission) are kept.
    CREATE VIEW current_submissions AS
        SELECT s.* FROM submissions s
        WHERE s.body_key IS NULL OR s.id = (
            SELECT t.id FROM submissions t
            WHERE t.round = s.round AND t.body_key = s.body_key
            ORDER BY t.first_run DESC, t.received_at DESC, t.id DESC LIMIT 1);
    -- Each element's status in effect: an inspector's decision on that content, if one
    -- stands (the latest not withdrawn), else what fazhi found.
    CREATE VIEW effective_elements AS
        SELECT e.submission_id, e.element_id, e.seq, e.pack, e.title, e.severity, e.found_status,
               COALESCE(d.status, e.found_status) AS status, e.stance, e.also, e.waived,
               d.id AS decision_id, d.reason AS decision_reason, d.decided_by, d.decided_at
        FROM element_results e
        JOIN submissions s ON s.id = e.submission_id
        LEFT JOIN decisions d ON d.id = (
            SELECT x.id FROM decisions x
            WHERE x.sha256 = s.sha256 AND x.element_id = e.element_id AND x.withdrawn_at IS NULL
            ORDER BY x.decided_at DESC, x.id DESC LIMIT 1);
    -- Rounds in the order they were first audited.
    CREATE VIEW rounds AS
        SELECT round, MIN(started_at) AS first_audited, COUNT(*) AS runs
        FROM runs GROUP BY round;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class LedgerError(Exception):
    """A ledger that cannot be used: one line naming the file, exit code 2."""


def open_ledger(path: str | Path, *, create: bool = False) -> sqlite3.Connection:
    """A connection to the ledger at `path`, its schema up to date. `create`: make the file
    when it does not exist (an audit); otherwise a missing ledger is an error."""
    path = Path(path)
    if not create and not path.is_file():
        raise LedgerError(f"{path}: no such ledger (an `fazhi audit … --ledger {path} --round …` makes one)")
    try:
        connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        _refuse_newer(path, version)
        _to_wal(connection)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("PRAGMA synchronous = NORMAL")   # WAL: durable at each checkpoint, never corrupt
        _migrate(connection, path)
    except sqlite3.DatabaseError as exc:
        raise LedgerError(f"{path}: not a fazhi ledger, or damaged: {exc}") from None
    return connection


def _to_wal(connection: sqlite3.Connection) -> None:
    """Switch a new ledger to WAL. SQLite answers "database is locked" at once, without
    waiting, when another fazhi is switching or creating the same new file: wait here."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            connection.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _refuse_newer(path: Path, version: int) -> None:
    if version > SCHEMA_VERSION:
        raise LedgerError(f"{path}: made by a newer fazhi (ledger schema version {version}; fazhi "
                          f"{__version__} knows up to {SCHEMA_VERSION}); upgrade fazhi to use it")


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    """Each step in its own transaction, the version checked again inside it: two fazhi
    opening a new ledger at once migrate it once."""
    while True:
        connection.execute("BEGIN IMMEDIATE")
        try:
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            _refuse_newer(path, version)
            if version == SCHEMA_VERSION:
                connection.execute("COMMIT")
                return
            if version == 0 and _has_other_tables(connection):
                raise LedgerError(f"{path}: an SQLite database, but not a fazhi ledger")
            for statement in _statements(MIGRATIONS[version]):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {version + 1}")
            connection.execute("COMMIT")
        except BaseException:
            connection.execute("ROLLBACK")
            raise


def _has_other_tables(connection: sqlite3.Connection) -> bool:
    return connection.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0] > 0


def _statements(script: str) -> list[str]:
    """The statements of a migration, run one by one inside our transaction (executescript
    would commit first)."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    return [s for s in statements if s]


class Transaction:
    """`with Transaction(connection):` — BEGIN IMMEDIATE (the write lock up front, so two
    writers wait for each other rather than deadlock), COMMIT, or ROLLBACK on any error."""

    def __init__(self, connection: sqlite3.Connection):
        self.connection = connection

    def __enter__(self) -> sqlite3.Connection:
        self.connection.execute("BEGIN IMMEDIATE")
        return self.connection

    def __exit__(self, exc_type, *exc) -> None:
        self.connection.execute("COMMIT" if exc_type is None else "ROLLBACK")
