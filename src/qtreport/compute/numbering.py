"""Heading and item numbers come from position only; the YAML carries none.

Inside a part: I. (depth 1) → 1. (2) → 1.1. (3) → 1.1.1. (4) → a. (5).
Items run (1), (2)… and restart with every list unless it says `continue: true`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Findings
from ..document import Block, Heading, Paragraph
from ..model import Block as InputBlock
from ..model import ItemList, Section
from ..model import Paragraph as InputParagraph
from ..validate import Report
from .footnotes import FootnoteNumbering

PART_ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]
MAX_DEPTH = 5
LETTERS = "abcdefghiklmnopqrstuvxy"


def part_label(index: int) -> str:
    """'Phần thứ nhất' for index 0; past ten parts, digits."""
    ordinal = PART_ORDINALS[index] if index < len(PART_ORDINALS) else str(index + 1)
    return f"Phần thứ {ordinal}"


def roman(number: int) -> str:
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, letters in numerals:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def letter(number: int) -> str:
    """a, b, c … for 1, 2, 3 …; aa, ab … past the alphabet."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, len(LETTERS))
        out = LETTERS[rest] + out
    return out


def heading_label(path: tuple[int, ...]) -> str:
    """Label of a heading from its position: path[0] is the I./II. index (1-based)."""
    depth = len(path)
    if depth == 1:
        return f"{roman(path[0])}."
    if depth == MAX_DEPTH:
        return f"{letter(path[-1])}."
    return ".".join(str(n) for n in path[1:]) + "."


def item_label(style: str, number: int) -> str:
    return {"(1)": f"({number})", "(1).": f"({number}).", "1.": f"{number}."}[style]


class _Flattener:
    def __init__(self, notes: FootnoteNumbering, findings: Findings):
        self.notes, self.findings = notes, findings
        self.last_item = 0  # number of the last item written, for `continue: true`

    def part(self, index: int, part: Section) -> Iterator[Block]:
        self.notes.check_title(part)
        yield Heading(0, part_label(index), part.title, part.src, part.remark)
        yield from self.body(part.body)
        for i, child in enumerate(part.sections, start=1):
            yield from self.section(child, (i,))

    def section(self, section: Section, path: tuple[int, ...]) -> Iterator[Block]:
        if len(path) > MAX_DEPTH:  # reported once for the branch, which is not walked on
            self.findings.error(section.src, "QT120", "mục lồng quá sâu",
                                f"headings nest {len(path)} levels deep; the report has "
                                f"{MAX_DEPTH} (I. → 1. → 1.1. → 1.1.1. → a.)",
                                "move this section up a level, or make it a numbered list")
            return
        self.notes.check_title(section)
        yield Heading(len(path), heading_label(path), section.title, section.src, section.remark)
        yield from self.body(section.body)
        for i, child in enumerate(section.sections, start=1):
            yield from self.section(child, (*path, i))

    def body(self, blocks: list[InputBlock]) -> Iterator[Block]:
        for block in blocks:
            if isinstance(block, InputParagraph):
                yield self.paragraph(block.text, block.src, None, block.remark)
            else:
                yield from self.items(block)

    def items(self, block: ItemList) -> Iterator[Block]:
        number = self.last_item if block.continue_ else 0
        for i, item in enumerate(block.items):
            number += 1
            remarks = [r for r in (block.remark if i == 0 else None, item.remark) if r]
            remark = "\n".join(remarks) or None
            (first, *rest), (first_src, *rest_src) = item.paragraphs, item.paragraph_srcs
            yield self.paragraph(first, first_src, item_label(block.style, number), remark)
            for text, src in zip(rest, rest_src, strict=True):
                yield self.paragraph(text, src, None, None)
        self.last_item = number

    def paragraph(self, text: str, src, label: str | None, remark: str | None) -> Paragraph:
        template, numbers = self.notes.mark(text, src)
        return Paragraph(template, src, label, remark, numbers)


def flatten(report: Report, notes: FootnoteNumbering, findings: Findings) -> list[Block]:
    """The report as a flat list of headings and paragraphs in reading order."""
    flat = _Flattener(notes, findings)
    blocks: list[Block] = []
    for index, part in enumerate(report.parts):
        blocks.extend(flat.part(index, part))
    if report.closing is not None:
        blocks.extend(flat.body(report.closing.body))
    return blocks
