"""A Word draft's paragraphs as read (`qtreport import`, first step): their text with bold,
italic and superscript, heading levels from Word's styles, list numbering, comment and
note marks; its tables, notes, comments and document properties. What they are in a report
is structure.py's business.

Read as XML (lxml), opened within the bounds of word/package.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import ast
from ...diagnostics import SourceRef
from ...numbering import letter, roman
from ...record import Record
from ...word.names import CORE_PROPERTIES, DC, MC, W
from ...word.package import Package, PackageError, decimal_id, open_package
from ...word.text import paragraph_content, words_of

DRAFT_PARTS = ("word/document.xml", "word/styles.xml", "word/numbering.xml",
               "word/footnotes.xml",
               "word/endnotes.xml", "word/comments.xml", "docProps/core.xml")



@dataclass(kw_only=True)
class Piece:
    """A stretch of a paragraph: text in one formatting, or a note's reference mark."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    note: str | None = None  # a footnote's id in the document


@dataclass(kw_only=True)
class Para:
    """One paragraph of the document as read."""

    number: int  # 1-based, in the body's order: where findings point
    level: int | None  # the heading level its style gives (1 = Heading 1), if any
    numbered: bool  # Word numbers it itself (a list)
    centred: bool
    label: str | None = None  # the number Word gives it ("(1)", "a)", "1."), if it numbers it
    bullet: bool = False  # a bullet of Word's (•, -, +): a dash paragraph of the report
    pieces: list[Piece] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # ids of comments that start here
    images: int = 0  # pictures in it
    boxes: list[str] = field(default_factory=list)  # the text of text boxes in it

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.pieces if p.note is None)

    @property
    def bold(self) -> bool:
        """All its words bold: how offices make headings without heading styles."""
        words = [p for p in self.pieces if p.note is None and p.text.strip()]
        return bool(words) and all(p.bold for p in words)

    @property
    def italic(self) -> bool:
        """All its words italic: a heading set in bold italic is a level below the same
        numbering in bold."""
        words = [p for p in self.pieces if p.note is None and p.text.strip()]
        return bool(words) and all(p.italic for p in words)


class _Numbering:
    """word/numbering.xml: the label Word prints before each paragraph of a list ("(1)",
    "1.", "a)", "•"), counted as Word counts them: by abstract numbering, level by level, a
    level starting again under its parent's next item and where a list says it restarts."""

    def __init__(self, root: Any):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstract → levels
        self.lists: dict[str, tuple[str, dict[int, int]]] = {}  # numId → abstract, restarts
        self.counts: dict[str, list[int]] = {}  # by abstract numbering
        self.started: set[str] = set()  # the lists met so far
        if root is None:
            return
        for abstract in root.iterfind(f"{W}abstractNum"):
            levels = {}
            for level in abstract.iterfind(f"{W}lvl"):
                ilvl = decimal_id(level.get(f"{W}ilvl")) or 0
                levels[ilvl] = (_val(level, "numFmt") or "decimal", _val(level, "lvlText"),
                                decimal_id(_val(level, "start")) or 1)
            self.levels[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in root.iterfind(f"{W}num"):
            starts = {decimal_id(o.get(f"{W}ilvl")) or 0:
                      decimal_id(_val(o, "startOverride")) or 1
                      for o in num.iterfind(f"{W}lvlOverride")
                      if o.find(f"{W}startOverride") is not None}
            self.lists[num.get(f"{W}numId", "")] = (_val(num, "abstractNumId"), starts)

    def label(self, num_id: str, ilvl: int) -> tuple[str, bool] | None:
        """The next label of list `num_id` at level `ilvl`, and whether it is a bullet."""
        found = self.lists.get(num_id)
        levels = self.levels.get(found[0], {}) if found else {}
        if found is None or ilvl not in levels or not 0 <= ilvl < 9:
            return None
        kind, text, _ = levels[ilvl]
        starts = [levels.get(level, ("", "", 1))[2] for level in range(9)]
        # lists of one abstract numbering count on together, as Word counts them; a list
        # whose levels start over (startOverride) restarts them where it is first used
        counts = self.counts.setdefault(found[0], [start - 1 for start in starts])
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in found[1].items():
                if 0 <= level < 9:
                    counts[level] = start - 1
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):  # a deeper level starts again under it
            counts[deeper] = starts[deeper] - 1
        if kind == "bullet" or kind == "none":
            return text, kind == "bullet"

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            return _formatted(levels.get(level, (kind, "", 1))[0], counts[level])
        return re.sub(r"%(\d)", number, text), False


def _val(element: Any, name: str) -> str:
    found = element.find(f"{W}{name}")
    return found.get(f"{W}val", "") if found is not None else ""


