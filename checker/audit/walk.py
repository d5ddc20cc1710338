"""Find the report files under the folders an inspector hands us.

The walk never follows a symlinked folder and remembers every folder it has entered by
(device, inode), so a symlink loop or a bind mount seen twice cannot make it run forever.
A folder it cannot list is recorded as a problem and the walk carries on. Files come back
sorted, so two runs over the same folders see the same order.

Not reports, though named like them: Office's lock files (~$报告.docx, left while a file is
open in Word or WPS), macOS resource forks (._报告.docx, left on USB sticks) and anything
hidden (.git, .Trash). A file named on the command line is always taken.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

FALLBACK_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
NOT_REPORTS = ("~$", ".")   # name prefixes: Office lock files; hidden files and folders (._x too)


def supported_suffixes() -> tuple[str, ...]:
    """Every suffix a report may come as: what the readers read, and the documents they
    refuse with what to do (.ofd, an archive), so that no submission is passed over."""
    try:
        from checker.readers import DOCUMENT_SUFFIXES
    except ImportError:
        return FALLBACK_SUFFIXES
    return tuple(DOCUMENT_SUFFIXES)


@dataclass(frozen=True)
class WalkProblem:
    path: str
    code: str                 # unreadable-folder | not-found | not-a-file
    message: str


@dataclass
class WalkResult:
    files: list[str] = field(default_factory=list)
    problems: list[WalkProblem] = field(default_factory=list)


def find_reports(roots: list[str], suffixes: tuple[str, ...] | None = None,
                 skip_folders: tuple[str, ...] = ()) -> WalkResult:
    """Every supported file under `roots` (a root may also be a single file), outside
    `skip_folders` (the audit's own output folder)."""
    wanted = tuple(s.lower() for s in (suffixes or supported_suffixes()))
    result, seen = WalkResult(), set[tuple[int, int]]()
    for folder in skip_folders:
        try:
            info = os.stat(folder)
            seen.add((info.st_dev, info.st_ino))    # as if already walked
        except OSError:
            pass
    for root in roots:
        if os.path.isfile(root):
            result.files.append(root)
        elif os.path.isdir(root):
            _walk(root, wanted, seen, result)
        else:
            result.problems.append(WalkProblem(root, "not-found", "no such file or folder"))
    result.files = sorted(set(result.files))
    result.problems.sort(key=lambda p: p.path)
    return result


def _walk(root: str, wanted: tuple[str, ...], seen: set[tuple[int, int]], result: WalkResult) -> None:
    """Depth-first with an explicit stack: a deeply nested tree cannot exhaust recursion."""
    pending = [root]
    while pending:
        for entry in _list_folder(pending.pop(), seen, result):
            if entry.name.startswith(NOT_REPORTS):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif Path(entry.name).suffix.lower() in wanted:
                    if entry.is_file():
                        result.files.append(entry.path)
                    else:   # named like a report: accounted for, never silently left out
                        result.problems.append(WalkProblem(entry.path, "not-a-file", _not_a_file(entry)))
            except OSError as exc:  # an entry vanished or cannot be examined: note it, go on
                result.problems.append(WalkProblem(entry.path, "unreadable-folder", _reason(exc)))


def _list_folder(folder: str, seen: set[tuple[int, int]], result: WalkResult) -> list[os.DirEntry]:
    try:
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in seen:
            return []
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        result.problems.append(WalkProblem(folder, "unreadable-folder", _reason(exc)))
        return []


def _not_a_file(entry: os.DirEntry) -> str:
    if entry.is_symlink() and not os.path.exists(entry.path):
        return "a symbolic link to nothing (its target is missing)"
    return "not a regular file (a pipe, a device or a socket), so not read"


def _reason(exc: OSError) -> str:
    return f"cannot read folder: {exc.strerror or exc}"
