"""A report in Word into the document tree (`qtreport import`): a reader in pandoc's sense,
which knows the anatomy of a political report.

Headings are found by Word's heading styles and by the report's numbering in plain or bold
paragraphs: "Phần thứ nhất", "I.", "1.", "1.1.", "1.1.1.", "a."; their numbers are dropped
(the report numbers by position) and a skip in them is reported. "(1)", "(1)." and "1."
paragraphs are numbered items. Footnotes become the tree's notes, numbered in reading
order; Word comments become remarks; bold, italic and superscript stay. The block at the
top (marker, issuer, congress, title, subtitle) becomes the report's metadata, the
document's properties filling what it lacks. A table, with the "Phụ lục …" lines over
it, stays a table. What has no place in a report's YAML (an image, a text box, a note
referenced twice, an empty heading) is reported with the paragraph it was near.

Read as XML (lxml), opened within the bounds of readers/package.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .. import ast, rules
from ..diagnostics import Findings, SourceRef
from .docx import W, paragraph_content, words_of
from .package import Package, PackageError, open_package

_DC = "{http://purl.org/dc/elements/1.1/}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"

# The numbering of the report's headings, by depth (0 Phần, 1 I., 2 1., 3 1.1., 4 1.1.1.,
# 5 a.), the deepest patterns first where one is the start of another.
PART = re.compile(r"^phần\s+thứ\s+(nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)\b[\s.:,-]*",
                  re.IGNORECASE)
_LEVELS = [
    (4, re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{1,2})\.?(\s+|$)")),
    (3, re.compile(r"^(\d{1,2})\.(\d{1,2})\.?(\s+|$)")),
    (2, re.compile(r"^(\d{1,2})[.)](\s+|$)")),
    (1, re.compile(r"^([IVX]{1,5})[.)](\s+|$)")),
    (5, re.compile(r"^([a-zđ])[.)](\s+|$)")),
]
ITEM = re.compile(r"^\((\d{1,3})\)(\.?)\s*|^(\d{1,3})\.\s+")  # (1), (1). or 1. (not bold)
BRACKETED = re.compile(r"^\(\d{1,3}\)")  # "(1)" numbers an item, never a heading
APPENDIX = re.compile(r"^phụ\s+lục\b", re.IGNORECASE)  # a table's title, never a heading
# As compute/numbering.py counts them (a reader may not import a later stage).
ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
LETTERS = "abcdefghiklmnopqrstuvxy"
_ROMAN = {"I": 1, "V": 5, "X": 10}


def roman_value(text: str) -> int:
    total = 0
    for i, letter in enumerate(text):
        value = _ROMAN[letter]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total


@dataclass
class Piece:
    """A stretch of a paragraph: text in one formatting, or a note's reference mark."""

    text: str = ""
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    note: str | None = None  # a footnote's id in the document


@dataclass
class Para:
    """One paragraph of the document as read."""

    number: int  # 1-based, in the body's order: where findings point
    level: int | None  # the heading level its style gives (1 = Heading 1), if any
    numbered: bool  # Word numbers it itself (a list)
    centred: bool
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

    def level(self, style_id: str) -> int | None:
        for style in self._chain(style_id):
            outline = style.find(f"{W}pPr/{W}outlineLvl")
            if outline is not None and outline.get(f"{W}val", "").isdigit():
                value = int(outline.get(f"{W}val", "9"))
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


def read_word(path: Path, findings: Findings) -> ast.Document | None:
    """The report in the Word document at `path` as a document tree; None (with a finding)
    when the file is no readable .docx."""
    where = SourceRef(path.name, 1)
    try:
        return _Reader(path.name, open_package(path, DRAFT_PARTS), findings).read()
    except PackageError as err:
        findings.report(rules.IMPORT_UNREADABLE, where, err.message, err.message_en, err.hint)
    return None


DRAFT_PARTS = ("word/document.xml", "word/styles.xml", "word/footnotes.xml",
               "word/endnotes.xml", "word/comments.xml", "docProps/core.xml")


