"""The documentation of one element: its legal basis, what counts as met and partial, the
wordings and the hint (`fazhi explain ID`, and each entry of docs/rules.md)."""

from __future__ import annotations

from checker.packs.kinds import KINDS
from checker.packs.model import Claim, Element


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
