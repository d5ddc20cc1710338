"""A small, forgiving HTML element tree built with the standard library's html.parser.

Government pages are often malformed and sometimes absurdly deep; the parser is event
driven and the tree is built with an explicit stack, so no step recurses. Unclosed
elements are closed when an ancestor closes, as browsers do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}
# Elements a <p> or <li> does not contain: opening one closes an open <p>/<li>.
_CLOSES_P = {"p", "div", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section",
             "article", "blockquote", "pre", "form", "hr"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: Element | None = None
    children: list[Element | str] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        """Every element under this one (itself first), in document order, without recursion."""
        pending: list[Element] = [self]
        while pending:
            node = pending.pop()
            yield node
            pending.extend(c for c in reversed(node.children) if isinstance(c, Element))

    def hint(self) -> str:
        """id and class, lower-cased: what the page's author called this element."""
        return f"{self.attrs.get('id', '')} {self.attrs.get('class', '')}".lower()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        if tag in _CLOSES_P or tag == "li":
            self._close_open(tag)
        element = Element(tag, {k: v or "" for k, v in attrs}, self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def _close_open(self, tag: str) -> None:
        closing = "li" if tag == "li" else "p"
        if self.stack[-1].tag == closing:
            self.stack.pop()


def parse_html(text: str) -> Element:
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root
