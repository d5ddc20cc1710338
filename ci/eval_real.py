#!/usr/bin/env python3
"""fazhi on the 81 real texts of tests/fixtures/real, beside a plain keyword search.

    python ci/eval_real.py           # the table, the disagreements, the measures below target
    python ci/eval_real.py --list    # every disagreement, not only the first few per measure
    python ci/eval_real.py --json    # the same, machine-readable

fazhi runs once, as a user runs it (`python -m checker check --format json` on every text);
its JSON result is read, never its internals. The keyword search is Ctrl-F with the words in
ci/keyword_baseline.yaml. Both are turned into the same `Reading` of each text, and every
measure compares a Reading with the gold labels (tests/fixtures/real/labels.yaml, whose
README states the conventions). `unsure` gold labels are never scored.

"Reports" are the texts whose gold kind is annual-report or template-draft (46). The
"core" labels are the five element fields of every record (first_responsible_person,
three_systems, major_decision_catalogue, major_decision_procedures, counsel): the four
elements of the core pack and major-decision-procedures, which the labels keep beside them
rather than among the extras.

Measures (see each function's docstring for the exact definition):

    document kind              all 81 texts                       target >= 77/81
    core presence F1           5 core labels x reports            target >= 0.98
    core stance accuracy       5 core labels x reports            (reported)
    counsel met vs partial     reports whose gold counsel is set  target 8/8
    three-systems parts F1     the three named parts x all texts  (reported)
    practice extras F1         10 extras x reports                target >= 0.92
    section.achievements F1    reports                            target >= 0.95
    section.leader-duty F1     reports                            target >= 0.95
    draft placeholders F1      reports                            target >= 0.90
    plan stance                15 keys x implementation plans     target >= 90 %
    decoy stance agreement     15 keys x decoys with stances      target >= 75 %
    key figures precision      figures read in the reports        target >= 0.95
    key figures recall         gold figures of the reports        target >= 0.85

Choices: the F1 measures of the report's contents (extras, sections, placeholders) count
the reports only, as the labels describe what a report holds; the three-systems parts count
every text, since their items are labelled "whatever the stance" (plans name them too). A
section counts only under its own heading or numbered lead-in (the README's convention for
leader_duty); fazhi's `folded` leader duty does not. The key figures are scored against
figures.yaml beside the labels (a set without one has no figure measures), with
ci/eval_figures.py's regular-expression search as the baseline: a reading is right when
its figure, line and value are a gold one's. "fazhi is ahead" means a higher value than
the keyword search (or both perfect).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FigureReading = tuple[str, int, float]                      # (element.figure, line, value)

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real"
SETS = {"real": REAL, "heldout": ROOT / "tests" / "fixtures" / "heldout"}
BASELINE = Path(__file__).resolve().parent / "keyword_baseline.yaml"

CORE = ["first_responsible_person", "three_systems", "major_decision_catalogue",
        "major_decision_procedures", "counsel"]
EXTRAS = ["admin_reconsideration", "leader_in_court", "normative_docs_review", "study_sessions",
          "leader_law_report", "enforcement_credentials", "discretion_benchmarks",
          "open_government", "law_popularisation", "mediation"]
STANCE_KEYS = CORE + EXTRAS                                     # the fifteen keys of `stances`
PARTS = ["publicity", "full_record", "legal_review"]
SECTIONS = ["achievements", "leader_duty", "shortcomings", "next_steps"]
REPORT_KINDS = {"annual-report", "template-draft"}
EXPECTED_KIND = {"annual-report": "annual-report", "template-draft": "annual-report",
                 "implementation-plan": "implementation-plan",
                 "decoy": "other|implementation-plan"}                # `|`: either is right
ELEMENT_ID = {**{k: k.replace("_", "-") for k in STANCE_KEYS}, "counsel": "counsel-coverage"}
SECTION_ID = {s: s.replace("_", "-") for s in SECTIONS}           # role names in document.sections


# ---------------------------------------------------------------- what a system read in a text

@dataclass
class Reading:
    """What one system says about one text, in the gold labels' own vocabulary."""
    kind: str
    stances: dict[str, str]                   # key -> main stance (achieved|planned|problem|absent)
    counsel: str                              # met | partial | missing
    parts: set[str] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)
    placeholders: bool = False
    level: str | None = None                  # the submitting body's level
    figures: set[FigureReading] = field(default_factory=set)


