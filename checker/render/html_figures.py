"""The key figures on the HTML page: a table per report, and a comparison across reports —
for each figure a bar chart (inline SVG, sorted, each bar linking to its report), the values
that stand out flagged, and the reports that claim the element without any of its figures.

Report text and file names are untrusted: everything shown goes through `escape`.
"""

from __future__ import annotations

from html import escape

from checker.render.figure_text import described, figure_words, first_figures, outliers, plain_number

BAR_ROW = 20          # pixels per report in a chart
LABEL_WIDTH = 340     # pixels for the report's name (LABEL_CHARS characters of CJK text)
LABEL_CHARS = 26
BAR_WIDTH = 320       # pixels for the longest bar
VALUE_WIDTH = 150     # pixels for the value written after a bar
CLAIMED = ("met", "partial")
MAX_BARS = 60         # bars drawn in one chart at most (the flagged ones always)


def report_figures(report) -> str:
    """The figures one report states, for its detail view."""
    if not report.figures:
        return ""
    words = figure_words()
    heads = "".join(f"<th>{escape(w)}</th>" for w in words["columns"].split("|"))
    rows = "".join(f"<tr><td><code>{escape(f.element)}</code></td><td>{escape(f.title)}</td>"
                   f"<td class=\"num\">{escape(f.text)}</td><td>{escape(f.period or '')}</td>"
                   f"<td><span class=\"where\">{escape(f.where or f'line {f.line}')}</span> "
                   f"<q>{escape(f.sentence)}</q></td></tr>" for f in report.figures)
    return (f"<h3>{escape(words['report_heading'])}</h3><table class=\"figures\"><thead><tr>{heads}"
            f"</tr></thead><tbody>{rows}</tbody></table>")


def comparison(reports, names: list[str], href) -> str:
    """The section comparing each figure across the reports, element by element; `href`
    gives a report's detail link from its place in the results."""
    blocks = [block for block in (_element_block(element_id, reports, names, href)
                                  for element_id in _elements_with_figures(reports)) if block]
    if not blocks:
        return ""
    words = figure_words()
    return (f"<section id=\"figures\"><h2>{escape(words['compared'])}</h2>"
            f"<p class=\"note\">{escape(words['compared_note'])}</p>" + "".join(blocks) + "</section>")


def _elements_with_figures(reports) -> list[str]:
    ids: dict[str, None] = {}
    for report in reports:
        for element in report.elements:
            if element.figures_declared:
                ids.setdefault(element.id, None)
    return list(ids)


def _element_block(element_id: str, reports, names: list[str], href) -> str:
    title = next(e.title for r in reports for e in r.elements if e.id == element_id)
    declared = next(e.figures_declared for r in reports for e in r.elements if e.id == element_id)
    charts = [chart for chart in (_chart(element_id, fid, reports, names, href) for fid in declared) if chart]
    silent = _claimed_without_figures(element_id, reports, names, href)
    if not charts and not silent:
        return ""
    return (f"<div class=\"figure-element\" data-el=\"{escape(element_id)}\"><h3><code>"
            f"{escape(element_id)}</code> {escape(title)}</h3>{''.join(charts)}{silent}</div>")


def _chart(element_id: str, figure_id: str, reports, names: list[str], href) -> str:
    stated, labels = [], {}
    for number, report in enumerate(reports):
        figure = first_figures(report).get((element_id, figure_id))
        if figure is not None:
            stated.append((number, figure))
            labels[number] = report.document.body if report.document is not None else None
    if not stated:
        return ""
    stated.sort(key=lambda item: (-item[1].value, names[item[0]]))
    figure = stated[0][1]
    flagged = outliers([f.value for _, f in stated], figure.unit)
    top = max(f.value for _, f in stated) or 1.0
    shown = _bars_shown(len(stated), flagged)
    rows = [_bar(place, href(number), _label(labels[number], names[number]), item, top, row in flagged)
            for place, (row, (number, item)) in enumerate((row, stated[row]) for row in shown)]
    if len(shown) < len(stated):
        rows.append(_gap(len(shown), len(stated) - len(shown)))
    height = BAR_ROW * (len(rows)) + 4
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    label = f"{figure.title}（{figure.unit}）"
    words = figure_words()
    caption = (f"<figcaption>{escape(label)} · {len(stated)} {escape(words['reports'])}"
               + (f" · <span class=\"flag\">{len(flagged)} {escape(words['flagged'])}</span>"
                  if flagged else "") + "</figcaption>")
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


def _gap(row: int, hidden: int) -> str:
    """The line standing for the bars left out."""
    y = row * BAR_ROW + 2
    text = figure_words()["more"].format(count=hidden)
    return f"<text class=\"gap\" x=\"{LABEL_WIDTH}\" y=\"{y + 14}\">{escape(text)}</text>"


def _label(body, name: str) -> str:
    """The submitting body and the file (武昌区 · 001.txt), or the file when no body is known."""
    return f"{body.short or body.name} · {name}" if body is not None and (body.short or body.name) else name


def _bar(row: int, link: str, name: str, figure, top: float, flagged: bool) -> str:
    y = row * BAR_ROW + 2
    length = max(1.0, BAR_WIDTH * figure.value / top)
    shown = name if len(name) <= LABEL_CHARS else "…" + name[-(LABEL_CHARS - 1):]
    value = figure.text + (" " + figure_words()["outlier"] if flagged else "")
    return (f"<a href=\"{escape(link)}\"><g class=\"bar{' flagged' if flagged else ''}\" "
            f"data-value=\"{plain_number(figure.value)}\">"
            f"<title>{escape(name)}: {escape(described(figure))}</title>"
            f"<text x=\"{LABEL_WIDTH - 6}\" y=\"{y + 14}\" text-anchor=\"end\">{escape(shown)}</text>"
            f"<rect x=\"{LABEL_WIDTH}\" y=\"{y + 2}\" width=\"{length:.1f}\" height=\"{BAR_ROW - 6}\"/>"
            f"<text x=\"{LABEL_WIDTH + length + 6:.1f}\" y=\"{y + 14}\">{escape(value)}</text></g></a>")


def _claimed_without_figures(element_id: str, reports, names: list[str], href) -> str:
    """The reports that claim the element (met or partial) and state none of its figures."""
    silent = [number for number, report in enumerate(reports)
              if any(e.id == element_id and e.status in CLAIMED for e in report.elements)
              and not any(f.element == element_id for f in report.figures)]
    if not silent:
        return ""
    items = "".join(f"<li><a href=\"{escape(href(n))}\">{escape(names[n])}</a></li>"
                    for n in silent[:MAX_BARS])
    if len(silent) > MAX_BARS:
        more = figure_words()["more"].format(count=len(silent) - MAX_BARS)
        items += f"<li class=\"more\">{escape(more)}</li>"
    return (f"<div class=\"no-figures\"><p>{escape(figure_words()['claimed_without'])} "
            f"({len(silent)}):</p><ul>{items}</ul></div>")
