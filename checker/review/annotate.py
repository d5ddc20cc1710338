"""`fazhi annotate`: a copy of a report with the review comments (批注) of `notes`.

A .docx is opened as it is and only gains comments (its runs are split where a sentence
begins or ends inside one; both halves keep its formatting). Any other format becomes a
plain .docx of its lines (`plaindoc`). The original is never written to: the copy is
built in memory and written atomically to the output.
"""

from __future__ import annotations

import io

from docx.text.run import Run

from checker.readers.source import SourceText
from checker.render.verdict import title_line
from checker.review.notes import Note
from checker.review.plaindoc import plain_document, xml_safe
from checker.review.runs import anchor_runs
from checker.review.template import Template


def annotated_docx(source: SourceText, opened: tuple | None, info, notes: list[Note],
                   words: Template) -> bytes:
    """The annotated copy as .docx bytes. `opened` is, for a .docx input, the python-docx
    Document it was read from and its DocxLines (checker.readers.open_docx_report)."""
    if opened is not None:
        document, walked = opened
        paragraphs = walked.paragraphs
    else:
        document, elements = plain_document(source, info, title_line(info))
        paragraphs = [(p, 0) for p in elements]
    for note in notes:
        _comment(document, paragraphs, note, words)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _comment(document, paragraphs, note: Note, words: Template) -> None:
    if not 0 <= note.line < len(paragraphs) or paragraphs[note.line][0] is None:
        return     # a blank line (the title of an empty file): nothing to hold the comment
    p, offset = paragraphs[note.line]
    runs = anchor_runs(p, offset + note.start, offset + max(note.end, note.start + 1))
    if runs is None:
        return
    first, last = (Run(r, document) for r in runs)  # type: ignore[arg-type]  # parent: the part's owner
    document.add_comment([first, last], text=xml_safe(note.text), author=str(words.raw("author")),
                         initials=str(words.raw("initials")))