class _Reader:
    def __init__(self, name: str, package: Package, findings: Findings):
        self.name, self.package, self.findings = name, package, findings
        self.styles = _Styles(self._xml("word/styles.xml"))
        self.number = 0  # paragraphs read
        self.comments = self._comments()

    def _xml(self, name: str) -> Any:
        return self.package.xml(name)

    def where(self, para: Para | int) -> SourceRef:
        return SourceRef(self.name, para if isinstance(para, int) else para.number)

    # -- the document -----------------------------------------------------------------------

    def read(self) -> ast.Document:
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
        notes = self._notes()
        return _Builder(self, items, notes).build()

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
        para = Para(self.number, self.styles.level(style_id),
                    properties is not None and properties.find(f"{W}numPr") is not None,
                    align is not None and align.get(f"{W}val") == "center")
        self._pieces(element, para, style_id)
        return para

    def _pieces(self, element: Any, para: Para, style_id: str) -> None:
        for node in paragraph_content(element):
            if node.tag == f"{W}commentRangeStart":
                para.comments.append(node.get(f"{W}id", ""))
            elif node.tag in (f"{W}ins", f"{W}moveTo"):
                self._pieces(node, para, style_id)  # a tracked insertion: its words count
            elif node.tag == f"{W}r":
                self._run(node, para, style_id)
            elif node.tag == f"{_MC}AlternateContent":
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
                self._add(para, chr(int(node.get(f"{W}char", "20"), 16)), style)
            elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
                kind = "e" if tag == f"{W}endnoteReference" else "f"
                para.pieces.append(Piece(note=f"{kind}{node.get(f'{W}id', '')}"))
            elif tag in (f"{W}drawing", f"{W}pict", f"{W}object", f"{_MC}AlternateContent"):
                self._boxes(node, para)

    @staticmethod
    def _add(para: Para, text: str, style: Piece) -> None:
        last = para.pieces[-1] if para.pieces else None
        if last is not None and last.note is None and \
                (last.bold, last.italic, last.superscript) == \
                (style.bold, style.italic, style.superscript):
            last.text += text
        else:
            para.pieces.append(Piece(text, style.bold, style.italic, style.superscript))

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
                cells.append(ast.Cell(text, colspan=int(span.get(f"{W}val", "1"))
                                      if span is not None else 1))
            rows.append(ast.Row(tuple(cells), self.where(self.number), f"r{self.number}"))
        widths = max((sum(c.colspan for c in r.cells) for r in rows), default=0)
        return ast.Table(0, "", None, None, (0.0,) * widths, (), tuple(rows), 11,
                         self.where(self.number), f"t{self.number}")

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
                    para = Para(0, None, False, False)
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

    def properties(self) -> dict[str, str]:
        root = self._xml("docProps/core.xml")
        if root is None:
            return {}
        found = {"title": root.find(f"{_DC}title"), "author": root.find(f"{_DC}creator"),
                 "keywords": root.find(f"{_CP}keywords"), "subject": root.find(f"{_DC}subject")}
        return {key: (node.text or "").strip() for key, node in found.items()
                if node is not None and (node.text or "").strip()}


# -- from paragraphs to the tree -------------------------------------------------------------------

