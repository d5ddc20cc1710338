"""Word-processor formats fazhi does not parse itself (.doc, .wps, .wpt, .rtf, .odt, …),
read through LibreOffice.

LibreOffice converts the file to .docx in a temporary folder (`soffice --headless
--convert-to docx`), and the .docx reader reads that, so the evidence keeps its paragraph
and table-cell locations, which are the same paragraphs as in the original. Each conversion
gets its own LibreOffice profile folder: two worker processes converting at once would
otherwise fight over one profile's lock and one of them would silently convert nothing.
The original is copied into the temporary folder first, so LibreOffice's lock file
(.~lock.report.doc#) never lands beside the submission.

Without LibreOffice the file is refused with what to do, never dropped.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import unicodedata
from pathlib import Path

from checker.readers.limits import LIMITS, ReadingLimits
from checker.readers.source import ReportReadError, SourceText

# .wps/.wpt: WPS Office's own text format (a Word 97-style compound file); .dot/.dotx/.docm:
# Word templates and macro documents, whose text LibreOffice reads as it reads a .doc.
LIBREOFFICE_SUFFIXES = (".doc", ".dot", ".wps", ".wpt", ".rtf", ".odt", ".docm", ".dotx")
CONVERT_SECONDS = 120          # a 20 MB .doc converts in well under a minute
SOFFICE_ENV = "FAZHI_SOFFICE"  # the LibreOffice program to use, when not `soffice` on PATH
INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; "
                "Windows: libreoffice.org) and audit again, or open it in Word or WPS and save "
                "it as .docx")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # Word 97-2003, WPS, Works: a compound file
_ZIP = b"PK\x03\x04"                          # .odt, or a .docx saved under an old name
_RTF = b"{\\rtf"
# Saved by Word or a web system as "a .doc" that is really a web page or Word 2003 XML
_MARKUP = (b"<", b"mime-version:")
# LibreOffice imports any bytes it does not recognise as plain text; a "report" in which
# this share of characters is private-use, unassigned or control is that, not a document.
_MAX_JUNK_SHARE = 0.05


def read_legacy(path: str, raw: bytes, limits: ReadingLimits = LIMITS) -> SourceText:
    """The report as the .docx reader sees LibreOffice's conversion of it."""
    from checker.readers.word import read_docx
    suffix = Path(path).suffix.lower()
    _refuse_unknown_content(path, raw, suffix)
    converted = convert_to_docx(path, raw, suffix)
    source = read_docx(path, converted, limits)
    _refuse_junk(path, source, suffix)
    return SourceText(path=path, format=suffix.lstrip("."), lines=source.lines,
                      locations=source.locations, heading_levels=source.heading_levels)


def soffice_program() -> str | None:
    """LibreOffice's command-line program, or None when it is not installed."""
    named = os.environ.get(SOFFICE_ENV)
    if named is not None:
        return shutil.which(named) if named else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(path: str, raw: bytes, suffix: str) -> bytes:
    """The .docx LibreOffice makes of these bytes, converted within CONVERT_SECONDS."""
    program = soffice_program()
    if program is None:
        raise ReportReadError(path, "needs-libreoffice",
                              f"{suffix} files are read through LibreOffice, which is not "
                              f"installed here: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="fazhi-convert-") as work:
        folder = Path(work)
        source = folder / f"report{suffix}"
        source.write_bytes(raw)
        problem = _run_soffice(path, program, folder, source)
        converted = folder / "out" / "report.docx"
        if not converted.is_file():
            raise ReportReadError(path, "conversion-failed",
                                  f"LibreOffice could not convert this {suffix} file"
                                  f"{': ' + problem if problem else ''}; open it in Word or WPS "
                                  "and save it as .docx")
        return converted.read_bytes()


def _run_soffice(path: str, program: str, folder: Path, source: Path) -> str:
    """Run one conversion in its own process group (soffice starts soffice.bin, which a
    timeout must end too); returns the last line LibreOffice printed on stderr."""
    command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
               "--norestore", "--nologo", "--convert-to", "docx:MS Word 2007 XML",
               "--outdir", str(folder / "out"), str(source)]
    # HOME in the temporary folder too: nothing LibreOffice writes reaches the user's home
    env = {**os.environ, "HOME": str(folder)}
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env, start_new_session=True)
    try:
        _, stderr = process.communicate(timeout=CONVERT_SECONDS)
    except subprocess.TimeoutExpired:
        _end_group(process)
        raise ReportReadError(path, "conversion-timeout",
                              f"LibreOffice did not finish converting it within {CONVERT_SECONDS} "
                              "seconds; open it in Word or WPS and save it as .docx") from None
    lines = [line for line in stderr.decode("utf-8", "replace").splitlines()
             if line.strip() and "javaldx" not in line]
    return lines[-1].strip() if lines else ""


def _end_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


def _refuse_unknown_content(path: str, raw: bytes, suffix: str) -> None:
    """Only bytes that look like a word-processor file go to LibreOffice (which would
    otherwise import anything as text)."""
    head = raw[:64].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if raw.startswith(_ZIP):
        from checker.readers.zipguard import checked_zip_entries  # zipfile: only for these
        checked_zip_entries(path, raw, "bad-document", f"{suffix} file")
        return
    if raw.startswith((_OLE, _RTF)) or head.startswith(_MARKUP):
        return
    raise ReportReadError(path, "bad-document",
                          f"not a {suffix} file (its bytes are not a Word, WPS, RTF or "
                          "OpenDocument file); open it in Word or WPS and save it as .docx")


def _refuse_junk(path: str, source: SourceText, suffix: str) -> None:
    text = "".join(source.lines)
    junk = sum(1 for ch in text
               if unicodedata.category(ch) in ("Co", "Cn", "Cs", "Cc") and ch not in "\t\n")
    if text and junk / len(text) > _MAX_JUNK_SHARE:
        raise ReportReadError(path, "conversion-failed",
                              f"LibreOffice read this {suffix} file only as meaningless "
                              "characters: it is damaged or not a word-processor file; open it "
                              "in Word or WPS and save it as .docx")
