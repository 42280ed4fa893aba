"""Stage 3, compute: number headings and items, order footnotes.

- numbering.py: heading labels from position, item labels "(1)", list continuation
- footnotes.py: footnote markers in reading order -> numbers 1…N, reference checks
"""

from __future__ import annotations

from ..diagnostics import Findings
from ..document import Document
from ..validate import Report
from .footnotes import FootnoteNumbering
from .numbering import flatten


def compute(report: Report, findings: Findings) -> Document:
    notes = FootnoteNumbering(report, findings)
    blocks = flatten(report, notes, findings)
    notes.report_unused()
    return Document(report.meta, blocks, notes.notes)
