"""The document tree as a Word document.

Headings get Word heading styles (so the navigation pane and a TOC work), footnotes are
real Word footnotes (notes.py), appendices sit on their own landscape sections (pages.py,
tables.py), remarks become real Word comments in a review build (comments.py). The
package and its zip are package.py's; every element is built through xml.py.
"""

from __future__ import annotations

import itertools
from typing import Any

from ... import ast
from ...word.names import bookmark_name
from .comments import COMMENT_STYLES, Comments
from .notes import Footnotes, add_reference
from .package import new_document, package_bytes, set_properties, set_version
from .pages import new_section, page_numbers, set_page
from .revisions import Revisions
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
        self._ids = itertools.count(1)  # bookmarks and revisions: one id each
        self.revisions = Revisions(document.revision, self._ids)

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
            add_table(self.body, block, self._mark, self._cell, self.revisions.mark_row)

    def _heading(self, block: ast.Heading) -> None:
        p = paragraph(self.body, heading_style(block.depth))
        self._move_starts(p, block.change, block.move)
        if block.depth == 0 and not self._parts_started:  # Phần thứ nhất: on page 1
            sub(paragraph_properties(p), "w:pageBreakBefore", {"w:val": "0"})
        self._parts_started = self._parts_started or block.depth == 0
        # "Phần thứ nhất" on its own line above the part title; "1." before the title
        after = "\n" if block.depth == 0 else " "
        first = self._label(p, block.label + after, block.label_was and block.label_was + after,
                            block.change)
        self._inlines(p, block.title)
        self._remark(p, [first], block.remark)
        self._mark(p, p, block.anchor, change=block.change)
        self._move_ends(p, block.change, block.move)
        self.revisions.mark_paragraph(p, block.change)

    def _paragraph(self, block: ast.Paragraph, style: str | None = None) -> Any:
        p = paragraph(self.body, style)
        self._move_starts(p, block.change, block.move)
        self._remark(p, self._inlines(p, block.content), block.remark)
        self._mark(p, p, block.anchor, change=block.change)
        self._move_ends(p, block.change, block.move)
        self.revisions.mark_paragraph(p, block.change)
        return p

    def _item(self, item: ast.ListItem) -> None:
        first, *rest = item.paragraphs
        p = paragraph(self.body)
        self._move_starts(p, item.change, item.move)
        label = self._label(p, f"{item.label} ",
                            item.label_was and f"{item.label_was} ", item.change)
        runs = [label, *self._inlines(p, first.content)]
        self._remark(p, runs, item.remark)
        self._mark(p, p, first.anchor, change=first.change)
        self._mark(p, p, item.anchor, change=item.change)
        self.revisions.mark_paragraph(p, first.change)
        last = p
        for more in rest:
            last = self._paragraph(more)
        self._move_ends(last, item.change, item.move)

    def _move_starts(self, p: Any, change: ast.Change, move: ast.Move | None) -> None:
        if move is not None and move.starts:
            self.revisions.start_move(p, change, move.name)

    def _move_ends(self, p: Any, change: ast.Change, move: ast.Move | None) -> None:
        if move is not None and move.ends:
            self.revisions.end_move(p, change, move.name)

    def _label(self, p: Any, label: str, was: str | None, change: ast.Change) -> Any:
        """A heading's or an item's number; a renumbered one as the old number taken out
        and the new put in."""
        if change is not None:  # the label with its block: added, taken out or moved
            return text_run(self.revisions.wrapper(p, change), label,
                            deleted=change == "deleted")
        if was is not None and was != label:
            text_run(self.revisions.wrapper(p, "deleted"), was, deleted=True)
            return text_run(self.revisions.wrapper(p, "inserted"), label)
        return text_run(p, label)

    def _inlines(self, p: Any, content: ast.Inlines, size: float | None = None) -> list[Any]:
        """Append the inlines to the paragraph <w:p>; returns their runs <w:r>. Words a
        revision adds, takes out or moves go into <w:ins>, <w:del>, <w:moveFrom> or
        <w:moveTo>; neighbours with the same change share one. Words that move on their
        own (a note's mark) have their own move range around them."""
        runs = []
        wrapper, wrapped = None, None
        moving: tuple[ast.Change, str] | None = None  # the inline move range open
        for run in ast.runs(content):
            change = run.change if not isinstance(run, ast.NoteRef) else None
            move = run.move if not isinstance(run, ast.NoteRef) else None
            if moving is not None and moving != (change, move):
                self.revisions.end_move(p, *moving)
                moving, wrapper = None, None
            if move is not None and moving is None:
                moving, wrapper = (change, move), None
                self.revisions.start_move(p, change, move)
            if change is None:
                target, wrapper = p, None
            else:
                if wrapper is None or wrapped != change:
                    wrapper, wrapped = self.revisions.wrapper(p, change), change
                target = wrapper
            if isinstance(run, ast.Run):
                runs.append(text_run(target, run.text, run.bold, run.italic, run.superscript,
                                     change == "deleted", size))
            else:
                ref = run.ref if isinstance(run, ast.MarkedNoteRef) else run
                runs.append(self._note(target, ref))
        if moving is not None:
            self.revisions.end_move(p, *moving)
        return runs

    def _cell(self, p: Any, cell: ast.Cell, size: float) -> None:
        """A table cell's words where a revision changed them."""
        if cell.content is not None:
            content = cell.content
            if cell.italic:
                content = (ast.Emph(content),)
            if cell.bold:
                content = (ast.Strong(content),)
            self._inlines(p, content, size)

    def _note(self, p: Any, ref: ast.NoteRef) -> Any:
        note = self.tree.notes[ref.number - 1]
        run = add_reference(p, ref.number)
        targets = self.footnotes.add(ref.number, len(note.paragraphs))
        for index, (target, note_paragraph) in enumerate(zip(targets, note.paragraphs,
                                                              strict=True)):
            self._inlines(target, note_paragraph.content)
            # in the first paragraph, after the note's mark and its space (readers take
            # what follows the mark as the note's text)
            self._mark(target, target, note_paragraph.anchor, target[2] if index == 0 else None,
                       note.change)
        self._mark(targets[0], targets[-1], note.anchor, targets[0][2], note.change)
        self._remark(p, [run], note.remark)
        return run

    def _mark(self, first: Any, last: Any, anchor: str, after: Any = None,
              change: ast.Change = None) -> None:
        """The node's anchor as a hidden bookmark over its paragraphs: a returned copy maps
        back to the YAML through it (readers/returned_copy.py). Not at a move's source:
        the node's bookmark is at its destination (a name is one place)."""
        if change == "moved_from":
            return
        bookmark(first, last, next(self._ids), bookmark_name(anchor), after)

    def _remark(self, p: Any, runs: list[Any], remark: ast.Remark | None) -> None:
        """A Word comment on the runs, in a review build."""
        if self.review and remark and runs:
            self.comments.add(p, runs, remark.text, remark.by)


def write_docx(document: ast.Document, review: bool = False) -> bytes:
    """The .docx of the document; `review` adds the remarks as Word comments."""
    return DocxWriter(document, review).write()
