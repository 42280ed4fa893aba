"""Write the rendered report as a Word document with python-docx.

Headings get Word heading styles (so the navigation pane and a TOC work), footnotes are
real Word footnotes (footnotes.py), remarks become real Word comments in a review build.
Returns the package's members (name → bytes); zipping them and writing the file is
write.py's job.

Paragraphs and runs are built as XML elements directly: python-docx's run and paragraph
API re-reads the document at every call and costs more than the rest of a build.
"""

from __future__ import annotations

from collections.abc import Iterable

import docx
from docx.document import Document as DocxDocument
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from ..model import StyleSheet
from .footnotes import Footnotes, add_reference
from .styles import apply_stylesheet
from .tables import add_appendix
from .text import Inline, NoteRef, RenderedDocument, RenderedHeading, RenderedParagraph, Run
from .wordxml import paragraph, text_run

REVIEWER = "Góp ý"  # author shown on remarks turned into comments
TABLE_STYLES_KEPT = {"TableNormal", "TableGrid"}  # Word's default, and the appendices' grid


def heading_style(depth: int) -> str:
    """The id of the Word heading style for a depth: Heading1 (parts) … Heading6 (a.)."""
    return f"Heading{depth + 1}"


class _Writer:
    def __init__(self, rendered: RenderedDocument, sheet: StyleSheet, review: bool):
        self.rendered, self.review, self.sheet = rendered, review, sheet
        self.document: DocxDocument = docx.Document()
        self._clear_template()
        apply_stylesheet(self.document, sheet)
        self.footnotes = Footnotes(self.document)
        self.notes = {note.number: note for note in rendered.notes}
        self._parts_started = False

    def _clear_template(self) -> None:
        """What python-docx's template brings and the report does not use: its sample
        paragraphs, its thumbnail, and 140 table styles ("Light Shading - Accent 1" …)
        with a Word 2010 copy of them (stylesWithEffects.xml), which together were
        two thirds of the package's XML."""
        body = self.document.element.body
        for child in list(body):
            if child.tag.endswith("}p") or child.tag.endswith("}tbl"):
                body.remove(child)
        styles = self.document.styles.element
        for style in styles.findall(qn("w:style")):
            if style.get(qn("w:type")) == "table" and \
                    style.get(qn("w:styleId")) not in TABLE_STYLES_KEPT:
                styles.remove(style)
        for rels in (self.document.part.package.rels, self.document.part.rels):
            for rel_id, rel in list(rels.items()):
                if rel.reltype.endswith(("/thumbnail", "/stylesWithEffects")):
                    rels.pop(rel_id)

    def write(self) -> dict[str, bytes]:
        self._front_matter()
        for block in self.rendered.blocks:
            if isinstance(block, RenderedHeading):
                self._heading(block)
            else:
                self._paragraph(block)
        for table in self.rendered.tables:
            add_appendix(self.document, table, self.sheet)
        self._page_numbers()
        self._properties()
        return package_members(self.document)

    def _front_matter(self) -> None:
        """templates/front-matter.yaml, filled from data/report.yaml."""
        body = self.document.element.body
        for style_id, text, _ in self.rendered.front:
            paragraph(body, style_id, text)

    def _heading(self, block: RenderedHeading) -> None:
        p = paragraph(self.document.element.body, heading_style(block.depth))
        if block.depth == 0 and not self._parts_started:  # Phần thứ nhất: on page 1
            p.get_or_add_pPr().append(
                parse_xml(f'<w:pageBreakBefore {nsdecls("w")} w:val="0"/>'))
        self._parts_started = self._parts_started or block.depth == 0
        # "Phần thứ nhất" on its own line above the part title; "1." before the title
        first = text_run(p, f"{block.label}\n" if block.depth == 0 else f"{block.label} ")
        text_run(p, block.title)  # a title may span lines (a part title does)
        if block.remark:
            self._comment(p, [first], block.remark)

    def _paragraph(self, block: RenderedParagraph) -> None:
        p = paragraph(self.document.element.body)
        runs = []
        if block.label:
            runs.append(text_run(p, f"{block.label} "))
        runs.extend(self._inlines(p, block.inlines))
        if block.remark and runs:
            self._comment(p, runs, block.remark)

    def _inlines(self, p, inlines: list[Inline]) -> list:
        """Append the inlines to the paragraph <w:p>; returns their runs <w:r>."""
        runs = []
        for inline in inlines:
            if isinstance(inline, Run):
                runs.append(text_run(p, inline.text, inline.bold, inline.italic,
                                     inline.superscript))
            else:
                runs.append(self._note(p, inline))
        return runs

    def _note(self, p, ref: NoteRef):
        note = self.notes[ref.number]
        run = add_reference(p, ref.number)
        for target, inlines in zip(self.footnotes.add(ref.number, len(note.paragraphs)),
                                   note.paragraphs, strict=True):
            self._inlines(target, inlines)
        if note.remark:
            self._comment(p, [run], note.remark)
        return run

    def _comment(self, p, runs: list, text: str) -> None:
        """A Word comment on the runs (<w:r>) of paragraph <w:p>, in a review build."""
        if self.review:
            owner = Paragraph(p, self.document.part)
            comment = self.document.add_comment([DocxRun(r, owner) for r in runs],
                                                text=text, author=REVIEWER, initials="GY")
            comment._comment_elm.attrib.pop(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}date", None)

    def _page_numbers(self) -> None:
        """Arabic page numbers, top centre, from page 2 (none on page 1); the appendices'
        sections inherit the header, so numbering runs on through them."""
        first = self.document.sections[0]
        first.different_first_page_header_footer = True
        paragraph = first.header.paragraphs[0]
        paragraph._p.style = "Header" if "Header" in self.sheet.styles else None
        paragraph._p.append(parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>2</w:t></w:r>'
            "</w:fldSimple>"))
        first.first_page_header.paragraphs[0].text = ""

    def _properties(self) -> None:
        meta, props = self.rendered.meta, self.document.core_properties
        props.title = meta.title + (f" {meta.subtitle}" if meta.subtitle else "")
        props.subject = meta.congress or ""
        props.author = meta.issuer
        props.last_modified_by = meta.issuer
        props.comments = ""
        props.keywords = meta.keywords or ""
        props.language = self.sheet.language
        props.revision = 1
        _drop_dates(self.document)


