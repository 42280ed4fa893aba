"""The document tree as the report's YAML sources (`qtreport import`): data/report.yaml, one
file per part, one per major section (as departments own them), each footnote as `[^id]`
with its definition in the file that refers to it, numbered items as `items:`, remarks as
`remark:`; and each table as plain rows beside them, to be modelled as indicators.

Headings and items carry no numbers (the report numbers by position). Paragraphs are folded
`>-` blocks wrapped at the width of the repository's own files; what a folded block cannot
hold (a line break, a tab) is written in double quotes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import yaml

from .. import ast
from ..folding import slug
from ..markup import escape
from ..numbering import item_number, item_style

WIDTH = 96  # the wrap of the repository's YAML files
MAX_FILE_BLOCKS = 80  # a section bigger than this is split into files of its sections
NOTE_ID_WORDS = 4  # a note's id: the first words of its text
TABLES = "imported-tables"  # beside data/: tables as rows, to model as indicators


@dataclass
class Sources:
    """The new report's files by path (relative to its folder), and what they hold."""

    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class _Section:
    heading: ast.Heading
    blocks: list[ast.Block] = field(default_factory=list)  # paragraphs and items
    children: list[_Section] = field(default_factory=list)

    @property
    def size(self) -> int:
        return len(self.blocks) + sum(child.size for child in self.children)


def write_sources(document: ast.Document, draft: str, indicators: str | None = None,
                  as_data: frozenset[str] = frozenset()) -> Sources:
    """The YAML sources of `document`, read from the Word file named `draft`; `indicators`
    names the indicator file made of the tables whose anchors are `as_data` (those are
    not written as rows)."""
    return _Writer(document, draft, indicators, as_data).write()


