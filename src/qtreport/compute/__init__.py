"""Stage 3, compute: number headings and items, order footnotes.

- numbering.py: heading labels from position, item labels "(1)", list continuation
- footnotes.py: footnote markers in reading order -> numbers 1…N, reference checks
- indicators.py: growth, ratios, sums, averages, assessments and the summary count
"""

from __future__ import annotations

from ..diagnostics import Findings
from ..document import Document
from ..model import FrontMatter
from ..validate import IndicatorData, Report
from .footnotes import FootnoteNumbering
from .indicators import compute_indicators
from .numbering import flatten


def compute(report: Report, data: IndicatorData | None, front: FrontMatter | None,
            findings: Findings) -> Document:
    notes = FootnoteNumbering(report, findings)
    blocks = flatten(report, notes, findings)
    notes.report_unused()
    if data is None:
        return Document(report.meta, blocks, notes.notes, front_matter=front)
    results = compute_indicators(data.targets, data.actuals, findings)
    return Document(report.meta, blocks, notes.notes, results, data.layouts, front)
