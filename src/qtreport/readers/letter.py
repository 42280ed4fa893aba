"""A letter of comment (văn bản góp ý): how a ward's party committee, a department or an
association most often answers a draft sent out for comment. Not a copy of the draft: a
letter, in Word or as plain text, whose numbered points (or the rows of a table: STT · Vị
trí · Nội dung dự thảo · Ý kiến góp ý) quote passages of the draft and say what to do.

Read here into its points, in order; what each point is about and what it proposes is
feedback/letters.py's. The letter's header (the issuing body, "ĐẢNG CỘNG SẢN VIỆT NAM",
its number and date, "Kính gửi", "V/v …") gives the issuer and is left out; so are the
lead-in ("… có ý kiến như sau:") and the closing and signature ("Trên đây là …", "Nơi
nhận", "T/M …"). Points under a heading of general remarks ("I. Ý KIẾN CHUNG"), and
paragraphs that stand outside any point, are general.

A .docx letter is opened through word/package.py like a returned copy; a .txt one is read
within MAX_TEXT_BYTES, as UTF-8.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..folding import folded
from ..record import Record
from ..word.names import W
from ..word.package import PackageError, open_package

MAX_TEXT_BYTES = 2_000_000  # a plain-text letter: a long one is 30 kB
MAX_POINTS = 2_000  # points kept of one letter: a real one has a few dozen

Block = str | list[list[str]]  # a paragraph, or a table's rows of cells


class LetterPoint(Record, kw_only=True):
    """One point of a letter: a numbered paragraph (with the paragraphs that follow it),
    a table's row, or a general remark."""

    label: str  # "1.", "2.3", "a)", "-", a table row's STT; "" for a general remark
    text: str  # its words (the label left out)
    where: str = ""  # a table's "Vị trí" cell: the place in the draft it names
    passage: str = ""  # a table's "Nội dung dự thảo" cell: the draft's words it is about
    general: bool = False  # about the draft as a whole: registered, placed nowhere
    number: int = 0  # the paragraph (or row) of the letter it starts at, from 1


class Letter(Record, kw_only=True):
    name: str  # the file name, as given
    issuer: str | None  # the body that issues it, from its header
    points: tuple[LetterPoint, ...]


def read_letter(path: Path) -> Letter:
    """The points of a letter of comment, .docx or .txt; PackageError when it cannot be
    read."""
    blocks = _text_blocks(path) if path.suffix.lower() in (".txt", ".text") else \
        _docx_blocks(path)
    return letter_of(path.name, blocks)


# -- the file's paragraphs and tables --------------------------------------------------------

def _text_blocks(path: Path) -> list[Block]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as err:
        raise PackageError("không đọc được tệp", f"the file cannot be read: {err.strerror}",
                           "give a .docx letter or a plain-text one (UTF-8)") from err
    if len(data) > MAX_TEXT_BYTES:
        raise PackageError("tệp văn bản quá lớn",
                           f"a plain-text letter larger than {MAX_TEXT_BYTES:,} bytes is not "
                           "read", "give the letter itself")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise PackageError("tệp văn bản không phải UTF-8",
                           "the plain-text letter is not UTF-8",
                           "save it as UTF-8 (Unicode), or give the .docx") from err
    blocks: list[Block] = []
    table: list[list[str]] = []
    for line in text.splitlines():
        cells = [cell.strip() for cell in re.split(r"\t| \| |^\||\|$", line.strip())
                 if cell.strip()] if ("\t" in line or " | " in line) else []
        if len(cells) >= 3:  # a row of a table typed as text
            table.append(cells)
            continue
        if table:
            blocks.append(table)
            table = []
        if line.strip():
            blocks.append(line.strip())
    if table:
        blocks.append(table)
    return blocks


def _docx_blocks(path: Path) -> list[Block]:
    package = open_package(path, ("word/document.xml",))
    document = package.xml("word/document.xml")
    body = document.find(f"{W}body") if document is not None else None
    if body is None:
        raise PackageError("tài liệu Word không có nội dung",
                           "word/document.xml has no body (w:body): it is damaged")
    blocks: list[Block] = []
    for node in body:
        if node.tag == f"{W}p":
            text = _words(node)
            if text and _numbered(node) and not _POINT.match(text):
                # Word's own numbering: its number is not in the text; a short line in
                # capitals is a heading of points ("Ý KIẾN CHUNG")
                text = ("I. " if text.isupper() and len(text) < 80 else "- ") + text
            if text:
                blocks.append(text)
        elif node.tag == f"{W}tbl":
            rows = [["\n".join(_words(p, "\n") for p in cell.iter(f"{W}p")).strip()
                     for cell in row if cell.tag == f"{W}tc"]
                    for row in node if row.tag == f"{W}tr"]
            blocks.append([row for row in rows if any(row)])
    return blocks


def _numbered(paragraph: Any) -> bool:
    """Whether Word numbers the paragraph itself: its own numbering, or a list style's."""
    if paragraph.find(f"{W}pPr/{W}numPr") is not None:
        return True
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return style is not None and style.get(f"{W}val", "").startswith("List")


def _words(paragraph: Any, breaks: str = " ") -> str:
    """A paragraph's words, one space between; a line break as `breaks` (a header cell's
    lines are the issuing body's and its superior's)."""
    out = []
    for element in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br"):
        out.append(element.text or "" if element.tag == f"{W}t" else
                   breaks if element.tag == f"{W}br" else " ")
    return "\n".join(" ".join(line.split()) for line in "".join(out).split("\n")).strip()


# -- the letter's parts ----------------------------------------------------------------------

