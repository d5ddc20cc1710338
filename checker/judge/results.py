"""Immutable records that flow from the scorer to every renderer.

The JSON form of these records is the public contract `fazhi.result/1` (docs/design.md);
checker/schemas/result.schema.json describes it and tests validate real output against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker.understand.records import DocumentInfo

if TYPE_CHECKING:
    from checker.judge.decisions import Decided

STANCES = ("achieved", "planned", "problem", "absent")
STATUSES = ("met", "partial", "missing", "not-applicable")


@dataclass(frozen=True)
class Evidence:
    line: int                 # line in the report's plain text (1-based)
    column: int               # column of the matched term in that line (1-based)
    section: str              # heading path of the part the sentence sits in ("" before any heading)
    role: str                 # achievements | leader-duty | shortcomings | next-steps | other
    text: str                 # the sentence, quoted as written in the file
    stance: str               # achieved | planned | problem: what this sentence says
    term: str                 # the wording that matched
    where: str = ""           # location in the original format ('page 2, line 5', 'paragraph 7')
    part: str | None = None   # sub-part id, for evidence of one part of the element
    why: str = ""             # why it got that stance ('under a next-steps heading', 'cue 有待')


@dataclass(frozen=True)
class PartResult:
    id: str
    title: str
    stance: str


@dataclass(frozen=True)
class ElementResult:
    id: str
    pack: str
    title: str
    severity: str             # required | recommended
    weight: float
    status: str               # met | partial | missing | not-applicable
    stance: str
    also: tuple[str, ...]
    score: float | None       # 1 / 0.5 / 0, None when it does not count (not applicable, waived)
    applicable: bool
    hint: str
    evidence: tuple[Evidence, ...] = ()
    parts: tuple[PartResult, ...] | None = None
    level: str | None = None  # which claim level fired (e.g. coverage / mentioned)
    waived: str | None = None  # the waiver's reason when the element is waived
    figures_declared: tuple[str, ...] = ()   # ids of the key figures the element carries
    decision: Decided | None = None  # an inspector's decision, with what fazhi found
    short: str = ""           # short name for table headers (the pack's `short`, else the title)


@dataclass(frozen=True)
class KeyFigure:
    """One key figure read from a sentence that reports the work done (checker.judge.figures)."""

    element: str              # the element that declares it
    figure: str               # the figure's id within the element: appearance-rate
    title: str                # 负责人出庭应诉率
    value: float              # the number (the low end of a range)
    unit: str                 # as the pack declares it: %, 件, 名
    text: str                 # the number as written: 40多名, 近百件, 24.5%
    approx: str | None        # more-than | nearly | about | at-least, None when exact
    high: float | None        # the high end of a range (3%-5%), else None
    period: str | None        # the period the sentence names before it (全年, 2019年), else None
    line: int                 # line in the report's plain text (1-based)
    column: int               # column of the number in that line (1-based)
    where: str                # location in the original format
    section: str              # heading path of the part the sentence sits in
    role: str                 # the part of the report
    wording: str              # the wording that introduced it
    sentence: str             # the sentence, quoted as written in the file


_UNDECODED_BYTE = re.compile("[\udc80-\udcff]")


def shown_path(path: str) -> str:
    """A file name as every output shows it: a byte that is not UTF-8 (Python keeps it as a
    lone surrogate, which no UTF-8 file or JSON parser takes) written as `\\xff`."""
    return _UNDECODED_BYTE.sub(lambda m: f"\\x{ord(m.group(0)) - 0xDC00:02x}", path)


@dataclass(frozen=True)
class ReadError:
    code: str
    message: str


@dataclass(frozen=True)
class ReportResult:
    file: str
    document: DocumentInfo | None
    score: float | None
    passed: bool
    missing: tuple[str, ...]
    elements: tuple[ElementResult, ...]
    pack_scores: dict[str, float] = field(default_factory=dict)
    errors: tuple[ReadError, ...] = ()
    format: str = ""
    figures: tuple[KeyFigure, ...] = ()     # the key figures the report states, in text order
    sha256: str = ""          # of the file's bytes: the key of inspectors' decisions in the ledger

    def __post_init__(self):
        object.__setattr__(self, "file", shown_path(self.file))

    def element(self, element_id: str) -> ElementResult:
        for element in self.elements:
            if element.id == element_id:
                return element
        raise KeyError(element_id)


