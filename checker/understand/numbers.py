"""Numbers as reports write them: 1,248人, 98.9%, 1.4万余起, 四十五名, 两千余件, 近百件,
百分之九十五, 3%-5%, 10至15件. Each is read with its unit and its approximation, which is
kept (40多名 is "more than 40", not 40); the words are language.yaml's `numbers`.

A number written in Chinese numerals counts only with a unit or as a percentage: 一是,
统一, 十八大 hold numerals but state no figure. A numeral after an ordinal word (第一批) is
no count either.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from checker.language.model import NumberWords


@dataclass(frozen=True)
class Number:
    start: int                 # where it starts in the text, approximation words included
    end: int                   # where it ends, unit and approximation after it included
    value: float
    high: float | None         # the top of a range (3%-5%), else None
    approx: str | None         # more-than | nearly | about | at-least, or None when exact
    unit: str                  # the unit as written; a percentage's is the first percent sign
    text: str                  # as written: 40多名, 近百件, 24.5%

    @property
    def numeral_only(self) -> bool:
        """Read as a plain number with no unit (a year, a code): it ends a wording's reach
        but is no figure."""
        return not self.unit


def find_numbers(text: str, words: NumberWords) -> list[Number]:
    """Every number in `text`, in order."""
    found = []
    for match in words.pattern.finditer(text):
        number = _number(match, text, words)
        if number is not None:
            found.append(number)
    return found


def _number(match, text: str, words: NumberWords) -> Number | None:
    written = match.group("number")
    arabic = written[0].isdigit()
    value = numeral_value(written, words)
    if value is None or not math.isfinite(value):   # 400 digits in a row are no figure
        return None
    percent = bool(match.group("percent")) or (match.group("unit") or "") in words.percent_signs
    unit = words.percent_signs[0] if percent else (match.group("unit") or "")
    if not arabic and not unit:
        return None
    if text.endswith(words.ordinal_before, 0, match.start()):
        return None
    high = numeral_value(match.group("high"), words) if match.group("high") else None
    if high is not None and not math.isfinite(high):
        high = None
    approx = _approximation(match, words)
    end = match.end() if unit else match.end("number")
    start = match.start() if unit or match.group("before") is None else match.start("number")
    return Number(start, end, value, high, approx, unit, text[start:end])


def _approximation(match, words: NumberWords) -> str | None:
    for group, table in (("before", words.approximate_before), ("after", words.approximate_after),
                         ("after_unit", words.approximate_after_unit)):
        if match.group(group):
            return table[match.group(group)]
    return None


def numeral_value(written: str, words: NumberWords) -> float | None:
    """The value of a numeral: Arabic (1,248; 98.9; 1.4万) or Chinese (四十五, 一百零三, 两千,
    百, 二点五, 一九), None when it is neither."""
    big = 1
    if written and written[-1] in words.big_multipliers and written[0].isdigit():
        big, written = words.big_multipliers[written[-1]], written[:-1]
    if written and written[0].isdigit():
        for separator in words.thousands_separators:
            written = written.replace(separator, "")
        for point in words.decimal_points:
            written = written.replace(point, ".")
        try:
            return float(written) * big
        except ValueError:
            return None
    return _chinese_value(written, words)


def _chinese_value(written: str, words: NumberWords) -> float | None:
    whole, fraction = written, ""
    for point in words.decimal_points:
        if point in written:
            whole, _, fraction = written.partition(point)
            break
    value = _chinese_whole(whole, words)
    if value is None:
        return None
    if fraction:
        digits = "".join(str(words.digits[c]) for c in fraction if c in words.digits)
        value += float("0." + digits) if digits else 0.0
    return value


def _chinese_whole(written: str, words: NumberWords) -> float | None:
    """十二 = 12, 四十五 = 45, 一百零三 = 103, 一万二千 = 12000, 百 = 100; a run of digits
    with no multiplier (一九, 二〇二三) is read digit by digit."""
    if not written:
        return None
    if all(c in words.digits for c in written):
        return float("".join(str(words.digits[c]) for c in written))
    total, section, digit, last_big = 0, 0, 0, 0
    for char in written:
        if char in words.digits:
            digit = words.digits[char]
        elif char in words.multipliers:
            section += (digit or 1) * words.multipliers[char]
            digit = 0
        elif char in words.big_multipliers:
            big = words.big_multipliers[char]
            section = (section + digit) or 1
            # 一亿二千万: 万 multiplies only what follows 亿; 十万, 一万: all before
            total = total + section * big if 0 < big < last_big else (total + section) * big
            section, digit, last_big = 0, 0, max(last_big, big)
        else:
            return None
    return float(total + section + digit)