class _Builder:
    """The paragraphs as read → headings, paragraphs, items, tables, notes, metadata."""

    def __init__(self, reader: _Reader, items: list[Para | ast.Table],
                 notes: dict[str, list[Para]]):
        self.reader, self.items, self.notes_read = reader, items, notes
        self.findings = reader.findings
        self.body: list[ast.Block] = []
        self.notes: list[ast.Note] = []
        self.referenced: dict[str, int] = {}  # note id in the document -> times referenced
        self.counters = [0] * 6  # the numbers met so far at each depth
        self.depth = -1  # of the last heading

    def build(self) -> ast.Document:
        front, start = self._front()
        i = start
        while i < len(self.items):
            i = self._block(i)
        self._unreferenced_notes()
        meta = self._meta(front)
        if not self.body or not isinstance(self.body[0], ast.Heading) or \
                self.body[0].depth != 0:
            first = self.items[start] if start < len(self.items) else None
            self._report(rules.IMPORT_NOT_PLACED, first if isinstance(first, Para) else 1,
                "báo cáo không có tiêu đề 'Phần thứ …'",
                "the document has no 'Phần thứ nhất' heading: its text is put in one part, "
                "titled as the report", "give the part its title in data/sections/phan-1.yaml")
            self.body.insert(0, ast.Heading(0, "", (ast.Text(meta.title),),
                                            SourceRef(self.reader.name, 1), "h0"))
        return ast.Document(meta, _presentation(self.reader.name), tuple(front),
                            tuple(self.body), tuple(self.notes))

    def _report(self, rule: Any, para: Para | int, message: str, message_en: str,
                hint: str = "") -> None:
        self.findings.report(rule, self.reader.where(para), message, message_en, hint)

    # -- the first page ---------------------------------------------------------------------

    def _front(self) -> tuple[list[ast.Paragraph], int]:
        """The paragraphs before the first heading that the first page's block holds."""
        front: list[ast.Paragraph] = []
        for i, item in enumerate(self.items):
            if not isinstance(item, Para):
                return front, i
            text = item.text.strip()
            if self._heading(item) is not None:
                return front, i
            if not text:
                continue
            role = _front_role(text, front)
            if role is None and not (item.centred or item.bold):
                return front, i  # the body has begun
            front.append(ast.Paragraph((ast.Text(text),), self.reader.where(item),
                                       f"f{item.number}", style=role or "Other"))
        return front, len(self.items)

    def _meta(self, front: list[ast.Paragraph]) -> ast.Meta:
        fields: dict[str, str] = {}
        for paragraph in front:
            role, text = paragraph.style or "", ast.plain(paragraph.content)
            if role == "Subtitle" and "Subtitle" in fields:
                fields["Subtitle"] += "\n" + text
            elif role not in fields:
                fields[role] = text
        properties = self.reader.properties()
        title = fields.get("DocTitle") or properties.get("title")
        issuer = fields.get("Issuer") or properties.get("author")
        where = SourceRef(self.reader.name, 1)
        for what, value in (("title", title), ("issuer", issuer)):
            if not value:
                self.findings.report(rules.IMPORT_NOT_PLACED, where,
                                     f"không thấy {what} ở trang đầu",
                                     f"no {what} was found at the top of the document",
                                     f"write it in data/report.yaml ({what}: …)")
        for paragraph in front:
            if paragraph.style == "Other":
                self.findings.report(rules.IMPORT_NOT_PLACED, paragraph.source,
                                     "dòng ở trang đầu không xếp được",
                                     f"a line of the first page was not recognised: "
                                     f"'{_short(ast.plain(paragraph.content))}'",
                                     "put it in data/report.yaml if the report needs it")
        return ast.Meta(issuer or "ĐẢNG BỘ", title or "BÁO CÁO CHÍNH TRỊ", "bao-cao", where,
                        fields.get("Congress"), fields.get("Subtitle"), fields.get("Marker"),
                        fields.get("Place"), fields.get("Date"), properties.get("keywords"))

    # -- the body ---------------------------------------------------------------------------

    def _block(self, i: int) -> int:
        """Read the block at `i`; the index of the next one."""
        item = self.items[i]
        if isinstance(item, ast.Table):
            self._table_titles(item)
            return i + 1
        self._not_placed(item)
        heading = self._heading(item)
        if heading is not None:
            depth, label, title = heading
            if depth == 0 and not title.strip():
                title, i = self._part_title(i)
            self._add_heading(item, depth, label, title)
            return i + 1
        if not item.text.strip() and not any(p.note for p in item.pieces):
            if item.level is not None:
                self._report(rules.IMPORT_NOT_PLACED, item, "tiêu đề trống",
                             "a heading with no words is left out")
            return i + 1
        found = ITEM.match(item.text.lstrip())
        if found or item.numbered:
            label = found.group(0).strip() if found else ""
            content = self._inlines(item, strip=len(found.group(0)) if found else 0)
            self.body.append(ast.ListItem(label, (ast.Paragraph(
                content, self.reader.where(item), f"p{item.number}"),),
                self.reader.where(item), f"i{item.number}", self._remark(item)))
            return i + 1
        self.body.append(ast.Paragraph(self._inlines(item), self.reader.where(item),
                                       f"p{item.number}", self._remark(item)))
        return i + 1

    def _heading(self, para: Para) -> tuple[int, str, str] | None:
        """Depth, label and title of a heading; None for any other paragraph."""
        text = para.text.strip()
        if not text or APPENDIX.match(text):
            return None
        part = PART.match(text)
        if part is not None and (para.level is not None or para.bold or para.centred
                                 or text[:5].isupper()):
            return 0, part.group(0).strip(), text[part.end():].strip()
        numbered = next(((depth, found) for depth, pattern in _LEVELS
                         if (found := pattern.match(text)) is not None), None)
        if para.level is not None:
            if numbered is not None:
                return numbered[0], numbered[1].group(0).strip(), text[numbered[1].end():]
            return min(para.level - 1, 5), "", text
        if numbered is not None and para.bold and not BRACKETED.match(text):
            return numbered[0], numbered[1].group(0).strip(), text[numbered[1].end():]
        return None

    def _part_title(self, i: int) -> tuple[str, int]:
        """A "PHẦN THỨ NHẤT" alone on its line: the lines under it that are set like it
        (bold or centred, not a heading) are its title."""
        lines = []
        while i + 1 < len(self.items):
            upcoming = self.items[i + 1]
            if not isinstance(upcoming, Para) or self._heading(upcoming) is not None or \
                    not (upcoming.bold or upcoming.centred) or not upcoming.text.strip():
                break
            lines.append(upcoming.text.strip())
            i += 1
        return "\n".join(lines), i

    def _add_heading(self, para: Para, depth: int, label: str, title: str) -> None:
        if not title.strip():
            self._report(rules.IMPORT_NOT_PLACED, para, "tiêu đề trống",
                         f"the heading '{label}' has no title: it is left out",
                         "write its title in the section file")
            return
        self._check_number(para, depth, label)
        placed = min(depth, self.depth + 1) if depth > 0 else 0
        if placed != depth:
            self._report(rules.IMPORT_NUMBERING_CHANGED, para, "cấp tiêu đề thay đổi",
                         f"'{label} {_short(title)}' comes right under a heading two levels "
                         "up: it is numbered at the level below its parent",
                         "check the heading levels of this part")
        self.depth = placed
        self.body.append(ast.Heading(placed, label, _title_inlines(title),
                                     self.reader.where(para), f"h{para.number}",
                                     self._remark(para)))

    def _check_number(self, para: Para, depth: int, label: str) -> None:
        """A skip in the document's own numbering ("I., II., IV.") is reported: the
        report numbers by position, so the printed numbers will not skip."""
        self.counters[depth] += 1
        for deeper in range(depth + 1, len(self.counters)):
            self.counters[deeper] = 0
        written = _number_of(depth, label)
        if written is not None and written != self.counters[depth]:
            self._report(rules.IMPORT_NUMBERING_CHANGED, para, "số thứ tự tiêu đề bị nhảy",
                         f"'{label}' stands where number {self.counters[depth]} of its level "
                         "is: the report numbers headings by position",
                         "check whether a heading is missing before it")
            self.counters[depth] = written

    def _table_titles(self, table: ast.Table) -> None:
        """The "Phụ lục …" lines just over a table are its title lines."""
        lines: list[ast.Paragraph] = []
        while self.body and isinstance(self.body[-1], ast.Paragraph) and len(lines) < 4:
            lines.insert(0, self.body.pop())  # type: ignore[arg-type]
            if APPENDIX.match(ast.plain(lines[0].content)):
                break
        else:  # no "Phụ lục" line just over it: those paragraphs are the text's
            self.body.extend(lines)
            lines = []
        texts = [ast.plain(line.content) for line in lines]
        self.body.append(ast.Table(0, texts[0] if texts else "",
                                   "\n".join(texts[1:]) or None, None, table.widths_mm, (),
                                   table.rows, table.font_size, table.source, table.anchor))

    def _not_placed(self, para: Para) -> None:
        if para.images:
            self._report(rules.IMPORT_NOT_PLACED, para, "hình ảnh không được đưa vào",
                         f"{para.images} picture(s) near '{_short(para.text)}' are left out",
                         "a report's YAML holds text: keep pictures in a separate file")
        for box in para.boxes:
            self._report(rules.IMPORT_NOT_PLACED, para, "khung văn bản không được đưa vào",
                         f"a text box is left out: '{_short(box)}'",
                         "if its words belong in the report, write them as a paragraph")

    # -- inlines, notes, remarks ---------------------------------------------------------------

    def _inlines(self, para: Para, strip: int = 0) -> ast.Inlines:
        """The paragraph's words and note marks, leading and trailing spaces dropped (and
        its first `strip` characters: an item's label)."""
        pieces = [replace(p) for p in para.pieces]  # trimmed here, kept as read there
        _trim(pieces, strip)
        out: list[ast.Inline] = []
        for piece in pieces:
            if piece.note is not None:
                number = self._note(piece.note, para)
                if number is not None:
                    out.append(ast.NoteRef(number))
            elif piece.text:
                out.extend(_styled(piece))
        return tuple(out)

    def _note(self, note_id: str, para: Para) -> int | None:
        paragraphs = self.notes_read.get(note_id)
        if paragraphs is None:
            self._report(rules.IMPORT_NOT_PLACED, para, "dấu chú thích không có nội dung",
                         "a footnote mark has no footnote in the document: it is left out")
            return None
        self.referenced[note_id] = self.referenced.get(note_id, 0) + 1
        if self.referenced[note_id] > 1:
            self._report(rules.IMPORT_NOT_PLACED, para, "một chú thích được dẫn hai lần",
                         "a footnote is referenced a second time here: the report gives "
                         "each reference its own note, so it is copied",
                         "keep one reference, or reword the second note")
        number = len(self.notes) + 1
        content = []
        for paragraph in paragraphs:
            pieces = [replace(p) for p in paragraph.pieces if p.note is None]
            _trim(pieces, 0)
            content.append(ast.Paragraph(tuple(i for p in pieces if p.text for i in _styled(p)),
                                         self.reader.where(para), f"n{number}p"))
        remarks = [self.reader.comments[c] for p in paragraphs for c in p.comments
                   if c in self.reader.comments]
        self.notes.append(ast.Note(number, None, tuple(content), self.reader.where(para),
                                   f"n{number}", ast.joined_remarks(remarks)))
        return number

    def _unreferenced_notes(self) -> None:
        for note_id, paragraphs in self.notes_read.items():
            if note_id not in self.referenced and paragraphs:
                self._report(rules.IMPORT_NOT_PLACED, 1, "chú thích không được dẫn",
                             f"a footnote no paragraph refers to is left out: "
                             f"'{_short(paragraphs[0].text)}'")

    def _remark(self, para: Para) -> ast.Remark | None:
        return ast.joined_remarks([self.reader.comments[c] for c in para.comments
                                   if c in self.reader.comments])


