"""The period a report covers, and the year its requirements are judged against."""

from __future__ import annotations

import datetime

from checker.language.model import Language


def find_period(title: str, body, language: Language) -> tuple[int, int] | None:
    """From the title; else from the body's opening lines (the names of the documents it
    cites left out): the report opener (现将2024年度…情况报告如下), the year the first
    sentence opens with (2019年，在省委…领导下，…), or the date under a title with no year
    (——2025年1月14日在…会议上: a report delivered early in a year covers the year before)."""
    found = _period_in(title, language)
    if found:
        return found
    opening = [language.document_names.sub("", t) for t in body if t.strip()][: language.period_opening_lines]
    openers = language.kind_rules.report_openers
    for text in opening:
        if any(w in text for w in openers):
            found = _period_in(text, language)
            if found:
                return found
    return _opening_year(opening, language) or (_delivered(opening, language) if title else None)


def _opening_year(opening: list[str], language: Language) -> tuple[int, int] | None:
    """The year a report's first sentence opens with (kinds.opening: 2019年，…坚持…), not any
    year a text starts with (1978年，党的十一届三中全会… in an essay)."""
    for text in opening:
        text = _arabic_years(text, language)
        match = language.opening_year.match(text)
        if match and language.kind_rules.report_opening.match(text):
            return int(match.group("year")), int(match.group("year"))
    return None


def _delivered(opening: list[str], language: Language) -> tuple[int, int] | None:
    for text in opening[: language.dated_lines]:
        match = language.dated.match(_arabic_years(text, language))
        if match:
            year = int(match.group("year"))
            if int(match.group("month")) <= language.delivered_until_month:
                year -= 1
            return year, year
    return None


def _arabic_years(text: str, language: Language) -> str:
    """二〇二三年 -> 2023年, as formal documents often write the year."""
    return language.chinese_year.sub(lambda m: m.group(0).translate(language.chinese_digits), text)


def _period_in(text: str, language: Language) -> tuple[int, int] | None:
    """A range of years, else one year."""
    text = _arabic_years(text, language)
    match = language.period_range.search(text)
    if match:
        return int(match.group("from")), int(match.group("to"))
    match = language.period_year.search(text)
    if match:
        return int(match.group("year")), int(match.group("year"))
    return None


def named_years(text: str, language: Language) -> list[int]:
    """The years a text names: 2020年, a document number's 〔2013〕, and the first year of a
    five-year planning period ("十五五"时期目标任务 -> 2026)."""
    years = [int(m.group("year")) for m in language.mentioned_year.finditer(_arabic_years(text, language))]
    return years + [language.planning_periods[m.group(0)] for m in language.planning_period.finditer(text)]


def applicable_year(period, lines, language: Language, this_year: int | None) -> tuple[int, str]:
    """The year requirements are judged against: the period's last year; with no period,
    the latest year the text mentions (a plan citing 〔2013〕 documents was written then);
    with neither, the current rules."""
    current = this_year or datetime.date.today().year
    if period:
        return period[1], "period"
    years = [int(m.group("year")) for t in lines for m in language.mentioned_year.finditer(t)]
    years = [y for y in years if y <= current]
    if years:
        return max(years), "latest year mentioned"
    return current, "current rules"
