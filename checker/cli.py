"""The command line. The core returns values; only this module prints and exits."""

# No `from __future__ import annotations` here: typer reads every command's annotations at
# each start, and written as strings each costs it a compile and an eval (~7 ms of a cold
# `fazhi check`).

import copy
import os
import sys
from dataclasses import replace
from pathlib import Path

import typer

from checker.exitcodes import ExitCode

# rich_markup_mode=None: help texts are shown as written; rich markup would eat the square
# brackets of `[tool.fazhi]`.
app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  rich_markup_mode=None,
                  help="fazhi: check 法治政府建设 annual reports against rule packs.")
rules_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="List and validate rule packs.")
app.add_typer(rules_app, name="rules")
config_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, help="Show the configuration in force.")
app.add_typer(config_app, name="config")
ledger_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                         help="The audit ledger of every round.")
app.add_typer(ledger_app, name="ledger")


def _print_version(value: bool) -> None:
    if value:
        from checker import __version__
        typer.echo(f"fazhi {__version__}")
        raise typer.Exit(ExitCode.OK)


@app.callback()
def _main_options(
    version: bool = typer.Option(False, "--version", callback=_print_version, is_eager=True,
                                 help="Print fazhi's version and exit."),
) -> None:
    """fazhi: check 法治政府建设 annual reports against rule packs."""


class UsageProblem(Exception):
    """A bad command line or input: one line on stderr, exit code 2."""


RulesOption = typer.Option(None, "--rules", "-r", help="Extra rule pack file or folder (repeatable).")
PackOption = typer.Option(None, "--pack", "-p", help="Only these packs (repeatable).")
ConfigOption = typer.Option(None, "--config", "-c", help="Config file (default: .fazhi.toml or "
                            "[tool.fazhi] in pyproject.toml, found walking up).")
PresetOption = typer.Option(None, "--preset",
                            help="Bundled preset under the project config: gate, hook, audit.")
EncodingOption = typer.Option(None, "--encoding", help="Force the text encoding of .txt/.md files.")
LedgerOption = typer.Option(None, "--ledger", envvar="FAZHI_LEDGER",
                            help="The audit ledger (SQLite file; $FAZHI_LEDGER): inspectors' decisions "
                                 "recorded there apply to the reports checked.")
BodiesOption = typer.Option(None, "--bodies", help="The inspector's body mapping file (YAML: aliases, "
                            "files); default: bodies.yaml beside the ledger, when there is one.")
ReaderLangOption = typer.Option(None, "--lang", help="Language of what people read (text, html, csv, "
                          "Excel, warnings): zh (default) or en; also `lang` in the config. JSON keys "
                          "and values, element ids and SARIF rule ids are the same in both.")
MaxBytesOption = typer.Option(None, "--max-bytes", help="Refuse report files larger than this many "
                              "bytes (default 20 MB).")
MaxCharsOption = typer.Option(None, "--max-chars", help="Refuse reports of more characters than this "
                              "(default 150,000; the line and sentence limits rise in proportion).")
FailUnderOption = typer.Option(None, "--fail-under", help="Fail a report scoring under this, 0-100 "
                               "(default 60).")
FailOnOption = typer.Option(None, "--fail-on", help="A missing element of this severity (required, "
                            "recommended) fails the gate (repeatable; default required).")
DisableOption = typer.Option(None, "--disable", help="Switch this element off (repeatable).")
TemplateOption = typer.Option(None, "--template", help="The review wording: a replacement for "
                              "rules/feedback/zh.yaml with the same keys.")
DateOption = typer.Option(None, "--date", help="The letters' date, YYYY-MM-DD (default today).")


