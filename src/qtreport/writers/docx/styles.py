"""The document's look in styles.xml: defaults (font, language) and every style of
templates/styles.yaml, each written whole so that nothing of python-docx's template (its
blue Calibri headings) leaks through."""

from __future__ import annotations

from typing import Any

from ... import ast
from .xml import sub, tag

TWIPS_PER_MM = 1440 / 25.4
_STYLE_ID = tag("w:styleId")  # Word measures in twentieths of a point
_ALIGN = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def apply_styles(styles: Any, presentation: ast.Presentation,
                 extra: tuple[ast.Style, ...] = ()) -> None:
    """Write the presentation's defaults and styles into <w:styles>, replacing python-docx's
    own of the same id; `extra` styles only where the presentation has none of that id."""
    _doc_defaults(styles, presentation)
    defined = {style.id for style in presentation.styles}
    template = {node.get(_STYLE_ID): node for node in styles.iterfind(tag("w:style"))}
    for style in (*presentation.styles, *(s for s in extra if s.id not in defined)):
        _replace_style(styles, template.get(style.id), style, presentation)


def _doc_defaults(styles: Any, presentation: ast.Presentation) -> None:
    defaults = sub(styles, "w:docDefaults")
    run = sub(sub(defaults, "w:rPrDefault"), "w:rPr")
    _fonts(run, presentation)
    _language(run, presentation)
    sub(sub(sub(defaults, "w:pPrDefault"), "w:pPr"), "w:widowControl")
    old = styles.find(tag("w:docDefaults"))
    if old is not defaults:
        old.addprevious(defaults)
        styles.remove(old)
    else:
        styles.insert(0, defaults)


def _fonts(run_properties: Any, presentation: ast.Presentation) -> None:
    font = presentation.font
    sub(run_properties, "w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:cs": font,
                                     "w:eastAsia": font})


def _language(run_properties: Any, presentation: ast.Presentation) -> None:
    language = presentation.language
    sub(run_properties, "w:lang", {"w:val": language, "w:eastAsia": language,
                                   "w:bidi": language})


def _replace_style(styles: Any, old: Any, style: ast.Style,
                   presentation: ast.Presentation) -> None:
    """The style written whole in place of `old` (python-docx's of the same id, if any)."""
    attributes = {"w:type": style.type, **({"w:default": "1"} if style.id == "Normal" else {}),
                  "w:styleId": style.id}
    new = sub(styles, "w:style", attributes)
    _fill_style(new, style, presentation)
    if old is not None:
        old.addprevious(new)
        styles.remove(old)


def _fill_style(node: Any, style: ast.Style, presentation: ast.Presentation) -> None:
    paragraph = style.type == "paragraph"
    based_on = style.based_on or ("Normal" if paragraph and style.id != "Normal" else None)
    sub(node, "w:name", {"w:val": style.name})
    if based_on:
        sub(node, "w:basedOn", {"w:val": based_on})
    if paragraph:
        sub(node, "w:next", {"w:val": "Normal"})
    sub(node, "w:qFormat")
    if paragraph:
        _paragraph_properties(sub(node, "w:pPr"), style)
    _run_properties(sub(node, "w:rPr"), style, presentation)


def _paragraph_properties(properties: Any, style: ast.Style) -> None:
    """In the schema's order: keepNext, pageBreakBefore, spacing, ind, jc, outlineLvl."""
    if style.keep_with_next:
        sub(properties, "w:keepNext")
    if style.page_break_before:
        sub(properties, "w:pageBreakBefore")
    spacing: dict[str, str | int] = {}
    if style.space_before is not None:
        spacing["w:before"] = round(style.space_before * 20)
    if style.space_after is not None:
        spacing["w:after"] = round(style.space_after * 20)
    if style.line is not None:
        spacing["w:line"] = round(style.line * 240)
        spacing["w:lineRule"] = "auto"
    if spacing:
        sub(properties, "w:spacing", spacing)
    if style.first_line_mm is not None:
        sub(properties, "w:ind", {"w:firstLine": twips(style.first_line_mm)})
    if style.align:
        sub(properties, "w:jc", {"w:val": _ALIGN[style.align]})
    if style.outline is not None:
        sub(properties, "w:outlineLvl", {"w:val": style.outline})


def _run_properties(properties: Any, style: ast.Style,
                    presentation: ast.Presentation) -> None:
    """In the schema's order: rFonts, b, bCs, i, iCs, caps, color, sz, szCs, vertAlign,
    lang."""
    _fonts(properties, presentation)
    for flag, name in ((style.bold, "b"), (style.italic, "i"), (style.caps, "caps")):
        if flag is None:
            continue
        names = (name, f"{name}Cs") if name in ("b", "i") else (name,)
        for each in names:
            sub(properties, f"w:{each}", None if flag else {"w:val": "0"})
    sub(properties, "w:color", {"w:val": "000000"})
    if style.size is not None:
        half_points = round(style.size * 2)
        sub(properties, "w:sz", {"w:val": half_points})
        sub(properties, "w:szCs", {"w:val": half_points})
    if style.superscript:
        sub(properties, "w:vertAlign", {"w:val": "superscript"})
    _language(properties, presentation)
