"""What understanding a report finds before any matching: its title, kind, period,
headings with the role of each part, and the noise that is not the report."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.understand.fingerprint import Fingerprint


@dataclass(frozen=True)
class NoiseRange:
    start: int                # first line (1-based)
    end: int                  # last line (inclusive)
    what: str                 # before-title | web-metadata | stamp-or-url | trailing-news | page-footer


@dataclass(frozen=True)
class Notice:
    """A warning about a report, as a catalogue key and its values, so that each output
    words it in its reader's language (render/words.py; JSON carries the English)."""

    key: str                                  # under `warning:` in rules/catalogue/*.yaml
    params: tuple[tuple[str, str], ...] = ()  # (placeholder, value)

    @classmethod
    def of(cls, key: str, **params: object) -> Notice:
        return cls(key, tuple((name, str(value)) for name, value in params.items()))


@dataclass(frozen=True)
class Heading:
    line: int
    level: int
    label: str                # the numbering as written: 一、 (一) 1. ① 一是
    text: str
    role: str
    why: str = ""             # why it has its role: the wording it names, its place, its parent
    column: int = 1           # where it starts in its line (a running line holds several)


@dataclass(frozen=True)
class DocumentGenre:
    """What a document that is not an annual report looks like (rules/language.yaml
    kinds.genres): 政府工作报告, 新闻报道, 实施方案…"""

    id: str                   # government-work-report, news, plan, ...
    name: str                 # the name an inspector knows it by


@dataclass(frozen=True)
class KindSignal:
    """One thing seen that points to a kind of document, in the order the signals are tried."""

    signal: str               # title-genre | title-report | title-plan | carried | opening-genre |
                              # opener | opening-sentence | register | structure
    says: str                 # the kind it points to, or "" when it points to none
    evidence: str             # what was seen (the words, or counts)
    genre: str = ""           # the genre id it points to
    decided: bool = False     # the first signal that names a kind decides


@dataclass(frozen=True)
class Body:
    """The submitting body (报送单位) of a report (understand/body.py)."""

    name: str                 # as the report names it: 武汉市武昌区人民政府
    short: str                # the same body however it is named: 武昌区, 武汉市司法局
    level: str | None         # province | city | county | township | department | None
    source: str               # where it was read: title | opening | signature | folder | file | text


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    kind: str                 # annual-report | implementation-plan | other
    period: tuple[int, int] | None
    chars: int
    as_of: int | None = None  # the year applicability was judged against
    as_of_source: str = ""    # period | latest year mentioned | current rules
    noise: tuple[NoiseRange, ...] = ()
    headings: tuple[Heading, ...] = ()
    # role -> present | folded | absent: filled in by the judge, from the section elements
    sections: dict[str, str] = field(default_factory=dict)
    warnings: tuple[Notice, ...] = ()
    genre: DocumentGenre | None = None        # what it looks like, when not an annual report
    kind_signals: tuple[KindSignal, ...] = ()  # why it is of its kind
    body: Body | None = None                   # who submits it
    published: Published | None = None        # the date the file carries, and where it was read
    timeliness: Timeliness | None = None      # filled in by the judge: on-time | late | unknown
    fingerprint: Fingerprint | None = None     # its text, to find copies of it (fingerprint.py)


@dataclass(frozen=True)
class Published:
    """The date a report carries: when it was published, signed or (weakly) saved."""

    date: str                 # ISO date, 2025-03-28
    means: str                # published | signed | saved
    source: str               # web-metadata | web-stamp | signature | docx-properties | pdf-metadata
    label: str = ""           # the label it stood under (发布时间, 成文日期), or the property's name
    line: int = 0             # 1-based line in the file's text; 0 for a file property
    weak: bool = False        # tells when the file was saved, not when it was made public


@dataclass(frozen=True)
class Timeliness:
    """Whether the report was made public by the deadline for its body's level."""

    status: str               # on-time | late | unknown
    deadline: str | None      # ISO date: the report is late on or after it
    level: str | None         # the body's level the deadline is for (None: unknown, all alike)
    basis: str                # the rule's legal basis
    why: str                  # what the status rests on, in a line
    # which case it is, for the words people read: dated | no-deadline | no-period |
    # before-rule | no-date (checker/judge/timeliness.py)
    reason: str = "dated"
