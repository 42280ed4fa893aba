"""Appendix tables in Word: the title lines, then a real table whose header rows repeat on
every page, with merged cells where the layout merges them (gridSpan across, vMerge
down).

A table has hundreds of rows whose cells come in a few shapes (a column's width, bold or
not, an indentation, a merge). Each cell shape is built once, element by element, then
copied for each cell of that shape (lxml copies a subtree in C, several times faster than
building it again), and the copy gets the cell's text. (Whole rows rarely repeat in the
real report: keyed by rows, nearly every row was built anew.)
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ... import ast
from .styles import twips
from .xml import XML_SPACE, element, paragraph, sub, tag

TITLE_STYLE, SUBTITLE_STYLE, CELL_STYLE = "AppendixTitle", "AppendixSubtitle", "TableText"
INDENT_MM = 3  # a level of "Trong đó" indentation in the name column


Mark = Callable[[Any, Any, str], None]  # bookmark (first paragraph, last, anchor)
Words = Callable[[Any, ast.Cell, float], None]  # a revised cell's words into its paragraph
RowMark = Callable[[Any, ast.Change], None]  # a row a revision adds or takes out


def add_table(body: Any, table: ast.Table, mark: Mark, words: Words, row_mark: RowMark) -> None:
    if table.heading:
        title = paragraph(body, TITLE_STYLE, table.heading)
        mark(title, title, table.anchor)
    if table.subheading:
        paragraph(body, SUBTITLE_STYLE, table.subheading)
    if table.rule:
        paragraph(body, SUBTITLE_STYLE, table.rule)
    widths = tuple(twips(w) for w in table.widths_mm)
    tbl = body.makeelement(tag("w:tbl"), {})
    body.find(tag("w:sectPr")).addprevious(tbl)
    properties = sub(tbl, "w:tblPr")
    sub(properties, "w:tblStyle", {"w:val": "TableGrid"})
    sub(properties, "w:tblW", {"w:w": sum(widths), "w:type": "dxa"})
    sub(properties, "w:jc", {"w:val": "center"})
    sub(properties, "w:tblLayout", {"w:type": "fixed"})
    sub(properties, "w:tblLook", {"w:val": "04A0", "w:firstRow": 1, "w:lastRow": 0,
                                  "w:firstColumn": 1, "w:lastColumn": 0, "w:noHBand": 0,
                                  "w:noVBand": 1})
    grid = sub(tbl, "w:tblGrid")
    for width in widths:
        sub(grid, "w:gridCol", {"w:w": width})
    for line, row in zip(ast.header_grid(table), table.header, strict=True):
        tr = _add_row(tbl, [_header_cell(placed) for placed in line], widths, table.font_size,
                      header=True)
        _mark_row(tr, row, mark)
    for row in table.rows:
        tr = _add_row(tbl, [(cell, None) for cell in row.cells], widths, table.font_size,
                      header=False)
        for tc, cell in zip(tr[1:], row.cells, strict=True):
            if cell.content is not None:
                words(tc[1], cell, table.font_size)
        row_mark(tr, row.change)
        _mark_row(tr, row, mark)


def _mark_row(tr: Any, row: ast.Row, mark: Mark) -> None:
    """The row's anchor, in the paragraph of its first cell that has text."""
    paragraphs = [tc[1] for tc in tr[1:]]  # tr[0] is <w:trPr>; a cell's [1] its paragraph
    p = next((p for p in paragraphs if len(p) > 1), paragraphs[0])  # <w:pPr> and a run
    mark(p, p, row.anchor)


def _header_cell(placed: ast.PlacedCell) -> tuple[ast.Cell, str | None]:
    """A header cell and its vertical merge: a cell spanning rows starts one; under it,
    each row has an empty cell that continues it."""
    if placed.continued:
        return ast.Cell(text="", colspan=placed.cell.colspan), "continue"
    return placed.cell, "restart" if placed.cell.rowspan > 1 else None


# A cell's shape: what it looks like (not what it says): width, size, bold, italic,
# alignment, indentation, merge, whether it has a run for its text, column span.
_CellShape = tuple[int, float, bool, bool, str, int, str | None, bool, int]
_T, _BR = tag("w:t"), tag("w:br")


def _add_row(tbl: Any, cells: list[tuple[ast.Cell, str | None]], widths: tuple[int, ...],
             size: float, header: bool) -> Any:
    tr = sub(tbl, "w:tr")
    properties = sub(tr, "w:trPr")
    sub(properties, "w:cantSplit")
    if header:
        sub(properties, "w:tblHeader")
    column = 0
    for cell, merge in cells:
        has_text = bool(cell.text) and cell.content is None
        shape = (sum(widths[column:column + cell.colspan]), size, cell.bold, cell.italic,
                 cell.align, cell.indent, merge, has_text, cell.colspan)
        column += cell.colspan
        tc = copy.deepcopy(_cell_of_shape(shape))
        tr.append(tc)
        if has_text:
            _fill(tc[1][1].find(_T), cell.text)  # the cell's paragraph's run's text
    return tr


def _fill(t: Any, text: str) -> None:
    """The text of a cell's run; a line break in it becomes Word's own."""
    first, *more = text.split("\n")
    t.text = first
    last = t
    for line in more:
        last.addnext(t.makeelement(_BR, {}))
        last = last.getnext()
        last.addnext(t.makeelement(_T, {XML_SPACE: "preserve"}))
        last = last.getnext()
        last.text = line


@lru_cache(maxsize=1024)  # a report has a few dozen shapes; the bound is for any input
def _cell_of_shape(shape: _CellShape) -> Any:
    """A <w:tc> of this shape, its text to be filled in: a prototype, copied for each
    cell (lxml copies in C), never put in a document itself."""
    width, size, bold, italic, align, indent, merge, has_text, colspan = shape
    tc = element("w:tc")
    properties = sub(tc, "w:tcPr")
    sub(properties, "w:tcW", {"w:w": width, "w:type": "dxa"})
    if colspan > 1:
        sub(properties, "w:gridSpan", {"w:val": colspan})
    if merge == "restart":
        sub(properties, "w:vMerge", {"w:val": "restart"})
    elif merge == "continue":
        sub(properties, "w:vMerge")
    sub(properties, "w:vAlign", {"w:val": "center"})
    p = sub(tc, "w:p")
    paragraph_properties = sub(p, "w:pPr")
    sub(paragraph_properties, "w:pStyle", {"w:val": CELL_STYLE})
    if indent:
        sub(paragraph_properties, "w:ind", {"w:left": twips(INDENT_MM * indent)})
    sub(paragraph_properties, "w:jc", {"w:val": align})
    if has_text:
        r = sub(p, "w:r")
        run = sub(r, "w:rPr")  # in the schema's order: b, bCs, i, iCs, sz, szCs
        for flag, names in ((bold, ("w:b", "w:bCs")), (italic, ("w:i", "w:iCs"))):
            if flag:
                for name in names:
                    sub(run, name)
        half_points = round(size * 2)
        sub(run, "w:sz", {"w:val": half_points})
        sub(run, "w:szCs", {"w:val": half_points})
        sub(r, "w:t", {XML_SPACE: "preserve"})
    return tc
