"""Two builds of the report compared: the newer draft with every change from the older one
as a tracked change, and a summary of what changed.

The drafts are compared as document trees, not as Word files. Nodes are matched by their
anchors first (the same YAML text), then, where the text was edited, by how alike they are;
matched paragraphs, headings, items, notes and table cells are compared word by word.
What is numbered by position is not text: a note's number is Word's own, so a note added
early marks only that note; a renumbered heading or item shows its old number out and its
new one in, and is not counted as edited.

Accepting every change gives the newer draft's text; rejecting every change, the older's.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from . import ast
from .record import Record

SIMILAR = 0.5  # paragraphs this alike are one paragraph edited, not one out and one in
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


class FigureChange(Record, kw_only=True):
    """A cell of an appendix that changed: the indicator's row, the column, old → new."""

    table: str
    row: str
    column: str
    old: str
    new: str


class Summary(Record, kw_only=True):
    sections: tuple[str, ...]  # the headings under which something changed
    paragraphs: tuple[int, int, int]  # added, removed, edited
    notes: tuple[int, int, int]
    figures: tuple[FigureChange, ...]
    quoting: tuple[str, ...]  # sentences whose words changed only in their figures


def compare(old: ast.Document, new: ast.Document,
            revision: ast.Revision) -> tuple[ast.Document, Summary]:
    """The newer draft, its changes from the older tracked; and what changed."""
    comparison = _Comparison(old=old, new=new)
    front = tuple(comparison.paragraphs(old.front, new.front))
    body = tuple(comparison.blocks(old.body, new.body))
    document = ast.Document(
        meta=new.meta,
        presentation=new.presentation,
        front=front,
        body=body,
        notes=tuple(comparison.notes),
        revision=revision,
    )
    return document, comparison.summary()


# -- words --------------------------------------------------------------------------------

class _Token(NamedTuple):
    key: tuple[object, ...]  # what is compared: the word and its formatting, or a note
    text: str
    style: tuple[bool, bool, bool]  # bold, italic, superscript
    note: ast.Note | None = None


def _tokens(content: ast.Inlines, notes: Sequence[ast.Note]) -> list[_Token]:
    out = []
    for run in ast.runs(content):
        if isinstance(run, ast.MarkedNoteRef):
            run = run.ref
        if isinstance(run, ast.NoteRef):
            note = notes[run.number - 1]
            out.append(_Token(("note", note.anchor), "", (False, False, False), note))
            continue
        style = (run.bold, run.italic, run.superscript)
        out.extend(_Token((word, style), word, style) for word in _TOKEN.findall(run.text))
    return out


