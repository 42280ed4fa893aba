"""Real Word footnotes: the one thing python-docx lacks, kept in this module.

A footnote in WordprocessingML needs four things, all made here:
  1. the part /word/footnotes.xml (content type footnotes+xml; the package writes the
     [Content_Types].xml override from the part's content type),
  2. a relationship from the document part to it,
  3. the two special notes Word expects first: the separator (id -1) and the continuation
     separator (id 0), also named in settings.xml <w:footnotePr>,
  4. the styles "footnote text" (paragraph) and "footnote reference" (character,
     superscript), which the reference marks and note paragraphs use (styles.yaml).
Then each note is <w:footnote w:id="N"> with paragraphs, the first starting with a
<w:footnoteRef/> mark, and the body carries <w:footnoteReference w:id="N"/> in a run.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart

from .xml import element, paragraph, styled_run, sub, tag, text_run

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
TEXT_STYLE, REFERENCE_STYLE = "FootnoteText", "FootnoteReference"

# Elements of <w:settings> that must come after <w:footnotePr> (schema order).
_SETTINGS_AFTER = ("endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
                   "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                   "shapeDefaults", "decimalSymbol", "listSeparator")


class Footnotes:
    """The footnotes part of one document. Create once, then `add` notes in order."""

    def __init__(self, document: DocxDocument):
        self.element = element("w:footnotes", None)
        for kind, note_id, mark in (("separator", -1, "w:separator"),
                                    ("continuationSeparator", 0, "w:continuationSeparator")):
            self._special(kind, note_id, mark)
        part = XmlPart(PackURI("/word/footnotes.xml"), CONTENT_TYPE, self.element,
                       document.part.package)
        document.part.relate_to(part, RT.FOOTNOTES)
        _declare_in_settings(document.settings.element)

    def _special(self, kind: str, note_id: int, mark: str) -> None:
        note = sub(self.element, "w:footnote", {"w:type": kind, "w:id": note_id})
        p = sub(note, "w:p")
        sub(sub(p, "w:pPr"), "w:spacing", {"w:after": 0, "w:line": 240, "w:lineRule": "auto"})
        sub(sub(p, "w:r"), mark)

    def add(self, number: int, paragraph_count: int) -> list[Any]:
        """Create note `number` with empty paragraphs (<w:p>) to fill; the first has the
        mark."""
        note = sub(self.element, "w:footnote", {"w:id": number})
        paragraphs = []
        for index in range(max(1, paragraph_count)):
            p = paragraph(note, TEXT_STYLE)
            if index == 0:
                sub(styled_run(p, REFERENCE_STYLE), "w:footnoteRef")
                text_run(p, " ")
            paragraphs.append(p)
        return paragraphs


def _declare_in_settings(settings: Any) -> None:
    footnote_pr = element("w:footnotePr", None)
    for note_id in (-1, 0):
        sub(footnote_pr, "w:footnote", {"w:id": note_id})
    for name in _SETTINGS_AFTER:
        successor = settings.find(tag(f"w:{name}"))
        if successor is not None:
            successor.addprevious(footnote_pr)
            return
    settings.append(footnote_pr)


def add_reference(p: Any, number: int) -> Any:
    """Append the superscript reference mark of note `number` to the paragraph <w:p>;
    returns its run <w:r>."""
    run = styled_run(p, REFERENCE_STYLE)
    sub(run, "w:footnoteReference", {"w:id": number})
    return run
