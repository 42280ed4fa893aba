"""Two document trees compared into one: the newer draft, every change from the older one
tracked in it (the blocks aligned by align.py, their words compared as tokens.py cuts
them), and what changed for people (summary.py).

What is numbered by position is not text: a note's number is Word's own, so a note added
early marks only that note; a renumbered heading or item shows its old number out and its
new one in, and is not counted as edited. A block that moved is a move (its source where
it stood, its destination where it stands, its own small edits tracked inside), and so is
a note's mark that moved to another place; a note that moved with its paragraph is the
same note, not one added and one removed.

Accepting every change gives the newer draft's text; rejecting every change, the older's.
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from .. import ast
from . import summary as report
from .align import Step, aligned, text
from .summary import Counts, FigureChange, Quote, Summary
from .tokens import PLAIN, Style, Token, opcodes, tokens

# A token as the compared draft prints it: its change, and the name of the move it makes
# on its own (a note's mark moved elsewhere), if any
Piece = tuple[ast.Change, Token, str | None]
Opcodes = Sequence[tuple[str, int, int, int, int]]


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


@dataclass
class _Count:
    added: int = 0
    removed: int = 0
    edited: int = 0
    moved: int = 0

    def frozen(self) -> Counts:
        return Counts(added=self.added, removed=self.removed, edited=self.edited,
                      moved=self.moved)


@dataclass(kw_only=True)
class _Comparison:
    old: ast.Document
    new: ast.Document
    notes: list[ast.Note] = field(default_factory=list)  # the compared draft's, in order
    paragraph_count: _Count = field(default_factory=_Count)
    note_count: _Count = field(default_factory=_Count)
    sections: list[str] = field(default_factory=list)
    figures: list[FigureChange] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    moves: set[str] = field(default_factory=set)  # the names of the blocks' moves
    _heading: str = ""
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _note_moves: dict[str, str] = field(default_factory=dict)  # a note's anchor → its move

    def __post_init__(self) -> None:
        self._old_notes = {note.anchor: note for note in self.old.notes}
        self._new_notes = {note.anchor: note for note in self.new.notes}

    def summary(self) -> Summary:
        return Summary(
            sections=tuple(dict.fromkeys(self.sections)),
            paragraphs=self.paragraph_count.frozen(),
            notes=self.note_count.frozen(),
            moves=len(self.moves),
            tallies=report.tallies(self.old, self.new),
            figures=tuple(self.figures),
            quotes=tuple(self.quotes),
        )

    def _move_name(self) -> str:
        """A move's name, the same at its source and its destination (Word's own are
        "move" and a number)."""
        return f"move{next(self._numbers)}"

    def _changed(self) -> None:
        if self._heading:
            self.sections.append(self._heading)

    # -- words -----------------------------------------------------------------------------

    def _compared(self, old: ast.Inlines,
                  new: ast.Inlines) -> tuple[list[Token], list[Token], Opcodes]:
        before, after = tokens(old, self.old.notes), tokens(new, self.new.notes)
        return before, after, opcodes([t.key for t in before], [t.key for t in after])

    def words(self, old: ast.Inlines, new: ast.Inlines,
              where: str | None = None) -> tuple[ast.Inlines, bool]:
        """The newer words with the changes from the older tracked; whether any changed.
        `where`: the sentences whose figures changed are quoted under it."""
        before, after, opcodes = self._compared(old, new)
        pieces: list[Piece] = []
        for op, i1, i2, j1, j2 in opcodes:
            if op == "equal":
                pieces += [(None, self._kept(a, b), None)
                           for a, b in zip(before[i1:i2], after[j1:j2], strict=True)]
            else:
                pieces += [self._out(t, "deleted") for t in before[i1:i2]]
                pieces += [self._in(t, "inserted") for t in after[j1:j2]]
        changed = any(op != "equal" for op, *_ in opcodes)
        if changed and where is not None:
            self.quotes += report.quotes(where, before, after, opcodes)
        return _inlines(pieces), changed

    def source(self, old: ast.Inlines, new: ast.Inlines) -> ast.Inlines:
        """The older words where a move took them from: moved away, but for the words
        the move took out."""
        before, _, opcodes = self._compared(old, new)
        pieces: list[Piece] = []
        for op, i1, i2, _, _ in opcodes:
            if op == "equal":
                pieces += [("moved_from", self._source_token(t), None) for t in before[i1:i2]]
            else:
                pieces += [self._out(t, "deleted") for t in before[i1:i2]]
        return _inlines(pieces)

    def destination(self, old: ast.Inlines, new: ast.Inlines,
                    where: str | None = None) -> tuple[ast.Inlines, bool]:
        """The newer words where a move put them: moved here, but for the words the move
        put in; whether any were edited."""
        before, after, opcodes = self._compared(old, new)
        pieces: list[Piece] = []
        for op, i1, i2, j1, j2 in opcodes:
            if op == "equal":
                pieces += [("moved_to", self._kept(a, b, moved=True), None)
                           for a, b in zip(before[i1:i2], after[j1:j2], strict=True)]
            else:
                pieces += [self._in(t, "inserted") for t in after[j1:j2]]
        changed = any(op != "equal" for op, *_ in opcodes)
        if changed and where is not None:
            self.quotes += report.quotes(where, before, after, opcodes)
        return _inlines(pieces), changed

    def whole(self, content: ast.Inlines, change: ast.Change,
              notes: Sequence[ast.Note]) -> ast.Inlines:
        """Words added or taken out with their paragraph."""
        if change == "inserted":
            return _inlines(self._in(t, change) for t in tokens(content, notes))
        return _inlines(self._out(t, change) for t in tokens(content, notes))

    def _out(self, token: Token, change: ast.Change) -> Piece:
        """An older token no longer where it was: taken out, or, a note's mark that
        stands elsewhere in the newer draft, moved away."""
        note = token.note
        if note is None:
            return change, token, None
        if note.anchor in self._new_notes:
            return "moved_from", self._source_token(token), self._note_move(note.anchor)
        return change, token._replace(note=self._whole_note(note, change)), None

    def _in(self, token: Token, change: ast.Change) -> Piece:
        """A newer token not where it was: put in, or a note's mark moved here."""
        note = token.note
        if note is None:
            return change, token, None
        before = self._old_notes.get(note.anchor)
        if before is not None:
            self.note_count.moved += 1
            self._changed()
            return ("moved_to", token._replace(note=self._note_pair(before, note)),
                    self._note_move(note.anchor))
        return change, token._replace(note=self._whole_note(note, change)), None

    def _kept(self, old: Token, new: Token, moved: bool = False) -> Token:
        """A token both drafts have here; a note's mark, its note compared."""
        if new.note is None:
            return new
        assert old.note is not None
        self.note_count.moved += moved
        return new._replace(note=self._note_pair(old.note, new.note))

    def _source_token(self, token: Token) -> Token:
        return token if token.note is None else \
            token._replace(note=self._numbered(token.note, token.note.paragraphs,
                                               "moved_from"))

    def _note_move(self, anchor: str) -> str:
        return self._note_moves.setdefault(anchor, self._move_name())

    # -- notes -------------------------------------------------------------------------------

    def _note_pair(self, old: ast.Note, new: ast.Note) -> ast.Note:
        """A note both drafts have: its paragraphs compared; numbered in the new order."""
        numbered = self._numbered(new, (), None)  # its number before its words are compared
        paragraphs, edited = self._note_paragraphs(old, new, f"chú thích {numbered.number}")
        self.note_count.edited += edited
        if edited:
            self._changed()
        numbered = replace(numbered, paragraphs=paragraphs)
        self.notes[numbered.number - 1] = numbered
        return numbered

    def _note_paragraphs(self, old: ast.Note, new: ast.Note,
                         where: str) -> tuple[tuple[ast.Paragraph, ...], bool]:
        out, edited = [], False
        for index in range(max(len(old.paragraphs), len(new.paragraphs))):
            if index >= len(new.paragraphs):
                gone = old.paragraphs[index]
                edited = True
                out.append(replace(gone, change="deleted",
                                   content=self.whole(gone.content, "deleted", self.old.notes)))
            elif index >= len(old.paragraphs):
                added = new.paragraphs[index]
                edited = True
                out.append(replace(added, change="inserted",
                                   content=self.whole(added.content, "inserted", self.new.notes)))
            else:
                content, changed = self.words(old.paragraphs[index].content,
                                              new.paragraphs[index].content, where)
                edited = edited or changed
                out.append(ast.Paragraph(content=content, source=new.paragraphs[index].source,
                                         anchor=new.paragraphs[index].anchor))
        return tuple(out), edited

    def _whole_note(self, note: ast.Note, change: ast.Change) -> ast.Note:
        if change == "inserted":
            self.note_count.added += 1
        else:
            self.note_count.removed += 1
        self._changed()
        notes = self.new.notes if change == "inserted" else self.old.notes
        paragraphs = tuple(
            ast.Paragraph(content=self.whole(p.content, change, notes), source=p.source,
                          anchor=p.anchor)
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
        for step in aligned(old, new, self._move_name):
            if step.kind == "equal":
                yield from self._same(_given(step.old), _given(step.new))
            elif step.kind == "pair":
                yield from self._edited(_given(step.old), _given(step.new))
            elif step.kind == "delete":
                yield self._gone(_given(step.old))
            elif step.kind == "insert":
                yield self._added(_given(step.new))
            elif step.kind == "from":
                yield self._moved_from(step)
            else:
                yield self._moved_to(step)

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
        yield from self._edited(old, new)

    def _edited(self, old: ast.Block, new: ast.Block) -> Iterator[ast.Block]:
        if isinstance(new, ast.Heading) and isinstance(old, ast.Heading):
            self._heading = _section(new)
            title, changed = self.words(old.title, new.title)
            self._count(changed)
            yield replace(new, title=title,
                          label_was=old.label if old.label != new.label else None)
        elif isinstance(new, ast.Paragraph) and isinstance(old, ast.Paragraph):
            content, changed = self.words(old.content, new.content, self._heading)
            self._count(changed)
            yield replace(new, content=content)
        elif isinstance(new, ast.ListItem) and isinstance(old, ast.ListItem):
            paragraphs = tuple(self.paragraphs(old.paragraphs, new.paragraphs))
            yield replace(new, paragraphs=paragraphs,
                          label_was=old.label if old.label != new.label else None)
        elif isinstance(new, ast.Table) and isinstance(old, ast.Table):
            yield self._table(old, new)
        elif isinstance(new, ast.SectionBreak) and isinstance(old, ast.SectionBreak):
            yield new
        else:  # blocks of two kinds: the one out, the other in
            yield self._gone(old)
            yield self._added(new)

    def _count(self, changed: bool) -> None:
        if changed:
            self.paragraph_count.edited += 1
            self._changed()

    def _gone(self, block: ast.Block) -> ast.Block:
        return self._whole_block(block, "deleted", self.old.notes)

    def _added(self, block: ast.Block) -> ast.Block:
        return self._whole_block(block, "inserted", self.new.notes)

    def _whole_block(self, block: ast.Block, change: ast.Change,
                     notes: Sequence[ast.Note]) -> ast.Block:
        count = self.paragraph_count
        if isinstance(block, ast.Heading | ast.Paragraph):
            if isinstance(block, ast.Heading):
                self._heading = _section(block)
            if change == "inserted":
                count.added += 1
            else:
                count.removed += 1
            self._changed()
            if isinstance(block, ast.Heading):
                return replace(block, title=self.whole(block.title, change, notes),
                               change=change)
            return replace(block, content=self.whole(block.content, change, notes),
                           change=change)
        if isinstance(block, ast.ListItem):
            paragraphs = tuple(self._whole_block(p, change, notes) for p in block.paragraphs)
            return replace(block, paragraphs=paragraphs, change=change)  # type: ignore[arg-type]
        if isinstance(block, ast.Table):
            rows = tuple(_whole_row(row, change) for row in block.rows)
            header = tuple(_whole_row(row, change) for row in block.header)
            return replace(block, header=header, rows=rows)
        return block  # a section break stays: the pages of the newer draft

    # -- moved blocks -------------------------------------------------------------------------

    def _moved_from(self, step: Step) -> ast.Block:
        """A moved block where it stood in the older draft: its older words, moved away
        (the ones the move took out, taken out)."""
        old, new = _given(step.old), _given(step.new)
        if isinstance(old, ast.Heading) and isinstance(new, ast.Heading):
            return replace(old, title=self.source(old.title, new.title), change="moved_from",
                           move=step.move, label_was=None)
        if isinstance(old, ast.Paragraph) and isinstance(new, ast.Paragraph):
            return replace(old, content=self.source(old.content, new.content),
                           change="moved_from", move=step.move)
        assert isinstance(old, ast.ListItem) and isinstance(new, ast.ListItem)
        paragraphs = tuple(
            replace(p, content=self.source(p.content, new.paragraphs[i].content),
                    change="moved_from") if i < len(new.paragraphs) else
            self._whole_block(p, "deleted", self.old.notes)
            for i, p in enumerate(old.paragraphs))
        return replace(old, paragraphs=paragraphs, change="moved_from",  # type: ignore[arg-type]
                       move=step.move, label_was=None)

    def _moved_to(self, step: Step) -> ast.Block:
        """A moved block where it stands in the newer draft: its words moved here, its
        own edits tracked."""
        old, new = _given(step.old), _given(step.new)
        if step.move is not None:
            self.moves.add(step.move.name)
        if isinstance(old, ast.Heading) and isinstance(new, ast.Heading):
            self._heading = _section(new)
            title, edited = self.destination(old.title, new.title)
            self._count_moved(edited)
            return replace(new, title=title, change="moved_to", move=step.move)
        if isinstance(old, ast.Paragraph) and isinstance(new, ast.Paragraph):
            content, edited = self.destination(old.content, new.content, self._heading)
            self._count_moved(edited)
            return replace(new, content=content, change="moved_to", move=step.move)
        assert isinstance(old, ast.ListItem) and isinstance(new, ast.ListItem)
        paragraphs = []
        for i, p in enumerate(new.paragraphs):
            if i >= len(old.paragraphs):
                paragraphs.append(self._whole_block(p, "inserted", self.new.notes))
                continue
            content, edited = self.destination(old.paragraphs[i].content, p.content,
                                               self._heading)
            self._count_moved(edited)
            paragraphs.append(replace(p, content=content, change="moved_to"))
        return replace(new, paragraphs=tuple(paragraphs),  # type: ignore[arg-type]
                       change="moved_to", move=step.move)

    def _count_moved(self, edited: bool) -> None:
        self.paragraph_count.moved += 1
        self._count(edited)
        self._changed()

    # -- tables ------------------------------------------------------------------------------

    def _table(self, old: ast.Table, new: ast.Table) -> ast.Table:
        headers = ast.column_headers(new)
        header = tuple(self._rows(old.header, new.header, headers, new.heading))
        rows = tuple(self._rows(old.rows, new.rows, headers, new.heading))
        return replace(new, header=header, rows=rows)

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
                cells.append(replace(after, content=content))
                name = next((c.text for c in new.cells[1:3] if c.text), "")
                self.figures.append(FigureChange(table=table, row=name, column=headers[column]
                                                 if column < len(headers) else "",
                                                 old=before.text, new=after.text))
                self._heading = table
                self._changed()
            column += after.colspan
        yield ast.Row(cells=tuple(cells), source=new.source, anchor=new.anchor)


def _given(block: ast.Block | None) -> ast.Block:
    assert block is not None  # the step's kind says which drafts have the block
    return block


def _section(heading: ast.Heading) -> str:
    return f"{heading.label} {' '.join(text(heading).split())}"


def _whole_row(row: ast.Row, change: ast.Change) -> ast.Row:
    wrapper = ast.Inserted if change == "inserted" else ast.Deleted
    cells = tuple(replace(cell, content=(wrapper((ast.Text(cell.text),)),) if cell.text else ())
                  for cell in row.cells)
    return replace(row, cells=cells, change=change)


# -- building inlines ----------------------------------------------------------------------------

def _inlines(pieces: Iterable[Piece]) -> ast.Inlines:
    """Tokens, each with its change, back into the tree's inlines: neighbours of one change,
    one move and one formatting as one text, wrapped as the formatting and the change say."""
    out: list[ast.Inline] = []
    group: list[str] = []
    group_key: tuple[ast.Change, Style, str | None] = (None, PLAIN, None)

    def flush() -> None:
        if group:
            change, style, move = group_key
            out.append(_wrap(ast.Text("".join(group)), change, style, move))
            group.clear()

    for change, token, move in pieces:
        if token.note is not None:
            flush()
            out.append(_wrap(ast.NoteRef(token.note.number), change, PLAIN, move))
            continue
        if (change, token.style, move) != group_key:
            flush()
            group_key = (change, token.style, move)
        group.append(token.text)
    flush()
    return tuple(out)


def _wrap(inline: ast.Inline, change: ast.Change, style: Style,
          move: str | None) -> ast.Inline:
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
    if change == "moved_from":
        return ast.MovedFrom((inline,), move)
    if change == "moved_to":
        return ast.MovedTo((inline,), move)
    return inline
