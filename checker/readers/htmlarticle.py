"""Find the article in a government web page, and the page chrome to leave out.

Site templates (TRS WCM, 政府网站集约化平台 ...) name the article container; those names
are tried first, and the block with the most Chinese text is the fallback. Nothing here
recurses: subtree sizes are summed bottom-up over a flat list of elements.
"""

from __future__ import annotations

import re

from checker.readers.htmltree import Element

_DROP_TAGS = {"script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "form", "iframe", "select", "button", "input", "textarea", "svg", "head",
              "object", "embed", "canvas", "map"}
_CHROME_TOKENS = {"nav", "navbar", "menu", "breadcrumb", "crumb", "crumbs", "footer", "foot",
                  "header", "topbar", "sidebar", "side", "share", "bdsharebuttonbox", "toolbar",
                  "copyright", "search", "login", "links", "friendlink", "position", "location",
                  "skip", "fontsize", "qrcode", "ewm", "related", "relevant", "xgxx",
                  "hidden", "advert", "ad", "banner", "pager", "pagination"}
_ARTICLE_NAMES = re.compile(
    r"trs_editor|custom_unionstyle|zoom|article|content|detail|zhengwen|artibody|maintext"
    r"|main-text|textbox|wenzhang|(?:^|[^a-z])(?:zw|con|text|view|main)(?:$|[^a-z])")
_TITLE_NAMES = re.compile(r"(?:^|[^a-z])(?:title|biaoti|bt|tit|art-title|article-title)(?:$|[^a-z])")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_TOKEN = re.compile(r"[a-z0-9]+")
_MIN_ARTICLE_HAN = 50
_SPECIFIC_SHARE = 0.85   # a named container holding this share of the biggest one is preferred
_PARAGRAPHISH = {"p", "span", "font", "strong", "b", "em", "i", "u", "a", "br", "section"}


def is_dropped(element: Element) -> bool:
    if element.tag in _DROP_TAGS or _HIDDEN.search(element.attrs.get("style", "")):
        return True
    return bool(_CHROME_TOKENS & set(_TOKEN.findall(element.hint())))


def find_article(root: Element) -> Element:
    elements = _kept_elements(root)
    totals = _han_totals(elements)
    page_total = totals[id(root)]
    named = [e for e in elements if _ARTICLE_NAMES.search(e.hint())
             and totals[id(e)] >= max(_MIN_ARTICLE_HAN, 0.3 * page_total)]
    if named:
        biggest = max(totals[id(e)] for e in named)
        specific = [e for e in named if totals[id(e)] >= _SPECIFIC_SHARE * biggest]
        return min(specific, key=lambda e: totals[id(e)])
    return _densest_block(elements, totals) or root


def find_title(root: Element, article: Element) -> Element | None:
    """The page's headline when it sits outside the article container (it usually does)."""
    if any(e.tag in ("h1", "h2") for e in article.walk()):
        return None
    for element in _kept_elements(root):
        if element is article:
            return None
        if (element.tag == "h1" or _TITLE_NAMES.search(element.hint())) \
                and _han(_own_and_descendant_text(element)) >= 4 \
                and not _contains(element, article):
            return element
    return None


def _kept_elements(root: Element) -> list[Element]:
    """Elements in document order, leaving out dropped subtrees."""
    kept, pending = [], [root]
    while pending:
        element = pending.pop()
        if element is not root and is_dropped(element):
            continue
        kept.append(element)
        pending.extend(c for c in reversed(element.children) if isinstance(c, Element))
    return kept


def _han_totals(elements: list[Element]) -> dict[int, int]:
    """id(element) -> Han characters in its kept subtree, summed child before parent."""
    totals = {id(e): _han("".join(c for c in e.children if isinstance(c, str))) for e in elements}
    for element in reversed(elements):
        if element.parent is not None and id(element.parent) in totals:
            totals[id(element.parent)] += totals[id(element)]
    return totals


def _densest_block(elements: list[Element], totals: dict[int, int]) -> Element | None:
    """The element whose own text and paragraph children hold the most Chinese text."""
    def density(element: Element) -> int:
        own = _han("".join(c for c in element.children if isinstance(c, str)))
        return own + sum(totals.get(id(c), 0) for c in element.children
                         if isinstance(c, Element) and c.tag in _PARAGRAPHISH)
    best = max(elements, key=density, default=None)
    return best if best is not None and density(best) > 0 else None


def _own_and_descendant_text(element: Element) -> str:
    return "".join(c for e in element.walk() for c in e.children if isinstance(c, str))


def _contains(outer: Element, inner: Element) -> bool:
    node: Element | None = inner
    while node is not None:
        if node is outer:
            return True
        node = node.parent
    return False


def _han(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
