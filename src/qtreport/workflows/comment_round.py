"""The comment round as workflows: `feedback add` (returned copies into the register),
`feedback list` and `feedback table` (the register as the synthesis table), `feedback
apply` (reviewers' tracked edits into the YAML).

Each checks the report first (pipeline.py), reads copies through readers/returned_copy.py,
places their items with feedback/mapping.py, and writes through feedback/register.py (the
register, added to at its end) or feedback/apply.py and writers/yaml_text.py (the YAML,
all files or none).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import ast, rules
from ..diagnostics import Findings, Severity, SourceRef
from ..feedback.apply import Change, Plan, plan_changes
from ..feedback.letters import GENERAL, letter_entries
from ..feedback.mapping import COPY_SHARE, Entry, Index, place_items, shortened
from ..feedback.register import HEADER, append_entries, entry_yaml, load_register
from ..feedback.synthesis import synthesis_document
from ..folding import folded
from ..pipeline import Paths, Result, check, check_folder, write_document
from ..readers.git import GitError, export_tree, known_commit
from ..readers.letter import Letter, read_letter
from ..readers.returned_copy import read_copy
from ..readers.yaml import MAX_FILE_BYTES
from ..validate.models import TAKEN_IN
from ..word.package import PackageError
from ..write import ChangedSinceRead, Replacement, write_together
from ..writers.docx import write_docx
from ..writers.yaml_text import line_added

# -- the comment round ------------------------------------------------------------------------

@dataclass(kw_only=True)
class FeedbackResult:
    findings: Findings
    added: list[Entry] = field(default_factory=list)  # new entries, in the order added
    known: int = 0  # entries the register already had
    register: Path | None = None  # where they were written


def feedback_add(paths: Paths, copies: list[Path], unit: str | None,
                 round_name: str) -> FeedbackResult:
    """Read each returned copy and add its comments and changes to feedback/<round>.yaml,
    placed where their passages are now. A file that cannot be read is a finding; the
    others are still read."""
    current = check_folder(paths.root, paths.data, paths.templates)
    if current.document is None:  # the report's errors: nothing can be placed in it
        return FeedbackResult(findings=current.findings)
    result = FeedbackResult(findings=Findings())  # the report's own warnings are check's to tell
    target = paths.feedback / f"{round_name}.yaml"
    known = _register_ids(paths, target, result.findings)
    if known is None:
        return result
    index, older = Index(current.document), _Older(paths, result.findings)
    room = MAX_FILE_BYTES - _register_size(target, round_name)  # what check still reads
    texts: list[str] = []  # the new entries as YAML, in the order added
    for path in copies:
        where = SourceRef(paths.name(path), 1)
        placed = _entries_of(path, unit, index, older, current.document, where,
                             result.findings)
        if placed is None:
            continue
        new = [entry for entry in placed if entry.id not in known]
        result.known += len(placed) - len(new)
        written = [entry_yaml(entry) for entry in new]  # as the register will hold them
        size = sum(len(text.encode("utf-8")) for text in written)
        if size > room:
            result.findings.report(rules.REGISTER_FULL, where, "sổ góp ý sẽ quá lớn",
                                   f"its {len(new):,} new entries would make {paths.name(target)}"
                                   f" larger than check reads ({MAX_FILE_BYTES:,} bytes): "
                                   "they are not added")
            continue
        room -= size
        for entry, text in zip(new, written, strict=True):
            if entry.id in known:  # the same comment twice in one copy
                result.known += 1
                continue
            known.add(entry.id)
            result.added.append(entry)
            texts.append(text)
            if entry.unplaced and entry.unplaced != GENERAL:  # a general remark: by design
                passage = shortened(entry.passage, 60)
                result.findings.report(rules.FEEDBACK_UNPLACED, where,
                                       f"không xác định được vị trí: “{passage}”",
                                       f"{entry.kind} by {entry.author or entry.unit}: "
                                       f"{entry.unplaced}")
    if result.added:
        append_entries(target, round_name, texts)
        result.register = target
    return result


def _entries_of(path: Path, unit: str | None, index: Index, older: _Older,
                document: ast.Document, where: SourceRef,
                findings: Findings) -> list[Entry] | None:
    """The entries of one file that comes back: a returned copy's comments and changes,
    or a letter's points (a plain-text file, or a Word file with no mark of the draft, no
    comment and no change, whose text is not the report's); None, with a finding, when it
    gives none."""
    try:
        if path.suffix.lower() in (".txt", ".text"):
            return _letter_entries(read_letter(path), unit, index, where, findings)
        copy = read_copy(path)
        if not copy.bookmarks and copy.version is None and \
                index.share_known(copy.texts) < COPY_SHARE:
            if not copy.items:
                return _letter_entries(read_letter(path), unit, index, where, findings)
            findings.report(rules.COPY_OF_ANOTHER_DOCUMENT, where,
                            "tệp không phải bản của dự thảo này",
                            "the file has no mark of a draft qtreport built, and few of its "
                            "paragraphs are the report's: it is not a copy of this report")
            return None
    except PackageError as err:
        findings.report(rules.COPY_UNREADABLE, where, err.message, err.message_en, err.hint)
        return None
    if not copy.items:
        findings.report(rules.COPY_WITHOUT_FEEDBACK, where, "bản góp ý không có ý kiến nào",
                        "the copy has no Word comment and no tracked change")
        return None
    then = older.index(copy.commit, where) \
        if copy.version not in (None, document.meta.version) else None
    return place_items(copy, unit, index, then)


def _letter_entries(letter: Letter, unit: str | None, index: Index, where: SourceRef,
                    findings: Findings) -> list[Entry] | None:
    if not letter.points:
        findings.report(rules.COPY_WITHOUT_FEEDBACK, where, "văn bản góp ý không có ý kiến nào",
                        "the letter has no numbered point, table row or remark to register "
                        "(its header and signature are left out)")
        return None
    return letter_entries(letter, unit, index)


def _register_size(target: Path, round_name: str) -> int:
    try:
        return target.stat().st_size
    except OSError:
        return len(HEADER.format(round=round_name).encode("utf-8"))


def _register_ids(paths: Paths, target: Path, findings: Findings) -> set[str] | None:
    """The ids the register already has; None (with a finding) when it cannot be added to."""
    if not target.exists():
        return set()
    name = paths.name(target)
    loaded = load_register(target, name, paths.feedback, findings)
    if loaded is None or list(loaded.source.data)[-1] != "entries":
        findings.report(rules.REGISTER_UNWRITABLE, SourceRef(name, 1),
                        "không ghi thêm được vào sổ góp ý",
                        f"{name} cannot be added to: it must load, with 'entries:' its last key")
        return None
    return {entry.id for entry in loaded.register.entries}


class _Older:
    """Older drafts, built again from git by commit, to place the comments of their copies."""
    def __init__(self, paths: Paths, findings: Findings):
        self.paths, self.findings = paths, findings
        self.built: dict[str, Index | None] = {}

    def index(self, stamp: str | None, where: SourceRef) -> Index | None:
        """The older draft a copy's stamp names, built again; None (placed by the copy's
        own words) when the stamp names no commit of this repository."""
        if stamp is None:
            return None
        commit = known_commit(self.paths.root, stamp)
        if commit is None:
            shown = stamp if len(stamp) <= 50 else stamp[:50] + "…"
            self.findings.report(rules.COPY_STAMP_UNKNOWN, where,
                                 "dấu phiên bản của bản góp ý không hợp lệ",
                                 f"the copy's version stamp {shown!r} is not a commit of this "
                                 "repository: its comments are placed by their marks and words")
            return None
        if commit not in self.built:
            self.built[commit] = self._build(commit)
        return self.built[commit]

    def _build(self, commit: str) -> Index | None:
        folders = [self.paths.name(folder) for folder in (self.paths.data, self.paths.templates)]
        with tempfile.TemporaryDirectory(prefix="qtreport-old-") as work:
            root = Path(work)
            try:
                export_tree(self.paths.root, commit, folders, root)
            except GitError:
                return None  # placed by the copy's own words instead
            old = check_folder(root, root / folders[0], root / folders[1])
        return Index(old.document) if old.document is not None else None


def feedback_document(paths: Paths, round_name: str, status: str | None = None,
                      unit: str | None = None) -> tuple[Result, ast.Document | None]:
    """The synthesis table of a round as a document tree, its entries kept to a status or
    a unit if asked (`feedback list`); the check's result beside it."""
    result = check(paths, text_checks=False)
    if result.document is None:
        return result, None
    path = paths.feedback / f"{round_name}.yaml"
    name = paths.name(path)
    register = result.registers.get(name)
    if register is None:
        if not path.exists():  # else the register's own findings say what is wrong
            result.findings.report(rules.FILE_UNREADABLE, SourceRef(name, 1),
                                   "không có sổ góp ý của vòng này",
                                   f"there is no {name}", "run qtreport feedback add first, "
                                   "or name the round with --round")
        return result, None
    # a unit as a user types it: part of its name, in any case, with or without accents
    wanted = folded(unit) if unit is not None else None
    entries = [entry for entry in register.entries
               if (status is None or entry.status == status)
               and (wanted is None or wanted in folded(entry.unit))]
    if unit is not None and register.entries and not any(
            wanted and wanted in folded(entry.unit) for entry in register.entries):
        units = ", ".join(dict.fromkeys(entry.unit for entry in register.entries))
        result.findings.report(rules.FEEDBACK_UNIT_UNKNOWN, SourceRef(name, 1),
                               f"không có ý kiến nào của đơn vị '{unit}'",
                               f"no entry's unit holds '{unit}' (case and accents aside); the "
                               f"register's units: {units}")
    return result, synthesis_document(result.document, entries, SourceRef(name, 1),
                                      register.round)


