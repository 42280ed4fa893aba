"""Appendix tables: computed indicators laid out by templates/appendices/<layout>.yaml.

The layout (columns, headers, widths) lives in the template; this module only decides what
text each cell carries: figures in the Vietnamese number format, written-out figures
merged over the empty value columns, group rows across the table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..compute.indicators import AppendixResult, IndicatorResult, IndicatorResults
from ..diagnostics import SourceRef
from ..model import AppendixLayout, ColumnDef, Score
from ..numformat import format_number

GROWTH_KINDS = ("growth", "multiple")


@dataclass
class Cell:
    text: str = ""
    span: int = 1  # columns this cell covers (merged to the right)
    bold: bool = False
    italic: bool = False
    align: str = "center"
    indent: int = 0  # levels of "Trong đó" indentation


@dataclass
class RenderedTable:
    heading: str
    subheading: str | None
    widths_mm: list[float]
    header: list[list[Cell]]  # one or two rows; a column's cell may span both (vertical)
    header_vertical: list[bool]  # per column: the header cell covers both header rows
    rows: list[list[Cell]]
    font_size: float
    src: SourceRef  # the appendix in data/targets_2020_2025.yaml
    rule: str | None = None  # the short line under the subheading


def render_appendix(appendix: AppendixResult, layout: AppendixLayout,
                    results: IndicatorResults) -> RenderedTable:
    fields = {"number": appendix.number, "title": appendix.title,
              "resolution": results.resolution}
    header, vertical = _header(layout.columns)
    rows = []
    for row in appendix.rows:
        if row.result is None:
            rows.append(_group_row(row.group_label or "", row.group_title or "", layout))
        else:
            rows.append(_indicator_row(row.result, layout))
    return RenderedTable(layout.heading.format(**fields),
                         layout.subheading.format(**fields) if layout.subheading else None,
                         [c.width_mm for c in layout.columns], header, vertical, rows,
                         layout.font_size, appendix.src, layout.rule)


def _header(columns: list[ColumnDef]) -> tuple[list[list[Cell]], list[bool]]:
    two_levels = any(len(c.header) == 2 for c in columns)
    vertical = [len(c.header) == 1 for c in columns]
    top: list[Cell] = []
    for i, column in enumerate(columns):
        shares = i > 0 and len(column.header) == 2 and len(columns[i - 1].header) == 2 \
            and columns[i - 1].header[0] == column.header[0]
        if shares:
            top[-1].span += 1  # one cell over the columns that share the first line
        else:
            top.append(Cell(column.header[0], bold=True))
    if not two_levels:
        return [top], vertical
    bottom = [Cell(c.header[1] if len(c.header) == 2 else "", bold=True) for c in columns]
    return [top, bottom], vertical


def _group_row(label: str, title: str, layout: AppendixLayout) -> list[Cell]:
    if len(layout.columns) == 1:
        return [Cell(f"{label} {title}", bold=True, align="left")]
    return [Cell(label, bold=True), Cell(title, span=len(layout.columns) - 1, bold=True,
                                         align="left")]


def _indicator_row(result: IndicatorResult, layout: AppendixLayout) -> list[Cell]:
    part = result.depth > 0
    cells = []
    for column in layout.columns:
        text = next((t for t in (_show(s.strip(), result, layout)
                                 for s in column.show.split("|")) if t), "")
        cell = Cell(text, align=column.align, italic=part, bold=result.is_heading)
        if column.show == "name":
            cell.indent = result.depth
        cells.append(cell)
    return _merge_written_out(cells, result, layout)


def _show(show: str, result: IndicatorResult, layout: AppendixLayout) -> str:
    kind, _, arg = show.partition(":")
    indicator = result.indicator
    if kind == "number":
        return result.label
    if kind == "name":
        return indicator.name
    if kind == "unit":
        return indicator.unit or ""
    if kind == "target":
        return (indicator.target.text or "") if indicator.target else ""
    if kind == "assessment":
        return result.assessment or ""
    if kind == "comparison":
        target = indicator.target
        if target is not None and target.kind == "qualitative":
            return target.reason or ""
        return result.assessment or ""
    if kind == "actual":
        return _actual(result, int(arg), layout)
    return _figure(result, arg)


def _actual(result: IndicatorResult, year: int, layout: AppendixLayout) -> str:
    figure = result.figure(f"value_{year}")
    if figure.pinned is not None:
        return figure.text or _number(result, figure.value)
    value = result.values.get(year)
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
    if name.startswith("sum") and result.kind != "cumulative":
        return ""
    return _number(result, figure.value)


def _number(result: IndicatorResult, value: float | None) -> str:
    if value is None:
        return ""
    decimals = result.indicator.decimals
    return format_number(value, decimals) if decimals is not None else \
        format_number(round(value, 4))


def _merge_written_out(cells: list[Cell], result: IndicatorResult,
                       layout: AppendixLayout) -> list[Cell]:
    """Figures the draft writes out in words ("Ước giai đoạn 2021 - 2025: 467 tỷ") go in one
    cell merged over the first run of empty value columns, as the draft prints them."""
    shown = {c.show.strip() for c in layout.columns}
    texts = [o.text for name, o in result.indicator.official.items()
             if o.text and f"figure:{name}" not in shown and not name.startswith("value_")]
    positions = [i for i, c in enumerate(layout.columns) if c.show in layout.text_columns]
    if not texts or not positions:
        return cells
    run: list[int] = []
    for i in positions:
        if cells[i].text or (run and i != run[-1] + 1):
            if run:
                break
            continue
        run.append(i)
    if not run:
        return cells
    merged = Cell(". ".join(t.rstrip(".") for t in texts), span=len(run),
                  italic=cells[run[0]].italic)
    return [*cells[:run[0]], merged, *cells[run[-1] + 1:]]


_COLOURS = {"Đạt": "green", "Vượt": "bold green", "Không đạt": "red", "Chưa đạt": "yellow"}


def rich_tables(tables: list[RenderedTable]):
    """The same tables for the terminal (`qtreport indicators`)."""
    from rich.table import Table

    for table in tables:
        grid = Table(title=table.heading, caption=table.subheading, show_lines=False)
        headers = flat_headers(table)
        for header in headers:
            grid.add_column(header, overflow="fold")
        for row in table.rows:
            cells: list[str] = []
            for cell in row:
                text = cell.text
                if text in _COLOURS:
                    text = f"[{_COLOURS[text]}]{text}[/]"
                elif cell.bold:
                    text = f"[bold]{text}[/]"
                cells.append(("  " * cell.indent) + text)
                cells.extend([""] * (cell.span - 1))
            grid.add_row(*cells)
        yield grid


def flat_headers(table: RenderedTable) -> list[str]:
    """One header per column: a grouped header's two lines joined ("Thực hiện 2020")."""
    top = []
    for cell in table.header[0]:
        top.extend([cell.text] * cell.span)
    if len(table.header) == 1:
        return top
    return [f"{t} {b.text}".strip() if b.text else t for t, b in zip(top, table.header[1],
                                                                      strict=True)]
