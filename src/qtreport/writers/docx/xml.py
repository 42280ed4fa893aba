"""The one way the Word writer makes XML: elements, never text.

Every element of the document is made here (or by python-docx's public API), and every
value is an attribute or a text node that lxml escapes: a style name with quotes, a title
with "<", "&" or "]]>" stays what it is. Elements are made through python-docx's parser,
so its element classes apply and its public API (comments) works on them.

python-docx's paragraph and run API finds each new element's place by scanning its
siblings; on a long report that costs more than the rest of the build. The helpers here
append directly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from lxml.etree import SubElement

from ...word.names import XML_SPACE

_PRESERVE = {XML_SPACE: "preserve"}
_BREAK_OR_TAB = re.compile(r"([\n\t])")
Attributes = Mapping[str, str | int | float | bool]


@cache
def tag(name: str) -> str:
    """'w:p' -> '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p'."""
    return qn(name)


def _attributes(attributes: Attributes | None) -> dict[str, str]:
    """Prefixed names ('w:val') in Clark notation; values as the text XML holds."""
    if not attributes:
        return {}
    return {_attribute_name(key): value if isinstance(value, str) else _value(value)
            for key, value in attributes.items()}


@cache
def _attribute_name(key: str) -> str:
    return key if key.startswith("{") else qn(key)


def _value(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def element(name: str, attributes: Attributes | None = None, *children: Any) -> Any:
    """A new element, not yet in a tree: `element("w:jc", {"w:val": "center"})`."""
    made = OxmlElement(name)
    for key, value in _attributes(attributes).items():
        made.set(key, value)
    for child in children:
        made.append(child)
    return made


def sub(parent: Any, name: str, attributes: Attributes | None = None) -> Any:
    """A new last child of `parent`."""
    if attributes is None:
        return SubElement(parent, tag(name))
    return SubElement(parent, tag(name), _attributes(attributes))


def sub_path(parent: Any, *names: str) -> Any:
    """The child `names[0]` of `parent` (made if missing), its child `names[1]` …"""
    node = parent
    for name in names:
        child = node.find(tag(name))
        node = child if child is not None else sub(node, name)
    return node


def last_child(node: Any) -> Any:
    """The last child, in constant time: lxml's len() counts the children one by one,
    which made adding paragraphs to a long body quadratic."""
    try:
        return node[-1]
    except IndexError:
        return None


def paragraph(body: Any, style_id: str | None = None, text: str = "") -> Any:
    """A new <w:p> at the end of the body (before its closing <w:sectPr>), in a style."""
    p = body.makeelement(_P, {})
    last = last_child(body)
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(p)
    else:
        body.append(p)
    if style_id is not None:
        SubElement(SubElement(p, _PPR), _PSTYLE, {_VAL: style_id})
    if text:
        text_run(p, text)
    return p


def paragraph_properties(p: Any) -> Any:
    """The paragraph's <w:pPr>, its first child (made if missing)."""
    existing = p.find(tag("w:pPr"))
    if existing is not None:
        return existing
    properties = p.makeelement(tag("w:pPr"), {})
    p.insert(0, properties)
    return properties


def text_run(p: Any, text: str, bold: bool = False, italic: bool = False,
             superscript: bool = False, deleted: bool = False, size: float | None = None) -> Any:
    """Append <w:r> with its text (and bold, italic, superscript, a size in points) to the
    paragraph <w:p> (or to a <w:ins>/<w:del> in it; `deleted`: the text is a tracked
    deletion's). A line break or a tab in the text becomes Word's own (<w:br/>, <w:tab/>):
    a two-line title stays on two lines."""
    r = SubElement(p, _R)  # the hot path: tags looked up once
    if bold or italic or superscript or size:
        properties = SubElement(r, _RPR)
        if bold:
            SubElement(properties, _B)
        if italic:
            SubElement(properties, _I)
        if size:  # in the schema's order: b, i, sz, szCs, vertAlign
            sub(properties, "w:sz", {"w:val": round(size * 2)})
            sub(properties, "w:szCs", {"w:val": round(size * 2)})
        if superscript:
            sub(properties, "w:vertAlign", {"w:val": "superscript"})
    pieces = _BREAK_OR_TAB.split(text) if "\n" in text or "\t" in text else [text]
    for piece in pieces:
        if piece == "\n":
            SubElement(r, _BR)
        elif piece == "\t":
            SubElement(r, _TAB)
        elif piece:
            SubElement(r, _DEL_TEXT if deleted else _T, _PRESERVE).text = piece
    return r


# The hot paths (a run, a paragraph) look their tags up once.
_P, _PPR, _PSTYLE, _SECT_PR, _R, _RPR, _RSTYLE, _B, _I, _BR, _TAB, _T, _VAL, _DEL_TEXT = (
    qn(f"w:{name}") for name in ("p", "pPr", "pStyle", "sectPr", "r", "rPr", "rStyle", "b", "i",
                                 "br", "tab", "t", "val", "delText"))


def styled_run(p: Any, style_id: str) -> Any:
    """An empty run in a character style (a footnote mark's)."""
    r = SubElement(p, _R)
    SubElement(SubElement(r, _RPR), _RSTYLE, {_VAL: style_id})
    return r


def bookmark(first: Any, last: Any, number: int, name: str, after: Any = None) -> None:
    """A bookmark from the start of paragraph `first` (after its properties, or after the
    element `after`) to the end of paragraph `last`."""
    start = first.makeelement(_BOOKMARK_START, {_ID: str(number), _NAME: name})
    after = after if after is not None else first.find(_PPR)
    if after is not None:
        after.addnext(start)
    else:
        first.insert(0, start)
    SubElement(last, _BOOKMARK_END, {_ID: str(number)})


_BOOKMARK_START, _BOOKMARK_END, _ID, _NAME = (qn(f"w:{name}") for name in (
    "bookmarkStart", "bookmarkEnd", "id", "name"))


def remove_attribute(node: Any, name: str) -> None:
    node.attrib.pop(tag(name), None)