def feedback_table(paths: Paths, round_name: str) -> Result:
    """feedback/<round>.yaml as build/<output>-tong-hop-gop-y.docx; the table must be
    complete: an entry whose answer is missing is an error here, and nothing is written."""
    result, document = feedback_document(paths, round_name)
    unanswered = [f for f in result.findings.items
                  if f.code == rules.FEEDBACK_RESPONSE_MISSING.code]
    if unanswered:
        result.findings.items = [
            replace(f, severity=Severity.ERROR, hint="the synthesis table prints every "
                    "answer: write it under 'response:', then make the table")
            if f in unanswered else f for f in result.findings.items]
        return result
    if document is None or not result.ok:
        return result
    target = paths.out / f"{document.meta.output}.docx"
    if write_document(paths, target, write_docx(document), result.findings):
        result.output = target
    return result


# -- reviewers' tracked changes into the YAML --------------------------------------------------

@dataclass
class ApplyResult:
    findings: Findings
    plan: Plan | None = None
    written: list[Path] = field(default_factory=list)


def feedback_apply(paths: Paths, copies: list[Path], round_name: str,
                   dry_run: bool) -> ApplyResult:
    """Write reviewers' tracked changes into the YAML: those of `copies`, or, without
    copies, the register's changes the team took in (tiếp thu) and has not yet applied."""
    current = check_folder(paths.root, paths.data, paths.templates)
    result = ApplyResult(current.findings if current.document is None else Findings())
    if current.document is None:
        return result
    target = paths.feedback / f"{round_name}.yaml"
    changes = _copy_changes(paths, copies, current.document, result.findings) if copies \
        else _register_changes(paths, target, result.findings)
    if changes is None:
        return result
    plan = plan_changes(current.document, lambda name: _read_text(paths, name), changes)
    result.plan = plan
    if plan.texts and not _still_checks(paths, current, plan.texts, result.findings):
        plan.texts.clear()
        return result
    if dry_run:
        return result

    replacements = [Replacement(paths.root / name, text.encode("utf-8"), plan.originals[name])
                    for name, text in plan.texts.items()]
    applied = [c.entry for c in plan.written if c.entry is not None]
    if applied:
        marked = _mark_applied(paths, target, applied)
        if marked is not None:
            replacements.append(Replacement(target, marked[1].encode("utf-8"), marked[0]))
    try:
        write_together(replacements)
    except ChangedSinceRead as err:
        result.findings.report(rules.APPLY_FILE_CHANGED, SourceRef(paths.name(err.path), 1),
                               "tệp đã được sửa trong lúc ghi: không ghi gì",
                               f"{paths.name(err.path)} changed on disk while the edits were "
                               "made: nothing was written, the file's own change is kept")
        return result
    except OSError as err:
        where = Path(err.filename) if err.filename else paths.root
        result.findings.report(rules.DOCUMENT_NOT_WRITTEN, SourceRef(paths.name(where), 1),
                               "không ghi được các thay đổi: không tệp nào bị sửa",
                               f"cannot write the edits ({err.strerror or err}): no file was "
                               "changed")
        return result
    result.written = [r.target for r in replacements]
    return result


