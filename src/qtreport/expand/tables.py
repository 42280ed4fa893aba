"""Appendix tables: the computed indicators laid out by templates/appendices/<layout>.yaml.

The layout (columns, headers, widths) lives in the template and every figure was computed
by the compute stage; this module decides the text of each cell: figures in the Vietnamese
number format, written-out figures merged over the empty value columns, group rows across
the table.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .. import ast, rules
from ..compute.indicators import AppendixResult, IndicatorResult, IndicatorResults, Row
from ..compute.targets import target_text
from ..diagnostics import Findings
from ..numformat import format_number
from ..validate.indicator_models import AppendixLayout, ColumnDef, Score, Show

GROWTH_KINDS = ("growth", "multiple")


def appendix_table(appendix: AppendixResult, layout: AppendixLayout,
                   results: IndicatorResults, findings: Findings) -> ast.Table:
    fields = {"number": appendix.number, "title": appendix.title,
              "resolution": results.resolution}
    columns = [_estimated(column, results.estimates) for column in layout.columns]
    header = tuple(ast.Row(cells=cells, source=layout.src, anchor=f"{appendix.anchor}-h{i}")
                   for i, cells in enumerate(_header(columns), start=1))
    filled = [False] * len(layout.columns)  # a column some row has a figure or a word in
    rows = tuple(ast.Row(cells=_cells(row, layout, filled), source=row.src, anchor=row.anchor)
                 for row in appendix.rows)
    if any(row.result is not None for row in appendix.rows):
        _report_empty_columns(appendix, layout, results, filled, findings)
    return ast.Table(
        number=appendix.number,
        heading=layout.heading.format(**fields),
        subheading=layout.subheading.format(**fields) if layout.subheading else None,
        rule=layout.rule,
        widths_mm=tuple(c.width_mm for c in layout.columns),
        header=header,
        rows=rows,
        font_size=layout.font_size,
        source=appendix.src,
        anchor=appendix.anchor,
        tally=replace(appendix.tally,
                      as_of=results.as_of if results.as_of < results.last_year else None),
    )


def _report_empty_columns(appendix: AppendixResult, layout: AppendixLayout,
                          results: IndicatorResults, filled: list[bool],
                          findings: Findings) -> None:
    for column, has_text in zip(layout.columns, filled, strict=True):
        if has_text:
            continue
        years = [int(y) for s in column.shows for y in re.findall(r"\d{4}", s.arg)]
        why = next((f"{y} is outside the term {results.base_year}-{results.last_year}"
                    for y in years if not results.base_year <= y <= results.last_year), None) \
            or next((f"the figures stand at {results.as_of}; {y} has none yet"
                     for y in years if y > results.as_of), None) \
            or ("the term is over: nothing remains to be needed"
                if Show(kind="needed") in column.shows else "no indicator of this appendix has it")
        findings.report(rules.EMPTY_COLUMN, column.src,
                        f"cột '{' '.join(column.header)}' của Phụ lục {appendix.number} trống",
                        f"the column '{column.show}' is empty in every row of appendix "
                        f"{appendix.number}: {why}")


def _estimated(column: ColumnDef, estimates: frozenset[int]) -> ColumnDef:
    """A column of a year whose figures are estimates says so: its header's year, "2025",
    becomes "Ước 2025" (a header that says so already is left alone)."""
    first = column.shows[0]
    year, last = first.arg, column.header[-1]
    if first.kind != "actual" or not year.isdigit() or int(year) not in estimates \
            or last.strip() != year:
        return column
    return column.model_copy(update={"header": [*column.header[:-1], f"Ước {year}"]})


def _header(columns: list[ColumnDef]) -> list[tuple[ast.Cell, ...]]:
    """One header row, or two where a column's header has two lines: the first line is one
    cell over the neighbours that share it, and a one-line column's cell spans both rows."""
    two_levels = any(len(c.header) == 2 for c in columns)
    top: list[ast.Cell] = []
    for i, column in enumerate(columns):
        shares = i > 0 and len(column.header) == 2 and len(columns[i - 1].header) == 2 \
            and columns[i - 1].header[0] == column.header[0]
        if shares:
            top[-1] = ast.Cell(text=top[-1].text, colspan=top[-1].colspan + 1, bold=True)
        else:
            rowspan = 2 if two_levels and len(column.header) == 1 else 1
            top.append(ast.Cell(text=column.header[0], rowspan=rowspan, bold=True))
    if not two_levels:
        return [tuple(top)]
    bottom = tuple(ast.Cell(text=c.header[1], bold=True) for c in columns if len(c.header) == 2)
    return [tuple(top), bottom]


