"""Apply templates/styles.yaml to a python-docx document: page setup and style XML.

Each style is written whole (replacing the one python-docx's template has), so nothing
of the template's blue Calibri headings leaks through: font, size, language and spacing
are exactly what the style sheet says.
"""

from __future__ import annotations

from html import escape

from docx.document import Document as DocxDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

from ..model import PageSetup, StyleDef, StyleSheet

TWIPS_PER_MM = 1440 / 25.4  # Word measures in twentieths of a point
_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def apply_stylesheet(document: DocxDocument, sheet: StyleSheet) -> None:
    _page_setup(document, sheet)
    _doc_defaults(document, sheet)
    styles = document.styles.element
    for style_id, style in sheet.styles.items():
        old = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")
        new = parse_xml(_style_xml(style_id, style, sheet))
        if old is not None:
            old.addprevious(new)
            styles.remove(old)
        else:
            styles.append(new)


def _page_setup(document: DocxDocument, sheet: StyleSheet) -> None:
    for section in document.sections:
        set_page(section, sheet.page)


def set_page(section, page: PageSetup) -> None:
    """Size, orientation and margins of one section of the document."""
    from docx.enum.section import WD_ORIENT

    landscape = page.width_mm > page.height_mm
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    section.header_distance, section.footer_distance = Mm(page.header_mm), Mm(page.footer_mm)


def _fonts_xml(sheet: StyleSheet) -> str:
    font = sheet.font
    return (f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}" w:eastAsia="{font}"/>'
            f'<w:lang w:val="{sheet.language}" w:eastAsia="{sheet.language}" '
            f'w:bidi="{sheet.language}"/>')


def _doc_defaults(document: DocxDocument, sheet: StyleSheet) -> None:
    styles = document.styles.element
    old = styles.find(qn("w:docDefaults"))
    defaults = parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{_fonts_xml(sheet)}'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/></w:pPr></w:pPrDefault>"
        "</w:docDefaults>")
    if old is not None:
        old.addprevious(defaults)
        styles.remove(old)
    else:
        styles.insert(0, defaults)


def _style_xml(style_id: str, style: StyleDef, sheet: StyleSheet) -> str:
    paragraph = style.type == "paragraph"
    based_on = style.based_on or ("Normal" if paragraph and style_id != "Normal" else None)
    head = f'<w:name w:val="{escape(style.name)}"/>'
    if based_on:
        head += f'<w:basedOn w:val="{based_on}"/>'
    if paragraph:
        head += '<w:next w:val="Normal"/>'
    head += "<w:qFormat/>"
    ppr = _paragraph_properties(style) if paragraph else ""
    default = ' w:default="1"' if style_id == "Normal" else ""
    return (f'<w:style {nsdecls("w")} w:type="{style.type}"{default} w:styleId="{style_id}">'
            f"{head}{ppr}<w:rPr>{_run_properties(style, sheet)}</w:rPr></w:style>")


def _paragraph_properties(style: StyleDef) -> str:
    parts = []  # in the schema's order: keepNext, pageBreakBefore, spacing, ind, jc, outlineLvl
    if style.keep_with_next:
        parts.append("<w:keepNext/>")
    if style.page_break_before:
        parts.append("<w:pageBreakBefore/>")
    spacing = []
    if style.space_before is not None:
        spacing.append(f'w:before="{round(style.space_before * 20)}"')
    if style.space_after is not None:
        spacing.append(f'w:after="{round(style.space_after * 20)}"')
    if style.line is not None:
        spacing.append(f'w:line="{round(style.line * 240)}" w:lineRule="auto"')
    if spacing:
        parts.append(f"<w:spacing {' '.join(spacing)}/>")
    if style.first_line_mm is not None:
        parts.append(f'<w:ind w:firstLine="{round(style.first_line_mm * TWIPS_PER_MM)}"/>')
    if style.align:
        parts.append(f'<w:jc w:val="{_ALIGN[style.align]}"/>')
    if style.outline is not None:
        parts.append(f'<w:outlineLvl w:val="{style.outline}"/>')
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def _run_properties(style: StyleDef, sheet: StyleSheet) -> str:
    parts = [_fonts_xml(sheet).split("<w:lang")[0]]  # rFonts first, lang last (schema order)
    for flag, tag in ((style.bold, "b"), (style.italic, "i"), (style.caps, "caps")):
        if flag is not None:
            parts.append(f"<w:{tag}/>" if flag else f'<w:{tag} w:val="0"/>')
            if tag in ("b", "i"):
                parts.append(f"<w:{tag}Cs/>" if flag else f'<w:{tag}Cs w:val="0"/>')
    parts.append('<w:color w:val="000000"/>')
    if style.size is not None:
        half_points = round(style.size * 2)
        parts.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    if style.superscript:
        parts.append('<w:vertAlign w:val="superscript"/>')
    parts.append(f'<w:lang w:val="{sheet.language}" w:eastAsia="{sheet.language}" '
                 f'w:bidi="{sheet.language}"/>')
    return "".join(parts)
