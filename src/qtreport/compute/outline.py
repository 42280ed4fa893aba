"""The report in reading order: every heading with its label, every paragraph and numbered
item with its footnotes numbered, every node with its anchor.

Text is still a template here (the expand stage fills it); footnote markers have become
numbered marks (notes.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from .. import ast, rules
from ..diagnostics import Findings, SourceRef
from ..numbering import MAX_DEPTH, heading_label, item_label, part_label
from ..record import Record
from ..validate.models import Block, ItemList, Paragraph, PlanItemList
from ..validate.report import Report, ReportSection
from .anchors import HEADING, ITEM, PARAGRAPH, Anchors
from .notes import FootnoteNumbering
from .remarks import remark_of
from .targets import PlanSentence


class OutlineHeading(Record, kw_only=True):
    depth: int  # 0 = part, 1 = I., 2 = 1., 3 = 1.1., 4 = 1.1.1., 5 = a.
    label: str  # "Phần thứ nhất", "I.", "2.1.", "a."
    title: str
    src: SourceRef
    anchor: str
    remark: ast.Remark | None = None


class OutlineParagraph(Record, kw_only=True):
    template: str  # Jinja source, footnote markers replaced by numbered marks
    notes: tuple[int, ...]  # the footnote numbers, in the order of the text
    src: SourceRef
    anchor: str
    remark: ast.Remark | None = None
    typed_figures: str | None = None  # why its typed figures stand as typed


class OutlineItem(Record, kw_only=True):
    """A numbered item: its first paragraph follows the label."""

    label: str  # "(1)", "(1).", "1."
    paragraphs: tuple[OutlineParagraph, ...]
    src: SourceRef
    anchor: str
    remark: ast.Remark | None = None
    worded_from: str | None = None  # items_from: the plan row that words it (ast.ListItem)


OutlineBlock = OutlineHeading | OutlineParagraph | OutlineItem


def outline(report: Report, notes: FootnoteNumbering, anchors: Anchors, findings: Findings,
            plan: Mapping[str, tuple[PlanSentence, ...]],
            plan_file: str | None = None) -> tuple[OutlineBlock, ...]:
    """The parts, their sections and the closing as one flat sequence in reading order;
    `plan`: the next resolution's lists, for `items_from:`."""
    walker = _Walker(notes, anchors, findings, plan, plan_file)
    blocks: list[OutlineBlock] = []
    for index, part in enumerate(report.parts):
        blocks.extend(walker.part(index, part))
    if report.closing is not None:
        blocks.extend(walker.body(report.closing.body))
    return tuple(blocks)


class _Walker:
    def __init__(self, notes: FootnoteNumbering, anchors: Anchors, findings: Findings,
                 plan: Mapping[str, tuple[PlanSentence, ...]], plan_file: str | None):
        self.notes, self.anchors, self.findings, self.plan = notes, anchors, findings, plan
        self.plan_file = plan_file
        self.last_item = 0  # number of the last item written, for `continue: true`

    def part(self, index: int, part: ReportSection) -> Iterator[OutlineBlock]:
        yield self.heading(0, part_label(index), part)
        yield from self.body(part.body)
        for i, child in enumerate(part.sections, start=1):
            yield from self.section(child, (i,))

    def section(self, section: ReportSection, path: tuple[int, ...]) -> Iterator[OutlineBlock]:
        if len(path) > MAX_DEPTH:  # reported once for the branch, which is not walked on
            self.findings.report(rules.HEADINGS_TOO_DEEP, section.src, "mục lồng quá sâu",
                                 f"headings nest {len(path)} levels deep; the report has "
                                 f"{MAX_DEPTH} (I. → 1. → 1.1. → 1.1.1. → a.)")
            return
        yield self.heading(len(path), heading_label(path), section)
        yield from self.body(section.body)
        for i, child in enumerate(section.sections, start=1):
            yield from self.section(child, (*path, i))

    def heading(self, depth: int, label: str, section: ReportSection) -> OutlineHeading:
        self.notes.check_title(section.title, section.src)
        return OutlineHeading(depth=depth, label=label, title=section.title, src=section.src,
                              anchor=self.anchors.of_text(HEADING, section.title),
                              remark=remark_of(section.remark))

    def body(self, blocks: Sequence[Block]) -> Iterator[OutlineBlock]:
        for block in blocks:
            if isinstance(block, Paragraph):
                yield self.paragraph(block.text, block.src, remark_of(block.remark),
                                     block.typed_figures)
            elif isinstance(block, PlanItemList):
                yield from self.plan_items(block)
            else:
                yield from self.items(block)

    def items(self, block: ItemList) -> Iterator[OutlineItem]:
        number = self.last_item if block.continue_ else 0
        for i, item in enumerate(block.items):
            number += 1
            remarks = [r for r in (block.remark if i == 0 else None, item.remark) if r]
            remark = remark_of(*remarks)
            paragraphs = tuple(self.paragraph(text, src, None, item.typed_figures)
                               for text, src in zip(item.paragraphs, item.paragraph_srcs,
                                                    strict=True))
            yield OutlineItem(
                label=item_label(block.style, number),
                paragraphs=paragraphs,
                src=item.src,
                anchor=self.anchors.of_text(ITEM, item.paragraphs[0]),
                remark=remark,
            )
        self.last_item = number

    def plan_items(self, block: PlanItemList) -> Iterator[OutlineItem]:
        """The targets of a list of the plan, one item each, anchored by the row's id (a
        changed number keeps it)."""
        sentences = self.plan.get(block.items_from)
        if sentences is None:
            self.findings.report(rules.UNKNOWN_PLAN_LIST, block.src,
                                 f"không có danh sách chỉ tiêu '{block.items_from}'",
                                 f"the plan{f' ({self.plan_file})' if self.plan_file else ''}"
                                 f" has no list '{block.items_from}'",
                                 f"lists of the plan: {', '.join(sorted(self.plan))}"
                                 if self.plan else "data/report.yaml names no plan "
                                 "(plan: targets_….yaml)")
            return
        number = self.last_item if block.continue_ else 0
        for i, target in enumerate(sentences):
            number += 1
            paragraph = OutlineParagraph(
                template=target.text,
                notes=(),
                src=target.src,
                anchor=self.anchors.of_name(PARAGRAPH, target.indicator_id),
            )
            yield OutlineItem(
                label=item_label(block.style, number),
                paragraphs=(paragraph,),
                src=target.src,
                anchor=self.anchors.of_name(ITEM, target.indicator_id),
                remark=remark_of(block.remark) if i == 0 else None,
                worded_from=f"'{target.indicator_id}' in {target.src}" + (
                    f" (its says: at line {target.says.line})" if target.says else ""),
            )
        self.last_item = number

    def paragraph(self, text: str, src: SourceRef, remark: ast.Remark | None,
                  typed_figures: str | None = None) -> OutlineParagraph:
        template, numbers = self.notes.mark(text, src)
        return OutlineParagraph(
            template=template,
            notes=numbers,
            src=src,
            anchor=self.anchors.of_text(PARAGRAPH, text),
            remark=remark,
            typed_figures=typed_figures,
        )
