"""Appendix tables in Word: a landscape section, a real table with header rows that repeat
on every page, merged cells where the layout merges them."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt

from ..model import StyleSheet
from .appendix import Cell, RenderedTable
from .styles import set_page, styled_paragraph

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT}


def add_appendix(document: DocxDocument, table: RenderedTable, sheet: StyleSheet) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, sheet.appendix_page)
    styled_paragraph(document, table.heading, "AppendixTitle")
    if table.subheading:
        styled_paragraph(document, table.subheading, "AppendixSubtitle")
        styled_paragraph(document, "-----", "AppendixSubtitle")
    _table(document, table)


def _table(document: DocxDocument, table: RenderedTable) -> None:
    columns = len(table.widths_mm)
    grid = document.add_table(rows=len(table.header) + len(table.rows), cols=columns)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for c, column in enumerate(grid.columns):  # the grid: what LibreOffice lays out by
        column.width = Mm(table.widths_mm[c])
    cells = [row.cells for row in grid.rows]  # one pass: python-docx rebuilds this per call
    for row in cells:
        for c, cell in enumerate(row):
            cell.width = Mm(table.widths_mm[c])
    for r, header_row in enumerate(table.header):
        _fill_row(cells[r], header_row, table.font_size)
        grid.rows[r]._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    if len(table.header) == 2:  # a one-line header cell covers both header rows
        for c, vertical in enumerate(table.header_vertical):
            if vertical:
                text = cells[0][c].text
                merged = cells[0][c].merge(cells[1][c])
                _only_text(merged, text)
    offset = len(table.header)
    for r, body_row in enumerate(table.rows):
        _fill_row(cells[offset + r], body_row, table.font_size)
        grid.rows[offset + r]._tr.get_or_add_trPr().append(
            parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))


def _fill_row(row_cells, row: list[Cell], size: float) -> None:
    column = 0
    for cell in row:
        target = row_cells[column]
        if cell.span > 1:
            target = target.merge(row_cells[column + cell.span - 1])
        paragraph = target.paragraphs[0]
        paragraph._p.style = "TableText"  # by id: python-docx's lookup by name scans all styles
        paragraph.alignment = _ALIGN[cell.align]
        if cell.indent:
            paragraph.paragraph_format.left_indent = Mm(3 * cell.indent)
        if cell.text:
            run = paragraph.add_run(cell.text)
            run.bold = cell.bold or None
            run.italic = cell.italic or None
            run.font.size = Pt(size)
        column += cell.span


def _only_text(cell, text: str) -> None:
    """After a vertical merge python-docx keeps both cells' paragraphs: keep the first."""
    paragraphs = cell.paragraphs
    for extra in paragraphs[1:]:
        if not extra.text:
            extra._p.getparent().remove(extra._p)
