"""The tables of a document tree for the terminal: the appendices (`qtreport indicators`),
assessments coloured, with the tally of each; the register of a comment round
(`qtreport feedback list`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import ast

_COLOURS = {"Đạt": "green", "Vượt": "bold green", "Không đạt": "red", "Chưa đạt": "yellow",
            "Đúng tiến độ": "green", "Vượt tiến độ": "bold green", "Chậm tiến độ": "red",
            "Chưa đến hạn": "yellow"}


def indicator_tables(document: ast.Document) -> Iterator[Any]:
    """One rich Table per table of the document (the appendices; the synthesis of a comment
    round), group rows in bold, assessments coloured."""
    from rich.markup import escape
    from rich.table import Table

    for table in document.tables:
        grid = Table(title=table.heading, caption=table.subheading, show_lines=False)
        for header in ast.column_headers(table):
            grid.add_column(escape(header), overflow="fold")
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                text = escape(cell.text)
                if cell.text in _COLOURS:
                    text = f"[{_COLOURS[cell.text]}]{text}[/]"
                elif cell.bold:
                    text = f"[bold]{text}[/]"
                cells.append(("  " * cell.indent) + text)
                cells.extend([""] * (cell.colspan - 1))
            grid.add_row(*cells)
        yield grid


def tally_line(document: ast.Document) -> str:
    """"Phụ lục 1: 13/18 chỉ tiêu đạt và vượt; …" for the appendices that count targets;
    while the term runs, "… đạt và vượt tiến độ (đến năm 2027)": a count to date."""
    return "; ".join(f"Phụ lục {t.number}: {t.tally.achieved}/{t.tally.counted} chỉ tiêu "
                     + _so_far(t.tally) for t in document.tables if t.tally and t.tally.counted)


def _so_far(tally: ast.Tally) -> str:
    if tally.as_of is None:
        return "đạt và vượt"
    return f"đạt và vượt tiến độ (số liệu đến năm {tally.as_of}; nhiệm kỳ chưa kết thúc)"