@app.command()
def check(
    files: list[Path] = typer.Argument(..., help="Report files (.txt .md .docx .pdf .html .htm); "
                                       "for a folder, use `fazhi audit`."),
    format: str = typer.Option("text", "--format", "-f",
                               help="Output format: text, json, sarif, junit, github, markdown, html, "
                                    "csv. github also appends a Markdown job summary to "
                                    "$GITHUB_STEP_SUMMARY when that is set."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write --format to this file "
                                          "(atomically); the text summary still goes to stdout."),
    report: list[str] | None = typer.Option(None, "--report", help="Also write FORMAT=FILE "
                                               "(repeatable), e.g. --report junit=fazhi.xml."),
    rules: list[str] | None = RulesOption,
    pack: list[str] | None = PackOption,
    fail_under: float | None = typer.Option(None, "--fail-under", help="Fail a report scoring "
                                               "under this, 0-100 (default 60)."),
    fail_on: list[str] | None = typer.Option(None, "--fail-on", help="A missing element of this "
                                                "severity (required, recommended) fails the gate "
                                                "(repeatable; default required)."),
    disable: list[str] | None = typer.Option(None, "--disable", help="Switch this element off (repeatable)."),
    config: Path | None = ConfigOption,
    preset: str | None = PresetOption,
    encoding: str | None = EncodingOption,
    max_bytes: int | None = MaxBytesOption,
    max_chars: int | None = MaxCharsOption,
    lang: str | None = ReaderLangOption,
    explain: str | None = typer.Option(None, "--explain", help="Show every candidate sentence for "
                                       "this element (its id or title, or a unique part of either)."),
    ledger: Path | None = LedgerOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show all evidence."),
    brief: bool = typer.Option(False, "--brief", help="Text: only what is missing or partial, with hints."),
    color: bool | None = typer.Option(None, "--color/--no-color", help="Colour (default: on a terminal)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """Check reports: score, what is met or missing, and why.

    Exit code 0 when every report passes the gate, 1 when one fails it, 2 for bad usage or a
    report that cannot be read."""
    from checker.render import RenderOptions, renderer
    from checker.render.words import words
    from checker.run import role_names

    _refuse_folders(files)
    targets = _output_targets(format, output, report)
    _refuse_overwriting_inputs(targets, [(f, "one of the reports being checked") for f in files])
    resolved = _resolve(config=config, preset=preset, rules=rules, packs=pack, fail_under=fail_under,
                        fail_on=fail_on, disable=disable, encoding=encoding, lang=lang,
                        max_bytes=max_bytes, max_chars=max_chars)
    _refuse_overwriting_inputs(targets, _files_read(resolved))
    packs, settings = resolved.packs, _with_decisions(resolved.settings, ledger)
    if explain:
        _explain_files(explain, files, packs, settings)
        return
    reports = [_check_file(f, packs, settings) for f in files]
    options = RenderOptions(color=_use_color(color), verbose=verbose, brief=brief, packs=packs,
                            role_names=role_names(), gate=settings.gate, words=words(settings.lang))
    for name, path in targets:
        _emit(renderer(name)(reports, options if path is None else replace(options, color=False)), path)
    if any(name == "github" for name, _ in targets):
        _github_step_summary(reports, replace(options, color=False))
    for result in reports:
        for error in result.errors:
            _err(f"fazhi: {result.file}: {options.words.error(error.code, error.message)}")
    raise typer.Exit(_exit_code(reports))


def _refuse_folders(files: list[Path]) -> None:
    """`check` takes files; a folder is what `audit` is for, and `check FOLDER` says so (one
    line, not "unsupported file type"). A folder among files is one unreadable report of
    the batch (_check_file)."""
    if all(path.is_dir() for path in files):
        raise UsageProblem(f"{_printable(str(files[0]))}: {_folder_reason(files[0])}")


def _folder_reason(path: Path) -> str:
    return (f"is a directory, not a report file; `fazhi audit {_printable(str(path))}` checks "
            "every report in a folder")


def _check_file(path: Path, packs, settings):
    from checker.judge.results import ReadError, ReportResult
    from checker.run import check_path
    if path.is_dir():
        reason = _folder_reason(path)
        return ReportResult(file=str(path), document=None, score=None, passed=False, missing=(),
                            elements=(), errors=(ReadError("unreadable", reason),))
    return check_path(str(path), packs, settings)


def _github_step_summary(reports, options) -> None:
    """GitHub Actions: the details that annotations leave out, as the job's Markdown summary
    (appended, as GitHub expects, to the file $GITHUB_STEP_SUMMARY names)."""
    from checker.render.github import summary
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as out:
            out.write(summary(reports, options))
    except OSError as exc:
        _err(f"fazhi: {path}: cannot write the job summary: {exc.strerror or exc}")


def _printable(text: str) -> str:
    """A file name with a line break or ESC in it must not split its problem over two lines
    nor drive the terminal: control characters are shown escaped (render/escape.py)."""
    from checker.render.escape import visible
    return visible(text)


def _out(text: str) -> None:
    """Text of several lines on stdout, each line as _printable makes it."""
    from checker.render.escape import visible_lines
    typer.echo(visible_lines(text))


def _err(line: str) -> None:
    """One line on stderr: whatever a file name, a zip entry or a report put into it, it
    stays one line and cannot drive the terminal."""
    typer.echo(_printable(line), err=True)


def _output_targets(format: str, output: Path | None, extra) -> list:
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


def _refuse_overwriting_inputs(targets: list, inputs: list[tuple[Path, str]]) -> None:
    """An output never replaces what the run reads: a report being checked (`-f markdown -o
    draft.md draft.md`), a rule pack, the config file or the language file in use."""
    for _, path in targets:
        what = next((what for read, what in inputs if path is not None and _same_file(path, read)), None)
        if what:
            raise UsageProblem(f"{path}: is {what}; write the output elsewhere")


def _files_read(resolved) -> list[tuple[Path, str]]:
    """The rule packs (every file an element comes from, a pack it extends included), the
    config file and the language file of the run."""
    from checker.language.load import language_file
    packs = {element.source.rpartition(":")[0] for pack in resolved.packs.packs for element in pack.elements}
    packs |= {pack.source for pack in resolved.packs.packs}
    read = [(Path(p), "a rule pack in use") for p in sorted(packs) if p]
    if resolved.config.file:
        read.append((Path(resolved.config.file), "the config file in use"))
    return read + [(language_file(), "the language file in use")]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:   # either does not exist (yet): not the same file
        return False


def _resolve(**given):
    """The run's packs and settings from config file, preset and command line: the one way
    every command gets them (checker.settings)."""
    from checker.settings import CommandLine, resolve
    lists = {k: tuple(v or ()) for k, v in given.items() if k in ("rules", "packs", "fail_on", "disable")}
    for name in ("max_bytes", "max_chars"):      # a limit given on the command line is 1 or more
        if given.get(name) is not None:
            _positive("--" + name.replace("_", "-"), given[name])
    return resolve(CommandLine(**{**given, **lists}))


def _positive(option: str, value: int) -> int:
    if value < 1:
        raise UsageProblem(f"{option} {value}: expected 1 or more")
    return value


def _use_color(color: bool | None) -> bool:
    if color is not None:
        return color
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ


def _emit(text: str, output: Path | None) -> None:
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


def _explain_files(name, files, packs, settings) -> None:
    """Every candidate sentence of each file, and the element's status there; an unreadable
    file is one line on stderr and exit code 2, as in `check`."""
    from checker.explain import candidates_text
    from checker.readers.source import ReportReadError
    element_id = _known_element(name, packs).id
    unreadable = False
    for path in files:
        try:
            _out(candidates_text(element_id, str(path), packs, settings))
        except ReportReadError as exc:
            _err(f"fazhi: {exc.path}: {exc.message}")
            unreadable = True
    if unreadable:
        raise typer.Exit(ExitCode.BAD_INPUT)


def _explain_kinds(files, settings) -> None:
    """The kind signals of each file; an unreadable file is one line on stderr, exit code 2."""
    from checker.explain import kind_text
    from checker.readers.source import ReportReadError
    unreadable = False
    for path in files:
        try:
            _out(kind_text(str(path), settings))
        except ReportReadError as exc:
            _err(f"fazhi: {exc.path}: {exc.message}")
            unreadable = True
    if unreadable:
        raise typer.Exit(ExitCode.BAD_INPUT)


def _known_element(name: str, packs):
    """The element `name` means (id, title, or a unique part of either): one line and exit 2
    when it is unknown, switched off, or could be several (listing them)."""
    from checker.explain import ElementNotFound, find_element
    try:
        element = find_element(name, packs)
    except ElementNotFound as exc:
        if exc.candidates:
            which = "; ".join(f"{e.id} ({e.title})" for e in exc.candidates)
            raise UsageProblem(f"{name!r} could be {len(exc.candidates)} elements: {which}; "
                               "name one by its id") from None
        known = ", ".join(e.id for e in packs.elements)
        raise UsageProblem(f"unknown element {name!r}; known: {known}") from None
    if element.id in packs.disabled:
        raise UsageProblem(f"element {element.id!r} is switched off (`disable` in the "
                           "configuration or on the command line)")
    return element


@app.command()
def explain(
    element: str = typer.Argument(..., help="Element id or title (counsel-coverage, 三项制度), or "
                                  "a unique beginning of either (with --kind: a report)."),
    files: list[Path] | None = typer.Argument(None, help="Reports: list every candidate sentence "
                                              "and end with the element's status in each."),
    rules: list[str] | None = RulesOption,
    config: Path | None = ConfigOption,
    preset: str | None = PresetOption,
    encoding: str | None = EncodingOption,
    kind: bool = typer.Option(False, "--kind", help="For each report given: the signals that "
                              "decided its kind (annual-report, implementation-plan, other) and "
                              "what it looks like."),
) -> None:
    """Explain an element; with FILE, why it fired or did not.

    Without FILE: its legal basis, what counts as met and partial, the wordings and the hint.
    With FILE: every candidate sentence, why it counted as a claim, a plan or a gap or why it
    was rejected, and the element's final status (met, partial, missing, not-applicable;
    waived).
    `fazhi explain --kind FILE...`: why each file is of its kind."""
    from checker.render.element_text import element_text
    resolved = _resolve(config=config, preset=preset, rules=rules, encoding=encoding)
    if kind:
        _explain_kinds([Path(element), *(files or [])], resolved.settings)
        return
    if files:
        _explain_files(element, files, resolved.packs, resolved.settings)
        return
    _out(element_text(_known_element(element, resolved.packs)))


@config_app.command("show")
def config_show(config: Path | None = ConfigOption, preset: str | None = PresetOption) -> None:
    """Print the effective settings and where each one came from."""
    from checker.config.files import describe
    from checker.settings import CommandLine, resolve_config
    _out(describe(resolve_config(CommandLine(config=config, preset=preset))))


@rules_app.command("list")
def rules_list(rules: list[str] | None = RulesOption, config: Path | None = ConfigOption,
               preset: str | None = PresetOption) -> None:
    """List the packs in force and their element ids (elements switched off by `disable`
    are marked)."""
    packs = _resolve(config=config, preset=preset, rules=rules).packs
    for pack in packs.packs:
        _out(f"{pack.name}  {pack.title}  ({pack.source})")
        for element in pack.elements:
            since = f" since {element.since}" if element.since else ""
            off = "  (disabled)" if element.id in packs.disabled else ""
            typer.echo(f"  {element.id:28} {element.severity:11} weight {element.weight:g}{since}"
                       f"  {element.title}{off}")


@rules_app.command("validate")
def rules_validate(paths: list[Path] = typer.Argument(..., help="Pack files or folders.")) -> None:
    """Check rule packs against the schema; every problem is listed as file:line: path: what."""
    from checker.packs.load import load_packs
    packs = load_packs([str(p) for p in paths])
    count = sum(len(p.elements) for p in packs.packs)
    typer.echo(f"ok: {len(packs.packs)} packs, {count} elements")


@app.command()
def audit(
    folders: list[Path] = typer.Argument(..., help="Folders (or files) of submitted reports."),
    out: Path = typer.Option(Path("fazhi-audit"), "--out", "-o",
                             help="Folder for summary.csv, summary.xlsx, results.json, report.html and "
                             "report-details/."),
    jobs: int | None = typer.Option(None, "--jobs", "-j", help="Worker processes (default: the CPUs)."),
    rules: list[str] | None = RulesOption,
    pack: list[str] | None = PackOption,
    fail_under: float | None = typer.Option(None, "--fail-under", help="Fail a report scoring "
                                               "under this, 0-100 (default 80, the audit preset)."),
    fail_on: list[str] | None = typer.Option(None, "--fail-on", help="A missing element of this "
                                                "severity (required, recommended) fails the gate "
                                                "(repeatable; default both, the audit preset)."),
    disable: list[str] | None = typer.Option(None, "--disable", help="Switch this element off (repeatable)."),
    config: Path | None = ConfigOption,
    preset: str = typer.Option("audit", "--preset", help="Bundled preset under the project config: "
                               "gate, hook, audit."),
    encoding: str | None = EncodingOption,
    max_bytes: int | None = MaxBytesOption,
    max_chars: int | None = MaxCharsOption,
    ledger: Path | None = typer.Option(None, "--ledger", envvar="FAZHI_LEDGER",
                                       help="Record every submission in this audit ledger (SQLite "
                                            "file, made when missing; $FAZHI_LEDGER); needs --round."),
    round_name: str | None = typer.Option(None, "--round", help="The inspection round the "
                                          "submissions belong to, e.g. 2024年度."),
    bodies: Path | None = BodiesOption,
    feedback: bool = typer.Option(False, "--feedback", help="Also write a 反馈意见 letter per "
                                  "submitting body and a 汇总 into OUT/feedback/."),
    template: Path | None = TemplateOption,
    day: str | None = DateOption,
    lang: str | None = ReaderLangOption,
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """Audit folders: a CSV, JSON results and an HTML dashboard.

    With --feedback, also a 反馈意见 letter to each submitting body and a 汇总 (as `fazhi
    feedback` writes them) in OUT/feedback/.

    A file that cannot be read is listed with its reason; the audit carries on. Exit code 0
    when every report passed, 1 when one failed or could not be read."""
    from checker.audit.pool import AuditJob, ProgressBar, audit_walk, default_jobs
    from checker.audit.spool import ResultSpool, result_rows
    from checker.render.words import words as reader_words

    if jobs is not None and jobs < 1:
        raise UsageProblem(f"--jobs {jobs}: expected 1 or more")
    from checker.audit.outputs import OutputFolder, OutputProblem
    walk = _find_submissions(folders, out)
    resolved = _resolve(config=config, preset=preset, rules=rules, packs=pack, fail_under=fail_under,
                        fail_on=fail_on, disable=disable, encoding=encoding, lang=lang,
                        max_bytes=max_bytes, max_chars=max_chars)
    packs, settings = resolved.packs, resolved.settings
    context = _letter_context(packs, settings, template, day) if feedback else None
    try:
        # results go to a spool as they come, the parent keeps a row each (checker.audit.spool)
        with OutputFolder(out) as outputs, ResultSpool() as spool:   # fail before a long audit

            recording = _start_recording(ledger, round_name, bodies, folders)
            if recording is not None:
                settings = replace(settings, decisions=recording.decisions)
            job = AuditJob(packs, settings, _workers(jobs, default_jobs()),
                           on_result=recording.record if recording else AuditJob.on_result)
            progress = ProgressBar(len(walk.files))
            reports = audit_walk(walk, job, progress, spool)
            progress.close()
            if recording is not None:
                recording.finish()
            letters = None if context is None else _letters_into(reports, context, job.jobs)
            written = outputs.publish(reports, letters, settings, packs)
            rows = result_rows(reports)
            # read while the spool is open: the submissions group the full results
            summary, passed = _audit_lines(reports, settings.gate, reader_words(settings.lang))
    except OutputProblem as exc:
        raise UsageProblem(str(exc)) from None
    _say_audited(summary, written)
    if recording is not None:
        typer.echo(f"recorded {len(rows)} submissions in {_printable(str(ledger))}, "
                   f"round {_printable(round_name or '')}")
    raise typer.Exit(ExitCode.OK if passed else ExitCode.GATE_FAILED)


def _with_decisions(settings, ledger: Path | None):
    """The settings with the inspectors' decisions the ledger holds (none without a ledger)."""
    if ledger is None:
        return settings
    from checker.ledger.decisions import active_decisions
    from checker.ledger.store import open_ledger
    connection = open_ledger(ledger)
    try:
        return replace(settings, decisions=active_decisions(connection))
    finally:
        connection.close()


class _Recording:
    """An audit being recorded in the ledger: its run, and each report as it comes in."""

    def __init__(self, ledger: Path, round_name: str, bodies: Path | None, folders: list[Path]):
        from checker.ledger.bodies import default_map_path, load_body_map, relink
        from checker.ledger.decisions import active_decisions
        from checker.ledger.record import Recorder, start_run
        from checker.ledger.store import open_ledger
        body_map = load_body_map(bodies or default_map_path(ledger))
        self.connection = open_ledger(ledger, create=True)
        relink(self.connection, body_map)
        self.decisions = active_decisions(self.connection)
        self.run_id = start_run(self.connection, round_name, [str(f) for f in folders])
        self.record = Recorder(self.connection, round_name, self.run_id, body_map)

    def finish(self) -> None:
        from checker.ledger.record import finish_run
        finish_run(self.connection, self.run_id)
        self.connection.close()


def _start_recording(ledger: Path | None, round_name: str | None, bodies: Path | None,
                     folders: list[Path]) -> _Recording | None:
    if ledger is None:
        if round_name is not None:
            raise UsageProblem("--round names the round of a ledger; give --ledger FILE too")
        return None
    if not round_name or not round_name.strip():
        raise UsageProblem(f"--ledger {ledger}: give the round the submissions belong to, "
                           "e.g. --round 2024年度")
    return _Recording(ledger, round_name.strip(), bodies, folders)


def _find_submissions(folders: list[Path], out: Path):
    from checker.audit.walk import find_reports, supported_suffixes
    missing = [f for f in folders if not f.exists()]
    if missing:
        raise UsageProblem(f"{missing[0]}: no such folder or file")
    walk = find_reports([str(f) for f in folders], skip_folders=(str(out),))   # never its own outputs
    if not walk.files and not walk.problems:   # most likely the wrong folder: say so, not "all passed"
        raise UsageProblem(f"{folders[0]}: no report files found ({', '.join(supported_suffixes())})")
    return walk


def _workers(asked: int | None, cpus: int) -> int:
    """The CPUs by default; never more (each worker holds the packs and the dictionary, and
    more processes than CPUs only cost memory: --jobs 1000 on 2 CPUs runs 2)."""
    return min(asked or cpus, cpus)


def _audit_lines(reports, gate, words) -> tuple[list[str], bool]:
    """The summary of an audit by submission; whether every submission passed."""
    from checker.judge.submissions import group_submissions
    submissions = group_submissions(reports)
    return (_audit_summary(reports, submissions, gate, words),
            all(s.verdict == "passed" for s in submissions))


def _say_audited(summary: list[str], written) -> None:
    from checker.audit.outputs import DETAILS_FOLDER, OUTPUT_NAMES
    _out("\n".join(summary))
    files = [p for p in written if p.name in (*OUTPUT_NAMES, DETAILS_FOLDER)]
    letters = len(written) - len(files)
    _out("wrote " + ", ".join(str(p) for p in files)
         + (f", and {letters - 1} feedback letters with a 汇总 in {files[0].parent / 'feedback'}"
            if letters else ""))


def _audit_summary(reports, submissions, gate, words) -> list[str]:
    """The counts by submission, the gate, then by file name the submissions that failed
    and those that could not be read, each with why."""
    from checker.render.about import gate_text
    # counted, then read again for each verdict: spooled submissions are not held in a list
    counts = dict.fromkeys(("passed", "failed", "unreadable"), 0)
    copies = 0
    for submission in submissions:
        counts[submission.verdict] += 1
        copies += len(submission.others)
    sent = words("audit.in-submissions", submissions=len(submissions), copies=copies) if copies else ""
    lines = [words("audit.counts", total=len(reports), sent=sent, passed=counts["passed"],
                   failed=counts["failed"], unreadable=counts["unreadable"]),
             words("about.gate-line", gate=gate_text(gate, words))]
    for verdict in ("failed", "unreadable"):
        if counts[verdict]:
            lines.append(words(f"audit.{verdict}-heading"))
        for submission in (s for s in submissions if s.verdict == verdict):
            primary = submission.primary
            errors = [words.error(e.code, e.message) for e in primary.errors]
            why = (words("audit.reason-separator").join(errors)
                   or _why_failed(reports[primary.index], gate, words))   # read back from the spool
            lines.append(f"  {primary.file}  {why}")
    return lines


def _why_failed(report, gate, words, listed: int = 3) -> str:
    """One short line: what the file is when it is no annual report, the score under the
    threshold, and what is missing (named when a few, counted when many: the outputs
    have the rest)."""
    from checker.render.verdict import blocking, threshold_reason
    doc, reasons = report.document, []
    if doc is not None and doc.kind != "annual-report":
        looks = words("audit.looks-like", genre=doc.genre.name) if doc.genre else ""
        reasons.append(words("audit.not-annual", kind=words.kind(doc.kind), looks=looks))
    threshold = threshold_reason(report, gate, words)
    if threshold:
        reasons.append(threshold)
    by_severity: dict[str, list[str]] = {}
    for element in blocking(report, gate):
        by_severity.setdefault(element.severity, []).append(element.id)
    for severity, ids in by_severity.items():
        named = words.join(ids) if len(ids) <= listed else words("audit.elements", count=len(ids))
        reasons.append(words("audit.missing", severity=words.severity(severity), named=named))
    return words("audit.reason-separator").join(reasons) or words("gate.failed")


@app.command()
def annotate(
    report: Path = typer.Argument(..., help="The report (.docx .txt .md .pdf .html .htm)."),
    output: Path = typer.Option(..., "--output", "-o", help="The annotated copy to write (.docx)."),
    template: Path | None = TemplateOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="A comment on every piece of "
                                 "evidence (default: up to 30 per element and part)."),
    rules: list[str] | None = RulesOption,
    pack: list[str] | None = PackOption,
    fail_under: float | None = FailUnderOption,
    fail_on: list[str] | None = FailOnOption,
    disable: list[str] | None = DisableOption,
    config: Path | None = ConfigOption,
    preset: str | None = PresetOption,
    encoding: str | None = EncodingOption,
    max_bytes: int | None = MaxBytesOption,
    max_chars: int | None = MaxCharsOption,
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """Write a copy of a report with Word review comments (批注).

    Comments on each evidence sentence (the element, its status, what is still missing), on
    the title (score, verdict, missing required elements) and on the heading of the part
    where each missing element belongs (what to write, its basis). A .docx keeps its
    formatting; other formats become a plain .docx of their text. Exit code as `check`."""
    from checker.readers.source import ReportReadError
    from checker.review.template import load_template
    from checker.run import annotate_path

    targets = [("docx", output)]
    _refuse_overwriting_inputs(targets, [(report, "one of the reports being checked")])
    if output.suffix.lower() != ".docx":
        raise UsageProblem(f"{output}: the annotated copy is a Word file; name it *.docx")
    words = load_template(template)
    resolved = _resolve(config=config, preset=preset, rules=rules, packs=pack, fail_under=fail_under,
                        fail_on=fail_on, disable=disable, encoding=encoding,
                        max_bytes=max_bytes, max_chars=max_chars)
    _refuse_overwriting_inputs(targets, _files_read(resolved) + [(Path(words.path), "the review template")])
    try:
        result, data, comments = annotate_path(str(report), resolved.packs, resolved.settings, words,
                                               all_evidence=verbose)
    except ReportReadError as exc:
        raise UsageProblem(f"{_printable(exc.path)}: {exc.message}") from None
    _write_bytes(output, data)
    typer.echo(f"wrote {_printable(str(output))}: {comments} comments; score "
               f"{'-' if result.score is None else f'{result.score:g}'}/100, "
               f"{'passes' if result.passed else 'fails'} the gate")
    raise typer.Exit(_exit_code([result]))


def _write_bytes(output: Path, data: bytes) -> None:
    from checker.cache import write_atomically
    try:
        write_atomically(output, data)
    except OSError as exc:
        raise UsageProblem(f"{output}: cannot write: {exc.strerror or exc}") from None


def _letter_context(packs, settings, template: Path | None, day: str | None):
    """The wording, gate and date the letters use (one line and exit 2 for a bad --date)."""
    from datetime import date

    from checker.review.letter import LetterContext
    from checker.review.template import load_template
    try:
        when = date.fromisoformat(day) if day else date.today()
    except ValueError:
        raise UsageProblem(f"--date {day!r}: expected YYYY-MM-DD, e.g. 2025-03-31") from None
    return LetterContext(packs, load_template(template), settings.gate, when)


@app.command()
def feedback(
    reports: list[Path] = typer.Argument(..., help="Report files, or folders of them."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder for the letters and the 汇总."),
    template: Path | None = TemplateOption,
    day: str | None = DateOption,
    jobs: int | None = typer.Option(None, "--jobs", "-j", help="Worker processes (default: the CPUs)."),
    rules: list[str] | None = RulesOption,
    pack: list[str] | None = PackOption,
    fail_under: float | None = FailUnderOption,
    fail_on: list[str] | None = FailOnOption,
    disable: list[str] | None = DisableOption,
    config: Path | None = ConfigOption,
    preset: str | None = PresetOption,
    encoding: str | None = EncodingOption,
    max_bytes: int | None = MaxBytesOption,
    max_chars: int | None = MaxCharsOption,
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """Write a 反馈意见 letter per submitting body, and a 汇总.

    Each letter: the verdict and score, a table of the required elements missing or partial
    with their basis and what to write, the evidence of the partial ones, and the
    recommended elements still to add. Exit code 0 when every report passed, 1 otherwise."""
    from checker.audit.pool import AuditJob, audit_walk, default_jobs

    if jobs is not None and jobs < 1:
        raise UsageProblem(f"--jobs {jobs}: expected 1 or more")
    if output.exists() and not output.is_dir():
        raise UsageProblem(f"{output}: is a file; --output names a folder for the letters")
    walk = _find_submissions(reports, output)
    resolved = _resolve(config=config, preset=preset, rules=rules, packs=pack, fail_under=fail_under,
                        fail_on=fail_on, disable=disable, encoding=encoding,
                        max_bytes=max_bytes, max_chars=max_chars)
    context = _letter_context(resolved.packs, resolved.settings, template, day)
    try:     # fail before the reports are checked, not after
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageProblem(f"{output}: cannot create the output folder: {exc.strerror or exc}") from None
    workers = _workers(jobs, default_jobs())
    results = audit_walk(walk, AuditJob(resolved.packs, resolved.settings, workers), lambda n: None)
    _write_letters(results, context, output, workers)
    raise typer.Exit(ExitCode.OK if all(r.passed for r in results) else ExitCode.GATE_FAILED)


def _letters_into(reports, context, jobs: int):
    """What `audit --feedback` adds to the audit's folder: the letters in feedback/."""
    from checker.audit.feedback import write_feedback
    from checker.audit.outputs import FEEDBACK_FOLDER
    return lambda folder: write_feedback(reports, context, folder / FEEDBACK_FOLDER, jobs)


def _write_letters(reports, context, out: Path, jobs: int) -> None:
    from checker.audit.feedback import write_feedback
    try:
        written = write_feedback(reports, context, out, jobs)
    except OSError as exc:
        raise UsageProblem(f"{out}: cannot write: {exc.strerror or exc}") from None
    typer.echo(f"wrote {len(written) - 1} feedback letters and {_printable(str(written[0]))} "
               f"in {_printable(str(out))}")


@app.command()
def diff(
    old: Path = typer.Argument(..., help="The earlier report (last year's, or the previous draft)."),
    new: Path = typer.Argument(..., help="The later report."),
    format: str = typer.Option("text", "--format", "-f", help="Output format: text, json, markdown."),
    rules: list[str] | None = RulesOption,
    pack: list[str] | None = PackOption,
    disable: list[str] | None = typer.Option(None, "--disable", help="Switch this element off (repeatable)."),
    config: Path | None = ConfigOption,
    preset: str | None = PresetOption,
    encoding: str | None = EncodingOption,
    fail_on_loss: bool = typer.Option(False, "--fail-on-loss",
                                      help="Exit 1 when NEW lost an element OLD had."),
    lang: str | None = ReaderLangOption,
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks of internal errors."),
) -> None:
    """Compare two reports of one government: gained, lost, changed.

    Elements gained, lost and changed, with the evidence on each side, the period of each
    report and the score change; a warning when the two are of different governments or
    the older report comes second."""
    from checker.judge.compare import diff_reports
    from checker.render.diff_out import DIFF_RENDERERS, warning_lines
    from checker.render.words import words
    from checker.run import check_path

    if format not in DIFF_RENDERERS:
        raise UsageProblem(f"unknown format {format!r}; valid formats: {', '.join(DIFF_RENDERERS)}")
    resolved = _resolve(config=config, preset=preset, rules=rules, packs=pack, disable=disable,
                        encoding=encoding, lang=lang)
    packs, settings = resolved.packs, resolved.settings
    old_report, new_report = (check_path(str(p), packs, settings) for p in (old, new))
    for report in (old_report, new_report):
        if report.errors:
            error = report.errors[0]
            raise UsageProblem(f"{report.file}: {words(settings.lang).error(error.code, error.message)}")
    result = diff_reports(old_report, new_report)
    sys.stdout.write(DIFF_RENDERERS[format](result, words(settings.lang)))
    if format != "text":     # the text shows them; JSON and Markdown go to files and comments
        for warning in warning_lines(result, settings.lang):
            _err(f"fazhi: {words(settings.lang)('text.warning', text=warning)}")
    raise typer.Exit(ExitCode.GATE_FAILED if fail_on_loss and result.of("lost") else ExitCode.OK)


# --- the audit ledger ---------------------------------------------------------------------

LedgerFileOption = typer.Option(..., "--ledger", envvar="FAZHI_LEDGER",
                                help="The audit ledger (SQLite file; $FAZHI_LEDGER).")
LedgerFormatOption = typer.Option("text", "--format", "-f", help="text, json, csv or html.")
LedgerOutputOption = typer.Option(None, "--output", "-o", help="Write to this file (atomically).")
LangOption = typer.Option("zh", "--lang", help="Words of the text and HTML output: zh or en.")


def _words(lang: str):
    from checker.ledger.words import LANGUAGES, words
    if lang not in LANGUAGES:
        raise UsageProblem(f"--lang {lang!r}: expected one of {', '.join(LANGUAGES)}")
    return words(lang)


def _open_ledger(ledger: Path, bodies: Path | None = None):
    """The ledger, its body keys brought up to date with the mapping file."""
    from checker.ledger.bodies import default_map_path, load_body_map, relink
    from checker.ledger.store import open_ledger
    body_map = load_body_map(bodies or default_map_path(ledger))
    connection = open_ledger(ledger)
    relink(connection, body_map)
    return connection


def _ledger_format(fmt: str, allowed: tuple[str, ...]) -> str:
    if fmt not in allowed:
        raise UsageProblem(f"unknown format {fmt!r}; valid formats here: {', '.join(allowed)}")
    return fmt


@ledger_app.command("rounds")
def ledger_rounds(ledger: Path = LedgerFileOption) -> None:
    """The rounds recorded, with their submissions.

    In the order first audited; interrupted runs are counted."""
    from checker.ledger.queries import rounds
    connection = _open_ledger(ledger)
    found = rounds(connection)
    for item in found:
        interrupted = f", {item['interrupted']} interrupted" if item["interrupted"] else ""
        typer.echo(f"{_printable(item['round'])}  first audited {item['first_audited']}  "
                   f"{item['runs']} runs{interrupted}  {item['submissions']} submissions "
                   f"({item['current']} current)")
    if not found:
        typer.echo("no rounds recorded yet")


@ledger_app.command("bodies")
def ledger_bodies(ledger: Path = LedgerFileOption, bodies: Path | None = BodiesOption,
                  format: str = typer.Option("text", "--format", "-f", help="text, json or csv."),
                  output: Path | None = LedgerOutputOption, lang: str = LangOption) -> None:
    """The bodies recognised, and submissions not.

    Each body with the names it was read under, its rounds and files; then the submissions
    whose body could not be told (name them in the mapping file)."""
    from checker.ledger.queries import bodies as list_bodies
    from checker.ledger.views import bodies_view
    connection = _open_ledger(ledger, bodies)
    found = list_bodies(connection)
    _emit(bodies_view(found, _ledger_format(format, ("text", "json", "csv")), _words(lang)), output)


@ledger_app.command("history")
def ledger_history(body: str = typer.Argument(..., help="The body: its key (武昌区), a name it "
                                              "was read under, or a unique part of one."),
                   ledger: Path = LedgerFileOption, bodies: Path | None = BodiesOption,
                   format: str = LedgerFormatOption, output: Path | None = LedgerOutputOption,
                   lang: str = LangOption) -> None:
    """A body's submissions, round by round.

    Verdict, score, timeliness, each element's status (and an inspector's decision beside
    what fazhi found); superseded submissions too."""
    from checker.ledger.queries import history
    from checker.ledger.views import FORMATS, history_view
    connection = _open_ledger(ledger, bodies)
    _emit(history_view(history(connection, body), _ledger_format(format, FORMATS), _words(lang)), output)


@ledger_app.command("compare")
def ledger_compare(round_a: str = typer.Argument(..., help="The earlier round."),
                   round_b: str = typer.Argument(..., help="The later round."),
                   ledger: Path = LedgerFileOption, bodies: Path | None = BodiesOption,
                   format: str = LedgerFormatOption, output: Path | None = LedgerOutputOption,
                   lang: str = LangOption) -> None:
    """Two rounds compared, body by body.

    Per body: elements fixed, newly missing and still missing (a shortfall the body admitted
    in both rounds flagged), its trend; and the bodies that did not submit in ROUND_B."""
    from checker.ledger.queries import compare
    from checker.ledger.views import FORMATS, compare_view
    connection = _open_ledger(ledger, bodies)
    result = compare(connection, round_a, round_b)
    _emit(compare_view(result, _ledger_format(format, FORMATS), _words(lang)), output)


@ledger_app.command("decide")
def ledger_decide(report: str = typer.Argument(..., help="The report: its file, or the beginning "
                                               "of its sha256 as the ledger lists it."),
                  element: str = typer.Argument(..., help="The element (id, title, or a unique part)."),
                  status: str = typer.Option(..., "--status", help="met, partial or missing."),
                  reason: str = typer.Option(..., "--reason", help="Why: shown beside the decision."),
                  by: str = typer.Option(..., "--by", help="Who decides."),
                  ledger: Path = LedgerFileOption, rules: list[str] | None = RulesOption,
                  config: Path | None = ConfigOption) -> None:
    """Record an inspector's decision on an element.

    On one element of one report's content: it applies in every later check or audit run
    with this ledger until withdrawn."""
    from checker.ledger.decisions import decide, report_hash
    element_id = _known_element(element, _resolve(config=config, rules=rules).packs).id
    connection = _open_ledger(ledger)
    sha256, file = report_hash(connection, report)
    number = decide(connection, sha256, element_id, status, reason, by, file)
    typer.echo(f"decision #{number}: {element_id} is {status} in {_printable(file or sha256[:12])} "
               f"(sha256 {sha256[:12]}), by {_printable(by)}")


@ledger_app.command("decisions")
def ledger_decisions(ledger: Path = LedgerFileOption,
                     all_: bool = typer.Option(False, "--all", help="Withdrawn ones too."),
                     format: str = typer.Option("text", "--format", "-f", help="text, json or csv (to "
                                                "export)."),
                     output: Path | None = LedgerOutputOption, lang: str = LangOption) -> None:
    """List or export the inspectors' decisions.

    Those in force (with --all, withdrawn ones too); export them with --format csv or json
    and --output."""
    from checker.ledger.decisions import list_decisions
    from checker.ledger.views import decisions_view
    connection = _open_ledger(ledger)
    records = list_decisions(connection, include_withdrawn=all_)
    _emit(decisions_view(records, _ledger_format(format, ("text", "json", "csv")), _words(lang)), output)


@ledger_app.command("withdraw")
def ledger_withdraw(decision: int = typer.Argument(..., help="The decision's number (#)."),
                    by: str = typer.Option(..., "--by", help="Who withdraws it."),
                    reason: str = typer.Option("", "--reason", help="Why."),
                    ledger: Path = LedgerFileOption) -> None:
    """Withdraw a decision.

    fazhi's own finding stands again; the decision stays listed."""
    from checker.ledger.decisions import withdraw
    record = withdraw(_open_ledger(ledger), decision, by, reason)
    typer.echo(f"decision #{record.id} on {record.element} withdrawn by {_printable(by)}")


def main() -> None:
    """Entry point: maps every failure to its documented exit code, never a traceback
    (unless --debug)."""
    debug = "--debug" in sys.argv
    try:
        # without standalone mode click returns a command's exit code instead of exiting
        code = _app_for(sys.argv[1:])(standalone_mode=False)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except SystemExit:
        raise
    except BaseException as exc:  # the one place every error ends up
        sys.exit(_report_failure(exc, debug))
    sys.exit(code if isinstance(code, int) else ExitCode.OK)


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command the command line names, when it names one first:
    typer makes a click command of every command (reading each one's signature and
    options) before it runs one, ~5 ms of a cold `fazhi check`. The command runs, parses
    and explains itself (its --help, its usage errors) the same either way; the list of
    every command and a mistyped name get the whole app."""
    name = args[0] if args else None
    commands = [c for c in app.registered_commands
                if (c.name or typer.main.get_command_name(getattr(c.callback, "__name__", ""))) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    named = copy.copy(app)
    named.registered_commands, named.registered_groups = commands, groups
    return named


def _is_click_usage_error(exc: BaseException) -> bool:
    """click's own errors (bad option, missing argument). Recognised by shape, because
    typer vendors click from 0.26 on and the `click` package may not be installed."""
    return callable(getattr(exc, "show", None)) and hasattr(exc, "exit_code")


def _ledger_errors() -> tuple[type[Exception], ...]:
    from checker.ledger.bodies import BodyMapError
    from checker.ledger.decisions import DecisionError
    from checker.ledger.queries import UnknownName
    from checker.ledger.store import LedgerError
    return (LedgerError, BodyMapError, DecisionError, UnknownName)


def _report_failure(exc: BaseException, debug: bool) -> int:
    from checker.config.files import ConfigError
    from checker.packs.load import PackError
    from checker.render import UnknownFormat

    if isinstance(exc, (typer.Abort, KeyboardInterrupt)):
        _err("fazhi: interrupted")
        return 130
    if _is_click_usage_error(exc):
        exc.show()  # type: ignore[attr-defined]  # click's error, recognised by its shape
        return ExitCode.BAD_INPUT
    if isinstance(exc, PackError):
        for problem in exc.problems:
            _err(str(problem))
        return ExitCode.BAD_INPUT
    if isinstance(exc, _ledger_errors()):
        typer.echo(f"fazhi: {_printable(str(exc))}", err=True)
        return ExitCode.BAD_INPUT
    if isinstance(exc, (UsageProblem, UnknownFormat)):
        _err(f"fazhi: {exc}")
        return ExitCode.BAD_INPUT
    if isinstance(exc, ConfigError):
        _err(str(exc))
        return ExitCode.BAD_INPUT
    if debug:
        import traceback
        traceback.print_exception(exc)
    _err(f"fazhi: internal error: {type(exc).__name__}: {exc} (run with --debug for details)")
    return ExitCode.INTERNAL
