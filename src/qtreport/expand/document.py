"""The computed report -> the document tree (ast.Document).

Fills every template (sandbox.py) with the helpers (helpers.py), turns inline markup into
the tree's inlines (inlines.py), lays the appendices out (tables.py), and brings the style
sheet and metadata into the tree. After this stage no template runs.
"""

from __future__ import annotations

from typing import Any

from .. import ast, rules
from ..compute import Computed, FrontLine
from ..compute.notes import NOTE_MARK, NumberedNote
from ..compute.outline import OutlineHeading, OutlineItem, OutlineParagraph
from ..diagnostics import Findings
from ..validate.models import PageSetup, ReportMeta, StyleSheet
from .figures import data_figures
from .helpers import DataHelpers
from .inlines import parse_paragraph, plain_inlines
from .sandbox import render_template
from .tables import appendix_table


def expand(computed: Computed, findings: Findings, version: str = "",
           commit: str | None = None) -> ast.Document:
    """The document tree; `version` and `commit` say which sources it was built from."""
    context = DataHelpers(computed.indicators).names()
    body: list[ast.Block] = []
    for block in computed.blocks:
        if isinstance(block, OutlineHeading):
            body.append(
                ast.Heading(
                    depth=block.depth,
                    label=block.label,
                    title=plain_inlines(block.title),
                    source=block.src,
                    anchor=block.anchor,
                    remark=block.remark,
                )
            )
        elif isinstance(block, OutlineItem):
            body.append(
                ast.ListItem(
                    label=block.label,
                    paragraphs=tuple(_paragraph(p, findings, context) for p in block.paragraphs),
                    source=block.src,
                    anchor=block.anchor,
                    remark=block.remark,
                    worded_from=block.worded_from,
                )
            )
        else:
            body.append(_paragraph(block, findings, context))
    body.extend(_appendices(computed, findings))
    notes = tuple(_note(note, findings, context) for note in computed.notes)
    return ast.Document(
        meta=_meta(computed.meta, version, commit),
        presentation=_presentation(computed.stylesheet),
        front=_front(computed.front, computed.meta, findings),
        body=tuple(body),
        notes=notes,
        figures=data_figures(computed.indicators),
    )


def _paragraph(block: OutlineParagraph, findings: Findings,
               context: dict[str, Any]) -> ast.Paragraph:
    text = render_template(block.template, block.src, findings, context, mark_bound=True)
    if text is None:
        return ast.Paragraph(content=(), source=block.src, anchor=block.anchor, remark=block.remark)
    found = tuple(int(m) for m in NOTE_MARK.findall(text))
    if found != block.notes:
        findings.report(rules.MARKER_IN_TEMPLATE_BLOCK, block.src,
                        "dấu chú thích nằm trong biểu thức điều kiện",
                        "a footnote marker is inside {% if %} or {% for %}: "
                        "its footnote would appear a different number of times")
    content, bound = parse_paragraph(text, block.src, findings)
    return ast.Paragraph(content=content, source=block.src, anchor=block.anchor,
                         remark=block.remark, bound=bound, typed_figures=block.typed_figures)


def _note(note: NumberedNote, findings: Findings, context: dict[str, Any]) -> ast.Note:
    paragraphs = []
    for paragraph in note.paragraphs:
        text = render_template(paragraph.template, paragraph.src, findings, context,
                               mark_bound=True)
        content, bound = parse_paragraph(text, paragraph.src, findings) if text is not None \
            else ((), ())
        paragraphs.append(ast.Paragraph(content=content, source=paragraph.src,
                                        anchor=paragraph.anchor, bound=bound,
                                        typed_figures=paragraph.typed_figures))
    return ast.Note(
        number=note.number,
        id=note.id,
        paragraphs=tuple(paragraphs),
        source=note.src,
        anchor=note.anchor,
        remark=note.remark,
    )


def _front(lines: tuple[FrontLine, ...], meta: ReportMeta,
           findings: Findings) -> tuple[ast.Paragraph, ...]:
    """templates/front-matter.yaml filled from data/report.yaml; a line that comes out
    empty (a field the report leaves out) is left out."""
    fields = {name: value or "" for name, value in meta.model_dump().items()
              if isinstance(value, str | None)}
    out = []
    for line in lines:
        text = render_template(line.template, line.src, findings, fields)
        if text and text.strip():
            out.append(
                ast.Paragraph(
                    content=plain_inlines(text.strip()),
                    source=line.src,
                    anchor=line.anchor,
                    style=line.style,
                )
            )
    return tuple(out)


def _appendices(computed: Computed, findings: Findings) -> list[ast.Block]:
    """Each appendix on its own landscape section."""
    results = computed.indicators
    if results is None:
        return []
    page = _page(computed.stylesheet.appendix_page)
    out: list[ast.Block] = []
    for appendix in results.appendices:
        out.append(ast.SectionBreak(page))
        out.append(appendix_table(appendix, computed.layouts[appendix.layout], results,
                                  findings))
    return out


def _meta(meta: ReportMeta, version: str, commit: str | None) -> ast.Meta:
    return ast.Meta(
        issuer=meta.issuer,
        title=meta.title,
        output=meta.output,
        source=meta.src,
        congress=meta.congress,
        subtitle=meta.subtitle,
        marker=meta.marker,
        place=meta.place,
        date=meta.date,
        keywords=meta.keywords,
        version=version,
        commit=commit,
    )


def _page(page: PageSetup) -> ast.Page:
    return ast.Page(
        width_mm=page.width_mm,
        height_mm=page.height_mm,
        top_mm=page.top_mm,
        bottom_mm=page.bottom_mm,
        left_mm=page.left_mm,
        right_mm=page.right_mm,
        header_mm=page.header_mm,
        footer_mm=page.footer_mm,
    )


def _presentation(sheet: StyleSheet) -> ast.Presentation:
    styles = tuple(
        ast.Style(
            id=style_id,
            name=s.name,
            type=s.type,
            based_on=s.based_on,
            size=s.size,
            bold=s.bold,
            italic=s.italic,
            caps=s.caps,
            superscript=s.superscript,
            align=s.align,
            first_line_mm=s.first_line_mm,
            space_before=s.space_before,
            space_after=s.space_after,
            line=s.line,
            keep_with_next=s.keep_with_next,
            page_break_before=s.page_break_before,
            outline=s.outline,
            source=s.src,
        )
        for style_id, s in sheet.styles.items()
    )
    return ast.Presentation(
        page=_page(sheet.page),
        font=sheet.font,
        language=sheet.language,
        styles=styles,
        source=sheet.src,
        landscape=_page(sheet.appendix_page),
    )
