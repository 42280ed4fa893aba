"""The tables of a document tree for the terminal: the appendices (`qtreport indicators`),
assessments coloured, with the tally of each; the register of a comment round
(`qtreport feedback list`). And the same tables as CSV and Markdown, to paste into a
spreadsheet or a letter.

A figure is never cut or wrapped: the columns that hold figures keep their whole width,
the text columns (the indicators' names) wrap at word ends. Where even that does not fit
the terminal, each row is printed as a block, one column a line.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import Any

from .. import ast

_COLOURS = {"Đạt": "green", "Vượt": "bold green", "Không đạt": "red", "Chưa đạt": "yellow",
            "Đúng tiến độ": "green", "Vượt tiến độ": "bold green", "Chậm tiến độ": "red",
            "Chưa đến hạn": "yellow"}
_FIGURE = re.compile(r"^[\d.,%+\-–−()/ ]+$|^.{0,12}$")  # a figure, or a cell short enough
TEXT_MIN = 14  # the narrowest a text column gets before rows become blocks
_BORDERS = 3  # a column's padding and rule in rich's table


def _rows(table: ast.Table) -> list[list[ast.Cell]]:
    """Each row's cells, a cell over several columns followed by empty ones."""
    out = []
    for row in table.rows:
        cells: list[ast.Cell] = []
        for cell in row.cells:
            cells.append(cell)
            cells.extend([ast.Cell(text="")] * (cell.colspan - 1))
        out.append(cells)
    return out


def _figure_columns(headers: list[str], rows: list[list[ast.Cell]]) -> list[bool]:
    """Which columns hold figures (every cell a number, a percentage, a short word)."""
    return [all(_FIGURE.match(r[i].text) for r in rows if i < len(r) and r[i].text
                and not r[i].bold)
            for i in range(len(headers))]


def indicator_tables(document: ast.Document, width: int = 80) -> Iterator[Any]:
    """One rich renderable per table of the document (the appendices; the synthesis of a
    comment round) for a terminal `width` columns wide: a table where its figures fit
    whole, else a block per row."""
    for table in document.tables:
        headers = ast.column_headers(table)
        rows = _rows(table)
        figures = _figure_columns(headers, rows)
        widths = [max((len(r[i].text) for r in rows if i < len(r)), default=0)
                  for i in range(len(headers))]
        needed = sum(w if f else min(w, TEXT_MIN) for w, f in zip(widths, figures, strict=True))
        if needed + _BORDERS * len(headers) + 1 <= width:
            yield _grid(table, headers, rows, figures, widths)
        else:
            yield _blocks(table, headers, rows)


def _grid(table: ast.Table, headers: list[str], rows: list[list[ast.Cell]],
          figures: list[bool], widths: list[int]) -> Any:
    from rich.markup import escape
    from rich.table import Table

    grid = Table(title=table.heading, caption=table.subheading, show_lines=False)
    for header, figure, width in zip(headers, figures, widths, strict=True):
        if figure:  # whole, never wrapped
            grid.add_column(escape(header), no_wrap=True, min_width=width)
        else:  # wrapped at word ends
            grid.add_column(escape(header), overflow="fold", min_width=min(width, TEXT_MIN))
    for cells in rows:
        grid.add_row(*(_markup(cell) for cell in cells))
    return grid


def _markup(cell: ast.Cell) -> str:
    from rich.markup import escape

    text = escape(cell.text)
    if cell.text in _COLOURS:
        text = f"[{_COLOURS[cell.text]}]{text}[/]"
    elif cell.bold:
        text = f"[bold]{text}[/]"
    return ("  " * cell.indent) + text


def _blocks(table: ast.Table, headers: list[str], rows: list[list[ast.Cell]]) -> Any:
    """A narrow terminal: each row a block, its first cells as its title, then each other
    column on a line of its own ("Thực hiện 2024: 3.033")."""
    from rich.console import Group
    from rich.markup import escape
    from rich.text import Text

    lines: list[Any] = [Text(table.heading, style="bold")]
    if table.subheading:
        lines.append(Text(table.subheading, style="dim"))
    for cells in rows:
        title = " ".join(c.text for c in cells[:2] if c.text)
        lines.append(Text.from_markup(f"[bold]{escape(title)}[/]" if title else ""))
        for header, cell in zip(headers[2:], cells[2:], strict=False):
            if cell.text:
                lines.append(Text.from_markup(f"    {escape(header)}: {_markup(cell)}"))
    return Group(*lines)


def as_csv(document: ast.Document) -> str:
    """Every table as CSV (comma-separated, quoted where needed), a blank line between
    tables; the figures as the report prints them ("3.033", "116,80")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for number, table in enumerate(document.tables):
        if number:
            out.write("\n")
        writer.writerow([table.heading])
        writer.writerow(ast.column_headers(table))
        for cells in _rows(table):
            writer.writerow([("  " * c.indent) + c.text for c in cells])
    return out.getvalue()


def as_markdown(document: ast.Document) -> str:
    """Every table as a Markdown pipe table under its heading."""
    lines: list[str] = []
    for table in document.tables:
        headers = ast.column_headers(table)
        lines += [f"**{_md(table.heading)}**", ""]
        if table.subheading:
            lines += [f"*{_md(table.subheading)}*", ""]
        lines.append("| " + " | ".join(_md(h) for h in headers) + " |")
        lines.append("|" + "|".join(" --- " for _ in headers) + "|")
        for cells in _rows(table):
            lines.append("| " + " | ".join(_md(c.text) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


def _md(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def tally_line(document: ast.Document) -> str:
    """"Phụ lục 1: 13/18 chỉ tiêu đạt và vượt; …" for the appendices that count targets;
    while the term runs, "… đạt và vượt tiến độ (đến năm 2027)": a count to date."""
    return "; ".join(f"Phụ lục {t.number}: {t.tally.achieved}/{t.tally.counted} chỉ tiêu "
                     + _so_far(t.tally) for t in document.tables if t.tally and t.tally.counted)


def _so_far(tally: ast.Tally) -> str:
    if tally.as_of is None:
        return "đạt và vượt"
    return f"đạt và vượt tiến độ (số liệu đến năm {tally.as_of}; nhiệm kỳ chưa kết thúc)"
