"""Which body a submission is from, across rounds and files.

fazhi reads the body from the report (`document.body`: its name, and `short`, the key that
groups 武汉市武昌区人民政府, 武昌区人民政府 and 武昌区). For what it cannot tell, the
inspector keeps a mapping file (YAML, loaded safely):

    aliases:                      # a name as read (full or short) -> the body's key
      武昌区政府: 武昌区
      区司法局: 武昌区司法局
    files:                        # a file (glob on its path) -> the body's key
      "2024/扫描件-*.pdf": 洪山区

The key is resolved again from what was read whenever the ledger is opened with a mapping,
so an edit to the file reaches every round already recorded.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path, PurePath

from checker.ledger.store import Transaction
from checker.packs.yamlfile import YamlError, load_yaml


class BodyMapError(Exception):
    """A mapping file that cannot be used: `file:line: what`, exit code 2."""


@dataclass(frozen=True)
class BodyMap:
    aliases: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    source: str = ""

    def key_for(self, name: str | None, short: str | None, file: str) -> tuple[str | None, str]:
        """(the body's key, how it was told: mapping or read)."""
        posix = PurePath(file).as_posix()
        for pattern, key in self.files.items():
            if fnmatchcase(posix, pattern) or fnmatchcase(PurePath(file).name, pattern):
                return key, "mapping"
        for seen in (name, short):
            if seen and seen in self.aliases:
                return self.aliases[seen], "mapping"
        return (short or name or None), "read"


def load_body_map(path: str | Path | None) -> BodyMap:
    if path is None:
        return BodyMap()
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BodyMapError(f"{where}: no such mapping file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BodyMapError(f"{where}: cannot read: {exc}") from None
    try:
        document = load_yaml(where, text)
    except YamlError as exc:
        raise BodyMapError(f"{where}:{exc.line}: {exc.message}") from None
    data = document.data or {}
    if not isinstance(data, dict) or set(data) - {"aliases", "files"}:
        raise BodyMapError(f"{where}:1: a mapping file has `aliases:` and `files:`, each a mapping "
                           "of a name (or a file glob) to the body's key")
    sections = {}
    for section in ("aliases", "files"):
        value = data.get(section) or {}
        if not isinstance(value, dict):
            raise BodyMapError(f"{where}:{document.line_of((section,))}: {section}: expected a mapping")
        for name, key in value.items():
            if not isinstance(name, str) or not isinstance(key, str) or not key.strip():
                line = document.line_of((section, name))
                raise BodyMapError(f"{where}:{line}: {section}: {name!r}: expected a name and a body's key")
        sections[section] = {name.strip(): key.strip() for name, key in value.items()}
    return BodyMap(sections["aliases"], sections["files"], where)


def default_map_path(ledger: Path) -> Path | None:
    """bodies.yaml beside the ledger, when there is one."""
    candidate = ledger.with_name("bodies.yaml")
    return candidate if candidate.is_file() else None


def relink(connection: sqlite3.Connection, body_map: BodyMap) -> int:
    """Resolve every submission's body key again (after the mapping changed); returns how many
    changed. One transaction: a reader sees the old keys or the new ones, never a mix."""
    rows = connection.execute("SELECT id, body_name, body_short, body_level, body_key, body_key_from, "
                              "file FROM submissions").fetchall()
    changes = []
    for row in rows:
        key, how = body_map.key_for(row["body_name"], row["body_short"], row["file"])
        told = how if key is not None else None
        if (key, told) != (row["body_key"], row["body_key_from"]):
            changes.append((key, told, row))
    if not changes:
        return 0
    with Transaction(connection):
        for new_key, told_by, row in changes:
            if new_key is not None:
                remember_body(connection, new_key, row["body_name"] or new_key, row["body_level"])
            connection.execute("UPDATE submissions SET body_key = ?, body_key_from = ? WHERE id = ?",
                               (new_key, told_by, row["id"]))
    return len(changes)


def remember_body(connection: sqlite3.Connection, key: str, name: str, level: str | None) -> None:
    """Keep the body's fullest name and its level (inside the caller's transaction)."""
    connection.execute(
        "INSERT INTO bodies (key, name, level) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
        "name = CASE WHEN length(excluded.name) > length(bodies.name) THEN excluded.name "
        "ELSE bodies.name END, "
        "level = COALESCE(bodies.level, excluded.level)", (key, name, level))
