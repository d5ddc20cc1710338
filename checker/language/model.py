"""The compiled form of rules/language.yaml: plain values and compiled patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Part:
    """A part of a report (`parts` in language.yaml)."""

    id: str
    name: str                       # the name people know the part by
    headings: tuple[str, ...]       # wordings a heading of this part contains
    place: int | None = None        # where it sits in an annual report; None: not one of its parts
    stance: str | None = None       # what everything in the part says: planned | problem
    account: bool = False           # accounts for the year's work: weak plan cues do not count
    marks_report: bool = False      # a heading for it marks a document laid out as a report
    default: bool = False           # the part of text under no heading
    sub_heading: bool = False       # a sub-heading or lead-in inside an account part can open it
    first: bool = False             # a report's first part, when its heading names no part


@dataclass(frozen=True)
class StanceRule:
    """How an element's stance comes from the stances of its evidence, for one kind of
    document (`stance.main_stance` in language.yaml)."""

    by: str                                  # first | most
    order: tuple[str, ...]                   # precedence, and the tie-break of `most`
    not_beside_achieved: frozenset[str] = frozenset()   # stances never listed beside achieved
    # stance -> the least share of the achieved sentences it needs to be listed beside them
    beside_achieved_share: tuple[tuple[str, float], ...] = ()

    def listed_beside(self, stance: str, main: str, sentences) -> bool:
        """Whether a stance seen is listed (`also`) beside the main one; `sentences`: the
        number of sentences of each stance."""
        if main != "achieved":
            return True
        share = dict(self.beside_achieved_share).get(stance, 0.0)
        return stance not in self.not_beside_achieved and sentences[stance] >= share * sentences[main]


@dataclass(frozen=True)
class Frame:
    """A frame that names work only as the area or object of something else; a wording in
    its `span` group is not a claim (`sentences.frames`)."""

    why: str
    pattern: re.Pattern

    def spans(self, text: str) -> list[tuple[int, int]]:
        return [m.span("span") for m in self.pattern.finditer(text)]


@dataclass(frozen=True)
class HeadingRule:
    """A heading's numbering (`headings.numbering`) and the level it gives the heading."""

    level: int
    pattern: re.Pattern


@dataclass(frozen=True)
class TitleShape:
    """What a title-like line looks like: its length, and characters it never holds."""

    min_chars: int
    max_chars: int
    not_in: str

    def fits(self, text: str) -> bool:
        return self.min_chars <= len(text) <= self.max_chars and not any(c in text for c in self.not_in)


@dataclass(frozen=True)
class Genre:
    """What a document that is not an annual report looks like (`kinds.genres`)."""

    id: str
    name: str                            # what an inspector calls it
    kind: str                            # the kind it gets: other | implementation-plan
    title: tuple[re.Pattern, ...] = ()   # on the title
    body: tuple[re.Pattern, ...] = ()    # on the opening lines
    subject: re.Pattern | None = None    # its own subject matter
    without_subject: bool = False        # only when the title does not name the report's subject


@dataclass(frozen=True)
class Register:
    """Requirement sentences against reporting ones (`kinds.register`)."""

    requirement: re.Pattern
    reporting: re.Pattern
    task_item: re.Pattern
    min_requirements: int
    max_reporting_share: float
    plan_structure: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class KindRules:
    """How the kind of a document is decided (`kinds`)."""

    report_words: tuple[str, ...]        # a report's words in a title
    subject: re.Pattern                  # the report's subject (法治政府, 依法行政)
    subject_min: int
    subject_per_mille: float
    reporting_body: re.Pattern           # 我县, 全市, 区政府
    national_body: re.Pattern            # 我国, 各地
    national_min: int
    carried_title: re.Pattern            # a notice issuing a document: (?P<inner>)
    carried_body: re.Pattern             # 现将《…》印发给你们: (?P<inner>)
    report_openers: tuple[str, ...]
    plan_openers: tuple[str, ...]
    opening_zone: int                    # non-empty lines the opening is looked for in
    report_opening: re.Pattern
    plan_opening: re.Pattern
    register: Register
    genres: tuple[Genre, ...]
    genre_for: dict[str, str]            # plan | other-subject | national-subject -> genre id

    def genre(self, use: str) -> Genre:
        """The genre named for one use (`kinds.genre_for`)."""
        return self.genre_by_id(self.genre_for[use])

    def genre_by_id(self, genre_id: str) -> Genre:
        return next(g for g in self.genres if g.id == genre_id)


@dataclass(frozen=True)
class GluedTitle:
    """A title at the start of a line that goes on with the body (`title.glued_*`)."""

    min_chars: int
    max_chars: int
    ends: tuple[str, ...]
    followers: re.Pattern
    not_start: re.Pattern
    page_number: re.Pattern


@dataclass(frozen=True)
class MenuShape:
    """A site's menu on one line (`noise.menu`)."""

    min_tokens: int
    max_token_chars: int
    min_words: int
    words: tuple[str, ...]

    def fits(self, line: str) -> bool:
        tokens = line.split()
        return (len(tokens) >= self.min_tokens and all(len(t) <= self.max_token_chars for t in tokens)
                and sum(1 for t in tokens if t.startswith(self.words)) >= self.min_words)


