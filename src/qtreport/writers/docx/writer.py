"""The document tree as a Word document.

Headings get Word heading styles (so the navigation pane and a TOC work), footnotes are
real Word footnotes (notes.py), appendices sit on their own landscape sections (pages.py,
tables.py), remarks become real Word comments in a review build (comments.py). The
package and its zip are package.py's; every element is built through xml.py.
"""

from __future__ import annotations

from typing import Any

from ... import ast
from .comments import COMMENT_STYLES, Comments
from .notes import Footnotes, add_reference
from .package import new_document, package_bytes, set_properties, set_version
from .pages import new_section, page_numbers, set_page
from .styles import apply_styles
from .tables import add_table
from .xml import bookmark, paragraph, paragraph_properties, sub, text_run

HEADER_STYLE = "Header"


def heading_style(depth: int) -> str:
    """The id of the Word heading style for a depth: Heading1 (parts) … Heading6 (a.)."""
    return f"Heading{depth + 1}"


class DocxWriter:
    def __init__(self, document: ast.Document, review: bool):
        self.tree, self.review = document, review
        self.docx = new_document()
        presentation = document.presentation
        set_page(self.docx.sections[0], presentation.page)
        apply_styles(self.docx.styles.element, presentation, COMMENT_STYLES if review else ())
        self.body = self.docx.element.body
        self.footnotes = Footnotes(self.docx)
        self.comments = Comments(self.docx)
        self._parts_started = False
        self._bookmarks = 0

    def write(self) -> bytes:
        for line in self.tree.front:
            self._paragraph(line, line.style)
        for block in self.tree.body:
            self._block(block)
        page_numbers(self.docx, HEADER_STYLE)
        set_properties(self.docx, self.tree.meta, self.tree.presentation.language)
        set_version(self.docx, self.tree.meta)
        self.comments.finish()
        return package_bytes(self.docx)

    def _block(self, block: ast.Block) -> None:
        if isinstance(block, ast.Heading):
            self._heading(block)
        elif isinstance(block, ast.Paragraph):
            self._paragraph(block)
        elif isinstance(block, ast.ListItem):
            self._item(block)
        elif isinstance(block, ast.SectionBreak):
            new_section(self.docx, block.page)
        else:
            add_table(self.body, block, self._mark)

    def _heading(self, block: ast.Heading) -> None:
        p = paragraph(self.body, heading_style(block.depth))
        if block.depth == 0 and not self._parts_started:  # Phần thứ nhất: on page 1
            sub(paragraph_properties(p), "w:pageBreakBefore", {"w:val": "0"})
        self._parts_started = self._parts_started or block.depth == 0
        # "Phần thứ nhất" on its own line above the part title; "1." before the title
        first = text_run(p, f"{block.label}\n" if block.depth == 0 else f"{block.label} ")
        self._inlines(p, block.title)
        self._remark(p, [first], block.remark)
        self._mark(p, p, block.anchor)

    def _paragraph(self, block: ast.Paragraph, style: str | None = None) -> Any:
        p = paragraph(self.body, style)
        self._remark(p, self._inlines(p, block.content), block.remark)
        self._mark(p, p, block.anchor)
        return p

    def _item(self, item: ast.ListItem) -> None:
        first, *rest = item.paragraphs
        p = paragraph(self.body)
        runs = [text_run(p, f"{item.label} "), *self._inlines(p, first.content)]
        self._remark(p, runs, item.remark)
        self._mark(p, p, first.anchor)
        self._mark(p, p, item.anchor)
        for more in rest:
            self._paragraph(more)

    def _inlines(self, p: Any, content: ast.Inlines) -> list[Any]:
        """Append the inlines to the paragraph <w:p>; returns their runs <w:r>."""
        runs = []
        for run in ast.runs(content):
            if isinstance(run, ast.Run):
                runs.append(text_run(p, run.text, run.bold, run.italic, run.superscript))
            else:
                runs.append(self._note(p, run))
        return runs

    def _note(self, p: Any, ref: ast.NoteRef) -> Any:
        note = self.tree.notes[ref.number - 1]
        run = add_reference(p, ref.number)
        targets = self.footnotes.add(ref.number, len(note.paragraphs))
        for index, (target, note_paragraph) in enumerate(zip(targets, note.paragraphs,
                                                              strict=True)):
            self._inlines(target, note_paragraph.content)
            # in the first paragraph, after the note's mark and its space (readers take
            # what follows the mark as the note's text)
            self._mark(target, target, note_paragraph.anchor, target[2] if index == 0 else None)
        self._mark(targets[0], targets[-1], note.anchor, targets[0][2])
        self._remark(p, [run], note.remark)
        return run

    def _mark(self, first: Any, last: Any, anchor: str, after: Any = None) -> None:
        """The node's anchor as a hidden bookmark over its paragraphs: a returned copy maps
        back to the YAML through it (readers/docx.py)."""
        self._bookmarks += 1
        bookmark(first, last, self._bookmarks, ast.bookmark_name(anchor), after)

    def _remark(self, p: Any, runs: list[Any], remark: str | None) -> None:
        """A Word comment on the runs, in a review build."""
        if self.review and remark and runs:
            self.comments.add(p, runs, remark)


def write_docx(document: ast.Document, review: bool = False) -> bytes:
    """The .docx of the document; `review` adds the remarks as Word comments."""
    return DocxWriter(document, review).write()
