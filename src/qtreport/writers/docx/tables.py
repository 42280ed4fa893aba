"""Appendix tables in Word: the title lines, then a real table whose header rows repeat on
every page, with merged cells where the layout merges them (gridSpan across, vMerge
down).

A table has hundreds of cells of a few kinds (bold or not, italic or not, alignment,
indentation, merge); each kind is built once, element by element, and copied for its
cells (lxml copies a subtree in C, four times faster than building it), which then get
their own width, span and text.
"""

from __future__ import annotations

import copy
from typing import Any

from ... import ast
from .styles import twips
from .xml import XML_SPACE, element, paragraph, sub, tag

TITLE_STYLE, SUBTITLE_STYLE, CELL_STYLE = "AppendixTitle", "AppendixSubtitle", "TableText"
INDENT_MM = 3  # a level of "Trong đó" indentation in the name column


def add_table(body: Any, table: ast.Table) -> None:
    paragraph(body, TITLE_STYLE, table.heading)
    if table.subheading:
        paragraph(body, SUBTITLE_STYLE, table.subheading)
    if table.rule:
        paragraph(body, SUBTITLE_STYLE, table.rule)
    widths = [twips(w) for w in table.widths_mm]
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
    for line in ast.header_grid(table):
        _header_row(tbl, line, widths, table.font_size)
    for row in table.rows:
        _row(tbl, row.cells, widths, table.font_size)


def _header_row(tbl: Any, line: list[ast.PlacedCell], widths: list[int],
                size: float) -> None:
    """A header row: a cell spanning rows starts a vertical merge; under it, each row has
    an empty cell that continues the merge."""
    tr = _tr(tbl, header=True)
    for placed in line:
        if placed.continued:
            _tc(tr, ast.Cell("", colspan=placed.cell.colspan), widths, placed.column, size,
                "continue")
        else:
            _tc(tr, placed.cell, widths, placed.column, size,
                "restart" if placed.cell.rowspan > 1 else None)


def _row(tbl: Any, cells: tuple[ast.Cell, ...], widths: list[int], size: float) -> None:
    tr = _tr(tbl, header=False)
    column = 0
    for cell in cells:
        _tc(tr, cell, widths, column, size, None)
        column += cell.colspan


def _tr(tbl: Any, header: bool) -> Any:
    tr = sub(tbl, "w:tr")
    properties = sub(tr, "w:trPr")
    sub(properties, "w:cantSplit")
    if header:
        sub(properties, "w:tblHeader")
    return tr


# A cell's kind: bold, italic, align, indent, merge, has text, spans columns; table size
_Kind = tuple[bool, bool, str, int, str | None, bool, bool, float]
_prototypes: dict[_Kind, Any] = {}
_TC_W, _GRID_SPAN, _VAL, _T, _W = (tag(name) for name in ("w:tcW", "w:gridSpan", "w:val",
                                                           "w:t", "w:w"))


def _tc(tr: Any, cell: ast.Cell, widths: list[int], column: int, size: float,
        merge: str | None) -> None:
    kind = (cell.bold, cell.italic, cell.align, cell.indent, merge, bool(cell.text),
            cell.colspan > 1, size)
    prototype = _prototypes.get(kind)
    if prototype is None:
        prototype = _prototypes[kind] = _cell_of_kind(kind)
    tc = copy.deepcopy(prototype)
    tr.append(tc)
    properties = tc[0]
    properties.find(_TC_W).set(_W, str(sum(widths[column:column + cell.colspan])))
    if cell.colspan > 1:
        properties.find(_GRID_SPAN).set(_VAL, str(cell.colspan))
    if cell.text:
        tc[-1][-1].find(_T).text = cell.text  # the paragraph's run's text


def _cell_of_kind(kind: _Kind) -> Any:
    """A <w:tc> of this kind, its width, span and text to be filled in."""
    bold, italic, align, indent, merge, has_text, spans, size = kind
    tc = element("w:tc")
    properties = sub(tc, "w:tcPr")
    sub(properties, "w:tcW", {"w:w": 0, "w:type": "dxa"})
    if spans:
        sub(properties, "w:gridSpan", {"w:val": 2})
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