_POINT = re.compile(r"^(\d+(?:\.\d+)*[.)]?|[a-zđ][.)]|[-+•–*])\s+(?=\S)")
_GROUP = re.compile(r"^([IVX]+|[A-Z])[.)]\s+(?=\S)")
_OPENING = re.compile(r"^(kinh gui|v/v|ve viec|trich yeu)\b")
_CLOSING = re.compile(r"^(tren day la|noi nhan|t/m|tm\.|tm |k/t|kt\.|kt |bi thu|pho bi thu|"
                      r"chu tich|truong ban|thu truong|xin tran trong|tran trong|nguoi ky)")
_HEADER_LINES = re.compile(r"^(dang cong san viet nam|cong hoa xa hoi|doc lap|so:|so |\*)")
_ORGAN = re.compile(r"^(ban chap hanh|ban thuong vu|thuong truc|ban can su|ban thuong truc)$")
_GENERAL = re.compile(r"\b(y kien chung|nhin chung|co ban thong nhat|nhat tri|thong nhat cao|"
                      r"dong y voi)\b")


def letter_of(name: str, blocks: list[Block]) -> Letter:
    """The letter's points, from its paragraphs and tables in order."""
    issuer, start = _header(blocks)
    points: list[LetterPoint] = []
    current: dict[str, Any] | None = None
    general = False

    def close() -> None:
        nonlocal current
        if current is not None and current["text"].strip() and len(points) < MAX_POINTS:
            points.append(LetterPoint(label=current["label"], text=current["text"].strip(),
                                      general=current["general"], number=current["number"]))
        current = None

    for number, block in enumerate(blocks[start:], start=start + 1):
        if isinstance(block, list):
            close()
            points += _table_points(block, number)
            continue
        plain = folded(block)
        if _CLOSING.match(plain):
            break  # the closing and the signature
        if _OPENING.match(plain):
            continue
        group = _GROUP.match(block)
        if group and len(block) < 120 and not _QUOTED.search(block):
            close()
            general = bool(_GENERAL.search(plain))
            continue
        point = _POINT.match(block)
        if point:
            close()
            current = {"label": point.group(1), "text": block[point.end():],
                       "general": general, "number": number}
        elif current is not None:
            current["text"] += "\n" + block
        elif block.rstrip().endswith(":") and not _QUOTED.search(block):
            continue  # the lead-in: "… có ý kiến như sau:"
        else:  # a paragraph of its own, outside any point: a remark on the whole draft
            current = {"label": "", "text": block, "general": general or not
                       _QUOTED.search(block), "number": number}
            close()
    close()
    return Letter(name=name, issuer=issuer, points=tuple(points))


_QUOTED = re.compile(r"[“\"«‘][^”\"»’]{2,}[”\"»’]")


def _header(blocks: list[Block]) -> tuple[str | None, int]:
    """The issuing body, and where the letter's body begins: after "Kính gửi" and the
    addressees under it, or at the first point; the header's tables (the two columns of
    an official letter) are part of the header."""
    lines: list[str] = []
    start, addressed = 0, False
    for index, block in enumerate(blocks[:40]):
        if isinstance(block, list):
            cells = [cell for row in block for cell in row]
            if addressed or not any(_HEADER_LINES.match(folded(c)) or c.isupper()
                                    for c in cells):
                break  # a table of points
            lines += [line for cell in cells for line in re.split(r"\s{2,}|\n", cell)]
        elif addressed:  # the addressees: "- Ban Thường vụ Thị ủy;"
            if not (block.startswith(("-", "+", "•")) and len(block) < 100 and
                    not _QUOTED.search(block) and block.rstrip().endswith((";", ".", ","))):
                break
        elif _POINT.match(block) or _GROUP.match(block):
            break
        else:
            lines.append(block)
            addressed = folded(block).startswith("kinh gui")
        start = index + 1
    if start >= len(blocks):  # no header to tell: the whole is the body
        start = 0
    return _issuer(lines), start


def _issuer(lines: list[str]) -> str | None:
    """The body that issues the letter: in an official letter's header, the line in
    capitals just above its number ("Số: …"), under its superior body's; without a
    number, the first line in capitals (the letter's title comes later)."""
    lines = [line.strip(" *") for line in lines if line.strip(" *")]
    numbered = next((i for i, line in enumerate(lines) if re.match(r"so\s*:", folded(line))),
                    None)
    bodies = [line for line in (lines[:numbered] if numbered is not None else lines)
              if line.isupper() and not _HEADER_LINES.match(folded(line))]
    if not bodies:
        return None
    if numbered is None:
        return bodies[0]
    # "HỘI CỰU CHIẾN BINH THỊ XÃ / BAN CHẤP HÀNH": an organ of the body above it
    if len(bodies) > 1 and _ORGAN.match(folded(bodies[-1])):
        return f"{bodies[-1]} {bodies[-2]}"
    return bodies[-1]


def _table_points(rows: list[list[str]], number: int) -> list[LetterPoint]:
    """The rows of a table of comments as points, by the names of its columns."""
    if not rows:
        return []
    header = [folded(cell) for cell in rows[0]]

    def column(*names: str) -> int | None:
        return next((i for i, cell in enumerate(header) for name in names if name in cell),
                    None)

    said = column("y kien", "de nghi", "noi dung gop y", "gop y")
    if said is None:
        return []  # not a table of comments
    quoted = column("noi dung du thao", "du thao", "noi dung")
    if quoted == said:
        quoted = None
    place, label = column("vi tri", "muc", "trang"), column("stt", "tt")
    out = []
    for offset, row in enumerate(rows[1:], start=1):
        def cell(index: int | None, row: list[str] = row) -> str:
            return row[index] if index is not None and index < len(row) else ""
        if not cell(said).strip():
            continue
        out.append(LetterPoint(label=cell(label), text=cell(said), where=cell(place),
                               passage=cell(quoted).strip(" “”\"«»"),
                               number=number + offset))
    return out
