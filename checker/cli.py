"""The command line. The core returns values; only this module prints and exits."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import List, Optional

import typer

from checker.exitcodes import ExitCode

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="fazhi: check 法治政府建设 annual reports against rule packs.")
rules_app = typer.Typer(no_args_is_help=True, help="List and validate rule packs.")
app.add_typer(rules_app, name="rules")
config_app = typer.Typer(no_args_is_help=True, help="Show the configuration in force.")
app.add_typer(config_app, name="config")


class UsageProblem(Exception):
    """A bad command line or input: one line on stderr, exit code 2."""


RulesOption = typer.Option(None, "--rules", "-r", help="Extra rule pack file or folder (repeatable).")
PackOption = typer.Option(None, "--pack", "-p", help="Only these packs (repeatable).")
ConfigOption = typer.Option(None, "--config", "-c", help="Config file (default: .fazhi.toml or "
                            "[tool.fazhi] in pyproject.toml, found walking up).")
PresetOption = typer.Option(None, "--preset", help="Bundled preset under the project config: gate, hook, audit.")


def _load_packs(rules, packs, disabled=()):
    from checker.packs import load_packs
    return load_packs(rules or (), only=packs or None, disabled=disabled)


@app.command()
def check(
    files: List[Path] = typer.Argument(..., help="Report files (.txt .md .docx .pdf .html)."),
    format: str = typer.Option("text", "--format", "-f",
                               help="Output format: text, json, sarif, junit, github, markdown."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write --format to this file "
                                          "(atomically); the text summary still goes to stdout."),
    report: Optional[List[str]] = typer.Option(None, "--report", help="Also write FORMAT=FILE "
                                               "(repeatable), e.g. --report junit=fazhi.xml."),
    rules: Optional[List[str]] = RulesOption,
    pack: Optional[List[str]] = PackOption,
    fail_under: Optional[float] = typer.Option(None, "--fail-under", help="Fail a report scoring "
                                               "under this, 0-100 (default 60)."),
    fail_on: Optional[List[str]] = typer.Option(None, "--fail-on", help="A missing element of this "
                                                "severity fails the gate (repeatable; default required)."),
    disable: Optional[List[str]] = typer.Option(None, "--disable", help="Switch this element off (repeatable)."),
    config: Optional[Path] = ConfigOption,
    preset: Optional[str] = PresetOption,
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force the text encoding of .txt/.md files."),
    explain: Optional[str] = typer.Option(None, "--explain", help="Show every candidate sentence for this element."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show all evidence."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour (default: on a terminal)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """Check reports: score, what is met, what is missing, and the evidence."""
    from checker.pipeline import check_path
    from checker.render import RenderOptions, renderer

    targets = _output_targets(format, output, report)
    overrides = {"rules": rules, "packs": pack, "fail-under": fail_under, "fail-on": fail_on,
                 "disable": disable}
    settings, packs = _configured(config, preset, overrides, encoding)
    if explain:
        _explain_files(explain, files, packs, settings)
        return
    reports = [check_path(str(f), packs, settings) for f in files]
    options = RenderOptions(color=_use_color(color), verbose=verbose, packs=packs)
    for name, path in targets:
        _emit(renderer(name)(reports, options if path is None else replace(options, color=False)), path)
    for report in reports:
        for error in report.errors:
            typer.echo(f"fazhi: {report.file}: {error.message}", err=True)
    raise typer.Exit(_exit_code(reports))


def _output_targets(format: str, output: Optional[Path], extra) -> list:
    """(format, file or None for stdout) pairs. --format goes to stdout, or to --output with
    the text summary on stdout; each --report FORMAT=FILE goes to its file."""
    from checker.render import renderer
    files = [(format, output)] if output else []
    for spec in extra or ():
        name, _, path = spec.partition("=")
        if not name or not path:
            raise UsageProblem(f"--report {spec!r}: expected FORMAT=FILE, e.g. sarif=fazhi.sarif")
        files.append((name, Path(path)))
    targets = [(format if output is None else "text", None)] + files
    for name, _ in targets:
        renderer(name)  # an unknown format fails before any report is checked
    return targets


def _configured(config_path, preset, overrides: dict, encoding):
    """Settings and packs from defaults < preset < project config < command line."""
    from checker.config import load_config, unknown_elements
    from checker.pipeline import Settings
    from checker.scoring import Gate
    config = load_config(Path.cwd(), config_path, preset)
    config.merge({k: list(v) if isinstance(v, (list, tuple)) else v for k, v in overrides.items()
                  if v is not None and v != [] and v != ()}, "command line", Path.cwd())
    packs = _load_packs(config["rules"], config["packs"], config["disable"])
    unknown_elements(config, packs)
    gate = Gate(fail_under=config["fail-under"], fail_on=tuple(config["fail-on"]))
    return Settings(gate=gate, encoding=encoding, waivers=tuple(config["waivers"])), packs


def _use_color(color: Optional[bool]) -> bool:
    if color is not None:
        return color
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(text: str, output: Optional[Path]) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from checker.cache import write_atomically
    try:
        write_atomically(output, text.encode("utf-8"))
    except OSError as exc:
        raise UsageProblem(f"{output}: cannot write: {exc.strerror or exc}") from None


def _exit_code(reports) -> int:
    if any(r.errors for r in reports):
        return ExitCode.BAD_INPUT
    return ExitCode.OK if all(r.passed for r in reports) else ExitCode.GATE_FAILED


def _explain_files(element_id, files, packs, settings) -> None:
    from checker.explain import candidates_text
    _known_element(element_id, packs)
    for path in files:
        typer.echo(candidates_text(element_id, str(path), packs, settings))


def _known_element(element_id: str, packs):
    try:
        return packs.element(element_id)
    except KeyError:
        known = ", ".join(e.id for e in packs.elements)
        raise UsageProblem(f"unknown element {element_id!r}; known: {known}") from None


@app.command()
def explain(
    element: str = typer.Argument(..., help="Element id, e.g. counsel-coverage."),
    files: Optional[List[Path]] = typer.Argument(None, help="Reports: list every candidate sentence."),
    rules: Optional[List[str]] = RulesOption,
) -> None:
    """Explain an element: its legal basis and wordings; with FILE, why it did or didn't fire."""
    from checker.explain import element_text
    from checker.pipeline import Settings
    packs = _load_packs(rules, None)
    if files:
        _explain_files(element, files, packs, Settings())
        return
    typer.echo(element_text(_known_element(element, packs)))


