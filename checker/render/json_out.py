"""The `fazhi.result/1` JSON contract (DESIGN.md); schema in checker/schemas/."""

from __future__ import annotations

import json

from checker.results import results_to_dict


def render(reports, options=None) -> str:
    return json.dumps(results_to_dict(reports), ensure_ascii=False, indent=2) + "\n"
