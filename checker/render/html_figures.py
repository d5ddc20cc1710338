"""The key figures on the HTML page: a table per report, and a comparison across reports —
for each figure a bar chart (inline SVG, sorted, each bar linking to its report), the values
that stand out flagged, and the reports that claim the element without any of its figures.

Report text and file names are untrusted: everything shown goes through `escape`.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from html import escape

from checker.render.figure_text import described, first_figures, outliers, plain_number

BAR_ROW = 20          # pixels per report in a chart
LABEL_WIDTH = 340     # pixels for the report's name (LABEL_CHARS characters of CJK text)
LABEL_CHARS = 26
BAR_WIDTH = 320       # pixels for the longest bar
VALUE_WIDTH = 150     # pixels for the value written after a bar
CLAIMED = ("met", "partial")
MAX_BARS = 60         # bars drawn in one chart at most (the flagged ones always)


def report_figures(report, words) -> str:
    """The figures one report states, for its detail view."""
    if not report.figures:
        return ""
    heads = "".join(f"<th>{escape(w)}</th>" for w in words("figures.columns").split("|"))
    rows = "".join(f"<tr><td><code>{escape(f.element)}</code></td><td>{escape(f.title)}</td>"
                   f"<td class=\"num\">{escape(f.text)}</td><td>{escape(f.period or '')}</td>"
                   f"<td><span class=\"where\">{escape(f.where or f'line {f.line}')}</span> "
                   f"<q>{escape(f.sentence)}</q></td></tr>" for f in report.figures)
    return (f"<h3>{escape(words('figures.report-heading'))}</h3><table class=\"figures\"><thead><tr>{heads}"
            f"</tr></thead><tbody>{rows}</tbody></table>")


@dataclass
class _Figure:
    """One figure across the reports: the value each report states first, by its place in
    the results (two arrays: 12 bytes a report, 20,000 reports or not)."""

    element: str
    figure: str
    unit: str = ""
    numbers: array = field(default_factory=lambda: array("i"))
    values: array = field(default_factory=lambda: array("d"))


@dataclass
class _Element:
    id: str
    title: str
    figures: list[_Figure]
    silent: array = field(default_factory=lambda: array("i"))   # claimed without any figure


def comparison(survey: FigureSurvey, reports, names, href, words) -> str:
    """The section comparing each figure across the reports, element by element; `href`
    gives a report's detail link from its place in the results. The values of every
    figure come from `survey` (filled in the overview's pass over the reports); the reports
    whose bars are drawn are then read again (they may be read back from disk)."""
    elements = survey.elements()
    charts = {(f.element, f.figure): _Chart(f, names) for e in elements for f in e.figures if f.numbers}
    _fill_in(charts, reports)
    blocks = [block for block in (_element_block(e, charts, names, href, words) for e in elements) if block]
    if not blocks:
        return ""
    return (f"<section id=\"figures\"><h2>{escape(words('figures.compared'))}</h2>"
            f"<p class=\"note\">{escape(words('figures.compared-note'))}</p>"
            + "".join(blocks) + "</section>")


class FigureSurvey:
    """Every element that declares figures (pack order), with each report's first value of
    each figure and the reports claiming it without any, a report at a time (`add`)."""

    def __init__(self) -> None:
        self._elements: dict[str, _Element] = {}

    def add(self, number: int, report) -> None:
        """The report at place `number` in the results."""
        firsts = first_figures(report)
        stating = {f.element for f in report.figures}
        for element in report.elements:
            if not element.figures_declared:
                continue
            known = self._elements.get(element.id)
            if known is None:
                known = self._elements[element.id] = _Element(element.id, element.title, [
                    _Figure(element.id, fid) for fid in element.figures_declared])
            for figure in known.figures:
                stated = firsts.get((figure.element, figure.figure))
                if stated is not None:
                    figure.unit = figure.unit or stated.unit
                    figure.numbers.append(number)
                    figure.values.append(stated.value)
            if element.status in CLAIMED and element.id not in stating:
                known.silent.append(number)

    def elements(self) -> list[_Element]:
        return list(self._elements.values())


class _Chart:
    """A figure's bars: sorted (highest first, then by name), flagged, and which are drawn;
    the drawn ones' figures and bodies are filled in by `_fill_in`."""

    def __init__(self, figure: _Figure, names):
        self.figure = figure
        order = _by_value_then_name(figure, names)
        self.order = array("i", (figure.numbers[at] for at in order))
        self.top = figure.values[order[0]] or 1.0
        self.flagged = outliers([figure.values[at] for at in order], figure.unit)
        self.found: dict[int, tuple] = {}       # report -> (its KeyFigure, its body)

    def drawn(self) -> list[int]:
        return _bars_shown(len(self.order), self.flagged)


def _by_value_then_name(figure: _Figure, names) -> array:
    """The places in `figure`'s arrays, highest value first, equal values by the report's
    name: sorted by value alone, then each run of equal values by name, so a name is looked
    up (for spooled results, read from the spool) only where values tie, and nothing is
    built per report but the order (4 bytes a report)."""
    values = figure.values
    order = array("i", sorted(range(len(values)), key=values.__getitem__, reverse=True))
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and values[order[end]] == values[order[start]]:
            end += 1
        if end - start > 1:
            order[start:end] = array("i", sorted(order[start:end], key=lambda at: names[figure.numbers[at]]))
        start = end
    return order


def _fill_in(charts: dict[tuple[str, str], _Chart], reports) -> None:
    """The figure and body of every drawn bar, each report read once."""
    wanted: dict[int, list[_Chart]] = {}
    for chart in charts.values():
        wanted.setdefault(chart.order[0], []).append(chart)      # the caption's figure
    for chart in charts.values():
        for row in chart.drawn():
            wanted.setdefault(chart.order[row], []).append(chart)
    for number in sorted(wanted):
        report = reports[number]
        firsts = first_figures(report)
        body = report.document.body if report.document is not None else None
        for chart in wanted[number]:
            chart.found[number] = (firsts[(chart.figure.element, chart.figure.figure)], body)


def _element_block(element: _Element, charts: dict, names, href, words) -> str:
    drawn = [_chart(charts[(f.element, f.figure)], names, href, words) for f in element.figures
             if (f.element, f.figure) in charts]
    silent = _claimed_without_figures(list(element.silent), names, href, words)
    if not drawn and not silent:
        return ""
    return (f"<div class=\"figure-element\" data-el=\"{escape(element.id)}\"><h3><code>"
            f"{escape(element.id)}</code> {escape(element.title)}</h3>{''.join(drawn)}{silent}</div>")


def _chart(chart: _Chart, names, href, words) -> str:
    figure = chart.found[chart.order[0]][0]
    flagged = chart.flagged
    top = chart.top
    shown = chart.drawn()
    rows = []
    for place, row in enumerate(shown):
        number = chart.order[row]
        item, body = chart.found[number]
        rows.append(_bar(place, href(number), _label(body, names[number]), item, top, row in flagged, words))
    if len(shown) < len(chart.order):
        rows.append(_gap(len(shown), len(chart.order) - len(shown), words))
    height = BAR_ROW * len(rows) + 4
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    label = f"{figure.title}（{figure.unit}）"
    caption = (f"<figcaption>{escape(label)} · {len(chart.order)} {escape(words('figures.reports'))}"
               + (f" · <span class=\"flag\">{len(flagged)} {escape(words('figures.flagged'))}</span>"
                  if flagged else "") + "</figcaption>")
    element_id, figure_id = chart.figure.element, chart.figure.figure
    return (f"<figure class=\"figure-chart\" data-figure=\"{escape(element_id)}.{escape(figure_id)}\">"
            f"{caption}<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
            f"aria-label=\"{escape(label)}\" width=\"{width}\" height=\"{height}\" "
            f"viewBox=\"0 0 {width} {height}\">{''.join(rows)}</svg></figure>")


def _bars_shown(count: int, flagged: set[int]) -> list[int]:
    """Which of `count` bars (highest first) are drawn: all of them up to MAX_BARS, else the
    highest and lowest and every flagged one (a chart of 20,000 bars is 400,000 px tall;
    summary.csv has every value)."""
    if count <= MAX_BARS:
        return list(range(count))
    ends = MAX_BARS // 2
    return sorted(set(range(ends)) | set(range(count - ends, count)) | flagged)


def _gap(row: int, hidden: int, words) -> str:
    """The line standing for the bars left out."""
    y = row * BAR_ROW + 2
    text = words("figures.more", count=hidden)
    return f"<text class=\"gap\" x=\"{LABEL_WIDTH}\" y=\"{y + 14}\">{escape(text)}</text>"


def _label(body, name: str) -> str:
    """The submitting body and the file (武昌区 · 001.txt), or the file when no body is known."""
    return f"{body.short or body.name} · {name}" if body is not None and (body.short or body.name) else name


def _bar(row: int, link: str, name: str, figure, top: float, flagged: bool, words) -> str:
    y = row * BAR_ROW + 2
    length = max(1.0, BAR_WIDTH * figure.value / top)
    shown = name if len(name) <= LABEL_CHARS else "…" + name[-(LABEL_CHARS - 1):]
    value = figure.text + (" " + words("figures.outlier") if flagged else "")
    return (f"<a href=\"{escape(link)}\"><g class=\"bar{' flagged' if flagged else ''}\" "
            f"data-value=\"{plain_number(figure.value)}\">"
            f"<title>{escape(name)}: {escape(described(figure, words))}</title>"
            f"<text x=\"{LABEL_WIDTH - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{escape(shown)}</text>"
            f"<rect x=\"{LABEL_WIDTH}\" y=\"{y + 2}\" width=\"{length:.1f}\" height=\"{BAR_ROW - 6}\"/>"
            f"<text x=\"{LABEL_WIDTH + length + 6:.1f}\" y=\"{y + 14}\">{escape(value)}</text></g></a>")


def _claimed_without_figures(silent: list[int], names, href, words) -> str:
    """The reports that claim the element (met or partial) and state none of its figures."""
    if not silent:
        return ""
    items = "".join(f"<li><a href=\"{escape(href(n))}\">{escape(names[n])}</a></li>"
                    for n in silent[:MAX_BARS])
    if len(silent) > MAX_BARS:
        more = words("figures.more", count=len(silent) - MAX_BARS)
        items += f"<li class=\"more\">{escape(more)}</li>"
    return (f"<div class=\"no-figures\"><p>{escape(words('figures.claimed-without'))} "
            f"({len(silent)}):</p><ul>{items}</ul></div>")