def run_fazhi(files: list[Path]) -> dict[str, dict]:
    """One fazhi run over every text; its reports by text id (file stem)."""
    cmd = [sys.executable, "-m", "checker", "check", "--format", "json", *map(str, files)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode not in (0, 1):
        raise SystemExit(f"fazhi exited {proc.returncode}: {proc.stderr.strip()}")
    reports = json.loads(proc.stdout)["reports"]
    unread = [f"{r['file']}: {r['errors']}" for r in reports if r["errors"]]
    if unread:
        raise SystemExit("fazhi could not read: " + "; ".join(unread))
    return {Path(r["file"]).stem: r for r in reports}


def fazhi_reading(report: dict) -> Reading:
    """fazhi's JSON report as a Reading.

    A section is present only when fazhi found it under its own heading (document.sections
    `present`); `folded` (the part's content found inside another part, with no heading or
    numbered lead-in of its own) is not counted, as the gold counts `leader_duty` only when
    a heading or a numbered lead-in names the duty. Placeholders are flagged when
    draft.placeholders is not met or carries evidence.
    """
    elements = {e["id"]: e for e in report["elements"]}
    stances = {key: elements[ELEMENT_ID[key]]["stance"] for key in STANCE_KEYS}
    counsel = elements["counsel-coverage"]
    parts = {p["id"].replace("-", "_") for p in elements["three-systems"].get("parts", [])
             if p["stance"] != "absent"}
    sections = {s for s in SECTIONS if report["document"]["sections"].get(SECTION_ID[s]) == "present"}
    draft = elements["draft.placeholders"]
    body = report["document"].get("body")
    figures = {(f"{f['element']}.{f['figure']}", f["line"], float(f["value"]))
               for f in report.get("figures", [])}
    return Reading(kind=report["document"]["kind"], stances=stances,
                   counsel=counsel_status(counsel), parts=parts, sections=sections,
                   placeholders=draft["status"] != "met" or bool(draft["evidence"]),
                   level=body["level"] if body else None, figures=figures)


def counsel_status(element: dict) -> str:
    """met | partial | missing. When the rule does not apply to the report's year
    (not-applicable) the status says nothing, so it is read from the stance and the evidence:
    partial when found, missing when not."""
    if element["status"] in ("met", "partial", "missing"):
        return element["status"]
    return "missing" if element["stance"] == "absent" else "partial"


def keyword_reading(text: str, title: str, words: dict) -> Reading:
    """Ctrl-F: found anywhere means present and done; there is no planned or problem. Its
    figures are ci/eval_figures.py's regular-expression search (a wording of the packs, then
    a number in the figure's unit)."""
    def found(ws: list[str], where: str = text) -> bool:
        return any(w in where for w in ws)
    stances = {k: "achieved" if found(words["elements"][k]) else "absent" for k in STANCE_KEYS}
    counsel = "missing"
    if stances["counsel"] != "absent":
        counsel = "met" if found(words["counsel_coverage"]) else "partial"
    kind = next((k for k, ws in words["kind"].items() if found(ws, title)), "other")
    level = next((k for k, ws in words["level"].items() if found(ws, title)), None)
    return Reading(kind=kind, stances=stances, counsel=counsel,
                   parts={p for p, ws in words["three_systems_parts"].items() if found(ws)},
                   sections={s for s, ws in words["sections"].items() if found(ws)},
                   placeholders=found(words["placeholders"]), level=level,
                   figures=eval_figures().regex_text_readings(text))


def eval_figures():
    """ci/eval_figures.py, loaded from beside this script (ci/ is not a package)."""
    if "eval_figures" not in sys.modules:
        script = Path(__file__).with_name("eval_figures.py")
        spec = importlib.util.spec_from_file_location("eval_figures", script)
        assert spec and spec.loader
        sys.modules["eval_figures"] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules["eval_figures"]


def first_line(text: str) -> str:
    """The keyword search's title: the text's first non-empty line (it sees only the file,
    as fazhi does; the labels' `title` is not given to it)."""
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")


# ---------------------------------------------------------------- gold

def main_stance(value) -> str:
    """A gold stance `X` or `{stance: X, also: [...]}` -> X."""
    return value["stance"] if isinstance(value, dict) else value


def gold_core_stance(labels: dict, key: str) -> str:
    """Gold stance of a core key in a report. counsel is labelled coverage|mentioned|absent
    there: coverage and mentioned are counsel stated as in place, i.e. achieved."""
    if key == "counsel":
        return "absent" if labels["counsel"] == "absent" else "achieved"
    value = labels[key]
    return main_stance(value["stance"] if key == "three_systems" else value)


# ---------------------------------------------------------------- measures

@dataclass
class Score:
    """A measure's value for one system, with the text-level disagreements behind it."""
    hits: float
    total: float
    f1: bool = False                           # value is an F1, hits/total are tp / (2tp+fp+fn)
    rows: list[tuple[str, str, str, str, bool]] = field(default_factory=list)  # id, item, gold, got, right

    @property
    def misses(self) -> list[tuple[str, str, str, str]]:
        return [row[:4] for row in self.rows if not row[4]]

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def show(self) -> str:
        if self.f1:
            return f"{self.value:.3f}"
        return f"{int(self.hits)}/{int(self.total)} ({100 * self.value:.1f}%)"


def accuracy(pairs) -> Score:
    """pairs: (text id, item, gold, got); right when gold == got, or got is one of the
    `|`-separated kinds in gold."""
    rows = [(tid, item, gold, got, got in gold.split("|")) for tid, item, gold, got in pairs]
    return Score(sum(row[4] for row in rows), len(rows), rows=rows)


def f1(pairs) -> Score:
    """pairs: (text id, item, gold: bool, got: bool); F1 of the positive class."""
    rows = [(tid, item, "yes" if gold else "no", "yes" if got else "no", gold == got)
            for tid, item, gold, got in pairs]
    tp = sum(row[4] and row[2] == "yes" for row in rows)
    wrong = sum(not row[4] for row in rows)
    return Score(2 * tp, 2 * tp + wrong, f1=True, rows=rows)


def m_kind(docs, readings) -> Score:
    """document kind: all 81 texts; right when fazhi's document.kind is the expected one
    (annual-report for annual-report and template-draft, implementation-plan for plans,
    other or implementation-plan for decoys)."""
    return accuracy((d["id"], d["kind"], EXPECTED_KIND[d["kind"]], readings[d["id"]].kind)
                    for d in docs)


def reports(docs):
    return [d for d in docs if d["kind"] in REPORT_KINDS]


def m_core_presence(docs, readings) -> Score:
    """core presence F1: reports x the 5 core labels; gold present = stance not absent (counsel:
    coverage or mentioned); predicted present = fazhi's stance not absent. unsure skipped."""
    return f1((d["id"], k, gold_core_stance(d["labels"], k) != "absent",
               readings[d["id"]].stances[k] != "absent")
              for d in reports(docs) for k in CORE if _scored(d["labels"], k))


def m_core_stance(docs, readings) -> Score:
    """core stance accuracy: reports x the 5 core labels (unsure skipped); gold stance against
    fazhi's main stance, absent included."""
    return accuracy((d["id"], k, gold_core_stance(d["labels"], k), readings[d["id"]].stances[k])
                    for d in reports(docs) for k in CORE if _scored(d["labels"], k))


def _scored(labels: dict, key: str) -> bool:
    value = labels[key]["stance"] if key == "three_systems" else labels[key]
    return main_stance(value) != "unsure"


def m_counsel(docs, readings) -> Score:
    """counsel met vs partial: reports whose gold counsel is coverage or mentioned; right when
    fazhi's counsel-coverage is met for coverage and partial for mentioned."""
    want = {"coverage": "met", "mentioned": "partial"}
    return accuracy((d["id"], "counsel", want[d["labels"]["counsel"]], readings[d["id"]].counsel)
                    for d in reports(docs) if d["labels"]["counsel"] in want)


def m_parts(docs, readings) -> Score:
    """three-systems parts F1: all texts x publicity, full_record, legal_review; gold = the
    labelled items (whatever the stance); predicted = fazhi's part stance not absent."""
    return f1((d["id"], p, p in d["labels"]["three_systems"]["items"], p in readings[d["id"]].parts)
              for d in docs for p in PARTS)


def m_extras(docs, readings) -> Score:
    """practice extras F1: reports x the 10 extras; gold = listed in `extras` (presented as
    done); predicted = fazhi's main stance is achieved (a plan or an admitted gap is not done,
    and `also: achieved` beside a main planned/problem is not either)."""
    return f1((d["id"], k, k in d["labels"]["extras"], readings[d["id"]].stances[k] == "achieved")
              for d in reports(docs) for k in EXTRAS)


def m_section(name: str):
    def measure(docs, readings) -> Score:
        return f1((d["id"], name, name in d["labels"]["sections"], name in readings[d["id"]].sections)
                  for d in reports(docs))
    measure.__doc__ = (f"section.{SECTION_ID[name]} F1: reports; gold = `{name}` in `sections`; "
                       "predicted = the part found under its own heading or numbered lead-in "
                       "(document.sections present; folded does not count).")
    return measure


def m_placeholders(docs, readings) -> Score:
    """draft placeholders F1: reports (plans' placeholders are not a draft's); gold
    `placeholders: true`; predicted = draft.placeholders not met (or with evidence)."""
    return f1((d["id"], "placeholders", bool(d["labels"]["placeholders"]),
               readings[d["id"]].placeholders) for d in reports(docs))


def stance_pairs(docs, readings, kind: str):
    """(id, key, gold main stance, fazhi main stance) over the 15 keys of texts of gold `kind`
    that carry `stances`, dropping the pairs where both are absent."""
    for d in docs:
        if d["kind"] != kind or not d["labels"].get("stances"):
            continue
        for k in STANCE_KEYS:
            gold, got = main_stance(d["labels"]["stances"][k]), readings[d["id"]].stances[k]
            if gold != "absent" or got != "absent":
                yield d["id"], k, gold, got


def m_plan_stance(docs, readings) -> Score:
    """plan stance: implementation plans x the 15 keys, pairs where gold or prediction is not
    absent; right when the main stances agree."""
    return accuracy(stance_pairs(docs, readings, "implementation-plan"))


def m_decoy_stance(docs, readings) -> Score:
    """decoy stance agreement: the same over the decoys that carry `stances` (065-081)."""
    return accuracy(stance_pairs(docs, readings, "decoy"))


LEVELS = {"province", "city", "county", "township", "department"}


def m_body_level(docs, readings) -> Score:
    """submitting body level: texts whose gold `level` is a body's (not national, not
    unknown); right when document.body.level is the gold level (no body found is wrong)."""
    return accuracy((d["id"], "level", d["level"], readings[d["id"]].level or "none")
                    for d in docs if d.get("level") in LEVELS)


def figure_pairs(docs, readings):
    """(id, "element.figure line N", gold, got, right) per reading, over the reports that
    have gold figures: every reading either system or the gold has, `—` for none."""
    for d in reports(docs):
        if "figures" not in d:
            continue
        got, gold = readings[d["id"]].figures, d["figures"]
        for figure, line, value in sorted(got | gold):
            yield (d["id"], f"{figure} line {line}", f"{value:g}" if (figure, line, value) in gold else "—",
                   f"{value:g}" if (figure, line, value) in got else "—")


def m_figure_precision(docs, readings) -> Score:
    """key figures precision: the figures read in the reports that have gold figures
    (figures.yaml); right when a gold figure has the same figure, line and value."""
    rows = [(tid, item, gold, got, gold == got) for tid, item, gold, got in figure_pairs(docs, readings)
            if got != "—"]
    return Score(sum(row[4] for row in rows), len(rows), rows=rows)


def m_figure_recall(docs, readings) -> Score:
    """key figures recall: the gold figures of those reports (`figures` and `missed`); right
    when the system read the same figure, line and value."""
    rows = [(tid, item, gold, got, gold == got) for tid, item, gold, got in figure_pairs(docs, readings)
            if gold != "—"]
    return Score(sum(row[4] for row in rows), len(rows), rows=rows)


@dataclass(frozen=True)
class Measure:
    name: str
    compute: Callable[[list[dict], dict[str, Reading]], Score]
    target: float | None                     # minimum value (a fraction), None = reported only
    target_text: str = ""
    needs_figures: bool = False               # scored only where the set has figures.yaml


MEASURES = [
    Measure("document kind", m_kind, 77 / 81, "≥ 77/81"),
    Measure("core presence F1", m_core_presence, 0.98, "≥ 0.98"),
    Measure("core stance accuracy", m_core_stance, None),
    Measure("counsel met vs partial", m_counsel, 1.0, "8/8"),
    Measure("three-systems parts F1", m_parts, None),
    Measure("practice extras F1", m_extras, 0.92, "≥ 0.92"),
    Measure("section.achievements F1", m_section("achievements"), 0.95, "≥ 0.95"),
    Measure("section.leader-duty F1", m_section("leader_duty"), 0.95, "≥ 0.95"),
    Measure("draft placeholders F1", m_placeholders, 0.90, "≥ 0.90"),
    Measure("plan stance", m_plan_stance, 0.90, "≥ 90 %"),
    Measure("decoy stance agreement", m_decoy_stance, 0.75, "≥ 75 %"),
    Measure("submitting body level", m_body_level, None),
    Measure("key figures precision", m_figure_precision, 0.95, "≥ 0.95", needs_figures=True),
    Measure("key figures recall", m_figure_recall, 0.85, "≥ 0.85", needs_figures=True),
]


# ---------------------------------------------------------------- running and printing

def load_gold(folder: Path = REAL) -> list[dict]:
    """The labelled documents; each gets `figures` (its gold figure readings) when the set
    has a figures.yaml that lists its text."""
    with open(folder / "labels.yaml", encoding="utf-8") as f:
        docs = yaml.safe_load(f)["documents"]
    if (folder / "figures.yaml").exists():
        gold = eval_figures().gold(folder / "figures.yaml")
        listed = set(eval_figures().gold_records(folder / "figures.yaml"))
        for d in docs:
            if f"{d['id']}.txt" in listed:
                d["figures"] = {(figure, line, value) for file, figure, line, value in gold
                                if file == f"{d['id']}.txt"}
    return docs


def evaluate(folder: Path = REAL) -> dict:
    """Every measure for both systems: {name: {"keyword": Score, "fazhi": Score, ...}}, on
    the texts of `folder` (texts/ID.txt and labels.yaml)."""
    docs = load_gold(folder)
    files = [folder / "texts" / f"{d['id']}.txt" for d in docs]
    with open(BASELINE, encoding="utf-8") as f:
        words = yaml.safe_load(f)
    fazhi_reports = run_fazhi(files)
    texts = {d["id"]: (folder / "texts" / f"{d['id']}.txt").read_text(encoding="utf-8") for d in docs}
    systems = {
        "keyword": {d["id"]: keyword_reading(texts[d["id"]], first_line(texts[d["id"]]), words)
                    for d in docs},
        "fazhi": {tid: fazhi_reading(r) for tid, r in fazhi_reports.items()},
    }
    has_figures = (folder / "figures.yaml").exists()
    return {m.name: {"measure": m, **{s: m.compute(docs, r) for s, r in systems.items()}}
            for m in MEASURES if has_figures or not m.needs_figures}


def reached(measure: Measure, score: Score) -> bool:
    return measure.target is None or score.value >= measure.target - 1e-9


def ahead(result: dict) -> bool:
    """fazhi is ahead of the keyword search: a higher value, or both perfect."""
    return result["fazhi"].value > result["keyword"].value or result["fazhi"].value == 1.0


def as_json(results: dict) -> dict:
    measures = {}
    for name, r in results.items():
        m = r["measure"]
        measures[name] = {"target": m.target, "target_text": m.target_text, "ahead": ahead(r),
                          **{s: {"value": r[s].value, "shown": r[s].show(), "hits": r[s].hits,
                                 "total": r[s].total, "reached": reached(m, r[s]),
                                 "disagreements": [dict(zip(("id", "item", "gold", "got"), x, strict=True))
                                                   for x in r[s].misses]}
                             for s in ("keyword", "fazhi")}}
    counsel = results["counsel met vs partial"]
    keyword = {row[0]: row[3] for row in counsel["keyword"].rows}
    detail = [{"id": tid, "gold": gold, "fazhi": got, "keyword": keyword[tid]}
              for tid, _, gold, got, _ in counsel["fazhi"].rows]
    return {"measures": measures, "counsel_detail": detail}


def print_table(results: dict, set_name: str = "real") -> None:
    count = len(next(iter(results.values()))["fazhi"].rows) if set_name == "real" else None
    heading = f"measure ({set_name} texts)" if count is None else "measure (81 real texts)"
    print(f"{heading:<26} {'keyword search':<16} {'fazhi':<16} target")
    for name, r in results.items():
        print(f"{name:<26} {r['keyword'].show():<16} {r['fazhi'].show():<16} "
              f"{r['measure'].target_text or '—'}")


def print_disagreements(results: dict, limit: int | None) -> None:
    print("\nfazhi against the gold labels (id item: gold -> fazhi):")
    for name, r in results.items():
        misses = r["fazhi"].misses
        if not misses:
            continue
        shown = misses if limit is None else misses[:limit]
        more = f"  … {len(misses) - len(shown)} more (--list)" if len(shown) < len(misses) else ""
        print(f"  {name} ({len(misses)}):")
        print("    " + "; ".join(f"{tid} {item}: {gold}->{got}" for tid, item, gold, got in shown) + more)


def print_counsel_detail(results: dict) -> None:
    print("\ncounsel met vs partial (id: gold / fazhi / keyword search):")
    print("    " + "; ".join(f"{d['id']}: {d['gold']} / {d['fazhi']} / {d['keyword']}"
                             for d in as_json(results)["counsel_detail"]))


def print_failures(results: dict) -> None:
    failing = [(n, r) for n, r in results.items() if not reached(r["measure"], r["fazhi"])]
    print()
    for name, r in failing:
        print(f"below target: {name} {r['fazhi'].show()} (target {r['measure'].target_text})")
    if not failing:
        print("every measure reaches its target")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--list", action="store_true", help="list every disagreement")
    parser.add_argument("--set", default="real", choices=SETS,
                        help="real: the 81 real texts (the development set); heldout: the "
                             "documents written for the project as a check on unseen text")
    args = parser.parse_args(argv)
    results = evaluate(SETS[args.set])
    if args.json:
        print(json.dumps(as_json(results), ensure_ascii=False, indent=2))
        return 0
    print_table(results, args.set)
    behind = [name for name, r in results.items() if not ahead(r)]
    if behind:
        print("fazhi not ahead of the keyword search: " + ", ".join(behind))
    print_counsel_detail(results)
    print_disagreements(results, None if args.list else 12)
    print_failures(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