def _read_text(paths: Paths, name: str) -> str:
    """A YAML file the report was built from, as `feedback apply` edits it."""
    path = Path(name) if Path(name).is_absolute() else paths.root / name
    return path.read_text(encoding="utf-8")


def _copy_changes(paths: Paths, copies: list[Path], document: ast.Document,
                  findings: Findings) -> list[Change]:

    index, changes = Index(document), []
    for path in copies:
        try:
            copy = read_copy(path)
        except PackageError as err:
            findings.report(rules.COPY_UNREADABLE, SourceRef(paths.name(path), 1), err.message,
                            err.message_en, err.hint)
            continue
        for entry in place_items(copy, None, index, None):
            if entry.kind != "comment":
                changes.append(
                    Change(
                        anchor=entry.anchor,
                        before=entry.before,
                        old=entry.old,
                        new=entry.new,
                        label=f"{copy.name}: {entry.comment}",
                    )
                )
    return changes


def _register_changes(paths: Paths, target: Path, findings: Findings) -> list[Change] | None:
    name = paths.name(target)
    loaded = load_register(target, name, paths.feedback, findings) if target.exists() else None
    if loaded is None:
        if not findings.errors:
            findings.report(rules.FILE_UNREADABLE, SourceRef(name, 1),
                            "không có sổ góp ý của vòng này", f"there is no {name}",
                            "give the returned copies, or run qtreport feedback add first")
        return None
    return [Change(anchor=e.anchor, before=e.before or "", old=e.old or "", new=e.new or "",
                   label=f"{e.id} ({e.unit}): {e.comment or ''}", entry=i)
            for i, e in enumerate(loaded.register.entries)
            if e.kind != "comment" and e.status == TAKEN_IN and not e.applied]


