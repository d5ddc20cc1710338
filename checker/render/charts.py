"""The audit page's pictures, as inline SVG (no script, no network, prints as vectors):

- the share of reports meeting each element, weakest first, so the duties the province's
  reports most often lack stand at the top;
- how the scores spread, in bands of ten, with the gate's threshold marked;
- how many reports came from each level of submitting body (省 / 市 / 县区 / 部门 / 乡镇街道),
  passed and failed.

The numbers come from the results only (`ChartCounts`), so a test can check them apart
from the drawing. Every label goes through `escape`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from checker.render.words import Words, display_width

LEVELS = ("province", "city", "county", "department", "township", None)
BAR = 16            # height of one bar, px
GAP = 6
FILL = {"met": "#4c9a4c", "partial": "#e3b53b", "missing": "#d9645a", "pass": "#4c9a4c",
        "fail": "#d9645a", "bar": "#5b7fb0"}


@dataclass(frozen=True)
class Share:
    """One element across the reports it counts in (applicable, not waived, readable)."""

    id: str
    name: str
    met: int
    partial: int
    counted: int

    @property
    def value(self) -> float:
        """Met counts 1 and partial a half, as in the score."""
        return (self.met + self.partial / 2) / self.counted if self.counted else 0.0


class ChartCounts:
    """The charts' numbers, counted a report at a time (`add`): the page counts everything
    it shows in one pass over the results, each pass reading them back from disk."""

    def __init__(self) -> None:
        self._shares: dict[str, Share] = {}
        self.bands = [0] * 10        # reports scoring 0–9, 10–19, …, 90–100 (100 in the last band)
        self._levels: dict[str | None, tuple[int, int]] = {level: (0, 0) for level in LEVELS}
        self.any_document = False

    def add(self, report) -> None:
        self.any_document = self.any_document or report.document is not None
        self._count_elements(report)
        if report.score is not None:
            self.bands[min(int(report.score // 10), 9)] += 1
        doc = report.document
        level = doc.body.level if doc is not None and doc.body is not None else None
        passed, failed = self._levels.get(level, (0, 0))
        self._levels[level] = (passed + report.passed, failed + (not report.passed))

    def _count_elements(self, report) -> None:
        for element in report.elements:
            old = self._shares.get(element.id) or Share(element.id, element.short or element.title, 0, 0, 0)
            if element.applicable and element.waived is None and element.status != "not-applicable":
                old = Share(old.id, old.name, old.met + (element.status == "met"),
                            old.partial + (element.status == "partial"), old.counted + 1)
            self._shares[element.id] = old

    def shares(self) -> list[Share]:
        """Every element counted in some report, weakest first (ties in pack order)."""
        shares = [s for s in self._shares.values() if s.counted]
        return sorted(shares, key=lambda s: s.value)        # sorted() is stable: pack order in ties

    def levels(self) -> dict[str | None, tuple[int, int]]:
        """(passed, failed) reports by the level of their submitting body; None: not told."""
        return {level: c for level, c in self._levels.items() if sum(c)}


def charts(counts: ChartCounts, words: Words, threshold: float) -> str:
    if not counts.any_document:
        return f"<section class=\"charts\"><p>{escape(words('html.chart-no-data'))}</p></section>"
    return ("<section class=\"charts\">"
            f"<figure class=\"chart chart-elements\"><figcaption>{escape(words('html.chart-elements'))}"
            f"<small>{escape(words('html.chart-elements-note'))}</small></figcaption>"
            f"{_shares_svg(counts.shares(), words)}</figure>"
            f"<div class=\"chart-side\"><figure class=\"chart chart-scores\"><figcaption>"
            f"{escape(words('html.chart-scores'))}</figcaption>"
            f"{_bands_svg(counts.bands, words, threshold)}</figure>"
            f"<figure class=\"chart chart-levels\"><figcaption>{escape(words('html.chart-levels'))}"
            f"<small>{escape(words('html.chart-levels-note'))}</small></figcaption>"
            f"{_levels_svg(counts.levels(), words)}</figure></div></section>")


def _text(x: float, y: float, label: str, anchor: str = "start", css: str = "") -> str:
    klass = f" class=\"{css}\"" if css else ""
    return (f"<text x=\"{x:.1f}\" y=\"{y:.1f}\" text-anchor=\"{anchor}\"{klass}>"
            f"{escape(label)}</text>")


def _rect(x: float, y: float, width: float, height: float, fill: str, tip: str = "") -> str:
    title = f"<title>{escape(tip)}</title>" if tip else ""
    return (f"<rect x=\"{x:.1f}\" y=\"{y:.1f}\" width=\"{max(width, 0):.1f}\" height=\"{height:.1f}\" "
            f"fill=\"{fill}\">{title}</rect>")


def _svg(width: float, height: float, body: list[str], label: str) -> str:
    return (f"<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"{escape(label)}\" "
            f"viewBox=\"0 0 {width:.0f} {height:.0f}\" width=\"{width:.0f}\" height=\"{height:.0f}\">"
            + "".join(body) + "</svg>")


def _shares_svg(shares: list[Share], words: Words) -> str:
    """One stacked bar per element: met, then partial, on a 0–100 % scale."""
    label_width = 8 + max((display_width(s.name) for s in shares), default=4) * 7
    plot, right = 300, 230
    rows = []
    for n, share in enumerate(shares):
        y = n * (BAR + GAP)
        met_w, partial_w = plot * share.met / share.counted, plot * share.partial / share.counted / 2
        tip = (f"{share.name} ({share.id}): {words.status('met')} {share.met}, "
               f"{words.status('partial')} {share.partial} / {share.counted}")
        rows += [f"<g class=\"share\" data-el=\"{escape(share.id)}\" data-share=\"{share.value:.3f}\">",
                 _text(label_width - 6, y + BAR - 4, share.name, "end"),
                 _rect(label_width, y, plot, BAR, "#eee"),
                 _rect(label_width, y, met_w, BAR, FILL["met"], tip),
                 _rect(label_width + met_w, y, partial_w, BAR, FILL["partial"], tip),
                 _text(label_width + plot + 6, y + BAR - 4,
                       words("html.chart-share", share=round(100 * share.value), met=share.met,
                             partial=share.partial, counted=share.counted), css="num"), "</g>"]
    height = max(len(shares), 1) * (BAR + GAP)
    return _svg(label_width + plot + right, height, rows, words("html.chart-elements"))


def _bands_svg(bands: list[int], words: Words, threshold: float) -> str:
    """A histogram of scores in bands of ten, the threshold as a dashed line."""
    width, height, bottom, left = 330, 150, 20, 24
    column = (width - left) / len(bands)
    top = max(bands) or 1
    body = []
    for n, count in enumerate(bands):
        bar = (height - bottom - 14) * count / top
        x, low = left + n * column, n * 10
        high = 100 if n == len(bands) - 1 else low + 9
        band = words("html.score-band", low=low, high=high)
        body.append(f"<g class=\"band\" data-band=\"{low}\" data-count=\"{count}\">"
                    + _rect(x + 2, height - bottom - bar, column - 4, bar, FILL["bar"],
                            f"{band}: {words('html.chart-reports', count=count)}")
                    + (_text(x + column / 2, height - bottom - bar - 3, str(count), "middle", "num")
                       if count else "")
                    + _text(x + column / 2, height - 6, str(low), "middle", "axis") + "</g>")
    line_x = left + column * threshold / 10
    body.append(f"<line class=\"threshold\" x1=\"{line_x:.1f}\" x2=\"{line_x:.1f}\" y1=\"4\" "
                f"y2=\"{height - bottom}\" stroke=\"#b00\" stroke-dasharray=\"4 3\"/>")
    body.append(_text(line_x - 3, 12, words("html.chart-threshold", threshold=f"{threshold:g}"), "end",
                      css="axis threshold-label"))
    return _svg(width, height, body, words("html.chart-scores"))


def _levels_svg(counts: dict[str | None, tuple[int, int]], words: Words) -> str:
    """One bar per level of body: passed (green) and failed (red) reports."""
    label_width, plot = 80, 200
    top = max((sum(c) for c in counts.values()), default=1) or 1
    body = []
    for n, (level, (passed, failed)) in enumerate(counts.items()):
        y, name = n * (BAR + GAP), words.level(level)
        pass_w, fail_w = plot * passed / top, plot * failed / top
        body += [f"<g class=\"level\" data-level=\"{escape(level or '')}\" data-passed=\"{passed}\" "
                 f"data-failed=\"{failed}\">", _text(label_width - 6, y + BAR - 4, name, "end"),
                 _rect(label_width, y, pass_w, BAR, FILL["pass"],
                       f"{name}: {words.verdict('pass')} {passed}"),
                 _rect(label_width + pass_w, y, fail_w, BAR, FILL["fail"],
                       f"{name}: {words.verdict('fail')} {failed}"),
                 _text(label_width + pass_w + fail_w + 6, y + BAR - 4,
                       f"{passed} / {passed + failed}", css="num"), "</g>"]
    height = max(len(counts), 1) * (BAR + GAP)
    return _svg(label_width + plot + 60, height, body, words("html.chart-levels"))
