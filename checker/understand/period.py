"""The period a report covers, and the year its requirements are judged against."""

from __future__ import annotations

import datetime

from checker.language.model import Language


def find_period(title: str, lines, title_lines, language: Language) -> tuple[int, int] | None:
    """From the title, else from the opening lines (现将2024年度…情况报告如下)."""
    found = _period_in(title, language)
    if found:
        return found
    start = (max(title_lines) + 1) if title_lines else 0
    body = [t for t in lines[start:] if t.strip()][: language.period_opening_lines]
    for text in body:
        if any(w in text for w in language.kind_rules.report_openers):
            found = _period_in(text, language)
            if found:
                return found
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
