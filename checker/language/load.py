"""Load rules/language.yaml (or the file FAZHI_LANGUAGE names): parse, validate, compile.

Validation (jsonschema) runs only when the file or its schema changed since it was last
found valid, and compiling it (some 250 regular expressions) only when it was not compiled
before: the compiled language is cached by content, as compiled packs are, its patterns
with their compiled code (checker/cache.py), so a warm start only unpickles it.
Line numbers (a slower parse) are worked out only for a problem.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path

from checker import __version__, cache
from checker.language import model
from checker.language.model import (
    BodyRules,
    FigureReading,
    Frame,
    Genre,
    GluedTitle,
    HeadingRule,
    KindRules,
    Language,
    MenuShape,
    NumberWords,
    Part,
    Register,
    StanceRule,
    TitleShape,
)
from checker.language.validate import Problem, problems_in, schema_path
from checker.packs.validate import PackError, PackProblem
from checker.packs.yamlfile import YamlDocument, YamlError, format_path, load_yaml
from checker.paths import read_settings_file, shipped_rules_dir

ENVIRONMENT = "FAZHI_LANGUAGE"     # another language file, for a test or a local variant


class LanguageError(PackError):
    """Problems in the language file. A PackError, so every command reports it as it reports
    a broken pack: one `file:line: where: what` line each, exit code 2."""


def language_file() -> Path:
    return Path(os.environ.get(ENVIRONMENT) or shipped_rules_dir() / "language.yaml")


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
    text = _read(path)
    key = cache.key_for(__version__, text, _fingerprint(schema_path()), _compiler_code())
    language = cache.load("language", key)
    if not isinstance(language, Language):
        language = compile_language(_validated_data(path, text))
        cache.store("language", key, language)
    return language


def _validated_data(path: str, text: str) -> dict:
    data = _parse(path, text)
    problems = problems_in(data)
    if problems:
        lines = _with_lines(path, text)
        raise LanguageError([_located(path, lines, p) for p in problems])
    return data


def _parse(path: str, text: str):
    """With the C loader when PyYAML has it: a tenth of the time of the line-keeping parse,
    which only a file with a problem needs. The file is the operator's, not a submission."""
    import yaml
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader
    except yaml.YAMLError:
        return _with_lines(path, text).data    # raises, with the line of the mistake


def _with_lines(path: str, text: str) -> YamlDocument:
    try:
        return load_yaml(path, text)
    except YamlError as exc:
        raise LanguageError([PackProblem(path, exc.line, "(yaml)", exc.message)]) from None


