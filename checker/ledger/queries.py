"""What the ledger tells: the rounds, the bodies, a body's history, two rounds compared.

Every element status here is the one in effect (`effective_elements`): an inspector's
decision that stands, else what fazhi found. A body's submission in a round is the latest
received (`current_submissions`); superseded ones are shown in its history.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from checker.language.load import load_language
from checker.understand.body import submitting_body

MISSING = "missing"


class UnknownName(Exception):
    """A round or body the ledger does not hold: one line listing the known ones, exit 2."""


@dataclass(frozen=True)
class ElementState:
    id: str
    title: str
    severity: str
    status: str               # in effect
    found: str                # what fazhi found
    stance: str
    also: tuple[str, ...]
    decision: dict | None = None   # {id, reason, by, at} when an inspector decided it

    @property
    def admitted(self) -> bool:
        """The report itself admitted a shortfall in it (存在的不足)."""
        return self.stance == "problem" or "problem" in self.also


@dataclass(frozen=True)
class Submission:
    id: int
    round: str
    body: str | None
    file: str
    sha256: str | None
    received_at: str
    title: str | None
    score: float | None
    verdict: str
    timeliness: str | None
    published_on: str | None
    published_source: str | None
    deadline: str | None
    current: bool
    elements: tuple[ElementState, ...] = ()

    def element(self, element_id: str) -> ElementState | None:
        return next((e for e in self.elements if e.id == element_id), None)


def rounds(connection: sqlite3.Connection) -> list[dict]:
    """Rounds in the order first audited, with their counts and interrupted runs."""
    rows = connection.execute(
        "SELECT r.round, r.first_audited, r.runs, "
        "(SELECT COUNT(*) FROM runs x WHERE x.round = r.round AND x.finished_at IS NULL) AS interrupted, "
        "(SELECT COUNT(*) FROM submissions s WHERE s.round = r.round) AS submissions, "
        "(SELECT COUNT(*) FROM current_submissions s WHERE s.round = r.round) AS current "
        "FROM rounds r ORDER BY r.first_audited, r.round").fetchall()
    return [dict(row) for row in rows]


def round_names(connection: sqlite3.Connection) -> list[str]:
    return [r["round"] for r in rounds(connection)]


def known_round(connection: sqlite3.Connection, name: str) -> str:
    names = round_names(connection)
    if name not in names:
        raise UnknownName(f"no round {name!r} in the ledger; rounds: {', '.join(names) or '(none yet)'}")
    return name


def bodies(connection: sqlite3.Connection) -> dict:
    """Every body with the names it was read under, its rounds and files; and the
    submissions whose body could not be told."""
    found = []
    for row in connection.execute("SELECT key, name, level FROM bodies WHERE key IN "
                                  "(SELECT body_key FROM submissions) ORDER BY key"):
        seen = connection.execute(
            "SELECT body_name, body_short, CASE body_key_from WHEN 'mapping' THEN 'mapping' ELSE "
            "body_source END AS body_source, round, file FROM submissions WHERE body_key = ? "
            "ORDER BY id", (row["key"],)).fetchall()
        found.append({
            "key": row["key"], "name": row["name"], "level": row["level"],
            "names_seen": sorted({n for s in seen for n in (s["body_name"], s["body_short"]) if n}),
            "sources": sorted({s["body_source"] for s in seen if s["body_source"]}),
            "rounds": list(dict.fromkeys(s["round"] for s in seen)),
            "files": [s["file"] for s in seen]})
    unknown = [dict(row) for row in connection.execute(
        "SELECT round, file, title, verdict FROM submissions WHERE body_key IS NULL ORDER BY round, file")]
    return {"bodies": found, "unrecognised": unknown}


def known_body(connection: sqlite3.Connection, name: str) -> str:
    """The key of the body `name` means: its key, a name it was read under, or a unique part."""
    rows = connection.execute("SELECT DISTINCT body_key, body_name, body_short FROM submissions "
                              "WHERE body_key IS NOT NULL").fetchall()
    names = {name, _short_name(name)}
    exact = {r["body_key"] for r in rows if names & {r["body_key"], r["body_name"], r["body_short"]}}
    if len(exact) == 1:
        return exact.pop()
    partial = {r["body_key"] for r in rows if any(name in (v or "") for v in tuple(r))}
    if len(partial) == 1:
        return partial.pop()
    keys = sorted(partial or exact or {r["body_key"] for r in rows})
    what = "could be" if partial or exact else "is not a body in the ledger; bodies:"
    raise UnknownName(f"{name!r} {what} {', '.join(keys) or '(none yet)'}")


def _short_name(name: str) -> str:
    """The body's key as fazhi reads it from a name (武汉市武昌区人民政府 → 武昌区)."""
    body = submitting_body(name, [], "", load_language().body_rules)
    return body.short if body is not None and body.short else name


