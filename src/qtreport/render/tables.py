"""Appendix tables in Word: a landscape section, a real table with header rows that repeat
on every page, merged cells where the layout merges them."""

from __future__ import annotations

from html import escape

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ..model import StyleSheet
from .appendix import Cell, RenderedTable
from .styles import TWIPS_PER_MM, set_page
from .wordxml import paragraph


def add_appendix(document: DocxDocument, table: RenderedTable, sheet: StyleSheet) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, sheet.appendix_page)
    body = document.element.body
    paragraph(body, "AppendixTitle", table.heading)
    if table.subheading:
        paragraph(body, "AppendixSubtitle", table.subheading)
    if table.rule:
        paragraph(body, "AppendixSubtitle", table.rule)
    _table(document, table)


def _table(document: DocxDocument, table: RenderedTable) -> None:
    """The table's XML written in one piece: python-docx's table API re-indexes the rows on
    every merge and row access, which makes a long appendix quadratic."""
    widths = [round(w * TWIPS_PER_MM) for w in table.widths_mm]
    rows = [_row_xml(row, widths, table.font_size, header=True,
                     vertical=table.header_vertical if len(table.header) == 2 else None,
                     continued=index == 1)
            for index, row in enumerate(table.header)]
    rows += [_row_xml(row, widths, table.font_size) for row in table.rows]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    element = parse_xml(
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')
    document.element.body.find(qn("w:sectPr")).addprevious(element)


_JC = {"left": "left", "center": "center", "right": "right"}


def _row_xml(row: list[Cell], widths: list[int], size: float, header: bool = False,
             vertical: list[bool] | None = None, continued: bool = False) -> str:
    """One <w:tr>. In a two-line header, a one-line column's cell spans both lines
    (vMerge): `continued` marks the second line, whose cell then only continues it."""
    cells, column = [], 0
    for cell in row:
        span = sum(widths[column:column + cell.span])
        merge = ""
        if vertical is not None and vertical[column]:
            merge = '<w:vMerge/>' if continued else '<w:vMerge w:val="restart"/>'
        grid_span = f'<w:gridSpan w:val="{cell.span}"/>' if cell.span > 1 else ""
        text = "" if merge == "<w:vMerge/>" else cell.text
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{span}" w:type="dxa"/>{grid_span}{merge}'
                     f'<w:vAlign w:val="center"/></w:tcPr>{_cell_paragraph(cell, text, size)}'
                     "</w:tc>")
        column += cell.span
    properties = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"


def _cell_paragraph(cell: Cell, text: str, size: float) -> str:
    indent = f'<w:ind w:left="{round(3 * cell.indent * TWIPS_PER_MM)}"/>' if cell.indent \
        else ""
    paragraph = (f'<w:pPr><w:pStyle w:val="TableText"/>{indent}'
                 f'<w:jc w:val="{_JC[cell.align]}"/></w:pPr>')
    if not text:
        return f"<w:p>{paragraph}</w:p>"
    run = ("<w:b/><w:bCs/>" if cell.bold else "") + ("<w:i/><w:iCs/>" if cell.italic else "")
    half_points = round(size * 2)
    return (f'<w:p>{paragraph}<w:r><w:rPr>{run}<w:sz w:val="{half_points}"/>'
            f'<w:szCs w:val="{half_points}"/></w:rPr>'
            f'<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')