@config_app.command("show")
def config_show(config: Optional[Path] = ConfigOption, preset: Optional[str] = PresetOption) -> None:
    """Print the effective settings and where each one came from."""
    from checker.config import describe, load_config
    typer.echo(describe(load_config(Path.cwd(), config, preset)))


@rules_app.command("list")
def rules_list(rules: Optional[List[str]] = RulesOption) -> None:
    """List the packs in force and their element ids."""
    packs = _load_packs(rules, None)
    for pack in packs.packs:
        typer.echo(f"{pack.name}  {pack.title}  ({pack.source})")
        for element in pack.elements:
            since = f" since {element.since}" if element.since else ""
            typer.echo(f"  {element.id:28} {element.severity:11} weight {element.weight:g}{since}  {element.title}")


@rules_app.command("validate")
def rules_validate(paths: List[Path] = typer.Argument(..., help="Pack files or folders.")) -> None:
    """Check rule packs against the schema; every problem is listed as file:line: path: what."""
    packs = _load_packs([str(p) for p in paths], None)
    count = sum(len(p.elements) for p in packs.packs)
    typer.echo(f"ok: {len(packs.packs)} packs, {count} elements")


def main() -> None:
    """Entry point: maps every failure to its documented exit code, never a traceback
    (unless --debug)."""
    debug = "--debug" in sys.argv
    try:
        # without standalone mode click returns a command's exit code instead of exiting
        code = app(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except BaseException as exc:  # the one place every error ends up
        sys.exit(_report_failure(exc, debug))
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _report_failure(exc: BaseException, debug: bool) -> int:
    import click
    from checker.config import ConfigError
    from checker.packs import PackError
    from checker.render import UnknownFormat

    if isinstance(exc, click.exceptions.Abort) or isinstance(exc, KeyboardInterrupt):
        typer.echo("fazhi: interrupted", err=True)
        return 130
    if isinstance(exc, click.ClickException):
        exc.show()
        return ExitCode.BAD_INPUT
    if isinstance(exc, PackError):
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        return ExitCode.BAD_INPUT
    if isinstance(exc, (UsageProblem, UnknownFormat)):
        typer.echo(f"fazhi: {exc}", err=True)
        return ExitCode.BAD_INPUT
    if isinstance(exc, ConfigError):
        typer.echo(str(exc), err=True)
        return ExitCode.BAD_INPUT
    if debug:
        import traceback
        traceback.print_exception(exc)
    typer.echo(f"fazhi: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
    return ExitCode.INTERNAL
