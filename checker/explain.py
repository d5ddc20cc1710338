"""`fazhi explain`: an element's legal basis and wordings, and, for a report, every candidate
sentence with why it counted as a claim, a plan or a gap, or why it was rejected."""

from __future__ import annotations

from checker.packs.kinds import KINDS
from checker.packs.model import Claim, Element, PackSet
from checker.readers import read_report
from checker.run import Candidate, Settings, trace_element
from checker.understand.records import DocumentInfo


def describe_claim(claim: Claim) -> str:
    text = KINDS[claim.kind].describe(claim.spec)
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
    source = read_report(path, encoding=settings.encoding, max_bytes=settings.max_bytes)
    trace = trace_element(source, packs, element_id, settings)
    candidates = trace.candidates
    counted = sum(1 for c in candidates if c.counted)
    lines = [f"{path}: {element_id} — {len(candidates)} candidate sentences, {counted} counted"]
    if element_id.startswith("section.") or not candidates:
        lines.extend(_parts_lines(trace.document))
    for candidate in candidates:
        lines.extend(_candidate_lines(candidate))
    return "\n".join(lines)


def _parts_lines(document: DocumentInfo) -> list[str]:
    """The report's headings, each with the part it opens and why."""
    lines = [f"  kind: {document.kind}; its headings and the parts they open:"]
    for heading in document.headings:
        why = f" ({heading.why})" if heading.why else ""
        lines.append(f"    line {heading.line} {heading.text[:40]} → {heading.role}{why}")
    return lines


def _candidate_lines(candidate: Candidate) -> list[str]:
    head = f"  {candidate.where} [{candidate.sentence.role}] {candidate.quote[:100]}"
    if candidate.counted:
        return [head] + [f"      counted{f' (part {f.part})' if f.part else ''} as {f.stance}: "
                         f"{f.why}; wording {f.hit.term!r}" for f in candidate.counted]
    return [head, f"      rejected: {'; '.join(candidate.rejected)}"]
