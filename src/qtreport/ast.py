"""The document tree: what every writer reads (cf. pandoc's AST).

The expand stage builds it, fully computed: every label numbered, every template filled,
every table cell's final text. Writers (Word, Markdown, the terminal) read it and compute
nothing; lints read it as the report will be printed.

Every block-level node carries `source`, where its text was written (file, line, column),
and `anchor`, a stable id: the same YAML text gives the same anchor in every build, and an
edit elsewhere does not change it (compute/anchors.py). Reviewers' remarks stay on their
node as `remark`.

Inlines form a small tree: Text, Strong, Emph and Superscript around other inlines,
NoteRef, LineBreak and Tab; in a comparison of two drafts, Inserted, Deleted, MovedFrom and
MovedTo around the words a revision changes. `runs()` flattens them into the runs of
formatting that Word and Markdown write.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from .diagnostics import SourceRef
from .record import Record

# -- inlines --------------------------------------------------------------------------------


class Text(Record):
    text: str


class Strong(Record):
    content: tuple[Inline, ...]


class Emph(Record):
    content: tuple[Inline, ...]


class Superscript(Record):
    content: tuple[Inline, ...]


class NoteRef(Record):
    """The reference mark of footnote `number` (1…N): Document.notes[number - 1]."""

    number: int


class LineBreak(Record):
    pass


class Tab(Record):
    pass


class Inserted(Record):
    """Words a revision adds (a tracked insertion: diff/)."""

    content: tuple[Inline, ...]


class Deleted(Record):
    """Words a revision takes out (a tracked deletion: diff/)."""

    content: tuple[Inline, ...]


class MovedFrom(Record):
    """Words a revision moves away from here (a tracked move's source: diff/). `move`
    names the move when the words moved on their own (a note's mark, to another
    paragraph); None when the block they are in moved with them (the block's Move)."""

    content: tuple[Inline, ...]
    move: str | None = None


class MovedTo(Record):
    """Words a revision moves here (a tracked move's destination); `move` as MovedFrom's."""

    content: tuple[Inline, ...]
    move: str | None = None


Inline = (Text | Strong | Emph | Superscript | NoteRef | LineBreak | Tab | Inserted | Deleted
          | MovedFrom | MovedTo)
Inlines = tuple[Inline, ...]
# what a revision does to a whole paragraph, note or row, or to words: adds them, takes
# them out, moves them away from here, moves them here
Change = Literal["inserted", "deleted", "moved_from", "moved_to"] | None
GONE: tuple[Change, ...] = ("deleted", "moved_from")  # not in the newer draft


class Move(Record):
    """A block of a tracked move: the move's name (the same at its source and its
    destination), and whether the move's range starts and ends in this block (a moved
    section: the range starts at its heading and ends after its last paragraph)."""

    name: str
    starts: bool = True
    ends: bool = True


class Run(NamedTuple):
    """A stretch of text in one formatting, as a writer writes it; a line break is "\\n"
    and a tab "\\t" inside it. (A view of the tree for writers, not a node of it.)"""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    change: Change = None
    move: str | None = None  # the move these words are on their own (MovedFrom.move)


class MarkedNoteRef(NamedTuple):
    """A note's reference mark that a revision adds, takes out or moves."""

    ref: NoteRef
    change: Change
    move: str | None = None


def runs(inlines: Inlines) -> list[Run | NoteRef | MarkedNoteRef]:
    """The inlines as runs of formatting, neighbours in the same formatting merged."""
    if all(type(inline) is Text or type(inline) is NoteRef for inline in inlines):
        # most paragraphs: plain text and note marks, neighbouring texts already one
        return [Run(inline.text) if type(inline) is Text else inline  # type: ignore[misc]
                for inline in inlines]
    out: list[Run | NoteRef | MarkedNoteRef] = []
    _flatten(inlines, Run(""), out)
    return out


def _flatten(inlines: Inlines, style: Run, out: list[Run | NoteRef | MarkedNoteRef]) -> None:
    """`style` is the formatting around: a Run whose text is not used."""
    for inline in inlines:
        if isinstance(inline, Text | LineBreak | Tab):
            text = inline.text if isinstance(inline, Text) else \
                "\n" if isinstance(inline, LineBreak) else "\t"
            last = out[-1] if out else None
            if isinstance(last, Run) and last[1:] == style[1:]:
                out[-1] = last._replace(text=last.text + text)
            else:
                out.append(style._replace(text=text))
        elif isinstance(inline, Strong):
            _flatten(inline.content, style._replace(bold=True), out)
        elif isinstance(inline, Emph):
            _flatten(inline.content, style._replace(italic=True), out)
        elif isinstance(inline, Superscript):
            _flatten(inline.content, style._replace(superscript=True), out)
        elif isinstance(inline, Inserted):
            _flatten(inline.content, style._replace(change="inserted"), out)
        elif isinstance(inline, Deleted):
            _flatten(inline.content, style._replace(change="deleted"), out)
        elif isinstance(inline, MovedFrom):
            _flatten(inline.content, style._replace(change="moved_from", move=inline.move), out)
        elif isinstance(inline, MovedTo):
            _flatten(inline.content, style._replace(change="moved_to", move=inline.move), out)
        elif isinstance(inline, NoteRef) and style.change is not None:
            out.append(MarkedNoteRef(inline, style.change, style.move))
        else:
            out.append(inline)


def plain(inlines: Inlines) -> str:
    """The text of the inlines as printed, without note marks; of a revision, the text it
    leaves (what it takes out is not printed)."""
    if len(inlines) == 1 and isinstance(inlines[0], Text):  # most headings and cells
        return inlines[0].text
    return "".join(_plain_pieces(inlines))


def _plain_pieces(inlines: Inlines) -> Iterator[str]:
    for inline in inlines:
        if isinstance(inline, Text):
            yield inline.text
        elif isinstance(inline, Strong | Emph | Superscript):
            yield from _plain_pieces(inline.content)
        elif isinstance(inline, LineBreak):
            yield "\n"
        elif isinstance(inline, Tab):
            yield "\t"
        elif isinstance(inline, Inserted | MovedTo):
            yield from _plain_pieces(inline.content)


# -- blocks ---------------------------------------------------------------------------------


class Remark(Record):
    """A reviewer's remark on a node: a Word comment in a review build, by `by` (else by
    "Góp ý")."""

    text: str
    by: str | None = None


def joined_remarks(remarks: Sequence[Remark]) -> Remark | None:
    """Several remarks on one node as one: their texts joined, by the first who is named."""
    if not remarks:
        return None
    return Remark("\n".join(r.text for r in remarks), next((r.by for r in remarks if r.by), None))


class Heading(Record, kw_only=True):
    depth: int  # 0 = part (Phần thứ nhất), 1 = I., 2 = 1., 3 = 1.1., 4 = 1.1.1., 5 = a.
    label: str
    title: Inlines
    source: SourceRef
    anchor: str
    remark: Remark | None = None
    change: Change = None  # a revision adds, takes out or moves the whole heading
    label_was: str | None = None  # a revision renumbers it: the label it had
    move: Move | None = None  # a revision moves it: the move


class Paragraph(Record, kw_only=True):
    content: Inlines
    source: SourceRef
    anchor: str
    remark: Remark | None = None
    style: str | None = None  # a named paragraph style (the first page's block); else body
    change: Change = None  # a revision adds, takes out or moves the whole paragraph
    move: Move | None = None  # a revision moves it: the move
    # where the printed text (plain(content)) was printed by a {{ … }}: (start, end) spans;
    # the rest was typed. What the prose lint reads: a typed figure may disagree with data.
    bound: tuple[tuple[int, int], ...] = ()
    typed_figures: str | None = None  # why its typed figures are right as typed (unchecked)


class ListItem(Record, kw_only=True):
    """A numbered item "(1) …": the label goes before its first paragraph."""

    label: str
    paragraphs: tuple[Paragraph, ...]
    source: SourceRef
    anchor: str
    remark: Remark | None = None
    change: Change = None
    label_was: str | None = None  # a revision renumbers it: the label it had
    move: Move | None = None  # a revision moves it: the move (its paragraphs go with it)
    # A target of the next resolution (items_from:): the plan's row that words it, as
    # "<row id> in <file>:<line>"; the item's text is computed from that row.
    worded_from: str | None = None


class Page(Record, kw_only=True):
    """The page of a section of the document, in millimetres."""

    width_mm: float
    height_mm: float
    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    header_mm: float
    footer_mm: float

    @property
    def orientation(self) -> Literal["portrait", "landscape"]:
        return "landscape" if self.width_mm > self.height_mm else "portrait"


class SectionBreak(Record):
    """A new section of the document, on a new page, with its own page setup."""

    page: Page


class Cell(Record, kw_only=True):
    text: str
    colspan: int = 1
    rowspan: int = 1  # in a header: the cell covers the header rows below it too
    bold: bool = False
    italic: bool = False
    align: Literal["left", "center", "right"] = "center"
    indent: int = 0  # levels of "Trong đó" indentation
    content: tuple[Inline, ...] | None = None  # a revision's words, where they differ from text


class Row(Record, kw_only=True):
    """A table row; a cell spanning rows from above takes no place in the rows below."""

    cells: tuple[Cell, ...]
    source: SourceRef
    anchor: str
    change: Change = None  # a revision adds or takes out the whole row


class Tally(Record):
    """Of the targets counted, those reached ("13/18 chỉ tiêu đạt và vượt")."""

    achieved: int
    counted: int
    as_of: int | None = None  # while the term runs: the year the count stands at


class Table(Record, kw_only=True):
    """A table with its title lines (an appendix; the synthesis of comments): header rows
    repeat on every page."""

    number: int  # "Phụ lục 1": 1; 0 for a table that is no appendix
    heading: str  # "Phụ lục 1. …"; "" for none
    subheading: str | None
    rule: str | None  # the short line under the subheading
    widths_mm: tuple[float, ...]
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    font_size: float
    source: SourceRef
    anchor: str
    tally: Tally | None = None  # the targets an appendix counts, and those reached


class PlacedCell(NamedTuple):
    """A header cell where it stands: its first column, and whether this row only
    continues it from a row above (a cell spanning rows). A view, not a node."""

    cell: Cell
    column: int
    continued: bool = False


def header_grid(table: Table) -> list[list[PlacedCell]]:
    """The header rows with every cell placed on the columns, including the places where a
    cell from a row above continues."""
    columns = len(table.widths_mm)
    grid: list[list[PlacedCell]] = []
    covering: dict[int, tuple[Cell, int]] = {}  # column -> the cell above, rows it still covers
    for row in table.header:
        line: list[PlacedCell] = []
        cells = iter(row.cells)
        column = 0
        while column < columns:
            placed = _placed(column, covering, cells)
            if placed is None:
                break
            line.append(placed)
            column += placed.cell.colspan
        grid.append(line)
    return grid


def _placed(column: int, covering: dict[int, tuple[Cell, int]],
            cells: Iterator[Cell]) -> PlacedCell | None:
    """The cell at `column` of a header row: the one above continuing, else the row's
    next cell (None when the row has no more)."""
    if column in covering:
        cell, rows = covering.pop(column)
        if rows > 1:
            covering[column] = (cell, rows - 1)
        return PlacedCell(cell, column, continued=True)
    upcoming = next(cells, None)
    if upcoming is None:
        return None
    if upcoming.rowspan > 1:
        covering[column] = (upcoming, upcoming.rowspan - 1)
    return PlacedCell(upcoming, column)


def column_headers(table: Table) -> list[str]:
    """One header per column: a grouped header's lines joined ("Thực hiện 2020")."""
    grid = header_grid(table)
    headers = []
    for column in range(len(table.widths_mm)):
        texts = [placed.cell.text for line in grid for placed in line
                 if not placed.continued
                 and placed.column <= column < placed.column + placed.cell.colspan]
        headers.append(" ".join(t for t in texts if t))
    return headers


Block = Heading | Paragraph | ListItem | SectionBreak | Table


class Note(Record, kw_only=True):
    number: int
    id: str | None  # the footnote's id in the YAML; None for an inline ^[…] note
    paragraphs: tuple[Paragraph, ...]
    source: SourceRef
    anchor: str
    remark: Remark | None = None
    change: Change = None  # a revision adds or takes out the whole note; "moved_from":
    # the note as it was where its mark moved away from (no bookmark: the anchor is the
    # destination's)


# -- every anchored node, in reading order -----------------------------------------------------

Anchored = Heading | Paragraph | ListItem | Note | Table | Row


class Located(NamedTuple):
    """An anchored node where the reader meets it: a note just after the paragraph that
    refers to it. (A view of the tree, not a node of it.)"""

    node: Anchored
    text: str  # as printed
    part: Heading | None  # the part it is in (Phần thứ nhất …)
    heading: Heading | None  # the nearest heading before it
    table: Table | None = None  # the table a row is in


def located(document: Document) -> list[Located]:
    out: list[Located] = []
    part: Heading | None = None
    heading: Heading | None = None
    for paragraph in document.front:
        out.append(Located(paragraph, plain(paragraph.content), None, None))
    for block in document.body:
        if isinstance(block, Heading):
            part = block if block.depth == 0 else part
            heading = block
            out.append(Located(block, plain(block.title), part, heading))
        elif isinstance(block, Paragraph):
            out.append(Located(block, plain(block.content), part, heading))
            out.extend(_notes_of(document, block, part, heading))
        elif isinstance(block, ListItem):
            out.append(Located(block, plain(block.paragraphs[0].content), part, heading))
            for paragraph in block.paragraphs:
                out.append(Located(paragraph, plain(paragraph.content), part, heading))
                out.extend(_notes_of(document, paragraph, part, heading))
        elif isinstance(block, Table):
            out.append(Located(block, block.heading, None, None, block))
            for row in (*block.header, *block.rows):
                text = " | ".join(cell.text for cell in row.cells)
                out.append(Located(row, text, None, None, block))
    return out


def _notes_of(document: Document, paragraph: Paragraph, part: Heading | None,
              heading: Heading | None) -> Iterator[Located]:
    for run in runs(paragraph.content):
        if isinstance(run, NoteRef):
            note = document.notes[run.number - 1]
            yield Located(note, "\n".join(plain(p.content) for p in note.paragraphs), part,
                          heading)
            for note_paragraph in note.paragraphs:
                yield Located(note_paragraph, plain(note_paragraph.content), part, heading)


# -- the document ---------------------------------------------------------------------------


class Meta(Record, kw_only=True):
    """data/report.yaml: who issues the report, its titles; the document's properties."""

    issuer: str
    title: str
    output: str  # the file name of the built document, without extension
    source: SourceRef
    congress: str | None = None
    subtitle: str | None = None
    marker: str | None = None
    place: str | None = None
    date: str | None = None
    keywords: str | None = None
    version: str = ""  # a digest of the sources the document was built from
    commit: str | None = None  # the git commit they were checked out at, if any


class Style(Record, kw_only=True):
    """A paragraph or character style of templates/styles.yaml."""

    id: str
    name: str
    type: Literal["paragraph", "character"] = "paragraph"
    based_on: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    superscript: bool | None = None
    align: Literal["left", "center", "right", "justify"] | None = None
    first_line_mm: float | None = None
    space_before: float | None = None
    space_after: float | None = None
    line: float | None = None
    keep_with_next: bool | None = None
    page_break_before: bool | None = None
    outline: int | None = None
    source: SourceRef | None = None  # None: a style the writer adds where the sheet has none


class Presentation(Record, kw_only=True):
    """How the document looks: the first section's page, the font, the language, the
    styles. (Later sections bring their own page in a SectionBreak.)"""

    page: Page
    font: str
    language: str
    styles: tuple[Style, ...]
    source: SourceRef  # templates/styles.yaml
    landscape: Page | None = None  # the page of wide tables (the appendices'), if other


class Revision(Record):
    """Who the tracked changes of a comparison are by, and when (diff/)."""

    author: str
    date: str  # ISO 8601, e.g. 2026-11-20T09:00:00Z


class DataFigure(Record, kw_only=True):
    """One figure of the indicator data, as the prose may quote it: what it is, the years
    it is of, its value, and where it comes from."""

    indicator: str  # the indicator's id
    name: str  # its name, as the appendix prints it
    unit: str | None
    kind: Literal["value", "total", "average", "growth", "ratio"]
    years: tuple[int, ...]  # (2025,) for a year's figure; (2021, 2025) for a period's
    value: float  # growth: the yearly rate in percent (17,08), as the prose says it
    decimals: int | None  # as the table prints it
    source: str  # "data/actuals/2025.yaml: gtsx", or what it is computed from
    binding: str  # the {{ … }} that quotes it: {{ num(actual('gtsx', 2025)) }}


class Document(Record, kw_only=True):
    meta: Meta
    presentation: Presentation
    front: tuple[Paragraph, ...]  # the first page's block, above Phần thứ nhất
    body: tuple[Block, ...]
    notes: tuple[Note, ...]  # by number: notes[n - 1] is footnote n
    revision: Revision | None = None  # a comparison of two drafts: its changes are tracked
    figures: tuple[DataFigure, ...] = ()  # the indicator data, for the prose lint

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.body if isinstance(block, Table)]


# -- an office's appendix table, read as indicator data (`import`) ----------------------------
# Built by readers/word_draft/appendix.py, written as the report's indicator files by
# writers/indicator_sources.py: what the draft's table says, before it is the report's data.

AppendixValue = float | str | None  # a year's figure: a number, the draft's words, or none


@dataclass
class DraftColumn:
    role: str  # number, name, unit, target, year, compared, assessment, other
    header: list[str]  # its header's lines, top first ("Thực hiện", "2020")
    width_mm: float
    year: int | None = None  # a year column's year; a comparison's last year
    estimate: bool = False  # "Ước 2025"


@dataclass
class DraftTarget:
    kind: str
    text: str
    min: float | None = None
    max: float | None = None
    strict: bool = False
    by: int | None = None
    best: int | None = None


@dataclass
class DraftIndicator:
    label: str  # "1", "10.1"; "" for a part
    name: str
    unit: str
    target: DraftTarget | None
    years: dict[int, AppendixValue]
    compared: dict[int, float]  # the draft's own comparison figures, by last year
    stated: str | None  # its assessment as the draft prints it
    line: int  # the table row, from 1, for messages
    decimals: int = 0  # the most digits after the decimal mark its yearly figures have
    parts: list[DraftIndicator] = field(default_factory=list)
    children: list[DraftIndicator] = field(default_factory=list)  # numbered sub-rows


@dataclass
class DraftGroup:
    title: str
    rows: list[DraftIndicator] = field(default_factory=list)


@dataclass
class DraftAppendix:
    number: int  # "Phụ lục 1": 1
    title: str  # without "Phụ lục N."
    subtitle: str | None
    columns: list[DraftColumn]
    groups: list[DraftGroup]  # a group without a title: an appendix without group rows
    anchor: str  # the table's, in the imported tree

    @property
    def years(self) -> list[int]:
        return sorted({c.year for c in self.columns if c.role == "year" and c.year})

    def indicators(self) -> Iterator[DraftIndicator]:
        for group in self.groups:
            for row in group.rows:
                yield from _with_descendants(row)


def _with_descendants(row: DraftIndicator) -> Iterator[DraftIndicator]:
    yield row
    for child in (*row.parts, *row.children):
        yield from _with_descendants(child)