def _formatted(kind: str, number: int) -> str:
    if kind == "lowerLetter":
        return letter(number)
    if kind == "upperLetter":
        return letter(number).upper()
    if kind == "lowerRoman":
        return roman(number).lower()
    if kind == "upperRoman":
        return roman(number)
    return str(number)


class _Styles:
    """word/styles.xml: each paragraph and character style's heading level and formatting,
    with what it inherits."""

    def __init__(self, root: Any):
        self.styles: dict[str, Any] = {}
        self.flags: dict[tuple[str, str], bool] = {}  # asked for every run: known once
        if root is not None:
            for style in root.iterfind(f"{W}style"):
                self.styles[style.get(f"{W}styleId", "")] = style

    def _chain(self, style_id: str) -> list[Any]:
        chain, seen = [], set()
        while style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            chain.append(style)
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val", "") if based is not None else ""
        return chain

    def numbering(self, style_id: str) -> Any:
        """The numPr a paragraph style gives (a list style: "List Number"), if any."""
        return next((found for style in self._chain(style_id)
                     if (found := style.find(f"{W}pPr/{W}numPr")) is not None), None)

    def level(self, style_id: str) -> int | None:
        for style in self._chain(style_id):
            outline = style.find(f"{W}pPr/{W}outlineLvl")
            value = decimal_id(outline.get(f"{W}val")) if outline is not None else None
            if value is not None and value >= 0:
                return value + 1 if value < 9 else None
            name = style.find(f"{W}name")
            found = re.fullmatch(r"heading\s*(\d)", (name.get(f"{W}val", "") if name is not None
                                                     else "").strip(), re.IGNORECASE)
            if found:
                return int(found.group(1))
        return None

    def flag(self, style_id: str, name: str) -> bool:
        """Whether the style (or what it is based on) sets b, i …"""
        known = self.flags.get((style_id, name))
        if known is None:
            known = self.flags[(style_id, name)] = next(
                (_on(element) for style in self._chain(style_id)
                 if (element := style.find(f"{W}rPr/{W}{name}")) is not None), False)
        return known


def _on(element: Any) -> bool:
    return element.get(f"{W}val", "true") not in ("0", "false", "off", "none")


class DraftRead(Record, kw_only=True):
    """What a Word draft holds, as read: its blocks in reading order, its notes, its
    comments and its document properties; not yet what they are in a report."""

    name: str  # the file name: where findings point, with the paragraph's number
    items: tuple[Para | ast.Table, ...]
    notes: dict[str, list[Para]]  # "f<id>" (a footnote) or "e<id>" (an endnote) -> paragraphs
    comments: dict[str, ast.Remark]  # comment id -> its words and author
    properties: dict[str, str]  # title, author, keywords, subject


def read_draft(path: Path) -> DraftRead:
    """The blocks, notes, comments and properties of the Word document at `path`;
    PackageError when it is no readable .docx (word/package.py bounds what is read)."""
    return _Reader(path.name, open_package(path, DRAFT_PARTS)).read()