def _cells(row: Row, layout: AppendixLayout, filled: list[bool]) -> tuple[ast.Cell, ...]:
    if row.result is None:
        label, title = row.group_label or "", row.group_title or ""
        if len(layout.columns) == 1:
            return (ast.Cell(text=f"{label} {title}", bold=True, align="left"),)
        return (ast.Cell(text=label, bold=True),
                ast.Cell(text=title, colspan=len(layout.columns) - 1, bold=True, align="left"))
    return _indicator_cells(row.result, layout, filled)


def _indicator_cells(result: IndicatorResult, layout: AppendixLayout,
                     filled: list[bool]) -> tuple[ast.Cell, ...]:
    part = result.depth > 0
    cells = []
    for i, column in enumerate(layout.columns):
        text = next((t for t in (_show(s, result, layout) for s in column.shows) if t), "")
        filled[i] = filled[i] or bool(text)
        cells.append(ast.Cell(text=text, align=column.align, italic=part, bold=result.is_heading,
                              indent=result.depth if column.shows == _NAME else 0))
    return _merge_written_out(cells, result, layout)


_NAME = (Show(kind="name"),)  # a column of the rows' names, indented by their depth


def _show(show: Show, result: IndicatorResult, layout: AppendixLayout) -> str:
    kind, arg = show.kind, show.arg
    indicator = result.indicator
    if kind == "number":
        return result.label
    if kind == "name":
        return indicator.name
    if kind == "unit":
        return indicator.unit or ""
    if kind == "target":
        return target_text(indicator.target) or ""
    if kind == "assessment":
        return result.assessment or ""
    if kind == "comparison":
        target = indicator.target
        if target is not None and target.kind == "qualitative":
            return target.reason or ""
        return result.assessment or ""
    if kind == "actual":
        return _actual(result, int(arg), layout)
    if kind == "needed":
        return _needed(result)
    return _figure(result, arg)


def _needed(result: IndicatorResult) -> str:
    """What the remaining years need, in the target's own terms."""
    if result.needed is None:
        return ""
    if result.kind in GROWTH_KINDS:
        return f"{format_number(result.needed, 2)}%/năm"
    if result.kind == "deadline":
        return f"còn {format_number(result.needed)} năm"
    return _number(result, result.needed)


def _actual(result: IndicatorResult, year: int, layout: AppendixLayout) -> str:
    figure = result.figure(f"value_{year}")
    if figure.pinned is not None:
        return figure.text or _number(result, figure.value)
    value = result.entered.get(year)
    if isinstance(value, Score):
        return layout.score_text.format(score=format_number(value.score),
                                        grade=value.grade or "", rank=value.rank or "")
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int | float):
        return _number(result, value)
    return str(value)


def _figure(result: IndicatorResult, name: str) -> str:
    if name.startswith("growth") and result.kind not in GROWTH_KINDS:
        return ""  # a growth rate of a percentage or a count says nothing here
    figure = result.figure(name)
    if figure.text:
        return figure.text
    if figure.value is None:
        return ""
    if name.startswith(("growth", "ratio")):
        return format_number(figure.value, 2)
    if name.startswith(("sum", "total")) and result.kind != "cumulative":  # adding up shares
        return ""
    return _number(result, figure.value)


def _number(result: IndicatorResult, value: float | None) -> str:
    if value is None:
        return ""
    decimals = result.indicator.decimals
    return format_number(value, decimals) if decimals is not None else \
        format_number(round(value, 4))


def _merge_written_out(cells: list[ast.Cell], result: IndicatorResult,
                       layout: AppendixLayout) -> tuple[ast.Cell, ...]:
    """Figures the draft writes out in words ("Ước giai đoạn 2021 - 2025: 467 tỷ") go in one
    cell merged over the first run of empty value columns, as the draft prints them."""
    shown = {c.shows for c in layout.columns}  # a figure a column of its own shows
    texts = [o.text for name, o in result.indicator.official.items()
             if o.text and (Show(kind="figure", arg=name),) not in shown
             and not name.startswith("value_")]
    positions = [i for i, c in enumerate(layout.columns) if c.show in layout.text_columns]
    if not texts or not positions:
        return tuple(cells)
    run: list[int] = []
    for i in positions:
        if cells[i].text or (run and i != run[-1] + 1):
            if run:
                break
            continue
        run.append(i)
    if not run:
        return tuple(cells)
    merged = ast.Cell(text=". ".join(t.rstrip(".") for t in texts), colspan=len(run),
                      italic=cells[run[0]].italic)
    return (*cells[:run[0]], merged, *cells[run[-1] + 1:])
