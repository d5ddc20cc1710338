"""The dates a .docx or PDF records about itself: when it was made and last saved.

They say when a file was produced, not when the report was published, so timeliness
treats them as weak evidence (checker.understand.published). A damaged or missing property
is simply not there: it never makes a report unreadable.
"""

from __future__ import annotations

import io
import re

PDF_DATE = re.compile(rb"^(?:D:)?(\d{4})(\d{2})(\d{2})")


def docx_dates(document) -> dict[str, str]:
    """created / modified from a python-docx Document's core properties."""
    found = {}
    try:
        props = document.core_properties
        for key, value in (("created", props.created), ("modified", props.modified)):
            if value is not None:
                found[key] = value.date().isoformat()
    except Exception:  # a malformed docProps/core.xml: no dates, the text still counts
        return {}
    return found


def pdf_dates(raw: bytes) -> dict[str, str]:
    """created / modified from a PDF's document information (CreationDate, ModDate)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser
    try:
        infos = PDFDocument(PDFParser(io.BytesIO(raw))).info
    except Exception:  # encrypted or damaged: the text reader says so, if it matters
        return {}
    found = {}
    for info in infos:
        for key, name in (("created", "CreationDate"), ("modified", "ModDate")):
            value = _resolved(info.get(name))
            match = PDF_DATE.match(value) if isinstance(value, bytes) else None
            if match and key not in found:
                year, month, day = match.groups()
                found[key] = f"{year.decode()}-{month.decode()}-{day.decode()}"
    return found


def _resolved(value):
    from pdfminer.pdftypes import resolve1
    try:
        return resolve1(value)
    except Exception:
        return None
