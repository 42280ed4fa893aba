"""Sections and pages: the size, orientation and margins of each section, and the page
number in the header (Arabic numerals, top centre, from page 2)."""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.section import Section
from docx.shared import Mm

from ... import ast
from .xml import paragraph_properties, sub, sub_path, tag


def set_page(section: Section, page: ast.Page) -> None:
    """Size, orientation and margins of one section of the document."""
    landscape = page.orientation == "landscape"
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance, section.footer_distance = Mm(page.header_mm), Mm(page.footer_mm)


def new_section(document: DocxDocument, page: ast.Page) -> None:
    """A section break: what follows starts a new page with its own page setup."""
    set_page(document.add_section(WD_SECTION.NEW_PAGE), page)


def page_numbers(document: DocxDocument, header_style: str) -> None:
    """The page number field, top centre, on every page but the first; the later sections
    (the appendices) inherit the header, so numbering runs on through them."""
    first = document.sections[0]
    first.different_first_page_header_footer = True
    header: Any = first.header.part.element
    p = header.find(tag("w:p"))
    sub_path(paragraph_properties(p), "w:pStyle").set(tag("w:val"), header_style)
    field = sub(p, "w:fldSimple", {"w:instr": " PAGE "})
    sub(sub(field, "w:r"), "w:t").text = "2"  # what a reader shows before it counts pages
    first.first_page_header.paragraphs[0].text = ""