def submissions(connection: sqlite3.Connection, *, body: str | None = None, round_name: str | None = None,
                current_only: bool = False) -> list[Submission]:
    table = "current_submissions" if current_only else "submissions"
    where, args = [], []
    if body is not None:
        where.append("body_key = ?")
        args.append(body)
    if round_name is not None:
        where.append("round = ?")
        args.append(round_name)
    sql = (f"SELECT *, id IN (SELECT id FROM current_submissions) AS is_current FROM {table}"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY first_run, received_at, id")
    return [_submission(connection, row) for row in connection.execute(sql, args).fetchall()]


def _submission(connection: sqlite3.Connection, row: sqlite3.Row) -> Submission:
    elements = tuple(
        ElementState(e["element_id"], e["title"], e["severity"], e["status"], e["found_status"], e["stance"],
                     tuple(e["also"].split()),
                     {"id": e["decision_id"], "reason": e["decision_reason"], "by": e["decided_by"],
                      "at": e["decided_at"]} if e["decision_id"] is not None else None)
        for e in connection.execute("SELECT * FROM effective_elements WHERE submission_id = ? "
                                    "ORDER BY seq", (row["id"],)))
    return Submission(row["id"], row["round"], row["body_key"], row["file"], row["sha256"],
                      row["received_at"], row["title"], row["score"], row["verdict"], row["timeliness"],
                      row["published_on"],
                      row["published_source"], row["deadline"], bool(row["is_current"]), elements)


@dataclass(frozen=True)
class History:
    body: str
    name: str
    rounds: list[tuple[str, list[Submission]]]   # round -> the body's submissions, current last


def history(connection: sqlite3.Connection, body: str) -> History:
    key = known_body(connection, body)
    name = connection.execute("SELECT name FROM bodies WHERE key = ?", (key,)).fetchone()
    by_round: dict[str, list[Submission]] = {r: [] for r in round_names(connection)}
    for item in submissions(connection, body=key):
        by_round[item.round].append(item)
    return History(key, name["name"] if name else key, [(r, s) for r, s in by_round.items() if s])


@dataclass(frozen=True)
class StillMissing:
    id: str
    title: str
    rounds_missing: int            # rounds running, up to the later one, it was missing
    repeated_shortfall: bool       # the body admitted the shortfall itself in both rounds


@dataclass
class BodyComparison:
    body: str
    name: str
    a: Submission | None
    b: Submission | None
    fixed: list[ElementState] = field(default_factory=list)          # missing/partial -> met
    improved: list[ElementState] = field(default_factory=list)       # missing -> partial
    weakened: list[ElementState] = field(default_factory=list)       # met -> partial
    newly_missing: list[ElementState] = field(default_factory=list)  # met/partial -> missing
    still_missing: list[StillMissing] = field(default_factory=list)
    trend: list[tuple[str, float | None]] = field(default_factory=list)  # (round, score), every round

    @property
    def state(self) -> str:
        if self.b is None:
            return "did-not-submit"
        return "new" if self.a is None else "compared"


@dataclass(frozen=True)
class Comparison:
    round_a: str
    round_b: str
    bodies: list[BodyComparison]
    unrecognised: list[Submission]      # in either round, body not told: map them

    @property
    def did_not_submit(self) -> list[BodyComparison]:
        return [b for b in self.bodies if b.state == "did-not-submit"]


def compare(connection: sqlite3.Connection, round_a: str, round_b: str) -> Comparison:
    order = round_names(connection)
    a_name, b_name = known_round(connection, round_a), known_round(connection, round_b)
    current: dict[str, dict[str, Submission]] = {}
    unrecognised = []
    for item in submissions(connection, current_only=True):
        if item.body is None:
            unrecognised += [item] if item.round in (a_name, b_name) else []
        else:
            current.setdefault(item.body, {})[item.round] = item
    names = {r["key"]: r["name"] for r in connection.execute("SELECT key, name FROM bodies")}
    compared = [_compare_body(key, names.get(key, key), by_round, a_name, b_name, order)
                for key, by_round in sorted(current.items()) if a_name in by_round or b_name in by_round]
    return Comparison(a_name, b_name, compared, unrecognised)


def _compare_body(key: str, name: str, by_round: dict[str, Submission], a_name: str, b_name: str,
                  order: list[str]) -> BodyComparison:
    a, b = by_round.get(a_name), by_round.get(b_name)
    result = BodyComparison(key, name, a, b, trend=[(r, by_round[r].score) for r in order if r in by_round])
    if a is None or b is None:
        return result
    for later in b.elements:
        earlier = a.element(later.id)
        if earlier is None or "not-applicable" in (earlier.status, later.status):
            continue
        _classify(result, earlier, later, by_round, order, b_name)
    return result


def _classify(result: BodyComparison, earlier: ElementState, later: ElementState,
              by_round: dict[str, Submission], order: list[str], b_name: str) -> None:
    before, after = earlier.status, later.status
    if after == "met" and before in ("missing", "partial"):
        result.fixed.append(later)
    elif after == "partial" and before == MISSING:
        result.improved.append(later)
    elif after == "partial" and before == "met":
        result.weakened.append(later)
    elif after == MISSING and before != MISSING:
        result.newly_missing.append(later)
    elif after == MISSING:
        result.still_missing.append(StillMissing(later.id, later.title,
                                                 _rounds_missing(later.id, by_round, order, b_name),
                                                 earlier.admitted and later.admitted))


def _rounds_missing(element_id: str, by_round: dict[str, Submission], order: list[str], last: str) -> int:
    """How many of the body's rounds running, up to `last`, the element was missing in."""
    count = 0
    for name in reversed(order[:order.index(last) + 1]):
        state = by_round[name].element(element_id) if name in by_round else None
        if state is None or state.status != MISSING:
            break
        count += 1
    return count
