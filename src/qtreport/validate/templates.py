"""templates/: the style sheet, the first page's block and the appendix layouts.

Every value here reaches the Word document, so besides the models' own rules: a style may
be based only on a style the sheet defines, the front matter only names styles the sheet
defines, and a page's margins leave room for the text.
"""

from __future__ import annotations

import difflib

from .. import rules
from ..diagnostics import Findings
from ..readers.yaml import SourceFile
from .indicator_models import AppendixLayout
from .models import FrontMatter, PageSetup, StyleSheet
from .schema import validate_model

# The styles the Word writer uses by id: without them Word would fall back to its own look.
REQUIRED_STYLES = ("Normal", "Heading1", "Heading2", "Heading3", "Heading4", "Heading5",
                   "Heading6", "FootnoteText", "FootnoteReference", "Header", "TableText",
                   "AppendixTitle", "AppendixSubtitle")


def validate_stylesheet(file: SourceFile, findings: Findings) -> StyleSheet | None:
    """templates/styles.yaml, validated like the report's own files."""
    sheet = validate_model(file, StyleSheet, findings)
    if sheet is None:
        return None
    ok = _required_styles(sheet, file, findings)
    ok &= _based_on_defined(sheet, findings)
    ok &= _room_on_the_page(sheet, file, findings)
    return sheet if ok else None


def _required_styles(sheet: StyleSheet, file: SourceFile, findings: Findings) -> bool:
    missing = [style for style in REQUIRED_STYLES if style not in sheet.styles]
    if missing:
        findings.report(rules.UNKNOWN_STYLE, file.ref(("styles",)),
                        f"thiếu kiểu trình bày: {', '.join(missing)}",
                        f"{file.name} does not define {', '.join(missing)}",
                        "every style the document uses is defined here; copy the definition "
                        "from the shipped templates/styles.yaml")
    return not missing


def _based_on_defined(sheet: StyleSheet, findings: Findings) -> bool:
    """`based_on` names a style of the sheet (by id), of the same type, and the chain of
    bases ends: Word would refuse a style sheet that loops."""
    ok = True
    for style_id, style in sheet.styles.items():
        base = style.based_on
        if base is None:
            continue
        if base not in sheet.styles:
            guess = difflib.get_close_matches(base, list(sheet.styles), n=1)
            findings.report(rules.UNKNOWN_STYLE, style.src, f"không có kiểu '{base}'",
                            f"style '{style_id}' is based on '{base}', which "
                            "templates/styles.yaml does not define",
                            f"did you mean '{guess[0]}'?" if guess else
                            "name a style of this file by its id (e.g. Normal), or leave "
                            "'based_on' out")
        elif sheet.styles[base].type != style.type:
            findings.report(rules.INVALID_VALUE, style.src, f"kiểu '{style_id}' dựa trên "
                            f"kiểu khác loại '{base}'",
                            f"the {style.type} style '{style_id}' is based on '{base}', a "
                            f"{sheet.styles[base].type} style",
                            f"base it on a {style.type} style, or leave 'based_on' out")
        elif _loops(sheet, style_id):
            findings.report(rules.INVALID_VALUE, style.src, f"kiểu '{style_id}' dựa vòng "
                            "vào chính nó", f"style '{style_id}' is based, through "
                            f"'{base}', on itself", "break the loop of 'based_on'")
        else:
            continue
        ok = False
    return ok


def _loops(sheet: StyleSheet, style_id: str) -> bool:
    seen = {style_id}
    base = sheet.styles[style_id].based_on
    while base is not None and base in sheet.styles:
        if base in seen:
            return True
        seen.add(base)
        base = sheet.styles[base].based_on
    return False


def _room_on_the_page(sheet: StyleSheet, file: SourceFile, findings: Findings) -> bool:
    ok = True
    for key in ("page", "appendix_page"):
        page: PageSetup = getattr(sheet, key)
        across = page.width_mm - page.left_mm - page.right_mm
        down = page.height_mm - page.top_mm - page.bottom_mm
        if across < 20 or down < 20:
            findings.report(rules.INVALID_VALUE, file.ref((key,)),
                            f"'{key}': lề rộng hơn trang giấy",
                            f"'{key}': the margins leave {across:g} × {down:g} mm for the text",
                            "the margins must leave room for the text: A4 is 210 × 297 mm")
            ok = False
    return ok


def validate_front_matter(file: SourceFile, sheet: StyleSheet | None,
                          findings: Findings) -> FrontMatter | None:
    """templates/front-matter.yaml; every style it names must be in templates/styles.yaml."""
    front = validate_model(file, FrontMatter, findings)
    if front is None or sheet is None:
        return front
    for line in front.root:
        if line.style not in sheet.styles:
            guess = difflib.get_close_matches(line.style, list(sheet.styles), n=1)
            findings.report(rules.UNKNOWN_STYLE, line.src, f"không có kiểu '{line.style}'",
                            f"there is no style '{line.style}' in templates/styles.yaml",
                            f"did you mean '{guess[0]}'?" if guess else
                            "add it to templates/styles.yaml")
    return front


def validate_layouts(files: dict[str, SourceFile],
                     findings: Findings) -> dict[str, AppendixLayout] | None:
    """templates/appendices/<layout>.yaml by layout name; None if any fails."""
    layouts = {}
    for name, file in files.items():
        layout = validate_model(file, AppendixLayout, findings)
        if layout is not None:
            layouts[name] = layout
    return layouts if len(layouts) == len(files) else None
