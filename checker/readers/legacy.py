"""Old binary word-processor formats (.doc, .wps) that fazhi does not parse.

Their binary layouts need a converter we do not ship; a clear refusal that says what to do
serves the inspector better than a half-read text.
"""

from __future__ import annotations

from checker.readers.source import ReportReadError, SourceText

OLD_SUFFIXES = (".doc", ".wps")


def read_legacy(path: str, raw: bytes) -> SourceText:
    suffix = path.rsplit(".", 1)[-1].lower()
    raise ReportReadError(
        path, "old-format",
        f"old .{suffix} format is not supported; open it in Word or WPS and save it as .docx")
