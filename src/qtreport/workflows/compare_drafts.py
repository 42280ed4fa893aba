"""`qtreport diff OLD [NEW]`: two drafts, each a git revision or a report folder, checked
(pipeline.py) and compared (diff/) into build/<output>-so-sanh.docx, the newer draft
with its changes tracked."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from .. import ast, rules
from ..diagnostics import Findings, SourceRef
from ..diff import compare
from ..diff.summary import Summary
from ..pipeline import Paths, Result, check_folder, write_document
from ..readers.git import GitError, commit_date, export_tree, head_commit, resolve
from ..writers.docx import write_docx

# -- comparing two drafts ---------------------------------------------------------------------

FIXED_DATE = "2000-01-01T00:00:00Z"  # the revisions' date when no commit gives one


@dataclass(kw_only=True)
class DiffResult:
    findings: Findings
    summary: Summary | None = None
    output: Path | None = None
    old_name: str = ""
    new_name: str = ""


def compare_drafts(paths: Paths, old: str, new: str | None, author: str,
                   date: str | None) -> DiffResult:
    """build/<output>-so-sanh.docx: draft `new` (the working tree if None) with its changes
    from draft `old` tracked. `old` and `new` are git revisions or report folders."""


    result = DiffResult(findings=Findings())
    with tempfile.TemporaryDirectory(prefix="qtreport-diff-") as work:
        before = _draft(paths, old, Path(work) / "old", result.findings)
        after = _draft(paths, new, Path(work) / "new", result.findings) if new else \
            (check_folder(paths.root, paths.data, paths.templates), head_commit(paths.root))
    if before is None or after is None:
        return result
    (old_result, _), (new_result, new_commit) = before, after
    for checked in (old_result, new_result):
        if checked.document is None:
            result.findings.items.extend(f for f in checked.findings.items
                                         if f.severity == "error")
    if old_result.document is None or new_result.document is None:
        return result
    # the newer draft's commit date (the working tree's: HEAD's), so the same drafts give
    # the same bytes
    when = date or (commit_date(paths.root, new_commit) if new_commit else None) or FIXED_DATE
    document, summary = compare(old_result.document, new_result.document,
                                ast.Revision(author, when))
    target = paths.out / f"{document.meta.output}-so-sanh.docx"
    if not write_document(paths, target, write_docx(document), result.findings):
        return result
    result.summary, result.output = summary, target
    result.old_name, result.new_name = old, new or "the working tree"
    return result


def _draft(paths: Paths, which: str, work: Path,
           findings: Findings) -> tuple[Result, str | None] | None:
    """The draft named `which`: a report folder (its data/ and templates/, or a data
    folder with the templates of this one), else a git revision built from its files."""

    folder = (Path.cwd() / which).resolve()
    if (folder / "data" / "report.yaml").is_file():
        return check_folder(folder), None
    if (folder / "report.yaml").is_file():
        return check_folder(folder.parent, folder, paths.templates), None
    commit = resolve(paths.root, which)
    if commit is None:
        findings.report(rules.DRAFT_NOT_FOUND, SourceRef(which, 1),
                        f"không tìm thấy bản dự thảo '{which}'",
                        f"'{which}' is neither a report folder nor a git revision of this "
                        "repository", "name a commit, a branch or a tag (git log shows them), "
                        "or a folder that holds data/report.yaml")
        return None
    names = [paths.name(paths.data), paths.name(paths.templates)]
    try:
        export_tree(paths.root, commit, names, work)
    except GitError as err:
        findings.report(rules.DRAFT_NOT_FOUND, SourceRef(which, 1),
                        f"không lấy được bản dự thảo '{which}' từ git",
                        f"git cannot give the files of '{which}': {err}")
        return None
    return check_folder(work, work / names[0], work / names[1]), commit



