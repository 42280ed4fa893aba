"""`qtreport import DRAFT.docx --into DIR`: a report in Word (readers/word_draft/) written
as a new report's YAML sources (writers/sources.py), with the starter's templates."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import rules
from ..diagnostics import Findings, SourceRef
from ..readers.word_draft import read_word
from ..write import write_atomic
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
    sources = write_sources(document, draft.name)
    files = {into / name: text for name, text in sources.files.items()}
    files.update(starter_templates(into))
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


def _own_files(folder: Path) -> list[Path]:
    """The files under `folder`, links not followed (a link is removed, not its target)."""

    if folder.is_symlink() or not folder.is_dir():
        return []
    found = []
    for top, _dirs, names in os.walk(folder):  # os.walk follows no link by default
        found += [Path(top) / name for name in names]
    return found
