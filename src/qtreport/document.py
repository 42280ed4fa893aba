"""The compiled document: what compute produces and render consumes (cf. pandoc's AST).

Text here is still a Jinja template. Footnote markers have been replaced by the
footnote's number between two private-use characters (see NOTE_MARK), so rendering
can put the real footnote reference where the marker was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .diagnostics import SourceRef
from .model import AppendixLayout, FrontMatter, ReportMeta

if TYPE_CHECKING:
    from .compute.indicators import IndicatorResults

NOTE_OPEN, NOTE_CLOSE = "\ue000", "\ue001"
NOTE_MARK = re.compile(f"{NOTE_OPEN}(\\d+){NOTE_CLOSE}")


def note_mark(number: int) -> str:
    return f"{NOTE_OPEN}{number}{NOTE_CLOSE}"


@dataclass
class Heading:
    depth: int  # 0 = part, 1 = I., 2 = 1., 3 = 1.1., 4 = 1.1.1., 5 = a.
    label: str  # "Phần thứ nhất", "I.", "2.1.", "a."
    title: str
    src: SourceRef
    remark: str | None = None


@dataclass
class Paragraph:
    template: str  # Jinja source with footnote marks
    src: SourceRef
    label: str | None = None  # "(1)" for a numbered item, None for plain text
    remark: str | None = None
    notes: list[int] = field(default_factory=list)  # footnote numbers, in order of the text


Block = Heading | Paragraph


@dataclass
class Note:
    number: int
    id: str | None  # None for an inline ^[…] note
    paragraphs: list[tuple[str, SourceRef]]  # Jinja templates, one per paragraph
    src: SourceRef
    remark: str | None = None


@dataclass
class Document:
    meta: ReportMeta
    blocks: list[Block]
    notes: list[Note]
    indicators: IndicatorResults | None = None  # None: the report has no indicator data
    layouts: dict[str, AppendixLayout] = field(default_factory=dict)
    front_matter: FrontMatter | None = None
