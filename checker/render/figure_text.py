"""How a key figure is shown: the number as the report wrote it (40多名, 24.5%), or a
plain number for a spreadsheet, and which reports' figures stand out."""

from __future__ import annotations

from checker.judge.results import KeyFigure


def plain_number(value: float) -> str:
    """12608, 24.5, 14000: no exponent, no trailing .0."""
    return str(int(value)) if value == int(value) else f"{value:.10g}"


def cell_value(figure: KeyFigure) -> str:
    """A spreadsheet cell: the plain number when exact, so a column sorts; as written when
    approximate or a range (40多名, 3%-5%), so the approximation is not lost."""
    if figure.approx is None and figure.high is None:
        return plain_number(figure.value)
    return figure.text


def described(figure: KeyFigure, words=None) -> str:
    """24.5%（截至12月份，第79行）: the number as written, its period and where it is, in
    the reader's language; without `words`, in English (`fazhi explain`, SVG titles)."""
    if words is not None:
        where = words.place(figure.where, figure.line)
        if figure.period:
            return words("text.figure-period", text=figure.text, period=figure.period, where=where)
        return words("text.figure", text=figure.text, where=where)
    where = figure.where or f"line {figure.line}"
    period = f"{figure.period}, " if figure.period else ""
    return f"{figure.text} ({period}{where})"


def first_figures(report) -> dict[tuple[str, str], KeyFigure]:
    """(element, figure) -> the first reading of it in the report, in text order."""
    first: dict[tuple[str, str], KeyFigure] = {}
    for figure in report.figures:
        first.setdefault((figure.element, figure.figure), figure)
    return first


def declared_columns(reports) -> list[tuple[str, str]]:
    """(element, figure) of every figure the elements carry, in pack order."""
    columns: dict[tuple[str, str], None] = {}
    for report in reports:
        note_declared(report.elements, columns)
    return list(columns)


def note_declared(elements, columns: dict[tuple[str, str], None]) -> None:
    """Add the (element, figure) of each figure `elements` carry to `columns`, in order."""
    for element in elements:
        for figure_id in element.figures_declared:
            columns.setdefault((element.id, figure_id), None)


def outliers(values: list[float], unit: str) -> set[int]:
    """Indexes of the values that stand out: beyond 1.5 interquartile ranges from the middle
    half (with 4 values or more, the fewest that have quartiles worth the name), and a rate
    above 100%, which no rate can be."""
    from statistics import quantiles  # with its fractions and decimal: not for one report
    flagged = {i for i, v in enumerate(values) if unit == "%" and v > 100}
    if len(values) >= 4:
        low, _, high = quantiles(values, n=4, method="inclusive")
        spread = 1.5 * (high - low)
        flagged |= {i for i, v in enumerate(values) if v < low - spread or v > high + spread}
    return flagged