def _front_role(text: str, front: list[ast.Paragraph]) -> str | None:
    """What a line at the top of the first page is, by what it says."""
    roles = {p.style for p in front}
    upper = text.upper() == text
    if text.startswith("(") and text.endswith(")") and "Marker" not in roles:
        return "Marker"
    if re.match(r"^(ĐẢNG BỘ|ĐẢNG ỦY|BAN CHẤP HÀNH|CHI BỘ)\b", text) and "Issuer" not in roles:
        return "Issuer"
    if text.startswith("ĐẠI HỘI") and "Congress" not in roles:
        return "Congress"
    if re.match(r"^BÁO CÁO\b", text) and "DocTitle" not in roles:
        return "DocTitle"
    if "DocTitle" in roles and upper:
        return "Subtitle"
    place = re.match(r"^(.{2,40}), (ngày .*)$", text)
    if place and "năm" in text:
        return "Place" if "Place" not in roles else None
    if set(text) <= set("-*_=~. "):
        return "Rule"
    return None


def _number_of(depth: int, label: str) -> int | None:
    digits = re.findall(r"\d+", label)
    if depth == 1:
        letters = re.match(r"[IVX]+", label)
        return roman_value(letters.group(0)) if letters else None
    if depth == 5:
        letter = label[:1].lower()
        return LETTERS.find(letter) + 1 if letter in LETTERS else None
    if depth == 0:
        word = label.split()[-1].lower() if label.split() else ""
        return ORDINALS.index(word) + 1 if word in ORDINALS else None
    return int(digits[-1]) if digits else None


def _trim(pieces: list[Piece], strip: int) -> None:
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


def _styled(piece: Piece) -> ast.Inlines:
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


def _title_inlines(title: str) -> ast.Inlines:
    out: list[ast.Inline] = []
    for piece in re.split(r"(\n)", title.strip()):
        if piece == "\n":
            out.append(ast.LineBreak())
        elif piece.strip():
            out.append(ast.Text(piece.strip()))
    return tuple(out)


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[:length - 1] + "…"


def _presentation(name: str) -> ast.Presentation:
    page = ast.Page(210, 297, 20, 20, 30, 15, 10, 10)
    return ast.Presentation(page, "Times New Roman", "vi-VN", (), SourceRef(name, 1))
