"""The stages wired together, data flowing one way:

    load (readers/yaml.py) → validate (validate/) → compute (compute/) → expand (expand/)
    → lint (lint/) → write: a writer (writers/) and the file on disk (write.py)

`check` runs every stage but the writer; `build` runs them all. Each returns the findings;
a stage whose errors make the next one pointless stops the run there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from . import ast, rules
from .diagnostics import Findings, SourceRef

if TYPE_CHECKING:
    from .feedback.apply import Change, Plan
    from .feedback.mapping import Entry, Index
    from .validate.models import FeedbackRegister


@dataclass
class Paths:
    root: Path  # the repository: every file is named relative to it
    data: Path
    templates: Path
    out: Path
    feedback: Path  # the registers of the comment rounds

    @classmethod
    def at(cls, root: Path, data: Path | None = None, templates: Path | None = None,
           out: Path | None = None) -> Paths:
        return cls(root, data or root / "data", templates or root / "templates",
                   out or root / "build", root / "feedback")

    def name(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix() if path.is_relative_to(self.root) \
            else str(path)


@dataclass
class Result:
    findings: Findings = field(default_factory=Findings)
    document: ast.Document | None = None  # the document tree, when there are no errors
    registers: dict[str, FeedbackRegister] = field(default_factory=dict)  # feedback/
    texts: dict[str, str] = field(default_factory=dict)  # each file of data/, templates/
    output: Path | None = None
    pdf: Path | None = None

    @property
    def ok(self) -> bool:
        return not self.findings.errors


def check(paths: Paths, text_checks: bool = True, registers: bool = True) -> Result:
    """Everything `build` validates, without writing a document; and, unless `text_checks`
    is off (as for `build`), the warnings about the printed text (spelling, spaces …).
    `registers` off leaves feedback/ unread."""
    from .compute import compute
    from .expand import expand
    from .lint import check_storable, lint_document, lint_registers
    from .readers.git import head_commit
    from .readers.yaml import load_sources
    from .validate import validate

    result = Result()
    findings = result.findings
    sources = load_sources(paths.data, paths.templates, paths.root, findings,
                           paths.feedback if registers else None)
    validated = validate(sources, findings)
    if validated is None:
        return result
    document = expand(compute(validated, findings), findings, sources.digest(),
                      head_commit(paths.root))
    if text_checks:
        lint_document(document, validated.allow, findings)
        lint_registers(document, validated.registers, findings)
        files = {**sources.data, **{f.name: f for f in (sources.styles, sources.front_matter,
                                                         *sources.layouts.values()) if f}}
        findings.place_words(lambda f: files[f.file].find_words(f.line, f.words)
                             if f.file in files else None)
    else:
        check_storable(document, findings)
    if not findings.errors:
        result.document = document
        result.registers = validated.registers
        result.texts = sources.texts()
    return result


def build(paths: Paths, review: bool = False, pdf: bool = False,
          fmt: str = "docx", text_checks: bool = False) -> Result:
    """Check, then write build/<output>.docx (or .md) atomically when there is no error.
    The text warnings are check's business, unless `text_checks` asks for them (watch)."""
    result = check(paths, text_checks=text_checks)
    if result.document is None or not result.ok:
        return result
    suffix = "-gop-y" if review and fmt == "docx" else ""  # remarks exist only in Word
    target = paths.out / f"{result.document.meta.output}{suffix}.{fmt}"
    if fmt == "md":
        from .writers.markdown import to_markdown

        blob = to_markdown(result.document).encode("utf-8")
    else:
        from .writers.docx import write_docx

        blob = write_docx(result.document, review=review)
    if not _write(paths, target, blob, result.findings):
        return result
    result.output = target
    if pdf:
        _pdf(paths, result, target)
    return result