class _Reader:
    def __init__(self, name: str, package: Package):
        self.name, self.package = name, package
        self.styles = _Styles(self._xml("word/styles.xml"))
        self.numbering = _Numbering(self._xml("word/numbering.xml"))
        self.number = 0  # paragraphs read

    def _xml(self, name: str) -> Any:
        return self.package.xml(name)

    def where(self, para: Para | int) -> SourceRef:
        return SourceRef(self.name, para if isinstance(para, int) else para.number)

    # -- the document -----------------------------------------------------------------------

    def read(self) -> DraftRead:
        body = self._xml("word/document.xml").find(f"{W}body")
        if body is None:
            raise PackageError("tài liệu Word không có nội dung",
                               "word/document.xml has no body (w:body): it is damaged")
        items: list[Para | ast.Table] = []
        for element in self._blocks(body):
            if element.tag == f"{W}p":
                items.append(self._para(element))
            else:
                items.append(self._table(element))
        return DraftRead(
            name=self.name,
            items=tuple(items),
            notes=self._notes(),
            comments=self._comments(),
            properties=self._properties(),
        )

    def _blocks(self, parent: Any) -> Any:
        """Paragraphs and tables in reading order, content controls opened."""
        for element in parent:
            if element.tag in (f"{W}p", f"{W}tbl"):
                yield element
            elif element.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
                yield from self._blocks(element)

    def _para(self, element: Any) -> Para:
        self.number += 1
        properties = element.find(f"{W}pPr")
        style = properties.find(f"{W}pStyle") if properties is not None else None
        style_id = style.get(f"{W}val", "") if style is not None else ""
        align = properties.find(f"{W}jc") if properties is not None else None
        numbering = self._numbering(properties, style_id)
        label = self.numbering.label(*numbering) if numbering else None
        para = Para(number=self.number, level=self.styles.level(style_id),
                    numbered=numbering is not None and numbering[0] != "0",
                    centred=align is not None and align.get(f"{W}val") == "center",
                    label=label[0] if label else None, bullet=bool(label and label[1]))
        self._pieces(element, para, style_id)
        return para

    def _numbering(self, properties: Any, style_id: str) -> tuple[str, int] | None:
        """The list a paragraph is in and its level: its own numPr, else its style's."""
        own = properties.find(f"{W}numPr") if properties is not None else None
        found = own if own is not None else self.styles.numbering(style_id)
        if found is None:
            return None
        num = found.find(f"{W}numId")
        level = found.find(f"{W}ilvl")
        num_id = num.get(f"{W}val", "") if num is not None else ""
        return num_id, (decimal_id(level.get(f"{W}val")) or 0) if level is not None else 0

    def _pieces(self, element: Any, para: Para, style_id: str) -> None:
        for node in paragraph_content(element):
            if node.tag == f"{W}commentRangeStart":
                para.comments.append(node.get(f"{W}id", ""))
            elif node.tag in (f"{W}ins", f"{W}moveTo"):
                self._pieces(node, para, style_id)  # a tracked insertion: its words count
            elif node.tag == f"{W}r":
                self._run(node, para, style_id)
            elif node.tag == f"{MC}AlternateContent":
                self._boxes(node, para)

    def _run(self, run: Any, para: Para, style_id: str) -> None:
        properties = run.find(f"{W}rPr")
        char_style = properties.find(f"{W}rStyle") if properties is not None else None
        char_id = char_style.get(f"{W}val", "") if char_style is not None else ""

        def flag(name: str) -> bool:
            element = properties.find(f"{W}{name}") if properties is not None else None
            if element is not None:
                return _on(element)
            return self.styles.flag(char_id, name) or self.styles.flag(style_id, name)

        vertical = properties.find(f"{W}vertAlign") if properties is not None else None
        style = Piece(bold=flag("b"), italic=flag("i"),
                      superscript=vertical is not None and
                      vertical.get(f"{W}val") == "superscript")
        for node in run:
            tag = node.tag
            if tag == f"{W}t":
                self._add(para, node.text or "", style)
            elif tag == f"{W}tab":
                self._add(para, "\t", style)
            elif tag in (f"{W}br", f"{W}cr") and node.get(f"{W}type") not in ("page", "column"):
                self._add(para, "\n", style)
            elif tag == f"{W}noBreakHyphen":
                self._add(para, "-", style)
            elif tag == f"{W}sym":
                self._add(para, _symbol(node.get(f"{W}char", "20")), style)
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "e" if tag == f"{W}endnoteReference" else "f"
                para.pieces.append(Piece(note=f"{kind}{node.get(f'{W}id', '')}"))
            elif tag in (f"{W}drawing", f"{W}pict", f"{W}object", f"{MC}AlternateContent"):
                self._boxes(node, para)

    @staticmethod
    def _add(para: Para, text: str, style: Piece) -> None:
        last = para.pieces[-1] if para.pieces else None
        if last is not None and last.note is None and \
                (last.bold, last.italic, last.superscript) == \
                (style.bold, style.italic, style.superscript):
            last.text += text
        else:
            para.pieces.append(
                Piece(
                    text=text, bold=style.bold, italic=style.italic, superscript=style.superscript
                )
            )

    @staticmethod
    def _boxes(node: Any, para: Para) -> None:
        boxes = list(node.iter(f"{W}txbxContent"))
        if not boxes:
            para.images += 1
        for box in boxes[:1]:  # the fallback repeats the same box
            para.boxes.append(words_of(box.iter(f"{W}p"), " "))

    def _table(self, element: Any) -> ast.Table:
        self.number += 1
        rows = []
        for tr in element.iterfind(f"{W}tr"):
            cells = []
            for tc in tr.iterfind(f"{W}tc"):
                properties = tc.find(f"{W}tcPr")
                span = properties.find(f"{W}gridSpan") if properties is not None else None
                merged = properties.find(f"{W}vMerge") if properties is not None else None
                text = "\n".join(words_of([p]) for p in tc.iter(f"{W}p")).strip()
                if merged is not None and merged.get(f"{W}val") in (None, "continue"):
                    text = ""  # the cell above goes on
                cells.append(ast.Cell(text=text, colspan=_span(span)))
            rows.append(
                ast.Row(
                    cells=tuple(cells), source=self.where(self.number), anchor=f"r{self.number}"
                )
            )
        count = max((sum(c.colspan for c in r.cells) for r in rows), default=0)
        # the columns' widths as the draft sets them (its grid, in twentieths of a point)
        grid = [decimal_id(col.get(f"{W}w")) or 0 for col in element.iterfind(
            f"{W}tblGrid/{W}gridCol")]
        widths = tuple(round(twips * 25.4 / 1440, 1) for twips in grid[:count]) \
            if len(grid) >= count else (0.0,) * count
        return ast.Table(
            number=0,
            heading="",
            subheading=None,
            rule=None,
            widths_mm=widths,
            header=(),
            rows=tuple(rows),
            font_size=11,
            source=self.where(self.number),
            anchor=f"t{self.number}",
        )

    # -- notes and comments ---------------------------------------------------------------------

    def _notes(self) -> dict[str, list[Para]]:
        """Every footnote and endnote's paragraphs, by "f<id>" or "e<id>"."""
        out: dict[str, list[Para]] = {}
        for part, tag, kind in (("word/footnotes.xml", "footnote", "f"),
                                ("word/endnotes.xml", "endnote", "e")):
            root = self._xml(part)
            if root is None:
                continue
            for note in root.iterfind(f"{W}{tag}"):
                if note.get(f"{W}type") not in (None, "normal"):
                    continue  # the separators
                paragraphs = []
                for element in note.iter(f"{W}p"):
                    para = Para(number=0, level=None, numbered=False, centred=False)
                    self._pieces(element, para, "")
                    if para.text.strip():
                        paragraphs.append(para)
                out[f"{kind}{note.get(f'{W}id', '')}"] = paragraphs
        return out

    def _comments(self) -> dict[str, ast.Remark]:
        root = self._xml("word/comments.xml")
        out: dict[str, ast.Remark] = {}
        if root is None:
            return out
        for comment in root.iterfind(f"{W}comment"):
            text = words_of(comment.iterfind(f"{W}p"))
            if text:
                out[comment.get(f"{W}id", "")] = ast.Remark(
                    text, comment.get(f"{W}author") or None)
        return out

    def _properties(self) -> dict[str, str]:
        root = self._xml("docProps/core.xml")
        if root is None:
            return {}
        found = {"title": root.find(f"{DC}title"), "author": root.find(f"{DC}creator"),
                 "keywords": root.find(f"{CORE_PROPERTIES}keywords"),
                 "subject": root.find(f"{DC}subject")}
        return {key: (node.text or "").strip() for key, node in found.items()
                if node is not None and (node.text or "").strip()}


