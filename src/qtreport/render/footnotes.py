"""Real Word footnotes for python-docx, which has no footnote API.

A footnote in WordprocessingML needs four things, all made here:
  1. the part /word/footnotes.xml (content type footnotes+xml; python-docx writes the
     [Content_Types].xml override from the part's content type),
  2. a relationship from the document part to it,
  3. the two special notes Word expects first: the separator (id -1) and the
     continuation separator (id 0), also named in settings.xml <w:footnotePr>,
  4. the styles "footnote text" (paragraph) and "footnote reference" (character,
     superscript), which the reference marks and note paragraphs use.
Then each note is <w:footnote w:id="N"> with paragraphs, the first starting with a
<w:footnoteRef/> mark, and the body carries <w:footnoteReference w:id="N"/> in a run.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml.etree import SubElement

from .wordxml import paragraph, styled_run, text_run

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
TEXT_STYLE, REFERENCE_STYLE = "FootnoteText", "FootnoteReference"

_FOOTNOTE, _FOOTNOTE_REF, _FOOTNOTE_REFERENCE, _ID = (
    qn("w:footnote"), qn("w:footnoteRef"), qn("w:footnoteReference"), qn("w:id"))

_SPECIAL_NOTES = f"""<w:footnotes {nsdecls('w', 'r')}>
  <w:footnote w:type="separator" w:id="-1">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:separator/></w:r></w:p>
  </w:footnote>
  <w:footnote w:type="continuationSeparator" w:id="0">
    <w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>
      <w:r><w:continuationSeparator/></w:r></w:p>
  </w:footnote>
</w:footnotes>"""

# Elements of <w:settings> that must come after <w:footnotePr> (schema order).
_SETTINGS_AFTER = ("endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
                   "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                   "shapeDefaults", "decimalSymbol", "listSeparator")


class Footnotes:
    """The footnotes part of one document. Create once, then `add` notes in order."""

    def __init__(self, document: DocxDocument):
        self.document = document
        self.element = parse_xml(_SPECIAL_NOTES)
        part = XmlPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE, self.element,
                       document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
        self._declare_in_settings()

    def _declare_in_settings(self) -> None:
        settings = self.document.settings.element
        footnote_pr = parse_xml(
            f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/>'
            "</w:footnotePr>")
        for name in _SETTINGS_AFTER:
            successor = settings.find(qn(f"w:{name}"))
            if successor is not None:
                successor.addprevious(footnote_pr)
                return
        settings.append(footnote_pr)

    def add(self, number: int, paragraph_count: int) -> list:
        """Create note `number` with empty paragraphs (<w:p>) to fill; the first has the
        mark. Elements are built directly: this runs once per note."""
        note = SubElement(self.element, _FOOTNOTE, {_ID: str(number)})
        paragraphs = []
        for index in range(max(1, paragraph_count)):
            p = paragraph(note, TEXT_STYLE)
            if index == 0:
                SubElement(styled_run(p, REFERENCE_STYLE), _FOOTNOTE_REF)
                text_run(p, " ")
            paragraphs.append(p)
        return paragraphs


def add_reference(p, number: int):
    """Append the superscript reference mark of note `number` to the paragraph <w:p>;
    returns its run <w:r>."""
    run = styled_run(p, REFERENCE_STYLE)
    SubElement(run, _FOOTNOTE_REFERENCE, {_ID: str(number)})
    return run