def _write(paths: Paths, target: Path, blob: bytes, findings: Findings) -> bool:
    """Write `blob` to `target` atomically; a failure is a finding, not a traceback."""
    from .write import write_atomic

    try:
        write_atomic(target, blob)
    except OSError as err:
        findings.report(rules.DOCUMENT_NOT_WRITTEN, SourceRef(paths.name(target), 1),
                        "không ghi được tệp kết quả",
                        f"cannot write the document: {err.strerror or err}")
        return False
    return True


def _pdf(paths: Paths, result: Result, docx: Path) -> None:
    from .write import PdfError, convert_to_pdf

    target = docx.with_suffix(".pdf")
    try:
        convert_to_pdf(docx, target)
    except (PdfError, OSError) as err:
        result.findings.report(rules.PDF_NOT_WRITTEN, SourceRef(paths.name(target), 1),
                               "không tạo được tệp PDF", str(err))
        return
    result.pdf = target


# -- the comment round ------------------------------------------------------------------------

@dataclass
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
    from .feedback.mapping import Index, place_items
    from .feedback.register import append_entries, entry_yaml
    from .readers.returned_copy import read_copy
    from .readers.yaml import MAX_FILE_BYTES
    from .word.package import PackageError

    current = check(paths, text_checks=False, registers=False)
    if current.document is None:  # the report's errors: nothing can be placed in it
        return FeedbackResult(current.findings)
    result = FeedbackResult(Findings())  # the report's own warnings are check's to tell
    target = paths.feedback / f"{round_name}.yaml"
    known = _register_ids(paths, target, result.findings)
    if known is None:
        return result
    index, older = Index(current.document), _Older(paths, result.findings)
    room = MAX_FILE_BYTES - _register_size(target, round_name)  # what check still reads
    for path in copies:
        where = SourceRef(paths.name(path), 1)
        try:
            copy = read_copy(path)
        except PackageError as err:
            result.findings.report(rules.COPY_UNREADABLE, where, err.message, err.message_en,
                                   err.hint)
            continue
        if not copy.bookmarks and copy.version is None:
            result.findings.report(rules.COPY_OF_ANOTHER_DOCUMENT, where,
                                   "tệp không phải bản của dự thảo này",
                                   "the file has no mark of a draft qtreport built: it is not a "
                                   "copy of this report")
            continue
        if not copy.items:
            result.findings.report(rules.COPY_WITHOUT_FEEDBACK, where,
                                   "bản góp ý không có ý kiến nào",
                                   "the copy has no Word comment and no tracked change")
            continue
        then = older.index(copy.commit, where) \
            if copy.version not in (None, current.document.meta.version) else None
        new = [entry for entry in place_items(copy, unit, index, then) if entry.id not in known]
        result.known += len(copy.items) - len(new)
        size = sum(len(entry_yaml(entry).encode("utf-8")) for entry in new)
        if size > room:
            result.findings.report(rules.REGISTER_FULL, where, "sổ góp ý sẽ quá lớn",
                                   f"its {len(new):,} new entries would make {paths.name(target)}"
                                   f" larger than check reads ({MAX_FILE_BYTES:,} bytes): "
                                   "they are not added")
            continue
        room -= size
        for entry in new:
            if entry.id in known:  # the same comment twice in one copy
                result.known += 1
                continue
            known.add(entry.id)
            result.added.append(entry)
            if entry.unplaced:
                result.findings.report(rules.FEEDBACK_UNPLACED, where,
                                       f"không xác định được vị trí: “{entry.passage[:60]}”",
                                       f"{entry.kind} by {entry.author or entry.unit}: "
                                       f"{entry.unplaced}")
    if result.added:
        append_entries(target, round_name, result.added)
        result.register = target
    return result


def _register_size(target: Path, round_name: str) -> int:
    from .feedback.register import HEADER

    try:
        return target.stat().st_size
    except OSError:
        return len(HEADER.format(round=round_name).encode("utf-8"))


