"""Text from a report, a file name or a pack, made harmless for the one who reads the output.

One function per kind of output, used by every renderer of that kind:

- `visible` (terminal, logs, XML): control characters, ESC, bidirectional overrides and
  invisible format characters are shown as escapes (`\\x1b`, `\\n`, `\\u202e`), so a title
  cannot clear the screen, hide text or forge a line; bytes of a file name that are not
  UTF-8 (Python keeps them as lone surrogates) are shown as `\\xff`. XML 1.0 cannot hold
  most control characters at all, so JUnit needs the same.
- `markdown` (pull-request comments, job summaries): `visible`, then every character that
  Markdown reads as markup is escaped, and what GitHub turns into a link or a notification
  by itself (`https://`, `www.`, `@name`) is broken with an invisible word joiner.
- `markdown_code` — a code span that no backtick in the text can close.
- `escaped_reports` — a copy of the results with every string passed through one of them,
  so a renderer cannot forget a field (a new one included).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from typing import Any

# C0 and C1 controls, DEL, zero-width and bidirectional format characters, line and
# paragraph separators, the BOM, and lone surrogates (undecodable file-name bytes)
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _shown(match: re.Match) -> str:
    char = match.group(0)
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if 0xDC80 <= code <= 0xDCFF:          # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def visible(text: str) -> str:
    """The text with every control or invisible character written as an escape."""
    return _UNSAFE.sub(_shown, text)


def visible_lines(text: str) -> str:
    """Text of several lines for a terminal: each line `visible`, the line breaks kept."""
    return "\n".join(visible(line) for line in text.split("\n"))


# What CommonMark/GFM may read as markup inside a line (emphasis, code, HTML, entities,
# table cells, strikethrough; a link or an image needs `](`, `][` or `]:`), escaped with a
# backslash and so shown as is. Brackets alone stay as written (line 12 [achieved]).
_MARKUP = re.compile(r"([\\`*_{}<>|~&]|!(?=\[)|\](?=[(\[:]))")
# What GitHub links or notifies by itself in plain text: a word joiner keeps it plain text
_AUTOLINKS = re.compile(r"(?<=@)|(?<=:)(?=//)|(?i:(?<=www)(?=\.))")
WORD_JOINER = "\u2060"


def markdown(text: str) -> str:
    """Plain text in Markdown: shown as written, never a link, an image, HTML, a mention or
    a broken table row."""
    return _AUTOLINKS.sub(WORD_JOINER, _MARKUP.sub(r"\\\1", visible(text)))


def markdown_code(text: str, *, in_table: bool = False) -> str:
    """`text` as a code span: fenced with more backticks than any run inside it (CommonMark),
    and `|` escaped in a table cell (GFM splits cells before it reads code spans)."""
    text = visible(text)
    if in_table:
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") or longest else text
    return f"{fence}{padded}{fence}"


def escaped_reports(reports: list, escape: Callable[[str], str]) -> list:
    """A copy of the results with `escape` applied to every string in them."""
    return [_escaped(report, escape) for report in reports]


def _escaped(value: Any, escape: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return escape(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _escaped(getattr(value, f.name), escape)
                   for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_escaped(item, escape) for item in value)
    if isinstance(value, list):
        return [_escaped(item, escape) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item, escape) for key, item in value.items()}
    return value
