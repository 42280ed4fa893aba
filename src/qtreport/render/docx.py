"""Write the rendered report as a Word document with python-docx.

Headings get Word heading styles (so the navigation pane and a TOC work), footnotes are
real Word footnotes (footnotes.py), remarks become real Word comments in a review build.
Returns the package bytes; writing them to disk is write.py's job.
"""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run as DocxRun

from ..model import StyleSheet
from .footnotes import Footnotes, add_reference
from .styles import apply_stylesheet, styled_paragraph
from .tables import add_appendix
from .text import Inline, NoteRef, RenderedDocument, RenderedHeading, RenderedParagraph, Run

REVIEWER = "Góp ý"  # author shown on remarks turned into comments


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
        body = self.document.element.body
        for child in list(body):
            if child.tag.endswith("}p") or child.tag.endswith("}tbl"):
                body.remove(child)
        package = self.document.part.package
        for rel_id, rel in list(package.rels.items()):  # python-docx's own thumbnail
            if rel.reltype.endswith("/thumbnail"):
                package.rels.pop(rel_id)

    def write(self) -> bytes:
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
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()

    def _front_matter(self) -> None:
        """templates/front-matter.yaml, filled from data/report.yaml."""
        for style_id, text, _ in self.rendered.front:
            styled_paragraph(self.document, text, style_id)

    def _heading(self, block: RenderedHeading) -> None:
        paragraph = styled_paragraph(self.document, "", heading_style(block.depth))
        if block.depth == 0 and not self._parts_started:  # Phần thứ nhất: on page 1
            paragraph._p.get_or_add_pPr().append(
                parse_xml(f'<w:pageBreakBefore {nsdecls("w")} w:val="0"/>'))
        self._parts_started = self._parts_started or block.depth == 0
        if block.depth == 0:  # "Phần thứ nhất" on its own line above the part title
            first = paragraph.add_run(block.label)
            first.add_break(WD_BREAK.LINE)
        else:
            first = paragraph.add_run(f"{block.label} ")
        self._add_lines(paragraph, block.title)
        if block.remark:
            self._comment([first], block.remark)

    @staticmethod
    def _add_lines(paragraph: Paragraph, text: str) -> None:
        """A title may span lines (a part title does): line breaks, not paragraphs."""
        previous = None
        for line in text.split("\n"):
            if previous is not None:
                previous.add_break(WD_BREAK.LINE)
            previous = paragraph.add_run(line)

    def _paragraph(self, block: RenderedParagraph) -> None:
        paragraph = Paragraph(self.document.element.body.add_p(), self.document._body)
        runs = []
        if block.label:
            runs.append(text_run(paragraph._p, f"{block.label} "))
        runs.extend(self._inlines(paragraph, block.inlines))
        if block.remark and runs:
            self._comment([DocxRun(r, paragraph) for r in runs], block.remark)

    def _inlines(self, paragraph: Paragraph, inlines: list[Inline]) -> list:
        """The runs' XML, written directly: python-docx's run API costs more than the rest
        of the build together on a long report."""
        runs = []
        for inline in inlines:
            if isinstance(inline, Run):
                runs.append(text_run(paragraph._p, inline.text, inline.bold, inline.italic,
                                     inline.superscript))
            else:
                runs.append(self._note(paragraph, inline)._r)
        return runs

    def _note(self, paragraph: Paragraph, ref: NoteRef):
        note = self.notes[ref.number]
        run = add_reference(paragraph, ref.number)
        for target, inlines in zip(self.footnotes.add(ref.number, len(note.paragraphs)),
                                   note.paragraphs, strict=True):
            self._inlines(target, inlines)
        if note.remark:
            self._comment([run], note.remark)
        return run

    def _comment(self, runs: list, text: str) -> None:
        if self.review:
            comment = self.document.add_comment(runs, text=text, author=REVIEWER,
                                                initials="GY")
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


_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def text_run(p, text: str, bold: bool = False, italic: bool = False,
             superscript: bool = False):
    """Append <w:r> with its text (and bold, italic, superscript) to the paragraph <w:p>."""
    r = OxmlElement("w:r")
    if bold or italic or superscript:
        properties = OxmlElement("w:rPr")
        if bold:
            properties.append(OxmlElement("w:b"))
        if italic:
            properties.append(OxmlElement("w:i"))
        if superscript:
            properties.append(OxmlElement("w:vertAlign", {qn("w:val"): "superscript"}))
        r.append(properties)
    t = OxmlElement("w:t")
    t.text = text
    t.set(_XML_SPACE, "preserve")
    r.append(t)
    p.append(r)
    return r


def write_docx(rendered: RenderedDocument, sheet: StyleSheet, review: bool = False) -> bytes:
    return _Writer(rendered, sheet, review).write()