def _register_ids(paths: Paths, target: Path, findings: Findings) -> set[str] | None:
    """The ids the register already has; None (with a finding) when it cannot be added to."""
    from .readers.yaml import load_file
    from .validate.models import FeedbackRegister
    from .validate.schema import validate_model

    if not target.exists():
        return set()
    name = paths.name(target)
    loaded = load_file(target, name, findings, inside=paths.feedback)
    register = validate_model(loaded, FeedbackRegister, findings) if loaded else None
    if loaded is None or register is None or list(loaded.data)[-1] != "entries":
        findings.report(rules.REGISTER_UNWRITABLE, SourceRef(name, 1),
                        "không ghi thêm được vào sổ góp ý",
                        f"{name} cannot be added to: it must load, with 'entries:' its last key")
        return None
    return {entry.id for entry in register.entries}


class _Older:
    """Older drafts, built again from git by commit, to place the comments of their copies."""

    def __init__(self, paths: Paths, findings: Findings):
        self.paths, self.findings = paths, findings
        self.built: dict[str, Index | None] = {}

    def index(self, stamp: str | None, where: SourceRef) -> Index | None:
        """The older draft a copy's stamp names, built again; None (placed by the copy's
        own words) when the stamp names no commit of this repository."""
        from .readers.git import known_commit

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
        import tempfile

        from .feedback.mapping import Index
        from .readers.git import GitError, export_tree

        folders = [self.paths.name(folder) for folder in (self.paths.data, self.paths.templates)]
        with tempfile.TemporaryDirectory(prefix="qtreport-old-") as work:
            root = Path(work)
            try:
                export_tree(self.paths.root, commit, folders, root)
            except GitError:
                return None  # placed by the copy's own words instead
            old = check(Paths.at(root, root / folders[0], root / folders[1]), text_checks=False,
                        registers=False)
        return Index(old.document) if old.document is not None else None


def feedback_document(paths: Paths, round_name: str, status: str | None = None,
                      unit: str | None = None) -> tuple[Result, ast.Document | None]:
    """The synthesis table of a round as a document tree, its entries kept to a status or
    a unit if asked (`feedback list`); the check's result beside it."""
    from .feedback.synthesis import synthesis_document

    result = check(paths, text_checks=False)
    if result.document is None:
        return result, None
    name = paths.name(paths.feedback / f"{round_name}.yaml")
    register = result.registers.get(name)
    if register is None:
        result.findings.report(rules.FILE_UNREADABLE, SourceRef(name, 1),
                               "không có sổ góp ý của vòng này",
                               f"there is no {name}", "run qtreport feedback add first, or "
                               "name the round with --round")
        return result, None
    entries = [entry for entry in register.entries
               if (status is None or entry.status == status)
               and (unit is None or entry.unit == unit)]
    return result, synthesis_document(result.document, entries, SourceRef(name, 1),
                                      register.round)


def feedback_table(paths: Paths, round_name: str) -> Result:
    """feedback/<round>.yaml as build/<output>-tong-hop-gop-y.docx."""
    from .writers.docx import write_docx

    result, document = feedback_document(paths, round_name)
    if document is None:
        return result
    target = paths.out / f"{document.meta.output}.docx"
    if _write(paths, target, write_docx(document), result.findings):
        result.output = target
    return result


# -- comparing two drafts ---------------------------------------------------------------------

FIXED_DATE = "2000-01-01T00:00:00Z"  # the revisions' date when no commit gives one


@dataclass
class DiffResult:
    findings: Findings
    summary: object | None = None  # diff.Summary
    output: Path | None = None
    old_name: str = ""
    new_name: str = ""


def compare_drafts(paths: Paths, old: str, new: str | None, author: str,
                   date: str | None) -> DiffResult:
    """build/<output>-so-sanh.docx: draft `new` (the working tree if None) with its changes
    from draft `old` tracked. `old` and `new` are git revisions or report folders."""
    import tempfile

    from .diff import compare
    from .readers.git import commit_date, head_commit
    from .writers.docx import write_docx

    result = DiffResult(Findings())
    with tempfile.TemporaryDirectory(prefix="qtreport-diff-") as work:
        before = _draft(paths, old, Path(work) / "old", result.findings)
        after = _draft(paths, new, Path(work) / "new", result.findings) if new else \
            (check(paths, text_checks=False, registers=False), head_commit(paths.root))
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
    if not _write(paths, target, write_docx(document), result.findings):
        return result
    result.summary, result.output = summary, target
    result.old_name, result.new_name = old, new or "the working tree"
    return result