def trim_pieces(pieces: list[Piece], strip: int) -> None:
    """Drop the spaces at the start, then `strip` characters (counted, as the label was
    found, after those spaces), then the spaces either side."""
    while pieces and pieces[0].note is None and not pieces[0].text.strip():
        pieces.pop(0)
    if pieces and pieces[0].note is None:
        pieces[0].text = pieces[0].text.lstrip()
    while strip and pieces:
        first = pieces[0]
        if first.note is not None:
            break
        cut = min(strip, len(first.text))
        first.text, strip = first.text[cut:], strip - cut
        if not first.text:
            pieces.pop(0)
    if pieces and pieces[0].note is None:
        pieces[0].text = pieces[0].text.lstrip()
    if pieces and pieces[-1].note is None:
        pieces[-1].text = pieces[-1].text.rstrip()


def styled_inlines(piece: Piece) -> ast.Inlines:
    """A piece's words (line breaks and tabs Word's own) in its formatting."""
    inlines: ast.Inlines = tuple(
        ast.LineBreak() if part == "\n" else ast.Tab() if part == "\t" else ast.Text(part)
        for part in re.split(r"([\n\t])", piece.text) if part)
    if piece.superscript:
        inlines = (ast.Superscript(inlines),)
    if piece.italic:
        inlines = (ast.Emph(inlines),)
    if piece.bold:
        inlines = (ast.Strong(inlines),)
    return inlines


def _symbol(code: str) -> str:
    """A w:sym's character (its hexadecimal code); nothing for a code no character has."""
    try:
        number = int(code[:6], 16)
    except ValueError:
        return ""
    return chr(number) if number <= 0x10FFFF and not 0xD800 <= number <= 0xDFFF else ""


def _span(span: Any) -> int:
    """How many grid columns a cell spans (w:gridSpan), 1 to 63, as Word allows."""
    number = decimal_id(span.get(f"{W}val")) if span is not None else None
    return min(max(number or 1, 1), 63)
