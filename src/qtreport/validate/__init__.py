"""Stage 2, validate: the loaded YAML -> pydantic models (models.py) -> one typed report.

- schema.py: runs a model on a file; its errors become findings at file:line
- report.py: data/report.yaml and the section files, includes resolved into a new tree
- indicators.py: the targets, the yearly figures, the appendix layouts, the next plan
- templates.py: the style sheet and the first page's block
- feedback.py: the registers of the comment rounds (feedback/), validated on their own:
  a register in progress never stops the report (pipeline.py)
"""

from __future__ import annotations

from ..diagnostics import Findings
from ..readers.yaml import LoadedSources
from ..record import Record
from .indicator_models import TargetsFile
from .indicators import (
    IndicatorData,
    indicator_files,
    report_unused,
    validate_indicators,
    validate_plan,
)
from .models import FrontMatter, SpellingAllowList, StyleSheet
from .report import Report, validate_allow_list, validate_report
from .templates import validate_front_matter, validate_stylesheet


class Validated(Record, kw_only=True):
    """Everything the later stages read, each part typed and placed."""

    report: Report
    stylesheet: StyleSheet
    front_matter: FrontMatter | None
    indicators: IndicatorData | None  # None: the report has no indicator data
    plan: TargetsFile | None  # the next resolution's targets, if the report proposes them
    allow: SpellingAllowList | None


def validate(sources: LoadedSources, findings: Findings) -> Validated | None:
    """Every model of every file, reporting every error; None when any is wrong."""
    sheet = validate_stylesheet(sources.styles, findings) if sources.styles else None
    front = validate_front_matter(sources.front_matter, sheet, findings) \
        if sources.front_matter else None
    report = validate_report(sources.data, sources.data_name, findings)
    chosen = indicator_files(sources.data, sources.data_name,
                             report.meta if report else None,
                             report.meta_file if report else None, findings)
    indicators = validate_indicators(sources.data, sources.data_name, chosen,
                                     sources.layouts, findings)
    plan = validate_plan(sources.data, chosen, findings)
    allow = validate_allow_list(sources.data, sources.data_name, findings)
    if report is None or sheet is None or findings.errors:
        return None
    report_unused(sources.data, sources.data_name,
                  {*report.files, *(name for name in (chosen.indicators, chosen.plan) if name)},
                  findings)
    return Validated(
        report=report,
        stylesheet=sheet,
        front_matter=front,
        indicators=indicators,
        plan=plan,
        allow=allow,
    )