@dataclass(frozen=True)
class BodyRules:
    """How the submitting body of a report is read (language.yaml `bodies`)."""

    title_prefix: re.Pattern             # a year, 关于(印发), 【…】, 中共…委 before the name
    places: re.Pattern                   # a run of places followed by an organ or a name's end
    place: re.Pattern                    # one place, (?P<unit>) its unit
    run: re.Pattern                      # places one after another
    government_organs: tuple[str, ...]
    department_organ: re.Pattern         # followed by name_ends
    units: dict[str, str]                # unit -> level
    municipalities: tuple[str, ...]      # provinces though their unit is 市
    not_places: re.Pattern
    name_end_inside: re.Pattern          # a name's end inside a run: no place (街道按照区)
    signature_lines: int
    path_prefix: re.Pattern
    path_folders: int
    name_max_chars: int                  # a name is looked for this far into a line only
    opening_lead: re.Pattern             # the year and a 在…下 clause before an opening's body
    opening_lines: int
    assembly: re.Pattern                 # 在(?P<places>)第…届人民代表大会: a 政府工作报告's government
    self_reference: re.Pattern           # 我县, 区政府, 我局: a body naming itself by its level
    self_levels: dict[str, str]          # that word -> its level
    bare_body: re.Pattern                # 省人民政府, 市司法局, 司法部: (?P<unit>)?, then
                                         # (?P<government>) or (?P<department>)
    province_names: dict[str, str]       # 宁夏 -> 宁夏回族自治区
    province_named: re.Pattern           # a short province name followed by a name's end
    visit: re.Pattern                    # 来(?P<visited>…)调研: a news item's body is the one visited
    own_words: re.Pattern                # 我X 全X 本X: the writer's own, wherever in a text


@dataclass(frozen=True)
class NumberWords:
    """How numbers are written (`numbers` in language.yaml)."""

    digits: dict[str, int]                # 一 -> 1, 两 -> 2
    multipliers: dict[str, int]           # 十 百 千: times the digit before
    big_multipliers: dict[str, int]       # 万 亿: times all before
    decimal_points: tuple[str, ...]
    thousands_separators: tuple[str, ...]
    percent_signs: tuple[str, ...]
    percent_words: tuple[str, ...]        # 百分之九十五
    units: tuple[str, ...]
    approximate_before: dict[str, str]    # word -> more-than | nearly | about | at-least
    approximate_after: dict[str, str]     # between the number and its unit
    approximate_after_unit: dict[str, str]
    range_separators: tuple[str, ...]
    ordinal_before: tuple[str, ...]
    pattern: re.Pattern                   # one number with all it may carry, built from the above


@dataclass(frozen=True)
class FigureReading:
    """How a figure is read from a sentence (`figures` in language.yaml)."""

    within: int                           # characters from a wording to the number after it
    counted_within: int                   # characters from a number to the wording it counts
    times_within: int                     # the same for a count of times (6次组织…集中学习)
    times_units: frozenset[str]
    read_in: frozenset[str]               # the document kinds whose figures are results
    clause_break: re.Pattern
    enumeration: re.Pattern               # 人事、财政、政务等: one noun phrase, not clauses
    joined: re.Pattern                    # between two wordings sharing a number (审查和备案)
    standing_rule: re.Pattern             # 每年…2次: a rule, not a result
    negation: re.Pattern                  # before a wording: 不予受理 is no case received
    negation_reach: int                   # characters before a wording it is looked for in
    period: re.Pattern
    missing_hint: str                     # with {figures}
    missing_item: str                     # with {title} and {unit}
    missing_separator: str


