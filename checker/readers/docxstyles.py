"""Outline levels of .docx paragraphs: direct outlineLvl, else the paragraph style's.

A style is a heading if it (or a style it is based on) sets an outline level, or if it is
one of Word's built-in heading styles ('heading 1', stored in English even in Chinese Word;
'标题 1' in files from some WPS versions).
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn

_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_BODY_TEXT_LEVEL = 9     # w:outlineLvl 9 means "body text", not a heading


def style_levels(styles_element) -> dict[str, int]:
    """style id -> heading level (1-based) for every heading style."""
    styles = {s.get(qn("w:styleId")): s for s in styles_element.findall(qn("w:style"))}
    levels = {}
    for style_id in styles:
        level = _style_level(style_id, styles)
        if level is not None:
            levels[style_id] = level
    return levels


def heading_level(p, levels: dict[str, int]) -> int | None:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        return None
    direct = _outline_level(ppr)
    if direct is not None:
        return direct or None
    style = ppr.find(qn("w:pStyle"))
    return levels.get(style.get(qn("w:val"))) if style is not None else None


def _style_level(style_id: str | None, styles: dict) -> int | None:
    seen: set[str | None] = set()
    while style_id in styles and style_id not in seen:   # basedOn chains can loop
        seen.add(style_id)
        style = styles[style_id]
        level = _own_level(style)
        if level is not None:
            return level or None
        based = style.find(qn("w:basedOn"))
        style_id = based.get(qn("w:val")) if based is not None else None
    return None


def _own_level(style) -> int | None:
    """Level set by this style itself: 0 means 'explicitly body text', None 'not set'."""
    ppr = style.find(qn("w:pPr"))
    level = _outline_level(ppr) if ppr is not None else None
    if level is not None:
        return level
    name = style.find(qn("w:name"))
    match = _HEADING_NAME.match(name.get(qn("w:val"), "")) if name is not None else None
    return int(match.group(1)) if match else None


def _outline_level(ppr) -> int | None:
    node = ppr.find(qn("w:outlineLvl"))
    if node is None:
        return None
    try:
        value = int(node.get(qn("w:val")))
    except (TypeError, ValueError):
        return None
    return 0 if value >= _BODY_TEXT_LEVEL else value + 1
