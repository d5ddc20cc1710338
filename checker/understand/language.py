"""The reading cues in rules/language.yaml, compiled once: roles, stance cues, kinds, noise."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from checker.paths import shipped_rules_dir

REQUIRED_KEYS = ("roles", "stance", "kinds", "period", "noise", "headings", "sentences")


@dataclass(frozen=True)
class HeadingRule:
    level: int
    pattern: re.Pattern


@dataclass(frozen=True)
class Language:
    roles: dict[str, tuple[str, ...]]
    role_names: dict[str, str]
    plan_strong: tuple[str, ...]
    plan_strong_patterns: tuple[re.Pattern, ...]
    plan_weak: tuple[str, ...]
    plan_requirement: tuple[str, ...]
    ba_markers: tuple[str, ...]
    contrast_markers: tuple[str, ...]
    problem: tuple[str, ...]
    problem_unless: tuple[re.Pattern, ...]
    kinds: dict[str, tuple[str, ...]]
    report_openers: tuple[str, ...]
    plan_openers: tuple[str, ...]
    carried_title: re.Pattern
    period_patterns: tuple[re.Pattern, ...]
    period_opening_lines: int
    metadata_labels: tuple[str, ...]
    noise_lines: tuple[re.Pattern, ...]
    noise_inline: tuple[re.Pattern, ...]
    header_lines: tuple[re.Pattern, ...]
    footer_lines: tuple[re.Pattern, ...]
    domain_words: tuple[str, ...]
    signature_patterns: tuple[re.Pattern, ...]
    heading_rules: tuple[HeadingRule, ...]
    inline_heading: re.Pattern
    max_heading_chars: int
    terminators: str
    quantity: re.Pattern
    law_title: re.Pattern


@lru_cache(maxsize=1)
def load_language() -> Language:
    path = shipped_rules_dir() / "language.yaml"
    # shipped with the product and covered by tests: no need for line numbers, so the fast
    # C loader (when PyYAML has it) keeps it off the cold-start bill
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # safe loader
    missing = [k for k in REQUIRED_KEYS if k not in data]
    if missing:
        raise ValueError(f"{path}: missing sections {missing}")
    return _compile(data)


def _patterns(items) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p) for p in items)


def _compile(data: dict) -> Language:
    stance, noise, heads = data["stance"], data["noise"], data["headings"]
    return Language(
        roles={k: tuple(v) for k, v in data["roles"].items()},
        role_names=dict(data["role_names"]),
        plan_strong=tuple(stance["plan_strong"]),
        plan_strong_patterns=_patterns(stance["plan_strong_patterns"]),
        plan_weak=tuple(stance["plan_weak"]),
        plan_requirement=tuple(stance["plan_requirement"]),
        ba_markers=tuple(stance["ba_markers"]),
        contrast_markers=tuple(stance["contrast_markers"]),
        problem=tuple(stance["problem"]),
        problem_unless=_patterns(stance["problem_unless"]),
        kinds={k: tuple(v) for k, v in data["kinds"].items()
               if not k.endswith("_openers") and k != "carried_title"},
        carried_title=re.compile(data["kinds"]["carried_title"]),
        report_openers=tuple(data["kinds"]["report_openers"]),
        plan_openers=tuple(data["kinds"]["plan_openers"]),
        period_patterns=_patterns(data["period"]["patterns"]),
        period_opening_lines=int(data["period"]["opening_lines"]),
        metadata_labels=tuple(noise["metadata_labels"]),
        noise_lines=_patterns(noise["line_patterns"]),
        noise_inline=_patterns(noise["inline_patterns"]),
        header_lines=_patterns(noise["header_patterns"]),
        footer_lines=_patterns(noise["footer_patterns"]),
        domain_words=tuple(noise["domain_words"]),
        signature_patterns=_patterns(noise["signature_patterns"]),
        heading_rules=tuple(HeadingRule(h["level"], re.compile(h["pattern"]))
                            for h in heads["numbering"]),
        inline_heading=re.compile(heads["inline_pattern"]),
        max_heading_chars=int(heads["max_chars"]),
        terminators=data["sentences"]["terminators"],
        quantity=re.compile(data["sentences"]["quantity_pattern"]),
        law_title=re.compile(data["sentences"]["law_title"]),
    )


def role_name(role: str) -> str:
    """The name people know a part of the report by (`role_names` in language.yaml)."""
    return load_language().role_names.get(role, role)
