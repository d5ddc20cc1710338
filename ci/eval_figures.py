#!/usr/bin/env python3
"""fazhi's key figures on the seeds or the real reports, beside a plain regular-expression search.

    python ci/eval_figures.py              # the seeds: precision, recall and F1 of both, and what they miss
    python ci/eval_figures.py --set real   # the 46 real reports of tests/fixtures/real
    python ci/eval_figures.py --json       # the same, machine-readable

The gold figures are a figures.yaml beside the texts, checked by hand: seeds/figures.yaml
(every figure the five sample reports state, for the figures the shipped packs declare) and
tests/fixtures/real/figures.yaml (the same for the real texts whose gold kind is a report;
it was labelled by reading each text before fazhi's figure reading was run). Their comments
say what is left out on purpose; `missed:` entries are gold figures too. Only the texts the
gold file lists are scored. ci/eval_real.py prints the real set's precision and recall
beside its other measures.

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
REAL_TEXTS = ROOT / "tests" / "fixtures" / "real" / "texts"
SETS = {"seeds": (SEEDS, SEEDS / "figures.yaml"),                 # name -> (texts, gold figures)
        "real": (REAL_TEXTS, REAL_TEXTS.parent / "figures.yaml")}
PACKS = [ROOT / "rules" / name for name in ("core.yaml", "practice.yaml")]
WITHIN = 14            # the distance fazhi uses (language.yaml figures.within)
NUMBER = r"(\d+(?:\.\d+)?)\s*(?:多|余)?\s*"

Reading = tuple[str, str, int, float]      # (file, element.figure, line, value)


def gold(path: Path = SETS["seeds"][1]) -> set[Reading]:
    """The gold readings of a figures.yaml (`figures` and `missed` alike)."""
    return {(name, item["figure"], item["line"], float(item["value"]))
            for name, record in gold_records(path).items()
            for item in record.get("figures", []) + record.get("missed", [])}


def gold_records(path: Path) -> dict[str, dict]:
    """file name -> its record in a figures.yaml."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def set_files(name: str) -> list[Path]:
    """The texts of a set that its gold file lists (every one of them is scored, even with
    no figure: a reading there is a wrong one)."""
    folder, path = SETS[name]
    return [folder / file for file in sorted(gold_records(path))]


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
    return {(path.name, *reading) for path in files
            for reading in regex_text_readings(path.read_text(encoding="utf-8"))}


def regex_text_readings(text: str) -> set[tuple[str, int, float]]:
    """(element.figure, line, value) the regular-expression search finds in one text."""
    found: set[tuple[str, int, float]] = set()
    patterns = []
    for name, figure in declared_figures():
        units = "|".join(re.escape(u) for u in [figure["unit"], *figure.get("units", [])])
        unit = "(?:%|％)" if figure["unit"] == "%" else f"(?:{units})"
        for wording in figure.get("wordings", []):
            patterns.append((name, re.compile(f"{re.escape(wording)}[^。；]{{0,{WITHIN}}}?{NUMBER}{unit}")))
        for wording in figure.get("counted", []):
            patterns.append((name, re.compile(f"{NUMBER}{unit}{re.escape(wording)}")))
    for number, line in enumerate(text.splitlines(), start=1):
        for name, pattern in patterns:
            found |= {(name, number, float(m.group(1))) for m in pattern.finditer(line)}
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
    parser.add_argument("--set", default="seeds", choices=SETS,
                        help="seeds: the five sample reports; real: the real reports of tests/fixtures/real")
    args = parser.parse_args()
    files = set_files(args.set)
    expected = gold(SETS[args.set][1])
    results = {"regex search": scores(regex_readings(files), expected),
               "fazhi": scores(fazhi_readings(files), expected)}
    if args.json:
        print(json.dumps({"gold": len(expected), **results}, ensure_ascii=False, indent=2))
        return 0
    where = SETS[args.set][1].relative_to(ROOT)
    print(f"key figures on the {args.set} texts: {len(expected)} gold figures in {len(files)} texts "
          f"({where}, checked by hand)\n")
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