def _draft(paths: Paths, which: str, work: Path,
           findings: Findings) -> tuple[Result, str | None] | None:
    """The draft named `which`: a report folder (its data/ and templates/, or a data
    folder with the templates of this one), else a git revision built from its files."""
    from .readers.git import GitError, export_tree, resolve

    folder = (Path.cwd() / which).resolve()
    if (folder / "data" / "report.yaml").is_file():
        return check(Paths.at(folder), text_checks=False, registers=False), None
    if (folder / "report.yaml").is_file():
        return check(Paths.at(folder.parent, folder, paths.templates), text_checks=False,
                     registers=False), None
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
    return check(Paths.at(work, work / names[0], work / names[1]), text_checks=False,
                 registers=False), commit


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
    from .feedback.apply import plan_changes

    current = check(paths, text_checks=False, registers=False)
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
    from .write import ChangedSinceRead, Replacement, write_together

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
    from .feedback.apply import Change
    from .feedback.mapping import Index, place_items
    from .readers.returned_copy import read_copy
    from .word.package import PackageError

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
                changes.append(Change(entry.anchor, entry.before, entry.old, entry.new,
                                      f"{copy.name}: {entry.comment}"))
    return changes


def _register_changes(paths: Paths, target: Path, findings: Findings) -> list[Change] | None:
    from .feedback.apply import Change
    from .readers.yaml import load_file
    from .validate.models import FeedbackRegister
    from .validate.schema import validate_model

    name = paths.name(target)
    loaded = load_file(target, name, findings, inside=paths.feedback) \
        if target.exists() else None
    register = validate_model(loaded, FeedbackRegister, findings) if loaded else None
    if register is None:
        if not findings.errors:
            findings.report(rules.FILE_UNREADABLE, SourceRef(name, 1),
                            "không có sổ góp ý của vòng này", f"there is no {name}",
                            "give the returned copies, or run qtreport feedback add first")
        return None
    return [Change(e.anchor, e.before or "", e.old or "", e.new or "",
                   f"{e.id} ({e.unit}): {e.comment or ''}", i)
            for i, e in enumerate(register.entries)
            if e.kind != "comment" and e.status == "tiếp thu" and not e.applied]


def _still_checks(paths: Paths, current: Result, texts: dict[str, str],
                  findings: Findings) -> bool:
    """The edited report, in a copy, checks without errors; else its errors, and no write.
    The copy is made of the files the check read, from what it read (no link followed,
    nothing but the report's own YAML copied)."""
    import tempfile

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
        after = check(Paths.at(root, data, templates), text_checks=False, registers=False)
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
    from .readers.yaml import load_file

    loaded = load_file(target, paths.name(target), Findings(), inside=paths.feedback)
    if loaded is None:
        return None
    lines = loaded.text.splitlines(keepends=True)
    for index in sorted(entries, reverse=True):
        ref = loaded.ref(("entries", index, "status"))
        indent = " " * max(ref.column - 1, 0)
        lines.insert(ref.line, f"{indent}applied: true\n")
    return target.read_text(encoding="utf-8"), "".join(lines)


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
    from .readers.word_draft import read_word
    from .scaffold import refuse_existing, starter_templates
    from .writers.sources import TABLES, write_sources

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
        from .write import write_atomic

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
    import os

    if folder.is_symlink() or not folder.is_dir():
        return []
    found = []
    for top, _dirs, names in os.walk(folder):  # os.walk follows no link by default
        found += [Path(top) / name for name in names]
    return found