def _read(path: str) -> str:
    try:
        return read_settings_file(path).decode("utf-8")
    except FileNotFoundError:
        raise LanguageError([PackProblem(path, 0, "(file)", "no such file")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LanguageError([PackProblem(path, 0, "(file)", f"cannot read: {exc}")]) from None


def _compiler_code() -> str:
    """The code that compiles the language, part of its cache key: a Language compiled by
    other code (another field, a pattern built otherwise) is never loaded."""
    digest = hashlib.sha256()
    for module in (__file__, model.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def _fingerprint(path: Path) -> tuple | None:
    try:
        stat = path.stat()
        return (stat.st_size, stat.st_mtime_ns)
    except OSError:
        return None


def _located(path: str, document: YamlDocument, problem: Problem) -> PackProblem:
    where, message = problem
    return PackProblem(path, document.line_of(where), format_path(where), message)


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
        requirement_nouns=re.compile(stance["requirement_nouns"]),
        requirement_modals=re.compile(stance["requirement_modals"]),
        plan_weak=tuple(stance["plan_weak"]),
        item_numbering=stance["item_numbering"],
        requirement_lead_ins=_patterns(stance["requirement_lead_ins"]),
        requirement_carry_stops=_patterns(stance["requirement_carry_stops"]),
        requirement_reach=stance["requirement_reach"],
        clause_continues=tuple(stance["clause_continues"]),
        example_opening=re.compile(stance["example_opening"]),
        purpose_clause=re.compile(stance["purpose_clause"]),
        preparation=re.compile(stance["preparation"]),
        descriptions=_patterns(stance["descriptions"]),
        later_year=re.compile(stance["later_year"]),
        names_and_ranges=_either(stance["document_name"], period["range"], stance["year_as_object"]),
        problem=tuple(stance["problem"]),
        problem_patterns=_patterns(stance["problem_patterns"]),
        problem_masks=_patterns(stance["problem_masks"]),
        contrast_markers=tuple(stance["contrast_markers"]),
        reference=re.compile(stance["reference"]),
        reference_after_contrast=re.compile(stance["reference_after_contrast"]),
        problem_unless=_patterns(stance["problem_unless"]),
        main_stance={kind: _stance_rule(rule) for kind, rule in stance["main_stance"].items()},
        kind_rules=_kind_rules(kinds),
        top_lines=title["top_lines"],
        title_shape=_shape(title),
        title_marks=title["marks"],
        title_never=_patterns(title["never"]),
        title_spaced=re.compile(title["spaced"]),
        title_asides=re.compile(title["asides"]),
        document_names=re.compile(title["document_names"]),
        glued_title=GluedTitle(title["glued_min"], title["glued_max"], tuple(title["glued_ends"]),
                               re.compile(title["glued_followers"]), re.compile(title["glued_not_start"]),
                               re.compile(title["glued_page_number"])),
        period_range=re.compile(period["range"]),
        period_year=re.compile(period["year"]),
        period_opening_lines=period["opening_lines"],
        chinese_year=re.compile(period["chinese_year"]),
        chinese_digits=str.maketrans({c: str(d) for c, d in period["chinese_digits"].items()}),
        mentioned_year=re.compile(period["mentioned_year"]),
        opening_year=re.compile(period["opening_year"]),
        dated=re.compile(period["dated"]),
        dated_lines=period["dated_lines"],
        delivered_until_month=period["delivered_until_month"],
        planning_periods=dict(period["planning_periods"]),
        planning_period=re.compile("|".join(re.escape(n) for n in period["planning_periods"])),
        coming_tasks=re.compile(period["coming_tasks"]),
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
        menu=MenuShape(noise["menu"]["min_tokens"], noise["menu"]["max_token_chars"],
                       noise["menu"]["min_words"], tuple(noise["menu"]["words"])),
        crumb_separator=re.compile(noise["crumb_separator"]),
        column_name_max_chars=noise["column_name_max_chars"],
        watermark=re.compile(noise["watermark"]),
        watermark_min_repeats=noise["watermark_min_repeats"],
        closed_up=_patterns(noise["closed_up"]),
        page_number=re.compile(noise["page_number"]),
        page_number_after_chars=noise["page_number_after_chars"],
        page_numbers_min=noise["page_numbers_min"],
        traditional_phrases=dict(noise["traditional_phrases"]),
        respelled=dict(noise["respelled"]),
        heading_rules=numbering,
        own_line_starts=tuple(r.pattern for r in numbering) + _patterns(heads["own_line_starts"]),
        markdown_heading=re.compile(heads["markdown"]),
        heading_text_end=re.compile(heads["text_end"]),
        max_heading_chars=heads["max_chars"],
        inline_heading=re.compile(heads["inline_pattern"]),
        inline_text_end=re.compile(heads["inline_text_end"]),
        inline_max_chars=heads["inline_max_chars"],
        sub_heading_max_chars=heads["sub_heading_max_chars"],
        running_line_chars=heads["running_line_chars"],
        running_heading=re.compile(heads["running_heading"]),
        running_text_end=re.compile(heads["running_text_end"]),
        lead_in_ends=tuple(heads["lead_in_ends"]),
        law_title=re.compile(sentences["law_title"]),
        frames=tuple(Frame(f["why"], re.compile(f["pattern"])) for f in sentences["frames"]),
        terminators=sentences["terminators"],
        quantity=re.compile(sentences["quantity_pattern"]),
        numbers=_number_words(data["numbers"]),
        figures=_figure_reading(data["figures"]),
        body_rules=_body_rules(data["bodies"]),
    )


def _body_rules(bodies: dict) -> BodyRules:
    """The units longest first, so 自治区 is one unit, not 自治 + 区."""
    units = "|".join(re.escape(u) for u in sorted(bodies["units"], key=len, reverse=True))
    place = f"{bodies['place_chars']}{{1,{bodies['place_max_chars']}}}?(?P<unit>{units})"
    organs = "|".join(re.escape(o) for o in bodies["government_organs"])
    department = f"(?:{bodies['department_organ']})(?={bodies['name_ends']})"
    ends = bodies["name_ends"]
    run = f"(?:{place.replace('(?P<unit>', '(?:')}){{1,{bodies['max_places']}}}"
    return BodyRules(
        title_prefix=re.compile(bodies["title_prefix"]),
        # a run of places is only a name where an organ or a name's end follows it: 兰州市,
        # not 兰州 + 市…
        places=re.compile(f"{run}(?=(?:{organs})|(?:{department})|(?:{ends}))"),
        run=re.compile(run),
        place=re.compile(place),
        government_organs=tuple(sorted(bodies["government_organs"], key=len, reverse=True)),
        department_organ=re.compile(department),
        units=dict(bodies["units"]),
        municipalities=tuple(bodies["municipalities"]),
        not_places=re.compile(bodies["not_places"]),
        name_end_inside=re.compile(f"(?:{ends})(?=.)"),
        signature_lines=bodies["signature_lines"],
        path_prefix=re.compile(bodies["path_prefix"]),
        path_folders=bodies["path_folders"],
        name_max_chars=bodies["name_max_chars"],
        opening_lead=re.compile(bodies["opening_lead"]),
        opening_lines=bodies["opening_lines"],
        assembly=re.compile(bodies["assembly"]),
        # not right after 各 or 乡 (各县政府, 乡镇政府), nor followed by the addressee's colon
        self_reference=re.compile(f"(?<!{bodies['self_reference_not_after']})"
                                  f"(?:{_alternatives(bodies['self_references'])})"
                                  f"(?!{bodies['addressee_mark']})"),
        self_levels=dict(bodies["self_references"]),
        bare_body=re.compile(f"(?P<unit>{units})?(?:(?P<government>{organs})|(?P<department>"
                             f"(?:{_alternatives(bodies['department_functions'])})"
                             f"(?:{_alternatives(bodies['department_function_organs'])})))(?={ends})"),
        province_names=dict(bodies["province_names"]),
        province_named=re.compile(f"(?:{_alternatives(bodies['province_names'])})(?={ends})"),
        visit=re.compile(bodies["visit"]),
        own_words=re.compile(bodies["own_words"]),
    )


def _alternatives(words) -> str:
    """A regex alternation of literal words, the longest first (so 人次 wins over 人)."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _number_words(data: dict) -> NumberWords:
    """The words of numbers, and one pattern for a number with what it may carry: an
    approximation before it, a percentage word, a range, an approximation after it, a unit
    and an approximation after the unit (checker/understand/numbers.py reads its groups)."""
    chinese = "[" + "".join(re.escape(c) for c in (*data["digits"], *data["multipliers"],
                                                   *data["big_multipliers"])) + "]+"
    digits = "[" + "".join(re.escape(c) for c in data["digits"]) + "]+"
    big = "[" + "".join(re.escape(c) for c in data["big_multipliers"]) + "]"
    point, thousands = _alternatives(data["decimal_points"]), _alternatives(data["thousands_separators"])
    arabic = rf"(?<![\d.．])\d+(?:(?:{thousands})\d{{3}})*(?:(?:{point})\d+)?{big}?"
    numeral = rf"(?:{arabic}|{chinese}(?:(?:{point}){digits})?)"
    unit = _alternatives(list(data["units"]) + list(data["percent_signs"]))
    percent = _alternatives(data["percent_words"])
    space = r"\s{0,3}"     # bounded: a run of spaces after a digit must not make the search backtrack
    pattern = (rf"(?:(?P<before>{_alternatives(data['approximate_before'])}){space})?"
               rf"(?P<percent>{percent})?(?P<number>{numeral})"
               rf"(?:(?:{space}(?:{unit}))?{space}(?:{_alternatives(data['range_separators'])}){space}"
               rf"(?:{percent})?(?P<high>{numeral}))?"
               rf"(?P<after>{_alternatives(data['approximate_after'])})?"
               rf"{space}(?P<unit>{unit})?"
               rf"(?P<after_unit>{_alternatives(data['approximate_after_unit'])})?")
    return NumberWords(
        digits=dict(data["digits"]), multipliers=dict(data["multipliers"]),
        big_multipliers=dict(data["big_multipliers"]), decimal_points=tuple(data["decimal_points"]),
        thousands_separators=tuple(data["thousands_separators"]),
        percent_signs=tuple(data["percent_signs"]), percent_words=tuple(data["percent_words"]),
        units=tuple(data["units"]), approximate_before=dict(data["approximate_before"]),
        approximate_after=dict(data["approximate_after"]),
        approximate_after_unit=dict(data["approximate_after_unit"]),
        range_separators=tuple(data["range_separators"]), ordinal_before=tuple(data["ordinal_before"]),
        pattern=re.compile(pattern))


def _figure_reading(data: dict) -> FigureReading:
    return FigureReading(
        within=data["within"], counted_within=data["counted_within"], read_in=frozenset(data["read_in"]),
        times_within=data["times_within"], times_units=frozenset(data["times_units"]),
        clause_break=re.compile(data["clause_break"]), enumeration=re.compile(data["enumeration"]),
        joined=re.compile(data["joined"]), standing_rule=re.compile(data["standing_rule"]),
        negation=re.compile(data["negation"]), negation_reach=data["negation_reach"],
        period=_either(*data["period"]), missing_hint=data["missing_hint"],
        missing_item=data["missing_item"], missing_separator=data["missing_separator"])


def _stance_rule(data: dict) -> StanceRule:
    return StanceRule(by=data["by"], order=tuple(data["order"]),
                      not_beside_achieved=frozenset(data.get("not_beside_achieved", ())),
                      beside_achieved_share=tuple(sorted(data.get("beside_achieved_share", {}).items())))


def _kind_rules(kinds: dict) -> KindRules:
    register = kinds["register"]
    return KindRules(
        report_words=tuple(kinds["annual-report"]),
        subject=re.compile(kinds["subject"]),
        subject_min=kinds["subject_min"],
        subject_per_mille=kinds["subject_per_mille"],
        reporting_body=re.compile(kinds["reporting_body"]),
        national_body=re.compile(kinds["national_body"]),
        national_min=kinds["national_min"],
        carried_title=re.compile(kinds["carried_title"]),
        carried_body=re.compile(kinds["carried_body"]),
        report_openers=tuple(kinds["report_openers"]),
        plan_openers=tuple(kinds["plan_openers"]),
        opening_zone=kinds["opening_zone"],
        report_opening=re.compile(kinds["opening"]["annual-report"]),
        plan_opening=re.compile(kinds["opening"]["implementation-plan"]),
        register=Register(re.compile(register["requirement"]), re.compile(register["reporting"]),
                          re.compile(register["task_item"]), register["min_requirements"],
                          register["max_reporting_share"], _patterns(register["plan_structure"])),
        genres=tuple(_genre(g) for g in kinds["genres"]),
        genre_for=dict(kinds["genre_for"]),
    )


def _genre(data: dict) -> Genre:
    subject = data.get("subject")
    return Genre(id=data["id"], name=data["name"], kind=data.get("kind", "other"),
                 title=_patterns(data.get("title", [])), body=_patterns(data.get("body", [])),
                 subject=re.compile(subject) if subject else None,
                 without_subject=data.get("without_subject", False))


def _part(data: dict) -> Part:
    return Part(id=data["id"], name=data["name"], headings=tuple(data["headings"]),
                place=data.get("place"), stance=data.get("stance"), account=data.get("account", False),
                marks_report=data.get("marks_report", False), default=data.get("default", False),
                sub_heading=data.get("sub_heading", False), first=data.get("first", False))

