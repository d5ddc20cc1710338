"""The documentation of one element: its legal basis, what counts as met and partial, the
wordings and the hint (`fazhi explain ID`, and each entry of docs/rules.md)."""

from __future__ import annotations

from checker.packs.kinds import KINDS
from checker.packs.model import Claim, Element, Figure


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
    if element.figures:
        lines += ["", "  key figures (read from sentences that report the work done):"]
        lines += [f"    - {describe_figure(f, f.id in element.requires_figure)}" for f in element.figures]
    lines += ["", f"  hint: {element.hint}"]
    return "\n".join(lines)


def describe_figure(figure: Figure, required: bool = False) -> str:
    """appearance-rate 负责人出庭应诉率 (%): after 出庭应诉率|出庭率 …"""
    units = "、".join(figure.accepted_units)
    ways = []
    if figure.wordings:
        ways.append(f"the number after {'|'.join(figure.wordings)}")
    if figure.counted:
        ways.append(f"the number right before {'|'.join(figure.counted)}")
    text = f"{figure.id}  {figure.title} ({units}): " + "; or ".join(ways)
    if figure.between:
        text += f"; {'|'.join(figure.between)} named before the number"
        text += " (or the number right after the wording)" if figure.adjacent else ""
    if figure.context:
        text += f"; the sentence or the one before names {'|'.join(figure.context)}"
    if figure.unless:
        text += f"; not when the sentence has {'|'.join(figure.unless)}"
    return text + ("  [required: a claim without it is partial]" if required else "")
