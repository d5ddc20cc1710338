#!/usr/bin/env python3
"""fazhi's key figures on the seeds, beside a plain regular-expression search.

    python ci/eval_figures.py           # precision, recall and F1 of both, and what they miss
    python ci/eval_figures.py --json    # the same, machine-readable

The gold figures are seeds/figures.yaml: every figure the five sample reports state, for the
figures the shipped packs declare, checked by hand (its comments say what is left out on
purpose; its `missed:` entries are gold figures too). No gold labels for figures exist for
the real texts of tests/fixtures/real, so ci/eval_real.py has no figure measure.

fazhi runs as a user runs it (`python -m checker check --format json` on the seeds); its
JSON result is read, never its internals. The regular-expression search is what an
inspector would write with the same wordings the packs declare: for each figure, a wording
followed within the same distance by a number in one of its units (or, for its `counted`
wordings, the number right before), anywhere in the text — no stance, no context, no
standing rules, Arabic digits only. A reading is right when its figure, line and value are
a gold one's.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = SEEDS / "figures.yaml"
PACKS = [ROOT / "rules" / name for name in ("core.yaml", "practice.yaml")]
WITHIN = 14            # the distance fazhi uses (language.yaml figures.within)
NUMBER = r"(\d+(?:\.\d+)?)\s*(?:多|余)?\s*"

Reading = tuple[str, str, int, float]      # (file, element.figure, line, value)


def gold() -> set[Reading]:
    data = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    return {(name, item["figure"], item["line"], float(item["value"]))
            for name, record in data.items()
            for item in record.get("figures", []) + record.get("missed", [])}


def fazhi_readings(files: list[Path]) -> set[Reading]:
    run = subprocess.run([sys.executable, "-m", "checker", "check", "--format", "json", *map(str, files)],
                         capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=False)
    if run.returncode not in (0, 1):
        sys.exit(f"fazhi failed: {run.stderr.strip()}")
    return {(Path(r["file"]).name, f"{f['element']}.{f['figure']}", f["line"], float(f["value"]))
            for r in json.loads(run.stdout)["reports"] for f in r.get("figures", [])}


def declared_figures() -> list[tuple[str, dict]]:
    """(element.figure, the figure's declaration) for every figure of the shipped packs."""
    found = []
    for path in PACKS:
        for element in yaml.safe_load(path.read_text(encoding="utf-8"))["elements"]:
            found += [(f"{element['id']}.{f['id']}", f) for f in element.get("figures", [])]
    return found


def regex_readings(files: list[Path]) -> set[Reading]:
    found: set[Reading] = set()
    patterns = []
    for name, figure in declared_figures():
        units = "|".join(re.escape(u) for u in [figure["unit"], *figure.get("units", [])])
        unit = "(?:%|％)" if figure["unit"] == "%" else f"(?:{units})"
        for wording in figure.get("wordings", []):
            patterns.append((name, re.compile(f"{re.escape(wording)}[^。；]{{0,{WITHIN}}}?{NUMBER}{unit}")))
        for wording in figure.get("counted", []):
            patterns.append((name, re.compile(f"{NUMBER}{unit}{re.escape(wording)}")))
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for name, pattern in patterns:
                found |= {(path.name, name, number, float(m.group(1))) for m in pattern.finditer(line)}
    return found


def scores(predicted: set[Reading], expected: set[Reading]) -> dict:
    right = len(predicted & expected)
    precision = right / len(predicted) if predicted else 1.0
    recall = right / len(expected) if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"readings": len(predicted), "right": right, "precision": round(precision, 3),
            "recall": round(recall, 3), "f1": round(f1, 3),
            "wrong": sorted(predicted - expected), "missed": sorted(expected - predicted)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print the measures as JSON")
    args = parser.parse_args()
    files = sorted(SEEDS.glob("*.txt"))
    expected = gold()
    results = {"regex search": scores(regex_readings(files), expected),
               "fazhi": scores(fazhi_readings(files), expected)}
    if args.json:
        print(json.dumps({"gold": len(expected), **results}, ensure_ascii=False, indent=2))
        return 0
    print(f"key figures on the seeds: {len(expected)} gold figures in {len(files)} texts "
          f"(seeds/figures.yaml, checked by hand)\n")
    print(f"{'measure':<12}" + "".join(f"{name:>16}" for name in results))
    for measure in ("readings", "right", "precision", "recall", "f1"):
        print(f"{measure:<12}" + "".join(f"{r[measure]:>16}" for r in results.values()))
    for name, result in results.items():
        for label in ("wrong", "missed"):
            if result[label]:
                print(f"\n{name}, {label} ({len(result[label])}):")
                for file, figure, line, value in result[label]:
                    print(f"  {file}:{line}  {figure} = {value:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