@dataclass(frozen=True)
class Language:
    """The reading conventions of rules/language.yaml, compiled (checker/language/load.py)."""

    parts: tuple[Part, ...]              # in the order headings are matched to them
    # stance cues
    plan_strong: tuple[str, ...]
    plan_strong_patterns: tuple[re.Pattern, ...]
    ba_word: str
    ba_markers: tuple[str, ...]
    clause_end: re.Pattern
    clause_break: re.Pattern
    plan_requirement: tuple[str, ...]
    requirement_nouns: re.Pattern
    requirement_modals: re.Pattern
    plan_weak: tuple[str, ...]
    item_numbering: str
    requirement_lead_ins: tuple[re.Pattern, ...]
    requirement_carry_stops: tuple[re.Pattern, ...]
    requirement_reach: int               # sentences back a requirement lead-in reaches
    clause_continues: tuple[str, ...]    # a sentence cut after one goes on with the one before
    example_opening: re.Pattern
    purpose_clause: re.Pattern
    preparation: re.Pattern
    descriptions: tuple[re.Pattern, ...]
    later_year: re.Pattern
    names_and_ranges: re.Pattern         # names, planning ranges, years as objects: no later year
    problem: tuple[str, ...]
    problem_patterns: tuple[re.Pattern, ...]
    problem_masks: tuple[re.Pattern, ...]
    contrast_markers: tuple[str, ...]
    reference: re.Pattern                # refers back to what the sentence before named
    reference_after_contrast: re.Pattern  # names it again, after an opening contrast
    problem_unless: tuple[re.Pattern, ...]
    main_stance: dict[str, StanceRule]   # document kind (or "default") -> its rule
    # document kinds
    kind_rules: KindRules
    # title
    top_lines: int
    title_shape: TitleShape
    title_marks: str
    title_never: tuple[re.Pattern, ...]  # date lines, numbers, subtitles
    title_spaced: re.Pattern             # a title spelled out with spaces
    title_asides: re.Pattern             # (征求意见稿): left out when genres are looked for
    document_names: re.Pattern           # 《…》: the names of documents cited
    glued_title: GluedTitle
    # period
    period_range: re.Pattern
    period_year: re.Pattern
    period_opening_lines: int
    chinese_year: re.Pattern
    chinese_digits: dict[int, str]       # a str.translate table
    mentioned_year: re.Pattern
    opening_year: re.Pattern
    dated: re.Pattern                    # a date line under a title with no year
    dated_lines: int
    delivered_until_month: int
    planning_periods: dict[str, int]     # 十四五 -> 2021
    planning_period: re.Pattern          # any of their names
    coming_tasks: re.Pattern             # 今年重点工作: a heading of the coming year's tasks
    # noise
    metadata_label: re.Pattern
    metadata_labels: tuple[str, ...]
    label_marks: str
    label_without_value: re.Pattern
    noise_lines: tuple[re.Pattern, ...]
    header_patterns: tuple[re.Pattern, ...]
    noise_inline: tuple[re.Pattern, ...]
    footer_lines: tuple[re.Pattern, ...]
    domain_words: tuple[str, ...]
    news_title: TitleShape
    news_body_chars: int
    signature_patterns: tuple[re.Pattern, ...]
    menu: MenuShape
    crumb_separator: re.Pattern
    column_name_max_chars: int
    watermark: re.Pattern                # (?P<slogan>)(?P<address>)
    watermark_min_repeats: int
    closed_up: tuple[re.Pattern, ...]
    page_number: re.Pattern              # (?P<number>) at a line start
    page_number_after_chars: int
    page_numbers_min: int
    traditional_phrases: dict[str, str]  # respelled -> put back, same lengths
    respelled: dict[str, str]
    # headings
    heading_rules: tuple[HeadingRule, ...]
    own_line_starts: tuple[re.Pattern, ...]   # the numbering and other starts of a line of its own
    markdown_heading: re.Pattern
    heading_text_end: re.Pattern
    max_heading_chars: int
    inline_heading: re.Pattern
    inline_text_end: re.Pattern
    inline_max_chars: int
    sub_heading_max_chars: int           # a sub-heading that opens a part stands alone: this long at most
    running_line_chars: int              # a line this long may hold headings inside it
    running_heading: re.Pattern          # where a heading starts inside a running line
    running_text_end: re.Pattern
    lead_in_ends: tuple[str, ...]
    # sentences
    law_title: re.Pattern
    frames: tuple[Frame, ...]            # wordings inside one name work only as an area or object
    terminators: str
    quantity: re.Pattern
    # the submitting body
    body_rules: BodyRules
    # key figures
    numbers: NumberWords
    figures: FigureReading

    def stance_rule(self, kind: str) -> StanceRule:
        """How an element's stance is chosen in a document of this kind."""
        return self.main_stance.get(kind) or self.main_stance["default"]

    # --- the parts, as the stages look them up ---------------------------------------

    @cached_property
    def role_names(self) -> dict[str, str]:
        """Part id -> the name people know the part by."""
        return {p.id: p.name for p in self.parts}

    @cached_property
    def report_parts(self) -> tuple[str, ...]:
        """The parts of an annual report, in the places they sit in one."""
        placed = [p for p in self.parts if p.place is not None]
        return tuple(p.id for p in sorted(placed, key=lambda p: p.place or 0))

    @cached_property
    def default_part(self) -> str:
        return next(p.id for p in self.parts if p.default)

    @cached_property
    def planned_part(self) -> str:
        return next(p.id for p in self.parts if p.stance == "planned")

    @cached_property
    def part_stances(self) -> dict[str, str]:
        """Part id -> the stance of everything in it, for the parts that have one."""
        return {p.id: p.stance for p in self.parts if p.stance}

    @cached_property
    def sub_heading_parts(self) -> frozenset[str]:
        return frozenset(p.id for p in self.parts if p.sub_heading)

    @cached_property
    def first_part(self) -> str | None:
        return next((p.id for p in self.parts if p.first), None)

    @cached_property
    def account_parts(self) -> frozenset[str]:
        return frozenset(p.id for p in self.parts if p.account)

    @cached_property
    def report_marking_parts(self) -> frozenset[str]:
        return frozenset(p.id for p in self.parts if p.marks_report)
