"""`qtreport import DRAFT.docx --into DIR`: a report in Word (readers/word_draft/) written
as a new report's YAML sources (writers/sources.py), with the starter's templates."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import ast, rules
from ..diagnostics import Findings, SourceRef
from ..readers.word_draft import read_word
from ..readers.word_draft.appendix import read_appendix
from ..write import write_atomic
from ..writers.indicator_sources import indicator_files, summary
from ..writers.sources import TABLES, write_sources
from .new_report import refuse_existing, starter_templates

# -- importing a report from Word ---------------------------------------------------------------

@dataclass
class ImportResult:
    findings: Findings
    written: list[Path] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def import_report(draft: Path, into: Path, force: bool = False) -> ImportResult:
    """`draft` (a .docx) as a new report's YAML sources under `into`, with the starter's
    templates. Nothing is written over an existing file unless `force`; with `force`, the
    files of an earlier import that this one no longer has are removed (data/ and
    imported-tables/ are the import's own), so the folder holds this report alone.
    ScaffoldError when `into` has files it would write over."""

    result = ImportResult(Findings())
    document = read_word(draft, result.findings)
    if document is None:
        return result
    appendices = [found for ordinal, table in enumerate(document.tables, start=1)
                  if (found := read_appendix(table, ordinal, result.findings, draft.name))]
    indicators, data = indicator_files(appendices, draft.name) if appendices else (None, {})
    sources = write_sources(document, draft.name, indicators,
                            frozenset(a.anchor for a in appendices))
    files = {into / name: text for name, text in sources.files.items()}
    files.update(starter_templates(into))
    files.update({into / name: text for name, text in data.items()})
    files[into / "README.md"] = _readme(draft.name, sources.counts, appendices)
    sources.counts["indicators"] = sum(len(list(a.indicators())) for a in appendices)
    if force:
        stale = [path for folder in ("data", TABLES) for path in _own_files(into / folder)
                 if path not in files]
    else:
        refuse_existing(list(files))
        stale = []
    try:

        for path, text in files.items():
            write_atomic(path, text.encode("utf-8"))
            result.written.append(path)
        for path in stale:
            path.unlink()
    except OSError as err:
        result.findings.report(rules.DOCUMENT_NOT_WRITTEN, SourceRef(str(into), 1),
                               "không ghi được báo cáo mới",
                               f"cannot write the new report: {err.strerror or err}")
    result.counts = sources.counts
    return result


def _readme(draft: str, counts: dict[str, int], appendices: list[ast.DraftAppendix]) -> str:
    """The new folder's README: what the import made of the draft."""
    lines = [f"# Báo cáo nhập từ {draft} (imported from Word)", "",
             f"{counts['parts']} parts, {counts['sections']} sections, {counts['paragraphs']} "
             f"paragraphs, {counts['items']} items, {counts['notes']} notes.", ""]
    if appendices:
        lines += ["Appendix tables read as indicator data (data/, templates/appendices/):", ""]
        lines += [f"- {line}" for line in summary(appendices)]
        lines += ["", "The draft's comparison figures are pinned (`official:`) and its "
                  "assessments kept (`stated:`): `qtreport check` says where they disagree "
                  "with the draft's own yearly figures; `qtreport indicators` shows the "
                  "tables assessed.", ""]
    if counts["tables"]:
        lines += [f"{counts['tables']} other tables are kept as rows in {TABLES}/.", ""]
    lines += ["Next: `qtreport check`, then `qtreport build` (docs/adopting.md of qtreport).", ""]
    return "\n".join(lines)


def _own_files(folder: Path) -> list[Path]:
    """The files under `folder`, links not followed (a link is removed, not its target)."""

    if folder.is_symlink() or not folder.is_dir():
        return []
    found = []
    for top, _dirs, names in os.walk(folder):  # os.walk follows no link by default
        found += [Path(top) / name for name in names]
    return found
