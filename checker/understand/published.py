"""The date a report was published or signed, read where the file carries it.

Looked for in order of strength (rules/timeliness.yaml `dates`): a web copy's information
block (发布时间, 日期, 成文日期 with the date beside the label or under it), a re-hosting
site's stamp line under the title, the date under the signature at the report's end, and
last the document properties of a .docx or PDF, which tell when a file was saved rather
than when the report was published and are marked weak.

The information block and stamps are read from the lines as written: noise is blanked
before matching, but a date there is what timeliness is judged on.
"""

from __future__ import annotations

from datetime import date

from checker.packs.timeliness import DateReading
from checker.readers.source import SourceText
from checker.understand.records import NoiseRange, Published

FILE_PROPERTIES = {"docx": "docx-properties", "pdf": "pdf-metadata"}


def find_published(source: SourceText, noise: tuple[NoiseRange, ...] | list[NoiseRange],
                   body_lines: tuple[str, ...], reading: DateReading) -> Published | None:
    raw = source.match_lines
    noisy = sorted({i for r in noise for i in range(r.start - 1, r.end) if i < reading.top_lines})
    return (_labelled(raw, noisy, reading) or _stamp(raw, noisy, reading)
            or _signature(body_lines, reading) or _file_properties(source))


def _labelled(raw, noisy: list[int], reading: DateReading) -> Published | None:
    """The strongest label of the information block that has a date (labels in file order)."""
    found: dict[str, Published] = {}
    for index in noisy:
        match = reading.label_line.match(raw[index].strip())
        if not match or match.group("label") in found:
            continue
        value = _value_at(raw, index, match.group("rest"), noisy, reading)
        if value is not None:
            line, day = value
            label = reading.label(match.group("label"))
            found[label.label] = Published(day.isoformat(), label.means, label.source, label.label, line + 1)
    return next((found[item.label] for item in reading.labels if item.label in found), None)


def _value_at(raw, index: int, rest: str, noisy: list[int], reading: DateReading
              ) -> tuple[int, date] | None:
    """The date beside the label, or on one of the next lines of the block when the label
    stands alone (成文日期： / blank / 2020-03-11)."""
    if rest.strip():
        day = _numeric(rest, reading)
        return None if day is None else (index, day)
    following = [i for i in noisy if index < i <= index + reading.value_lines * 2 and raw[i].strip()]
    for line in following[:reading.value_lines]:
        day = _numeric(raw[line], reading)
        if day is not None:
            return line, day
        if reading.label_line.match(raw[line].strip()):
            return None      # the next label: this one had no value
    return None


def _stamp(raw, noisy: list[int], reading: DateReading) -> Published | None:
    """A stamp line (23.01.2017  13:33, or 2024-03-28 10:00 来源：…) in the noise at the top."""
    for index in noisy:
        match = reading.stamp.match(raw[index])
        day = _from_match(match, reading) if match else None
        if day is None:
            numeric = reading.numeric.match(raw[index].strip())
            day = _from_match(numeric, reading) if numeric else None
        if day is not None:
            return Published(day.isoformat(), "published", "web-stamp", "", index + 1)
    return None


def _signature(lines: tuple[str, ...], reading: DateReading) -> Published | None:
    """The date line under the signature, among the report's last lines (appended news and
    a site's footer are blanked already)."""
    tail = [i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()][:reading.signature_lines]
    for index in tail:
        match = reading.signature.match(lines[index])
        day = _from_match(match, reading) if match else None
        if day is not None:
            return Published(day.isoformat(), "signed", "signature", "", index + 1)
    return None


def _file_properties(source: SourceText) -> Published | None:
    """When the file was last saved (or made), from its own properties: weak evidence."""
    for key in ("modified", "created"):
        value = source.file_dates.get(key)
        if value:
            return Published(value, "saved", FILE_PROPERTIES.get(source.format, "file-properties"),
                             key, 0, weak=True)
    return None


def _numeric(text: str, reading: DateReading) -> date | None:
    match = reading.numeric.search(text)
    return _from_match(match, reading) if match else None


def _from_match(match, reading: DateReading) -> date | None:
    try:
        return date(*(chinese_number(match.group(g), reading.chinese_digits)
                      for g in ("year", "month", "day")))
    except ValueError:     # 2024-13-45, or a numeral that is not one
        return None


def chinese_number(text: str, digits: dict[str, int]) -> int:
    """2025, 二〇二五 (digit by digit), 十二, 二十七, 三十一 as a number."""
    text = text.strip()
    if text.isdigit() and text.isascii():
        return int(text)
    if "十" not in text:
        return int("".join(str(digits[c]) if c in digits else c for c in text))
    tens, _, ones = text.partition("十")
    if (tens and tens not in digits) or (ones and ones not in digits):
        raise ValueError(text)
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
