#!/usr/bin/env python3
"""Benchmark the bounds on one hostile or huge input (issue 12, done-when item 2).

    python ci/bench_limits.py [--runs R] [--only txt,html] [--keep DIR]

Builds inputs of about 1 MB in every format (.txt, .docx, .pdf, .html), in realistic and
hostile shapes: many short paragraphs, one huge paragraph, one huge sentence, tables, deep
nesting, many tags or runs, a PDF content stream of many text operators; plus one input just
past each documented limit (lines, characters, blocks, PDF operators), which must be refused
at once. The text is real report sentences recombined, every sentence distinct
(ci/bench_corpus.py), so no cache flatters a run. Each input is checked `--runs` times by a
fresh `fazhi check --format json` process; a row shows the median wall and CPU seconds
(user + system, from os.wait4) with their range and the largest peak RSS, next to the bounds:
under 2 s and 300 MB per input, or refused with a reason (exit 2, one line naming the file).

The machine may be shared (CI runners, other jobs): wall time then includes waiting for a
CPU, so a row is judged on CPU seconds and peak RSS; wall seconds are shown beside them.

Last, an audit over a folder of every input that was accepted (within the limits) plus
realistic reports in all four formats, with 2 workers: the largest worker's peak RSS
(RUSAGE_CHILDREN of the process running the audit) against 150 MB.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "ci"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_corpus import Corpus  # noqa: E402
from pdfwriter import write_text_pdf  # noqa: E402

SECONDS_BOUND, CHECK_MB_BOUND, WORKER_MB_BOUND = 2.0, 300, 150
MB = 1024 * 1024
TITLE = "某某县人民政府关于2024年度法治政府建设情况的报告"
SENTENCE_END = re.compile("[。；！？]")


def fazhi_command() -> list[str]:
    script = shutil.which("fazhi")
    return [script] if script else [sys.executable, "-m", "checker"]


# --- text --------------------------------------------------------------------------------

class Text:
    """Body lines of recombined real reports, without the page noise the corpus adds (a
    noise line is blanked before matching, so a huge line holding one would cost nothing)."""

    def __init__(self) -> None:
        from checker.language.load import load_language
        language = load_language()
        self.noise = [*language.noise_lines, *language.footer_lines]
        self.corpus = Corpus(seed=12)

    def lines(self, chars: int) -> list[str]:
        out: list[str] = []
        total = 0
        for report in self.corpus.reports(10**12):
            for line in report.split("\n")[1:]:
                if line.strip() and not line.startswith(("— ", "上一篇", "主办单位")) \
                        and not any(p.search(line) for p in self.noise):
                    out.append(line)
                    total += len(line)
                    if total >= chars:
                        return out
        return out

    def report(self, chars: int) -> str:
        return "\n".join([TITLE, *self.lines(chars)]) + "\n"

    def one_paragraph(self, chars: int) -> list[str]:
        """A title, the whole body as one line, and a few short lines after it (so the
        huge line is not the page's last half, where a footer is looked for)."""
        return [TITLE, "".join(self.lines(chars)), *["一、主要举措。"] * 10]

    def one_sentence(self, chars: int) -> list[str]:
        lines = self.one_paragraph(chars)
        return [lines[0], SENTENCE_END.sub("，", lines[1]), *lines[2:]]


# --- formats -----------------------------------------------------------------------------

def write_txt(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_docx(path: Path, lines: list[str], *, runs_per_char: bool = False) -> Path:
    import docx
    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        if runs_per_char:     # what some exporters write: a run (w:r) per character
            for ch in line:
                paragraph.add_run(ch)
        else:
            paragraph.add_run(line)
    document.save(str(path))
    return path


def write_docx_table(path: Path, lines: list[str], columns: int = 4) -> Path:
    import docx
    document = docx.Document()
    document.add_paragraph(lines[0])
    cells = [piece for line in lines[1:] for piece in _clauses(line)]
    rows = -(-len(cells) // columns)
    table = document.add_table(rows=rows, cols=columns)
    # table.cell(r, c) rebuilds the list of cells each time: quadratic
    for cell, text in zip(table._cells, cells, strict=False):
        cell.text = text
    document.save(str(path))
    return path


def _clauses(line: str) -> list[str]:
    return [c for c in re.split("(?<=[，。；])", line) if c]


def write_html(path: Path, body: str, title: str = TITLE) -> Path:
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><div class='content'>{body}</div></body></html>")
    path.write_text(page, encoding="utf-8")
    return path


def write_pdf_with_libreoffice(path: Path, lines: list[str]) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as work:
        source = write_txt(Path(work) / f"{path.stem}.txt", lines)
        subprocess.run([soffice, "--headless", "--infilter=Text (encoded):UTF8,LF,,,",
                        "--convert-to", "pdf:writer_pdf_Export", "--outdir", work, str(source)],
                       check=True, capture_output=True, env={"HOME": work, "PATH": "/usr/bin:/bin"})
        shutil.copy(Path(work) / f"{path.stem}.pdf", path)
    return path


def text_operators(words: int) -> bytes:
    """A page content stream of 2 * `words` + 4 operators: each word moved, then shown."""
    shown = b"".join(b"%d %d Td (words) Tj\n" % (i % 7, -(i % 5)) for i in range(words))
    return b"BT /F1 10 Tf 50 800 Td\n" + shown + b"ET\n"


# --- the inputs --------------------------------------------------------------------------

@dataclass
class Case:
    fmt: str
    shape: str
    make: Callable[[Path], Path | None]
    expect: str = "checked"      # checked | refused


def cases(text: Text) -> list[Case]:
    """Inputs of up to about 1 MB at the limits (what fits in 1 MB of a format, or the most
    text the limits let in), and inputs just past each limit."""
    from checker.readers.limits import LIMITS
    full = LIMITS.chars - 2000         # characters: as much text as the limits let in
    page_words = (LIMITS.pdf_page_operators - 200 - 4) // 2
    pages = LIMITS.pdf_operators // (LIMITS.pdf_page_operators - 200) + 1
    def numbered(n: int, end: str = "。\n") -> str:
        return "".join(f"第{i}项{end}" for i in range(n)).rstrip("\n")
    def paragraphs(lines: list[str]) -> str:
        return "".join(f"<p>{line}</p>" for line in lines)
    def cells(lines: list[str]) -> str:
        return "".join(f"<tr><td>{c}</td></tr>" for line in lines for c in _clauses(line))
    def spans(lines: list[str]) -> str:
        return "".join("<p>" + "".join(f"<span>{ch}</span>" for ch in line) + "</p>" for line in lines)
    return [
        Case("txt", "many short paragraphs", lambda p: write_txt(p, text.report(full).split("\n"))),
        Case("txt", "one huge paragraph", lambda p: write_txt(p, text.one_paragraph(full))),
        Case("txt", "one huge sentence", lambda p: write_txt(p, text.one_sentence(full))),
        # the title and the end of the last line count as lines too
        Case("txt", f"{LIMITS.lines:,} lines", lambda p: write_txt(
            p, [TITLE, *numbered(LIMITS.lines - 2).split("\n")])),
        Case("txt", f"{LIMITS.sentences:,} sentences on one line", lambda p: write_txt(
            p, [TITLE, numbered(LIMITS.sentences - 1, "。")])),
        Case("txt", f"{LIMITS.lines + 1:,} short lines", lambda p: write_txt(
            p, numbered(LIMITS.lines + 1).split("\n")), "refused"),
        Case("txt", f"{LIMITS.sentences + 1:,} sentences on one line", lambda p: write_txt(
            p, [TITLE, numbered(LIMITS.sentences + 1, "。")]), "refused"),
        Case("txt", "1 MB of paragraphs", lambda p: write_txt(p, text.report(MB // 3).split("\n")),
             "refused"),
        Case("txt", "one 18 MB line", lambda p: write_txt(
            p, [TITLE, SENTENCE_END.sub("，", "".join(text.lines(full))) * 44]), "refused"),
        Case("docx", "many short paragraphs", lambda p: write_docx(p, text.report(full).split("\n"))),
        Case("docx", "one huge paragraph", lambda p: write_docx(p, text.one_paragraph(full))),
        Case("docx", "a run per character", lambda p: write_docx(
            p, text.report(full // 3).split("\n"), runs_per_char=True)),
        Case("docx", "one table of clauses", lambda p: write_docx_table(p, text.report(full).split("\n"))),
        Case("docx", "1 MB of paragraphs", lambda p: write_docx(p, text.report(MB * 4 // 3).split("\n")),
             "refused"),
        Case("docx", f"{LIMITS.lines + 1:,} paragraphs", lambda p: write_docx(
            p, numbered(LIMITS.lines + 1).split("\n")), "refused"),
        Case("pdf", "report typeset by LibreOffice (57 pages)",
             lambda p: write_pdf_with_libreoffice(p, text.report(110_000).split("\n"))),
        Case("pdf", "report typeset by LibreOffice (17 pages)",
             lambda p: write_pdf_with_libreoffice(p, text.report(35_000).split("\n"))),
        Case("pdf", f"a page of {LIMITS.pdf_page_operators - 200:,} operators",
             lambda p: write_text_pdf(p, [text_operators(page_words)])),
        Case("pdf", "600,000 text operators on a page (17 KB)",
             lambda p: write_text_pdf(p, [text_operators(300_000)]), "refused"),
        Case("pdf", f"{pages} pages of {LIMITS.pdf_page_operators - 200:,} operators",
             lambda p: write_text_pdf(p, [text_operators(page_words)] * pages), "refused"),
        Case("html", "many short paragraphs", lambda p: write_html(p, paragraphs(text.lines(full)))),
        Case("html", "1 MB of paragraphs", lambda p: write_html(p, paragraphs(text.lines(MB // 3))),
             "refused"),
        Case("html", "one huge paragraph", lambda p: write_html(p, f"<p>{text.one_paragraph(full)[1]}</p>")),
        Case("html", "a table of clauses", lambda p: write_html(p, "<table>" + cells(text.lines(full // 2))
                                                               + "</table>")),
        Case("html", "20,000 unclosed divs", lambda p: write_html(
            p, "<div>" * 20_000 + paragraphs(text.lines(full)))),
        Case("html", "a span per character", lambda p: write_html(
            p, spans(text.lines(LIMITS.html_tags * 9 // 10)))),
        Case("html", f"{LIMITS.lines - 1:,} blocks", lambda p: write_html(
            p, paragraphs(numbered(LIMITS.lines - 1).split("\n")))),      # and the title
        Case("html", f"{LIMITS.html_tags + 1:,} tags", lambda p: write_html(
            p, paragraphs(numbered(LIMITS.html_tags + 1).split("\n"))), "refused"),
        Case("html", f"{LIMITS.lines + 1:,} lines of <br>", lambda p: write_html(
            p, numbered(LIMITS.lines + 1).replace("\n", "<br>")), "refused"),
    ]


# --- measuring ---------------------------------------------------------------------------

@dataclass
class Run:
    wall: float
    cpu: float
    rss_mb: float
    code: int
    stderr: str


TIME = Path("/usr/bin/time")


def run_once(command: list[str]) -> Run:
    """One fresh process. Its peak RSS is measured through /usr/bin/time when there is one:
    Linux counts the peak of the process that forked a child in the child's own (across
    exec), so a child of this process, grown by building the inputs, would inherit it."""
    if not TIME.exists():
        return _waited(command)
    with tempfile.TemporaryDirectory() as work:
        figures = Path(work) / "time"
        run = subprocess.run([str(TIME), "-o", str(figures), "-f", "%e %U %S %M", *command],
                             capture_output=True, text=True, encoding="utf-8", errors="replace")
        wall, user, system, kib = figures.read_text().split("\n")[-2].split()
    return Run(float(wall), float(user) + float(system), int(kib) / 1024, run.returncode, run.stderr)


def _waited(command: list[str]) -> Run:
    """The child's figures from os.wait4 (its peak RSS may include this process's)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
               os.waitstatus_to_exitcode(status), stderr)


def verdict(case: Case, runs: list[Run], path: Path) -> str:
    cpu, rss = statistics.median(r.cpu for r in runs), max(r.rss_mb for r in runs)
    within = cpu < SECONDS_BOUND and rss < CHECK_MB_BOUND
    last = runs[-1]
    if case.expect == "refused":
        one_line = last.code == 2 and len(last.stderr.strip().splitlines()) == 1 and path.name in last.stderr
        return "PASS" if within and one_line else "MISS"
    refused_fast = last.code == 2 and len(last.stderr.strip().splitlines()) == 1
    return "PASS" if within and (last.code in (0, 1) or refused_fast) else "MISS"


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):5.2f} ({min(values):.2f}–{max(values):.2f})"


def measure_cases(folder: Path, runs: int, only: set[str] | None) -> tuple[list[Path], int]:
    text = Text()
    command = fazhi_command()
    subprocess.run([*command, "check", str(ROOT / "seeds" / "001_04b6fb7adc03cf2d.txt")],
                   capture_output=True)     # the cached dictionary built before any timed run
    print(f"{'format':6} {'shape':36} {'size':>9}  {'wall s':>17}  {'CPU s':>17}  {'peak MB':>7}"
          f"  {'outcome':24} bounds {SECONDS_BOUND:g} s CPU / {CHECK_MB_BOUND} MB")
    accepted, misses = [], 0
    for number, case in enumerate(cases(text)):
        if only and case.fmt not in only:
            continue
        path = case.make(folder / f"{number:02d}-{re.sub(r'[^a-z0-9]+', '-', case.shape)}.{case.fmt}")
        if path is None:
            print(f"{case.fmt:6} {case.shape:36} skipped (no LibreOffice)")
            continue
        measured = [run_once([*command, "check", "--format", "json", str(path)]) for _ in range(runs)]
        result = verdict(case, measured, path)
        misses += result == "MISS"
        last = measured[-1]
        outcome = f"exit {last.code}" + (f": {_reason(last.stderr)}" if last.code == 2 else "")
        print(f"{case.fmt:6} {case.shape:36} {path.stat().st_size / MB:7.2f}MB  "
              f"{spread([r.wall for r in measured])}  {spread([r.cpu for r in measured])}  "
              f"{max(r.rss_mb for r in measured):7.0f}  {outcome[:60]:24} {result}", flush=True)
        if last.code in (0, 1):
            accepted.append(path)
    return accepted, misses


def _reason(stderr: str) -> str:
    line = stderr.strip().splitlines()[0] if stderr.strip() else ""
    return line.split(": ", 2)[-1]


# --- the audit ---------------------------------------------------------------------------

def realistic_reports(folder: Path, count: int) -> None:
    """`count` ordinary reports (in .txt), and one each in .docx, .html and .pdf."""
    corpus = Corpus(seed=1212)
    for number in range(count):
        text = corpus.report(corpus.sources[number % len(corpus.sources)])
        (folder / f"report-{number:03d}.txt").write_text(text, encoding="utf-8")
    lines = corpus.report(corpus.sources[0]).split("\n")
    write_docx(folder / "report-docx.docx", lines)
    write_html(folder / "report-html.html", "".join(f"<p>{line}</p>" for line in lines))
    write_pdf_with_libreoffice(folder / "report-pdf.pdf", lines)


def audit_child(folder: str, out: str) -> None:
    """`fazhi audit` run in this process, so its workers are this process's children:
    RUSAGE_CHILDREN then holds the largest worker's peak."""
    import resource

    from checker.cli import main
    sys.argv = ["fazhi", "audit", folder, "--out", out, "--jobs", "2"]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        main()
    results = json.loads((Path(out) / "results.json").read_text(encoding="utf-8"))
    reports = results["reports"] if isinstance(results, dict) else results
    print(json.dumps({"worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                      "reports": len(reports),
                      "errors": [r["file"] for r in reports if r.get("errors")]}))


def measure_audit(folder: Path, accepted: list[Path]) -> int:
    audited = folder / "audited"
    audited.mkdir()
    for path in accepted:
        shutil.copy(path, audited / path.name)
    realistic_reports(audited, 30)
    count = len(list(audited.iterdir()))
    started = time.perf_counter()
    run = subprocess.run([sys.executable, __file__, "--audit-child", str(audited), str(folder / "out")],
                         capture_output=True, text=True, encoding="utf-8")
    if run.returncode != 0:
        print(f"audit failed: {run.stderr.strip()}")
        return 1
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    within = figures["worker_mb"] < WORKER_MB_BOUND and not figures["errors"]
    print(f"\naudit of {count} reports within the limits ({len(accepted)} of them the inputs above), "
          f"2 workers, {time.perf_counter() - started:.1f} s: largest worker's peak "
          f"{figures['worker_mb']:.0f} MB (bound {WORKER_MB_BOUND} MB), {figures['reports']} results, "
          f"{len(figures['errors'])} with errors {figures['errors'][:3]}  {'PASS' if within else 'MISS'}")
    return 0 if within else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per input (median)")
    parser.add_argument("--only", help="formats to measure, comma-separated (txt,docx,pdf,html)")
    parser.add_argument("--keep", type=Path, help="build the inputs here and keep them")
    parser.add_argument("--no-audit", action="store_true", help="skip the audit")
    parser.add_argument("--audit-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.audit_child:
        audit_child(*args.audit_child)
        return 0
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (a shared machine: rows are "
          f"judged on CPU seconds; wall seconds include waiting for a CPU)\n")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        accepted, misses = measure_cases(folder, args.runs, set(args.only.split(",")) if args.only else None)
        if not args.no_audit:
            misses += measure_audit(folder, accepted)
    print(f"\n{'all within the bounds' if not misses else f'{misses} MISS'}")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