class _Writer:
    def __init__(self, document: ast.Document, draft: str, indicators: str | None = None,
                 as_data: frozenset[str] = frozenset()):
        self.indicators, self.as_data = indicators, as_data
        # the file name goes into YAML comments: one line, nothing a terminal or YAML reads
        self.document, self.draft = document, "".join(
            c if c.isprintable() and c not in "\u2028\u2029\x85" else "?" for c in draft)
        self.note_ids = _note_ids(document.notes)
        self.sources = Sources()
        self.last_item = 0  # the last item number in reading order, for `continue: true`
        self.tables: list[tuple[ast.Table, str]] = []  # with the heading they stand under

    def write(self) -> Sources:
        parts = self._tree()
        names = []
        for index, part in enumerate(parts, start=1):
            name = f"sections/phan-{index}.yaml"
            names.append(name)
            self._file(name, part, f"sections/phan-{index}", set(), split=True)
        self._report_yaml(names)
        self._tables()
        counts = self.sources.counts
        counts.update(parts=len(parts), notes=len(self.document.notes), tables=len(self.tables))
        counts["sections"] = sum(1 for b in self.document.body if isinstance(b, ast.Heading)) \
            - len(parts)
        counts["paragraphs"] = sum(1 for b in self.document.body if isinstance(b, ast.Paragraph))
        counts["items"] = sum(1 for b in self.document.body if isinstance(b, ast.ListItem))
        return self.sources

    def _tree(self) -> list[_Section]:
        parts: list[_Section] = []
        stack: list[_Section] = []
        for block in self.document.body:
            if isinstance(block, ast.Heading):
                node = _Section(block)
                while stack and stack[-1].heading.depth >= block.depth:
                    stack.pop()
                (stack[-1].children if stack else parts).append(node)
                stack.append(node)
            elif isinstance(block, ast.Table):
                if block.anchor not in self.as_data:
                    self.tables.append((block, ast.plain(stack[-1].heading.title)
                                        if stack else ""))
            elif stack:
                stack[-1].blocks.append(block)
        return parts

    # -- a file -----------------------------------------------------------------------------

    def _file(self, name: str, node: _Section, folder: str, taken: set[str],
              split: bool = False) -> None:
        """`node` as the file `name`. Its sections are files of their own where it is a
        part, or too big for one file; else they stay in it."""
        lines = [f"# {self._where(node.heading)} (imported from {self.draft})"]
        notes: list[int] = []
        lines += self._section(node, 0, folder, taken, notes,
                               split or node.size > MAX_FILE_BLOCKS)
        if notes:
            lines.append("footnotes:")
            for number in notes:
                lines += self._note(number, 2)
        self.sources.files[f"data/{name}"] = "\n".join(lines) + "\n"

    def _section(self, node: _Section, indent: int, folder: str, taken: set[str],
                 notes: list[int], split: bool = False) -> list[str]:
        pad = " " * indent
        lines = _key(pad, "title", _title(node.heading.title), indent)
        if node.heading.remark is not None:
            lines += _remark(pad, node.heading.remark, indent)
        if node.blocks:
            lines.append(f"{pad}body:")
            lines += self._body(node.blocks, indent + 2, notes)
        if node.children:
            lines.append(f"{pad}sections:")
            for child in node.children:
                lines += self._child(child, indent + 2, folder, taken, notes, split)
        return lines

    def _child(self, child: _Section, indent: int, folder: str, taken: set[str],
               notes: list[int], split: bool) -> list[str]:
        if split:
            name = f"{folder}/{_unique(slug(ast.plain(child.heading.title), 5), taken)}.yaml"
            self._file(name, child, folder, taken)
            return [f"{' ' * indent}- include: {name}"]
        inner = self._section(child, indent + 2, folder, taken, notes)
        return [f"{' ' * indent}- {inner[0].lstrip()}", *inner[1:]]

    def _where(self, heading: ast.Heading) -> str:
        return _one_line(f"{heading.label} {ast.plain(heading.title)}")

    # -- paragraphs and items ----------------------------------------------------------------

    def _body(self, blocks: list[ast.Block], indent: int, notes: list[int]) -> list[str]:
        pad = " " * indent
        lines: list[str] = []
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, ast.ListItem):
                run = [block]
                while i + 1 < len(blocks) and _goes_on(run[-1], blocks[i + 1]):
                    i += 1
                    run.append(blocks[i])  # type: ignore[arg-type]
                lines += self._items(run, indent, notes)
            elif isinstance(block, ast.Paragraph):
                lines += _entry(pad, self._markup(block.content, notes), block.remark, indent)
            i += 1
        return lines

    def _items(self, run: list[ast.ListItem], indent: int, notes: list[int]) -> list[str]:
        pad = " " * indent
        first = _number(run[0])
        continues = first is not None and first > 1 and first == self.last_item + 1
        self.last_item = (first or 1) + len(run) - 1
        lines = [f"{pad}- items:"]
        for item in run:
            text = self._markup(item.paragraphs[0].content, notes)
            lines += _entry(pad + "    ", text, item.remark, indent + 4)
        lines.append(f'{pad}  style: "{_style(run[0])}"')
        if continues:
            lines.append(f"{pad}  continue: true")
        return lines

    def _markup(self, inlines: ast.Inlines, notes: list[int]) -> str:
        """Inline markup of qtreport: **bold**, *italic*, ^superscript^, [^id]."""
        out = []
        for inline in inlines:
            if isinstance(inline, ast.Text):
                out.append(escape(inline.text))
            elif isinstance(inline, ast.Strong):
                out.append(f"**{self._markup(inline.content, notes)}**")
            elif isinstance(inline, ast.Emph):
                out.append(f"*{self._markup(inline.content, notes)}*")
            elif isinstance(inline, ast.Superscript):
                out.append(f"^{self._markup(inline.content, notes)}^")
            elif isinstance(inline, ast.NoteRef):
                notes.append(inline.number)
                out.append(f"[^{self.note_ids[inline.number]}]")
            elif isinstance(inline, ast.LineBreak):
                out.append("\n")
            elif isinstance(inline, ast.Tab):
                out.append("\t")
        return "".join(out)

    def _note(self, number: int, indent: int) -> list[str]:
        note = self.document.notes[number - 1]
        pad = " " * indent
        texts = [self._markup(p.content, []) for p in note.paragraphs] or ["…"]
        key = f"{pad}{self.note_ids[number]}:"
        if note.remark is None and len(texts) == 1:
            block = _inline_or_block(texts[0], indent + 2)
            return [f"{key} {block[0]}", *block[1:]]
        lines = [key]
        if note.remark is None:  # paragraphs: a list
            for text in texts:
                lines += _item_scalar(pad + "  ", text, indent + 2)
            return lines
        if len(texts) == 1:
            lines += _key(pad + "  ", "text", texts[0], indent + 2)
        else:
            lines.append(f"{pad}  text:")
            for text in texts:
                lines += _item_scalar(pad + "    ", text, indent + 4)
        return lines + _remark(pad + "  ", note.remark, indent + 2)

    # -- report.yaml and the tables --------------------------------------------------------------

    def _report_yaml(self, parts: list[str]) -> None:
        meta = self.document.meta
        lines = [f"# The report imported from {self.draft}: its first page and the order of "
                 "its parts.", "# Every key: docs/yaml-format.md of qtreport."]
        for key in ("issuer", "congress", "title", "subtitle", "marker", "place", "date"):
            value = getattr(meta, key)
            if value:
                lines += _key("", key, value, 0)
        lines.append(f"output: {meta.output}")
        if meta.keywords:
            lines += _key("", "keywords", meta.keywords, 0)
        lines.append("parts:")
        lines += [f"  - {name}" for name in parts]
        if self.indicators:
            lines += ["# The resolution assessed: its indicators and appendices, read from the "
                      "draft's tables.", f"indicators: {self.indicators}"]
        self.sources.files["data/report.yaml"] = "\n".join(lines) + "\n"

    def _tables(self) -> None:
        for number, (table, under) in enumerate(self.tables, start=1):
            lines = [f"# Table {number} of {self.draft}" + (f', under "{_one_line(under)}"'
                                                             if under else "") + ": its rows",
                     "# as written, to model as indicators (docs/indicators.md of qtreport)."]
            if table.heading:
                lines += _key("", "title", table.heading, 0)
            if table.subheading:
                lines += _key("", "subtitle", table.subheading, 0)
            lines.append("rows:")
            lines += [f"  - {json.dumps([c.text for c in row.cells], ensure_ascii=False)}"
                      for row in (*table.header, *table.rows)]
            name = slug(table.heading, 4) or "bang"
            self.sources.files[f"{TABLES}/{number:02}-{name}.yaml"] = "\n".join(lines) + "\n"


