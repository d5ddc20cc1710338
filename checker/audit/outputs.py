"""The files an audit leaves for the inspector: summary.csv, results.json, report.html.

Each is written to a temporary file beside its final name and renamed over it, so a reader
(or a second audit) never sees half a file. results.json is streamed one report at a time:
a thousand reports turned into one dict would cost a few hundred MB at the moment of writing.
"""

from __future__ import annotations

import json
import os
import tempfile
import textwrap
from collections.abc import Iterable
from pathlib import Path

from checker.judge.results import ReportResult
from checker.render.json_out import RESULT_SCHEMA_ID, report_to_dict, results_to_dict

RENDERED_FILES = {"summary.csv": "csv", "report.html": "html"}


def write_outputs(reports: list[ReportResult], out_dir: Path) -> list[Path]:
    """summary.csv, results.json and report.html in `out_dir`, each written atomically."""
    from checker.render import RenderOptions, renderer
    from checker.run import role_names
    out_dir.mkdir(parents=True, exist_ok=True)
    _write_streamed(out_dir / "results.json", results_json_pieces(reports))
    for name, format_name in RENDERED_FILES.items():
        options = RenderOptions(role_names=role_names())
        _write_streamed(out_dir / name, [renderer(format_name)(reports, options)])
    written = [out_dir / "summary.csv", out_dir / "results.json", out_dir / "report.html"]
    for path in written:
        _shareable(path)
    return written


def results_json_pieces(reports: list[ReportResult]) -> Iterable[str]:
    """The same bytes as `--format json`, one report at a time."""
    if not reports:
        yield json.dumps(results_to_dict([]), ensure_ascii=False, indent=2) + "\n"
        return
    yield f'{{\n  "schema": {json.dumps(RESULT_SCHEMA_ID)},\n  "reports": [\n'
    for number, report in enumerate(reports):
        text = json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)
        yield ("" if number == 0 else ",\n") + textwrap.indent(text, "    ")
    yield "\n  ]\n}\n"


def _write_streamed(path: Path, pieces: Iterable[str]) -> None:
    """Like cache.write_atomically, from pieces: a temporary file beside `path`, renamed
    over it at the end, so a reader never sees half an output."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.writelines(pieces)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def _shareable(path: Path) -> None:
    """The atomic write leaves a private (0600) file; an audit is meant to be passed on, so
    give it the permissions any new file would get under the user's umask."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)