def _still_checks(paths: Paths, current: Result, texts: dict[str, str],
                  findings: Findings) -> bool:
    """The edited report, in a copy, checks without errors; else its errors, and no write.
    The copy is made of the files the check read, from what it read (no link followed,
    nothing but the report's own YAML copied)."""
    with tempfile.TemporaryDirectory(prefix="qtreport-apply-") as work:
        root = Path(work)
        data, templates = root / "data", root / "templates"
        for folder in (data, templates):
            folder.mkdir()
        for name, text in {**current.texts, **texts}.items():
            copy = _in_copy(paths, name, data, templates)
            if copy is not None:
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_text(text, encoding="utf-8")
        after = check_folder(root, data, templates)
    findings.items.extend(f for f in after.findings.items if f.severity == "error")
    return not after.findings.errors


def _in_copy(paths: Paths, name: str, data: Path, templates: Path) -> Path | None:
    """Where a source file named `name` goes in the copy of data/ and templates/."""
    path = (Path(name) if Path(name).is_absolute() else paths.root / name)
    for folder, copy in ((paths.data, data), (paths.templates, templates)):
        if path.is_relative_to(folder):
            return copy / path.relative_to(folder)
    return None


def _mark_applied(paths: Paths, target: Path, entries: list[int]) -> tuple[str, str] | None:
    """The register as read and with `applied: true` under the status of each entry
    written, nothing else touched."""
    loaded = load_register(target, paths.name(target), paths.feedback, Findings())
    if loaded is None:
        return None
    text = loaded.source.text
    for index in sorted(entries, reverse=True):
        status = loaded.source.ref(("entries", index, "status"))
        text = line_added(text, status.line, status.column, "applied: true")
    return target.read_text(encoding="utf-8"), text