@dataclass(kw_only=True)
class _Comparison:
    old: ast.Document
    new: ast.Document
    notes: list[ast.Note] = field(default_factory=list)  # the compared draft's, in order
    counts: dict[str, list[int]] = field(default_factory=lambda: {
        "paragraphs": [0, 0, 0], "notes": [0, 0, 0]})
    sections: list[str] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    quoting: list[str] = field(default_factory=list)
    _heading: str = ""

    def summary(self) -> Summary:
        p, n = self.counts["paragraphs"], self.counts["notes"]
        return Summary(
            sections=tuple(dict.fromkeys(self.sections)),
            paragraphs=(p[0], p[1], p[2]),
            notes=(n[0], n[1], n[2]),
            figures=tuple(self.figures),
            quoting=tuple(self.quoting),
        )

    def _changed(self) -> None:
        if self._heading:
            self.sections.append(self._heading)

    # -- inlines ---------------------------------------------------------------------------

    def words(self, old: ast.Inlines, new: ast.Inlines) -> tuple[ast.Inlines, bool]:
        """The newer words with the changes from the older tracked; whether any changed."""
        before, after = _tokens(old, self.old.notes), _tokens(new, self.new.notes)
        matcher = difflib.SequenceMatcher(None, [t.key for t in before],
                                          [t.key for t in after], autojunk=False)
        pieces: list[tuple[ast.Change, _Token]] = []
        changed = False
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for a, b in zip(before[i1:i2], after[j1:j2], strict=True):
                    pieces.append((None, b if b.note is None else
                                   b._replace(note=self._note_pair(a.note, b.note))))
                continue
            changed = True
            pieces += [("deleted", t._replace(note=self._whole_note(t.note, "deleted")))
                       for t in before[i1:i2]]
            pieces += [("inserted", t._replace(note=self._whole_note(t.note, "inserted")))
                       for t in after[j1:j2]]
        return _inlines(pieces), changed

    def whole(self, content: ast.Inlines, change: ast.Change,
              notes: Sequence[ast.Note]) -> ast.Inlines:
        """Words added or taken out with their paragraph."""
        pieces = [(change, t._replace(note=self._whole_note(t.note, change)))
                  for t in _tokens(content, notes)]
        return _inlines(pieces)

    # -- notes -------------------------------------------------------------------------------

    def _note_pair(self, old: ast.Note | None, new: ast.Note | None) -> ast.Note | None:
        """A note both drafts have: its paragraphs compared; numbered in the new order."""
        assert old is not None and new is not None
        paragraphs = list(self._note_paragraphs(old, new))
        edited = any(p.change or _has_changes(p.content) for p in paragraphs)
        self.counts["notes"][2] += edited
        if edited:
            self._changed()
        return self._numbered(new, tuple(paragraphs), None)

    def _note_paragraphs(self, old: ast.Note, new: ast.Note) -> Iterator[ast.Paragraph]:
        for index in range(max(len(old.paragraphs), len(new.paragraphs))):
            if index >= len(new.paragraphs):
                gone = old.paragraphs[index]
                yield ast.Paragraph(content=self.whole(gone.content, "deleted", self.old.notes),
                                    source=gone.source, anchor=gone.anchor, change="deleted")
            elif index >= len(old.paragraphs):
                added = new.paragraphs[index]
                yield ast.Paragraph(content=self.whole(added.content, "inserted", self.new.notes),
                                    source=added.source, anchor=added.anchor, change="inserted")
            else:
                content, _ = self.words(old.paragraphs[index].content,
                                        new.paragraphs[index].content)
                yield ast.Paragraph(content=content, source=new.paragraphs[index].source,
                                    anchor=new.paragraphs[index].anchor)

    def _whole_note(self, note: ast.Note | None, change: ast.Change) -> ast.Note | None:
        if note is None:
            return None
        self.counts["notes"][0 if change == "inserted" else 1] += 1
        self._changed()
        notes = self.new.notes if change == "inserted" else self.old.notes
        paragraphs = tuple(
            ast.Paragraph(
                content=self.whole(p.content, change, notes), source=p.source, anchor=p.anchor
            )
            for p in note.paragraphs
        )
        return self._numbered(note, paragraphs, change)

    def _numbered(self, note: ast.Note, paragraphs: tuple[ast.Paragraph, ...],
                  change: ast.Change) -> ast.Note:
        numbered = ast.Note(
            number=len(self.notes) + 1,
            id=note.id,
            paragraphs=paragraphs,
            source=note.source,
            anchor=note.anchor,
            remark=note.remark,
            change=change,
        )
        self.notes.append(numbered)
        return numbered

    # -- blocks ------------------------------------------------------------------------------

    def blocks(self, old: Sequence[ast.Block], new: Sequence[ast.Block]) -> Iterator[ast.Block]:
        for op, before, after in _aligned(old, new):
            if op == "equal":
                yield from self._same(before[0], after[0])
            elif op == "pair":
                yield from self._edited(before[0], after[0])
            elif op == "delete":
                yield from (self._gone(block) for block in before)
            else:
                yield from (self._added(block) for block in after)

    def paragraphs(self, old: Sequence[ast.Paragraph],
                   new: Sequence[ast.Paragraph]) -> Iterator[ast.Paragraph]:
        for block in self.blocks(old, new):
            assert isinstance(block, ast.Paragraph)
            yield block

    def _same(self, old: ast.Block, new: ast.Block) -> Iterator[ast.Block]:
        """The same YAML in both: its printed words may still differ (a figure)."""
        if isinstance(new, ast.Table) and isinstance(old, ast.Table):
            yield self._table(old, new)
            return
        yield from self._edited(old, new, same_source=True)

    def _edited(self, old: ast.Block, new: ast.Block,
                same_source: bool = False) -> Iterator[ast.Block]:
        if isinstance(new, ast.Heading) and isinstance(old, ast.Heading):
            self._heading = f"{new.label} {_one_line(ast.plain(new.title))}"
            title, changed = self.words(old.title, new.title)
            self._count(changed)
            yield replace(new, title=title,
                          label_was=old.label if old.label != new.label else None)
        elif isinstance(new, ast.Paragraph) and isinstance(old, ast.Paragraph):
            content, changed = self.words(old.content, new.content)
            self._count(changed)
            if changed and same_source:
                self.quoting.append(_excerpt(ast.plain(new.content), self._heading))
            yield replace(new, content=content)
        elif isinstance(new, ast.ListItem) and isinstance(old, ast.ListItem):
            paragraphs = []
            for block in self.blocks(old.paragraphs, new.paragraphs):
                assert isinstance(block, ast.Paragraph)
                paragraphs.append(block)
            yield replace(new, paragraphs=tuple(paragraphs),
                          label_was=old.label if old.label != new.label else None)
        elif isinstance(new, ast.Table) and isinstance(old, ast.Table):
            yield self._table(old, new)
        else:  # a section break, or blocks of two kinds: the one out, the other in
            if isinstance(new, ast.SectionBreak) and isinstance(old, ast.SectionBreak):
                yield new
                return
            yield self._gone(old)
            yield self._added(new)

    def _count(self, changed: bool) -> None:
        if changed:
            self.counts["paragraphs"][2] += 1
            self._changed()

    def _gone(self, block: ast.Block) -> ast.Block:
        return self._whole_block(block, "deleted", self.old.notes)

    def _added(self, block: ast.Block) -> ast.Block:
        return self._whole_block(block, "inserted", self.new.notes)

    def _whole_block(self, block: ast.Block, change: ast.Change,
                     notes: Sequence[ast.Note]) -> ast.Block:
        index = 0 if change == "inserted" else 1
        if isinstance(block, ast.Heading):
            self._heading = f"{block.label} {_one_line(ast.plain(block.title))}"
            self.counts["paragraphs"][index] += 1
            self._changed()
            return replace(block, title=self.whole(block.title, change, notes), change=change)
        if isinstance(block, ast.Paragraph):
            self.counts["paragraphs"][index] += 1
            self._changed()
            return replace(block, content=self.whole(block.content, change, notes),
                           change=change)
        if isinstance(block, ast.ListItem):
            paragraphs = tuple(self._whole_block(p, change, notes) for p in block.paragraphs)
            return replace(block, paragraphs=paragraphs, change=change)  # type: ignore[arg-type]
        if isinstance(block, ast.Table):
            rows = tuple(_whole_row(row, change) for row in block.rows)
            header = tuple(_whole_row(row, change) for row in block.header)
            return _table_like(block, header, rows)
        return block  # a section break stays: the pages of the newer draft

    # -- tables ------------------------------------------------------------------------------

    def _table(self, old: ast.Table, new: ast.Table) -> ast.Table:
        headers = ast.column_headers(new)
        header = tuple(self._rows(old.header, new.header, headers, new.heading))
        rows = tuple(self._rows(old.rows, new.rows, headers, new.heading))
        return _table_like(new, header, rows)

    def _rows(self, old: Sequence[ast.Row], new: Sequence[ast.Row], headers: list[str],
              table: str) -> Iterator[ast.Row]:
        matcher = difflib.SequenceMatcher(None, [r.anchor for r in old], [r.anchor for r in new],
                                          autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                    yield from self._row(before, after, headers, table)
                continue
            yield from (_whole_row(row, "deleted") for row in old[i1:i2])
            yield from (_whole_row(row, "inserted") for row in new[j1:j2])

    def _row(self, old: ast.Row, new: ast.Row, headers: list[str],
             table: str) -> Iterator[ast.Row]:
        if [c.colspan for c in old.cells] != [c.colspan for c in new.cells]:
            yield _whole_row(old, "deleted")  # cells merged otherwise: the row out and in
            yield _whole_row(new, "inserted")
            return
        cells = []
        column = 0
        for before, after in zip(old.cells, new.cells, strict=True):
            if before.text == after.text:
                cells.append(after)
            else:
                content, _ = self.words((ast.Text(before.text),) if before.text else (),
                                        (ast.Text(after.text),) if after.text else ())
                cells.append(_with_content(after, content))
                name = next((c.text for c in new.cells[1:3] if c.text), "")
                self.figures.append(FigureChange(table=table, row=name, column=headers[column]
                                                 if column < len(headers) else "",
                                                 old=before.text, new=after.text))
                self._heading = table
                self._changed()
            column += after.colspan
        yield ast.Row(cells=tuple(cells), source=new.source, anchor=new.anchor)


def _whole_row(row: ast.Row, change: ast.Change) -> ast.Row:
    wrapper = ast.Inserted if change == "inserted" else ast.Deleted
    cells = tuple(_with_content(cell, (wrapper((ast.Text(cell.text),)),) if cell.text else ())
                  for cell in row.cells)
    return replace(row, cells=cells, change=change)


def _with_content(cell: ast.Cell, content: ast.Inlines) -> ast.Cell:
    return replace(cell, content=content)


def _table_like(table: ast.Table, header: tuple[ast.Row, ...],
                rows: tuple[ast.Row, ...]) -> ast.Table:
    return replace(table, header=header, rows=rows)


# -- aligning blocks --------------------------------------------------------------------------

Aligned = tuple[str, Sequence[ast.Block], Sequence[ast.Block]]  # equal, pair, delete, insert


def _aligned(old: Sequence[ast.Block], new: Sequence[ast.Block]) -> Iterator[Aligned]:
    """The blocks of the two drafts in the newer's order: the same YAML (anchors) first;
    between, edited ones paired by kind and likeness, the rest taken out or put in."""
    matcher = difflib.SequenceMatcher(None, [_key(b) for b in old], [_key(b) for b in new],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for before, after in zip(old[i1:i2], new[j1:j2], strict=True):
                yield "equal", (before,), (after,)
        else:
            yield from _paired(old[i1:i2], new[j1:j2])


def _paired(old: Sequence[ast.Block], new: Sequence[ast.Block]) -> Iterator[Aligned]:
    """In order: each newer block paired with the first older one of its kind alike enough
    after the last pairing; the older ones passed over are taken out."""
    start = 0
    for block in new:
        found = next((i for i in range(start, len(old))
                      if type(old[i]) is type(block) and _likeness(old[i], block) >= SIMILAR),
                     None)
        if found is None:
            yield "insert", (), (block,)
            continue
        if found > start:
            yield "delete", old[start:found], ()
        yield "pair", (old[found],), (block,)
        start = found + 1
    if start < len(old):
        yield "delete", old[start:], ()


def _key(block: ast.Block) -> object:
    if isinstance(block, ast.SectionBreak):
        return ("break", block.page)
    return block.anchor


def _likeness(old: ast.Block, new: ast.Block) -> float:
    if isinstance(old, ast.Table | ast.SectionBreak):
        return 1.0
    return difflib.SequenceMatcher(None, _text(old), _text(new), autojunk=False).ratio()


def _text(block: ast.Block) -> str:
    if isinstance(block, ast.Heading):
        return ast.plain(block.title)
    if isinstance(block, ast.Paragraph):
        return ast.plain(block.content)
    if isinstance(block, ast.ListItem):
        return " ".join(ast.plain(p.content) for p in block.paragraphs)
    return ""


# -- building inlines ----------------------------------------------------------------------------

def _inlines(pieces: Iterable[tuple[ast.Change, _Token]]) -> ast.Inlines:
    """Tokens, each with its change, back into the tree's inlines: neighbours of one change
    and one formatting as one text, wrapped as the formatting and the change say."""
    out: list[ast.Inline] = []
    group: list[str] = []
    group_key: tuple[ast.Change, tuple[bool, bool, bool]] = (None, (False, False, False))

    def flush() -> None:
        if group:
            out.append(_wrap(ast.Text("".join(group)), *group_key))
            group.clear()

    for change, token in pieces:
        if token.note is not None:
            flush()
            out.append(_wrap(ast.NoteRef(token.note.number), change, (False, False, False)))
            continue
        if (change, token.style) != group_key:
            flush()
            group_key = (change, token.style)
        group.append(token.text)
    flush()
    return tuple(out)


def _wrap(inline: ast.Inline, change: ast.Change,
          style: tuple[bool, bool, bool]) -> ast.Inline:
    bold, italic, superscript = style
    if superscript:
        inline = ast.Superscript((inline,))
    if italic:
        inline = ast.Emph((inline,))
    if bold:
        inline = ast.Strong((inline,))
    if change == "inserted":
        return ast.Inserted((inline,))
    if change == "deleted":
        return ast.Deleted((inline,))
    return inline


def _has_changes(content: ast.Inlines) -> bool:
    return any(isinstance(i, ast.Inserted | ast.Deleted) for i in content)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _excerpt(text: str, where: str, most: int = 120) -> str:
    text = _one_line(text)
    return f"{where}: {text[:most]}{'…' if len(text) > most else ''}"
