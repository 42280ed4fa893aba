"""Stage 3, compute: everything the document needs that is not in the YAML as written.

- numbering.py: heading labels from position (I., 1., 1.1. …), item labels "(1)"
- notes.py: footnote markers in reading order -> numbers 1…N, reference checks
- outline.py: the report in reading order, headings and items labelled, notes numbered
- indicators.py: growth, ratios, sums, averages, assessments and the tallies, all final
- targets.py: targets worded, numbers filled in; the next resolution's lists as sentences
- anchors.py: the stable id of every node

What this stage leaves is final: the expand stage fills in templates from it and computes
nothing more.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..diagnostics import Findings, SourceRef
from ..record import Record
from ..validate import Validated
from ..validate.indicator_models import AppendixLayout
from ..validate.models import ReportMeta, StyleSheet
from .anchors import FRONT, Anchors
from .indicators import IndicatorResults, compute_indicators
from .notes import FootnoteNumbering, NumberedNote
from .outline import OutlineBlock, outline
from .targets import plan_lists


class FrontLine(Record, kw_only=True):
    """A paragraph of the first page's block (templates/front-matter.yaml)."""

    style: str
    template: str
    src: SourceRef
    anchor: str


class Computed(Record, kw_only=True):
    meta: ReportMeta
    front: tuple[FrontLine, ...]
    blocks: tuple[OutlineBlock, ...]
    notes: tuple[NumberedNote, ...]
    indicators: IndicatorResults | None  # None: the report has no indicator data
    layouts: Mapping[str, AppendixLayout]
    stylesheet: StyleSheet


def compute(validated: Validated, findings: Findings) -> Computed:
    anchors = Anchors()
    report = validated.report
    front = tuple(
        FrontLine(
            style=line.style,
            template=line.text,
            src=line.src,
            anchor=anchors.of_text(FRONT, line.text),
        )
        for line in (validated.front_matter.root if validated.front_matter else [])
    )
    notes = FootnoteNumbering(report.parts, report.closing, anchors, findings)
    blocks = outline(report, notes, anchors, findings, plan_lists(validated.plan),
                     validated.plan.src.file if validated.plan is not None else None)
    notes.report_unused()
    data = validated.indicators
    results = compute_indicators(data.targets, data.actuals, data.as_of, anchors, findings) \
        if data is not None else None
    return Computed(
        meta=report.meta,
        front=front,
        blocks=blocks,
        notes=tuple(notes.notes),
        indicators=results,
        layouts=data.layouts if data is not None else {},
        stylesheet=validated.stylesheet,
    )
