"""What every output says about the run that made it: the gate it applied (preset,
threshold, the severities that fail), the date, fazhi's version and each rule pack's
version, so a result read months later, or passed on, says by which rules it was reached.

The date is the day of the run in local time, or the day SOURCE_DATE_EPOCH names (the
reproducible-builds convention): two audits of the same folders on one day, or under one
SOURCE_DATE_EPOCH, give the same bytes.
"""

from __future__ import annotations

import os
from datetime import date, datetime

from checker import __version__
from checker.judge.scoring import Gate
from checker.render.words import Words


def run_date() -> str:
    """Today (ISO), or the day of SOURCE_DATE_EPOCH when it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch)).date().isoformat()
    return date.today().isoformat()


def pack_versions(packs) -> list[dict]:
    """[{name, version, digest}] of the packs in force (none when the renderer was given no
    packs, as in a test rendering saved results)."""
    if packs is None:
        return []
    return [{"name": p.name, "version": p.version, "digest": p.digest} for p in packs.packs]


def run_facts(options) -> dict:
    """The run, as the JSON `run` object (and SARIF/JUnit properties)."""
    gate = options.gate
    return {"date": options.date, "fazhi": __version__,
            "gate": {"preset": gate.preset, "fail_under": gate.fail_under,
                     "fail_on": list(gate.fail_on)},
            "packs": pack_versions(options.packs)}


def gate_text(gate: Gate, words: Words) -> str:
    """`preset audit: a report fails under 80, or when a required or recommended element is missing`."""
    same_as_defaults = (gate.fail_under, gate.fail_on) == (Gate().fail_under, Gate().fail_on)
    preset = (words("about.preset", preset=gate.preset) if gate.preset
              else words("about.default-settings") if same_as_defaults else words("about.custom-settings"))
    severities = (words("about.severity-or").join(words.severity(s) for s in gate.fail_on)
                  if gate.fail_on else words("about.no-severity"))
    return words("about.gate", preset=preset, threshold=f"{gate.fail_under:g}", severities=severities)


def packs_text(packs, words: Words) -> str:
    """`core 2026.1 (e880b4d3b8d4), annual-report 2026.1 (187e9d4f187c)`."""
    return ", ".join(words("about.pack", name=p["name"], digest=p["digest"],
                           version=p["version"] or words("about.no-pack-version"))
                     for p in pack_versions(packs)) or words("about.packs-not-recorded")


def about_lines(options) -> list[str]:
    """Two lines for human outputs: the gate, then date, fazhi's version and the packs."""
    words = options.words
    return [words("about.gate-line", gate=gate_text(options.gate, words)),
            words("about.run-line", date=options.date, version=__version__,
                  packs=packs_text(options.packs, words))]
