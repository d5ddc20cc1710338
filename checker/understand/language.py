"""The reading conventions of rules/language.yaml, as understanding and the stages after it
import them. They are loaded and checked in checker.language, before every stage, because
the PDF reader needs the heading numbering too."""

from __future__ import annotations

from checker.language.load import LanguageError, load_language, part_ids, role_name
from checker.language.model import FigureReading, HeadingRule, Language, Part, TitleShape

__all__ = ["FigureReading", "HeadingRule", "Language", "LanguageError", "Part", "TitleShape", "load_language",
           "part_ids", "role_name"]
