"""The Bảng tổng hợp, tiếp thu, giải trình ý kiến góp ý: the register of a round as a
document tree, which the Word writer writes like the draft (same styles, landscape A4,
header rows repeated on every page).

Entries are grouped by section in the order the report reads; those whose passage is no
longer in the report come last. A summary line on top counts comments, units and answers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from .. import ast
from ..diagnostics import SourceRef
from ..validate.models import EXPLAINED, PENDING, TAKEN_IN, TAKEN_IN_PART, FeedbackEntry
from .letters import GENERAL
from .mapping import Index

Align = Literal["left", "center", "right"]
# (header, width in mm, alignment): 262 mm, the width of a landscape A4 page's text
COLUMNS: tuple[tuple[str, float, Align], ...] = (
    ("STT", 12, "center"), ("Nội dung dự thảo", 62, "left"), ("Ý kiến góp ý", 78, "left"),
    ("Cơ quan, đơn vị", 35, "left"), ("Tiếp thu, giải trình", 75, "left"))
ELSEWHERE = "Đoạn không còn trong dự thảo hiện nay"
GENERAL_REMARKS = "Ý kiến chung về dự thảo"  # a letter's remarks on the whole: first


def summary_line(entries: Sequence[FeedbackEntry]) -> str:
    """"12 ý kiến của 5 cơ quan, đơn vị; tiếp thu 6, tiếp thu một phần 2, giải trình 1,
    chưa xử lý 3.\""""
    statuses = Counter(entry.status for entry in entries)
    units = len({entry.unit for entry in entries})
    counts = ", ".join(f"{status} {statuses[status]}" for status in
                       (TAKEN_IN, TAKEN_IN_PART, EXPLAINED, PENDING))
    return f"{len(entries)} ý kiến của {units} cơ quan, đơn vị; {counts}."


def synthesis_document(draft: ast.Document, entries: Sequence[FeedbackEntry],
                       register: SourceRef, round_name: str) -> ast.Document:
    index = Index(draft)
    ordered = sorted(enumerate(entries), key=lambda pair: (_position(pair[1], index), pair[0]))
    rows: list[ast.Row] = []
    section = None
    for number, (_, entry) in enumerate(ordered, start=1):
        here = _section(entry, index)
        if here != section:
            section = here
            rows.append(ast.Row(cells=(ast.Cell(text="", bold=True),
                                 ast.Cell(text=here, colspan=len(COLUMNS) - 1, bold=True,
                                          align="left")),
                                source=register, anchor=f"s-{len(rows)}"))
        rows.append(_row(number, entry, register))
    header = ast.Row(
        cells=tuple(ast.Cell(text=title, bold=True) for title, _, _ in COLUMNS),
        source=register,
        anchor="s-header",
    )
    table = ast.Table(
        number=0,
        heading="",
        subheading=None,
        rule=None,
        widths_mm=tuple(width for _, width, _ in COLUMNS),
        header=(header,),
        rows=tuple(rows),
        font_size=11,
        source=register,
        anchor="s-table",
    )
    meta = draft.meta
    title = "BẢNG TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý"
    about = f"vào dự thảo {meta.title}" + (f" {meta.subtitle}" if meta.subtitle else "")
    front = tuple(
        ast.Paragraph(
            content=(ast.Text(text),), source=register, anchor=f"s-front-{i}", style=style
        )
        for i, (style, text) in enumerate(
            (
                ("AppendixTitle", title),
                ("AppendixSubtitle", f"({about})"),
                ("AppendixSubtitle", f"{round_title(round_name)}. {summary_line(entries)}"),
            )
        )
    )
    presentation = draft.presentation
    page = presentation.landscape or presentation.page
    return ast.Document(
        meta=ast.Meta(
            issuer=meta.issuer,
            title=title,
            output=f"{meta.output}-tong-hop-gop-y",
            source=register,
            congress=subject_of(meta),
            keywords=meta.keywords,
            version=meta.version,
            commit=meta.commit,
        ),
        presentation=replace(presentation, page=page),
        front=front,
        body=(table,),
        notes=(),
    )


def round_title(name: str) -> str:
    """A round as the office writes it: "vong-1" → "Vòng 1"; a name of words as it is."""
    found = re.fullmatch(r"v[oò]ng[-_ ]*(\d+)", name.strip(), re.IGNORECASE)
    return f"Vòng {int(found.group(1))}" if found else name


def subject_of(meta: ast.Meta) -> str:
    return f"Góp ý dự thảo {meta.title}"


def _position(entry: FeedbackEntry, index: Index) -> int:
    if entry.anchor and entry.anchor in index.position:
        return index.position[entry.anchor]
    return -1 if entry.unplaced == GENERAL else len(index.places)


def _section(entry: FeedbackEntry, index: Index) -> str:
    if entry.anchor and entry.anchor in index.by_anchor:
        return index.section(index.by_anchor[entry.anchor])
    return GENERAL_REMARKS if entry.unplaced == GENERAL else ELSEWHERE


def _row(number: int, entry: FeedbackEntry, register: SourceRef) -> ast.Row:
    passage = f"“{entry.passage}”" if entry.passage else ""  # its section heads the group
    comment = entry.comment or ""
    for reply in entry.replies:
        comment += f"\n— {reply.author or 'Trả lời'}: {reply.text}"
    answer = entry.status[:1].upper() + entry.status[1:] + "."
    if entry.response:
        answer += "\n" + entry.response.strip()
    texts = (str(number), passage, comment, entry.unit, answer)
    cells = tuple(ast.Cell(text=text, align=align) for text, (_, _, align) in
                  zip(texts, COLUMNS, strict=True))
    return ast.Row(cells=cells, source=register, anchor=entry.id)
