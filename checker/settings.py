"""Settings for a run, resolved once for every command.

Order of precedence: command line > the project's config file (`.fazhi.toml`, or
`[tool.fazhi]` in pyproject.toml) > the preset that file `extends` > `--preset` > defaults.
`resolve` turns all of it into the packs in force (shipped packs, extra `rules`, `packs`
selection, `disable`) and the run's Settings (gate, waivers, reading limits). `check`,
`explain`, `rules list`, `diff` and `audit` all call it, so a pack added in the config, a
`disable` or a waiver reaches every one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checker.config.files import Config, load_config, unknown_elements
from checker.judge.decisions import Decision
from checker.judge.scoring import Gate
from checker.judge.waivers import Waiver
from checker.packs.load import load_packs
from checker.packs.model import PackSet
from checker.readers import DEFAULT_MAX_BYTES
from checker.readers.limits import LIMITS, ReadingLimits
from checker.render.words import DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Settings:
    """What one report's check needs besides the packs."""

    gate: Gate = field(default_factory=Gate)
    encoding: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    limits: ReadingLimits = LIMITS     # lines, characters, tags, PDF operators (readers/limits.py)
    this_year: int | None = None       # for tests; the current year by default
    waivers: tuple[Waiver, ...] = ()   # from configuration
    # inspectors' decisions from the audit ledger, by the SHA-256 of the report they are on
    decisions: dict[str, tuple[Decision, ...]] = field(default_factory=dict)
    lang: str = DEFAULT_LANGUAGE       # the language of everything people read (zh | en)


@dataclass(frozen=True)
class Resolved:
    """The effective configuration of a run: its packs, its settings, and where each
    setting came from (for `fazhi config show`)."""

    packs: PackSet
    settings: Settings
    config: Config


@dataclass(frozen=True)
class CommandLine:
    """The settings a command line can give; None (or empty) means "not given"."""

    config: Path | None = None
    preset: str | None = None
    rules: tuple[str, ...] = ()
    packs: tuple[str, ...] = ()
    fail_under: float | None = None
    fail_on: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    encoding: str | None = None
    max_bytes: int | None = None
    max_chars: int | None = None
    lang: str | None = None

    def overrides(self) -> dict:
        given = {"rules": list(self.rules), "packs": list(self.packs),
                 "fail-under": self.fail_under, "fail-on": list(self.fail_on),
                 "disable": list(self.disable), "lang": self.lang}
        return {key: value for key, value in given.items() if value not in (None, [])}


def resolve(command_line: CommandLine = CommandLine(), cwd: Path | None = None) -> Resolved:
    """Config file and its preset, command line, packs, extra packs, disable, waivers."""
    config = resolve_config(command_line, cwd)
    packs = load_packs(config["rules"], only=config["packs"] or None, disabled=config["disable"])
    unknown_elements(config, packs)
    settings = Settings(
        gate=Gate(fail_under=config["fail-under"], fail_on=tuple(config["fail-on"]),
                  preset=config.preset),
        encoding=command_line.encoding,
        max_bytes=command_line.max_bytes or DEFAULT_MAX_BYTES,
        limits=LIMITS.for_chars(command_line.max_chars) if command_line.max_chars else LIMITS,
        waivers=tuple(config["waivers"]), lang=config["lang"])
    return Resolved(packs=packs, settings=settings, config=config)


def resolve_config(command_line: CommandLine = CommandLine(), cwd: Path | None = None) -> Config:
    """The effective settings and where each came from, without loading any pack (what
    `fazhi config show` prints, even while a pack it names is still to be written)."""
    cwd = cwd or Path.cwd()
    config = load_config(cwd, command_line.config, command_line.preset)
    config.merge(command_line.overrides(), "command line", cwd)
    return config
