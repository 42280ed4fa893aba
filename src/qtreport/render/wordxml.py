"""WordprocessingML elements built directly with lxml: paragraphs, runs, line breaks.

python-docx's paragraph and run API finds each new element's place by scanning its
siblings; on a long report that costs more than the rest of the build. The elements made
here are python-docx's own classes (its parser's lookup applies to them), so its API
still works on them where it is worth it (comments).
"""

from __future__ import annotations

import re

from docx.oxml.ns import qn
from lxml.etree import SubElement

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
P, PPR, PSTYLE, R, RPR, RSTYLE, T, BR, TAB, BOLD, ITALIC, VERT_ALIGN, SECT_PR, VAL = (
    qn(f"w:{tag}") for tag in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "t", "br", "tab",
                               "b", "i", "vertAlign", "sectPr", "val"))
_BREAK_OR_TAB = re.compile(r"([\n\t])")


def paragraph(body, style_id: str | None = None, text: str = ""):
    """A new <w:p> at the end of the body (before its closing <w:sectPr>), in a style."""
    p = body.makeelement(P, {})
    last = _last_child(body)
    if last is not None and last.tag == SECT_PR:
        last.addprevious(p)
    else:
        body.append(p)
    if style_id is not None:
        SubElement(SubElement(p, PPR), PSTYLE, {VAL: style_id})
    if text:
        text_run(p, text)
    return p


def _last_child(element):
    """The last child, in constant time: lxml's len() counts the children one by one,
    which made adding paragraphs to a long body quadratic."""
    try:
        return element[-1]  # lxml reaches it from the end
    except IndexError:
        return None


def text_run(p, text: str, bold: bool = False, italic: bool = False,
             superscript: bool = False):
    """Append <w:r> with its text (and bold, italic, superscript) to the paragraph <w:p>.
    A line break or a tab in the text becomes Word's own (<w:br/>, <w:tab/>), as python-docx
    writes them: a two-line title stays on two lines."""
    r = SubElement(p, R)
    if bold or italic or superscript:
        properties = SubElement(r, RPR)
        if bold:
            SubElement(properties, BOLD)
        if italic:
            SubElement(properties, ITALIC)
        if superscript:
            SubElement(properties, VERT_ALIGN, {VAL: "superscript"})
    pieces = _BREAK_OR_TAB.split(text) if "\n" in text or "\t" in text else [text]
    for piece in pieces:
        if piece == "\n":
            SubElement(r, BR)
        elif piece == "\t":
            SubElement(r, TAB)
        elif piece:
            SubElement(r, T, {XML_SPACE: "preserve"}).text = piece
    return r


def styled_run(p, style_id: str):
    """An empty run in a character style (a footnote mark's)."""
    r = SubElement(p, R)
    SubElement(SubElement(r, RPR), RSTYLE, {VAL: style_id})
    return r
