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

The paragraphs are read by paragraphs.py; this module recognises the report in them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from ... import ast, rules
from ...diagnostics import Findings, SourceRef
from ...numbering import (
    MAX_DEPTH,
    item_label,
    item_number,
    item_style,
    letter_value,
    ordinal_value,
    roman_value,
)
from ...word.package import PackageError
from .paragraphs import DraftRead, Para, read_draft, styled_inlines, trim_pieces

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


def read_word(path: Path, findings: Findings) -> ast.Document | None:
    """The report in the Word document at `path` as a document tree; None (with a finding)
    when the file is no readable .docx."""
    try:
        read = read_draft(path)
    except PackageError as err:
        findings.report(rules.IMPORT_UNREADABLE, SourceRef(path.name, 1), err.message,
                        err.message_en, err.hint)
        return None
    return _Builder(read, findings).build()


# -- from paragraphs to the tree -------------------------------------------------------------------

class _Builder:
    """The paragraphs as read → headings, paragraphs, items, tables, notes, metadata."""

    def __init__(self, read: DraftRead, findings: Findings):
        self.reader, self.items, self.notes_read = read, list(read.items), read.notes
        self.findings = findings
        self.body: list[ast.Block] = []
        self.notes: list[ast.Note] = []
        self.referenced: dict[str, int] = {}  # note id in the document -> times referenced
        self.counters = [0] * 6  # the numbers met so far at each depth
        # the headings open above the next one: (its rank: twice the depth its numbering
        # stands for, one more in italics; the depth it was placed at); a heading closes
        # those of its own rank or deeper
        self.open: list[tuple[int, int]] = []
        self.mapped: dict[tuple[int, int], tuple[Para, str]] = {}  # (depth, placed) → first

    def build(self) -> ast.Document:
        front, start = self._front()
        i = start
        while i < len(self.items):
            i = self._block(i)
        self._unreferenced_notes()
        self._report_mapping()
        meta = self._meta(front)
        if not self.body or not isinstance(self.body[0], ast.Heading) or \
                self.body[0].depth != 0:
            first = self.items[start] if start < len(self.items) else None
            self._report(rules.IMPORT_NOT_PLACED, first if isinstance(first, Para) else 1,
                "báo cáo không có tiêu đề 'Phần thứ …'",
                "the document has no 'Phần thứ nhất' heading: its text is put in one part, "
                "titled as the report", "give the part its title in data/sections/phan-1.yaml")
            self.body.insert(0, ast.Heading(depth=0, label="", title=(ast.Text(meta.title),),
                                            source=SourceRef(self.reader.name, 1), anchor="h0"))
        return ast.Document(
            meta=meta,
            presentation=_presentation(self.reader.name),
            front=tuple(front),
            body=tuple(self.body),
            notes=tuple(self.notes),
        )

    def where(self, para: Para | int) -> SourceRef:
        return SourceRef(self.reader.name, para if isinstance(para, int) else para.number)

    def _report(self, rule: Any, para: Para | int, message: str, message_en: str,
                hint: str = "") -> None:
        self.findings.report(rule, self.where(para), message, message_en, hint)

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
            front.append(ast.Paragraph(content=(ast.Text(text),), source=self.where(item),
                                       anchor=f"f{item.number}", style=role or "Other"))
        return front, len(self.items)

    def _meta(self, front: list[ast.Paragraph]) -> ast.Meta:
        fields: dict[str, str] = {}
        for paragraph in front:
            role, text = paragraph.style or "", ast.plain(paragraph.content)
            if role == "Subtitle" and "Subtitle" in fields:
                fields["Subtitle"] += "\n" + text
            elif role not in fields:
                fields[role] = text
        properties = self.reader.properties
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
        return ast.Meta(
            issuer=issuer or "ĐẢNG BỘ",
            title=title or "BÁO CÁO CHÍNH TRỊ",
            output="bao-cao",
            source=where,
            congress=fields.get("Congress"),
            subtitle=fields.get("Subtitle"),
            marker=fields.get("Marker"),
            place=fields.get("Place"),
            date=fields.get("Date"),
            keywords=properties.get("keywords"),
        )

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
        if item.bullet:  # a bullet of Word's: the report's dash paragraph
            content = (ast.Text("- "), *self._inlines(item))
            self.body.append(ast.Paragraph(content=content, source=self.where(item),
                                           anchor=f"p{item.number}", remark=self._remark(item)))
            return i + 1
        found = ITEM.match(item.text.lstrip())
        numbered = found.group(0).strip() if found else _item_label(item.label)
        if item.label and not found and numbered is None:  # a numbering the report has not:
            content = (ast.Text(item.label + " "), *self._inlines(item))  # its label as text
            self.body.append(ast.Paragraph(content=content, source=self.where(item),
                                           anchor=f"p{item.number}", remark=self._remark(item)))
            return i + 1
        if found or item.numbered:
            label = numbered or ""
            content = self._inlines(item, strip=len(found.group(0)) if found else 0)
            self.body.append(ast.ListItem(label=label, paragraphs=(ast.Paragraph(
                content=content, source=self.where(item), anchor=f"p{item.number}"),),
                source=self.where(item), anchor=f"i{item.number}", remark=self._remark(item)))
            return i + 1
        self.body.append(ast.Paragraph(content=self._inlines(item), source=self.where(item),
                                       anchor=f"p{item.number}", remark=self._remark(item)))
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
        placed = self._placed(depth, 2 * depth + (1 if para.italic else 0))
        if placed != depth:
            self.mapped.setdefault((depth, placed), (para, label))
        self.body.append(ast.Heading(depth=placed, label=label, title=_title_inlines(title),
                                     source=self.where(para), anchor=f"h{para.number}",
                                     remark=self._remark(para)))

    def _placed(self, depth: int, rank: int) -> int:
        """The level of the report a heading numbered for `depth` goes at: just under the
        nearest open heading of a shallower rank (its numbering's depth; in italics, half
        a depth below). Siblings stay siblings ("a.", "b." under "1."), and a level the
        draft skips ("a." right under "I.") makes the heading the child of its real
        parent."""
        if depth == 0:
            self.open = [(0, 0)]
            return 0
        while self.open and self.open[-1][0] >= rank:
            self.open.pop()
        placed = min(self.open[-1][1] + 1 if self.open else 1, MAX_DEPTH)
        self.open.append((rank, placed))
        return placed

    def _report_mapping(self) -> None:
        """Where the draft's layout does not fit the report's levels, what went where:
        once for each kind of heading placed at another level than its numbering's."""
        for (_, placed), (para, label) in self.mapped.items():
            kind = f"'{label}'" if label else f"Heading {para.level}"
            self._report(rules.IMPORT_NUMBERING_CHANGED, para, "cấp tiêu đề được sắp lại",
                         f"headings numbered like {kind} stand at level {placed} of this "
                         f"draft's layout: the report numbers that level "
                         f"'{_EXAMPLE_LABELS[placed]}' (it numbers I. → 1. → 1.1. → 1.1.1. → "
                         "a. by level)", "check the heading levels; the first of this kind "
                         "is here")

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
        self.body.append(
            ast.Table(
                number=0,
                heading=texts[0] if texts else "",
                subheading="\n".join(texts[1:]) or None,
                rule=None,
                widths_mm=table.widths_mm,
                header=(),
                rows=table.rows,
                font_size=table.font_size,
                source=table.source,
                anchor=table.anchor,
            )
        )

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
        trim_pieces(pieces, strip)
        out: list[ast.Inline] = []
        for piece in pieces:
            if piece.note is not None:
                number = self._note(piece.note, para)
                if number is not None:
                    out.append(ast.NoteRef(number))
            elif piece.text:
                out.extend(styled_inlines(piece))
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
            trim_pieces(pieces, 0)
            content.append(
                ast.Paragraph(
                    content=tuple(i for p in pieces if p.text for i in styled_inlines(p)),
                    source=self.where(para),
                    anchor=f"n{number}p",
                )
            )
        remarks = [self.reader.comments[c] for p in paragraphs for c in p.comments
                   if c in self.reader.comments]
        self.notes.append(
            ast.Note(
                number=number,
                id=None,
                paragraphs=tuple(content),
                source=self.where(para),
                anchor=f"n{number}",
                remark=ast.joined_remarks(remarks),
            )
        )
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


_EXAMPLE_LABELS = ("Phần thứ nhất", "I.", "1.", "1.1.", "1.1.1.", "a.")
def _item_label(label: str | None) -> str | None:
    """A label Word numbers an item with, if the report prints it in one of its item
    styles ("(1)", "(1).", "1.", "1)", "a)"): the label its style gives its number."""
    if label is None:
        return None
    label = label.strip()
    number = item_number(label)
    return label if number is not None and item_label(item_style(label), number) == label \
        else None


def _number_of(depth: int, label: str) -> int | None:
    digits = re.findall(r"\d+", label)
    if depth == 1:
        letters = re.match(r"[IVX]+", label)
        return roman_value(letters.group(0)) if letters else None
    if depth == 5:
        return letter_value(label[:1].lower())
    if depth == 0:
        return ordinal_value(label.split()[-1].lower() if label.split() else "")
    return int(digits[-1]) if digits else None


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
    page = ast.Page(
        width_mm=210,
        height_mm=297,
        top_mm=20,
        bottom_mm=20,
        left_mm=30,
        right_mm=15,
        header_mm=10,
        footer_mm=10,
    )
    return ast.Presentation(
        page=page, font="Times New Roman", language="vi-VN", styles=(), source=SourceRef(name, 1)
    )
