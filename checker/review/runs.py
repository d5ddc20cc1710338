"""The runs (w:r) of a .docx paragraph that hold a span of its text, split where the span
begins or ends inside a run, so a comment covers exactly the sentence. A split run keeps
its formatting (both halves carry the same w:rPr), so the document looks the same.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml.ns import qn

from checker.readers.word import piece_text, text_pieces

_R, _RPR, _TXBX = qn("w:r"), qn("w:rPr"), qn("w:txbxContent")
_T = qn("w:t")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def anchor_runs(p, start: int, end: int) -> tuple[object, object] | None:
    """The first and last w:r of the text [start, end) of paragraph `p` (offsets in its
    text as read, `paragraph_text`), splitting runs at the ends; None when no run holds
    any of it. A paragraph in a text box, where Word allows no comment, is anchored on the
    run holding the text box."""
    host = _text_box_host(p)
    if host is not None:
        return host, host
    spans = _run_spans(p)
    inside = [s for s in spans if s[1] < end and s[2] > start]
    if not inside:
        return None
    first, first_start, _ = inside[0]
    if first_start < start:
        first = split_run(first, start - first_start)
        if len(inside) == 1:   # the same run holds the end: it now starts at `start`
            inside[0] = (first, start, inside[0][2])
    last, last_start, last_end = inside[-1]
    if last_end > end:
        split_run(last, end - last_start)
    return first, last


def _run_spans(p) -> list[tuple[Any, int, int]]:
    """(run, start, end) of every run that holds text, in the paragraph's order."""
    spans: list[tuple[Any, int, int]] = []
    at = 0
    for node, text in text_pieces(p):
        run = node if node.tag == _R else _run_of(node)
        if text and run is not None:
            if spans and spans[-1][0] is run and spans[-1][2] == at:
                spans[-1] = (run, spans[-1][1], at + len(text))
            else:
                spans.append((run, at, at + len(text)))
        at += len(text)
    return spans


def _run_of(node):
    parent = node.getparent()
    return parent if parent is not None and parent.tag == _R else None


def _text_box_host(p):
    for ancestor in p.iterancestors():
        if ancestor.tag == _TXBX:
            return next((a for a in ancestor.iterancestors() if a.tag == _R), None)
    return None


def split_run(run, at: int):
    """Split `run` before its character `at`; returns the new run holding the rest."""
    rest = copy.deepcopy(run)
    _keep(run, 0, at)
    _keep(rest, at, None)
    run.addnext(rest)
    return rest


def _keep(run, start: int, end: int | None) -> None:
    """Keep only the run's content from character `start` to `end` (None: to its end).
    Content without text (a field mark, a drawing) stays with the half it comes before."""
    at = 0
    for child in list(run):
        if child.tag == _RPR:
            continue
        text = piece_text(child)
        length = len(text) if text is not None else 0
        if length == 0:
            keep = at >= start and (end is None or at < end)
        else:
            keep = at + length > start and (end is None or at < end)
            if keep and child.tag == _T and (at < start or (end is not None and at + length > end)):
                _trim(child, max(0, start - at), None if end is None else end - at)
        if not keep:
            run.remove(child)
        at += length


def _trim(t, start: int, end: int | None) -> None:
    t.text = (t.text or "")[start:end]
    t.set(_SPACE, "preserve")
