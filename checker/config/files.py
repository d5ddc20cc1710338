"""Settings from configuration: defaults < preset < project file < command line.

The project file is `.fazhi.toml` or the `[tool.fazhi]` table of pyproject.toml, the first
found walking up from the current directory (`.fazhi.toml` first in each folder), unless
`--config` names one. A file may `extends = "gate"` (or `hook`, `audit`): a bundled preset
in checker/presets/ whose settings the file then overrides. Every effective value remembers
where it came from, for `fazhi config show`. A bad file is a ConfigError: `file: what`.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from checker.judge.waivers import Waiver
from checker.paths import PACKAGE_DIR, read_settings_file
from checker.render.words import DEFAULT_LANGUAGE, LANGUAGES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

PRESETS_DIR = PACKAGE_DIR / "config" / "presets"
SEVERITIES = ("required", "recommended")
DEFAULTS = {"packs": [], "rules": [], "fail-under": 60.0, "fail-on": ["required"],
            "disable": [], "waivers": [], "lang": DEFAULT_LANGUAGE}
WAIVER_KEYS = ("element", "reason", "files", "expires")


class ConfigError(Exception):
    """A configuration problem, worded `file: what is wrong`."""


@dataclass
class Config:
    values: dict = field(default_factory=lambda: dict(DEFAULTS))
    sources: dict = field(default_factory=lambda: {key: "default" for key in DEFAULTS})
    file: Path | None = None
    preset: str | None = None     # the bundled preset in force (the file's `extends` wins)

    def __getitem__(self, key: str):
        return self.values[key]

    def merge(self, table: dict, origin: str, base: Path) -> None:
        """Validate `table` and let each setting in it override the one in force."""
        for key, value in table.items():
            self.values[key] = _checked(key, value, origin, base)
            self.sources[key] = origin


def load_config(cwd: Path, explicit: Path | None = None, preset: str | None = None) -> Config:
    config = Config()
    if preset:
        _merge_preset(config, preset, "--preset")
    path = explicit or find_config(cwd)
    if path is None:
        return config
    table = read_table(path)
    extends = table.pop("extends", None)
    if extends is not None:
        _merge_preset(config, extends, str(path))
    config.merge(table, str(path), path.parent)
    config.file = path
    return config


def find_config(start: Path) -> Path | None:
    for folder in [start, *start.parents]:
        candidate = folder / ".fazhi.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "fazhi" in _toml(pyproject).get("tool", {}):
            return pyproject
    return None


def read_table(path: Path) -> dict:
    data = _toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("fazhi", {})
    return dict(data)


def preset_names() -> list[str]:
    return sorted(p.stem for p in PRESETS_DIR.glob("*.toml"))


def _merge_preset(config: Config, name: object, origin: str) -> None:
    if name not in preset_names():
        raise ConfigError(f"{origin}: extends: unknown preset {name!r}; "
                          f"valid presets: {', '.join(preset_names())}")
    path = PRESETS_DIR / f"{name}.toml"
    config.merge(_toml(path), f"preset {name}", path.parent)
    config.preset = name


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(read_settings_file(path).decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None


def _checked(key: str, value, origin: str, base: Path):
    if key not in DEFAULTS:
        valid = ", ".join(["extends", *DEFAULTS])
        raise ConfigError(f"{origin}: unknown setting {key!r}; valid settings: {valid}")
    try:
        return CHECKS[key](value, base, origin)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{origin}: {key}: {exc}") from None


def _strings(value, base=None, origin=""):
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"expected a list of strings, got {value!r}")
    return list(value)


def _paths(value, base: Path, origin=""):
    """Rule paths are relative to the file that names them."""
    return [str((base / p).resolve()) if not Path(p).is_absolute() else p for p in _strings(value)]


def _score(value, base=None, origin=""):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise ValueError(f"expected a number from 0 to 100, got {value!r}")
    return float(value)


def _severities(value, base=None, origin=""):
    wrong = [v for v in _strings(value) if v not in SEVERITIES]
    if wrong:
        raise ValueError(f"unknown severity {wrong[0]!r}; valid: {', '.join(SEVERITIES)}")
    return list(value)


def _language(value, base=None, origin=""):
    if value not in LANGUAGES:
        raise ValueError(f"unknown language {value!r}; valid: {', '.join(LANGUAGES)}")
    return value


def _waivers(value, base: Path, origin: str):
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise TypeError("expected an array of tables ([[waivers]])")
    return [_waiver(table, base, origin) for table in value]


def _waiver(table: dict, base: Path, origin: str) -> Waiver:
    unknown = sorted(set(table) - set(WAIVER_KEYS))
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r}; valid keys: {', '.join(WAIVER_KEYS)}")
    for key in ("element", "reason"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise ValueError(f"every waiver needs {key!r} (a non-empty string)")
    return Waiver(element=table["element"], reason=table["reason"].strip(),
                  files=str(table.get("files", "*")), expires=_date(table.get("expires")),
                  source=origin, base=str(base))


def _date(value) -> date | None:
    if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expires: expected a date such as 2026-12-31, got {value!r}")


CHECKS = {"packs": _strings, "rules": _paths, "fail-under": _score, "fail-on": _severities,
          "disable": _strings, "waivers": _waivers, "lang": _language}


def describe(config: Config) -> str:
    """The effective settings, one per line, each with where it came from."""
    lines = [f"config file: {config.file or 'none found'}"]
    for key in DEFAULTS:
        lines.append(f"{key} = {_shown(config.values[key])}    # from {config.sources[key]}")
    return "\n".join(lines)


def _shown(value) -> str:
    if isinstance(value, list) and value and isinstance(value[0], Waiver):
        return "[" + "; ".join(_waiver_text(w) for w in value) + "]"
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value) if isinstance(value, list) else str(value)


def _waiver_text(waiver: Waiver) -> str:
    until = f" until {waiver.expires.isoformat()}" if waiver.expires else ""
    return f"{waiver.element} in {waiver.files}{until}: {waiver.reason}"


def unknown_elements(config: Config, packs) -> None:
    """A `disable` entry naming no element of the packs in force is a typo: say so."""
    known = {e.id for pack in packs.packs for e in pack.elements}
    wrong = [d for d in config["disable"] if d not in known]
    if wrong:
        raise ConfigError(f"{config.sources['disable']}: disable: unknown element {wrong[0]!r}; "
                          f"known: {', '.join(sorted(known))}")