# -- helpers ---------------------------------------------------------------------------------

def _note_ids(notes: tuple[ast.Note, ...]) -> dict[int, str]:
    """An id for each note from its first words, unique in the report."""
    taken: set[str] = set()
    ids = {}
    for note in notes:
        text = ast.plain(note.paragraphs[0].content) if note.paragraphs else ""
        base = slug(text, NOTE_ID_WORDS) or "chu-thich"
        if not re.search(r"[a-z]", base):
            base = f"chu-thich-{base}"
        ids[note.number] = _unique(base, taken)
    return ids




def _unique(base: str, taken: set[str]) -> str:
    name, count = base, 1
    while name in taken:
        count += 1
        name = f"{base}-{count}"
    taken.add(name)
    return name


def _goes_on(previous: ast.ListItem, block: ast.Block) -> bool:
    """Whether `block` is the next item of the list `previous` is in."""
    if not isinstance(block, ast.ListItem) or _style(block) != _style(previous):
        return False
    before, number = _number(previous), _number(block)
    return number is None or (before is not None and number == before + 1)


def _style(item: ast.ListItem) -> str:
    return item_style(item.label)


def _number(item: ast.ListItem) -> int | None:
    return item_number(item.label)


def _foldable(text: str) -> bool:
    return bool(text) and text == text.strip() and not re.search(
        r"[\n\t\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]", text)


def _wrapped(text: str, indent: int) -> list[str]:
    """Folded block lines: broken only at single spaces, so the text folds back exactly."""
    pad, width = " " * indent, max(40, WIDTH - indent)
    lines, line = [], ""
    for word in re.split(r"(?<=\S) (?=\S)", text):
        if line and len(line) + 1 + len(word) > width:
            lines.append(pad + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(pad + line)
    return lines


def _inline_or_block(text: str, indent: int) -> list[str]:
    """A value after "key:": ">-" and the folded lines, or a quoted string."""
    if _foldable(text):
        return [">-", *_wrapped(text, indent)]
    return [json.dumps(text, ensure_ascii=False)]


def _entry(pad: str, text: str, remark: ast.Remark | None, indent: int) -> list[str]:
    """A list entry: the text alone, or `text:` with its `remark:`."""
    if remark is None:
        return _item_scalar(pad, text, indent)
    value = _inline_or_block(text, indent + 4)
    return [f"{pad}- text: {value[0]}", *value[1:], *_remark(pad + "  ", remark, indent + 2)]


def _item_scalar(pad: str, text: str, indent: int) -> list[str]:
    block = _inline_or_block(text, indent + 2)
    return [f"{pad}- {block[0]}", *block[1:]]


def _key(pad: str, key: str, value: str, indent: int) -> list[str]:
    if _plain_ok(value) and len(value) + len(pad) + len(key) + 2 <= WIDTH:
        return [f"{pad}{key}: {value}"]
    if "\n" in value and all(_foldable(line) for line in value.split("\n")):
        return [f"{pad}{key}: |-", *(" " * (indent + 2) + line for line in value.split("\n"))]
    block = _inline_or_block(value, indent + 2)
    return [f"{pad}{key}: {block[0]}", *block[1:]]


def _plain_ok(value: str) -> bool:
    """A value YAML reads back as this very text when written bare."""
    if not _foldable(value) or re.search(r"^[-?:,\[\]{}#&*!|>'\"%@`]|: | #|:$", value):
        return False
    try:
        return yaml.safe_load(value) == value
    except yaml.YAMLError:
        return False


def _title(inlines: ast.Inlines) -> str:
    return ast.plain(inlines).strip()


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _remark(pad: str, remark: ast.Remark, indent: int) -> list[str]:
    if remark.by is None:
        return _key(pad, "remark", remark.text, indent)
    return [f"{pad}remark:", *_key(pad + "  ", "text", remark.text, indent + 2),
            *_key(pad + "  ", "by", remark.by, indent + 2)]
