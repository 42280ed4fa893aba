"""Small document trees made by hand, for the tests of what reads trees (diff.py,
feedback/mapping.py): a paragraph is its words, a heading its title, with anchors given."""

from __future__ import annotations

from qtreport import ast
from qtreport.diagnostics import SourceRef

FILE = "data/sections/kinh-te.yaml"


def where(line: int) -> SourceRef:
    return SourceRef(FILE, line)


def heading(title: str, anchor: str, line: int = 1, depth: int = 2,
            label: str = "1.") -> ast.Heading:
    return ast.Heading(depth=depth, label=label, title=(ast.Text(title),), source=where(line),
                       anchor=anchor)


def paragraph(words: str, anchor: str, line: int = 1, notes: tuple[int, ...] = ()
              ) -> ast.Paragraph:
    content: tuple[ast.Inline, ...] = (ast.Text(words), *(ast.NoteRef(n) for n in notes))
    return ast.Paragraph(content=content, source=where(line), anchor=anchor)


def note(number: int, words: str, anchor: str, line: int = 50) -> ast.Note:
    return ast.Note(number=number, id=None, paragraphs=(paragraph(words, f"p-{anchor}", line),),
                    source=where(line), anchor=anchor)


def document(*body: ast.Block, notes: tuple[ast.Note, ...] = ()) -> ast.Document:
    part = heading("KẾT QUẢ", "h-part", line=1, depth=0, label="Phần thứ nhất")
    page = ast.Page(width_mm=210, height_mm=297, top_mm=20, bottom_mm=20, left_mm=30,
                    right_mm=15, header_mm=10, footer_mm=10)
    return ast.Document(
        meta=ast.Meta(issuer="ĐẢNG BỘ", title="BÁO CÁO", output="bao-cao", source=where(1)),
        presentation=ast.Presentation(page=page, font="Times New Roman", language="vi-VN",
                                      styles=(), source=where(1)),
        front=(), body=(part, *body), notes=notes)
