"""Timeliness: was the report made public by the deadline for its body's level?

The deadline and its basis are data (rules/timeliness.yaml). A report is `on-time` when the
date it carries is before the deadline of the year after the last year it covers, `late`
when it is on or after it, and `unknown` when there is no date, no period, no deadline for
the body's level, or the period is older than the rule. A signing date after the deadline
is late too (it cannot have been published before it was signed); a date from the file's
own properties is weak evidence, and the status says so.
"""

from __future__ import annotations

from checker.packs.timeliness import Timeliness as Rules
from checker.understand.records import DocumentInfo, Timeliness


def judge_timeliness(info: DocumentInfo, level: str | None, rules: Rules) -> Timeliness:
    deadline = rules.deadline_for(level)
    if deadline is None:
        return Timeliness("unknown", None, level, "", f"no deadline for a body of level {level}",
                          "no-deadline")
    if info.period is None:
        return Timeliness("unknown", None, level, deadline.basis,
                          "no period: the deadline's year is unknown", "no-period")
    year = info.period[1]
    if year < rules.since:
        return Timeliness("unknown", None, level, deadline.basis,
                          f"the rule applies to reports on {rules.since} and later", "before-rule")
    due = deadline.for_year(year)
    published = info.published
    if published is None:
        return Timeliness("unknown", due.isoformat(), level, deadline.basis,
                          "no publication or signing date found in the file", "no-date")
    late = published.date >= due.isoformat()
    status = "late" if late else "on-time"
    where = published.label or published.source
    why = (f"{published.means} {published.date} ({where}), "
           f"{'on or after' if late else 'before'} {due.isoformat()}: {deadline.what}")
    if published.weak:
        why += "; the file's own properties are weak evidence"
    return Timeliness(status, due.isoformat(), level, deadline.basis, why)
