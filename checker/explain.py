"""`fazhi explain`: an element's legal basis and wordings, and, for a report, every candidate
sentence with why it counted as a claim, a plan or a gap, or why it was rejected."""

from __future__ import annotations

from checker.judge.evidence import find_evidence
from checker.match.matchers import MATCHERS
from checker.packs.model import Claim, Element, PackSet, claim_terms
from checker.readers import read_report
from checker.run import Settings, prepare


def describe_claim(claim: Claim) -> str:
    spec = claim.spec
    text = {
        "any": lambda: "any of: " + "、".join(spec),
        "all": lambda: "all in one sentence: " + " + ".join("(" + "|".join(g) + ")" for g in spec),
        "near": lambda: f"{'|'.join(spec['terms'])} within {spec.get('within', 20)} characters of "
                        f"{'|'.join(spec['with'])}",
        "count": lambda: f"at least {spec['at_least']} of: {'、'.join(spec['of'])}"
                         + (f" (with {'|'.join(spec['with'])})" if spec.get("with") else ""),
        "quantity": lambda: f"a number or rate next to {'|'.join(spec['terms'])}",
        "section": lambda: f"a part of the report with the role {spec}",
        "pattern": lambda: "text matching: " + "  ".join(spec),
    }[claim.kind]()
    flags = " [partial only]" if claim.partial else ""
    unless = f" (not when the sentence has {'|'.join(claim.unless)})" if claim.unless else ""
    return f"{text}{flags}{unless}"


def element_text(element: Element) -> str:
    lines = [f"{element.id}  {element.title}",
             f"  pack: {element.pack}   severity: {element.severity}   weight: {element.weight:g}"
             f"   applies from report year: {element.since or 'always'}", "", "  basis:"]
    for basis in element.basis:
        bits = [basis.document, basis.issuer, basis.number, basis.article,
                f"in force {basis.date}" if basis.date else ""]
        lines.append("    - " + "，".join(b for b in bits if b))
        if basis.note:
            lines.append(f"      note: {basis.note}")
    lines += ["", f"  met when: {element.met}"]
    if element.partial:
        lines.append(f"  partial when: {element.partial}")
    lines += ["", "  wordings that count:"] + [f"    - {describe_claim(c)}" for c in element.claims]
    for part in element.parts:
        lines.append(f"  part {part.id} ({part.title}):")
        lines += [f"    - {describe_claim(c)}" for c in part.claims]
    if element.gaps:
        lines.append("  wordings of an admitted gap: " + "、".join(element.gaps))
    if element.plans:
        lines.append("  wordings of a plan: " + "、".join(element.plans))
    lines += ["", f"  hint: {element.hint}"]
    return "\n".join(lines)


def candidates_text(element_id: str, path: str, packs: PackSet, settings: Settings = Settings()) -> str:
    """Raises ReportReadError for a file that cannot be read."""
    element = packs.element(element_id)
    source = read_report(path, encoding=settings.encoding, max_bytes=settings.max_bytes)
    run = prepare(source, packs, settings, trace=True)
    found = find_evidence(element, run.document, run.index, run.context)
    counted: dict[int, list] = {}
    for item in found:
        counted.setdefault(item.hit.sentence.index, []).append(item)
    claims = list(element.claims) + [c for p in element.parts for c in p.claims]
    candidates = sorted({s.index: s for c in claims for s in run.index.candidates(c)
                         if c.kind in MATCHERS}.values(), key=lambda s: s.index)
    lines = [f"{path}: {element.id} — {len(candidates)} candidate sentences, {len(counted)} counted"]
    for sentence in candidates:
        lines.extend(_candidate_lines(sentence, counted.get(sentence.index, []), claims, run, source))
    return "\n".join(lines)


def _candidate_lines(sentence, found, claims, run, source) -> list[str]:
    where = source.locations[sentence.line].describe()
    quote = source.lines[sentence.line][sentence.start:sentence.start + len(sentence.text)].strip()
    head = f"  {where} [{sentence.role}] {quote[:100]}"
    if found:
        return [head] + [f"      counted{f' (part {f.part})' if f.part else ''} as {f.stance}: "
                         f"{f.why}; wording {f.hit.term!r}" for f in found]
    reasons = [r.reason for r in run.context.rejections or () if r.sentence.index == sentence.index]
    if not reasons:
        present = sorted({t for c in claims for t in claim_terms(c) if t in sentence.text})
        reasons = [f"has {'、'.join(present)} but no complete wording"]
    return [head, f"      rejected: {'; '.join(dict.fromkeys(reasons))}"]
