"""Turn the bytes of a text file into str, finding the encoding when none is given.

Order: byte-order mark, UTF-16 without a mark (told by its NUL bytes), strict UTF-8,
strict GB18030 (a superset of GBK and GB2312, the usual encodings of Chinese government
files), UTF-8 with a few damaged bytes (each replaced by U+FFFD, so one bad byte from a
careless copy does not lose the whole report), and only then the statistical detector,
which guesses badly on short Chinese text.
"""

from __future__ import annotations

import codecs
import re

from checker.readers.source import ReportReadError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0", b"\x7fELF", b"\x89PNG", b"\xff\xd8\xff")
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1b")
# the other characters below a space, counted in one pass of the regex engine
_CONTROLS = re.compile("[" + "".join(re.escape(chr(c)) for c in range(32)
                                     if chr(c) not in _ALLOWED_CONTROLS) + "]")
_MAX_CONTROL_SHARE = 0.01
_MAX_REPLACED_SHARE = 0.01      # damaged bytes per character still read as UTF-8


def decode_text(path: str, raw: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding used). Raises ReportReadError 'binary' or 'bad-encoding'."""
    if encoding:
        text, used = _decode_forced(path, raw, encoding), encoding
    else:
        text, used = _detect_and_decode(path, raw)
    _refuse_binary_text(path, text)
    return text.removeprefix("\ufeff"), used


def _decode_forced(path: str, raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except LookupError:
        raise ReportReadError(path, "bad-encoding", f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as exc:
        raise ReportReadError(
            path, "bad-encoding", f"not valid {encoding} at byte {exc.start}") from None
    except UnicodeError:  # a codec that refuses to decode at all, such as 'undefined'
        raise ReportReadError(path, "bad-encoding", f"cannot decode with {encoding!r}") from None


def _detect_and_decode(path: str, raw: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return _decode_forced(path, raw, name), name
    if raw.startswith(_BINARY_MAGIC):
        raise ReportReadError(path, "binary", "binary file (a Word, PDF or image file?), not text")
    if b"\x00" in raw:
        return _decode_utf16_without_bom(path, raw)
    for name in ("utf-8", "gb18030"):
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            continue
    damaged = _mostly_utf8(raw)
    if damaged is not None:
        return damaged, "utf-8"
    return _decode_by_detector(path, raw)


def _mostly_utf8(raw: bytes) -> str | None:
    """UTF-8 with a few invalid bytes, replaced by U+FFFD; None when too many are invalid."""
    text = raw.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - raw.count("\ufffd".encode("utf-8"))
    return text if replaced <= _MAX_REPLACED_SHARE * len(text) else None


def _decode_utf16_without_bom(path: str, raw: bytes) -> tuple[str, str]:
    """Text files have no NUL bytes, except UTF-16, where every ASCII character brings one."""
    even_nuls = raw[0::2].count(0)
    odd_nuls = raw[1::2].count(0)
    name = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
    if len(raw) % 2 == 0 and max(even_nuls, odd_nuls) > 4 * min(even_nuls, odd_nuls):
        try:
            return raw.decode(name), name
        except UnicodeDecodeError:
            pass
    raise ReportReadError(path, "binary", "binary file (contains NUL bytes), not text")


def _decode_by_detector(path: str, raw: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes  # slow import; only for unusual files
    best = from_bytes(raw).best()
    if best is None:
        raise ReportReadError(path, "binary", "binary file or unknown encoding, not text")
    return str(best), best.encoding


def _refuse_binary_text(path: str, text: str) -> None:
    controls = len(_CONTROLS.findall(text))
    if text and controls / len(text) > _MAX_CONTROL_SHARE:
        raise ReportReadError(path, "binary", "binary file (control characters), not text")
