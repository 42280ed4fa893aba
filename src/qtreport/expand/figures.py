"""The indicator data as the prose may quote it (ast.DataFigure): every year's figure, the
growth rates, ratios, totals and averages of the term, each with where it comes from and
the {{ … }} that quotes it. The prose lint (lint/figures.py) holds the figures typed in the
text to these."""

from __future__ import annotations

from collections.abc import Iterator

from .. import ast
from ..compute.indicators import IndicatorResult, IndicatorResults
from ..validate.indicator_models import Official
from .tables import GROWTH_KINDS


def data_figures(results: IndicatorResults | None) -> tuple[ast.DataFigure, ...]:
    if results is None:
        return ()
    actuals = results.file.rsplit("/", 1)[0] + "/actuals" if "/" in results.file \
        else "actuals"
    out: list[ast.DataFigure] = []
    for result in results.by_id.values():
        if result.is_heading or not (result.computed or result.indicator.official):
            continue
        out.extend(_of(result, results, actuals))
    return tuple(out)


def _of(result: IndicatorResult, results: IndicatorResults,
        actuals: str) -> Iterator[ast.DataFigure]:
    indicator = result.indicator
    base, last = results.base_year, results.as_of
    decimals = indicator.decimals

    def made(kind: str, name: str, years: tuple[int, ...], value: float, binding: str,
             unit: str | None = indicator.unit, digits: int | None = decimals) -> ast.DataFigure:
        pinned = indicator.official.get(name)
        return ast.DataFigure(indicator=indicator.id, name=indicator.name, unit=unit,
                              kind=kind,  # type: ignore[arg-type]
                              years=years, value=value, decimals=digits,
                              source=_source(pinned, name, indicator.id, results.file, actuals),
                              binding=binding)

    for name in sorted({*result.computed, *indicator.official}):  # pinned ones too
        figure = result.figure(name)
        value = figure.value
        if value is None:
            continue
        kind, _, year_text = name.partition("_")
        if kind == "value" and year_text.isdigit():
            year = int(year_text)
            yield made("value", name, (year,), value,
                       f"{{{{ num(actual('{indicator.id}', {year}){_digits(decimals)}) }}}}")
        elif kind == "growth" and year_text.isdigit() and result.kind in GROWTH_KINDS:
            year = int(year_text)
            yield made("growth", name, (base + 1, year), round(round(value, 2) - 100, 2),
                       f"{{{{ num(rate('{indicator.id}', {year}), 2) }}}}", unit="%", digits=2)
        elif name == "ratio" and result.kind in GROWTH_KINDS:
            yield made("ratio", name, (base, last), value,
                       f"{{{{ num(figure('{indicator.id}', 'ratio'), 1) }}}}", unit="lần",
                       digits=1)
        elif kind == "total" and year_text.isdigit() and result.kind == "cumulative":
            year = int(year_text)
            yield made("total", name, (base + 1, year), value,
                       f"{{{{ num(figure('{indicator.id}', '{name}')) }}}}")
        elif name == "average":  # the term's mean, which the prose says "bình quân"
            yield made("average", name, (base + 1, last), value,
                       f"{{{{ num(figure('{indicator.id}', 'average'), 2) }}}}")


def _digits(decimals: int | None) -> str:
    return f", {decimals}" if decimals else ""


def _source(pinned: Official | None, name: str, indicator: str, file: str,
            actuals: str) -> str:
    if pinned is not None:
        return f"{file}: {indicator}, official {name}"
    if name.startswith("value_"):
        return f"{actuals}/{name[6:]}.yaml: {indicator}"
    return f"{name} of '{indicator}', computed from {actuals}/"
