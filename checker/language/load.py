"""Load rules/language.yaml and compile it."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from checker.language.model import HeadingRule, Language, Part, TitleShape
from checker.paths import shipped_rules_dir


def language_file() -> Path:
    return shipped_rules_dir() / "language.yaml"


def load_language() -> Language:
    return _load(str(language_file()))


def part_ids() -> tuple[str, ...]:
    """The ids of the parts of a report: the values a pack's `section:` claim may take."""
    return tuple(part.id for part in load_language().parts)


def role_name(role: str) -> str:
    """The name people know a part of the report by (`parts[].name` in language.yaml)."""
    return load_language().role_names.get(role, role)


@lru_cache(maxsize=4)
def _load(path: str) -> Language:
    # shipped with the product and covered by tests: the fast C loader (when PyYAML has
    # it) keeps it off the cold-start bill
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return compile_language(yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader))  # a safe loader


# --- compiling the data -------------------------------------------------------------------

def _patterns(items: list[str]) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in items)


def _either(*patterns: str) -> re.Pattern:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _shape(data: dict) -> TitleShape:
    return TitleShape(data["min_chars"], data["max_chars"], data["not_in"])


def compile_language(data: dict) -> Language:
    stance, kinds, title, period = data["stance"], data["kinds"], data["title"], data["period"]
    noise, heads, sentences = data["noise"], data["headings"], data["sentences"]
    numbering = tuple(HeadingRule(h["level"], re.compile(h["pattern"])) for h in heads["numbering"])
    return Language(
        parts=tuple(_part(p) for p in data["parts"]),
        plan_strong=tuple(stance["plan_strong"]),
        plan_strong_patterns=_patterns(stance["plan_strong_patterns"]),
        ba_word=stance["ba_word"],
        ba_markers=tuple(stance["ba_markers"]),
        clause_end=re.compile(stance["clause_end"]),
        clause_break=re.compile(stance["clause_break"]),
        plan_requirement=tuple(stance["plan_requirement"]),
        plan_weak=tuple(stance["plan_weak"]),
        item_numbering=stance["item_numbering"],
        later_year=re.compile(stance["later_year"]),
        names_and_ranges=_either(stance["document_name"], period["range"]),
        problem=tuple(stance["problem"]),
        contrast_markers=tuple(stance["contrast_markers"]),
        problem_unless=_patterns(stance["problem_unless"]),
        kinds={k: tuple(kinds[k]) for k in ("other", "annual-report", "implementation-plan")},
        carried_title=re.compile(kinds["carried_title"]),
        report_openers=tuple(kinds["report_openers"]),
        plan_openers=tuple(kinds["plan_openers"]),
        top_lines=title["top_lines"],
        title_shape=_shape(title),
        title_marks=title["marks"],
        period_range=re.compile(period["range"]),
        period_year=re.compile(period["year"]),
        period_opening_lines=period["opening_lines"],
        chinese_year=re.compile(period["chinese_year"]),
        chinese_digits=str.maketrans({c: str(d) for c, d in period["chinese_digits"].items()}),
        mentioned_year=re.compile(period["mentioned_year"]),
        metadata_label=re.compile("(?:" + "|".join(re.escape(w) for w in noise["metadata_labels"])
                                  + f")(?:{noise['label_end']})"),
        metadata_labels=tuple(noise["metadata_labels"]),
        label_marks=noise["label_marks"],
        label_without_value=re.compile(noise["label_without_value"]),
        noise_lines=_patterns(noise["line_patterns"]),
        header_patterns=_patterns(noise["header_patterns"]),
        noise_inline=_patterns(noise["inline_patterns"]),
        footer_lines=_patterns(noise["footer_patterns"]),
        domain_words=tuple(noise["domain_words"]),
        news_title=_shape(noise["news_title"]),
        news_body_chars=noise["news_body_chars"],
        signature_patterns=_patterns(noise["signature_patterns"]),
        heading_rules=numbering,
        own_line_starts=tuple(r.pattern for r in numbering) + _patterns(heads["own_line_starts"]),
        markdown_heading=re.compile(heads["markdown"]),
        heading_text_end=re.compile(heads["text_end"]),
        max_heading_chars=heads["max_chars"],
        inline_heading=re.compile(heads["inline_pattern"]),
        inline_text_end=re.compile(heads["inline_text_end"]),
        inline_max_chars=heads["inline_max_chars"],
        lead_in_ends=tuple(heads["lead_in_ends"]),
        law_title=re.compile(sentences["law_title"]),
        terminators=sentences["terminators"],
        quantity=re.compile(sentences["quantity_pattern"]),
    )


def _part(data: dict) -> Part:
    return Part(id=data["id"], name=data["name"], headings=tuple(data["headings"]),
                place=data.get("place"), stance=data.get("stance"), account=data.get("account", False),
                marks_report=data.get("marks_report", False), default=data.get("default", False))