def _drop_dates(document: DocxDocument) -> None:
    """No build timestamps: the same input must give the same bytes."""
    core = document.core_properties._element
    for child in list(core):
        if child.tag.endswith("}created") or child.tag.endswith("}modified"):
            core.remove(child)


def package_members(document: DocxDocument) -> dict[str, bytes]:
    """Every member of the package by its name in the zip: the content types, the
    relationships, the parts. What python-docx's save() writes, without the zip."""
    package = document.part.package
    parts = list(package.iter_parts())
    members = {"[Content_Types].xml": _content_types(parts),
               "_rels/.rels": package.rels.xml}
    for part in parts:
        part.before_marshal()
        members[part.partname.membername] = part.blob
        if len(part.rels):
            members[part.partname.rels_uri.membername] = part.rels.xml
    return members


def _content_types(parts: Iterable[Part]) -> bytes:
    """[Content_Types].xml: the two defaults and one override per part."""
    overrides = "".join(f'<Override PartName="{part.partname}" '
                        f'ContentType="{part.content_type}"/>'
                        for part in sorted(parts, key=lambda part: part.partname))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f"{overrides}</Types>").encode()


def write_docx(rendered: RenderedDocument, sheet: StyleSheet,
               review: bool = False) -> dict[str, bytes]:
    """The package members of the document; write.zip_package makes them a .docx."""
    return _Writer(rendered, sheet, review).write()
