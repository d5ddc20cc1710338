"""A report written the way current reports are (five parts, leader duty on its own),
not one of the seeds: the checker must credit it fully."""

from __future__ import annotations

from pathlib import Path

from checker.run import check_path

REPORT = Path(__file__).parent / "fixtures" / "reports" / "modern_2023.txt"


def test_a_complete_modern_report_passes_with_every_part_and_duty(packs):
    result = check_path(str(REPORT), packs)
    assert result.document.kind == "annual-report" and result.document.period == (2023, 2023)
    assert result.document.sections == {"achievements": "present", "leader-duty": "present",
                                        "shortcomings": "present", "next-steps": "present"}
    statuses = {e.id: e.status for e in result.elements}
    assert all(status == "met" for status in statuses.values()), statuses
    assert result.score == 100.0 and result.passed and not result.missing
    counsel = result.element("counsel-coverage")
    assert counsel.stance == "achieved" and counsel.also == ("problem",)
    assert result.document.noise == ()
