"""HTML reports: the article body of a government web page, one line per block.

Government sites wrap a report in navigation, scripts, share buttons, metadata tables and
lists of other news. The article is the element the site's template names as such
(content, zoom, TRS_Editor ...) or, failing that, the block richest in Chinese text.
"""

from __future__ import annotations

import re

from checker.readers.decoding import decode_text
from checker.readers.htmlarticle import find_article, find_title, is_dropped
from checker.readers.htmltree import Element, parse_html
from checker.readers.limits import LIMITS, ReadingLimits
from checker.readers.source import ReportReadError, SourceText

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr",
          "td", "th", "section", "article", "header", "footer", "blockquote", "pre", "dl", "dt",
          "dd", "hr", "br", "caption", "address", "center", "figure", "figcaption", "main",
          "tbody", "thead", "title"}
_SPACES = re.compile(r"[ \t\r\n\f\xa0]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_TAG = re.compile(rb"<[A-Za-z]")    # a start tag, as html.parser sees one (UTF-16 pages aside)
_GB_FAMILY = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "gb18030", "cp936"}


def read_html(path: str, raw: bytes, encoding: str | None = None,
              limits: ReadingLimits = LIMITS) -> SourceText:
    tags = len(_TAG.findall(raw))
    if tags > limits.html_tags:   # before parsing: 100,000 tags take seconds to build
        raise ReportReadError(path, "too-large",
                              f"web page has {tags} tags, over the limit of {limits.html_tags}")
    text, used = _decode(path, raw, encoding)
    root = parse_html(text)
    article = find_article(root)
    title = find_title(root, article)
    lines = (_block_lines(title) if title is not None else []) + _block_lines(article)
    if not lines:
        raise ReportReadError(path, "empty", "web page has no article text")
    return SourceText.from_text(path, "\n".join(lines), "html", used)


def _decode(path: str, raw: bytes, encoding: str | None) -> tuple[str, str]:
    """The page's own <meta charset> is believed first when it decodes cleanly."""
    declared = _declared_charset(raw)
    if encoding is None and declared and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode(declared), declared
        except (LookupError, UnicodeError):   # unknown, wrong, or a codec such as 'undefined'
            pass
    return decode_text(path, raw, encoding)


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:8192])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    return "gb18030" if name in _GB_FAMILY else name


def _block_lines(top: Element) -> list[str]:
    """Text of `top`, a new line at every block boundary; iterative for deep pages."""
    lines: list[str] = []
    current: list[str] = []
    pending: list[Element | str | None] = [top]   # None marks the end of a block
    while pending:
        node = pending.pop()
        if isinstance(node, str):
            current.append(node)
        elif node is None or node.tag in _BLOCK:
            _flush(current, lines)
        if isinstance(node, Element) and not is_dropped(node):
            if node.tag in _BLOCK:
                pending.append(None)
            pending.extend(reversed(node.children))
    _flush(current, lines)
    return lines


def _flush(current: list[str], lines: list[str]) -> None:
    line = _SPACES.sub(" ", "".join(current)).strip(" \u3000")
    if line:
        lines.append(line)
    current.clear()
